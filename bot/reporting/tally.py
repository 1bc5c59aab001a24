"""Anonymous usage counts as the bot keeps them in memory: aggregates per day, event, page,
language and campaign tag. There is deliberately no field for a person.

Writing them to a database is :mod:`bot.runtime.counts`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

EVENTS = frozenset({
    "start", "deep_link", "deep_link_unknown", "page_view", "sources_view", "language_menu",
    "language_change", "selfcheck_outcome", "stale_button", "other_message",
    "useful_yes", "useful_no", "inline_query", "search_hit", "search_miss", "crisis_route",
    "crisis_offer",  # page is the offer's kind (mind or body), never the words
    "search_open", "near_me",
    "update_skipped",  # an update from Telegram the bot could not read (nothing else about it)
})
# Distinct rows (day, event, page, locale, campaign) kept in memory while they cannot be written.
# A row costs a few hundred bytes, so this is tens of megabytes at most. At the limit, counts for
# rows already waiting still add up; a count for a new row is dropped (and counted as dropped).
PENDING_LIMIT = 50_000


@dataclass(frozen=True, order=True)
class CountKey:
    day: str
    event: str
    page: str = ""
    locale: str = ""
    campaign: str = ""


@dataclass(frozen=True)
class CountRow:
    day: str
    event: str
    page: str
    locale: str
    campaign: str
    count: int

    @property
    def key(self) -> CountKey:
        return CountKey(self.day, self.event, self.page, self.locale, self.campaign)


class Tally:
    """In-memory batch of counts; ``add`` never blocks and never touches the disk.

    It holds at most ``limit`` distinct rows (see :data:`PENDING_LIMIT`): while the database is
    unreachable, counts for rows already waiting still add up, and a count that would need a new
    row is dropped and added to ``dropped`` instead, so memory stays bounded.
    """

    def __init__(self, today: Callable[[], dt.date] | None = None,
                 limit: int = PENDING_LIMIT) -> None:
        self._today = today or (lambda: dt.datetime.now(dt.UTC).date())
        self._pending: Counter[CountKey] = Counter()
        self.limit = limit
        self.dropped = 0

    def add(self, event: str, *, page: str = "", locale: str = "", campaign: str = "") -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        key = CountKey(self._today().isoformat(), event, page, locale, campaign)
        pending = self._pending
        if len(pending) < self.limit or key in pending:
            pending[key] += 1
        else:
            self.dropped += 1

    def drain(self) -> Counter[CountKey]:
        pending, self._pending = self._pending, Counter()
        return pending

    @property
    def total(self) -> int:
        return sum(self._pending.values())

    def __len__(self) -> int:
        return len(self._pending)
