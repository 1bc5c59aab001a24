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


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    if OUT.exists():
        print(f"{OUT} exists: the split is made once", file=sys.stderr)
        return 1
    rows = []
    for item in yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8"))["questions"]:
        row = {"q": item["query"], "lang": item["locale"], "pages": list(item["pages"]),
               "half": "held" if held_out(item["locale"], item["query"]) else "tune"}
        if item.get("variety"):
            row["variety"] = item["variety"]
        rows.append(row)
    body = yaml.safe_dump({"questions": rows}, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=None)
    OUT.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} questions: {sum(r['half'] == 'held' for r in rows)} held out")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
