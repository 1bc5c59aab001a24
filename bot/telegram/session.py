"""The HTTP session to Telegram: aiogram's ``AiohttpSession``, serialising our replies faster.

aiogram serialises a request by dumping the method to dicts and then walking every value in
Python (``BaseSession.prepare_value``). For a menu of eight buttons that is some three hundred
calls, most of them for the ``None`` fields of each button, and the bot-wide defaults (parse
mode, link previews) are looked up and JSON-encoded again for every message. Here:

* keyboards hold only plain data (no files, no bot defaults), so pydantic-core writes them as
  JSON in one call, and a :class:`Keyboard` (what ``bot.telegram.keyboards`` builds, once per
  screen) keeps its JSON, so a menu is encoded once, not once per reply;
* a bot default is encoded once per bot, and an id is written with ``str``.

The fields sent are the same JSON values as aiogram's; ``tests/telegram/test_session.py``
compares the two on generated keyboards and on every screen of the shipped content.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.types import (
    ForceReply,
    InlineKeyboardMarkup,
    InputFile,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiohttp import FormData

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.methods import TelegramMethod


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that is sent many times: its JSON is worked out once."""

    @cached_property
    def wire_json(self) -> str:
        return self.model_dump_json(exclude_none=True, warnings=False)


# Exact types only: a subclass could add fields that need aiogram's own treatment.
PLAIN_MARKUPS: frozenset[type] = frozenset(
    {InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, ForceReply})


def markup_json(markup: object) -> str | None:
    """The keyboard as Telegram reads it, or None if aiogram must serialise this value."""
    if type(markup) is Keyboard:
        return markup.wire_json
    if type(markup) in PLAIN_MARKUPS:
        return markup.model_dump_json(exclude_none=True, warnings=False)  # type: ignore[attr-defined, no-any-return]
    return None


class FastKeyboards(BaseSession):
    """Mixin: ``form_fields`` gives the fields ``AiohttpSession.build_form_data`` would send."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._defaults: dict[tuple[str, bool], tuple[DefaultBotProperties, Any]] = {}

    def form_fields(self, bot: Bot, method: TelegramMethod[Any],
                    ) -> tuple[dict[str, str], dict[str, InputFile]]:
        files: dict[str, InputFile] = {}
        keyboard = markup_json(getattr(method, "reply_markup", None))
        # None values are dropped by prepare_value anyway, at every depth; not dumping them saves
        # walking the twenty-odd unused fields of a sendMessage.
        dumped = method.model_dump(warnings=False, exclude_none=True,
                                   exclude={"reply_markup"} if keyboard else None)
        fields: dict[str, str] = {}
        for key, value in dumped.items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:  # aiogram leaves out empty values too
                fields[key] = prepared
        if keyboard:
            fields["reply_markup"] = keyboard
        return fields, files

    def prepare_value(self, value: Any, bot: Bot, files: dict[str, Any],
                      _dumps_json: bool = True) -> Any:
        if type(value) is int and _dumps_json:
            return str(value)  # what json.dumps gives, for chat and message ids, without it
        if not isinstance(value, Default):
            return super().prepare_value(value, bot, files, _dumps_json)
        # Bot defaults are set when the Bot is made and never changed (see build_bot).
        key = (value.name, _dumps_json)
        known = self._defaults.get(key)
        if known is not None and known[0] is bot.default:
            return known[1]
        prepared = super().prepare_value(value, bot, files, _dumps_json)
        self._defaults[key] = (bot.default, prepared)
        return prepared


class TelegramSession(FastKeyboards, AiohttpSession):
    """What the bot uses in production (see ``bot.telegram.app.build_bot``)."""

    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> FormData:
        fields, files = self.form_fields(bot, method)
        form = FormData(quote_fields=False)
        for key, value in fields.items():
            form.add_field(key, value)
        for key, file in files.items():
            form.add_field(key, file.read(bot), filename=file.filename or key)
        return form
