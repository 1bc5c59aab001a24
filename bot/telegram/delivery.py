"""Getting replies to Telegram when Telegram is slow, refusing or down, without ever sending one
twice.

* **One back-off for the whole bot** (:class:`SharedBackoff`). When Telegram answers 429 it says
  how long to wait (``retry_after``); when it or a proxy in front of it fails (5xx) or cannot be
  reached, we wait a growing pause. Either way *every* request waits, not just the one that
  failed, and once the pause is over a single request goes first to see whether Telegram is back;
  the others follow when it succeeds. So an outage costs Telegram one request per pause, not
  one per waiting reply.
* **Retried for as long as the reply is still useful** (``REPLY_RETRY_SECONDS``, about a minute):
  after that the person has moved on, and the reply is dropped with one log line.
* **Never twice.** A request is sent again only when it surely did not take effect: Telegram
  answered 429 or 5xx (500, 502, 503; also HTML error pages from a proxy), or the request was
  never written (no connection could be had, or its time ran out while it waited for one or for
  a blocked event loop: ``RequestNotSent``). A request that was written but got no answer (a
  timeout, a dropped connection, a proxy's 504 gateway timeout) may have been carried out, so it
  is retried only if doing it twice changes nothing (editing a message, answering a button
  press, registering the webhook); a new message (``send*``, ``copy*``, ``forward*``) is not
  sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, Response, TelegramMethod
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.telegram.session import RequestNotSent, ServerAnswered, api_method

if TYPE_CHECKING:
    from aiogram import Bot

TelegramType = TypeVar("TelegramType")

log = logging.getLogger(__name__)

# 0.5 s, 1 s, 2 s ... up to 15 s between tries while Telegram fails; jitter spreads restarts.
REPLY_BACKOFF = BackoffConfig(min_delay=0.5, max_delay=15.0, factor=2.0, jitter=0.05)
# Statuses that say the request was not carried out. 504 is left out: a proxy that gave up
# waiting cannot know whether the Bot API behind it did the work.
NOT_DONE_STATUSES = frozenset({429, 500, 502, 503})
# Methods that create a new message: doing one twice means the person gets two messages.
_NOT_IDEMPOTENT = ("send", "copy", "forward")


class BadToken(Exception):
    """Telegram refused the token (401): nothing will work until BOT_TOKEN is fixed."""


def idempotent(method: TelegramMethod[Any]) -> bool:
    """Whether doing ``method`` twice leaves things as doing it once (no second message)."""
    return not api_method(method).startswith(_NOT_IDEMPOTENT)


def surely_not_done(exc: BaseException) -> bool:
    """Telegram did not carry the request out: trying again cannot make it happen twice."""
    if isinstance(exc, TelegramRetryAfter):
        return True
    if isinstance(exc, ServerAnswered):
        return exc.status in NOT_DONE_STATUSES
    if isinstance(exc, TelegramServerError):
        return True  # a Bot API 5xx without a status (another session): it says it failed
    # Our session knows whether the request was written (bot.telegram.session): one that never
    # was, queued behind a stall or without a connection, cannot have arrived.
    return isinstance(exc, RequestNotSent)


def transient(exc: BaseException) -> bool:
    """A failure of Telegram or of the way to it, rather than of this one request."""
    if isinstance(exc, ServerAnswered | TelegramRetryAfter):
        return True
    return isinstance(exc, TelegramServerError | TelegramNetworkError)


@dataclass
class Turn:
    """Permission to send one request: ``epoch`` says which pause it came after."""

    epoch: int
    probe: bool


class TooLate(Exception):
    """The bot-wide pause lasts beyond the point where the reply would still be useful."""


class SharedBackoff:
    """One pause for every request of the bot (see the module docstring)."""

    def __init__(self, config: BackoffConfig = REPLY_BACKOFF,
                 clock: Callable[[], float] | None = None) -> None:
        self._backoff = Backoff(config)
        self._clock = clock
        self._until = 0.0  # nothing is sent before this time
        self._troubled = False  # the last request that counted failed; probe before the rest go
        self._probing = False
        self._epoch = 0
        self._changed = asyncio.Event()

    def now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    @property
    def paused_for(self) -> float:
        return max(0.0, self._until - self.now())

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, seconds: float) -> None:
        changed = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), max(seconds, 0.0))

    async def turn(self, deadline: float) -> Turn:
        """Wait until this request may go; :class:`TooLate` if that is after ``deadline``."""
        while True:
            now = self.now()
            if self._until > deadline:
                raise TooLate
            if self._until <= now and not self._probing:
                probe = self._troubled
                self._probing = probe
                return Turn(self._epoch, probe)
            if now >= deadline:
                raise TooLate
            wait = self._until - now if self._until > now else deadline - now
            await self._wait_change(wait)

    @contextlib.asynccontextmanager
    async def attempt(self, deadline: float) -> AsyncIterator[Turn]:
        """``async with backoff.attempt(deadline) as turn:`` around one request."""
        turn = await self.turn(deadline)
        try:
            yield turn
        finally:
            if turn.probe and self._probing and turn.epoch == self._epoch:
                self._probing = False  # cancelled or not reported: let another request probe
                self._notify()

    def succeeded(self, turn: Turn) -> None:
        """Telegram answered (even with an error about this request alone)."""
        if turn.probe and turn.epoch == self._epoch:
            self._troubled = self._probing = False
            self._backoff.reset()
            self._notify()

    def failed(self, turn: Turn, retry_after: float | None = None) -> float:
        """Telegram failed or asked to wait: pause everyone. Returns the pause in seconds.

        Requests that were already on their way when a pause began fail too; they do not make
        the pause longer, except that a ``retry_after`` is always honoured in full.
        """
        now = self.now()
        if turn.epoch == self._epoch:
            self._epoch += 1
            delay = float(retry_after) if retry_after is not None else next(self._backoff)
            self._until = max(self._until, now + delay)
            self._troubled = True
            self._probing = False
            self._notify()
        elif retry_after is not None and now + retry_after > self._until:
            self._until = now + retry_after
            self._notify()
        return self.paused_for


class Deliver(BaseRequestMiddleware):
    """Session middleware: every request except polling goes through one :class:`SharedBackoff`
    and is retried, while it is still useful, if it surely did not take effect (or if doing it
    again is harmless)."""

    def __init__(self, backoff: SharedBackoff, patience: float) -> None:
        self.backoff = backoff
        self.patience = patience

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Response[TelegramType]:
        if isinstance(method, GetUpdates):  # polling has its own back-off (bot.telegram.intake)
            return await make_request(bot, method)  # type: ignore[arg-type]
        name = api_method(method)
        deadline = self.backoff.now() + self.patience
        tries = 0
        last: Exception | None = None
        while True:
            tries += 1
            try:
                async with self.backoff.attempt(deadline) as turn:
                    try:
                        response = await make_request(bot, method)
                    except Exception as exc:
                        if not transient(exc):
                            self.backoff.succeeded(turn)  # Telegram answered: it is up
                            raise
                        retry_after = exc.retry_after if isinstance(exc, TelegramRetryAfter) \
                            else None
                        pause = self.backoff.failed(turn, retry_after)
                        if not (surely_not_done(exc) or idempotent(method)):
                            log.warning("%s failed (%s) after it was sent; not sent again, "
                                        "since it may have arrived", name, type(exc).__name__)
                            raise
                        log.info("%s failed (%s); all requests wait %.1f s", name,
                                 type(exc).__name__, pause)
                        last = exc
                        continue
                    self.backoff.succeeded(turn)
                    return response
            except TooLate:
                log.warning("%s given up after %d tries: Telegram did not take it within %g s "
                            "(%s)", name, tries - 1, self.patience,
                            type(last).__name__ if last else "still paused")
                if last is not None:
                    raise last from None
                raise TelegramNetworkError(method=method,
                                           message="not sent: Telegram asked to wait") from None
