"""The picture in the admins' /stats answer: people starting the bot per week.

Drawn in a worker thread so replies to everyone else go on meanwhile; matplotlib is imported
there on the first /stats, never at start-up. If anything goes wrong the admin still gets the
summary text, just without the picture.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from aiogram.types import BufferedInputFile, Message

from bot.reporting.figures import Period, starts_per_week, week_start
from bot.reporting.summary import Say
from bot.reporting.tally import CountRow
from bot.runtime.counts import CountsBackend

log = logging.getLogger(__name__)
WEEKS = 12


def weekly_period(today: dt.date) -> Period:
    """The last ``WEEKS`` weeks, Monday to Sunday, the last one up to today."""
    return Period(week_start(today) - dt.timedelta(weeks=WEEKS - 1), today)


def _draw(rows: list[CountRow], period: Period) -> bytes:
    from bot.charts import weekly_starts_png  # matplotlib: loaded on the first /stats only

    return weekly_starts_png(rows, period)


async def answer_weekly_chart(message: Message, counts: CountsBackend, today: dt.date,
                              say: Say) -> bool:
    """Send the weekly chart as a photo; False (and nothing sent) when there is nothing to show."""
    period = weekly_period(today)
    try:
        rows = await counts.query(since=period.since.isoformat(), until=period.until.isoformat())
        if starts_per_week(rows, period).empty:
            return False
        png = await asyncio.to_thread(_draw, rows, period)
        caption = say("stats_chart_caption", since=period.since.isoformat(),
                      until=period.until.isoformat())
        await message.answer_photo(BufferedInputFile(png, "starts-per-week.png"),
                                   caption=caption)
    except Exception:
        log.exception("could not send the weekly chart; the summary goes without it")
        return False
    return True
