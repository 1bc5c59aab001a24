"""Builds the Bot and Dispatcher and runs them by long polling or webhook.

Both modes share one :class:`Runtime`, so start-up (counts database, command menus) and shutdown
(drain in-flight updates, flush counts) behave the same way.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.core.counts import CountFlusher, CountsStore, Tally
from bot.core.guide import MENU_COMMANDS, Guide
from bot.core.locales import LocalePreferences
from bot.core.model import LOCALES
from bot.core.navigation import Navigator
from bot.core.reloading import ContentReloader
from bot.core.snapshots import LastGoodContent
from bot.settings import Settings
from bot.telegram.admin import build_admin_router
from bot.telegram.callbacks import encode_action
from bot.telegram.handlers import build_routers, on_error
from bot.telegram.middlewares import InFlight, RetryRequests, Throttle
from bot.telegram.session import TelegramSession

if TYPE_CHECKING:
    from aiohttp import web  # the server is imported only in webhook mode (memory in polling)

log = logging.getLogger(__name__)

# setMyCommands takes two-letter language codes, so Chinese clients share one list.
COMMAND_LANGUAGES: dict[str | None, str] = {None: "en", "en": "en", "zh": "zh-Hans"}
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
# Every reply is HTML, and a link in a page should not pull a preview card under it.
BOT_DEFAULTS = DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)


def build_bot(settings: Settings) -> Bot:
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    session = TelegramSession(api=TelegramAPIServer.from_base(settings.telegram_api_url),
                              timeout=settings.telegram_timeout_seconds)
    session.middleware(RetryRequests())
    return Bot(settings.bot_token.get_secret_value(), session=session, default=BOT_DEFAULTS)


def build_dispatcher(guide: Guide, *, admins: frozenset[int] = frozenset(),
                     throttle: Throttle | None = None, inflight: InFlight | None = None,
                     **services: object) -> Dispatcher:
    """The dispatcher with our routers; ``services`` (reloader, flusher) reach admin handlers."""
    # No conversation state: without the FSM nothing is kept per chat or person.
    dp = Dispatcher(disable_fsm=True)
    dp.workflow_data.update(guide=guide, admins=admins, **services)
    if inflight is not None:
        dp.update.outer_middleware(inflight)
    if throttle is not None:
        for observer in (dp.message, dp.callback_query, dp.inline_query):
            observer.outer_middleware(throttle)
    dp.callback_query.middleware(CallbackAnswerMiddleware(pre=True))
    router, fallback = build_routers()
    dp.include_routers(router, build_admin_router(), fallback)
    dp.errors.register(on_error)
    return dp


async def register_commands(bot: Bot, guide: Guide) -> None:
    """Command menus per language; a failure here must not stop the bot from serving."""
    ui = guide.navigator.ui
    for language_code, locale in COMMAND_LANGUAGES.items():
        commands = [BotCommand(command=name, description=ui.get(locale, f"cmd_{name}"))
                    for name in MENU_COMMANDS]
        try:
            await bot.set_my_commands(commands, language_code=language_code)
        except (TelegramAPIError, OSError) as exc:
            log.warning("could not register bot commands (%s); serving anyway",
                        type(exc).__name__)
            return


class Runtime:
    """Everything a running bot owns, with one start-up and one shutdown for both modes."""

    def __init__(self, settings: Settings, navigator: Navigator, *, webhook: bool = False) -> None:
        self.settings = settings
        self.webhook = webhook
        self.tally = Tally()
        self.guide = Guide(navigator, self.tally, LocalePreferences(settings.language_memory),
                           settings.default_locale)
        self.store = CountsStore(settings.database_path)
        self.flusher = CountFlusher(self.tally, self.store, settings.counts_flush_seconds)
        self.inflight = InFlight()
        self.bot = build_bot(settings)
        self.reloader = ContentReloader(
            self.guide, settings.content_dir, settings.locales_dir, encode_action,
            LastGoodContent(settings.last_good_dir))
        self.dp = build_dispatcher(
            self.guide, admins=settings.admin_ids, inflight=self.inflight,
            throttle=Throttle(settings.rate_limit_per_minute, settings.rate_limit_burst),
            reloader=self.reloader, flusher=self.flusher)
        self.dp.startup.register(self._on_startup)
        self.dp.shutdown.register(self._on_shutdown)
        self.serving = False
        self._background: set[asyncio.Task[object]] = set()

    def _spawn(self, coroutine: Coroutine[Any, Any, object]) -> None:
        task = asyncio.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _on_startup(self) -> None:
        # Screens and the search index are built now, off the event loop, not on someone's reply.
        await asyncio.to_thread(self.guide.navigator.warm)
        await self.store.open()
        self.flusher.start()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, lambda: self._spawn(self.reloader.reload()))
        if self.settings.reload_watch:
            await self.reloader.take_baseline()
            self._spawn(self.reloader.watch(self.settings.reload_watch_seconds))
        await register_commands(self.bot, self.guide)
        if self.webhook:
            await self._set_webhook()
        else:
            await self._delete_webhook()
        self.serving = True
        log.info("serving %d pages in %d languages by %s",
                 len(self.guide.navigator.content.pages), len(LOCALES),
                 "webhook" if self.webhook else "long polling")

    async def _set_webhook(self) -> None:
        settings = self.settings
        assert settings.webhook_url is not None and settings.webhook_secret is not None
        try:
            await self.bot.set_webhook(
                settings.webhook_url, secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=self.dp.resolve_used_update_types())
        except (TelegramAPIError, OSError) as exc:
            log.error("could not register the webhook with Telegram (%s); serving anyway, "
                      "updates arrive once the webhook is registered", type(exc).__name__)

    async def _delete_webhook(self) -> None:
        """A webhook left from an earlier deployment would make polling fail with 409."""
        try:
            await self.bot.delete_webhook(drop_pending_updates=False)
        except (TelegramAPIError, OSError) as exc:
            log.warning("could not remove a webhook (%s); polling anyway", type(exc).__name__)

    async def _on_shutdown(self) -> None:
        self.serving = False
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        for task in list(self._background):
            task.cancel()
        await self.inflight.drain(self.settings.shutdown_grace_seconds)
        await self.flusher.stop()
        await self.store.close()
        log.info("stopped; counts flushed")


async def run_polling(settings: Settings, navigator: Navigator) -> None:
    """Poll until SIGTERM/SIGINT, then drain, flush counts and return (exit code 0)."""
    runtime = Runtime(settings, navigator)
    await runtime.dp.start_polling(runtime.bot, handle_signals=True, close_bot_session=True)


def webhook_path(settings: Settings) -> str:
    path = urlsplit(settings.webhook_url or "").path
    return path if path not in ("", "/") else DEFAULT_WEBHOOK_PATH


def build_webhook_app(runtime: Runtime) -> web.Application:
    """aiohttp app: Telegram's webhook (secret checked by aiogram) plus GET /healthz."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    settings = runtime.settings
    assert settings.webhook_secret is not None
    app = web.Application()

    async def healthz(request: web.Request) -> web.Response:
        if runtime.serving:
            return web.Response(text="ok")
        return web.Response(status=503, text="not serving")

    app.router.add_get("/healthz", healthz)
    # Shutdown hooks run in order: drain and flush (dispatcher) before the session is closed.
    setup_application(app, runtime.dp, bot=runtime.bot)
    SimpleRequestHandler(dispatcher=runtime.dp, bot=runtime.bot,
                         secret_token=settings.webhook_secret.get_secret_value()
                         ).register(app, path=webhook_path(settings))
    return app


async def run_webhook(settings: Settings, navigator: Navigator) -> None:
    """Serve the webhook on HOST:PORT until SIGTERM/SIGINT, then shut down cleanly."""
    from aiohttp import web

    runtime = Runtime(settings, navigator, webhook=True)
    runner = web.AppRunner(build_webhook_app(runtime), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    await site.start()
    log.info("webhook listening on %s:%d%s", settings.host, settings.port,
             webhook_path(settings))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()
