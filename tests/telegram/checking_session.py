"""An in-process aiogram session that enforces Telegram's rules on every request it gets.

Used where a real process is not needed (property-based tests): every outgoing request must be a
valid Telegram request, or the test fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncGenerator
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetMe,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import BufferedInputFile, Chat, InlineKeyboardMarkup, Message, PhotoSize, User

from bot.conversation.telegram_html import MESSAGE_LIMIT, utf16_len
from tests.e2e.fake_telegram import parse_html

BOT_USER = User(id=1000, is_bot=True, first_name="K Safer", username="ksafer_test_bot")


class InvalidRequest(AssertionError):
    pass


class CheckingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self._message_id = 100

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None,
                             timeout: int = 30, chunk_size: int = 65536,  # noqa: ASYNC109
                             raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError
        yield b""  # pragma: no cover

    async def make_request(self, bot: Bot, method: TelegramMethod[TelegramType],
                           timeout: int | None = None) -> TelegramType:  # noqa: ASYNC109
        self.requests.append(method)
        if isinstance(method, GetMe):
            # aiogram asks who the bot is to read commands such as /start@other_bot.
            return BOT_USER  # type: ignore[return-value]
        if isinstance(method, SendMessage | EditMessageText):
            _check_text(method.text, method.parse_mode)
            if isinstance(method.reply_markup, InlineKeyboardMarkup):
                _check_keyboard(method.reply_markup)
            self._message_id += 1
            chat_id = int(method.chat_id) if method.chat_id is not None else 1
            result: Any = Message(message_id=self._message_id, date=dt.datetime.now(dt.UTC),
                                  chat=Chat(id=chat_id, type="private"), from_user=BOT_USER,
                                  text=method.text)
            return result  # type: ignore[no-any-return]
        if isinstance(method, SendPhoto):
            _check_photo(method)
            self._message_id += 1
            chat_id = int(method.chat_id) if method.chat_id is not None else 1
            photo = PhotoSize(file_id=f"photo-{self._message_id}",
                              file_unique_id=f"u{self._message_id}", width=1, height=1)
            sent: Any = Message(message_id=self._message_id, date=dt.datetime.now(dt.UTC),
                                chat=Chat(id=chat_id, type="private"), from_user=BOT_USER,
                                photo=[photo], caption=method.caption)
            return sent  # type: ignore[no-any-return]
        if isinstance(method, AnswerCallbackQuery) and method.text is not None \
                and len(method.text) > 200:
            raise InvalidRequest("callback answer text over 200 characters")
        return True  # type: ignore[return-value]


def _check_text(text: str, parse_mode: str | Default | None) -> None:
    visible = parse_html(text) if parse_mode is None or isinstance(parse_mode, Default) \
        or parse_mode == "HTML" else text
    if not visible.strip():
        raise InvalidRequest("message text is empty")
    if utf16_len(visible) > MESSAGE_LIMIT:
        raise InvalidRequest(f"message text is {utf16_len(visible)} characters")


def _check_photo(method: SendPhoto) -> None:
    """An uploaded PNG or JPEG within Telegram's photo limits, and a caption of <= 1024."""
    if not isinstance(method.photo, BufferedInputFile):
        raise InvalidRequest(f"photo is not an upload: {method.photo!r}")
    data = method.photo.data
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise InvalidRequest("photo is not a PNG or JPEG")
    if len(data) > 10 * 1024 * 1024:
        raise InvalidRequest(f"photo is {len(data)} bytes (Telegram takes at most 10 MB)")
    if method.caption is not None:
        visible = parse_html(method.caption) if method.parse_mode in (None, "HTML") \
            or isinstance(method.parse_mode, Default) else method.caption
        if utf16_len(visible) > 1024:
            raise InvalidRequest(f"caption is {utf16_len(visible)} characters")


def _check_keyboard(markup: InlineKeyboardMarkup) -> None:
    for row in markup.inline_keyboard:
        for button in row:
            if not button.text:
                raise InvalidRequest("button without text")
            if button.callback_data is not None and len(button.callback_data.encode()) > 64:
                raise InvalidRequest(f"callback_data over 64 bytes: {button.callback_data!r}")
            if button.url is not None and not re.match(r"^(https?|tg)://", button.url):
                raise InvalidRequest(f"button URL {button.url!r}")
