"""Anonymous usage counts: aggregates per day, event, page, language and campaign tag.

There is deliberately no column for a person: nothing here can tell who did what. Counting is a
dictionary increment on the reply path; a background task writes batches to SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

EVENTS = frozenset({
    "start", "deep_link", "deep_link_unknown", "page_view", "sources_view", "language_menu",
    "language_change", "selfcheck_outcome", "stale_button", "other_message",
    "useful_yes", "useful_no", "inline_query", "search_hit", "search_miss", "crisis_route",
    "search_open", "near_me",
    "update_skipped",  # an update from Telegram the bot could not read (nothing else about it)
})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    day TEXT NOT NULL,
    event TEXT NOT NULL,
    page TEXT NOT NULL DEFAULT '',
    locale TEXT NOT NULL DEFAULT '',
    campaign TEXT NOT NULL DEFAULT '',
    count INTEGER NOT NULL,
    PRIMARY KEY (day, event, page, locale, campaign)
)
"""
_UPSERT = """
INSERT INTO counts (day, event, page, locale, campaign, count) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (day, event, page, locale, campaign) DO UPDATE SET count = count + excluded.count
"""


@dataclass(frozen=True, order=True)
class CountKey:
    day: str
    event: str
    page: str = ""
    locale: str = ""
    campaign: str = ""


@dataclass(frozen=True)
class CountRow:
    day: str
    event: str
    page: str
    locale: str
    campaign: str
    count: int


class Tally:
    """In-memory batch of counts; ``add`` never blocks and never touches the disk."""

    def __init__(self, today: Callable[[], dt.date] | None = None) -> None:
        self._today = today or (lambda: dt.datetime.now(dt.UTC).date())
        self._pending: Counter[CountKey] = Counter()

    def add(self, event: str, *, page: str = "", locale: str = "", campaign: str = "") -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        self._pending[CountKey(self._today().isoformat(), event, page, locale, campaign)] += 1

    def drain(self) -> Counter[CountKey]:
        pending, self._pending = self._pending, Counter()
        return pending

    def restore(self, batch: Counter[CountKey]) -> None:
        """Put back a batch that could not be written, so nothing is lost."""
        self._pending.update(batch)

    def __len__(self) -> int:
        return len(self._pending)


class CountsStore:
    """The SQLite file of counts (WAL mode, so a killed process leaves it consistent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA synchronous=NORMAL")
        await self._db.execute(_SCHEMA)
        await self._db.commit()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def __aenter__(self) -> CountsStore:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("CountsStore is not open")
        return self._db

    async def write(self, batch: Counter[CountKey]) -> None:
        """Add a batch in one transaction: all of it is written or none of it."""
        if not batch:
            return
        rows = [(k.day, k.event, k.page, k.locale, k.campaign, n) for k, n in batch.items()]
        await self.db.executemany(_UPSERT, rows)
        await self.db.commit()

    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]:
        sql = "SELECT day, event, page, locale, campaign, count FROM counts WHERE count >= ?"
        args: list[object] = [min_count]
        if since:
            sql += " AND day >= ?"
            args.append(since)
        if until:
            sql += " AND day <= ?"
            args.append(until)
        sql += " ORDER BY day, event, page, locale, campaign"
        async with self.db.execute(sql, args) as cursor:
            return [CountRow(*row) async for row in cursor]


class CountFlusher:
    """Writes the tally to the store every ``interval`` seconds and once more on stop."""

    def __init__(self, tally: Tally, store: CountsStore, interval: float) -> None:
        self.tally = tally
        self.store = store
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    async def flush(self) -> None:
        batch = self.tally.drain()
        if not batch:
            return
        try:
            await self.store.write(batch)
        except Exception:
            self.tally.restore(batch)
            log.exception("could not write counts; will retry at the next flush")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.flush()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="count-flusher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()
