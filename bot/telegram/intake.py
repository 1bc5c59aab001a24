"""Updates from Telegram, read one at a time, by long polling or from the webhook.

aiogram reads a whole ``getUpdates`` answer as ``list[Update]``: one update of a shape it does not
expect (a new Bot API field, a malformed message) fails the whole batch, every later poll fails
the same way, and its log line quotes the batch, with people's names and what they typed. Here
Telegram's answer is kept as plain JSON and each update is read on its own. One that cannot be
read is skipped (the offset still moves past it) and counted as ``update_skipped``, with no
detail: the log line names neither the update nor what was wrong with it, since pydantic's
message quotes the input.

The same intake serves the webhook: a body that is not JSON gets 400, an unreadable update 200
(sending it again would not help), and an update id seen recently is answered only once: by
this process's memory of the last ids, and, with several processes, by a :class:`SharedSeen`
they all claim ids in (:mod:`bot.runtime.seen_updates`).

Updates wait in one queue, served by a fixed number of workers: a message that reads as a
crisis goes to the front, so after an outage (a backlog of thousands) or in a burst of webhook
posts it is answered first. Polling reads ahead at most ``read_ahead`` updates: the rest stay
with Telegram until there is room.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import secrets
from collections import deque
from typing import TYPE_CHECKING, Protocol

from aiogram.exceptions import TelegramRetryAfter, TelegramUnauthorizedError
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig
from pydantic import ValidationError

from bot.reporting.tally import Tally
from bot.telegram.delivery import BadToken
from bot.telegram.session import TelegramSession

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiogram import Bot, Dispatcher
    from aiohttp import web

    WebHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger(__name__)

POLL_BACKOFF = BackoffConfig(min_delay=1.0, max_delay=30.0, factor=1.5, jitter=0.1)
# Updates handled at once. Each mostly waits for Telegram to take its reply (about 30 messages
# a second are allowed), so a few dozen keep the bot busy without piling up unanswered work.
WORKERS = 32
# Updates read from Telegram and waiting for a worker, at most (crisis messages always fit).
READ_AHEAD = 5_000
URGENT, ORDINARY = 0, 1
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class RecentIds:
    """The last ``capacity`` update ids seen: a bounded memory to answer each update once."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._order: deque[int] = deque()
        self._seen: set[int] = set()

    def add(self, update_id: int) -> bool:
        """Remember ``update_id``; False if it was seen already."""
        if update_id in self._seen:
            return False
        self._seen.add(update_id)
        self._order.append(update_id)
        if len(self._order) > self.capacity:
            self._seen.discard(self._order.popleft())
        return True

    def __len__(self) -> int:
        return len(self._order)


def typed_text(update: Update) -> str | None:
    """The text of a message or an edited message: what a crisis check reads."""
    message = update.message or update.edited_message
    return message.text if message is not None else None


class SharedSeen(Protocol):
    """Update ids seen by any of the bot's processes: ``claim`` is False for an id claimed
    before (in another process too)."""

    async def claim(self, update_id: int) -> bool: ...


