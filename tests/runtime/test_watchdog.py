"""The event-loop watchdog logs a stall, with nothing but its length."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.runtime.watchdog import watch_event_loop


def hold(seconds: float) -> None:
    """CPU-bound work on the loop (as an unbounded search once was): nothing else runs."""
    time.sleep(seconds)


async def test_a_blocked_loop_is_logged_and_a_busy_one_is_not(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.runtime.watchdog")
    watching = asyncio.create_task(watch_event_loop(tick=0.02, stall=0.3))
    await asyncio.sleep(0.05)
    for _ in range(5):  # short pieces of work with the loop free in between: no stall
        hold(0.05)
        await asyncio.sleep(0)
    assert caplog.records == []
    hold(0.6)
    await asyncio.sleep(0.1)
    watching.cancel()
    [record] = caplog.records
    assert record.getMessage().startswith("the event loop was blocked for 0.")
