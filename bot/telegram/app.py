"""Builds the Bot and Dispatcher and runs long polling; start-up and shutdown live here."""

from __future__ import annotations

import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.core.counts import CountFlusher, CountsStore, Tally
from bot.core.guide import Guide
from bot.core.locales import LocalePreferences
from bot.core.model import LOCALES
from bot.core.navigation import Navigator
from bot.settings import Settings
from bot.telegram.handlers import on_error, router

log = logging.getLogger(__name__)

COMMANDS = ("start", "emergency", "language", "about")
# setMyCommands takes two-letter language codes, so Chinese clients share one list.
COMMAND_LANGUAGES: dict[str | None, str] = {None: "en", "en": "en", "zh": "zh-Hans"}


def build_bot(settings: Settings) -> Bot:
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(settings.bot_token.get_secret_value(), session=session,
               default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def build_dispatcher(guide: Guide) -> Dispatcher:
    dp = Dispatcher(guide=guide)
    dp.callback_query.middleware(CallbackAnswerMiddleware(pre=True))
    dp.include_router(router)
    dp.errors.register(on_error)
    return dp


async def register_commands(bot: Bot, guide: Guide) -> None:
    """Command menus per language; a failure here must not stop the bot from serving."""
    ui = guide.navigator.ui
    for language_code, locale in COMMAND_LANGUAGES.items():
        commands = [BotCommand(command=name, description=ui.get(locale, f"cmd_{name}"))
                    for name in COMMANDS]
        try:
            await bot.set_my_commands(commands, language_code=language_code)
        except TelegramAPIError as exc:
            log.warning("could not register bot commands (%s); serving anyway",
                        type(exc).__name__)
            return
        except OSError as exc:
            log.warning("could not register bot commands (%s); serving anyway",
                        type(exc).__name__)
            return


async def run_polling(settings: Settings, navigator: Navigator) -> None:
    """Poll until SIGTERM/SIGINT, then flush counts and return (exit code 0)."""
    tally = Tally()
    guide = Guide(navigator, tally, LocalePreferences(settings.language_memory),
                  settings.default_locale)
    store = CountsStore(settings.database_path)
    await store.open()
    flusher = CountFlusher(tally, store, settings.counts_flush_seconds)
    flusher.start()
    bot = build_bot(settings)
    dp = build_dispatcher(guide)
    try:
        await register_commands(bot, guide)
        log.info("polling started with %d pages in %d languages",
                 len(navigator.content.pages), len(LOCALES))
        await dp.start_polling(bot, handle_signals=True, close_bot_session=True)
    finally:
        await flusher.stop()
        await store.close()
        await bot.session.close()
        log.info("stopped; counts flushed")
