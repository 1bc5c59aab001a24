"""The counts: the tally in memory, both stores (SQLite and PostgreSQL, same tests), the flusher.

Tests taking ``new_store`` run once per backend; the PostgreSQL run uses the session's throwaway
server (tests/postgres.py) and skips where PostgreSQL is not installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.reporting.tally import CountKey, CountRow, Tally
from bot.runtime.counts import (
    SCHEMA_VERSION,
    CountFlusher,
    CountsBackend,
    CountsSchemaError,
    ImportResult,
    SqliteCounts,
    is_busy,
)
from bot.runtime.counts import sqlite as counts_module
from bot.runtime.counts.postgres import PostgresCounts
from tests.postgres import StoreMaker, free_port

PERSONLESS_TABLES = {
    "schema_version": ["version"],
    "counts": ["day", "event", "page", "locale", "campaign", "count"],
    "store_info": ["key", "value"],
    "written_batches": ["id", "day"],
    "imported_counts": ["source", "day", "event", "page", "locale", "campaign", "count"],
}


def test_tally_refuses_unknown_events() -> None:
    with pytest.raises(ValueError):
        Tally().add("user_said_something")


def test_tally_counts_per_day() -> None:
    days = iter([dt.date(2026, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 1, 2)])
    tally = Tally(today=lambda: next(days))
    for _ in range(3):
        tally.add("page_view", page="home", locale="en")
    assert tally.drain() == Counter({
        CountKey("2026-01-01", "page_view", "home", "en"): 2,
        CountKey("2026-01-02", "page_view", "home", "en"): 1,
    })
    assert len(tally) == 0


def test_tally_is_bounded_and_counts_what_it_drops() -> None:
    tally = Tally(today=lambda: dt.date(2026, 1, 1), limit=2)
    for page in ("a", "b", "c", "a", "d", "b"):
        tally.add("page_view", page=page)
    assert len(tally) == 2  # at the limit: rows already waiting still add up, new rows do not
    assert {k.page: n for k, n in tally.drain().items()} == {"a": 2, "b": 2}
    assert tally.dropped == 2
    tally.add("page_view", page="c")  # written (drained): room again
    assert len(tally) == 1


async def test_store_adds_batches_and_filters(new_store: StoreMaker) -> None:
    async with new_store() as store:
        batch = Counter({CountKey("2026-01-01", "start", "", "en"): 2,
                         CountKey("2026-01-02", "start", "", "en"): 5})
        await store.write(batch)
        await store.write(Counter({CountKey("2026-01-01", "start", "", "en"): 1}))
        rows = await store.query()
        assert [(r.day, r.count) for r in rows] == [("2026-01-01", 3), ("2026-01-02", 5)]
        assert [r.day for r in await store.query(since="2026-01-02")] == ["2026-01-02"]
        assert [r.day for r in await store.query(until="2026-01-01")] == ["2026-01-01"]
        assert [r.count for r in await store.query(min_count=4)] == [5]
        assert await store.query(since="2026-01-02", until="2026-01-01") == []


async def test_both_backends_order_rows_byte_by_byte(new_store: StoreMaker) -> None:
    """`stats` must print the same lines from either backend, whatever the server's collation."""
    pages = ["a_b", "aB", "ab", "Ab", "a-b", "", "z", "中文", "a b", "é"]
    batch = Counter({CountKey("2026-01-01", "page_view", page, locale, campaign): i + 1
                     for i, (page, locale, campaign) in enumerate(
                         (p, loc, c) for p in pages for loc in ("zh-Hant", "en", "zh-Hans")
                         for c in ("", "_x", "X"))})
    async with new_store() as store:
        await store.write(batch)
        rows = await store.query()
    expected = sorted(batch)
    assert [CountKey(r.day, r.event, r.page, r.locale, r.campaign) for r in rows] == expected
    assert [r.count for r in rows] == [batch[k] for k in expected]


