"""Counts in a SQLite file (the default): WAL mode, one transaction a batch, migrations in
place, replicas starting together taking turns."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import aiosqlite

from bot.reporting.tally import CountKey, CountRow
from bot.runtime.counts.store import (
    COLUMNS,
    CountsBackend,
    ImportResult,
    batch_rows,
    import_plan,
    oldest_batch_day,
    pending_migrations,
    query_sql,
    utc_today,
)

log = logging.getLogger(__name__)

# How long a SQLite connection waits for another process's lock before giving up.
SQLITE_BUSY_TIMEOUT = 10.0

# The schema, version by version, for each backend. Version 1 is the table the bot has always
# had (so an existing SQLite file migrates in place); add a version, never edit a shipped one.
SQLITE_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    ("""CREATE TABLE IF NOT EXISTS counts (
        day TEXT NOT NULL,
        event TEXT NOT NULL,
        page TEXT NOT NULL DEFAULT '',
        locale TEXT NOT NULL DEFAULT '',
        campaign TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL,
        PRIMARY KEY (day, event, page, locale, campaign))""",),
    ("CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
     "INSERT INTO store_info (key, value) VALUES ('store_id', lower(hex(randomblob(16))))",
     "CREATE TABLE written_batches (id TEXT PRIMARY KEY, day TEXT NOT NULL)",
     "CREATE INDEX written_batches_day ON written_batches (day)",
     """CREATE TABLE imported_counts (
        source TEXT NOT NULL,
        day TEXT NOT NULL,
        event TEXT NOT NULL,
        page TEXT NOT NULL,
        locale TEXT NOT NULL,
        campaign TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (source, day, event, page, locale, campaign))"""),
)
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)

_SQLITE_ADD = f"""
INSERT INTO counts ({COLUMNS}, count) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT ({COLUMNS}) DO UPDATE SET count = counts.count + excluded.count
"""
_SQLITE_LEDGER = f"""
INSERT INTO imported_counts (source, {COLUMNS}, count) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, {COLUMNS}) DO UPDATE SET count = excluded.count
"""


class SqliteCounts(CountsBackend):
    """The SQLite file of counts (WAL mode, so a killed process leaves it consistent)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"SQLite at {path}"
        self._db: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()  # one transaction at a time on the one connection

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE takes the write lock at
        # once, so processes sharing the file wait for each other instead of failing).
        self._db = await aiosqlite.connect(self.path, isolation_level=None,
                                           timeout=SQLITE_BUSY_TIMEOUT)
        try:
            await self._migrate()
        except BaseException:
            await self.close()
            raise

    async def _migrate(self) -> None:
        await self._switch_to_wal()
        await self.db.execute("PRAGMA synchronous=NORMAL")
        async with self._transaction() as db:
            await db.execute("CREATE TABLE IF NOT EXISTS schema_version "
                             "(version INTEGER PRIMARY KEY)")
            async with db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version") as cur:
                row = await cur.fetchone()
            current = int(row[0]) if row else 0
            for version, statements in pending_migrations(current, SQLITE_MIGRATIONS,
                                                          self.description):
                for statement in statements:
                    await db.execute(statement)
                await db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    async def _switch_to_wal(self) -> None:
        """Retry what SQLite refuses without waiting: replicas opening a new file together each
        read it, then both want it alone to switch on WAL; SQLite breaks that deadlock by
        answering "database is locked" at once, skipping the busy timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SQLITE_BUSY_TIMEOUT
        delay = 0.002
        while True:
            try:
                await self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or loop.time() + delay > deadline:
                    raise
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))  # replicas fall out of step
            delay = min(delay * 2, 0.1)

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("the counts store is not open")
        return self._db

    @contextlib.asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            db = self.db
            await db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                await db.execute("ROLLBACK")
                raise
            await db.execute("COMMIT")

    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        if not batch:
            return True
        async with self._transaction() as db:
            if batch_id is not None:
                cursor = await db.execute(
                    "INSERT INTO written_batches (id, day) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (batch_id, utc_today()))
                if cursor.rowcount == 0:
                    return False
            await db.executemany(_SQLITE_ADD, batch_rows(batch))
            if batch_id is not None:
                await db.execute("DELETE FROM written_batches WHERE day < ?", (oldest_batch_day(),))
        return True

    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]:
        sql, args = query_sql(lambda _: "?", since, until, min_count)
        async with self.db.execute(sql, args) as cursor:
            return [CountRow(*row) async for row in cursor]

    async def schema_version(self) -> int:
        async with self.db.execute("SELECT MAX(version) FROM schema_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    async def store_id(self) -> str:
        async with self.db.execute("SELECT value FROM store_info WHERE key = 'store_id'") as cur:
            row = await cur.fetchone()
        assert row is not None, "schema version 2 makes the store id"
        return str(row[0])

    async def import_counts(self, source: str, rows: Sequence[CountRow]) -> ImportResult:
        async with self._transaction() as db:
            async with db.execute(f"SELECT {COLUMNS}, count FROM imported_counts "
                                  "WHERE source = ?", (source,)) as cursor:
                ledger = {CountRow(*r).key: int(r[5]) async for r in cursor}
            adds, copied = import_plan(ledger, rows)
            await db.executemany(_SQLITE_ADD, batch_rows(adds))
            await db.executemany(_SQLITE_LEDGER, [(source, *r) for r in
                                                  batch_rows(Counter(copied))])
        return ImportResult(len(adds), sum(adds.values()), len(rows) - len(adds))


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds the lock (SQLITE_BUSY/LOCKED)."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY,
                                                          sqlite3.SQLITE_LOCKED)
