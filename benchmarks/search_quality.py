"""How well and how fast typed-question search answers the questions real people posted.

    python benchmarks/search_quality.py [--half tune|held|both] [--misses] [--json] [--written]

Reads tests/data/real_questions.yaml (see its header for where the questions come from and how
the halves were split), searches each one as the bot does, and prints top-1 and top-3 per
language and half, then the time per question (median and worst of 5 rounds). A weak match
counts for top-3 only. Tune on the tuning half (`--half tune --misses`); the held-out half is
for reporting, as it comes out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.conversation.screen_builder import ScreenBuilder  # noqa: E402
from bot.conversation.search import SearchIndex  # noqa: E402
from bot.model.model import LOCALES  # noqa: E402
from tests.core.real_questions import (  # noqa: E402
    DATA,
    WRITTEN,
    bot_answers,
    evaluate,
    load,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "held", "both"), default="both")
    parser.add_argument("--misses", action="store_true",
                        help="list the tuning-half questions missed")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--written", action="store_true",
                        help="the independent tester's written questions, not the posted ones")
    args = parser.parse_args(argv)
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    index: SearchIndex = builder.search_index
    questions = [q for q in load(WRITTEN if args.written else DATA)
                 if args.half in ("both", q.half)]

    # End to end, as the bot answers: a question read as a crisis shows the crisis page.
    searcher = bot_answers(builder)

    misses: list[str] = []
    # Misses are listed for the tuning half only: reading the held-out misses is tuning on them.
    scores = evaluate(questions, searcher, None)
    evaluate([q for q in questions if q.half == "tune"], searcher, misses)
    # Each question is timed 7 times; its time is the median of those (one run can be slowed
    # by the machine: 2 cores shared by several processes), and the worst question is reported.
    for question in questions:  # warm up: the first call of each kind pays for caches
        index.answer(question.query, question.locale)
    per_question: list[float] = []
    for question in questions:
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            index.answer(question.query, question.locale)
            runs.append(time.perf_counter() - start)
        per_question.append(statistics.median(runs))
    figures = {
        f"{locale} {half}": {"questions": s.total, "top1": s.top1, "top3": s.top3,
                             "no_page": s.no_page, "no_page_weak": s.no_page_weak}
        for (locale, half), s in sorted(scores.items())}
    timing = {"median_ms": statistics.median(per_question) * 1000,
              "worst_ms": max(per_question) * 1000}
    if args.json:
        print(json.dumps({"scores": figures, "time": timing}, indent=2))
        return 0
    for half in ("tune", "held"):
        for locale in LOCALES:
            score = scores.get((locale, half))
            if score is not None:
                extra = (f"; no page: {score.no_page_weak}/{score.no_page} answered weakly"
                         if score.no_page else "")
                print(f"{half:4} {locale:7} {score.line()}{extra}")
    print(f"time per question: median {timing['median_ms']:.3f} ms, "
          f"worst {timing['worst_ms']:.3f} ms")
    if args.misses:
        print("\n".join(["misses:", *misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
