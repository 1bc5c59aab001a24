from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.search import SearchHit, SearchIndex
from bot.conversation.search.stemming import stem
from bot.conversation.search.text import VARIANTS, fold, split_terms, term_keys
from bot.conversation.search.typos import allowed_edits, edit_distance
from bot.conversation.telegram_html import visible_text
from bot.model.model import LOCALES
from tests.conftest import TreeBuilder, english_text, translated
from tests.core.search_cases import CASES, FIRST, IN_TOP_THREE, NO_MATCH, Case

# -- the shipped content ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_index(shipped: ScreenBuilder) -> SearchIndex:
    return SearchIndex.build(shipped.content, shipped.renderer)


def test_case_table_is_big_enough_and_names_real_pages(shipped: ScreenBuilder) -> None:
    per_language = Counter(case.locale for case in CASES)
    assert len(CASES) >= 66
    assert all(per_language[locale] >= 22 for locale in LOCALES), per_language
    unknown = [case for case in CASES if not shipped.content.has_page(case.page)]
    assert not unknown, f"cases name pages that do not exist: {unknown}"
    assert len({(case.query, case.locale) for case in CASES}) == len(CASES), "duplicate cases"


def test_realistic_questions_find_their_page_in_the_top_three(
        shipped_index: SearchIndex) -> None:
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for case in CASES:
        hits = shipped_index.search(case.query, case.locale)
        total[case.locale] += 1
        if case.page in [hit.page for hit in hits]:
            found[case.locale] += 1
        else:
            misses.append(f"  {case.locale} {case.query!r}: wanted {case.page}, got "
                          f"{[hit.page for hit in hits]}")
    share = {locale: found[locale] / total[locale] for locale in total}
    overall = sum(found.values()) / sum(total.values())
    report = "\n".join(
        [f"search top-3: {locale} {found[locale]}/{total[locale]} = {share[locale]:.1%}"
         for locale in LOCALES]
        + [f"search top-3: overall {sum(found.values())}/{sum(total.values())} = {overall:.1%}"]
        + (["misses (usually a keyword missing from content/text/):", *misses] if misses else []))
    print("\n" + report)
    assert overall >= 0.90 and all(value >= 0.85 for value in share.values()), (
        "search found too few pages in the top three:\n" + report)


@pytest.mark.parametrize("case", FIRST, ids=lambda case: f"{case.locale}-{case.query}")
def test_questions_that_once_found_nothing_get_their_page_first(
        shipped_index: SearchIndex, case: Case) -> None:
    hits = [hit.page for hit in shipped_index.search(case.query, case.locale)]
    assert hits[:1] == [case.page], hits


@pytest.mark.parametrize("case", IN_TOP_THREE, ids=lambda case: f"{case.locale}-{case.query}")
def test_everyday_words_find_their_page_in_the_top_three(
        shipped_index: SearchIndex, case: Case) -> None:
    hits = [hit.page for hit in shipped_index.search(case.query, case.locale)]
    assert case.page in hits[:3], hits


def test_first_answer_cases_cover_every_language(shipped: ScreenBuilder) -> None:
    per_language = Counter(case.locale for case in FIRST)
    assert all(per_language[locale] >= 10 for locale in LOCALES), per_language
    assert all(shipped.content.has_page(case.page) for case in FIRST)
    assert len({(case.query, case.locale) for case in FIRST}) == len(FIRST)


@pytest.mark.parametrize(("query", "locale"), NO_MATCH)
def test_messages_about_something_else_find_nothing(
        shipped_index: SearchIndex, query: str, locale: str) -> None:
    assert shipped_index.search(query, locale) == []


def test_shipped_index_is_quick_to_build_and_to_search(shipped: ScreenBuilder) -> None:
    started = time.thread_time()
    index = SearchIndex.build(shipped.content, shipped.renderer)
    built = time.thread_time() - started
    started = time.thread_time()
    for case in CASES:
        index.search(case.query, case.locale)
    per_search = (time.thread_time() - started) / len(CASES)
    print(f"\nsearch: build {built * 1000:.0f} ms, {per_search * 1000:.2f} ms per search")
    # CPU time of this thread, so other work on the machine does not count; typical is ~0.1 s
    # and < 1 ms.
    assert built < 1.0, f"building the index took {built:.2f} s"
    assert per_search < 0.005, f"a search took {per_search * 1000:.1f} ms on average"


