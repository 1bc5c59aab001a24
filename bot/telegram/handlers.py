"""Handlers: each one asks the :class:`Guide` for a screen and shows it. Nothing else."""

from __future__ import annotations

import logging
import traceback

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    CallbackQuery,
    ErrorEvent,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    Message,
)

from bot.conversation.deeplinks import start_link
from bot.conversation.guide import COMMANDS, Guide
from bot.telegram.callbacks import decode_press
from bot.telegram.filters import HasLocation, HasText, LooksLikeCommand, PrivateChat
from bot.telegram.replies import answer, replace, show

log = logging.getLogger(__name__)

def _person(event: Message | CallbackQuery | InlineQuery) -> tuple[int | None, str | None]:
    user = event.from_user
    return (user.id, user.language_code) if user else (None, None)


async def command(message: Message, command: CommandObject, guide: Guide) -> None:
    """/start (and deep links: /start <payload>), /menu, /language, /emergency, /help, /about."""
    person, language = _person(message)
    await show(message, guide.command(person, language, command.command, command.args))


async def location(message: Message, guide: Guide) -> None:
    """A shared location lists nearby services; it is used for this reply and then forgotten."""
    person, language = _person(message)
    assert message.location is not None
    await answer(message, guide.location(person, language, message.location.latitude,
                                         message.location.longitude))


async def typed_text(message: Message, guide: Guide) -> None:
    """A typed question is answered from the content; the words are never kept or logged."""
    person, language = _person(message)
    await answer(message, guide.message(person, language, message.text or ""))


async def edited_text(message: Message, guide: Guide) -> None:
    """An edited message gets an answer only if it now reads as a crisis."""
    person, language = _person(message)
    screen = guide.edited_text(person, language, message.text or "")
    if screen is not None:
        await show(message, screen)


async def other_message(message: Message, guide: Guide) -> None:
    """Stickers, photos, voice, locations...: the same friendly pointer to the menu."""
    person, language = _person(message)
    await show(message, guide.other_message(person, language))


async def inline(query: InlineQuery, guide: Guide) -> None:
    """'@bot bladder' in any chat: pages as cards, each with a button opening it in the bot."""
    person, language = _person(query)
    cards = guide.inline_cards(person, language, query.query[:256])
    me = await query.bot.me() if query.bot else None
    username = me.username if me and me.username else None
    locale = guide.reading_locale(person, language, query.query[:256])
    results: list[InlineQueryResultUnion] = []
    for card in cards:
        markup = None
        if username:
            markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=guide.open_in_bot_label(locale),
                url=start_link(username, card.page, locale=locale))]])
        results.append(InlineQueryResultArticle(
            id=f"{card.page}:{locale}", title=card.title, description=card.summary or None,
            input_message_content=InputTextMessageContent(message_text=card.text,
                                                          parse_mode="HTML"),
            reply_markup=markup))
    await query.answer(results, cache_time=300, is_personal=True)


async def press(query: CallbackQuery, guide: Guide) -> None:
    """The menu message is edited in place where possible. The press itself is answered by
    CallbackAnswerMiddleware before this runs, so it is answered even if this fails."""
    person, language = _person(query)
    pressed = decode_press(query.data)
    if pressed is None:
        screen = guide.stale(guide.locale_for(person, language))
    else:  # in the language of the screen the button is on, when it says (every new one does)
        screen = guide.act(person, language, pressed.action, pressed.locale)
    await replace(query, screen)


def build_routers() -> tuple[Router, Router]:
    """Our two routers, new each call (aiogram attaches a router to one dispatcher only).

    The first takes commands, button presses and inline queries; it is included first, so a
    press or a /start passes through no other router. The second takes what is left once the
    commands (ours, then the admins') had their turn: shared locations, typed text and anything
    else; it is included last. Menus are for one person at a time: groups and channels are
    ignored on purpose.
    """
    router = Router(name="k-safer")
    router.message.filter(PrivateChat(), LooksLikeCommand())
    router.message.register(command, Command(*COMMANDS))
    router.inline_query.register(inline)
    router.callback_query.register(press)
    fallback = Router(name="k-safer-fallback")
    fallback.message.filter(PrivateChat())
    fallback.message.register(location, HasLocation())
    fallback.message.register(typed_text, HasText())
    fallback.message.register(other_message)
    fallback.edited_message.filter(PrivateChat())
    fallback.edited_message.register(edited_text, HasText())
    return router, fallback


async def on_error(event: ErrorEvent) -> bool:
    """Log the failure without anything from the update and carry on.

    Only the exception's type and where it happened are logged: an exception's message can
    quote what a person typed (``int("...")`` does), so it is left out.
    """
    update = event.update
    kind = update.event_type if update else "unknown"
    exc = event.exception
    if isinstance(exc, TelegramAPIError):
        log.warning("Telegram refused a reply to a %s update: %s", kind, type(exc).__name__)
    else:
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("error while handling a %s update: %s\n%s", kind, type(exc).__name__,
                  frames.rstrip())
    return True
