"""Fixtures for end-to-end tests: a fake Bot API server and the real bot process against it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest

from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import TEST_TOKEN, BotProcess
from tests.e2e.inprocess import InProcessRuntime

StartBot = Callable[..., AbstractAsyncContextManager[BotProcess]]
RunBot = Callable[..., AbstractAsyncContextManager[InProcessRuntime]]


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as fake:
        yield fake


def bot_env(tg: FakeTelegram, site: Path, **extra: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_URL": tg.base_url,
        "CONTENT_DIR": str(site / "content"),
        "LOCALES_DIR": str(site / "locales"),
        "DATABASE_PATH": str(site / "data" / "counts.sqlite3"),
        "LOG_LEVEL": "DEBUG",
        "COUNTS_FLUSH_SECONDS": "60",
        "DATABASE_URL": "",  # SQLite in the site folder, whatever the developer's shell has
        **extra,
    }


@pytest.fixture
def start_bot(tg: FakeTelegram, site: Path) -> StartBot:
    """Start ``python -m bot run`` and wait until it is polling."""

    @asynccontextmanager
    async def start(**extra: str) -> AsyncIterator[BotProcess]:
        mark = tg.mark()  # a bot started earlier in the test has polled already
        async with BotProcess(env=bot_env(tg, site, **extra), args=("run",)) as proc:
            await tg.wait_for("getUpdates", timeout=30, after=mark)
            yield proc

    return start


@pytest.fixture
def run_bot(tg: FakeTelegram, site: Path) -> RunBot:
    """The same bot as ``start_bot`` in this process (see ``tests/e2e/inprocess.py``): for
    tests about what people see, not about the process itself."""

    @asynccontextmanager
    async def start(**extra: str) -> AsyncIterator[InProcessRuntime]:
        mark = tg.mark()
        async with InProcessRuntime(bot_env(tg, site, **extra)) as bot:
            await tg.wait_for("getUpdates", timeout=30, after=mark)
            yield bot

    return start
