"""Our session sends what aiogram's own would, and our reply methods keep aiogram's errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod
from aiogram.types import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    LinkPreviewOptions,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.model import LOCALES
from bot.core.navigation import Navigator
from bot.core.screens import Screen
from bot.telegram.app import BOT_DEFAULTS
from bot.telegram.keyboards import inline_keyboard, screen_keyboard
from bot.telegram.replies import EditScreen, SendScreen
from bot.telegram.session import Keyboard, TelegramSession

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "42:TEST-token-not-real"


def _decoded(value: str) -> Any:
    """A form field as Telegram reads it: JSON where it is JSON, the string otherwise."""
    try:
        return json.loads(value)
    except ValueError:
        return value


AIOGRAM = AiohttpSession()


def aiogram_fields(bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
    form = AIOGRAM.build_form_data(bot, method)
    return {options["name"]: _decoded(value) for options, _headers, value in form._fields}


def our_fields(session: TelegramSession, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
    form = session.build_form_data(bot, method)
    return {options["name"]: _decoded(value) for options, _headers, value in form._fields}


@pytest.fixture(scope="module")
def navigator() -> Navigator:
    return Navigator.load(ROOT / "content", ROOT / "locales")


def shipped_screens(navigator: Navigator) -> list[Screen]:
    screens = []
    for locale in LOCALES:
        screens += [navigator.welcome(locale), navigator.language_menu(locale),
                    navigator.other_message(locale), navigator.location_prompt(locale),
                    navigator.no_results(locale)]
        for page_id in sorted(navigator.content.pages):
            for part in range(len(navigator.parts(page_id, locale))):
                screens.append(navigator.page(page_id, locale, part))
            sources = navigator.sources(page_id, locale)
            if sources is not None:
                screens.append(sources)
    return screens


def test_every_shipped_screen_is_sent_as_aiogram_would_send_it(navigator: Navigator) -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    screens = shipped_screens(navigator)
    assert len(screens) > 300
    keyboards = 0
    for screen in screens:
        for method in (SendMessage(chat_id=7, text=screen.text,
                                   reply_markup=screen_keyboard(screen)),
                       SendScreen(chat_id=7, text=screen.text,
                                  reply_markup=screen_keyboard(screen)),
                       EditScreen(chat_id=7, message_id=9, text=screen.text,
                                  reply_markup=inline_keyboard(screen))):
            ours = our_fields(session, bot, method)
            assert ours == aiogram_fields(bot, method)
            keyboards += "reply_markup" in ours
    assert keyboards > 2 * len(screens)  # the comparison did include the keyboards


def test_menus_are_keyboards_that_keep_their_json(navigator: Navigator) -> None:
    markup = inline_keyboard(navigator.welcome("en"))
    assert isinstance(markup, Keyboard)
    assert json.loads(markup.wire_json) == json.loads(
        InlineKeyboardMarkup(inline_keyboard=markup.inline_keyboard).model_dump_json(
            exclude_none=True))
    assert markup.wire_json is markup.wire_json  # worked out once


_text = st.text(min_size=1, max_size=40)
_inline_button = st.one_of(
    st.builds(InlineKeyboardButton, text=_text,
              callback_data=st.text(min_size=1, max_size=64)),
    st.builds(InlineKeyboardButton, text=_text,
              url=st.sampled_from(["https://example.org/a?b=c&d=é", "tg://resolve?domain=x"])),
    st.builds(InlineKeyboardButton, text=_text, copy_text=st.none()),
)
_rows = st.lists(st.lists(_inline_button, min_size=1, max_size=4), min_size=1, max_size=5)
_markups = st.one_of(
    st.builds(InlineKeyboardMarkup, inline_keyboard=_rows),
    st.builds(Keyboard, inline_keyboard=_rows),
    st.builds(ReplyKeyboardMarkup, keyboard=st.lists(st.lists(
        st.builds(KeyboardButton, text=_text, request_location=st.booleans()),
        min_size=1, max_size=3), min_size=1, max_size=3),
        resize_keyboard=st.booleans(), one_time_keyboard=st.none() | st.booleans()),
    st.builds(ReplyKeyboardRemove),
    st.builds(ForceReply, input_field_placeholder=st.none() | _text),
    st.none(),
)
_defaults = st.builds(DefaultBotProperties, parse_mode=st.sampled_from([None, "HTML"]),
                      link_preview_is_disabled=st.none() | st.booleans(),
                      protect_content=st.none() | st.booleans())


@settings(max_examples=150, deadline=None)
@given(markup=_markups, text=st.text(min_size=1, max_size=200), defaults=_defaults,
       protect=st.none() | st.booleans())
def test_any_keyboard_and_defaults_are_sent_as_aiogram_would(
        markup: Any, text: str, defaults: DefaultBotProperties, protect: bool | None) -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=defaults)
    method = SendMessage(chat_id=-100123, text=text, reply_markup=markup,
                         protect_content=protect,
                         link_preview_options=LinkPreviewOptions(url="https://x.org")
                         if protect else None)
    assert our_fields(session, bot, method) == aiogram_fields(bot, method)
    assert our_fields(session, bot, method) == aiogram_fields(bot, method)  # cached defaults


def test_one_session_serves_bots_with_different_defaults() -> None:
    session = TelegramSession()
    html = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    plain = Bot(TOKEN, session=session, default=DefaultBotProperties(
        parse_mode="MarkdownV2", link_preview_is_disabled=True))
    method = SendMessage(chat_id=1, text="hi")
    for _ in range(2):
        assert our_fields(session, html, method)["parse_mode"] == "HTML"
        assert our_fields(session, plain, method)["parse_mode"] == "MarkdownV2"
        assert our_fields(session, plain, method)["link_preview_options"] == {"is_disabled": True}
        assert "link_preview_options" not in our_fields(session, html, method)


MESSAGE = {"message_id": 9, "date": 1, "chat": {"id": 7, "type": "private"}, "text": "hi",
           "reply_markup": {"inline_keyboard": [[{"text": "a", "callback_data": "p:x:0"}]]}}


@pytest.mark.parametrize("method", [
    SendScreen(chat_id=7, text="hi"), EditScreen(chat_id=7, message_id=9, text="hi")])
def test_screen_replies_take_telegrams_answer_as_plain_json(method: TelegramMethod[Any]) -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session)
    answer = session.check_response(bot, method, 200, json.dumps({"ok": True, "result": MESSAGE}))
    assert answer.result == MESSAGE
    # aiogram's own methods still build objects from the same answer
    plain = EditMessageText(chat_id=7, message_id=9, text="hi")
    assert session.check_response(bot, plain, 200, json.dumps(
        {"ok": True, "result": MESSAGE})).result.message_id == 9  # type: ignore[union-attr]


def test_screen_replies_raise_aiogram_errors() -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session)
    edit = EditScreen(chat_id=7, message_id=9, text="hi")
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        session.check_response(bot, edit, 400, json.dumps({
            "ok": False, "error_code": 400,
            "description": "Bad Request: message is not modified"}))
    with pytest.raises(TelegramRetryAfter) as caught:
        session.check_response(bot, SendScreen(chat_id=7, text="hi"), 429, json.dumps({
            "ok": False, "error_code": 429, "description": "Too Many Requests",
            "parameters": {"retry_after": 3}}))
    assert caught.value.retry_after == 3


def test_other_methods_are_sent_as_aiogram_would() -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    for method in (AnswerCallbackQuery(callback_query_id="1", text="Slow down", show_alert=False),
                   AnswerCallbackQuery(callback_query_id="2")):
        assert our_fields(session, bot, method) == aiogram_fields(bot, method)
