"""Split the blind written question set ONCE into a tuning half and a held-out half (run
2026-12-06), into tests/data/written_questions.yaml.

The questions were written by a tester who read only the page list, the content brief and the
pages' text (no keywords, vocabulary, search code or tests), to sound like what people type;
labelled with every page a harm-reduction worker would accept before any search was run. Each
question goes by the SHA-256 of its language and text: an even first byte -> held out. This
script refuses to write over the file, so the split cannot be redrawn after looking at results.

    python benchmarks/split_written_questions.py BLIND_QUESTIONS.yaml
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "written_questions.yaml"

HEADER = """\
# Questions written by an independent tester (issue #23's "written questions"), split once.
#
# Written on 2026-12-06 by someone who had read only the page list (titles and summaries),
# the content brief and the pages' text with their keyword lines left out: never the search
# code, the vocabulary, the tests or any earlier question set. Written as people type in a
# chat (slang, typos, stories, clauses that rule something out), in English, mainland
# Mandarin, Hong Kong written Cantonese (variety: hk) and Taiwanese Mandarin (variety: tw).
# Each question's `pages` are every page a harm-reduction worker would accept, labelled before
# any search was run; `pages: []`: no page answers it, the honest reply is a weak match.
#
# Split ONCE by benchmarks/split_written_questions.py (SHA-256 of language and text, even
# first byte: held out). Tune only on `half: tune`; the held-out half is reported as it
# comes out. Never move a question between halves.
"""


def held_out(lang: str, text: str) -> bool:
    return hashlib.sha256(f"{lang}\n{text}".encode()).digest()[0] % 2 == 0


def _rows(path: Path, batch: int | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
        # The first tester's file says query/locale; later ones q/lang, as the data file does.
        query, lang = item.get("query", item.get("q")), item.get("locale", item.get("lang"))
        row: dict[str, object] = {"q": query, "lang": lang, "pages": list(item["pages"]),
                                  "half": "held" if held_out(lang, query) else "tune"}
        if item.get("variety"):
            row["variety"] = item["variety"]
        if batch is not None:
            row["batch"] = batch
        rows.append(row)
    return rows


def _dump(rows: list[dict[str, object]]) -> str:
    return yaml.safe_dump({"questions": rows}, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--batch", type=int, help="append a later tester's set as this batch")
    args = parser.parse_args(argv)
    if args.batch is None:
        if OUT.exists():
            print(f"{OUT} exists: the split is made once; a later set is --batch N",
                  file=sys.stderr)
            return 1
        rows = _rows(args.questions, None)
        OUT.write_text(HEADER + _dump(rows), encoding="utf-8")
    else:
        old = yaml.safe_load(OUT.read_text(encoding="utf-8"))["questions"]
        if args.batch < 2 or any(int(q.get("batch", 1)) == args.batch for q in old):
            print(f"batch {args.batch} is taken: each set is split once", file=sys.stderr)
            return 1
        seen = {(q["lang"], q["q"]) for q in old}
        given = _rows(args.questions, args.batch)
        rows = [row for row in given if (row["lang"], row["q"]) not in seen]
        if len(rows) < len(given):
            print(f"{len(given) - len(rows)} already in the set, left out")
        if len(rows) != len({(row["lang"], row["q"]) for row in rows}):
            print("a question is in the set twice", file=sys.stderr)
            return 1
        body = _dump(rows).split("\n", 1)[1]  # the rows, without the "questions:" line
        text = OUT.read_text(encoding="utf-8").rstrip("\n") + "\n" + body
        yaml.safe_load(text)
        OUT.write_text(text, encoding="utf-8")
    print(f"{len(rows)} questions: {sum(r['half'] == 'held' for r in rows)} held out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