def test_reasons_are_content_terms_in_the_hits_language(
        shipped: ScreenBuilder, shipped_index: SearchIndex) -> None:
    for case in CASES:
        for hit in shipped_index.search(case.query, case.locale):
            text = shipped.content.texts[hit.locale][hit.page]
            if hit.field == "keyword":
                assert hit.matched in text.keywords
            elif hit.field == "title":
                assert hit.matched in (text.title, text.button)
            elif hit.field == "summary":
                assert hit.matched in (text.summary or "")
            else:
                body = visible_text(shipped.renderer.body(hit.page, hit.locale))
                assert hit.matched in body


def test_fast_index_scan_agrees_with_the_query_tokenizer(shipped: ScreenBuilder) -> None:
    """Bodies are indexed by a faster path than queries; both must produce the same terms."""
    for locale, texts in shipped.content.texts.items():
        for page_id, text in texts.items():
            body = visible_text(shipped.renderer.body(page_id, locale))
            for value in (body, text.summary or "", text.title, *text.keywords):
                expected = {key for key, _weight, _surface in split_terms(value)}
                assert term_keys(value, {}) == expected, (locale, page_id, value[:40])


# -- a small synthetic tree ---------------------------------------------------------------


def synthetic_texts() -> dict[str, object]:
    en = english_text()
    en["home"]["keywords"] = ["menu", "ketamine"]
    en["bladder"]["keywords"] = ["bladder", "kidneys", "ketamine"]
    en["bladder_signs"]["keywords"] = ["blood in pee", "peeing a lot", "wee"]
    en["emergency"]["keywords"] = ["help", "ambulance", "not breathing"]
    en["long_page"].update(title="Ketamine and alcohol", keywords=["alcohol", "booze"])
    hans = translated("简 ")
    hans["bladder_signs"].update(title="早期症状", keywords=["尿频", "尿血"])
    hans["long_page"].update(title="氯胺酮和酒", keywords=["酒", "喝酒"])
    hant = translated("繁 ")
    hant["bladder_signs"].update(title="早期症狀", keywords=["尿頻", "小便有血"])
    hant["emergency"].update(title="緊急情況", keywords=["叫唔醒", "救命"])
    hant["long_page"].update(title="K仔和酒", keywords=["飲酒", "K仔肚痛"])
    return {"en": {"pages": en}, "zh-Hans": {"pages": hans}, "zh-Hant": {"pages": hant}}


@pytest.fixture
def index(make_tree: TreeBuilder) -> SearchIndex:
    root: Path = make_tree(texts=synthetic_texts())
    builder = ScreenBuilder.load(root / "content", root / "locales")
    return SearchIndex.build(builder.content, builder.renderer)


def top(index: SearchIndex, query: str, locale: str = "en") -> SearchHit:
    hits = index.search(query, locale)
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def test_english_stemming_makes_word_forms_one_term(index: SearchIndex) -> None:
    assert stem("pees") == stem("peeing") == stem("peed") == stem("pee") == "pee"
    assert stem("stopping") == stem("stops") == stem("stop")
    assert stem("breathing") == stem("breathe") == stem("breath")
    assert stem("weed") != stem("wee")  # cannabis is not a pee word
    for query in ("pees", "peeing", "peed", "PEE!!"):
        assert top(index, query).page == "bladder_signs", query


def test_small_typos_are_forgiven_by_word_length(index: SearchIndex) -> None:
    assert allowed_edits("pea") == 0 and allowed_edits("pees") == 1
    assert allowed_edits("bladdder") == 2
    assert edit_distance("alcohl", "alcohol", 2) == 1
    assert edit_distance("ambulnace", "ambulance", 2) == 1  # a swap is one edit
    assert top(index, "alcohl").page == "long_page"
    assert top(index, "bladdder").page == "bladder"
    assert top(index, "ambulnace").page == "emergency"
    assert top(index, "ambullanse").page == "emergency"  # two edits in a long word
    assert index.search("alkohl", "en") == []  # two edits in a short word are too many


def test_glued_words_are_split(index: SearchIndex) -> None:
    assert top(index, "bloodpee").page == "bladder_signs"
    assert top(index, "alcoholbooze").page == "long_page"


def test_chinese_without_spaces_and_mixed_text(index: SearchIndex) -> None:
    assert top(index, "我最近尿频怎么办", "zh-Hans").page == "bladder_signs"
    assert top(index, "朋友叫唔醒點算", "zh-Hant").page == "emergency"
    hit = top(index, "K仔 肚痛", "zh-Hant")
    assert (hit.page, hit.matched) == ("long_page", "K仔肚痛")


