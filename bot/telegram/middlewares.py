"""Cross-cutting behaviour as aiogram middlewares: flood control, graceful draining. (Retries
are in :mod:`bot.telegram.delivery`.)"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, InlineQuery, Message, TelegramObject

from bot.conversation.guide import Guide
from bot.conversation.telegram_html import visible_text

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


TOAST_LIMIT = 200  # characters Telegram shows in a callback query's answer (plain text)


def toast(note: str) -> str:
    """A note as a callback answer: plain text within Telegram's limit, cut only between two
    numbers (never inside one)."""
    text = visible_text(note)
    while len(text) > TOAST_LIMIT and " · " in text:
        text = text.rsplit(" · ", 1)[0]
    return text[:TOAST_LIMIT]


class Throttle(BaseMiddleware):
    """Per-person flood control: a token bucket per sender, held in a bounded in-memory map.

    Over the limit, the person gets one polite note (a callback is always answered) and the
    excess is dropped, so one flooding sender cannot slow down anyone else. A message that reads
    as a crisis is never held back.
    """

    def __init__(self, per_minute: float, burst: int, capacity: int = 20_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.capacity = capacity
        self.clock = clock
        self._buckets: OrderedDict[int, tuple[float, float, bool]] = OrderedDict()

    def allow(self, person: int) -> tuple[bool, bool]:
        """(allowed, should_warn) for one event from ``person``."""
        now = self.clock()
        tokens, stamp, warned = self._buckets.pop(person, (self.burst, now, False))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        if tokens >= 1.0:
            self._remember(person, (tokens - 1.0, now, False))
            return True, False
        self._remember(person, (tokens, now, True))
        return False, not warned

    def _remember(self, person: int, state: tuple[float, float, bool]) -> None:
        self._buckets[person] = state
        while len(self._buckets) > self.capacity:
            self._buckets.popitem(last=False)

    async def __call__(self, handler: Handler, event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        user = getattr(event, "from_user", None)
        if user is None:
            return await handler(event, data)
        allowed, warn = self.allow(user.id)
        guide: Guide = data["guide"]
        if allowed or (isinstance(event, Message) and event.text is not None
                       and guide.urgent(event.text)):
            # Crisis routing comes before the flood limit: someone writing "my friend is not
            # breathing" is answered however many messages they sent before. Only a message
            # over the limit is read here; the Guide reads every other one once, as it answers.
            return await handler(event, data)
        note = guide.slow_down(user.id, user.language_code)
        if isinstance(event, CallbackQuery):
            await event.answer(toast(note) if warn else None)
        elif isinstance(event, Message) and warn and event.chat.type == "private":
            await event.answer(note)
        elif isinstance(event, InlineQuery):
            await event.answer([], cache_time=1, is_personal=True)
        return None

