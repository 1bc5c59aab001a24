"""Notices when the event loop was blocked: every person the bot talks to waits while it is.

Work on the loop is bounded (a search, a crisis check, a screen: milliseconds), so a stall
means a bug or a starved machine. The watchdog sleeps a short while, again and again, and when
it wakes much later than it asked to, logs how long the loop was held: a number, never what was
being handled.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

TICK_SECONDS = 0.25
STALL_SECONDS = 1.0


async def watch_event_loop(tick: float = TICK_SECONDS, stall: float = STALL_SECONDS,
                           clock: Callable[[], float] = time.monotonic) -> None:
    """Run until cancelled; log a warning for each stall longer than ``stall`` seconds."""
    while True:
        started = clock()
        await asyncio.sleep(tick)
        late = clock() - started - tick
        if late > stall:
            log.warning("the event loop was blocked for %.1f s; every reply waited as long",
                        late)
