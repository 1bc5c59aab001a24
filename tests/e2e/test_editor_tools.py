"""Live reload, admin-only commands and feedback, against the real bot process."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.e2e.conftest import RunBot, StartBot, bot_env
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import BotProcess
from tests.e2e.test_bot import USER, counts, press, send, shown

ADMIN = 90001


def retitle(site: Path, old: str, new: str) -> None:
    path = site / "content" / "text" / "en" / "main.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.slow
async def test_sighup_reloads_good_content_and_refuses_broken(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot() as bot:
        retitle(site, "title: Bladder\n", "title: Bladder health\n")
        os.kill(bot.pid, signal.SIGHUP)
        await bot.wait_for_output("content reloaded")
        assert shown(await send(tg, "/start bladder")).startswith("Bladder health")

        broken = site / "content" / "pages" / "main.yaml"
        broken.write_text(broken.read_text().replace("columns: 2", "columns: [2"))
        os.kill(bot.pid, signal.SIGHUP)
        await bot.wait_for_output("content/pages/main.yaml:4: error: the '[' on this line is not "
                                  "closed")
        assert "1 problem(s)" in bot.output
        # people keep getting the last good content
        assert shown(await send(tg, "/start bladder")).startswith("Bladder health")


async def test_admin_reload_reports_errors_to_the_admin_only(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot(ADMIN_IDS=str(ADMIN)) as bot:
        retitle(site, "body: Call <b>999</b> now.", "body: Call <br> now.")
        report = await send(tg, "/reload", user=ADMIN)
        assert shown(report).startswith("Not reloaded: still serving the last good content")
        assert "content/text/en/main.yaml" in shown(report) and ": error: " in shown(report)
        assert "Telegram has no <br>" in shown(report)
        assert shown(await send(tg, "/start emergency")).startswith("Emergency\n\nCall 999 now.")

        refused = await send(tg, "/reload", user=USER)  # not an admin: just ordinary text
        assert shown(refused).startswith("Sorry, I couldn't find a page")
        assert bot.output.count("content reload refused") == 1

        retitle(site, "body: Call <br> now.", "body: Call <b>112</b> now.")
        assert shown(await send(tg, "/reload", user=ADMIN)).startswith("Reloaded:")
        assert "Call 112 now." in shown(await send(tg, "/start emergency"))


async def test_file_changes_reload_when_watching(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot(RELOAD_WATCH="true", RELOAD_WATCH_SECONDS="0.2") as bot:
        retitle(site, "title: Bladder\n", "title: Watched bladder\n")
        await bot.wait_for_output("content reloaded", timeout=15)
        assert shown(await send(tg, "/start bladder")).startswith("Watched bladder")


async def test_feedback_and_admin_stats(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot(ADMIN_IDS=f"{ADMIN}, 90002") as bot:
        page = await send(tg, "/start bladder_signs-festival")
        assert page.button_texts[-5:-3] == ["👍 Useful", "👎 Not really"]
        thanked = await press(tg, "f:bladder_signs:0", page.result["message_id"])
        assert shown(thanked).startswith("Thanks.")
        assert "👍 Useful" not in thanked.button_texts

        report = shown(await send(tg, "/stats", user=ADMIN))
        assert "Last 7 days: 1 starts" in report
        assert "Top pages: bladder_signs 1" in report
        assert "Deep-link campaigns: festival 1" in report
        assert "Least useful: bladder_signs 0👍/1👎" in report

        assert shown(await send(tg, "/stats", user=USER)).startswith("Sorry, I couldn't find")
        await asyncio.sleep(0)
        assert await bot.stop() == 0
    assert counts(site)[("useful_no", "bladder_signs", "en", "")] == 1


async def test_a_typo_never_keeps_the_bot_from_starting(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot() as bot:  # a clean start keeps a copy of the content
        assert await bot.stop() == 0
    assert (site / "data" / "last-good-content" / "content" / "pages" / "main.yaml").exists()
    broken = site / "content" / "pages" / "main.yaml"
    broken.write_text(broken.read_text().replace("columns: 2", "columns: [2"))
    async with run_bot() as bot:
        assert shown(await send(tg, "/start bladder")).startswith("Bladder")
        assert "serving the last good content instead" in bot.output
        assert "content/pages/main.yaml:4: error: the '[' on this line is not closed" \
            in bot.output
    snapshot = site / "data" / "last-good-content" / "content" / "pages" / "main.yaml"
    assert "columns: 2" in snapshot.read_text()  # the broken version never replaces it


@pytest.mark.slow
async def test_content_the_check_refuses_is_never_served_at_start_up(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    """Loading alone would accept a javascript: link; Telegram would then refuse the message and
    the person get nothing. Start-up checks as reload and check do, and falls back the same way."""
    async with run_bot() as bot:
        assert await bot.stop() == 0
    retitle(site, "body: Call <b>999</b> now.",
            'body: Call <a href="javascript:alert(1)">999</a> now.')
    async with run_bot() as bot:
        emergency = await send(tg, "/start emergency")
        assert shown(emergency).startswith("Emergency\n\nCall 999 now.")
        assert "javascript" not in (emergency.text or "")
        assert "serving the last good content instead" in bot.output
        assert "content/text/en/main.yaml" in bot.output
    shutil.rmtree(site / "data" / "last-good-content")
    async with BotProcess(env=bot_env(tg, site), args=("run",)) as bot:
        assert await bot.wait(timeout=30) == 1  # the very first start: nothing to fall back to
    assert "serving the last good content" not in bot.output
