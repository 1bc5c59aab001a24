"""The counts in PostgreSQL (``DATABASE_URL``), for platforms whose disks do not last and for
several bot processes sharing one database.

Same tables as the SQLite store. Text columns use the "C" collation so rows sort byte by byte,
as in SQLite, and ``stats`` prints the same lines from either. The connection pool is made
lazily: when the server is away at start-up or drops the connection later, the bot keeps
answering and the flusher retries (see :class:`bot.runtime.counts.CountFlusher`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence

import asyncpg
from asyncpg import Record
from asyncpg.pool import PoolConnectionProxy

from bot.reporting.tally import CountKey, CountRow
from bot.runtime.counts.store import (
    COLUMNS,
    CountsBackend,
    CountsSchemaError,
    ImportResult,
    batch_rows,
    describe_url,
    import_plan,
    oldest_batch_day,
    pending_migrations,
    query_sql,
    utc_today,
)

log = logging.getLogger(__name__)

POSTGRES_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    ("""CREATE TABLE IF NOT EXISTS counts (
        day TEXT COLLATE "C" NOT NULL,
        event TEXT COLLATE "C" NOT NULL,
        page TEXT COLLATE "C" NOT NULL DEFAULT '',
        locale TEXT COLLATE "C" NOT NULL DEFAULT '',
        campaign TEXT COLLATE "C" NOT NULL DEFAULT '',
        count BIGINT NOT NULL,
        PRIMARY KEY (day, event, page, locale, campaign))""",),
    ("CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
     "INSERT INTO store_info (key, value) "
     "VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''))",
     'CREATE TABLE written_batches (id TEXT PRIMARY KEY, day TEXT COLLATE "C" NOT NULL)',
     "CREATE INDEX written_batches_day ON written_batches (day)",
     """CREATE TABLE imported_counts (
        source TEXT COLLATE "C" NOT NULL,
        day TEXT COLLATE "C" NOT NULL,
        event TEXT COLLATE "C" NOT NULL,
        page TEXT COLLATE "C" NOT NULL,
        locale TEXT COLLATE "C" NOT NULL,
        campaign TEXT COLLATE "C" NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (source, day, event, page, locale, campaign))"""),
)
# Any constant works: it only has to be the same in every process that migrates this schema.
_MIGRATION_LOCK = 0x6B5361666572  # "kSafer"
_IMPORT_LOCK = _MIGRATION_LOCK + 1
_ROWS = ("unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) "
         f"AS r({COLUMNS}, count)")
_ADD = f"""
INSERT INTO counts ({COLUMNS}, count) SELECT * FROM {_ROWS}
ON CONFLICT ({COLUMNS}) DO UPDATE SET count = counts.count + excluded.count
"""
_LEDGER = f"""
INSERT INTO imported_counts (source, {COLUMNS}, count) SELECT $7, * FROM {_ROWS}
ON CONFLICT (source, {COLUMNS}) DO UPDATE SET count = excluded.count
"""


def _columns(batch: Counter[CountKey]) -> list[list[object]]:
    """The batch as six column arrays, for one ``unnest`` insert of any size."""
    rows = batch_rows(batch)
    return [[row[i] for row in rows] for i in range(6)]


class PostgresCounts(CountsBackend):
    """Counts in PostgreSQL through asyncpg; upserts that add, one transaction per batch."""

    def __init__(self, url: str, *, must_connect: bool = False, connect_timeout: float = 5.0,
                 command_timeout: float = 10.0) -> None:
        self._url = url
        self.must_connect = must_connect
        self.description = describe_url(url)
        self.connect_timeout = connect_timeout
        self.command_timeout = command_timeout
        self._pool: asyncpg.Pool | None = None
        self._migrated = False
        self._ready_lock = asyncio.Lock()

    async def open(self) -> None:
        """Make the pool and migrate. The bot starts even if the server cannot be reached yet
        (it says so and counts wait in memory); with ``must_connect`` (the CLI), that raises."""
        self._pool = asyncpg.create_pool(
            self._url, min_size=0, max_size=3, timeout=self.connect_timeout,
            command_timeout=self.command_timeout, max_inactive_connection_lifetime=60)
        await self._pool
        if self.must_connect:
            try:
                await self._ready()
            except BaseException:
                await self.close()
                raise
            return
        try:
            await self._ready()
        except CountsSchemaError as exc:
            log.error("%s; serving anyway, counts wait in memory", exc)
        except Exception as exc:
            log.warning("counts database %s not usable at start-up (%s); serving anyway, "
                        "counts wait in memory until it is", self.description,
                        type(exc).__name__)

    async def _ready(self) -> asyncpg.Pool:
        pool = self._pool
        if pool is None:
            raise RuntimeError("the counts store is not open")
        if not self._migrated:
            async with self._ready_lock:
                if not self._migrated:
                    async with pool.acquire() as conn:
                        version = await self._migrate(conn)
                    self._migrated = True
                    log.info("counts in %s (schema version %d)", self.description, version)
        return pool

    async def _migrate(self, conn: PoolConnectionProxy[Record]) -> int:
        async with conn.transaction():
            # Replicas starting together migrate one after another, never twice.
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                               "(version INTEGER PRIMARY KEY)")
            current = int(await conn.fetchval(
                "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            for version, statements in pending_migrations(current, POSTGRES_MIGRATIONS,
                                                          self.description):
                for statement in statements:
                    await conn.execute(statement)
                await conn.execute("INSERT INTO schema_version (version) VALUES ($1)", version)
                current = version
        return current

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            await asyncio.wait_for(pool.close(), self.command_timeout)
        except (TimeoutError, OSError, asyncpg.InterfaceError):
            pool.terminate()

    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        if not batch:
            return True
        pool = await self._ready()
        try:
            return await self._write(pool, batch, batch_id)
        except asyncpg.UndefinedTableError:
            self._migrated = False  # the database was replaced by an empty one: make the tables
            raise

    async def _write(self, pool: asyncpg.Pool, batch: Counter[CountKey],
                     batch_id: str | None) -> bool:
        async with pool.acquire() as conn, conn.transaction():
            if batch_id is not None:
                fresh = await conn.fetchval(
                    "INSERT INTO written_batches (id, day) VALUES ($1, $2) "
                    "ON CONFLICT DO NOTHING RETURNING true", batch_id, utc_today())
                if not fresh:
                    return False
            await conn.execute(_ADD, *_columns(batch))
            if batch_id is not None:
                await conn.execute("DELETE FROM written_batches WHERE day < $1",
                                   oldest_batch_day())
        return True

    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]:
        pool = await self._ready()
        sql, args = query_sql(lambda n: f"${n}", since, until, min_count)
        return [CountRow(*record) for record in await pool.fetch(sql, *args)]

    async def schema_version(self) -> int:
        pool = await self._ready()
        return int(await pool.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version"))

    async def store_id(self) -> str:
        pool = await self._ready()
        return str(await pool.fetchval("SELECT value FROM store_info WHERE key = 'store_id'"))

    async def import_counts(self, source: str, rows: Sequence[CountRow]) -> ImportResult:
        pool = await self._ready()
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _IMPORT_LOCK)
            ledger = {CountRow(*r).key: int(r[5]) for r in await conn.fetch(
                f"SELECT {COLUMNS}, count FROM imported_counts WHERE source = $1", source)}
            adds, copied = import_plan(ledger, rows)
            if adds:
                await conn.execute(_ADD, *_columns(adds))
                await conn.execute(_LEDGER, *_columns(Counter(copied)), source)
        return ImportResult(len(adds), sum(adds.values()), len(rows) - len(adds))