def test_simplified_and_traditional_characters_are_equal(index: SearchIndex) -> None:
    assert fold("尿頻") == fold("尿频") and fold("ＫＥＴ") == "ket"
    traditional = top(index, "尿頻", "zh-Hans")
    assert (traditional.page, traditional.locale, traditional.matched) == (
        "bladder_signs", "zh-Hans", "尿频")
    simplified = top(index, "尿频", "zh-Hant")
    assert (simplified.page, simplified.locale, simplified.matched) == (
        "bladder_signs", "zh-Hant", "尿頻")


def test_variant_table_maps_each_character_once_and_never_to_itself() -> None:
    assert all(len(k) == len(v) == 1 and k != v for k, v in VARIANTS.items())
    assert not set(VARIANTS.values()) & set(VARIANTS), "a folded character is folded again"


def test_other_languages_are_a_weaker_fallback(index: SearchIndex) -> None:
    fallback = top(index, "叫唔醒", "en")
    assert (fallback.page, fallback.locale) == ("emergency", "zh-Hant")
    assert fallback.score < top(index, "叫唔醒", "zh-Hant").score
    english = top(index, "booze", "zh-Hans")
    assert (english.page, english.locale, english.matched) == ("long_page", "en", "booze")
    assert top(index, "alcohol", "en").locale == "en"


@pytest.mark.parametrize("query", ["", "   ", "???", "the and of to", "pizza recipe",
                                   "asdfghjkl", "你好", "谢谢"])
def test_no_real_match_gives_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query, "en") == []
    assert index.search(query, "zh-Hant") == []


def test_reason_is_a_content_term_never_the_query(index: SearchIndex) -> None:
    query = "bloood when i pees!!"
    hit = top(index, query)
    assert (hit.page, hit.matched, hit.field) == ("bladder_signs", "blood in pee", "keyword")
    body = top(index, "paragraph words fill the line")
    assert (body.page, body.field) == ("long_page", "body")
    assert body.matched in ("Paragraph", "words", "fill", "line")


def test_hits_are_ordered_unique_and_limited(index: SearchIndex) -> None:
    hits = index.search("ketamine bladder blood pee alcohol help", "en", limit=10)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert len({hit.page for hit in hits}) == len(hits)
    assert len(index.search("ketamine bladder blood pee alcohol help", "en", limit=2)) == 2
    assert index.search("bladder", "en", limit=0) == []
    assert index.search("blood in pee", "en")[0].page == "bladder_signs"


def test_the_main_menu_ranks_below_a_page_with_the_same_match(index: SearchIndex) -> None:
    pages = [hit.page for hit in index.search("ketamine", "en", limit=5)]
    assert "bladder" in pages
    assert "home" not in pages or pages.index("bladder") < pages.index("home")


def test_unknown_locale_searches_english(index: SearchIndex) -> None:
    assert top(index, "alcohol", "fr").page == "long_page"


def test_searching_changes_nothing_in_the_index(index: SearchIndex) -> None:
    def footprint() -> list[int]:
        return [len(str(vars(language))) for language in index._languages.values()]

    before = footprint()
    for query in ("blood in my pee", "alcohl", "叫唔醒", "kcramps", "a" * 600):
        index.search(query, "en")
    assert footprint() == before


def test_build_and_searches_are_fast(make_tree: TreeBuilder) -> None:
    root = make_tree(texts=synthetic_texts())
    builder = ScreenBuilder.load(root / "content", root / "locales")
    started = time.thread_time()
    index = SearchIndex.build(builder.content, builder.renderer)
    for number in range(100):
        index.search(f"blood in pee alcohl 尿頻 {number}", "en")
    assert time.thread_time() - started < 2.0


def test_equal_scores_show_the_broader_page_first(shipped_index: SearchIndex) -> None:
    """戒K is a keyword of "cutting down" and of "recovery after stopping" (in the bladder
    section), with the same weight: someone typing only that wants the section ("點樣戒K"
    is a keyword of cutting down alone since the fifth session)."""
    hits = shipped_index.search("戒K", "zh-Hant")
    assert hits[0].score == hits[1].score
    assert [hit.page for hit in hits[:2]] == ["cutting_down", "bladder_recovery"]


