"""The content we ship: clean, complete in three languages, within Telegram's limits, and safe."""

from __future__ import annotations

import html
import re
from collections import deque
from pathlib import Path

import pytest

from bot.checking.check import SCREEN_COLUMNS_LIMIT, check_content, phone_columns
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage
from bot.conversation.telegram_html import MESSAGE_LIMIT, visible_text
from bot.model.loader import reachable
from bot.model.model import LOCALES
from bot.telegram.callbacks import encode_action

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT.parent / "shared" / "content-brief.md"


def test_check_is_clean_and_every_language_complete(shipped: ScreenBuilder) -> None:
    report = check_content(shipped, encode_action=encode_action)
    assert [str(p) for p in report.errors] == []
    assert report.coverage == {locale: 100.0 for locale in LOCALES}


def test_there_are_at_least_60_pages(shipped: ScreenBuilder) -> None:
    assert len(shipped.content.pages) >= 60


def test_every_page_in_every_language_fits_and_is_reachable(shipped: ScreenBuilder) -> None:
    assert reachable(shipped.content) == set(shipped.content.pages)
    for page_id in shipped.content.pages:
        for locale in LOCALES:
            parts = shipped.parts(page_id, locale)
            assert 1 <= len(parts) <= 3, (page_id, locale, len(parts))
            assert all(len(visible_text(p).encode("utf-16-le")) // 2 <= MESSAGE_LIMIT
                       for p in parts)


def test_every_factual_page_has_sources_review_date_and_status(shipped: ScreenBuilder) -> None:
    for page_id, spec in shipped.content.pages.items():
        if spec.factual:
            assert spec.sources, page_id
            assert spec.reviewed is not None, page_id
            assert spec.status in ("draft", "awaiting_review", "reviewed")


def test_selfcheck_reaches_each_outcome(shipped: ScreenBuilder) -> None:
    pages = shipped.content.pages
    seen, queue = {"selfcheck"}, deque(["selfcheck"])
    while queue:
        spec = pages[queue.popleft()]
        for target in [*spec.children, *(b.to for b in spec.buttons)]:
            if target.startswith("selfcheck") and target not in seen:
                seen.add(target)
                queue.append(target)
    outcomes = {pages[p].outcome for p in seen if pages[p].outcome}
    assert outcomes == {"urgent", "soon", "watch"}
    for page_id in seen:
        if pages[page_id].outcome is None and page_id != "selfcheck":
            labels = [b.label for b in pages[page_id].buttons]
            assert labels == ["yes", "no"], page_id
            screen = shipped.page(page_id, "en")
            assert screen is not None
            assert [b.label for b in screen.buttons()][:2] == ["Yes", "No"]
            assert "👍 Useful" not in [b.label for b in screen.buttons()], page_id


def all_text(shipped: ScreenBuilder) -> dict[tuple[str, str], str]:
    return {(page_id, locale): visible_text(shipped.renderer.page_html(page_id, locale))
            for page_id in shipped.content.pages for locale in LOCALES}


def test_no_milligram_doses(shipped: ScreenBuilder) -> None:
    dose = re.compile(r"\d\s*(mg|milligram|毫克)", re.IGNORECASE)
    offenders = [key for key, text in all_text(shipped).items() if dose.search(text)]
    assert offenders == []


def test_no_stigmatising_words_in_english(shipped: ScreenBuilder) -> None:
    words = re.compile(r"\b(abuser?s?|addicts?|junkies?|clean|dirty)\b", re.IGNORECASE)
    # Only the US SAMHSA's name keeps "abuse"; Hong Kong services go by their short names.
    official = re.compile(r"Substance Abuse and Mental Health", re.IGNORECASE)
    offenders = {}
    for (page_id, locale), text in all_text(shipped).items():
        if locale == "en":
            found = words.findall(official.sub("", text))
            if found:
                offenders[page_id] = found
    assert offenders == {}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief is beside the repository")
