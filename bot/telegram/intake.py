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
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections import deque
from typing import TYPE_CHECKING, Any, Protocol

from aiogram.exceptions import TelegramRetryAfter, TelegramUnauthorizedError
from aiogram.methods import GetUpdates
from aiogram.types import Update
from aiogram.types.update import UpdateTypeLookupError
from aiogram.utils.backoff import Backoff, BackoffConfig
from pydantic import ValidationError

from bot.core.tally import Tally
from bot.telegram.delivery import BadToken

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiogram import Bot, Dispatcher
    from aiohttp import web

    WebHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]

log = logging.getLogger(__name__)

POLL_BACKOFF = BackoffConfig(min_delay=1.0, max_delay=30.0, factor=1.5, jitter=0.1)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class GetRawUpdates(GetUpdates):
    """``getUpdates`` with Telegram's answer left as JSON, to be read update by update."""

    __returning__ = list[Any]


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


class SharedSeen(Protocol):
    """Update ids seen by any of the bot's processes: ``claim`` is False for an id claimed
    before (in another process too)."""

    async def claim(self, update_id: int) -> bool: ...


class Intake:
    """Reads raw updates one by one and hands each readable, new one to the dispatcher."""

    def __init__(self, dp: Dispatcher, bot: Bot, tally: Tally, *, memory: int = 10_000,
                 shared: SharedSeen | None = None) -> None:
        self.dp = dp
        self.bot = bot
        self.tally = tally
        self.recent = RecentIds(memory)
        self.shared = shared
        self.tasks: set[asyncio.Task[None]] = set()
        self.closed = False  # shutting down: the webhook answers 503 so Telegram resends later

    def read(self, raw: object) -> Update | None:
        """The update, or None (counted, logged without content) if it cannot be read."""
        try:
            update = Update.model_validate(raw, context={"bot": self.bot})
            update.event_type  # noqa: B018 - raises for a kind of update this aiogram does not know
        except (ValidationError, UpdateTypeLookupError, ValueError, TypeError) as exc:
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
        task = asyncio.create_task(self._feed(update))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return True

    async def _feed(self, update: Update) -> None:
        try:
            if self.shared is not None and not await self.shared.claim(update.update_id):
                log.info("update %d was taken by another process; answered once only",
                         update.update_id)
                return
            await self.dp.feed_update(self.bot, update)
        except Exception as exc:  # the dispatcher's error handler logs the details
            log.error("an update could not be handled: %s", type(exc).__name__)

    async def drain(self, grace: float) -> bool:
        """Wait for updates being handled; False if ``grace`` seconds ran out first."""
        if not self.tasks:
            return True
        _, pending = await asyncio.wait(set(self.tasks), timeout=grace)
        if pending:
            log.warning("shutting down with %d update(s) still being handled", len(pending))
            return False
        return True

    async def poll(self, allowed_updates: list[str] | None, wait: int = 10) -> None:
        """Long polling (``wait`` seconds per poll) until cancelled; :class:`BadToken` if Telegram
        refuses the token."""
        backoff = Backoff(POLL_BACKOFF)
        offset: int | None = None
        request_timeout = int(self.bot.session.timeout + wait)
        while True:
            method = GetRawUpdates(offset=offset, timeout=wait, allowed_updates=allowed_updates)
            try:
                batch = await self.bot(method, request_timeout=request_timeout)
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
            except (ValueError, UnicodeDecodeError):
                return web.Response(status=400, text="expected an update as JSON")
            if not isinstance(raw, dict):
                return web.Response(status=400, text="expected an update as a JSON object")
            if self.closed:
                return web.Response(status=503, text="stopping")
            self.accept(raw)
            return web.json_response({})

        return handle
