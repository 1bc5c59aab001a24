"""Admin commands (/reload, /stats), only for the user ids in ADMIN_IDS.

For anyone else these commands do not exist: the message falls through to the ordinary handlers
and gets the same reply as any other text.
"""

from __future__ import annotations

import datetime as dt
import html

from aiogram import Router
from aiogram.filters import Command, Filter
from aiogram.types import Message

from bot.core.reports import admin_summary
from bot.core.telegram_html import MESSAGE_LIMIT, split_html
from bot.runtime.counts import CountFlusher
from bot.runtime.reloading import ContentReloader
from bot.telegram.filters import LooksLikeCommand, PrivateChat
from bot.telegram.stats_chart import answer_weekly_chart


class IsAdmin(Filter):
    async def __call__(self, message: Message, admins: frozenset[int] = frozenset()) -> bool:
        return message.from_user is not None and message.from_user.id in admins


async def reload_content(message: Message, reloader: ContentReloader) -> None:
    """Validate and swap in the content on disk; on errors keep serving the old and say why."""
    result = await reloader.reload()
    if result.ok:
        text = f"Reloaded: {result.pages} pages."
    else:
        problems = "\n".join(html.escape(p.labelled(), quote=False) for p in result.problems)
        text = (f"<b>Not reloaded</b>: still serving the last good content ({result.pages} "
                f"pages). {len(result.problems)} problem(s):\n{problems}")
    await message.answer(split_html(text, MESSAGE_LIMIT)[0])


async def stats(message: Message, flusher: CountFlusher) -> None:
    """The weekly chart, then the counts for the last 7 and 30 days (flushed first: current)."""
    await flusher.flush()
    today = dt.datetime.now(dt.UTC).date()
    periods = {}
    try:
        for days in (7, 30):
            since = (today - dt.timedelta(days=days - 1)).isoformat()
            periods[f"Last {days} days"] = await flusher.store.query(since=since)
    except Exception as exc:  # the database is away: say so, the counts are safe in memory
        await message.answer(
            f"The counts database cannot be reached just now ({type(exc).__name__}). "
            f"{flusher.waiting} counts wait in memory and are written when it is back.")
        return
    await answer_weekly_chart(message, flusher, today)
    await message.answer(split_html(admin_summary(periods), MESSAGE_LIMIT)[0])


def build_admin_router() -> Router:
    """A new router each call: aiogram attaches a router to one dispatcher only."""
    router = Router(name="admin")
    router.message.filter(PrivateChat(), LooksLikeCommand(), IsAdmin())
    router.message.register(reload_content, Command("reload"))
    router.message.register(stats, Command("stats"))
    return router
