"""The questions real people posted (tests/data/real_questions.yaml) and how search does on them.

Shared by the floor test (tests/core/test_real_questions.py), the figures in the README
(`python benchmarks/search_quality.py`) and the library comparison in docs/search.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from bot.conversation.crisis import CrisisMatch, assess
from bot.conversation.screen_builder import ScreenBuilder

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "real_questions.yaml"
WRITTEN = ROOT / "tests" / "data" / "written_questions.yaml"  # an independent tester's, no URL
Half = Literal["tune", "held"]


@dataclass(frozen=True)
class RealQuestion:
    query: str
    locale: str
    url: str
    pages: frozenset[str]  # any of these is a right answer; empty: no page answers it yet
    half: Half
    batch: int = 1  # questions added later come in a later batch, dealt after the earlier ones


def load(path: Path = DATA) -> list[RealQuestion]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [RealQuestion(item["q"], item["lang"], item.get("url", ""), frozenset(item["pages"]),
                         item["half"], int(item.get("batch", 1))) for item in data["questions"]]


@dataclass
class Score:
    """Top-1 and top-3 over the questions that have a right page; weak answers (nothing
    found, or a weak match) to questions with no page are counted apart."""

    total: int = 0
    top1: int = 0
    top3: int = 0
    no_page: int = 0
    no_page_weak: int = 0

    def line(self) -> str:
        if not self.total:
            return "-"
        return (f"top-1 {self.top1}/{self.total} = {self.top1 / self.total:.0%}, "
                f"top-3 {self.top3}/{self.total} = {self.top3 / self.total:.0%}")


# A searcher takes (query, locale) and answers the pages it would show, best first, and
# whether it would call the answer a weak match.
Searcher = Callable[[str, str], tuple[list[str], bool]]


def bot_answers(builder: ScreenBuilder) -> Searcher:
    """What the bot shows for a typed question, end to end as ``Guide.typed_text`` does: a
    message read as a crisis gets its crisis page and nothing else; any other gets the search
    answer (an offer only adds a button above it)."""
    index = builder.search_index

    def searcher(query: str, locale: str) -> tuple[list[str], bool]:
        crisis = assess(query, builder.crisis_rules)
        if isinstance(crisis, CrisisMatch):
            return [crisis.page], False
        answer = index.answer(query, locale)
        return [hit.page for hit in answer.hits], answer.weak

    return searcher


def evaluate(questions: Iterable[RealQuestion], searcher: Searcher,
             misses: list[str] | None = None) -> dict[tuple[str, Half], Score]:
    scores: dict[tuple[str, Half], Score] = {}
    for question in questions:
        score = scores.setdefault((question.locale, question.half), Score())
        pages, weak = searcher(question.query, question.locale)
        if not question.pages:
            score.no_page += 1
            score.no_page_weak += weak or not pages
            continue
        score.total += 1
        # A weak match still shows its pages, but not as "the answer": it counts for top-3
        # only, never for top-1.
        first = bool(pages) and pages[0] in question.pages and not weak
        score.top1 += first
        in_three = bool(question.pages.intersection(pages[:3]))
        score.top3 += in_three
        if misses is not None and not first:
            kind = "not first" if in_three else "not in top 3"
            misses.append(f"{kind}: {question.locale} {question.query!r}: wanted "
                          f"{sorted(question.pages)}, got {pages[:3]}{' (weak)' if weak else ''}")
    return scores
