"""The flood limit's note gives numbers, not "call your local emergency number" (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage

from bot.conversation.guide import Guide
from bot.conversation.places import regions_for_language
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage
from bot.conversation.telegram_html import visible_text
from bot.reporting.tally import Tally
from bot.telegram.callbacks import encode_action
from bot.telegram.middlewares import Throttle
from tests.telegram.inprocess import InProcessBot, press_update, text_update

ROOT = Path(__file__).resolve().parents[2]
TOAST_LIMIT = 200  # characters Telegram shows in a callback query's answer


@pytest.fixture(scope="module")
def guide(shipped: ScreenBuilder) -> Guide:
    return Guide(shipped, Tally())


def numbers(guide: Guide, locale: str, code: str) -> list[str]:
    content = guide.builder.content
    return [f"{content.regions[r].short_name(locale)} {content.regions[r].emergency}"
            for r in regions_for_language(content, code)]


@pytest.mark.parametrize(("code", "locale"), [
    ("zh-hant-tw", "zh-Hant"), ("en-us", "en"), ("zh-hans", "zh-Hans"), ("en", "en")])
async def test_the_note_over_the_limit_gives_every_regions_number(
        guide: Guide, code: str, locale: str) -> None:
    bot = InProcessBot(guide, throttle=Throttle(per_minute=1, burst=1, clock=lambda: 0.0))
    replies = [await bot.feed(text_update("/start", language=code, person_id=8080))
               for _ in range(3)]
    assert [len(r) for r in replies] == [1, 1, 0]  # one allowed, one note, then quiet
    sent = replies[1][0]
    assert isinstance(sent, SendMessage)
    note = visible_text(sent.text)
    expected = numbers(guide, locale, code)
    assert " · ".join(expected) in note, note  # the person's region first, then every other
    assert "local emergency number" not in note and "當地的緊急電話" not in note


@pytest.mark.parametrize(("code", "locale"), [("en-us", "en"), ("zh-hk", "zh-Hant"),
                                              ("zh-cn", "zh-Hans"), ("en", "en")])
async def test_a_press_over_the_limit_is_answered_with_the_numbers_in_a_toast(
        guide: Guide, code: str, locale: str) -> None:
    bot = InProcessBot(guide, throttle=Throttle(per_minute=1, burst=1, clock=lambda: 0.0))
    data = encode_action(OpenPage("home"))
    await bot.feed(press_update(data, language=code, person_id=9090))
    answer = await bot.feed(press_update(data, language=code, person_id=9090))
    assert len(answer) == 1 and isinstance(answer[0], AnswerCallbackQuery)
    toast = answer[0].text
    assert isinstance(toast, str) and len(toast) <= TOAST_LIMIT and "<" not in toast
    assert " · ".join(numbers(guide, locale, code)) in toast, toast


def test_a_toast_too_long_is_cut_between_numbers_never_inside_one() -> None:
    from bot.telegram.middlewares import toast

    note = "Pausing.\n🚑 <b>Call " + " · ".join(f"Place{n} 1{n:02d}" for n in range(40)) + "</b>"
    cut = toast(note)
    assert len(cut) <= TOAST_LIMIT and "<" not in cut
    assert cut.endswith(tuple(f"Place{n} 1{n:02d}" for n in range(40))), cut
