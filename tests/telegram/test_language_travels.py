"""Through the Telegram adapter: every button carries its screen's language, a press after a
restart is answered in it, an old button still gets an answer, and an inline card's link opens in
the card's language."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery, AnswerInlineQuery
from aiogram.types import InlineKeyboardMarkup

from bot.conversation.deeplinks import parse_payload
from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage, SetLanguage
from bot.model.model import LOCALES
from bot.reporting.tally import Tally
from bot.telegram.callbacks import LANGUAGE_LETTERS, decode_press, encode_action
from bot.telegram.keyboards import inline_keyboard
from tests.telegram.inprocess import PERSON, InProcessBot, person, press_update, text_update

ROOT = Path(__file__).resolve().parents[2]
_ids = itertools.count(50_000)


def callback_data(request: object) -> list[str]:
    markup = getattr(request, "reply_markup", None)
    assert isinstance(markup, InlineKeyboardMarkup)
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]


async def test_a_language_chosen_before_a_restart_holds_for_the_buttons_after(
        shipped: ScreenBuilder) -> None:
    before = InProcessBot(Guide(shipped, Tally()))
    [menu] = await before.feed(text_update("/language", "en"))
    chosen = next(d for d in callback_data(menu)
                  if decode_press(d) == decode_press(encode_action(SetLanguage("zh-Hant"))))
    _, welcome = await before.feed(press_update(chosen, "en"))
    buttons = callback_data(welcome)
    assert all(decode_press(d).locale == "zh-Hant" for d in buttons)  # type: ignore[union-attr]

    after = InProcessBot(Guide(shipped, Tally()))  # restarted: nobody remembered
    page_button = next(d for d in buttons if d.startswith("p:"))
    answered, page = await after.feed(press_update(page_button, "en"))
    assert isinstance(answered, AnswerCallbackQuery)
    action = decode_press(page_button)
    assert action is not None and isinstance(action.action, OpenPage)
    expected = Guide(shipped, Tally()).act(None, "en", action.action, "zh-Hant")
    assert getattr(page, "text", None) == expected.text and expected.locale == "zh-Hant"


@pytest.mark.parametrize("data", ["p:bladder_signs:0", "s:bladder_signs", "l:", "l:zh-Hant",
                                  "g", "f:bladder_signs:1", "r:bladder_signs"])
async def test_a_button_from_an_older_release_still_gets_an_answer(
        shipped: ScreenBuilder, data: str) -> None:
    bot = InProcessBot(Guide(shipped, Tally()))
    requests = await bot.feed(press_update(data, "zh-hk"))
    assert isinstance(requests[0], AnswerCallbackQuery)
    assert len(requests) == 2
    text = getattr(requests[1], "text", "")
    assert "older" not in text  # not the 'out of date' note: the press did what it said


def test_every_button_carries_its_screens_language(shipped: ScreenBuilder) -> None:
    for locale in LOCALES:
        screens = [shipped.language_menu(locale), shipped.welcome(locale),
                   *(shipped.page(page, locale) for page in shipped.content.pages)]
        for screen in screens:
            assert screen is not None
            markup = inline_keyboard(screen)
            assert markup is not None
            for row in markup.inline_keyboard:
                for button in row:
                    if button.callback_data is None:
                        continue
                    assert len(button.callback_data.encode()) <= 64
                    press = decode_press(button.callback_data)
                    assert press is not None and press.locale == locale
                    assert button.callback_data.endswith(":" + LANGUAGE_LETTERS[locale])


@pytest.mark.parametrize(("query", "language", "locale"), [
    ("尿血怎么办", "en", "zh-Hans"), ("膀胱發炎", "en", "zh-Hant"), ("bladder", "zh-hk", "en")])
async def test_an_inline_cards_link_opens_in_the_cards_language(
        shipped: ScreenBuilder, query: str, language: str, locale: str) -> None:
    bot = InProcessBot(Guide(shipped, Tally()))
    update_id = next(_ids)
    requests = await bot.feed({"update_id": update_id, "inline_query": {
        "id": str(update_id), "from": person(language, PERSON), "query": query, "offset": ""}})
    [answer] = [r for r in requests if isinstance(r, AnswerInlineQuery)]
    assert answer.results
    for result in answer.results:
        markup = getattr(result, "reply_markup", None)
        assert isinstance(markup, InlineKeyboardMarkup)
        url = markup.inline_keyboard[0][0].url
        assert url is not None
        link = parse_payload(url.split("?start=", 1)[1])
        assert link is not None and link.locale == locale