def test_every_service_phone_number_comes_from_the_brief(shipped: ScreenBuilder) -> None:
    brief_numbers = {_digits(m) for m in re.findall(r"\d[\d\s-]{1,16}\d", BRIEF.read_text())}
    invented = [(s.id, s.phone) for s in shipped.content.services
                if s.phone and not any(_digits(s.phone) in n for n in brief_numbers)]
    assert invented == []
    for region in shipped.content.regions.values():
        for number in re.findall(r"\d+", region.emergency):
            assert number in BRIEF.read_text(), region.emergency


# --- Safety review (issue 11): each content fix has a test that would have caught it. -------

DOCS = ROOT / "docs" / "content.md"


def _docs_table(header: str) -> list[list[str]]:
    """The rows of the Markdown table in docs/content.md whose header line starts with header."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_selfcheck_walks_exactly_the_decision_table_in_the_docs(shipped: ScreenBuilder) -> None:
    """docs/content.md is the one place the self-check's logic is written down; every answer
    path of the real content must end where it says, and each question must ask what it lists."""
    questions = {row[0]: (row[1], row[2]) for row in _docs_table("| question | page |")}
    table = {tuple(a for a in row[:3] if a): (row[3], row[4])
             for row in _docs_table("| Q1 | Q2 | Q3 |")}
    pages = shipped.content.pages
    number = {page: q for q, (page, _) in questions.items()}
    assert [b.to for b in pages["selfcheck"].buttons] == [questions["Q1"][0]]
    walked: dict[tuple[str, ...], tuple[str, str]] = {}

    def walk(page: str, answers: tuple[str, ...]) -> None:
        spec = pages[page]
        if spec.outcome:
            walked[answers] = (spec.outcome, page)
            return
        assert number.get(page) == f"Q{len(answers) + 1}", (page, answers)
        buttons = {b.label: b.to for b in spec.buttons}
        assert set(buttons) == {"yes", "no"}, page
        walk(buttons["yes"], (*answers, "Yes"))
        walk(buttons["no"], (*answers, "No"))

    walk(questions["Q1"][0], ())
    assert walked == table
    for q, (page, asks) in questions.items():
        body = html.unescape(visible_text(shipped.renderer.page_html(page, "en")))
        for sign in asks.split(": ", 1)[1].split("; "):
            assert sign in body, (q, sign)
        assert 'If you are not sure, choose "Yes".' in body, q
    # The under-triage the safety review found: side pain alone, and blood in the pee that has
    # stopped, both lead at least to "see a doctor soon".
    assert "pain in your side, between your ribs and hip" in questions["Q2"][1]
    assert "blood in your pee, even if it has stopped" in questions["Q2"][1]
    assert table[("No", "Yes")] == ("soon", "selfcheck_soon")


def test_selfcheck_watch_says_only_what_the_brief_says(shipped: ScreenBuilder) -> None:
    texts = all_text(shipped)
    assert "every few weeks" not in texts[("selfcheck_watch", "en")]
    assert "每隔几周" not in texts[("selfcheck_watch", "zh-Hans")]
    assert "每隔幾星期" not in texts[("selfcheck_watch", "zh-Hant")]


TODAY = {"en": "today", "zh-Hans": "今天", "zh-Hant": "今天"}
CANT_PEE = {"en": re.compile(r"can(?:no|')t pee", re.IGNORECASE),
            "zh-Hans": re.compile(r"尿不出|排不出尿"),
            "zh-Hant": re.compile(r"小便不出|小便排不出")}


def test_cant_pee_or_blood_in_pee_always_means_help_today(shipped: ScreenBuilder) -> None:
    """One wording everywhere: not 'quickly' on one page and 'today' on another."""
    for (page_id, locale), text in all_text(shipped).items():
        if page_id.startswith("selfcheck_q"):
            continue  # the questions ask; the answers say what to do
        for paragraph in text.split("\n"):
            if CANT_PEE[locale].search(paragraph):
                assert TODAY[locale] in paragraph, (page_id, locale, paragraph)


UNCONSCIOUS = {"en": re.compile(r"unconscious|pass(?:es|ed|ing)? out", re.IGNORECASE),
               "zh-Hans": re.compile(r"昏迷|不省人事|昏过去|昏倒"),
               "zh-Hant": re.compile(r"昏迷|不省人事|昏了過去|昏過去|昏倒")}
COMPRESSIONS = {"en": "chest compressions", "zh-Hans": "胸外按压", "zh-Hant": "胸外按壓"}


def test_wherever_someone_may_pass_out_the_page_says_what_to_do_if_not_breathing(
        shipped: ScreenBuilder) -> None:
    texts = all_text(shipped)
    pages = {page_id for (page_id, locale), text in texts.items()
             if UNCONSCIOUS[locale].search(text)}
    assert {"emergency", "emergency_recovery", "safer_friend", "mix_alcohol"} <= pages
    for page_id in pages:
        assert "S78" in shipped.content.pages[page_id].sources, page_id
        for locale in LOCALES:
            assert COMPRESSIONS[locale] in texts[(page_id, locale)], (page_id, locale)
    assert shipped.content.sources["S78"].title == (
        "St John Ambulance (UK). How to do CPR on an adult. sja.org.uk/get-advice/first-aid-"
        "advice/unresponsive-casualty/how-to-do-cpr-on-an-adult")


def test_emergency_pages_show_the_local_number_and_keep_sos_one_tap_away(
        shipped: ScreenBuilder) -> None:
    hong_kong = shipped.content.regions["hk"].emergency
    for page_id in ("emergency", "emergency_recovery", "emergency_panic", "emergency_police"):
        for locale in LOCALES:
            screen = shipped.page(page_id, locale, regions=["hk"])
            assert screen is not None
            assert hong_kong in screen.text.split("\n")[0], (page_id, locale)
            if page_id != "emergency":
                assert OpenPage("emergency") in [b.action for b in screen.buttons()], page_id


def test_check_finds_no_page_without_an_onward_button(shipped: ScreenBuilder) -> None:
    report = check_content(shipped)
    assert [p.message for p in report.problems if "nowhere to go" in p.message] == []
    assert [p.message for p in report.problems if "shows no number" in p.message] == []


def test_no_driving_or_water_only_while_you_feel_the_effects(shipped: ScreenBuilder) -> None:
    """Ketamine stays active longer than it feels: the advice is not to, full stop."""
    feel = {"en": re.compile(r"while you (?:still )?feel", re.IGNORECASE),
            "zh-Hans": re.compile(r"还有(?:一点)?感觉"),
            "zh-Hant": re.compile(r"仍有(?:任何)?感覺")}
    offenders = [key for key, text in all_text(shipped).items() if feel[key[1]].search(text)]
    assert offenders == []


def test_accidents_cause_most_short_term_harm_not_most_harm(shipped: ScreenBuilder) -> None:
    most = {"en": re.compile(r"most (?:\w+ )?harm", re.IGNORECASE),
            "zh-Hans": re.compile(r"伤害[，,]?大多"), "zh-Hant": re.compile(r"傷害[，,]?大多")}
    short = {"en": "short-term", "zh-Hans": "短期", "zh-Hant": "短期"}
    for (page_id, locale), text in all_text(shipped).items():
        for paragraph in text.split("\n"):
            if most[locale].search(paragraph) and ("accident" in paragraph or "意外" in paragraph):
                assert short[locale] in paragraph, (page_id, locale, paragraph)


def test_person_first_words_in_chinese(shipped: ScreenBuilder) -> None:
    labels = re.compile(r"吸毒者|瘾君子|癮君子|戒毒康复人员|戒毒（戒治）人士|长期使用者|長期使用者")
    offenders = [key for key, text in all_text(shipped).items() if labels.search(text)]
    assert offenders == []
    assert "long-term users" not in all_text(shipped)[("mental_mood", "en")]


def test_traditional_chinese_leads_with_words_hong_kong_and_taiwan_share(
        shipped: ScreenBuilder) -> None:
    """K仔 and 索K are Hong Kong slang: named where they are explained, not used as the name."""
    texts = {page: text for (page, locale), text in all_text(shipped).items()
             if locale == "zh-Hant"}
    slang = sorted(page for page, text in texts.items() if re.search(r"K仔|索K|鼻索", text))
    assert slang == ["about", "what", "what_names"]  # each says what K仔 is
    # One spelling per script: 臥, 裡, 著 in Traditional; one name for the recovery position.
    assert [page for page, text in texts.items() if re.search(r"[卧裏着]|機械人", text)] == []
    hans = {page: text for (page, locale), text in all_text(shipped).items()
            if locale == "zh-Hans"}
    assert [page for page, text in hans.items() if "稳定侧卧位" in text] == []


def test_the_merged_prescribed_ketamine_page_still_opens_from_old_links(
        shipped: ScreenBuilder) -> None:
    assert "mix_prescribed" not in shipped.content.pages
    screen = shipped.page("mix_prescribed", "en")
    assert screen is not None and screen.page == "mental_clinical"
    assert "mental_clinical" in shipped.content.pages["mixing"].children
    assert "mental_clinical" in shipped.content.pages["mental_health"].children


def test_waiting_times_keep_up_to_in_chinese(shipped: ScreenBuilder) -> None:
    texts = all_text(shipped)
    assert texts[("safer_waiting", "en")].count("up to") >= 2
    assert texts[("safer_waiting", "zh-Hans")].count("最长") >= 2
    assert texts[("safer_waiting", "zh-Hant")].count("最長") >= 2


def test_chinese_readers_are_told_when_a_link_opens_an_english_page(shipped: ScreenBuilder) -> None:
    for page_id, spec in shipped.content.pages.items():
        for url in spec.urls:
            if "/en/" in url.url:
                for locale, word in (("zh-Hans", "英文"), ("zh-Hant", "英文")):
                    label = shipped.content.text(page_id, locale).labels.get(url.id, "")
                    assert word in label, (page_id, url.id, locale)


def _brief_citations() -> dict[str, str]:
    """The brief's citation lines ("- [S1] ..."), which are what a reader may see."""
    section = BRIEF.read_text(encoding="utf-8").split("\n## Sources", 1)[1].split("\n## ", 1)[0]
    return {m[1]: m[2].strip() for m in re.finditer(r"^- \[(S\d+)\] (.+)$", section, re.M)}


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief is beside the repository")
def test_every_source_reads_as_the_brief_cites_it(shipped: ScreenBuilder) -> None:
    citations = _brief_citations()
    assert set(shipped.content.sources) <= set(citations)
    for source_id, source in shipped.content.sources.items():
        shown = f"{source.title} {source.url}" if source.url else source.title
        assert shown == citations[source_id], source_id


