"""Handlers: each one asks the :class:`Guide` for a screen and shows it. Nothing else."""

from __future__ import annotations

import logging
import traceback

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Command, CommandObject, CommandStart, Filter
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
    ReplyKeyboardRemove,
)

from bot.core.deeplinks import start_link
from bot.core.guide import Guide
from bot.core.model import EMERGENCY, GET_HELP, HOME, LOCALES
from bot.telegram.callbacks import decode_action
from bot.telegram.filters import HasLocation, HasText, LooksLikeCommand, PrivateChat
from bot.telegram.replies import edit, send, show

log = logging.getLogger(__name__)

# Commands, button presses and inline queries. Included first, so a press or a /start is
# handled without passing through any other router.
router = Router(name="k-safer")
# What is left once the commands (ours, then the admins') had their turn: typed text, shared
# locations and anything else. Included last.
fallback_router = Router(name="k-safer-fallback")
# Menus are for one person at a time: groups and channels are ignored on purpose.
router.message.filter(PrivateChat(), LooksLikeCommand())
fallback_router.message.filter(PrivateChat())


def _person(event: Message | CallbackQuery | InlineQuery) -> tuple[int | None, str | None]:
    user = event.from_user
    return (user.id, user.language_code) if user else (None, None)


@router.message(CommandStart())
async def start(message: Message, command: CommandObject, guide: Guide) -> None:
    """/start and deep links (/start <payload>) open the welcome or the linked page."""
    person, language = _person(message)
    await show(message, guide.start(person, language, command.args))


@router.message(Command("menu"))
async def menu(message: Message, guide: Guide) -> None:
    person, language = _person(message)
    await show(message, guide.start(person, language))


@router.message(Command("language"))
async def language(message: Message, guide: Guide) -> None:
    person, code = _person(message)
    await show(message, guide.language_menu(person, code))


@router.message(Command("emergency", "help"))
async def emergency(message: Message, guide: Guide) -> None:
    person, language = _person(message)
    page = EMERGENCY if guide.navigator.content.has_page(EMERGENCY) else HOME
    await show(message, guide.open_page(person, language, page))


@router.message(Command("about"))
async def about(message: Message, guide: Guide) -> None:
    person, language = _person(message)
    page = "about" if guide.navigator.content.has_page("about") else HOME
    await show(message, guide.open_page(person, language, page))


class CancelLocation(Filter):
    """The 'Not now' button of the location keyboard, in any language."""

    async def __call__(self, message: Message, guide: Guide) -> bool:
        ui = guide.navigator.ui
        return message.text is not None and any(
            message.text == ui.get(locale, "cancel_location") for locale in LOCALES)


@fallback_router.message(CancelLocation())
async def cancel_location(message: Message, guide: Guide) -> None:
    person, language = _person(message)
    locale = guide.locale_for(person, language)
    await message.answer(guide.navigator.ui.get(locale, "location_cancelled"),
                         reply_markup=ReplyKeyboardRemove())
    await show(message, guide.open_page(person, language, GET_HELP))


@fallback_router.message(HasLocation())
async def location(message: Message, guide: Guide) -> None:
    """A shared location lists nearby services; it is used for this reply and then forgotten."""
    person, language = _person(message)
    assert message.location is not None
    screen = guide.near(person, language, message.location.latitude,
                        message.location.longitude)
    # This short message only takes the location keyboard away; the screen says the rest.
    await message.answer(guide.navigator.ui.get(screen.locale, "location_received"),
                         reply_markup=ReplyKeyboardRemove())
    await show(message, screen)


@fallback_router.message(HasText())
async def typed_text(message: Message, guide: Guide) -> None:
    """A typed question is answered from the content; the words are never kept or logged."""
    person, language = _person(message)
    await show(message, guide.typed_text(person, language, message.text or ""))


@fallback_router.message()
async def other_message(message: Message, guide: Guide) -> None:
    """Stickers, photos, voice, locations...: the same friendly pointer to the menu."""
    person, language = _person(message)
    await show(message, guide.other_message(person, language))


@router.inline_query()
async def inline(query: InlineQuery, guide: Guide) -> None:
    """'@bot bladder' in any chat: pages as cards, each with a button opening it in the bot."""
    person, language = _person(query)
    cards = guide.inline_cards(person, language, query.query[:256])
    me = await query.bot.me() if query.bot else None
    username = me.username if me and me.username else None
    ui = guide.navigator.ui
    locale = guide.locale_for(person, language)
    results: list[InlineQueryResultUnion] = []
    for card in cards:
        markup = None
        if username:
            markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=ui.get(locale, "open_in_bot"), url=start_link(username, card.page))]])
        results.append(InlineQueryResultArticle(
            id=f"{card.page}:{locale}", title=card.title, description=card.summary or None,
            input_message_content=InputTextMessageContent(message_text=card.text,
                                                          parse_mode="HTML"),
            reply_markup=markup))
    await query.answer(results, cache_time=300, is_personal=True)


@router.callback_query()
async def press(query: CallbackQuery, guide: Guide) -> None:
    """The menu message is edited in place where possible. The press itself is answered by
    CallbackAnswerMiddleware before this runs, so it is answered even if this fails."""
    person, language = _person(query)
    action = decode_action(query.data)
    if action is None:
        screen = guide.stale(guide.locale_for(person, language))
    else:
        screen = guide.act(person, language, action)
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
        if "message is not modified" in exc.message:
            return
        await show(message, screen)


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
