from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from bot.core.counts import CountFlusher, CountKey, CountsStore, Tally


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


async def test_store_adds_batches_and_filters(tmp_path: Path) -> None:
    async with CountsStore(tmp_path / "c.sqlite3") as store:
        batch = Counter({CountKey("2026-01-01", "start", "", "en"): 2,
                         CountKey("2026-01-02", "start", "", "en"): 5})
        await store.write(batch)
        await store.write(Counter({CountKey("2026-01-01", "start", "", "en"): 1}))
        rows = await store.query()
        assert [(r.day, r.count) for r in rows] == [("2026-01-01", 3), ("2026-01-02", 5)]
        assert [r.day for r in await store.query(since="2026-01-02")] == ["2026-01-02"]
        assert [r.day for r in await store.query(until="2026-01-01")] == ["2026-01-01"]
        assert [r.count for r in await store.query(min_count=4)] == [5]


async def test_database_has_no_column_for_a_person(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    async with CountsStore(path):
        pass
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(counts)")]
    assert columns == ["day", "event", "page", "locale", "campaign", "count"]
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


async def test_flusher_writes_periodically_and_on_stop(tmp_path: Path) -> None:
    tally = Tally()
    async with CountsStore(tmp_path / "c.sqlite3") as store:
        flusher = CountFlusher(tally, store, interval=0.05)
        flusher.start()
        tally.add("start", locale="en")
        await asyncio.sleep(0.2)
        assert sum(r.count for r in await store.query()) == 1
        tally.add("start", locale="en")
        await flusher.stop()
        assert sum(r.count for r in await store.query()) == 2


async def test_failed_write_keeps_the_batch_for_next_time(tmp_path: Path) -> None:
    tally = Tally()
    store = CountsStore(tmp_path / "c.sqlite3")
    flusher = CountFlusher(tally, store, interval=60)
    tally.add("start", locale="en")
    await flusher.flush()  # store not open: the write fails
    assert len(tally) == 1
    await store.open()
    await flusher.flush()
    assert sum(r.count for r in await store.query()) == 1
    await store.close()