# --- Length, and the Chinese in step with the English (issue 11, second pass). ------------

def test_no_screen_as_shown_is_too_long_for_a_phone_in_any_language(
        shipped: ScreenBuilder) -> None:
    """A screen fits on a phone as people see it, with the banner of every region's numbers on
    top: a Chinese character counts as two columns, as check counts (issue 24)."""
    too_long = {}
    for page_id in shipped.content.pages:
        for locale in LOCALES:
            for part in range(len(shipped.parts(page_id, locale))):
                screen = shipped.page(page_id, locale, part)
                assert screen is not None
                columns = phone_columns(visible_text(screen.text))
                if columns > SCREEN_COLUMNS_LIMIT:
                    too_long[(page_id, locale, part)] = columns
    assert too_long == {}
    assert [p.message for p in check_content(shipped).problems
            if "phone columns" in p.message] == []


def test_every_service_is_on_its_region_page_or_one_tap_from_it(shipped: ScreenBuilder) -> None:
    """Help in Hong Kong is two screens (lines, then clinics); a split must drop no service."""
    texts = all_text(shipped)
    content = shipped.content
    for service in content.services:
        page = content.regions[service.region].page
        assert page is not None, service.id
        near = [page, *content.pages[page].targets()]
        for locale in LOCALES:
            name = service.local("name", locale)
            assert [p for p in near if name in texts.get((p, locale), "")], (service.id, locale)
    assert "help_hk_clinics" in content.pages["help_hk"].children


