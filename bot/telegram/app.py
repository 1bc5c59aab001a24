"""Builds the Bot and Dispatcher and runs them by long polling or webhook.

Both modes share one :class:`Runtime`, so start-up (counts database, command menus, the token
check) and shutdown (drain in-flight updates, flush counts) behave the same way.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import ClientDecodeError, TelegramAPIError, TelegramUnauthorizedError
from aiogram.types import BotCommand
from aiogram.utils.backoff import Backoff
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.locales import LocalePreferences
from bot.model.model import LOCALES
from bot.reporting.tally import Tally
from bot.runtime.counts import CountFlusher, counts_backend
from bot.runtime.last_good import LastGoodContent
from bot.runtime.reloading import ContentReloader
from bot.runtime.watchdog import watch_event_loop
from bot.settings import Settings
from bot.telegram.admin import build_admin_router
from bot.telegram.callbacks import encode_action
from bot.telegram.delivery import BadToken, Deliver, SharedBackoff
from bot.telegram.handlers import build_routers, on_error
from bot.telegram.intake import POLL_BACKOFF, Intake
from bot.telegram.middlewares import Throttle
from bot.telegram.session import TelegramSession

if TYPE_CHECKING:
    from aiohttp import web  # the server is imported only in webhook mode (memory in polling)

log = logging.getLogger(__name__)

# setMyCommands takes two-letter language codes, so Chinese clients share one list.
COMMAND_LANGUAGES: dict[str | None, str] = {None: "en", "en": "en", "zh": "zh-Hans"}
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
# Every reply is HTML, and a link in a page should not pull a preview card under it.
BOT_DEFAULTS = DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True)


BotSession = TelegramSession  # the name tests and benchmarks know it by


def build_bot(settings: Settings, backoff: SharedBackoff | None = None) -> Bot:
    """The Bot; every request but polling waits on ``backoff``, shared by the whole bot."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    session = BotSession(api=TelegramAPIServer.from_base(settings.telegram_api_url),
                         timeout=settings.telegram_timeout_seconds)
    session.middleware(Deliver(backoff or SharedBackoff(), settings.reply_retry_seconds))
    return Bot(settings.bot_token.get_secret_value(), session=session, default=BOT_DEFAULTS)


def build_dispatcher(guide: Guide, *, admins: frozenset[int] = frozenset(),
                     throttle: Throttle | None = None,
                     **services: object) -> Dispatcher:
    """The dispatcher with our routers; ``services`` (reloader, flusher, counts: the counts
    store) reach admin handlers by aiogram's dependency injection, as ``guide`` does."""
    # No conversation state: without the FSM nothing is kept per chat or person.
    dp = Dispatcher(disable_fsm=True)
    dp.workflow_data.update(guide=guide, admins=admins, **services)
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
    for language_code, locale in COMMAND_LANGUAGES.items():
        commands = [BotCommand(command=name, description=description)
                    for name, description in guide.command_menu(locale)]
        try:
            await bot.set_my_commands(commands, language_code=language_code)
        except (TelegramAPIError, OSError) as exc:
            log.warning("could not register bot commands (%s); serving anyway",
                        type(exc).__name__)
            return


