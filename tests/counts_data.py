"""Realistic generated counts for testing and showing the usage report. Never real data.

A mid-sized service over some weeks: more starts at weekends, two festival weekends, posters,
cards and outreach links, a bladder self-check, typed questions, a few crisis routes and
"Was this useful?" answers, on the shipped content's pages, in three languages.

    python -m tests.counts_data data/example-counts.sqlite3 [--days 90] [--until 2026-11-29]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import math
import random
from collections import Counter
from pathlib import Path

from bot.conversation.screen_builder import ScreenBuilder
from bot.model.model import HOME, Content
from bot.reporting.tally import CountKey
from bot.runtime.counts import SqliteCounts

ROOT = Path(__file__).resolve().parent.parent
LOCALE_WEIGHTS = {"en": 0.55, "zh-Hant": 0.3, "zh-Hans": 0.15}
CAMPAIGN_WEIGHTS = {"poster": 0.3, "card": 0.25, "outreach": 0.2, "festival": 0.08, "": 0.12,
                    "unlisted": 0.05}
LINK_PAGES = ("bladder_signs", "selfcheck", "emergency", "safer", "mixing", "home", "get_help")
SECTION_WEIGHTS = {"emergency": 0.6, "get_help": 1.0, "effects": 1.2, "safer": 1.6,
                   "mixing": 1.8, "bladder": 2.2, "body": 0.8, "cutting_down": 1.0,
                   "mental_health": 0.7, "higher_risk": 0.5, "what": 0.9, "about": 0.3}
FESTIVALS = (30, 65)  # days from the start with a festival weekend


def _noisy(rng: random.Random, mean: float) -> int:
    return max(0, round(rng.gauss(mean, math.sqrt(mean) if mean > 0 else 0)))


def _spread(rng: random.Random, total: int, weights: dict[str, float]) -> Counter[str]:
    return Counter(rng.choices(list(weights), list(weights.values()), k=total))


def _sections(content: Content) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in content.pages:
        current = page
        while content.parents.get(current, HOME) != HOME:
            current = content.parents[current]
        if page != HOME:
            found.setdefault(current, []).append(page)
    return found


def generate(content: Content, *, days: int = 90, until: dt.date = dt.date(2026, 11, 29),
             seed: int = 15, scale: float = 1.0) -> Counter[CountKey]:
    """Daily counts for ``days`` days up to ``until``; ``scale`` shrinks or grows the service."""
    rng = random.Random(seed)
    counts: Counter[CountKey] = Counter()
    sections = _sections(content)
    section_weights = {s: SECTION_WEIGHTS.get(s, 0.5) for s in sections}
    # Some pages help more than others: what share of answers say "useful", per page.
    useful_share = {page: 0.45 + 0.5 * random.Random(f"{seed}:{page}").random()
                    for page in content.pages}
    outcome_pages = {spec.outcome: page for page, spec in content.pages.items() if spec.outcome}
    start_day = until - dt.timedelta(days=days - 1)
    for offset in range(days):
        day = start_day + dt.timedelta(days=offset)
        iso = day.isoformat()
        festival = any(0 <= offset - f <= 2 for f in FESTIVALS)
        weekend = 1.45 if day.weekday() >= 4 else 1.0
        growth = 1.0 + 0.4 * offset / max(days, 1)
        mean = 42 * scale * weekend * growth * (2.6 if festival else 1.0)

        def add(event: str, n: int, page: str = "", locale: str = "",
                campaign: str = "", day: str = iso) -> None:
            if n:
                counts[CountKey(day, event, page, locale, campaign)] += n

        for locale, starts in _spread(rng, _noisy(rng, mean), LOCALE_WEIGHTS).items():
            add("start", starts, locale=locale)
            weights = dict(CAMPAIGN_WEIGHTS)
            if festival:
                weights["festival"] = 1.2
            links = round(starts * 0.35)
            for campaign, n in _spread(rng, links, weights).items():
                for page, m in _spread(rng, n, {p: 1.0 for p in LINK_PAGES}).items():
                    add("deep_link", m, page, locale, campaign)
            add("deep_link_unknown", _noisy(rng, starts * 0.01), locale=locale)
            views = _noisy(rng, starts * 4.2)
            for section, n in _spread(rng, views, section_weights).items():
                pages = {p: 1.0 for p in sections[section]}
                pages[section] = 3.0  # the section's own page is opened most
                for page, m in _spread(rng, n, pages).items():
                    add("page_view", m, page, locale)
                    answered = sum(rng.random() < 0.12 for _ in range(m))
                    yes = sum(rng.random() < useful_share[page] for _ in range(answered))
                    add("useful_yes", yes, page, locale)
                    add("useful_no", answered - yes, page, locale)
                    add("sources_view", sum(rng.random() < 0.04 for _ in range(m)), page, locale)
            checks = _noisy(rng, starts * 0.18)
            for outcome, n in _spread(rng, checks, {"urgent": 0.15, "soon": 0.35,
                                                     "watch": 0.5}).items():
                add("selfcheck_outcome", n, outcome, locale)
                if outcome in outcome_pages:
                    add("page_view", n, outcome_pages[outcome], locale)
            typed = _noisy(rng, starts * 0.3)
            crisis = sum(rng.random() < 0.03 for _ in range(typed))
            for kind, n in _spread(rng, crisis, {"emergency": 0.5, "urinary": 0.3,
                                                  "suicide": 0.2}).items():
                add("crisis_route", n, kind, locale)
            hits = sum(rng.random() < 0.76 for _ in range(typed - crisis))
            add("search_hit", hits, locale=locale)
            add("search_miss", typed - crisis - hits, locale=locale)
            add("search_open", round(hits * 0.6), locale=locale)
            add("language_menu", _noisy(rng, starts * 0.05), locale=locale)
            add("language_change", _noisy(rng, starts * 0.03), locale=locale)
            add("inline_query", _noisy(rng, starts * 0.02), locale=locale)
            add("near_me", _noisy(rng, starts * 0.02), locale=locale)
            add("stale_button", _noisy(rng, starts * 0.01), locale=locale)
            add("other_message", _noisy(rng, starts * 0.02), locale=locale)
    return counts


def shipped_content() -> Content:
    return ScreenBuilder.load(ROOT / "content", ROOT / "locales").content


async def write_database(path: Path, batch: Counter[CountKey]) -> None:
    async with SqliteCounts(path) as store:
        await store.write(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.counts_data", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path, help="SQLite file to write (counts are added)")
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--until", type=dt.date.fromisoformat, default=dt.date(2026, 11, 29))
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    batch = generate(shipped_content(), days=args.days, until=args.until, seed=args.seed)
    asyncio.run(write_database(args.database, batch))
    print(f"{sum(batch.values())} counts in {len(batch)} cells over {args.days} days: "
          f"{args.database}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