# Sentences the English no longer says (it was trimmed), which the Chinese must not keep.
DROPPED = [
    ("mix_ghb", "Few", {"zh-Hans": "很少有人", "zh-Hant": "很少人"}),
    ("mental_clinical", "breathing", {"zh-Hans": "呼吸变慢", "zh-Hant": "呼吸變慢"}),
    ("cutdown_support", "emotions", {"zh-Hans": "情绪和生活方式", "zh-Hant": "情緒和生活方式"}),
    ("mental_crisis", "Your number", {"zh-Hans": "看不到你的号码", "zh-Hant": "看不到你的號碼"}),
    ("mix_opioids", "includes tramadol",
     {"zh-Hans": "最高风险，包括", "zh-Hant": "最高風險，包括"}),
    ("higher_risk_young", "Government figures", {"zh-Hans": "政府数据", "zh-Hant": "政府數字"}),
]
# Advice every language keeps.
KEPT = [
    (page, {"en": "sober friend", "zh-Hans": "清醒的朋友", "zh-Hant": "清醒的朋友"})
    for page in ("mix_alcohol", "mix_opioids", "mix_benzos", "effects_khole")
]


def test_the_chinese_say_what_the_english_says(shipped: ScreenBuilder) -> None:
    texts = all_text(shipped)
    for page, english, chinese in DROPPED:
        assert english not in texts[(page, "en")], page
        for locale, words in chinese.items():
            assert words not in texts[(page, locale)], (page, locale, words)
    for page, words_by_locale in KEPT:
        for locale, words in words_by_locale.items():
            assert words in texts[(page, locale)], (page, locale, words)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text.replace("24/7", "24")))


