"""The Telegram adapter in-process: our dispatcher fed updates, with a session that records every
request and enforces Telegram's rules (as aiogram's own ``tests/mocked_bot.py`` does). Behaviour
tests need no bot process and no HTTP."""

from __future__ import annotations

import itertools
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import TelegramMethod
from aiogram.types import (
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)

from bot.conversation.guide import Guide
from bot.telegram.app import BOT_DEFAULTS, build_dispatcher
from tests.telegram.checking_session import CheckingSession

_ids = itertools.count(1)
PERSON = 4242


def person(language: str | None, person_id: int = PERSON) -> dict[str, object]:
    user: dict[str, object] = {"id": person_id, "is_bot": False, "first_name": "T"}
    if language is not None:
        user["language_code"] = language
    return user


def _message(language: str | None, person_id: int, **fields: object) -> dict[str, object]:
    update_id = next(_ids)
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000,
        "chat": {"id": person_id, "type": "private"}, "from": person(language, person_id),
        **fields}}


def text_update(text: str, language: str | None = "en",
                person_id: int = PERSON) -> dict[str, object]:
    entities = ([{"type": "bot_command", "offset": 0, "length": len(text.split(" ")[0])}]
                if text.startswith("/") else [])
    return _message(language, person_id, text=text,
                    **({"entities": entities} if entities else {}))


def edited_update(text: str, language: str | None = "en",
                  person_id: int = PERSON) -> dict[str, object]:
    """A message the person edited after sending it: Telegram sends the new text."""
    update = _message(language, person_id, text=text, edit_date=1_700_000_060)
    update["edited_message"] = update.pop("message")
    return update


def location_update(lat: float, lon: float, language: str | None = "en",
                    person_id: int = PERSON) -> dict[str, object]:
    return _message(language, person_id, location={"latitude": lat, "longitude": lon})


def press_update(data: str, language: str | None = "en",
                 person_id: int = PERSON) -> dict[str, object]:
    update_id = next(_ids)
    return {"update_id": update_id, "callback_query": {
        "id": str(update_id), "chat_instance": "1", "data": data,
        "from": person(language, person_id),
        "message": {"message_id": 7, "date": 1_700_000_000, "text": "menu",
                    "chat": {"id": person_id, "type": "private"},
                    "from": {"id": 1000, "is_bot": True, "first_name": "K"}}}}


class InProcessBot:
    def __init__(self, guide: Guide, **options: Any) -> None:
        self.session = CheckingSession()
        self.bot = Bot("123456:TEST-token-abcdefghijklmnop", session=self.session,
                       default=BOT_DEFAULTS)
        self.dp: Dispatcher = build_dispatcher(guide, **options)

    async def feed(self, update: dict[str, object]) -> list[TelegramMethod[Any]]:
        """The requests the bot made for this one update."""
        before = len(self.session.requests)
        await self.dp.feed_update(self.bot, Update.model_validate(update))
        return self.session.requests[before:]


def shown(request: TelegramMethod[Any]) -> tuple[str, list[str], bool]:
    """A sent or edited message as (HTML text, button labels, takes the keyboard away)."""
    text = getattr(request, "text", None)
    assert isinstance(text, str), type(request).__name__
    markup = getattr(request, "reply_markup", None)
    labels: list[str] = []
    if isinstance(markup, InlineKeyboardMarkup):
        labels = [button.text for row in markup.inline_keyboard for button in row]
    elif isinstance(markup, ReplyKeyboardMarkup):
        labels = [button.text for row in markup.keyboard for button in row]
    return text, labels, isinstance(markup, ReplyKeyboardRemove)
