"""Faults the bot must survive, injected into the fake Bot API server."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import RunBot, StartBot
from tests.e2e.fake_telegram import Call, FakeTelegram
from tests.e2e.test_bot import USER, counts, press, send, shown


async def test_429_reply_is_retried_after_retry_after(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot() as bot:
        tg.fail_next("sendMessage", status=429, retry_after=1)
        mark = tg.mark()
        started = time.monotonic()
        tg.push_message(USER, "/start")
        failed = await tg.wait_for("sendMessage", after=mark)
        assert failed.failed
        delivered = await tg.wait_for("sendMessage", lambda c: not c.failed, after=mark + 1)
        assert "stores nothing about you" in shown(delivered)
        assert time.monotonic() - started >= 0.9
        await bot.wait_for_output("all requests wait 1.0 s")


@pytest.mark.slow
async def test_server_errors_and_proxy_pages_are_retried(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        tg.fail_next("sendMessage", status=500, description="Internal Server Error")
        tg.fail_next("sendMessage", status=502, html=True)
        tg.fail_next("sendMessage", status=503, html=True)
        mark = tg.mark()
        tg.push_message(USER, "/start")
        delivered = await tg.wait_for("sendMessage", lambda c: not c.failed, after=mark,
                                      timeout=20)
        assert "stores nothing about you" in shown(delivered)
        assert len([c for c in tg.calls_of("sendMessage") if c.failed]) == 3


async def start_for_each(tg: FakeTelegram, people: list[int]) -> list[Call]:
    """Each person sends /start; once each got a reply, every sendMessage tried since."""
    mark = tg.mark()
    for person in people:
        tg.push_message(person, "/start")
    for person in people:
        await tg.wait_for("sendMessage", lambda c, p=person: c.params["chat_id"] == str(p)
                          and not c.failed, after=mark, timeout=20)
    return [c for c in tg.calls[mark:] if c.is_("sendMessage")]


@pytest.mark.slow
async def test_outage_of_429s_shares_one_pause_and_every_reply_arrives_once(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    """Ten people write during three seconds of 429s (retry_after 1): each gets exactly one
    reply, and the bot does not hammer Telegram: after the first refusals, one request per pause
    tests whether Telegram is back (each reply retrying on its own would make ~40 requests)."""
    people = [USER + n for n in range(10)]
    async with run_bot() as bot:
        tg.fail_for("sendMessage", 3.0, status=429, retry_after=1)
        sent = await start_for_each(tg, people)
        delivered = sorted(int(c.params["chat_id"]) for c in sent if not c.failed)
        assert delivered == people
        refused = [c for c in sent if c.failed]
        assert len(refused) <= len(people) + 4, [round(c.at - sent[0].at, 2) for c in refused]
        assert "Traceback" not in bot.output


@pytest.mark.slow
async def test_outage_of_proxy_errors_every_reply_arrives_once(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    people = [USER + n for n in range(5)]
    async with run_bot():
        tg.fail_for("sendMessage", 2.0, status=502, html=True)
        sent = await start_for_each(tg, people)
        assert sorted(int(c.params["chat_id"]) for c in sent if not c.failed) == people


async def test_a_reply_is_dropped_once_it_is_no_longer_useful(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot(REPLY_RETRY_SECONDS="1.5") as bot:
        tg.fail_for("sendMessage", 30.0, status=503, html=True)
        mark = tg.mark()
        tg.push_message(USER, "/start")
        await bot.wait_for_output("sendMessage given up after")
        assert all(c.failed for c in tg.calls[mark:] if c.is_("sendMessage"))
        assert len(tg.calls_of("sendMessage")) <= 4
        await bot.wait_for_output("Telegram refused a reply to a message update: ServerAnswered")


async def test_polling_survives_telegram_outages(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot() as bot:
        tg.fail_next("getUpdates", status=500, count=2)
        tg.drop_next("getUpdates")
        reply = await send(tg, "/start")
        assert "stores nothing about you" in shown(reply)
        assert bot.running


async def test_blocked_user_is_logged_without_identifying_them(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    blocked = 555000111
    async with run_bot() as bot:
        tg.fail_next("sendMessage", status=403,
                      description="Forbidden: bot was blocked by the user")
        tg.push_message(blocked, "/start")
        await bot.wait_for_output("TelegramForbiddenError")
        reply = await send(tg, "/start", user=USER + 1)  # others are not affected
        assert "stores nothing about you" in shown(reply)
        assert str(blocked) not in bot.output


async def test_flooding_user_is_slowed_politely_others_are_not_and_a_crisis_always_is(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    flooder = 777
    async with run_bot(RATE_LIMIT_PER_MINUTE="6", RATE_LIMIT_BURST="3") as bot:
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
        # Still over the limit, but a crisis is answered before any flood limit.
        mark = tg.mark()
        tg.push_message(flooder, "my friend is not breathing")
        crisis = await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(flooder),
                                   after=mark)
        assert "Call 999 now." in shown(crisis)
        assert str(flooder) not in bot.output


@pytest.mark.slow
async def test_sigterm_drains_in_flight_updates_before_exiting(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot() as bot:
        tg.delay_next("sendMessage", 1.5)
        mark = tg.mark()
        tg.push_message(USER, "/start bladder")
        await tg.wait_for("sendMessage", after=mark)  # the request has arrived and is held
        assert await bot.stop(signal.SIGTERM) == 0
    assert counts(site)[("page_view", "bladder", "en", "")] == 1


@pytest.mark.slow
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


async def test_a_slow_answer_after_the_timeout_is_not_sent_twice(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    """Telegram carried the message out but answered after our timeout: sending it again would
    give the person a second copy, so it is not sent again."""
    async with run_bot(TELEGRAM_TIMEOUT_SECONDS="1") as bot:
        tg.answer_late_next("sendMessage", 2.5)
        mark = tg.mark()
        tg.push_message(USER, "/start")
        await bot.wait_for_output("not sent again")
        later = await send(tg, "/start bladder", user=USER + 1)  # others are served meanwhile
        assert shown(later).startswith("Bladder")
        to_person = [c for c in tg.calls[mark:] if c.is_("sendMessage")
                     and c.params["chat_id"] == str(USER)]
        assert len(to_person) == 1 and to_person[0].result is not None


async def test_dropped_connections_retry_only_what_is_safe_to_repeat(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot() as bot:
        welcome = await send(tg, "/start")
        tg.drop_next("editMessageText")  # an edit done twice changes nothing: retried
        page = await press(tg, "p:bladder:0", welcome.result["message_id"])
        assert shown(page).startswith("Bladder")
        tg.drop_next("sendMessage")  # a new message might have arrived: not sent again
        mark = tg.mark()
        tg.push_message(USER, "/start emergency")
        await bot.wait_for_output("not sent again")
        assert [c.failed for c in tg.calls[mark:] if c.is_("sendMessage")] == [True]
