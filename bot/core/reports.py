"""Summaries of the anonymous counts for the people who run and edit the bot."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.tally import CountRow


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


def admin_summary(periods: dict[str, list[CountRow]], limit: int = 5) -> str:
    """A short Telegram-HTML report per period: top pages, campaigns, outcomes, usefulness."""
    blocks: list[str] = []
    for label, rows in periods.items():
        starts = sum(r.count for r in rows if r.event == "start")
        lines = [f"<b>{html.escape(label)}</b>: {starts} starts"]
        sections = (("Top pages", _top(rows, "page_view", "page", limit)),
                    ("Deep-link campaigns", _top(rows, "deep_link", "campaign", limit)),
                    ("Self-check outcomes", _top(rows, "selfcheck_outcome", "page", limit)))
        for title, items in sections:
            body = ", ".join(f"{html.escape(name)} {count}" for name, count in items) or "none"
            lines.append(f"{title}: {body}")
        useful = usefulness(rows)[:limit]
        body = ", ".join(f"{html.escape(u.page)} {u.yes}👍/{u.no}👎" for u in useful) or "none"
        lines.append(f"Least useful: {body}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