@pytest.mark.parametrize(("query", "locale", "place", "others"), [
    ("台灣救護車是打幾號", "zh-Hant", "help_tw", ("help_cn", "help_hk")),
    ("i live in berlin, where do i get help", "en", "help_eu", ("help_uk", "help_us", "help_au")),
    ("香港有冇戒K熱線", "zh-Hant", "help_hk", ("help_tw", "help_cn")),
])
def test_a_question_naming_a_place_ranks_that_place_above_any_other(
        shipped: ScreenBuilder, query: str, locale: str, place: str,
        others: tuple[str, ...]) -> None:
    """A Taiwan question never shows mainland China's numbers above Taiwan's (issue #23)."""
    pages = [hit.page for hit in shipped.search_index.search(query, locale, limit=10)]
    assert place in pages
    assert all(pages.index(place) < pages.index(other) for other in others if other in pages)


def test_traditional_characters_beyond_the_hand_checked_pairs_fold_too(
        shipped: ScreenBuilder) -> None:
    """騎 is in no hand-checked pair; OpenCC's table folds it, so 騎車 meets 骑车 (issue #23)."""
    assert fold("騎車") == fold("骑车") == "骑车"
    assert fold("側躺") == fold("侧躺")


def test_a_step_of_the_self_check_is_not_the_first_answer_to_a_question_about_its_signs(
        shipped_index: SearchIndex) -> None:
    """The self-check's questions (a yes/no flow) are steps: asked why one gets cystitis, the
    bladder pages come first; the step is still found, lower down."""
    pages = [hit.page for hit in shipped_index.search("點解會有膀胱炎", "zh-Hant")]
    assert pages[0] == "bladder" and "selfcheck_q3" in pages


@pytest.mark.parametrize("query", ["打 186186 使唔使俾名", "186-186 係咩熱線"])
def test_a_phone_number_is_found_however_its_digits_are_grouped(
        shipped_index: SearchIndex, query: str) -> None:
    """The pages write "186 186"; people type it joined or with a dash. The groups of a number
    are one word, and 使唔使 ("do I need to") says how the question is asked, not what about."""
    pages = [hit.page for hit in shipped_index.search(query, "zh-Hant")]
    assert "help_hk" in pages and not any(page.startswith("selfcheck") for page in pages)


def test_drug_abuse_is_the_addiction_words_group(shipped_index: SearchIndex) -> None:
    """濫用 ("abuse", as FAQs and parents write it) means what 上癮 and 成癮 mean here."""
    pages = [hit.page for hit in shipped_index.search("點知自己係咪藥物濫用", "zh-Hant")]
    assert "cutdown_signs" in pages


@pytest.mark.parametrize(("query", "page"), [
    ("is it ok to take xannies after a bump", "mix_benzos"),
    ("ket with a bit of blow", "mix_stimulants"),
])
def test_street_names_of_other_drugs_find_their_mixing_page(
        shipped_index: SearchIndex, query: str, page: str) -> None:
    assert page in [hit.page for hit in shipped_index.search(query, "en")]


def test_hookup_slang_in_either_spelling_finds_the_page_on_sex_and_ketamine(
        shipped_index: SearchIndex) -> None:
    """約砲 and 約炮 are one word (Taiwan writes both); so are 打砲 and 一夜情 here."""
    assert "higher_risk_sex" in [hit.page for hit in shipped_index.search("拉K約砲安唔安全",
                                                                         "zh-Hant")]



@pytest.mark.parametrize(("query", "locale", "page"), [
    ("老想上厕所是不是膀胱坏了", "zh-Hans", "bladder_signs"),  # 老想上厕所
    ("friend wont wake up what do i do", "en", "emergency"),  # friend won't wake up
    ("愷他命跟G水一起用會怎樣", "zh-Hant", "mix_ghb"),  # no 愷他命 tag on the mixing section
])
def test_everyday_keywords_written_from_the_pages_put_the_right_page_first(
        shipped_index: SearchIndex, query: str, locale: str, page: str) -> None:
    """Keywords a writer proposed from the pages alone (fifth session), and the mixing
    section without ketamine's own names as tags."""
    assert shipped_index.search(query, locale)[0].page == page


def test_a_question_no_page_answers_is_a_weak_match(shipped_index: SearchIndex) -> None:
    """Whether drugs differ in how toxic they are (a tuning-half question no page answers):
    'not sure', not a page presented as the answer (WEAK_SCORE set on the tuning halves)."""
    assert shipped_index.answer("毒品是否有毒性輕重的區別?", "zh-Hant").weak


