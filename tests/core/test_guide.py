from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import (
    ChooseLanguage,
    OpenPage,
    OpenSearchResult,
    OpenUrl,
    SetLanguage,
    ShowSources,
)
from bot.model.model import Region
from bot.model.problems import ContentError
from bot.reporting.tally import CountKey, Tally
from tests.conftest import STRUCTURE, TreeBuilder

DAY = dt.date(2026, 11, 21)


def make_guide(builder: ScreenBuilder) -> tuple[Guide, Tally]:
    tally = Tally(today=lambda: DAY)
    return Guide(builder, tally), tally


def counted(tally: Tally) -> dict[tuple[str, str, str, str], int]:
    return {(k.event, k.page, k.locale, k.campaign): n for k, n in tally.drain().items()}


def test_start_shows_welcome_in_the_telegram_language(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    screen = guide.start(1, "zh-hk")
    assert screen.locale == "zh-Hant"
    assert "不會儲存" in screen.text
    assert counted(tally) == {("start", "", "zh-Hant", ""): 1}


def test_deep_link_opens_that_page_and_counts_known_campaign(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    screen = guide.start(1, "en", "bladder_signs-festival")
    assert screen.page == "bladder_signs"
    assert counted(tally) == {
        ("start", "", "en", ""): 1,
        ("deep_link", "bladder_signs", "en", "festival"): 1,
        ("page_view", "bladder_signs", "en", ""): 1,
    }


def test_unlisted_campaign_is_never_stored_verbatim(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    guide.start(1, "en", "bladder-07700900123")
    counts = counted(tally)
    assert ("deep_link", "bladder", "en", "unlisted") in counts
    assert not any("07700900123" in "".join(key) for key in counts)


def test_unknown_or_malformed_payload_opens_the_welcome(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    for payload in ("no_such_page", "Bad Payload!", "x" * 200):
        screen = guide.start(1, "en", payload)
        assert screen == builder.welcome("en")
    assert counted(tally)[("deep_link_unknown", "", "en", "")] == 3


def test_language_choice_sticks_for_that_person_only(builder: ScreenBuilder) -> None:
    guide, _ = make_guide(builder)
    screen = guide.act(7, "en", SetLanguage("zh-Hans"))
    assert screen.text.startswith("已切换为简体中文。")
    assert guide.start(7, "en").locale == "zh-Hans"
    assert guide.start(8, "en").locale == "en"


def test_presses_open_pages_and_count_views_and_outcomes(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    assert guide.act(1, "en", OpenPage("selfcheck")).page == "selfcheck"
    assert guide.act(1, "en", OpenPage("selfcheck_urgent")).page == "selfcheck_urgent"
    counts = counted(tally)
    assert counts[("page_view", "selfcheck_urgent", "en", "")] == 1
    assert counts[("selfcheck_outcome", "urgent", "en", "")] == 1


def test_later_parts_are_not_counted_as_new_views(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    guide.act(1, "en", OpenPage("long_page"))
    guide.act(1, "en", OpenPage("long_page", 1))
    assert counted(tally)[("page_view", "long_page", "en", "")] == 1


def test_stale_buttons_get_a_note_and_the_menu(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    for action in (OpenPage("deleted_page"), OpenPage("bladder", 9), ShowSources("gone"),
                   SetLanguage("xx"), OpenUrl("https://x.org")):
        screen = guide.act(1, "en", action)
        assert screen.text.startswith("That button is from an older menu")
        assert screen.rows == builder.welcome("en").rows
    assert counted(tally)[("stale_button", "", "en", "")] == 5


def test_typed_question_finds_pages_and_counts_only_the_outcome(builder: ScreenBuilder) -> None:
    from bot.conversation.screens import OpenSearchResult

    guide, tally = make_guide(builder)
    screen = guide.typed_text(1, "en", "need an ambulance")
    assert screen.text.startswith("Here is what I found:")
    assert "matches “ambulance”" in screen.text
    assert screen.buttons()[0].action == OpenSearchResult("emergency")
    assert counted(tally) == {("search_hit", "", "en", ""): 1}
    opened = guide.act(1, "en", OpenSearchResult("emergency"))
    assert opened.page == "emergency"
    assert counted(tally) == {("search_open", "emergency", "en", ""): 1,
                              ("page_view", "emergency", "en", ""): 1}


def test_no_match_is_kind_and_counted_without_words(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    screen = guide.typed_text(1, "zh-cn", "0000 ???")  # nothing to read: Telegram's language
    assert screen.text.startswith("抱歉，我找不到相关的页面")
    assert [b.action for b in screen.buttons()] == [OpenPage("home"), OpenPage("emergency")]
    assert counted(tally) == {("search_miss", "", "zh-Hans", ""): 1}


def test_language_menu_and_sources(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    assert guide.act(1, "en", ChooseLanguage()).buttons()[0].action == SetLanguage("en")
    assert guide.act(1, "en", ShowSources("bladder")).page == "bladder"
    assert set(counted(tally)) == {("language_menu", "", "en", ""),
                                   ("sources_view", "bladder", "en", "")}


def test_tally_keys_carry_nothing_about_the_person(builder: ScreenBuilder) -> None:
    guide, tally = make_guide(builder)
    guide.start(123456789, "en", "bladder")
    for key in tally.drain():
        assert isinstance(key, CountKey)
        assert "123456789" not in repr(key)


def test_feedback_is_counted_per_page_and_thanked_once(builder: ScreenBuilder) -> None:
    from bot.conversation.screens import Feedback

    guide, tally = make_guide(builder)
    screen = guide.act(1, "zh-hans", Feedback("bladder_signs", False))
    assert screen.text.startswith("谢谢")
    assert Feedback("bladder_signs", False) not in [b.action for b in screen.buttons()]
    assert counted(tally) == {("useful_no", "bladder_signs", "zh-Hans", ""): 1}
    assert guide.act(1, "en", Feedback("gone_page", True)).text.startswith("That button")


def calling_tree(make_tree: TreeBuilder) -> ScreenBuilder:
    """The small tree with a page that tells people to call (flagged), an old id for it, and two
    regions (only their names and numbers matter here)."""
    structure = STRUCTURE.replace(
        "  - id: bladder_signs\n",
        "  - id: bladder_signs\n    show_emergency_number: true\n    aliases: [old_signs]\n")
    root = make_tree(structure=structure)
    loaded = ScreenBuilder.load(root / "content", root / "locales")
    regions = {"hk": Region.model_construct(name={"en": "Hong Kong", "zh-Hant": "香港"},
                                            emergency="999", countries=["HK"]),
               "tw": Region.model_construct(name={"en": "Taiwan", "zh-Hant": "台灣"},
                                            emergency="119", countries=["TW"])}
    return ScreenBuilder(dataclasses.replace(loaded.content, regions=regions), loaded.ui)


def test_a_page_that_says_call_opens_with_the_number_for_the_persons_region(
        make_tree: TreeBuilder) -> None:
    builder = calling_tree(make_tree)
    guide, _ = make_guide(builder)
    # The region the language names comes first, then every other: a language is not a place.
    header = builder.ui.get("zh-Hant", "crisis_numbers", numbers="香港 999 · 台灣 119")
    for screen in (guide.act(1, "zh-hk", OpenPage("bladder_signs")),  # a press
                   guide.start(2, "zh-hk", "bladder_signs"),           # a deep link
                   guide.act(3, "zh-hk", OpenSearchResult("bladder_signs"))):
        assert screen.text.startswith(header + "\n\n"), screen.text
    taiwan = guide.act(4, "zh-tw", OpenPage("bladder_signs"))
    assert taiwan.text.startswith(
        builder.ui.get("zh-Hant", "crisis_numbers", numbers="台灣 119 · 香港 999")), taiwan.text
    # When the language says nothing about where someone is, every region's number is shown.
    anywhere = guide.act(5, "en", OpenPage("bladder_signs"))
    assert "Hong Kong 999 · Taiwan 119" in anywhere.text
    # Pages without the flag are unchanged.
    assert "999" not in guide.act(6, "zh-hk", OpenPage("bladder")).text


def test_an_old_page_id_still_opens_its_page_and_counts_as_it(make_tree: TreeBuilder) -> None:
    builder = calling_tree(make_tree)
    guide, tally = make_guide(builder)
    screen = guide.start(1, "en", "old_signs-festival")  # a QR code printed before the rename
    assert screen.page == "bladder_signs"
    assert counted(tally) == {
        ("start", "", "en", ""): 1,
        ("deep_link", "bladder_signs", "en", "festival"): 1,
        ("page_view", "bladder_signs", "en", ""): 1,
    }
    assert guide.act(1, "en", OpenPage("old_signs")).page == "bladder_signs"  # an old button
    sources = guide.act(1, "en", ShowSources("old_signs"))
    assert sources.page == "bladder_signs"


def test_an_alias_that_is_a_live_page_id_is_refused(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("  - id: bladder_signs\n",
                                  "  - id: bladder_signs\n    aliases: [bladder]\n")
    root = make_tree(structure=structure)
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(root / "content", root / "locales")
    assert "alias 'bladder' of 'bladder_signs' is the id of a page" in str(caught.value)