# Where the languages write the same fact with different digits. English-only: "1 in 8" is
# 八分之一, "1 in 3" 三分之一. Chinese-only: "Six" is 6, "May" 5月, "HK$1 million" 100万; the
# Chinese help and crisis pages lead with their own readers' numbers.
ENGLISH_ONLY_NUMBERS = {"bladder_recovery": {"1", "8"}, "higher_risk_clubs": {"1"}}
CHINESE_ONLY_NUMBERS = {
    "bladder_continue": {"6"}, "help_cn": {"5"}, "what_law": {"100"},
    "get_help": {"120", "12356", "186", "0800", "770", "885"},
    "mental_crisis": {"120", "119", "999"},
}


def test_every_number_the_english_gives_the_chinese_give_too(shipped: ScreenBuilder) -> None:
    """A cheap check that translations kept up: a number in one language and not the other is
    a fact added or dropped on one side only."""
    texts = all_text(shipped)
    for page in shipped.content.pages:
        if page == "about_reviewed":
            continue  # dates are written per language
        english = _numbers(texts[(page, "en")])
        for locale in ("zh-Hans", "zh-Hant"):
            chinese = _numbers(texts[(page, locale)])
            assert english - chinese <= ENGLISH_ONLY_NUMBERS.get(page, set()), (page, locale)
            assert chinese - english <= CHINESE_ONLY_NUMBERS.get(page, set()), (page, locale)


SLANG = re.compile(r"K仔|索K|鼻索")


def _unexplained_slang(text: str) -> list[str]:
    """Hong Kong slang named before ketamine's shared name, or not introduced as what people
    call it (香港俗稱K仔, 常叫K仔)."""
    return [text[max(0, m.start() - 12):m.end()] for m in SLANG.finditer(text)
            if "氯胺酮" not in text[:m.start()] or not re.search(r"(?:稱|叫)$", text[:m.start()])]


def test_traditional_chinese_interface_and_pages_share_words_hong_kong_and_taiwan_use(
        shipped: ScreenBuilder) -> None:
    """The zh-Hant welcome leads with 氯胺酮 / K他命 and says 機器人, like the pages."""
    ui = shipped.ui.strings["zh-Hant"]
    assert [key for key, text in ui.items() if re.search(r"[卧裏着]|機械人", text)] == []
    welcome = ui["welcome"]
    assert welcome.index("氯胺酮") < welcome.index("K他命") < welcome.index("K仔")
    pages = [text for (_, locale), text in all_text(shipped).items() if locale == "zh-Hant"]
    summaries = [shipped.content.text(page, "zh-Hant").summary
                 for page in shipped.content.pages]
    for text in [*ui.values(), *pages, *summaries]:
        assert _unexplained_slang(text) == [], text[:60]
    assert _unexplained_slang("K仔膀胱") and _unexplained_slang("氯胺酮和K仔")