@pytest.mark.parametrize(("query", "locale"), [
    ("吃了安定还是睡不着 再溜点K行吗", "zh-Hans"),
    ("食咗安定都瞓唔着 再索啲K得唔得", "zh-Hant"),
])
def test_a_benzodiazepine_named_with_sleep_words_still_finds_the_benzos_page(
        shipped_index: SearchIndex, query: str, locale: str) -> None:
    """安定 (diazepam) is a topic word with its group (vocabulary.yaml): before, a question
    with 睡不着 in it found only the sleep page (seventh session, ninth tester's tuning half)."""
    pages = [hit.page for hit in shipped_index.search(query, locale)]
    assert pages[0] == "body_sleep" and "mix_benzos" in pages


# A section (a menu) below its own page that matched nearly as well (tenth session, from the
# tuning halves: "K洞到底啥感觉" opened the effects menu, "国内有没有戒毒热线" the help menu).
def _candidate(page: str, score: float) -> object:
    from bot.conversation.search.index import _Candidate
    return _Candidate(page, score, "en", None, page)


def test_a_section_goes_below_its_own_page_that_matched_nearly_as_well(
        shipped_index: SearchIndex) -> None:
    ranked = [_candidate("effects", 10.0), _candidate("mixing", 9.8),
              _candidate("effects_khole", 9.6)]
    reordered = shipped_index._own_pages_first(ranked, 3)  # type: ignore[arg-type]
    assert [found.page for found in reordered] == ["effects_khole", "effects", "mixing"]


def test_a_section_stays_first_when_its_own_page_matched_much_less(
        shipped_index: SearchIndex) -> None:
    ranked = [_candidate("effects", 10.0), _candidate("mixing", 9.8),
              _candidate("effects_khole", 9.0), _candidate("help_hk", 8.0)]
    reordered = shipped_index._own_pages_first(ranked, 3)  # type: ignore[arg-type]
    assert [found.page for found in reordered] == ["effects", "mixing", "effects_khole", "help_hk"]


def test_a_page_of_another_section_never_moves_up(shipped_index: SearchIndex) -> None:
    ranked = [_candidate("bladder", 10.0), _candidate("effects_khole", 9.9)]
    reordered = shipped_index._own_pages_first(ranked, 3)  # type: ignore[arg-type]
    assert [found.page for found in reordered] == ["bladder", "effects_khole"]


# Tenth session, from the written batches' tuning halves, in my own words: a clause ruled out
# in Chinese ends at a space; everyday words and town names from the vocabulary.
@pytest.mark.parametrize(("query", "locale", "page"), [
    ("唔係想戒 就係想索少啲 有咩貼士俾我", "zh-Hant", "cutdown_steps"),
    ("不是想戒 就是想少嗑点 有什么小技巧", "zh-Hans", "cutdown_steps"),
    ("pingers and ket together is that bad", "en", "mix_mdma"),
    ("few tinnies then a bit of ket, ok?", "en", "mix_alcohol"),
    ("what happens if i keep doing k every weekend for years", "en", "bladder_continue"),
    ("网上买的K会不会掺东西", "zh-Hans", "what_origin"),
    ("any ket support services in leeds", "en", "help_uk"),
    ("成都有没有可以聊嗑K问题的热线", "zh-Hans", "help_cn"),
    # later: batches 25 to 28
    ("on co-codamol for my knee, is ket ok this weekend", "en", "mix_opioids"),
    ("zoloft with ket this weekend?", "en", "mix_ssris"),
    ("on adderall for adhd, does it clash with ket", "en", "mix_stimulants"),
    ("i do k to switch off from my past, is that a bad idea", "en", "mental_selfmedicating"),
    ("ritalin then ket later ok?", "en", "mix_stimulants"),
    # eleventh session: a few drinks are alcohol, a helpline named by its number, and going to
    # the toilet is a sign (the Traditional bladder-care page no longer claims it)
    ("飲咗幾杯之後可唔可以索K", "zh-Hant", "mix_alcohol"),
    ("1925係咩電話", "zh-Hant", "help_tw"),
    ("晚晚起身屙尿 瞓得唔好", "zh-Hant", "bladder_signs"),
    ("而家十分鐘就要去屙尿 係咪K", "zh-Hant", "bladder_signs"),
])
def test_the_tenth_sessions_words_find_their_page_first(shipped_index: SearchIndex, query: str,
                                                         locale: str, page: str) -> None:
    assert [hit.page for hit in shipped_index.search(query, locale)][:1] == [page]
