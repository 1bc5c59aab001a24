"""The same inputs through the Telegram adapter and the terminal chat show the same screens:
both are thin adapters over one core (``Guide``), so neither may map an input by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import AskLocation, Reply
from bot.reporting.tally import Tally
from bot.telegram.callbacks import encode_action
from bot.terminal import TerminalChat
from tests.telegram.inprocess import (
    InProcessBot,
    location_update,
    press_update,
    shown,
    text_update,
)

ROOT = Path(__file__).resolve().parents[1]

# (what a person does, as typed at the terminal). "press N" presses the Nth button shown last.
STEPS = [
    "/start", "press 1", "/start bladder_signs-festival", "/about", "/emergency", "/help",
    "/menu", "/language", "press 2", "/start", "my friend is not breathing",
    "my chest is tight", "bladder pain", "how long does it last", "/stats", "/nonsense",
    "zzqxv", "22.2855, 114.1577", "51.5072, -0.1276", "/start get_help",
    # offers (issue #22): the search answer with a first button to the crisis lines
    "everyone would be better off without me", "press 1", "撐不下去", "press 1",
]


@pytest.fixture(scope="module")
def builder(shipped: ScreenBuilder) -> ScreenBuilder:
    return shipped


@pytest.mark.parametrize(("locale", "language_code"), [("en", "en"), ("zh-Hant", "zh-hant")])
async def test_telegram_and_terminal_show_the_same_screens(
        builder: ScreenBuilder, locale: str, language_code: str) -> None:
    telegram = InProcessBot(Guide(builder, Tally()))
    terminal = TerminalChat(builder, locale)
    for step in STEPS:
        if step.startswith("press "):
            index = int(step.split()[1]) - 1
            action = terminal.screen.buttons()[index].action
            data = encode_action(action, terminal.screen.locale)
            requests = await telegram.feed(press_update(data, language_code))
            assert isinstance(requests[0], AnswerCallbackQuery)
            requests = requests[1:]
            entry = str(index + 1)
        elif "," in step and step[0].isdigit():
            lat, lon = (float(part) for part in step.split(","))
            requests = await telegram.feed(location_update(lat, lon, language_code))
            entry = step
        else:
            requests = await telegram.feed(text_update(step, language_code))
            entry = step
        reply = terminal.enter(entry)
        assert isinstance(reply, Reply), step
        expected = [(note, [], True) for note in reply.notes]
        expected.append((reply.screen.text, [b.label for b in reply.screen.buttons()], False))
        assert [shown(r) for r in requests] == expected, step


async def test_not_now_at_the_location_prompt_is_the_same_everywhere(
        builder: ScreenBuilder) -> None:
    telegram = InProcessBot(Guide(builder, Tally()))
    terminal = TerminalChat(builder, "en")
    prompt = Guide(builder, Tally()).act(None, "en", AskLocation())
    assert prompt.location_request is not None
    requests = await telegram.feed(text_update(prompt.location_request.cancel))
    terminal.screen = prompt  # the terminal shows the prompt; Enter means "not now"
    reply = terminal.enter("")
    assert isinstance(reply, Reply) and reply.notes
    assert [shown(r) for r in requests] == [
        *((note, [], True) for note in reply.notes),
        (reply.screen.text, [b.label for b in reply.screen.buttons()], False)]