def test_one_word_per_script_in_the_interface_and_the_pages(shipped: ScreenBuilder) -> None:
    """The same thing has one name in a script's buttons, messages and pages."""
    texts = all_text(shipped)
    avoid = {"zh-Hans": re.compile(r"紧急电话|稳定侧卧位|机械人"),
             "zh-Hant": re.compile(r"急救電話|機械人")}
    for locale, pattern in avoid.items():
        pages = [page for (page, lang), text in texts.items()
                 if lang == locale and pattern.search(text)]
        keys = [key for key, text in shipped.ui.strings[locale].items() if pattern.search(text)]
        assert (pages, keys) == ([], []), locale


# --- Numbers wherever someone may be in danger (issue 22). -------------------------------

GET_HELP_NOW_PAGES = ("body", "body_cramps", "mix_mdma", "mix_stimulants", "safer_water_cold")


@pytest.mark.parametrize("page_id", GET_HELP_NOW_PAGES)
def test_pages_that_say_get_help_straight_away_open_with_every_regions_number(
        shipped: ScreenBuilder, page_id: str) -> None:
    for locale in LOCALES:
        screen = shipped.page(page_id, locale)
        assert screen is not None
        banner = shipped.numbers_banner(locale)
        assert banner and screen.text.startswith(banner + "\n\n"), (page_id, locale)


def test_the_emergency_page_has_the_crisis_lines_one_tap_away(shipped: ScreenBuilder) -> None:
    for locale in LOCALES:
        screen = shipped.page("emergency", locale)
        assert screen is not None
        crisis = [b for b in screen.buttons() if b.action == OpenPage("mental_crisis")]
        assert [b.label.split()[0] for b in crisis] == ["☎️"], locale


def test_selfcheck_sends_the_same_day_signs_to_urgent_as_the_brief_and_other_pages_do(
        shipped: ScreenBuilder) -> None:
    """Issue 22: a fever alone ended at "watch", and very bad lower-belly pain at "book your
    GP" while other pages say to get help straight away. The brief's §11a same-day signs
    (S89, S90) are each a Yes to question 1 on their own."""
    questions = {row[0]: row[2] for row in _docs_table("| question | page |")}
    urgent_now = questions["Q1"].split(": ", 1)[1].split("; ")
    for sign in ("blood in your pee", "you have not peed all day",
                 "a high temperature, or feeling hot and shivery",
                 "a very low temperature (below 36 °C)", "feeling confused or very drowsy",
                 "very bad pain low in your belly, or pain in your back under your ribs",
                 "being sick (vomiting)"):
        assert sign in urgent_now, sign
    assert not any(" with " in sign for sign in urgent_now)  # no sign waits for a second one
    assert "very bad" not in questions["Q2"]  # "see a doctor soon" asks nothing urgent
    pages = shipped.content.pages
    assert {"S89", "S90"} <= set(pages["selfcheck_q1"].sources)
    assert {"S89", "S90"} <= set(pages["selfcheck_urgent"].sources)
    # The same number of signs in every language, and the outcome pages name fever as urgent.
    def signs(locale: str) -> int:
        body = visible_text(shipped.renderer.page_html("selfcheck_q1", locale))
        return sum(1 for line in body.splitlines() if line.startswith("• "))
    assert signs("en") == signs("zh-Hans") == signs("zh-Hant") == len(urgent_now)
    fever = {"en": "fever", "zh-Hans": "发烧", "zh-Hant": "發燒"}
    for page in ("selfcheck_soon", "selfcheck_watch"):
        for locale in LOCALES:
            text = visible_text(shipped.renderer.page_html(page, locale))
            today = [p for p in text.split("\n") if TODAY[locale] in p and fever[locale] in p]
            assert today, (page, locale)
