"""Summaries of the anonymous counts for the people who run and edit the bot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.reporting.tally import CountRow


@dataclass(frozen=True)
class Usefulness:
    page: str
    yes: int
    no: int

    @property
    def share(self) -> float:
        total = self.yes + self.no
        return self.yes / total if total else 0.0


def usefulness(rows: Iterable[CountRow]) -> list[Usefulness]:
    """Yes/no answers per page, least useful first, so editors see what to improve."""
    yes: Counter[str] = Counter()
    no: Counter[str] = Counter()
    for row in rows:
        if row.event == "useful_yes":
            yes[row.page] += row.count
        elif row.event == "useful_no":
            no[row.page] += row.count
    found = [Usefulness(page, yes[page], no[page]) for page in set(yes) | set(no)]
    return sorted(found, key=lambda u: (u.share, -(u.yes + u.no), u.page))


def _top(rows: Iterable[CountRow], event: str, key: str, limit: int) -> list[tuple[str, int]]:
    totals: Counter[str] = Counter()
    for row in rows:
        if row.event == event:
            totals[getattr(row, key) or "-"] += row.count
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]


class Say(Protocol):
    """A UI string in the reader's language, with its values filled in (and HTML-escaped)."""

    def __call__(self, key: str, /, **values: str) -> str: ...


def admin_summary(periods: dict[int, list[CountRow]], say: Say, limit: int = 5) -> str:
    """A short Telegram-HTML report for each period of the last so many days: top pages,
    campaigns, outcomes, usefulness, in the words of ``say`` (the admin's language)."""
    separator, none = say("stats_separator"), say("stats_none")
    blocks: list[str] = []
    for days, rows in periods.items():
        starts = sum(r.count for r in rows if r.event == "start")
        lines = [say("stats_period", days=str(days), starts=str(starts))]
        sections = (("stats_top_pages", _top(rows, "page_view", "page", limit)),
                    ("stats_campaigns", _top(rows, "deep_link", "campaign", limit)),
                    ("stats_outcomes", _top(rows, "selfcheck_outcome", "page", limit)))
        for key, items in sections:
            body = separator.join(f"{name} {count}" for name, count in items) or none
            lines.append(say(key, items=body))
        useful = usefulness(rows)[:limit]
        body = separator.join(f"{u.page} {u.yes}👍/{u.no}👎" for u in useful) or none
        lines.append(say("stats_least_useful", items=body))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
