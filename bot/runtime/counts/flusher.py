"""Writing the in-memory tally to the store in the background, and waiting out a database
that is away."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections import Counter

from bot.reporting.tally import CountKey, Tally
from bot.runtime.counts.store import CountsBackend

log = logging.getLogger(__name__)


class CountFlusher:
    """Writes the tally to the store every ``interval`` seconds and once more on stop.

    A batch that cannot be written (database restarting, network gone) stays in memory with its
    id and is sent again with back-off (``retry_first`` seconds, doubling, at most ``retry_max``
    or two intervals);
    meanwhile new counts gather in the tally, which is bounded. The bot keeps answering.
    """

    def __init__(self, tally: Tally, store: CountsBackend, interval: float, *,
                 retry_first: float = 1.0, retry_max: float = 60.0,
                 stop_timeout: float = 5.0) -> None:
        self.tally = tally
        self.store = store
        self.interval = interval
        # Never wait longer than two flush intervals (so a short interval recovers quickly).
        self.retry_first = min(retry_first, interval)
        self.retry_max = max(min(retry_max, 2 * interval), self.retry_first)
        self.stop_timeout = stop_timeout
        self.failures = 0
        self._unsent: tuple[str, Counter[CountKey]] | None = None
        self._lock = asyncio.Lock()
        self._dropped_reported = 0
        self._task: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        """Counts in memory that are not in the database yet."""
        unsent = sum(self._unsent[1].values()) if self._unsent else 0
        return unsent + self.tally.total

    async def flush(self) -> bool:
        """Write what is waiting; True when nothing is left waiting."""
        async with self._lock:
            # First a batch left over from a failed attempt (same id), then what came since.
            for _ in range(2):
                if self._unsent is None:
                    batch = self.tally.drain()
                    if not batch:
                        break
                    self._unsent = (uuid.uuid4().hex, batch)
                batch_id, batch = self._unsent
                try:
                    # Shielded: if this task is cancelled mid-commit, the write still finishes,
                    # and sending the batch again (same id) is then a no-op, never a double.
                    await asyncio.shield(self.store.write(batch, batch_id))
                except Exception as exc:
                    self._failed(exc)
                    return False
                self._unsent = None
            self._succeeded()
            return True

    def _failed(self, exc: Exception) -> None:
        self.failures += 1
        # Only the type: a message could quote the server's address book or worse.
        log.warning("could not write counts to %s (%s); %d counts wait in memory and are "
                    "retried in about %.0f s", self.store.description, type(exc).__name__,
                    self.waiting, self.retry_delay())
        dropped = self.tally.dropped
        if dropped > self._dropped_reported:
            log.error("the counts waiting in memory reached %d rows: %d counts for new rows "
                      "were dropped so far", self.tally.limit, dropped)
            self._dropped_reported = dropped

    def _succeeded(self) -> None:
        if self.failures:
            log.info("counts written to %s again after %d failed attempt(s)",
                     self.store.description, self.failures)
            self.failures = 0
        if self.tally.dropped > self._dropped_reported:
            log.error("%d counts were dropped at the memory limit while the database was away",
                      self.tally.dropped - self._dropped_reported)
            self._dropped_reported = self.tally.dropped

    def retry_delay(self) -> float:
        """Exponential back-off with jitter, so several processes do not retry in step."""
        base = min(self.retry_max, self.retry_first * 2.0 ** max(self.failures - 1, 0))
        return base * random.uniform(0.8, 1.2)

    async def _run(self) -> None:
        delay = self.interval
        while True:
            await asyncio.sleep(delay)
            delay = self.interval if await self.flush() else self.retry_delay()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="count-flusher")

    async def stop(self) -> bool:
        """Stop the timer and write what is left, retrying for up to ``stop_timeout`` seconds."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.stop_timeout
        delay = min(0.25, self.retry_first)
        while not await self.flush():
            if loop.time() + delay > deadline:
                log.error("%d counts could not be written to %s before exit and are lost",
                          self.waiting, self.store.description)
                return False
            await asyncio.sleep(delay)
            delay *= 2
        return True
