"""Update ids seen in the last hour, shared by every process on one PostgreSQL (``DATABASE_URL``),
so an update Telegram sends again, to whichever process, is answered once.

Telegram resends a webhook update it got no answer for (a process killed while answering, a
proxy timing out), and behind a proxy the copy may land on another process, whose in-memory
window (:class:`bot.telegram.intake.RecentIds`) has never seen it. Here each process claims the
update id in one table first; the one whose insert succeeds answers.

Only update ids are kept: a counter Telegram gives each update, nothing about a person or what
they sent. Each row is deleted an hour after it was written (``seen_at`` is the database's clock,
so processes whose clocks differ agree). The table is its own, outside the counts' schema
versions: the counts never read it, and ``stats`` and ``migrate-counts`` never touch it.

When the database cannot answer within a moment, the update is answered anyway: a person
getting a reply twice is better than not at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import asyncpg

from bot.runtime.counts.store import describe_url

log = logging.getLogger(__name__)

KEEP_SECONDS = 3600
# How often a process deletes the rows older than KEEP_SECONDS (so each lives at most this much
# longer).
PURGE_EVERY_SECONDS = 60.0
# Held while the table is made: any constant, the same in every process (not the counts' one).
_TABLE_LOCK = 0x6B5361666572 + 16  # "kSafer" + 16
_CREATE = ("CREATE TABLE IF NOT EXISTS seen_updates ("
           "update_id BIGINT PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL DEFAULT now())",
           "CREATE INDEX IF NOT EXISTS seen_updates_seen_at ON seen_updates (seen_at)")
_CLAIM = "INSERT INTO seen_updates (update_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING true"
_PURGE = "DELETE FROM seen_updates WHERE seen_at < now() - make_interval(secs => $1)"


class SharedSeenUpdates:
    """``await claim(update_id)``: True for the first process to claim an update id within
    the hour, False for every later claim of it."""

    def __init__(self, url: str, *, timeout: float = 2.0, keep_seconds: float = KEEP_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._url = url
        self.description = describe_url(url)
        self.timeout = timeout
        self.keep_seconds = keep_seconds
        self.clock = clock
        self._pool: asyncpg.Pool | None = None
        self._ready = False
        self._ready_lock = asyncio.Lock()
        self._purged_at: float | None = None
        self._failing = False

    async def open(self) -> None:
        """Make the pool; the table is made on first use (the server may not be up yet)."""
        self._pool = asyncpg.create_pool(self._url, min_size=0, max_size=2, timeout=self.timeout,
                                         command_timeout=self.timeout,
                                         max_inactive_connection_lifetime=60)
        await self._pool

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            await asyncio.wait_for(pool.close(), self.timeout)
        except (TimeoutError, OSError, asyncpg.InterfaceError):
            pool.terminate()

    async def claim(self, update_id: int) -> bool:
        """False if another claim of ``update_id`` (here or in another process) came first.
        True as well when the database cannot say in time: better twice than never."""
        try:
            return await asyncio.wait_for(self._claim(update_id), self.timeout)
        except Exception as exc:  # any failure: answer, and say so once
            if not self._failing:
                self._failing = True
                log.warning("cannot check for resent updates in %s (%s); answering every "
                            "update until it is back", self.description, type(exc).__name__)
            if isinstance(exc, asyncpg.UndefinedTableError):
                self._ready = False  # the database was replaced by an empty one
            return True

    async def _claim(self, update_id: int) -> bool:
        pool = self._pool
        if pool is None:
            raise RuntimeError("the seen-updates store is not open")
        async with pool.acquire() as conn:
            if not self._ready:
                async with self._ready_lock:
                    if not self._ready:
                        async with conn.transaction():
                            # Processes starting together make the table one after another.
                            await conn.execute("SELECT pg_advisory_xact_lock($1)",
                                               _TABLE_LOCK)
                            for statement in _CREATE:
                                await conn.execute(statement)
                        self._ready = True
            fresh = await conn.fetchval(_CLAIM, update_id)
            now = self.clock()
            if self._purged_at is None or now - self._purged_at >= PURGE_EVERY_SECONDS:
                self._purged_at = now
                await conn.execute(_PURGE, float(self.keep_seconds))
        if self._failing:
            self._failing = False
            log.info("checking for resent updates in %s again", self.description)
        return bool(fresh)