class Runtime:
    """Everything a running bot owns, with one start-up and one shutdown for both modes.

    Start-up has two halves. The local one (content, counts database) runs first. The Telegram
    one (check the token, command menus, register or remove the webhook) is retried with a
    back-off until it works, so a Telegram outage at deploy time only delays serving; a token
    Telegram refuses ends the process (:class:`BadToken`). SIGTERM or SIGINT stops either half.
    """

    def __init__(self, settings: Settings, builder: ScreenBuilder, *,
                 webhook: bool = False) -> None:
        self.settings = settings
        self.webhook = webhook
        self.tally = Tally()
        self.guide = Guide(builder, self.tally, LocalePreferences(settings.language_memory),
                           settings.default_locale)
        self.store = counts_backend(settings.database_url, settings.database_path)
        self.flusher = CountFlusher(self.tally, self.store, settings.counts_flush_seconds)
        self.backoff = SharedBackoff()
        self.bot = build_bot(settings, self.backoff)
        self.reloader = ContentReloader(
            self.guide, settings.content_dir, settings.locales_dir, encode_action,
            LastGoodContent(settings.last_good_dir))
        self.dp = build_dispatcher(
            self.guide, admins=settings.admin_ids,
            throttle=Throttle(settings.rate_limit_per_minute, settings.rate_limit_burst),
            reloader=self.reloader, flusher=self.flusher, counts=self.store)
        # With several processes on one PostgreSQL, an update resent to another is answered once.
        self.seen = None
        if settings.database_url is not None:
            from bot.runtime.seen_updates import SharedSeenUpdates

            self.seen = SharedSeenUpdates(settings.database_url.get_secret_value())
        self.intake = Intake(self.dp, self.bot, self.tally, urgent=self.guide.urgent,
                             shared=self.seen)
        # True once Telegram knows where to deliver (webhook registered, or polling) and until
        # a stop is asked for: what /healthz reports.
        self.serving = False
        self.stop = asyncio.Event()
        self._background: set[asyncio.Task[object]] = set()

    def _spawn(self, coroutine: Coroutine[Any, Any, object]) -> None:
        task = asyncio.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def serve(self, server: web.AppRunner | None = None) -> None:
        """Run until SIGTERM/SIGINT, then shut down cleanly; :class:`BadToken` after shutting
        down if Telegram refused the token. ``server`` (webhook mode) answers 503 to /healthz
        and to new updates while the ones it took are drained, and is closed after them."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop.set)
        try:
            await self._start()
            work = asyncio.create_task(self._work())
            stopped = asyncio.create_task(self.stop.wait())
            try:
                await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                self.serving = False
                work.cancel()
                stopped.cancel()
                outcome, _ = await asyncio.gather(work, stopped, return_exceptions=True)
            log.info("stopping")
            if isinstance(outcome, Exception):
                raise outcome
        finally:
            self.serving = False
            self.intake.closed = True  # from now on a webhook post gets 503: Telegram resends it
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)
            await self._shutdown(server)

    async def _work(self) -> None:
        await self._connect()
        # The content was loaded and checked (every screen rendered) before this; the search
        # index is built off the event loop once Telegram has been reached, so neither start-up
        # nor the requests that reach Telegram share the interpreter with it (a question typed
        # before it is ready waits for the same build, see ScreenBuilder.search_index).
        self._spawn(asyncio.to_thread(self.guide.warm))
        if self.webhook:
            await asyncio.Event().wait()  # the aiohttp server takes the updates
        else:
            await self.intake.poll(self.dp.resolve_used_update_types())

    async def _start(self) -> None:
        await self.store.open()
        if self.seen is not None:
            await self.seen.open()
        self.flusher.start()
        self._spawn(watch_event_loop())
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGHUP, lambda: self._spawn(self.reloader.reload()))
        if self.settings.reload_watch:
            await self.reloader.take_baseline()
            self._spawn(self.reloader.watch(self.settings.reload_watch_seconds))

    async def _connect(self) -> None:
        await until_done("check the token with Telegram", self.bot.me)
        await register_commands(self.bot, self.guide)
        if self.webhook:
            await until_done("register the webhook with Telegram", self._set_webhook)
        else:
            await self._delete_webhook()
        self.serving = True
        log.info("serving %d pages in %d languages by %s",
                 self.guide.page_count(), len(LOCALES),
                 "webhook" if self.webhook else "long polling")

    async def _set_webhook(self) -> None:
        settings = self.settings
        assert settings.webhook_url is not None and settings.webhook_secret is not None
        await self.bot.set_webhook(
            settings.webhook_url, secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=self.dp.resolve_used_update_types())

    async def _delete_webhook(self) -> None:
        """A webhook left from an earlier deployment would make polling fail with 409."""
        try:
            await self.bot.delete_webhook(drop_pending_updates=False)
        except TelegramUnauthorizedError:
            raise BadToken from None
        except (TelegramAPIError, OSError) as exc:
            log.warning("could not remove a webhook (%s); polling anyway", type(exc).__name__)

    async def _shutdown(self, server: web.AppRunner | None) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_signal_handler(signal.SIGHUP)
        for task in list(self._background):
            task.cancel()
        await self.intake.drain(self.settings.shutdown_grace_seconds)
        if server is not None:  # up until now, so /healthz could say 503 while draining
            await server.cleanup()
        flushed = await self.flusher.stop()  # when False, it has said how many are lost
        await self.store.close()
        if self.seen is not None:
            await self.seen.close()
        await self.bot.session.close()
        if flushed:
            log.info("stopped; counts flushed")
        else:
            log.warning("stopped; the counts not written (above) are lost")


async def until_done(what: str, call: Callable[[], Awaitable[object]]) -> None:
    """Call until it works, with a growing pause; :class:`BadToken` if the token is refused."""
    backoff = Backoff(POLL_BACKOFF)
    while True:
        try:
            await call()
            return
        except TelegramUnauthorizedError:
            raise BadToken from None
        except (TelegramAPIError, ClientDecodeError, OSError) as exc:
            delay = next(backoff)
            log.error("could not %s (%s); trying again in %.1f s", what, type(exc).__name__,
                      delay)
            await asyncio.sleep(delay)


async def run_polling(settings: Settings, builder: ScreenBuilder) -> None:
    """Poll until SIGTERM/SIGINT, then drain, flush counts and return (exit code 0)."""
    await Runtime(settings, builder).serve()


def webhook_path(settings: Settings) -> str:
    path = urlsplit(settings.webhook_url or "").path
    return path if path not in ("", "/") else DEFAULT_WEBHOOK_PATH


def build_webhook_app(runtime: Runtime) -> web.Application:
    """aiohttp app: Telegram's webhook (secret checked, one update at a time, see
    :mod:`bot.telegram.intake`) plus GET /healthz."""
    from aiohttp import web

    settings = runtime.settings
    assert settings.webhook_secret is not None
    app = web.Application()

    async def healthz(request: web.Request) -> web.Response:
        if runtime.serving:
            return web.Response(text="ok")
        return web.Response(status=503, text="not serving")

    app.router.add_get("/healthz", healthz)
    app.router.add_post(webhook_path(settings), runtime.intake.webhook_handler(
        settings.webhook_secret.get_secret_value()))
    return app


async def run_webhook(settings: Settings, builder: ScreenBuilder) -> None:
    """Serve the webhook on HOST:PORT until SIGTERM/SIGINT, then shut down cleanly.

    The server listens at once (/healthz says 503) while the webhook is being registered."""
    runtime, runner = await start_webhook(settings, builder)
    await runtime.serve(runner)


async def start_webhook(settings: Settings, builder: ScreenBuilder,
                        ) -> tuple[Runtime, web.AppRunner]:
    """The webhook's runtime and its listening server, to be handed to ``Runtime.serve``."""
    from aiohttp import web

    runtime = Runtime(settings, builder, webhook=True)
    runner = web.AppRunner(build_webhook_app(runtime), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.host, settings.port).start()
    except BaseException:
        await runner.cleanup()
        await runtime.bot.session.close()
        raise
    log.info("webhook listening on %s:%d%s", settings.host, settings.port,
             webhook_path(settings))
    return runtime, runner
