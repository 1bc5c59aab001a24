"""Update ids shared by several processes on one PostgreSQL: a resent update is answered once,
only ids are kept, and only for an hour."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import Tally
from bot.runtime.seen_updates import PURGE_EVERY_SECONDS, SharedSeenUpdates
from bot.telegram.intake import Intake
from tests.postgres import StoreMaker, free_port
from tests.telegram.inprocess import InProcessBot, text_update

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ClaimedOnce:
    """A SharedSeen in memory, standing in for the database two Intakes share."""

    def __init__(self) -> None:
        self.claimed: set[int] = set()

    async def claim(self, update_id: int) -> bool:
        fresh = update_id not in self.claimed
        self.claimed.add(update_id)
        return fresh


async def test_an_update_taken_by_another_process_is_not_answered_again() -> None:
    guide = Guide(ScreenBuilder.load(ROOT / "content", ROOT / "locales"), Tally())
    shared = ClaimedOnce()
    first, second = InProcessBot(guide), InProcessBot(guide)
    intakes = [Intake(bot.dp, bot.bot, guide.tally, shared=shared) for bot in (first, second)]
    update = text_update("/start")
    assert intakes[0].accept(update)
    assert await intakes[0].drain(5)
    assert intakes[1].accept(dict(update))  # new to this process's memory ...
    assert await intakes[1].drain(5)
    assert len(first.session.requests) == 1
    assert second.session.requests == []  # ... but claimed in the shared store first


async def test_two_processes_claim_each_update_id_once(postgres_url: str) -> None:
    first, second = SharedSeenUpdates(postgres_url), SharedSeenUpdates(postgres_url)
    await first.open()
    await second.open()
    try:
        assert await first.claim(100_000_001)
        assert not await second.claim(100_000_001)
        assert not await first.claim(100_000_001)
        assert await second.claim(100_000_002)
    finally:
        await first.close()
        await second.close()


async def test_only_update_ids_are_kept_and_for_an_hour(postgres_url: str) -> None:
    clock = Clock()
    seen = SharedSeenUpdates(postgres_url, clock=clock)
    database = StoreMaker("postgresql", postgres_url)
    await seen.open()
    try:
        assert await seen.claim(7)
        assert await seen.claim(8)
        columns = await database.sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY ordinal_position")
        assert columns == [("seen_updates", "update_id"), ("seen_updates", "seen_at")]
        await database.sql("UPDATE seen_updates SET seen_at = now() - interval '61 minutes' "
                           "WHERE update_id = 7")
        assert await seen.claim(9)  # within the minute after the last purge: none yet
        assert [n for (n,) in await database.sql("SELECT update_id FROM seen_updates "
                                                   "ORDER BY update_id")] \
            == [7, 8, 9]
        clock.now += PURGE_EVERY_SECONDS
        assert await seen.claim(10)
        assert sorted(n for (n,) in await database.sql("SELECT update_id FROM seen_updates")) \
            == [8, 9, 10]
        assert await seen.claim(7)  # an hour on, an id is no longer remembered
    finally:
        await seen.close()


async def test_without_the_database_every_update_is_answered(
        caplog: pytest.LogCaptureFixture) -> None:
    url = f"postgresql://ksafer:hunter2@127.0.0.1:{free_port()}/ksafer"
    seen = SharedSeenUpdates(url, timeout=1.0)
    caplog.set_level(logging.INFO)
    await seen.open()
    try:
        assert await seen.claim(1)
        assert await seen.claim(1)  # better twice than never
    finally:
        await seen.close()
    assert caplog.text.count("cannot check for resent updates") == 1
    assert "hunter2" not in caplog.text
