"""Admin commands (/reload, /stats), only for the user ids in ADMIN_IDS.

For anyone else these commands do not exist: the message falls through to the ordinary handlers
and gets the same reply as any other text.
"""

from __future__ import annotations

import datetime as dt
import functools
import html

from aiogram import Router
from aiogram.filters import Command, Filter
from aiogram.types import Message

from bot.conversation.guide import Guide
from bot.conversation.telegram_html import MESSAGE_LIMIT, split_html
from bot.reporting.summary import Say, admin_summary
from bot.runtime.counts import CountFlusher, CountsBackend
from bot.runtime.reloading import ContentReloader
from bot.telegram.filters import LooksLikeCommand, PrivateChat
from bot.telegram.stats_chart import answer_weekly_chart


class IsAdmin(Filter):
    async def __call__(self, message: Message, admins: frozenset[int] = frozenset()) -> bool:
        return message.from_user is not None and message.from_user.id in admins


def _say(message: Message, guide: Guide) -> Say:
    """UI strings in the admin's language (Telegram's, or the one chosen with /language)."""
    user = message.from_user
    locale = guide.locale_for(user.id, user.language_code) if user else guide.default_locale
    return functools.partial(guide.say, locale)


async def reload_content(message: Message, guide: Guide, reloader: ContentReloader) -> None:
    """Validate and swap in the content on disk; on errors keep serving the old and say why.
    The problems are for editors, so they stay in the checker's words (English)."""
    say = _say(message, guide)
    result = await reloader.reload()
    if result.ok:
        text = say("admin_reloaded", pages=str(result.pages))
    else:
        problems = "\n".join(html.escape(p.labelled(), quote=False) for p in result.problems)
        text = (say("admin_not_reloaded", pages=str(result.pages),
                    count=str(len(result.problems))) + f"\n{problems}")
    await message.answer(split_html(text, MESSAGE_LIMIT)[0])


async def stats(message: Message, guide: Guide, flusher: CountFlusher,
                counts: CountsBackend) -> None:
    """The weekly chart, then the counts for the last 7 and 30 days (flushed first: current)."""
    say = _say(message, guide)
    await flusher.flush()
    today = dt.datetime.now(dt.UTC).date()
    periods = {}
    try:
        for days in (7, 30):
            since = (today - dt.timedelta(days=days - 1)).isoformat()
            periods[days] = await counts.query(since=since)
    except Exception as exc:  # the database is away: say so, the counts are safe in memory
        await message.answer(say("admin_counts_away", error=type(exc).__name__,
                                 waiting=str(flusher.waiting)))
        return
    await answer_weekly_chart(message, counts, today, say)
    await message.answer(split_html(admin_summary(periods, say), MESSAGE_LIMIT)[0])


def build_admin_router() -> Router:
    """A new router each call: aiogram attaches a router to one dispatcher only."""
    router = Router(name="admin")
    router.message.filter(PrivateChat(), LooksLikeCommand(), IsAdmin())
    router.message.register(reload_content, Command("reload"))
    router.message.register(stats, Command("stats"))
    return router
