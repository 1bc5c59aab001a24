"""Real bot processes keeping their counts in one PostgreSQL database (``DATABASE_URL``).

The server is the test session's throwaway one (tests/postgres.py); these tests skip where
PostgreSQL is not installed. They are the production set-up in small: two webhook processes behind
a "proxy" (the test, posting each update to one of them), and a database restart mid-traffic.
"""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import asyncpg
import pytest

from tests.e2e.conftest import StartBot, bot_env
from tests.e2e.fake_telegram import Call, FakeTelegram
from tests.e2e.harness import BotProcess
from tests.e2e.test_bot import USER, send, shown
from tests.e2e.test_webhook import SECRET, free_port
from tests.postgres import PostgresServer

# A PostgreSQL server and bot processes: `make test-slow` and CI run these.
pytestmark = pytest.mark.slow

ADMIN = 90001
TITLES = {"Bladder": "bladder", "Early signs": "bladder_signs", "Emergency": "emergency",
          "Self-check": "selfcheck"}


async def database_counts(url: str) -> dict[tuple[str, str], int]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT event, page, SUM(count) AS n FROM counts "
                                "GROUP BY event, page")
    finally:
        await conn.close()
    return {(r["event"], r["page"]): int(r["n"]) for r in rows}


async def everything_stored(url: str) -> str:
    """Every row of every table, as text: what a database dump would show."""
    conn = await asyncpg.connect(url)
    try:
        tables = [r[0] for r in await conn.fetch(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")]
        dumps = [str([tuple(r) for r in await conn.fetch(f"SELECT * FROM {t}")])
                 for t in tables]
        return "\n".join(dumps)
    finally:
        await conn.close()


async def until_stored(url: str, event: str, total: int, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Wait until the database holds ``total`` counts of ``event`` (written by a flush)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    found = 0
    while loop.time() < deadline:
        found = sum(n for (e, _), n in (await database_counts(url)).items() if e == event)
        if found == total:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{found} {event} counts in the database, expected {total}")


def page_of(call: Call) -> str:
    title = shown(call).split("\n", 1)[0]
    return TITLES[title]


async def test_two_webhook_processes_share_one_database(
        tg: FakeTelegram, site: Path, postgres: PostgresServer, postgres_url: str) -> None:
    ports = [free_port(), free_port()]
    envs = [bot_env(tg, site, HOST="127.0.0.1", PORT=str(port), DATABASE_URL=postgres_url,
                    WEBHOOK_URL="https://bot.example.org/hooks/ksafer", WEBHOOK_SECRET=SECRET,
                    ADMIN_IDS=str(ADMIN))  # counts written at /stats and at SIGTERM only
            for port in ports]
    urls = [f"http://127.0.0.1:{port}/hooks/ksafer" for port in ports]
    async with BotProcess(env=envs[0], args=("webhook",)) as first, \
            BotProcess(env=envs[1], args=("webhook",)) as second:
        await asyncio.gather(first.wait_for_output("webhook listening", timeout=30),
                             second.wait_for_output("webhook listening", timeout=30))
        # The "proxy": updates from different people land on either process, all at once.
        pages = ["bladder", "emergency", "bladder_signs", "selfcheck", "bladder", "bladder"] * 3
        mark = tg.mark()
        statuses = await asyncio.gather(*(
            tg.post_update_to(urls[i % 2], tg.build_message(USER + i, f"/start {page}"), SECRET)
            for i, page in enumerate(pages)))
        assert [status for status, _ in statuses] == [200] * len(pages)
        for _ in pages:
            mark = tg.calls.index(await tg.wait_for("sendMessage", after=mark)) + 1
        screens = tg.calls_of("sendMessage")
        assert len(screens) == len(pages)

        # The second process writes its counts as it stops; /stats on the first writes the
        # first's and shows what both wrote.
        assert await second.stop(signal.SIGTERM) == 0
        await tg.post_update_to(urls[0], tg.build_message(ADMIN, "/stats"), SECRET)
        summary = await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(ADMIN),
                                    timeout=30)
        assert f"Last 7 days: {len(pages)} starts" in shown(summary)
        assert await first.stop(signal.SIGTERM) == 0
        outputs = first.output + second.output
    found = await database_counts(postgres_url)
    shown_pages = Counter(page_of(c) for c in screens)
    assert {page: n for (event, page), n in found.items() if event == "page_view"} == shown_pages
    assert found[("start", "")] == len(pages)
    assert "written to PostgreSQL" not in outputs  # no outage, so no recovery line
    assert postgres.password not in outputs
    stored = await everything_stored(postgres_url)
    for person in [ADMIN, *(USER + i for i in range(len(pages)))]:
        assert str(person) not in stored and str(person) not in outputs


async def test_a_database_restart_mid_traffic_loses_nothing(
        tg: FakeTelegram, start_bot: StartBot, postgres: PostgresServer,
        postgres_url: str) -> None:
    async with start_bot(DATABASE_URL=postgres_url, COUNTS_FLUSH_SECONDS="0.2") as bot:
        for _ in range(3):
            await send(tg, "/start bladder")
        await until_stored(postgres_url, "start", 3)  # flushed before the restart

        await asyncio.to_thread(postgres.stop, "fast")
        try:
            for _ in range(4):  # people keep getting answers while the database is away
                assert shown(await send(tg, "/start emergency")).startswith("Emergency")
            await bot.wait_for_output("could not write counts")
        finally:
            await asyncio.to_thread(postgres.start)
        await until_stored(postgres_url, "start", 7)  # what waited in memory, written once
        await bot.wait_for_output("again after")

        await send(tg, "/start selfcheck")
        await bot.kill()  # SIGKILL: at most the last flush interval is lost
    found = await database_counts(postgres_url)
    assert found[("page_view", "bladder")] == 3
    assert found[("page_view", "emergency")] == 4
    assert found[("start", "")] in (7, 8)
    assert postgres.password not in bot.output
