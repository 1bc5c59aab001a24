from __future__ import annotations

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import (
    ChooseLanguage,
    OpenPage,
    OpenUrl,
    Screen,
    SetLanguage,
    ShowSources,
)
from bot.conversation.telegram_html import MESSAGE_LIMIT, tokenize, visible_length


def labels(screen: Screen) -> list[str]:
    return [b.label for b in screen.buttons()]


def test_welcome_says_nothing_is_stored_and_shows_the_menu(builder: ScreenBuilder) -> None:
    screen = builder.welcome("en")
    assert "stores nothing about you" in screen.text
    assert [b.action for b in screen.buttons()] == [
        OpenPage("emergency"), OpenPage("bladder"), OpenPage("long_page"), ChooseLanguage()]
    assert [len(row) for row in screen.rows] == [2, 2]


def test_page_has_title_body_children_sources_and_footer(builder: ScreenBuilder) -> None:
    screen = builder.page("bladder", "en")
    assert screen is not None
    assert screen.text == "<b>Bladder</b>\n\nSee a doctor if it hurts."
    assert labels(screen) == ["Early signs", "Self-check", "📚 Sources", "👍 Useful",
                              "👎 Not really", "🏠 Menu", "🆘 Emergency"]


def test_feedback_is_asked_on_the_last_part_of_factual_pages_only(builder: ScreenBuilder) -> None:
    from bot.conversation.screens import Feedback

    def asks(page: str, part: int = 0) -> bool:
        screen = builder.page(page, "en", part)
        assert screen is not None
        return Feedback(page, True) in [b.action for b in screen.buttons()]

    assert asks("bladder_signs")
    assert not asks("home") and not asks("selfcheck")  # menus and questions are not "content"
    last = len(builder.parts("long_page", "en")) - 1
    assert not asks("long_page", 0) and asks("long_page", last)


def test_deeper_pages_get_back_to_their_parent(builder: ScreenBuilder) -> None:
    screen = builder.page("bladder_signs", "en")
    assert screen is not None
    actions = [b.action for b in screen.buttons()]
    assert OpenUrl("https://example.org/info") in actions
    assert actions[-3:] == [OpenPage("bladder"), OpenPage("home"), OpenPage("emergency")]
    assert "• Peeing often" in screen.text


def test_emergency_is_one_tap_from_every_page_but_itself(builder: ScreenBuilder) -> None:
    content = builder.content
    for page_id in content.pages:
        screen = builder.page(page_id, "en")
        assert screen is not None
        has_emergency = OpenPage("emergency") in [b.action for b in screen.buttons()]
        assert has_emergency == (page_id != "emergency"), page_id


def test_selfcheck_buttons_use_ui_labels_per_language(builder: ScreenBuilder) -> None:
    english = builder.page("selfcheck", "en")
    chinese = builder.page("selfcheck", "zh-Hant")
    assert english is not None and chinese is not None
    assert labels(english)[:2] == ["Yes", "No"]
    assert labels(chinese)[:2] == ["是", "否"]


def test_long_page_is_split_with_next_and_previous(builder: ScreenBuilder) -> None:
    parts = builder.parts("long_page", "en")
    assert len(parts) > 1
    first = builder.page("long_page", "en", 0)
    second = builder.page("long_page", "en", 1)
    last = builder.page("long_page", "en", len(parts) - 1)
    assert first is not None and second is not None and last is not None
    assert first.rows[0] == (first.rows[0][0],)
    assert first.rows[0][0].action == OpenPage("long_page", 1)
    assert first.rows[0][0].label == f"Next › (2/{len(parts)})"
    assert [b.action for b in second.rows[0]] == [OpenPage("long_page", 0),
                                                  OpenPage("long_page", 2)]
    assert [b.action for b in last.rows[0]] == [OpenPage("long_page", len(parts) - 2)]
    for index in range(len(parts)):
        screen = builder.page("long_page", "en", index)
        assert screen is not None
        assert visible_length(screen.text) <= MESSAGE_LIMIT
        assert tokenize(screen.text)[1] == []


def test_missing_page_or_part_gives_none(builder: ScreenBuilder) -> None:
    assert builder.page("nope", "en") is None
    assert builder.page("bladder", "en", 5) is None
    assert builder.page("bladder", "en", -1) is None


def test_language_menu_marks_the_current_language(builder: ScreenBuilder) -> None:
    screen = builder.language_menu("zh-Hans")
    assert labels(screen)[:3] == ["English", "✓ 简体中文", "繁體中文"]
    assert [b.action for b in screen.buttons()][:3] == [
        SetLanguage("en"), SetLanguage("zh-Hans"), SetLanguage("zh-Hant")]


def test_sources_screen_lists_sources_review_date_and_status(builder: ScreenBuilder) -> None:
    page = builder.page("bladder", "en")
    assert page is not None
    assert ShowSources("bladder") in [b.action for b in page.buttons()]
    screen = builder.sources("bladder", "en")
    assert screen is not None
    assert "1. A source\nhttps://example.org/s1" in screen.text
    assert "Last reviewed: 2026-11-01" in screen.text
    assert "awaiting review" in screen.text
    assert screen.buttons()[0].action == OpenPage("bladder")


def test_screens_are_computed_once(builder: ScreenBuilder) -> None:
    assert builder.page("bladder", "en") is builder.page("bladder", "en")
    assert builder.welcome("zh-Hant") is builder.welcome("zh-Hant")


def test_untranslated_page_shows_english(make_tree) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import english_text

    texts = english_text()
    del texts["emergency"]
    root = make_tree(texts={"zh-Hans": {"pages": texts}})
    builder = ScreenBuilder.load(root / "content", root / "locales")
    screen = builder.page("emergency", "zh-Hans")
    assert screen is not None
    assert screen.text.startswith("<b>Emergency</b>")
    assert "🏠 菜单" in labels(screen)


def test_snippet_at_the_start_keeps_its_paragraph_break(make_tree) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import english_text

    texts = english_text()
    texts["bladder"] = {"title": "Bladder", "body": "{% include 'see_doctor' %}\n\nMore text."}
    root = make_tree(texts={"en": {"pages": texts}})
    builder = ScreenBuilder.load(root / "content", root / "locales")
    assert builder.renderer.body("bladder", "en") == "See a doctor if it hurts.\n\nMore text."


def test_a_page_with_its_own_emergency_button_does_not_get_a_second(make_tree) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import STRUCTURE

    structure = STRUCTURE.replace("    outcome: urgent\n",
                                  "    outcome: urgent\n    buttons: [{to: emergency}]\n")
    root = make_tree(structure=structure)
    builder = ScreenBuilder.load(root / "content", root / "locales")
    screen = builder.page("selfcheck_urgent", "en")
    assert screen is not None
    actions = [b.action for b in screen.buttons()]
    assert actions.count(OpenPage("emergency")) == 1
