"""How the crisis answers do on the measuring set in ``content/crisis/measure/``: route recall,
offer recall and false alarms per language. The set was split once into a tuning half (rules
may be tuned on it) and a held-out half (never tuned on; tests hold floors on it, the README
reports it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.conversation.crisis import CrisisMatch, CrisisOffer, assess

MEASURE_DIR = Path(__file__).resolve().parents[2] / "content" / "crisis" / "measure"
LANGS = ("en", "zh-Hans", "zh-Hant")


@dataclass(frozen=True)
class Row:
    text: str
    lang: str
    expect: str  # route | offer | none
    kind: str | None
    source: str


@dataclass
class Score:
    """Counts for one language. Route recall: route rows routed. Caught: crisis rows (route or
    offer) answered with a route or an offer. Ordinary rows: how many were routed or offered."""

    route_rows: int = 0
    routed: int = 0
    crisis_rows: int = 0
    caught: int = 0
    offer_rows: int = 0
    offer_caught: int = 0
    ordinary_rows: int = 0
    false_routes: int = 0
    false_offers: int = 0

    def line(self, lang: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"
        return (f"| {lang} | {pct(self.routed, self.route_rows)} | "
                f"{pct(self.offer_caught, self.offer_rows)} | "
                f"{pct(self.caught, self.crisis_rows)} | "
                f"{pct(self.false_routes, self.ordinary_rows)} | "
                f"{pct(self.false_offers, self.ordinary_rows)} |")


def read_rows(half: str) -> list[Row]:
    data = yaml.safe_load((MEASURE_DIR / f"{half}.yaml").read_text(encoding="utf-8"))
    return [Row(r["text"], r["lang"], r["expect"], r.get("kind"), r["source"]) for r in data]


def measure(rows: Iterable[Row],
            judge: Callable[[str], CrisisMatch | CrisisOffer | None] = assess,
            ) -> dict[str, Score]:
    scores = {lang: Score() for lang in LANGS}
    for row in rows:
        score = scores[row.lang]
        answer = judge(row.text)
        if row.expect == "none":
            score.ordinary_rows += 1
            score.false_routes += isinstance(answer, CrisisMatch)
            score.false_offers += isinstance(answer, CrisisOffer)
            continue
        score.crisis_rows += 1
        score.caught += answer is not None
        if row.expect == "route":
            score.route_rows += 1
            score.routed += isinstance(answer, CrisisMatch)
        else:
            score.offer_rows += 1
            score.offer_caught += answer is not None
    return scores


def table(scores: dict[str, Score]) -> str:
    head = ("| language | route recall | offer rows answered (route or offer) | all crisis rows "
            "answered | ordinary rows routed | ordinary rows offered |\n|---|---|---|---|---|---|")
    return "\n".join([head, *(scores[lang].line(lang) for lang in LANGS)])


def misses(rows: Iterable[Row]) -> list[str]:
    """Rows answered wrongly, for tuning (never run this on the held-out half while tuning)."""
    out = []
    for row in rows:
        answer = assess(row.text)
        if row.expect == "none" and answer is not None:
            out.append(f"FALSE {type(answer).__name__} {row.lang}: {row.text}")
        elif row.expect == "route" and not isinstance(answer, CrisisMatch):
            out.append(f"NOT ROUTED ({type(answer).__name__}) {row.lang}: {row.text}")
        elif row.expect == "offer" and answer is None:
            out.append(f"MISSED {row.lang}: {row.text}")
        elif (row.expect != "none" and isinstance(answer, CrisisOffer) and row.kind
              and answer.kinds[0] != row.kind):
            out.append(f"FIRST BUTTON {answer.kinds[0]} not {row.kind} {row.lang}: {row.text}")
    return out
