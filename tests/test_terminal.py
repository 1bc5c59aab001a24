"""The terminal chat in-process: what each kind of line typed at the prompt shows."""

from __future__ import annotations

import io
from pathlib import Path

from bot.core.screen_builder import ScreenBuilder
from bot.core.screens import Reply
from bot.terminal import TerminalChat, run_chat


def test_typed_text_reaches_crisis_routing_and_search(navigator: ScreenBuilder) -> None:
    chat = TerminalChat(navigator, "en")
    reply = chat.enter("ambulance")
    assert isinstance(reply, Reply)
    assert "couldn't find" not in reply.screen.text
    assert reply.screen.buttons()


def test_commands_the_terminal_did_not_know_before(navigator: ScreenBuilder) -> None:
    chat = TerminalChat(navigator, "en")
    reply = chat.enter("/emergency")
    assert isinstance(reply, Reply) and reply.screen.page == "emergency"
    reply = chat.enter("/start bladder_signs")
    assert isinstance(reply, Reply) and reply.screen.page == "bladder_signs"


def test_numbers_press_buttons_and_bad_numbers_get_help(navigator: ScreenBuilder) -> None:
    chat = TerminalChat(navigator, "en")
    first = chat.screen.buttons()[0]
    reply = chat.enter("1")
    assert isinstance(reply, Reply)
    assert reply.screen.page == getattr(first.action, "page", None)
    assert chat.enter("99") == chat.enter("99")
    assert str(chat.enter("99")).startswith("There is no button 99.")
    assert chat.enter("") is None


def test_coordinates_share_a_location_and_impossible_ones_are_refused(
        navigator: ScreenBuilder) -> None:
    chat = TerminalChat(navigator, "en")
    reply = chat.enter("51.5, -0.12")
    assert isinstance(reply, Reply) and reply.notes
    refused = chat.enter("95.0, 10.0")
    assert isinstance(refused, str) and "latitude -90 to 90" in refused


def test_run_chat_prints_notes_and_screens(site: Path) -> None:
    navigator = ScreenBuilder.load(site / "content", site / "locales")
    out = io.StringIO()
    lines = iter(["/emergency\n", "51.5, -0.12\n", "/quit\n"])
    assert run_chat(navigator, "en", stdout=out, read=lambda: next(lines)) == 0
    text = out.getvalue()
    assert "Call 999 now." in text
    assert "📍" in text