async def test_database_has_no_column_for_a_person(new_store: StoreMaker) -> None:
    async with new_store():
        pass
    if new_store.kind == "sqlite":
        names = [n for (n,) in await new_store.sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = {n: [c[1] for c in await new_store.sql(f"PRAGMA table_info({n})")]
                  for n in names}
        assert (await new_store.sql("PRAGMA journal_mode"))[0][0] == "wal"
    else:
        found = await new_store.sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
        tables = {}
        for table, column in found:
            tables.setdefault(table, []).append(column)
    assert tables == PERSONLESS_TABLES


async def test_existing_sqlite_file_migrates_in_place(tmp_path: Path) -> None:
    """A file made by the bot before schema versions existed keeps its counts."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE counts (day TEXT NOT NULL, event TEXT NOT NULL, page TEXT NOT "
                   "NULL DEFAULT '', locale TEXT NOT NULL DEFAULT '', campaign TEXT NOT NULL "
                   "DEFAULT '', count INTEGER NOT NULL, PRIMARY KEY (day, event, page, locale, "
                   "campaign))")
        db.execute("INSERT INTO counts VALUES ('2025-12-31', 'start', '', 'en', '', 4)")
    db.close()
    async with SqliteCounts(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        await store.write(Counter({CountKey("2025-12-31", "start", "", "en"): 1}))
        assert [r.count for r in await store.query()] == [5]
    async with SqliteCounts(path) as store:  # opening again changes nothing
        assert await store.schema_version() == SCHEMA_VERSION
        assert [r.count for r in await store.query()] == [5]


async def test_replicas_starting_together_migrate_once(new_store: StoreMaker) -> None:
    stores = [new_store() for _ in range(3)]
    await asyncio.gather(*(store.open() for store in stores))
    try:
        versions = {await store.schema_version() for store in stores}
        ids = {await store.store_id() for store in stores}
    finally:
        await asyncio.gather(*(store.close() for store in stores))
    assert versions == {SCHEMA_VERSION}
    assert len(ids) == 1
    assert await new_store.sql("SELECT version FROM schema_version ORDER BY version") == [
        (n,) for n in range(1, SCHEMA_VERSION + 1)]


async def test_sqlite_replicas_racing_to_switch_on_wal_all_open(tmp_path: Path) -> None:
    """Two connections asking for WAL at once can deadlock inside SQLite, which then answers
    "database is locked" at once instead of waiting (its busy timeout is skipped to break the
    deadlock). Before the store retried, about one round in 14 here failed."""
    for round_ in range(60):
        path = tmp_path / f"race{round_}.sqlite3"
        stores = [SqliteCounts(path) for _ in range(4)]
        try:
            await asyncio.gather(*(store.open() for store in stores))
            assert {await store.schema_version() for store in stores} == {SCHEMA_VERSION}
        finally:
            await asyncio.gather(*(store.close() for store in stores))


def test_busy_is_told_from_other_sqlite_errors(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder, \
            contextlib.closing(sqlite3.connect(path, isolation_level=None, timeout=0)) as other:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as refused:
            other.execute("BEGIN IMMEDIATE")
        holder.execute("ROLLBACK")
        with pytest.raises(sqlite3.OperationalError) as wrong:
            other.execute("SELECT * FROM no_such_table")
    assert is_busy(refused.value)
    assert not is_busy(wrong.value)


async def test_a_lock_held_for_good_is_an_error_after_the_busy_timeout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(counts_module, "SQLITE_BUSY_TIMEOUT", 0.3)
    path = tmp_path / "held.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        store = SqliteCounts(path)
        started = asyncio.get_running_loop().time()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await store.open()
        assert asyncio.get_running_loop().time() - started < 5
        holder.execute("ROLLBACK")
    async with SqliteCounts(path) as store:  # and opens once the lock is let go
        assert await store.schema_version() == SCHEMA_VERSION


async def test_a_newer_schema_is_refused_not_guessed(new_store: StoreMaker) -> None:
    async with new_store() as store:
        await store.write(Counter({CountKey("2026-01-01", "start"): 1}))
    await new_store.sql(f"INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION + 1})")
    store = new_store()
    if new_store.kind == "sqlite":
        with pytest.raises(CountsSchemaError, match="update the bot"):
            await store.open()
        return
    await store.open()  # the bot starts and answers people; counts wait in memory
    with pytest.raises(CountsSchemaError, match="update the bot"):
        await store.query()
    await store.close()


async def test_concurrent_writers_never_lose_or_double(new_store: StoreMaker) -> None:
    """Three stores (three connections) add overlapping batches at once; totals are exact."""
    keys = [CountKey("2026-02-01", "page_view", f"p{i}", "en") for i in range(12)]
    stores = [new_store() for _ in range(3)]
    for store in stores:
        await store.open()

    async def writer(number: int, store: CountsBackend) -> None:
        for round_ in range(15):
            # Each writer goes through the keys in its own order: the store must sort them.
            order = keys[number:] + keys[:number] if round_ % 2 else list(reversed(keys))
            await store.write(Counter({k: number + 1 for k in order}), f"w{number}-{round_}")

    try:
        await asyncio.gather(*(writer(n, s) for n, s in enumerate(stores)))
        rows = await stores[0].query()
    finally:
        for store in stores:
            await store.close()
    assert {r.page: r.count for r in rows} == {k.page: 15 * (1 + 2 + 3) for k in keys}


async def test_a_batch_sent_twice_is_counted_once(new_store: StoreMaker) -> None:
    batch = Counter({CountKey("2026-01-01", "start", "", "en"): 3})
    async with new_store() as store:
        assert await store.write(batch, "batch-1") is True
        assert await store.write(batch, "batch-1") is False
        assert await store.write(batch, "batch-2") is True
        assert [r.count for r in await store.query()] == [6]


async def test_flusher_writes_periodically_and_on_stop(new_store: StoreMaker) -> None:
    tally = Tally()
    async with new_store() as store:
        flusher = CountFlusher(tally, store, interval=0.05)
        flusher.start()
        tally.add("start", locale="en")
        for _ in range(100):
            await asyncio.sleep(0.02)
            if await store.query():
                break
        assert sum(r.count for r in await store.query()) == 1
        tally.add("start", locale="en")
        assert await flusher.stop() is True
        assert sum(r.count for r in await store.query()) == 2


class LostAnswer(CountsBackend):
    """Wraps a store; the first write commits but its answer is lost (as in a dropped
    connection during COMMIT), the next ``down`` writes fail outright."""

    def __init__(self, inner: CountsBackend, down: int = 0) -> None:
        self.inner, self.down, self.calls = inner, down, 0
        self.description = inner.description

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        self.calls += 1
        if self.calls == 1:
            await self.inner.write(batch, batch_id)
            raise ConnectionResetError("the answer to COMMIT was lost")
        if self.calls <= 1 + self.down:
            raise ConnectionRefusedError("database restarting")
        return await self.inner.write(batch, batch_id)

    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]:
        return await self.inner.query(since=since, until=until, min_count=min_count)

    async def schema_version(self) -> int:
        return await self.inner.schema_version()

    async def store_id(self) -> str:
        return await self.inner.store_id()

    async def import_counts(self, source: str, rows: Sequence[CountRow]) -> ImportResult:
        return await self.inner.import_counts(source, rows)


async def test_a_failed_write_is_retried_with_its_id_so_nothing_is_lost_or_doubled(
        new_store: StoreMaker, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    tally = Tally()
    async with LostAnswer(new_store(), down=2) as store:
        flusher = CountFlusher(tally, store, interval=60)
        tally.add("start", locale="en")
        assert await flusher.flush() is False  # committed, but the flusher cannot know
        tally.add("start", locale="zh-Hans")  # the bot keeps counting meanwhile
        assert await flusher.flush() is False  # database away
        assert flusher.waiting == 2
        assert await flusher.flush() is False
        assert await flusher.flush() is True
        assert flusher.waiting == 0
        assert {r.locale: r.count for r in await store.query()} == {"en": 1, "zh-Hans": 1}
    assert "ConnectionRefusedError" in caplog.text
    assert "database restarting" not in caplog.text  # only the type is logged
    assert "again after 3 failed attempt(s)" in caplog.text


def test_retries_back_off_up_to_a_ceiling() -> None:
    flusher = CountFlusher(Tally(), SqliteCounts(Path("unused")), interval=30,
                           retry_first=1, retry_max=60)
    delays = []
    for failures in range(1, 10):
        flusher.failures = failures
        delays.append(flusher.retry_delay())
    bases = [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert all(0.8 * b <= d <= 1.2 * b for d, b in zip(delays, bases, strict=True)), delays


async def test_stop_gives_up_after_its_timeout_and_says_what_is_lost(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tally = Tally()
    store = SqliteCounts(tmp_path / "c.sqlite3")  # never opened: every write fails
    flusher = CountFlusher(tally, store, interval=60, stop_timeout=0.3)
    for _ in range(3):
        tally.add("start", locale="en")
    with caplog.at_level(logging.ERROR):
        assert await flusher.stop() is False
    assert "3 counts could not be written" in caplog.text


async def test_memory_limit_is_reported_while_the_database_is_away(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    tally = Tally(limit=1)
    store = SqliteCounts(tmp_path / "c.sqlite3")
    flusher = CountFlusher(tally, store, interval=60)
    tally.add("start", locale="en")
    assert await flusher.flush() is False  # not open yet: the batch waits aside
    tally.add("start", locale="en")
    tally.add("start", locale="zh-Hans")  # a second row does not fit: dropped
    assert await flusher.flush() is False
    assert "reached 1 rows: 1 counts for new rows were dropped" in caplog.text
    await store.open()
    assert await flusher.flush() is True
    assert [(r.locale, r.count) for r in await store.query()] == [("en", 2)]
    await store.close()


async def test_import_copies_each_row_once(new_store: StoreMaker, tmp_path: Path) -> None:
    rows = [CountRow("2026-01-01", "start", "", "en", "", 4),
            CountRow("2026-01-02", "page_view", "bladder", "zh-Hant", "festival", 2)]
    async with new_store() as store:
        await store.write(Counter({CountKey("2026-01-01", "start", "", "en"): 10}))
        assert await store.import_counts("sqlite:abc", rows) == ImportResult(2, 6, 0)
        assert await store.import_counts("sqlite:abc", rows) == ImportResult(0, 0, 2)
        grown = [rows[0], dataclasses.replace(rows[1], count=5)]
        assert await store.import_counts("sqlite:abc", grown) == ImportResult(1, 3, 1)
        assert await store.import_counts("sqlite:other", rows[:1]) == ImportResult(1, 4, 0)
        found = {(r.day, r.event): r.count for r in await store.query()}
    assert found == {("2026-01-01", "start"): 10 + 4 + 4, ("2026-01-02", "page_view"): 5}


async def test_the_bot_starts_while_postgresql_is_away(caplog: pytest.LogCaptureFixture) -> None:
    url = f"postgresql://ksafer:hunter2@127.0.0.1:{free_port()}/counts"
    store = PostgresCounts(url)
    await store.open()  # the bot goes on to answer people
    with pytest.raises(OSError):
        await store.write(Counter({CountKey("2026-01-01", "start"): 1}))
    await store.close()
    assert "127.0.0.1" in caplog.text and "not usable at start-up" in caplog.text
    assert "hunter2" not in caplog.text
    with pytest.raises(OSError):  # a command (stats, migrate-counts) fails instead
        await PostgresCounts(url, must_connect=True).open()


async def test_a_database_replaced_by_an_empty_one_gets_its_tables_again(
        postgres_url: str) -> None:
    store = PostgresCounts(postgres_url)
    tally = Tally()
    flusher = CountFlusher(tally, store, interval=60)
    await store.open()
    try:
        for table in ("counts", "schema_version", "store_info", "written_batches",
                      "imported_counts"):
            await StoreMaker("postgresql", postgres_url).sql(f"DROP TABLE {table}")
        tally.add("start")
        assert await flusher.flush() is False  # the tables are gone
        assert await flusher.flush() is True  # made again, and the batch is written
        assert [r.count for r in await store.query()] == [1]
    finally:
        await store.close()
