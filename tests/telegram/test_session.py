"""Our session sends what aiogram's own would, and our reply methods keep aiogram's errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
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

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import Screen
from bot.model.model import LOCALES
from bot.telegram.app import BOT_DEFAULTS
from bot.telegram.keyboards import inline_keyboard, screen_keyboard
from bot.telegram.session import FastKeyboards, Keyboard, TelegramSession, sent_values

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "42:TEST-token-not-real"



AIOGRAM = AiohttpSession()


def aiogram_fields(bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
    return sent_values(AIOGRAM.build_form_data(bot, method))


def our_fields(session: TelegramSession, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
    """What the fast path sends (the self-check is run first, as on a first request)."""
    assert session.fast_path_agrees(bot)
    session.fast = True
    return sent_values(session.build_form_data(bot, method))


@pytest.fixture(scope="module")
def builder(shipped: ScreenBuilder) -> ScreenBuilder:
    return shipped


def shipped_screens(builder: ScreenBuilder) -> list[Screen]:
    screens = []
    for locale in LOCALES:
        screens += [builder.welcome(locale), builder.language_menu(locale),
                    builder.other_message(locale), builder.location_prompt(locale),
                    builder.no_results(locale)]
        for page_id in sorted(builder.content.pages):
            for part in range(len(builder.parts(page_id, locale))):
                screens.append(builder.page(page_id, locale, part))
            sources = builder.sources(page_id, locale)
            if sources is not None:
                screens.append(sources)
    return screens


def test_every_shipped_screen_is_sent_as_aiogram_would_send_it(builder: ScreenBuilder) -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    screens = shipped_screens(builder)
    assert len(screens) > 300
    keyboards = 0
    # Each screen is sent once, the two ways of sending it taking turns, so every way sees
    # every kind of screen (over 100 each) without sending all 300 twice.
    ways = (
        lambda screen: SendMessage(chat_id=7, text=screen.text,
                                   reply_markup=screen_keyboard(screen)),
        lambda screen: EditMessageText(chat_id=7, message_id=9, text=screen.text,
                                       reply_markup=inline_keyboard(screen)),
    )
    for number, screen in enumerate(screens):
        method = ways[number % len(ways)](screen)
        ours = our_fields(session, bot, method)
        assert ours == aiogram_fields(bot, method)
        keyboards += "reply_markup" in ours
    assert keyboards > 0.9 * len(screens)  # the comparison did include the keyboards


def test_menus_are_keyboards_that_keep_their_json(builder: ScreenBuilder) -> None:
    markup = inline_keyboard(builder.welcome("en"))
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


@pytest.fixture(scope="module")
def shared_session() -> TelegramSession:
    """One session for every example, as production has one for every bot and request (each new
    session also costs 30 ms of TLS set-up, most of this test's time)."""
    return TelegramSession()


@settings(max_examples=150, deadline=None)
@given(markup=_markups, text=st.text(min_size=1, max_size=200), defaults=_defaults,
       protect=st.none() | st.booleans())
def test_any_keyboard_and_defaults_are_sent_as_aiogram_would(
        shared_session: TelegramSession, markup: Any, text: str,
        defaults: DefaultBotProperties, protect: bool | None) -> None:
    session = shared_session
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


def test_other_methods_are_sent_as_aiogram_would() -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    for method in (AnswerCallbackQuery(callback_query_id="1", text="Slow down", show_alert=False),
                   AnswerCallbackQuery(callback_query_id="2")):
        assert our_fields(session, bot, method) == aiogram_fields(bot, method)


def _count_warnings(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records
               if r.name == "bot.telegram.session" and r.levelname == "WARNING")


def test_the_fast_path_is_used_once_the_self_check_passes(
        caplog: pytest.LogCaptureFixture) -> None:
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    method = SendMessage(chat_id=5, text="hi", reply_markup=Keyboard(inline_keyboard=[[
        InlineKeyboardButton(text="a", callback_data="p:home:0")]]))
    assert session.fast is None
    assert sent_values(session.build_form_data(bot, method)) == aiogram_fields(bot, method)
    assert session.fast is True
    assert _count_warnings(caplog) == 0


@pytest.mark.parametrize("breakage", ["differs", "raises"])
def test_a_fast_path_aiogram_disagrees_with_falls_back_and_says_so_once(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        breakage: str) -> None:
    """As if an aiogram release changed how requests are encoded: aiogram's own path is used,
    and the log says so once."""
    real = FastKeyboards.form_fields

    def changed(self: FastKeyboards, bot: Bot, method: TelegramMethod[Any],
                ) -> tuple[dict[str, str], dict[str, Any]]:
        if breakage == "raises":
            raise TypeError("prepare_value() got an unexpected keyword argument")
        fields, files = real(self, bot, method)
        fields.pop("parse_mode", None)
        return fields, files

    monkeypatch.setattr(FastKeyboards, "form_fields", changed)
    session = TelegramSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    methods = [SendMessage(chat_id=5, text=f"<b>{n}</b>") for n in range(3)]
    for method in methods:
        assert sent_values(session.build_form_data(bot, method)) == aiogram_fields(bot, method)
    assert session.fast is False
    assert _count_warnings(caplog) == 1


async def test_show_and_edit_send_what_aiogram_fills_in() -> None:
    """show/edit take the fields aiogram's message.answer / edit_text fill in (topic, business
    connection, and whatever a later aiogram adds), not a copy of them made by hand."""
    from aiogram.types import Message

    from bot.telegram.replies import edit, show
    from tests.telegram.checking_session import CheckingSession

    session = CheckingSession()
    bot = Bot(TOKEN, session=session, default=BOT_DEFAULTS)
    message = Message.model_validate({
        "message_id": 9, "date": 1_700_000_000, "text": "menu", "message_thread_id": 4,
        "is_topic_message": True, "business_connection_id": "bc1",
        "chat": {"id": 77, "type": "private"}}).as_(bot)
    screen = Screen(text="<b>Hi</b>", rows=())
    await show(message, screen)
    await edit(message, screen)
    sent, edited = session.requests
    assert isinstance(sent, SendMessage) and isinstance(edited, EditMessageText)
    assert dict(sent) == dict(message.answer(screen.text, reply_markup=None))
    assert dict(edited) == dict(message.edit_text(text=screen.text, reply_markup=None))
    assert (sent.message_thread_id, sent.business_connection_id) == (4, "bc1")
