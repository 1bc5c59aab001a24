"""Issue 24: the pages for what people asked and found no answer to, and the second independent
review's corrections, each kept by a test so it cannot quietly come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage
from bot.conversation.telegram_html import visible_text
from bot.model.model import LOCALES
from bot.review_pack import pack_pages, write_review_pack
from tests.conftest import ROOT

NEW_PAGES = {
    # page: (the menu page a person would open, the brief's section)
    "bladder_care": ("bladder", "11a"),
    "bladder_pain": ("bladder", "11a"),
    "body_cramps_relief": ("body_cramps", "11b"),
    "body_after": ("body_memory", "11c"),
    "higher_risk_pregnancy": ("higher_risk", "11d"),
    "higher_risk_breastfeeding": ("higher_risk_pregnancy", "11d"),
    "body_sleep": ("body", "11e"),
    "mental_friend": ("mental_health", "11f"),
    "mental_friend_signs": ("mental_friend", "11f"),
}


def text_of(shipped: ScreenBuilder, page: str, locale: str) -> str:
    return visible_text(shipped.renderer.page_html(page, locale))


def all_text(shipped: ScreenBuilder) -> dict[tuple[str, str], str]:
    return {(page, locale): text_of(shipped, page, locale)
            for page in shipped.content.pages for locale in LOCALES}


# -- the new pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("page", sorted(NEW_PAGES))
def test_each_new_page_is_live_sourced_in_its_menu_and_opens_from_its_deep_link(
        shipped: ScreenBuilder, page: str) -> None:
    content = shipped.content
    spec = content.pages[page]
    assert spec.status != "draft" and spec.sources
    assert all(source in content.sources for source in spec.sources)
    parent = NEW_PAGES[page][0]
    assert page in content.pages[parent].targets(), (page, parent)
    for locale in LOCALES:
        text = content.text(page, locale)
        assert text.keywords and text.summary, (page, locale)
        screen = shipped.page(page, locale)  # what ?start=<page> opens
        assert screen is not None and screen.page == page


def test_the_new_pages_cite_only_the_brief_s_new_sources_where_it_says_so(
        shipped: ScreenBuilder) -> None:
    """Every new page cites at least one of S79-S126 (brief section 11), which sources.yaml has."""
    new_sources = {f"S{n}" for n in range(79, 127)}
    assert new_sources <= set(shipped.content.sources)
    for page in NEW_PAGES:
        assert new_sources & set(shipped.content.pages[page].sources), page


def test_the_new_pages_are_in_the_docs_page_map() -> None:
    docs = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    for page in NEW_PAGES:
        assert f"`{page}`" in docs, page


GAPS = {  # where the brief says UNCONFIRMED or Not found, the page says so honestly
    "body_after": {"en": "no good information", "zh-Hans": "没有找到可靠的资料",
                   "zh-Hant": "沒有找到可靠的資料"},
    "body_sleep": {"en": "no good information", "zh-Hans": "没有找到可靠的资料",
                   "zh-Hant": "沒有找到可靠的資料"},
    "body_cramps_relief": {"en": "no trustworthy advice", "zh-Hans": "没有找到可靠的建议",
                           "zh-Hant": "沒有找到可靠的建議"},
    "higher_risk_pregnancy": {"en": "no guidance from Hong Kong, Taiwan or mainland China",
                              "zh-Hans": "没有找到香港、台湾或中国大陆的相关指引",
                              "zh-Hant": "沒有找到香港、台灣或中國大陸的相關指引"},
}


def test_pages_say_where_there_is_no_good_information(shipped: ScreenBuilder) -> None:
    for page, words in GAPS.items():
        for locale, phrase in words.items():
            assert phrase in text_of(shipped, page, locale), (page, locale)


def test_heat_for_k_cramps_comes_with_no_bath_while_high(shipped: ScreenBuilder) -> None:
    bath = {"en": "No bath while high", "zh-Hans": "药效没过时不要泡澡",
            "zh-Hant": "藥力未過時不要浸浴"}
    for locale, words in bath.items():
        assert words in text_of(shipped, "body_cramps_relief", locale)


def test_k_cramps_page_shows_the_emergency_number_with_its_signs(shipped: ScreenBuilder) -> None:
    hong_kong = shipped.content.regions["hk"].emergency
    for page in ("body_cramps", "mental_friend", "mental_friend_signs"):
        for locale in LOCALES:
            screen = shipped.page(page, locale, regions=["hk"])
            assert screen is not None and hong_kong in screen.text.split("\n")[0], page


def test_a_friend_talking_about_suicide_is_one_tap_from_crisis_lines_and_mental_health(
        shipped: ScreenBuilder) -> None:
    for page in ("mental_crisis", "mental_health"):
        screen = shipped.page(page, "en")
        assert screen is not None
        assert OpenPage("mental_friend") in [b.action for b in screen.buttons()], page


# -- the second review's corrections -------------------------------------------------------

COMPRESSIONS = {"en": "chest compressions", "zh-Hans": "胸外按压", "zh-Hant": "胸外按壓"}
START = {"en": re.compile(r"(?:Start|Do) chest compressions"),
         "zh-Hans": re.compile(r"开始做胸外按压"), "zh-Hant": re.compile(r"開始做胸外按壓")}
GASPS = {"en": "Gasps don't count", "zh-Hans": "喘息不算", "zh-Hant": "喘一口氣不算"}


def test_not_breathing_says_start_compressions_and_gasps_dont_count(
        shipped: ScreenBuilder) -> None:
    """S78: start chest compressions and keep going, not only 'the call handler will talk you
    through it'; the short form keeps 'Gasps don't count'."""
    pages = 0
    for (page, locale), text in all_text(shipped).items():
        for paragraph in text.split("\n"):
            if COMPRESSIONS[locale] in paragraph:
                pages += 1
                assert START[locale].search(paragraph), (page, locale, paragraph)
                assert GASPS[locale] in paragraph, (page, locale, paragraph)
    assert pages >= 3 * 8


def test_panic_page_gives_the_sources_durations_and_one_instruction_about_moving(
        shipped: ScreenBuilder) -> None:
    assert {"S9", "S11"} <= set(shipped.content.pages["emergency_panic"].sources)
    gone = {"en": ["under an hour", "somewhere quiet"], "zh-Hans": ["不到1小时", "带他去"],
            "zh-Hant": ["不到1小時", "帶他去"]}
    stay = {"en": "stay where they are", "zh-Hans": "留在原地", "zh-Hant": "留在原地"}
    for locale in LOCALES:
        text = text_of(shipped, "emergency_panic", locale)
        assert all(words not in text for words in gone[locale]), locale
        assert stay[locale] in text
        assert all(number in text for number in ("45", "90", "75")), locale


def test_most_as_the_source_says_it(shipped: ScreenBuilder) -> None:
    """S1: MOST acute harm is from accidents; MOST street ketamine is made in illegal labs."""
    texts = all_text(shipped)
    assert "one of the main ways" not in texts[("safer_water_cold", "en")]
    assert "主要方式" not in texts[("safer_water_cold", "zh-Hans")]
    assert "主要方式" not in texts[("safer_water_cold", "zh-Hant")]
    most = {"en": "Most street ketamine", "zh-Hans": "大多来自非法", "zh-Hant": "大多來自非法"}
    for locale, words in most.items():
        assert words in texts[("mental_clinical", locale)], locale


# Statements the brief does not make. Codeine and tramadol are sourced (brief 3 and 11a, S6);
# search keywords may still name the others, since people type them.
UNSOURCED = {
    "en": re.compile(r"Parkinson|sertraline|fluoxetine|citalopram|Xanax|alprazolam|heroin|"
                     r"methadone|see many people", re.IGNORECASE),
    "zh-Hans": re.compile(r"帕金森|舍曲林|氟西汀|西酞普兰|阿普唑仑|海洛因|美沙酮|经常接诊"),
    "zh-Hant": re.compile(r"帕金森|柏金遜|舍曲林|氟西汀|西酞普蘭|阿普唑侖|海洛英|海洛因|美沙酮"
                          r"|經常診治"),
}


def test_no_statement_the_brief_does_not_make(shipped: ScreenBuilder) -> None:
    offenders = {key: UNSOURCED[key[1]].findall(text)
                 for key, text in all_text(shipped).items() if UNSOURCED[key[1]].search(text)}
    assert offenders == {}


def test_one_name_for_the_recovery_position_in_each_script(shipped: ScreenBuilder) -> None:
    """zh-Hans: 恢复体位 (not the Hong Kong 复原卧位); zh-Hant: 復原臥式 always with the
    Taiwan name 復甦姿勢 beside it; and one spelling, 衛, in Traditional Chinese."""
    texts = all_text(shipped)
    hans = [page for (page, locale), text in texts.items()
            if locale == "zh-Hans" and re.search(r"复原卧位|复原卧式", text)]
    assert hans == []
    assert "恢复体位" in texts[("emergency_recovery", "zh-Hans")]
    for (page, locale), text in texts.items():
        if locale == "zh-Hant" and "復原臥式" in text:
            assert "復甦姿勢" in text, page
    hant = [key for key, text in texts.items() if key[1] == "zh-Hant" and "衞" in text]
    ui = [key for key, text in shipped.ui.strings["zh-Hant"].items() if "衞" in text]
    services = [s.id for s in shipped.content.services
                if any("衞" in str(value) for value in s.model_dump().values())]
    assert (hant, ui, services) == ([], [], [])


# -- the slang question for lived-experience reviewers ------------------------------------

def test_the_review_pack_asks_lived_experience_reviewers_about_slang(
        shipped: ScreenBuilder, tmp_path: Path) -> None:
    questions = shipped.content.review_rules.questions
    slang = [q for q in questions if "K仔" in q.ask["en"]]
    assert slang and slang[0].roles == ["lived_experience"]
    assert all(shipped.content.has_page(page) for q in questions for page in q.pages)
    for word in ("K粉", "K仔", "克他命", "K痛"):
        assert word in slang[0].ask["en"]
    pages = {p.page_id: p for p in pack_pages(shipped, ROOT / "content", "zh-Hant")}
    assert any("K仔" in question for question in pages["what_names"].questions)
    assert pages["safer_nose"].questions == ()
    write_review_pack(shipped, tmp_path, ROOT / "content")
    for locale, heading in (("en", "Questions for reviewers"), ("zh-Hans", "请审阅人回答的问题"),
                            ("zh-Hant", "請審閱人回答的問題")):
        html = (tmp_path / locale / "review.html").read_text(encoding="utf-8")
        assert heading in html and "克他命" in html, locale