class Intake:
    """Reads raw updates one by one and queues each readable, new one for the dispatcher,
    crisis messages first (see the module docstring)."""

    def __init__(self, dp: Dispatcher, bot: Bot, tally: Tally, *, memory: int = 10_000,
                 urgent: Callable[[str], bool] | None = None, workers: int = WORKERS,
                 read_ahead: int = READ_AHEAD, shared: SharedSeen | None = None) -> None:
        self.dp = dp
        self.bot = bot
        self.tally = tally
        self.recent = RecentIds(memory)
        self.shared = shared
        self.urgent = urgent
        self.workers = workers
        self.read_ahead = read_ahead
        self._queue: asyncio.PriorityQueue[tuple[int, int, Update]] = asyncio.PriorityQueue()
        self._order = itertools.count()  # first come, first served within a priority
        self._pool: set[asyncio.Task[None]] = set()
        self._busy = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._room = asyncio.Event()
        self.closed = False  # shutting down: the webhook answers 503 so Telegram resends later

    @property
    def waiting(self) -> int:
        """Updates taken in and not yet handled (queued or being handled)."""
        return self._queue.qsize() + self._busy

    def has_room(self) -> bool:
        """Whether polling may fetch more: what waits is below ``read_ahead``."""
        return self._queue.qsize() < self.read_ahead

    def read(self, raw: object) -> Update | None:
        """The update, or None (counted, logged without content) if it cannot be read."""
        try:
            update = Update.model_validate(raw, context={"bot": self.bot})
            update.event_type  # noqa: B018 - raises for a kind of update this aiogram does not know
        except (ValidationError, LookupError, ValueError, TypeError) as exc:
            self.tally.add("update_skipped")
            log.warning("skipped an update this bot cannot read (%s); nothing from it is logged",
                        type(exc).__name__)
            return None
        return update

    def accept(self, raw: object) -> bool:
        """Start handling one raw update in the background; False if it was skipped."""
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if isinstance(update_id, int) and not self.recent.add(update_id):
            log.info("update %d arrived again; answered once only", update_id)
            return False
        update = self.read(raw)
        if update is None:
            return False
        self._queue.put_nowait((self._priority(update), next(self._order), update))
        self._idle.clear()
        self._start_workers()
        return True

    def _priority(self, update: Update) -> int:
        """URGENT for a crisis message, when others wait: alone, it is served at once anyway
        (and the Guide reads it as it answers, so it is not read twice)."""
        if self.urgent is None or self.waiting == 0:
            return ORDINARY
        text = typed_text(update)
        return URGENT if text is not None and self.urgent(text) else ORDINARY

    def _start_workers(self) -> None:
        while len(self._pool) < self.workers:
            task = asyncio.create_task(self._work())
            self._pool.add(task)
            task.add_done_callback(self._pool.discard)

    async def _work(self) -> None:
        while True:
            _priority, _order, update = await self._queue.get()
            self._busy += 1
            if self.has_room():
                self._room.set()
            try:
                if await self._claim(update):
                    await self.dp.feed_update(self.bot, update)
            except Exception as exc:  # the dispatcher's error handler logs the details
                log.error("an update could not be handled: %s", type(exc).__name__)
            finally:
                self._busy -= 1
                self._queue.task_done()
                if self.waiting == 0:
                    self._idle.set()

    async def _claim(self, update: Update) -> bool:
        """False if another process took this update first (Telegram sent it again)."""
        if self.shared is None or await self.shared.claim(update.update_id):
            return True
        log.info("update %d was taken by another process; answered once only", update.update_id)
        return False

    async def drain(self, grace: float) -> bool:
        """Wait for the updates taken in to be handled; False if ``grace`` seconds ran out
        first. The workers stop either way."""
        try:
            if self.waiting == 0:
                return True
            try:
                await asyncio.wait_for(self._idle.wait(), grace)
            except TimeoutError:
                log.warning("shutting down with %d update(s) still being handled",
                            self.waiting)
                return False
            return True
        finally:
            for task in list(self._pool):
                task.cancel()
            await asyncio.gather(*self._pool, return_exceptions=True)

    async def poll(self, allowed_updates: list[str] | None, wait: int = 10) -> None:
        """Long polling (``wait`` seconds per poll) until cancelled; :class:`BadToken` if Telegram
        refuses the token."""
        session = self.bot.session
        if not isinstance(session, TelegramSession):  # a programming error: say it at once
            raise TypeError("polling reads updates one by one through TelegramSession")
        backoff = Backoff(POLL_BACKOFF)
        offset: int | None = None
        request_timeout = int(session.timeout + wait)
        while True:
            while not self.has_room():  # a backlog: leave the rest with Telegram for now
                self._room.clear()
                await self._room.wait()
            method = GetUpdates(offset=offset, timeout=wait, allowed_updates=allowed_updates)
            try:
                batch = await session.fetch_json(self.bot, method, request_timeout)
            except TelegramUnauthorizedError:
                raise BadToken from None
            except Exception as exc:
                delay = exc.retry_after if isinstance(exc, TelegramRetryAfter) \
                    else next(backoff)
                # Only the type: messages of decoding errors quote what Telegram sent.
                log.warning("could not fetch updates (%s); trying again in %.1f s",
                            type(exc).__name__, delay)
                await asyncio.sleep(delay)
                continue
            backoff.reset()
            for raw in batch if isinstance(batch, list) else ():
                update_id = raw.get("update_id") if isinstance(raw, dict) else None
                if isinstance(update_id, int):
                    offset = max(offset or 0, update_id + 1)
                try:
                    self.accept(raw)
                except Exception as exc:  # one update must never stop polling for everyone
                    log.error("an update could not be taken in: %s", type(exc).__name__)

    def webhook_handler(self, secret: str) -> WebHandler:
        """The aiohttp handler for Telegram's webhook posts."""
        from aiohttp import web

        expected = secret.encode()

        async def handle(request: web.Request) -> web.Response:
            given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
            if not secrets.compare_digest(given, expected):
                return web.Response(status=401, text="Unauthorized")
            try:
                raw = json.loads(await request.read())
            except (ValueError, UnicodeDecodeError, RecursionError):
                # RecursionError: nesting deeper than any update; nothing of it is logged
                return web.Response(status=400, text="expected an update as JSON")
            if not isinstance(raw, dict):
                return web.Response(status=400, text="expected an update as a JSON object")
            if self.closed:
                return web.Response(status=503, text="stopping")
            self.accept(raw)
            return web.json_response({})

        return handle
