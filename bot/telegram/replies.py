"""Showing a screen: as a new message, or by editing the menu message in place.

Through aiogram's own shortcuts (``message.answer``, ``message.edit_text``, ``bot.send_message``),
so the fields a reply needs (chat, topic, business connection, and whatever a later aiogram adds)
are filled in by aiogram, not copied by hand. Every choice between editing and sending anew, and
every case where an edit cannot be made, is in :func:`replace` (as aiogram-dialog keeps them in
its message manager).
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.conversation.screens import Reply, Screen
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


# Telegram's own description (Bot API, not aiogram) of an edit that would change nothing: the
# same button pressed twice. aiogram raises it as a plain TelegramBadRequest.
NOT_MODIFIED = "message is not modified"


async def replace(query: CallbackQuery, screen: Screen) -> None:
    """A pressed button's answer: the menu message edited in place where Telegram allows it."""
    message = query.message
    if screen.location_request is not None and isinstance(message, Message):
        await show(message, screen)  # a reply keyboard needs a new message
        return
    if not isinstance(message, Message):
        # Too old to edit, or a button in an inline message: open a fresh message in the chat
        # if we can see one; otherwise the answered query is all Telegram lets us do.
        if message is not None and query.bot is not None:
            await send(query.bot, message.chat.id, screen)
        return
    try:
        await edit(message, screen)
    except TelegramBadRequest as exc:
        if NOT_MODIFIED in exc.message:
            return  # it already shows this screen
        await show(message, screen)  # deleted, too old to edit...: a new message instead
