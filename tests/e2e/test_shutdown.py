"""What the bot says as it stops: one story, whatever happened to the counts."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import RunBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.test_bot import send


def ours(output: str) -> list[str]:
    """The bot's own log lines (a library's thread may log its last debug line after ours)."""
    return [line for line in output.strip().splitlines()
            if len(line.split()) > 1 and line.split()[1].startswith("bot")]


async def test_counts_lost_at_shutdown_are_not_called_flushed(tg: FakeTelegram,
                                                               run_bot: RunBot) -> None:
    async with run_bot() as bot:
        await send(tg, "/start")

        async def unreachable(*args: Any) -> None:
            raise OSError("database is down")

        bot.runtime.store.write = unreachable  # type: ignore[method-assign]
        bot.runtime.flusher.stop_timeout = 0.2
        await bot.stop()
    lines = ours(bot.output)
    assert any("are lost" in line for line in lines)
    assert not any("counts flushed" in line for line in lines)
    assert "stopped" in lines[-1] and "lost" in lines[-1]


async def test_a_clean_stop_says_the_counts_were_written(tg: FakeTelegram,
                                                          run_bot: RunBot) -> None:
    async with run_bot() as bot:
        await send(tg, "/start")
        await bot.stop()
    assert ours(bot.output)[-1].endswith("stopped; counts flushed")
