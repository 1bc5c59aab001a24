"""Showing a screen: as a new message, or by editing the menu message in place.

Telegram answers every ``sendMessage`` and ``editMessageText`` with its copy of the message.
aiogram turns that copy into a ``Message`` holding a ``User``, a ``Chat``, the keyboard and an
object per button, each bound to the bot: for our menus this costs more than sending the reply.
Nothing here reads the copy, so ``SendScreen`` and ``EditScreen`` are aiogram's own methods (same
fields, same defaults, same errors) that take Telegram's answer as plain JSON. Do not use what
awaiting them returns as a ``Message``: it is a dict (or ``True`` for inline messages).
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import Message, ReplyKeyboardRemove

from bot.core.screens import Reply, Screen
from bot.telegram.keyboards import inline_keyboard, screen_keyboard


class SendScreen(SendMessage):
    __returning__ = dict[str, Any]


class EditScreen(EditMessageText):
    __returning__ = dict[str, Any] | bool


def _bot(message: Message) -> Bot:
    if message.bot is None:
        raise RuntimeError("this message is not bound to a bot")
    return message.bot


async def send(bot: Bot, chat_id: int, screen: Screen) -> None:
    """A screen as a new message (link previews are off bot-wide, see ``build_bot``)."""
    await bot(SendScreen(chat_id=chat_id, text=screen.text, reply_markup=screen_keyboard(screen)))


async def show(message: Message, screen: Screen) -> None:
    """A screen as a new message where ``message`` is. ``message.answer`` decides where that
    is (chat, topic, business connection...), so new fields in aiogram are followed."""
    method = message.answer(screen.text, reply_markup=screen_keyboard(screen))
    await _bot(message)(SendScreen.model_construct(**dict(method)))


async def edit(message: Message, screen: Screen) -> None:
    """``message`` (one of our menus) turned into ``screen``, as ``message.edit_text`` does."""
    method = message.edit_text(text=screen.text, reply_markup=inline_keyboard(screen))
    await _bot(message)(EditScreen.model_construct(**dict(method)))


async def answer(message: Message, reply: Reply) -> None:
    """A reply's notes (each takes a location keyboard away), then its screen."""
    for note in reply.notes:
        await message.answer(note, reply_markup=ReplyKeyboardRemove())
    await show(message, reply.screen)
