"""Faults the bot must survive, injected into the fake Bot API server."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from pathlib import Path

from tests.e2e.conftest import StartBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.test_bot import USER, counts, send, shown


async def test_429_reply_is_retried_after_retry_after(
        tg: FakeTelegram, start_bot: StartBot) -> None:
    async with start_bot() as bot:
        tg.fail_next("sendMessage", status=429, retry_after=1)
        mark = tg.mark()
        started = time.monotonic()
        tg.push_message(USER, "/start")
        failed = await tg.wait_for("sendMessage", after=mark)
        assert failed.failed
        delivered = await tg.wait_for("sendMessage", lambda c: not c.failed, after=mark + 1)
        assert "stores nothing about you" in shown(delivered)
        assert time.monotonic() - started >= 0.9
        await bot.wait_for_output("retry 1 of")


async def test_server_errors_and_dropped_connections_are_retried(
        tg: FakeTelegram, start_bot: StartBot) -> None:
    async with start_bot():
        tg.fail_next("sendMessage", status=502, description="Bad Gateway")
        tg.drop_next("sendMessage")
        mark = tg.mark()
        tg.push_message(USER, "/start")
        delivered = await tg.wait_for("sendMessage", lambda c: not c.failed, after=mark,
                                      timeout=20)
        assert "stores nothing about you" in shown(delivered)
        assert len([c for c in tg.calls_of("sendMessage") if c.failed]) == 2


async def test_polling_survives_telegram_outages(tg: FakeTelegram, start_bot: StartBot) -> None:
    async with start_bot() as bot:
        tg.fail_next("getUpdates", status=500, count=2)
        tg.drop_next("getUpdates")
        reply = await send(tg, "/start")
        assert "stores nothing about you" in shown(reply)
        assert bot.running


async def test_blocked_user_is_logged_without_identifying_them(
        tg: FakeTelegram, start_bot: StartBot) -> None:
    blocked = 555000111
    async with start_bot() as bot:
        tg.fail_next("sendMessage", status=403,
                      description="Forbidden: bot was blocked by the user")
        tg.push_message(blocked, "/start")
        await bot.wait_for_output("TelegramForbiddenError")
        reply = await send(tg, "/start", user=USER + 1)  # others are not affected
        assert "stores nothing about you" in shown(reply)
        assert str(blocked) not in bot.output


async def test_flooding_user_is_slowed_politely_and_others_are_not(
        tg: FakeTelegram, start_bot: StartBot) -> None:
    flooder = 777
    async with start_bot(RATE_LIMIT_PER_MINUTE="6", RATE_LIMIT_BURST="3") as bot:
        first = await send(tg, "/start")
        message_id = first.result["message_id"]
        mark = tg.mark()
        for _ in range(12):
            tg.push_message(flooder, "/start")
        tg.push_callback(flooder, "p:bladder:0", message_id=message_id)
        other = USER + 5
        tg.push_message(other, "/start")
        reply = await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(other),
                                  after=mark)
        await asyncio.sleep(0.5)
        to_flooder = [c for c in tg.calls[mark:] if c.is_("sendMessage")
                      and c.params.get("chat_id") == str(flooder)]
        # three allowed, one polite note (replies run concurrently, so in any order), rest dropped
        texts = sorted("very fast" in shown(c) for c in to_flooder)
        assert texts == [False, False, False, True]
        assert "stores nothing about you" in shown(reply)
        assert tg.unanswered_callback_ids == []
        assert str(flooder) not in bot.output


async def test_sigterm_drains_in_flight_updates_before_exiting(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot() as bot:
        tg.delay_next("sendMessage", 1.5)
        mark = tg.mark()
        tg.push_message(USER, "/start bladder")
        await tg.wait_for("sendMessage", after=mark)  # the request has arrived and is held
        assert await bot.stop(signal.SIGTERM) == 0
    assert counts(site)[("page_view", "bladder", "en", "")] == 1


async def test_sigkill_leaves_a_consistent_database(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot(COUNTS_FLUSH_SECONDS="0.2") as bot:
        await send(tg, "/start bladder")
        await asyncio.sleep(0.6)  # at least one flush interval
        await send(tg, "/start emergency")
        await bot.kill()
    db = sqlite3.connect(site / "data" / "counts.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    found = counts(site)
    assert found[("page_view", "bladder", "en", "")] == 1  # flushed before the kill


async def test_a_reply_that_times_out_is_retried(tg: FakeTelegram, start_bot: StartBot) -> None:
    async with start_bot(TELEGRAM_TIMEOUT_SECONDS="1") as bot:
        tg.delay_next("sendMessage", 2.5)
        mark = tg.mark()
        tg.push_message(USER, "/start")
        first = await tg.wait_for("sendMessage", after=mark)
        retried = await tg.wait_for("sendMessage", after=tg.calls.index(first) + 1, timeout=15)
        assert "stores nothing about you" in shown(retried)
        await bot.wait_for_output("TelegramNetworkError")
