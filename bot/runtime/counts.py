"""Anonymous usage counts on disk: aggregates per day, event, page, language and campaign tag
(counted in memory by :class:`bot.core.tally.Tally`).

There is deliberately no column for a person: nothing here can tell who did what. Counting is a
dictionary increment on the reply path; a background task writes batches to the store: SQLite
(:class:`SqliteCounts`, the default) or PostgreSQL
(:class:`bot.runtime.counts_postgres.PostgresCounts`
when ``DATABASE_URL`` is set), behind one interface, :class:`CountsBackend`.

Every batch is written in one transaction that adds to the stored counts and records the batch's
random id, so several processes can write at once, and a batch whose commit was interrupted can
be sent again without counting twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
import sqlite3
import uuid
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

import aiosqlite
from pydantic import SecretStr

from bot.core.tally import CountKey, CountRow, Tally

log = logging.getLogger(__name__)

# How long the ids of written batches are kept: a batch is re-sent within minutes, never later.
BATCH_ID_DAYS = 30

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

COLUMNS = "day, event, page, locale, campaign"
_SQLITE_ADD = f"""
INSERT INTO counts ({COLUMNS}, count) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT ({COLUMNS}) DO UPDATE SET count = counts.count + excluded.count
"""
_SQLITE_LEDGER = f"""
INSERT INTO imported_counts (source, {COLUMNS}, count) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, {COLUMNS}) DO UPDATE SET count = excluded.count
"""


@dataclass(frozen=True)
class ImportResult:
    """What one ``migrate-counts`` run added; a second run of the same source adds nothing."""

    rows_added: int
    counts_added: int
    rows_already: int


class CountsSchemaError(Exception):
    """The database was written by a newer version of the bot."""


def pending_migrations(current: int, migrations: Sequence[tuple[str, ...]],
                       where: str) -> list[tuple[int, tuple[str, ...]]]:
    """The versions after ``current``; refuses a database from a newer bot rather than guess."""
    if current > len(migrations):
        raise CountsSchemaError(
            f"the counts database ({where}) has schema version {current}, but this version of "
            f"the bot knows only up to {len(migrations)}: update the bot")
    return [(number, migrations[number - 1])
            for number in range(current + 1, len(migrations) + 1)]


def import_plan(ledger: dict[CountKey, int],
                rows: Iterable[CountRow]) -> tuple[Counter[CountKey], dict[CountKey, int]]:
    """What to add for each source row beyond what was copied from that source before."""
    adds: Counter[CountKey] = Counter()
    copied: dict[CountKey, int] = {}
    for row in rows:
        before = ledger.get(row.key, 0)
        if row.count > before:
            adds[row.key] = row.count - before
            copied[row.key] = row.count
    return adds, copied


def batch_rows(batch: Counter[CountKey]) -> list[tuple[str, str, str, str, str, int]]:
    """Rows in key order, so concurrent writers lock rows in the same order (no deadlocks)."""
    return [(k.day, k.event, k.page, k.locale, k.campaign, n) for k, n in sorted(batch.items())]


def utc_today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


class CountsBackend(ABC):
    """Where counts are kept. Both backends have the same tables and give the same answers."""

    description: str  # for log lines and messages: never includes a password

    @abstractmethod
    async def open(self) -> None:
        """Connect and bring the schema up to date."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        """Add a batch in one transaction: all of it is written or none of it.

        With a ``batch_id``, a batch that was already written (its commit went through, but the
        answer was lost) is not added again; returns False then.
        """

    @abstractmethod
    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]: ...

    @abstractmethod
    async def schema_version(self) -> int: ...

    @abstractmethod
    async def store_id(self) -> str:
        """A random id made with the schema: names this database as a source for imports."""

    @abstractmethod
    async def import_counts(self, source: str, rows: Sequence[CountRow]) -> ImportResult:
        """Add counts copied from another store, once: only what grew since the last copy."""

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def query_sql(placeholder: Callable[[int], str], since: str | None,
               until: str | None, min_count: int) -> tuple[str, list[object]]:
    args: list[object] = [min_count]
    sql = f"SELECT {COLUMNS}, count FROM counts WHERE count >= {placeholder(1)}"
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            args.append(value)
            sql += f" AND day {op} {placeholder(len(args))}"
    return sql + f" ORDER BY {COLUMNS}", args


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


# The name the SQLite store has always had (the CLI and reports use it).
CountsStore = SqliteCounts


def oldest_batch_day() -> str:
    return (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=BATCH_ID_DAYS)).isoformat()


def url_secrets(url: str) -> list[str]:
    """The parts of a database URL that must never appear in a log line or a message."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    found = [url]
    if password:
        found += [password, unquote(password)]
    return found


def describe_url(url: str) -> str:
    """``PostgreSQL at host:port/database``: enough to tell which database, no credentials."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "PostgreSQL"
    return f"PostgreSQL at {host}{port}{parts.path or '/'}"


def counts_backend(database_url: SecretStr | None, database_path: Path, *,
                   must_connect: bool = False) -> CountsBackend:
    """PostgreSQL when ``DATABASE_URL`` is set, otherwise the SQLite file at ``DATABASE_PATH``.

    ``must_connect``: opening fails if PostgreSQL cannot be reached (for commands), instead of
    carrying on with counts waiting in memory (for the running bot).
    """
    if database_url is None:
        return SqliteCounts(database_path)
    from bot.runtime.counts_postgres import PostgresCounts  # asyncpg is loaded only when used

    return PostgresCounts(database_url.get_secret_value(), must_connect=must_connect)


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
