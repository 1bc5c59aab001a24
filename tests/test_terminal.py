"""The terminal chat in-process: what each kind of line typed at the prompt shows."""

from __future__ import annotations

import io
from pathlib import Path

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import Reply, Screen
from bot.terminal import BOLD, TerminalChat, run_chat, screen_as_text


def test_typed_text_reaches_crisis_routing_and_search(builder: ScreenBuilder) -> None:
    chat = TerminalChat(builder, "en")
    reply = chat.enter("ambulance")
    assert isinstance(reply, Reply)
    assert "couldn't find" not in reply.screen.text
    assert reply.screen.buttons()


def test_commands_the_terminal_did_not_know_before(builder: ScreenBuilder) -> None:
    chat = TerminalChat(builder, "en")
    reply = chat.enter("/emergency")
    assert isinstance(reply, Reply) and reply.screen.page == "emergency"
    reply = chat.enter("/start bladder_signs")
    assert isinstance(reply, Reply) and reply.screen.page == "bladder_signs"


def test_numbers_press_buttons_and_bad_numbers_get_help(builder: ScreenBuilder) -> None:
    chat = TerminalChat(builder, "en")
    first = chat.screen.buttons()[0]
    reply = chat.enter("1")
    assert isinstance(reply, Reply)
    assert reply.screen.page == getattr(first.action, "page", None)
    assert chat.enter("99") == chat.enter("99")
    assert str(chat.enter("99")).startswith("There is no button 99.")
    assert chat.enter("") is None


def test_coordinates_share_a_location_and_impossible_ones_are_refused(
        builder: ScreenBuilder) -> None:
    chat = TerminalChat(builder, "en")
    reply = chat.enter("51.5, -0.12")
    assert isinstance(reply, Reply) and reply.notes
    refused = chat.enter("95.0, 10.0")
    assert isinstance(refused, str) and "latitude -90 to 90" in refused


def test_run_chat_prints_notes_and_screens(site: Path) -> None:
    builder = ScreenBuilder.load(site / "content", site / "locales")
    out = io.StringIO()
    lines = iter(["/emergency\n", "51.5, -0.12\n", "/quit\n"])
    assert run_chat(builder, "en", stdout=out, read=lambda: next(lines)) == 0
    text = out.getvalue()
    assert "Call 999 now." in text
    assert "📍" in text


def test_the_terminal_shows_every_regions_number_and_the_crisis_lines_button() -> None:
    """Issue 22's number rules hold in the terminal chat editors preview with."""
    from bot.conversation.places import regions_for_language
    from bot.conversation.telegram_html import visible_text

    shipped = ScreenBuilder.load(Path(__file__).resolve().parent.parent / "content",
                                 Path(__file__).resolve().parent.parent / "locales")
    regions = shipped.content.regions
    for locale, code, first in (("en", "en", "UK 999 / 112"), ("zh-Hant", "zh-hant", "香港 999"),
                                ("zh-Hans", "zh-hans", "中国大陆 120")):
        chat = TerminalChat(shipped, locale)
        for typed in ("/emergency", "I want to kill myself" if locale == "en" else "我想死"):
            reply = chat.enter(typed)
            assert isinstance(reply, Reply)
            shown = chat.show()
            top = shown.splitlines()[0]
            assert top == visible_text(shipped.numbers_banner(
                locale, regions_for_language(shipped.content, code))), top
            assert first in top.split(" · ")[0] and len(top.split(" · ")) == len(regions)
        chat.enter("/emergency")
        assert "☎️" in chat.show()


def test_links_show_where_they_go_once_and_bold_only_in_colour() -> None:
    screen = Screen('<b>Help</b>: <a href="https://example.org/a?b=1&amp;c=2">the site</a> or '
                    '<a href="https://example.org">https://example.org</a>')
    plain = "Help: the site (https://example.org/a?b=1&c=2) or https://example.org\n"
    assert screen_as_text(screen)[0] == plain
    assert screen_as_text(screen, color=True)[0] == f"{BOLD[0]}Help{BOLD[1]}{plain[4:]}"
