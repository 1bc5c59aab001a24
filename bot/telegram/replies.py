"""Showing a screen: as a new message, or by editing the menu message in place.

Through aiogram's own shortcuts (``message.answer``, ``message.edit_text``, ``bot.send_message``),
so the fields a reply needs (chat, topic, business connection, and whatever a later aiogram adds)
are filled in by aiogram, not copied by hand.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import Message, ReplyKeyboardRemove

from bot.core.screens import Reply, Screen
from bot.telegram.keyboards import inline_keyboard, screen_keyboard


async def send(bot: Bot, chat_id: int, screen: Screen) -> None:
    """A screen as a new message (link previews are off bot-wide, see ``build_bot``)."""
    await bot.send_message(chat_id, screen.text, reply_markup=screen_keyboard(screen))


async def show(message: Message, screen: Screen) -> None:
    """A screen as a new message where ``message`` is. ``message.answer`` decides where that
    is (chat, topic, business connection...), so new fields in aiogram are followed."""
    await message.answer(screen.text, reply_markup=screen_keyboard(screen))


async def edit(message: Message, screen: Screen) -> None:
    """``message`` (one of our menus) turned into ``screen``, as ``message.edit_text`` does."""
    await message.edit_text(text=screen.text, reply_markup=inline_keyboard(screen))


async def answer(message: Message, reply: Reply) -> None:
    """A reply's notes (each takes a location keyboard away), then its screen."""
    for note in reply.notes:
        await message.answer(note, reply_markup=ReplyKeyboardRemove())
    await show(message, reply.screen)
