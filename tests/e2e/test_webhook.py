"""``python -m bot webhook`` against the fake Bot API server, posting updates like Telegram."""

from __future__ import annotations

import signal
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.conftest import bot_env
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import BotProcess
from tests.e2e.inprocess import InProcessRuntime
from tests.e2e.test_bot import USER, counts, shown

SECRET = "s3cret-webhook-token_0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def get(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status


@asynccontextmanager
async def webhook_bot(how: str,
                      env: dict[str, str]) -> AsyncIterator[BotProcess | InProcessRuntime]:
    """``python -m bot webhook``: as a real process, or the same start-up in this process."""
    if how == "process":
        async with BotProcess(env=env, args=("webhook",)) as bot:
            yield bot
    else:
        async with InProcessRuntime(env, webhook=True) as in_process:
            yield in_process


# In this process for `make test`; the real process (its SIGTERM) with the slow tests.
@pytest.mark.parametrize("how", ["in-process", pytest.param("process", marks=pytest.mark.slow)])
async def test_webhook_checks_the_secret_serves_health_and_stops_cleanly(
        tg: FakeTelegram, site: Path, how: str) -> None:
    port = free_port()
    env = bot_env(tg, site, HOST="127.0.0.1", PORT=str(port),
                  WEBHOOK_URL="https://bot.example.org/hooks/ksafer", WEBHOOK_SECRET=SECRET)
    base = f"http://127.0.0.1:{port}"
    async with webhook_bot(how, env) as bot:
        registered = await tg.wait_for("setWebhook", timeout=30)
        await bot.wait_for_output("webhook listening")
        assert registered.params["url"] == "https://bot.example.org/hooks/ksafer"
        assert registered.params["secret_token"] == SECRET
        assert await get(f"{base}/healthz") == 200

        url = f"{base}/hooks/ksafer"
        for secret in (None, "wrong-secret-0123456789"):
            status, _ = await tg.post_update_to(url, tg.build_message(USER, "/start"), secret)
            assert status in (401, 403)
        assert tg.calls_of("sendMessage") == []  # nothing was processed

        mark = tg.mark()
        status, _ = await tg.post_update_to(url, tg.build_message(USER, "/start bladder"), SECRET)
        assert status == 200
        reply = await tg.wait_for("sendMessage", after=mark)
        assert shown(reply).startswith("Bladder")

        assert await bot.stop(signal.SIGTERM) == 0
        assert SECRET not in bot.output
        assert "TEST-token" not in bot.output
    assert counts(site)[("page_view", "bladder", "en", "")] == 1


async def test_webhook_needs_its_settings(tg: FakeTelegram, site: Path) -> None:
    env = bot_env(tg, site, WEBHOOK_URL="http://insecure.example.org/x", WEBHOOK_SECRET=SECRET)
    async with BotProcess(env=env, args=("webhook",)) as bot:
        assert await bot.wait(timeout=30) == 2
    assert "Invalid setting WEBHOOK_URL" in bot.output
    assert SECRET not in bot.output


async def post(url: str, update: dict[str, object]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as session, \
            session.post(url, json=update, headers=headers) as response:
        return response.status


@pytest.mark.slow
async def test_registration_is_retried_and_health_says_when_telegram_can_deliver(
        tg: FakeTelegram, site: Path) -> None:
    port = free_port()
    env = bot_env(tg, site, HOST="127.0.0.1", PORT=str(port),
                  WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_SECRET=SECRET)
    base, url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/hook"
    tg.fail_next("setWebhook", status=400, count=2,
                 description="Bad Request: bad webhook: Failed to resolve host")
    async with BotProcess(env=env, args=("webhook",)) as bot:
        await bot.wait_for_output("could not register the webhook", timeout=30)
        assert await get(f"{base}/healthz") == 503  # listening, but Telegram cannot deliver yet
        await bot.wait_for_output("serving", timeout=30)
        assert len(tg.calls_of("setWebhook")) == 3
        assert await get(f"{base}/healthz") == 200

        # While stopping: 503 for health checks and for new updates (Telegram sends those again
        # later), and the reply already being sent still arrives.
        tg.delay_next("sendMessage", 3.0)
        mark = tg.mark()
        assert await post(url, tg.build_message(USER, "/start bladder")) == 200
        await tg.wait_for("sendMessage", after=mark)
        bot.process.send_signal(signal.SIGTERM)
        await bot.wait_for_output("stopping")
        assert await get(f"{base}/healthz") == 503
        assert await post(url, tg.build_message(USER + 1, "/start")) == 503
        assert await bot.wait() == 0
    sent = [c for c in tg.calls[mark:] if c.is_("sendMessage")]
    assert len(sent) == 1 and shown(sent[0]).startswith("Bladder")


@pytest.mark.slow
async def test_a_refused_token_ends_the_process_with_one_clear_line(site: Path) -> None:
    async with FakeTelegram(token="654321:the-real-token-is-different") as tg:
        port = free_port()
        for args, extra in ((("run",), {}),
                            (("webhook",), {"HOST": "127.0.0.1", "PORT": str(port),
                                            "WEBHOOK_URL": "https://bot.example.org/hook",
                                            "WEBHOOK_SECRET": SECRET})):
            async with BotProcess(env=bot_env(tg, site, **extra), args=args) as bot:
                assert await bot.wait(timeout=30) == 1
            assert "Telegram refused BOT_TOKEN (401 Unauthorized)" in bot.output, bot.output
            assert "Traceback" not in bot.output
            assert "TEST-token" not in bot.output


async def test_a_deeply_nested_body_gets_400_and_one_line(tg: FakeTelegram, site: Path) -> None:
    port = free_port()
    env = bot_env(tg, site, HOST="127.0.0.1", PORT=str(port),
                  WEBHOOK_URL="https://bot.example.org/hooks/ksafer", WEBHOOK_SECRET=SECRET)
    body = '{"update_id": 1, "message": ' + "[" * 100_000 + "]" * 100_000 + "}"
    async with InProcessRuntime(env, webhook=True) as bot:
        await bot.wait_for_output("webhook listening")
        async with aiohttp.ClientSession() as session, session.post(
                f"http://127.0.0.1:{port}/hooks/ksafer", data=body,
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                         "Content-Type": "application/json"}) as response:
            assert response.status == 400
        async with aiohttp.ClientSession() as session, session.post(
                f"http://127.0.0.1:{port}/hooks/ksafer", data="{" * 50_000,
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
            assert response.status == 400
        assert "Traceback" not in bot.output and "RecursionError" not in bot.output
