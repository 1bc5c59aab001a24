"""Split the crisis measuring set ONCE into a tuning half and a held-out half (run 2026-12-06).

Each message goes by the SHA-256 of its language and text: even first byte -> held out. The two
halves are committed in content/crisis/measure/; this script refuses to write over them, so the
split cannot be redrawn after looking at results. Rules are tuned on the tuning half only.

    python benchmarks/split_crisis_set.py DRAFT_DIR
    python benchmarks/split_crisis_set.py --blind BLIND.yaml   (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind2 BLIND2.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind3 BLIND3.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind4 BLIND4.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind5 BLIND5.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind6 BLIND6.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind7 BLIND7.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind8 BLIND8.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind9 BLIND9.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind10 BLIND10.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind11 BLIND11.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind12 BLIND12.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind13 BLIND13.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind14 BLIND14.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind15 BLIND15.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind16 BLIND16.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind17 BLIND17.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind18 BLIND18.yaml (run 2026-12-06, once)
    python benchmarks/split_crisis_set.py --blind19 BLIND19.yaml (run 2026-12-07, once)
    python benchmarks/split_crisis_set.py --blind20 BLIND20.yaml (run 2026-12-07, once)
    python benchmarks/split_crisis_set.py --blind21 BLIND21.yaml (run 2026-12-07, once)

``--blind`` splits the second set, written afterwards by someone who never saw the phrase
lists, the examples, the first set or the detector's code (issue #22's "independent set"), by
the same rule into ``blind_tuning.yaml`` and ``blind_heldout.yaml``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "content" / "crisis" / "measure"


def held_out(lang: str, text: str) -> bool:
    return hashlib.sha256(f"{lang}\n{text}".encode()).digest()[0] % 2 == 0


# The blind writer's kinds, as the first button a message should get: body (the emergency page)
# or mind (the crisis lines).
BUTTON = {"emergency": "body", "urinary": "body", "body": "body",
          "suicide": "mind", "selfharm": "mind", "mind": "mind"}


def split_blind(path: Path, prefix: str = "blind") -> int:
    halves: dict[str, list[dict[str, str]]] = {f"{prefix}_tuning": [], f"{prefix}_heldout": []}
    for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
        crisis = message["label"] == "crisis"
        row = {"text": message["text"], "lang": message["lang"],
               "expect": message["expect"] if crisis else "none"}
        if crisis:
            row["kind"] = BUTTON[message["kind"]]
            row["written_as"] = message["kind"]
        if message.get("variety"):  # hk or tw, in the fourth set
            row["variety"] = message["variety"]
        row["source"] = str(message["source"])
        half = (f"{prefix}_heldout" if held_out(message["lang"], message["text"])
                else f"{prefix}_tuning")
        halves[half].append(row)
    for name, rows in halves.items():
        target = OUT / f"{name}.yaml"
        if target.exists():
            print(f"{target} exists: the split is made once", file=sys.stderr)
            return 1
        half = name.split("_")[1]
        header = (f"# Blind crisis set, {half} half ({len(rows)} messages), split once by "
                  "benchmarks/split_crisis_set.py --blind.\n"
                  "# Written on 2026-12-06 by a writer who never saw the phrase lists, examples, "
                  "the first set or the detector,\n# from public warning-sign and first-aid "
                  "pages (source: an id in content/crisis/sources.yaml or the page's URL).\n"
                  "# expect: route | offer | none; kind: what the first button should open "
                  "(mind: crisis lines, body: emergency page);\n# written_as: the writer's own "
                  "kind (emergency, urinary, body, suicide, selfharm, mind).\n")
        if name.endswith("_heldout"):
            header += "# HELD OUT: never tune the rules on these; tests hold floors on them.\n"
        target.write_text(header + yaml.safe_dump(rows, allow_unicode=True, sort_keys=False,
                                                  width=200), encoding="utf-8")
    return 0


def main(draft_dir: Path) -> int:
    halves: dict[str, list[dict[str, str]]] = {"tuning": [], "heldout": []}
    for path in sorted(draft_dir.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")):
            for text in group["messages"]:
                row = {"text": text, "lang": group["lang"], "expect": group["expect"]}
                if group.get("kind"):
                    row["kind"] = group["kind"]
                if group.get("variety"):
                    row["variety"] = group["variety"]
                row["source"] = group["source"]
                halves["heldout" if held_out(group["lang"], text) else "tuning"].append(row)
    for name, rows in halves.items():
        target = OUT / f"{name}.yaml"
        if target.exists():
            print(f"{target} exists: the split is made once", file=sys.stderr)
            return 1
        header = (f"# Crisis measuring set, {name} half ({len(rows)} messages), split once by "
                  "benchmarks/split_crisis_set.py.\n# expect: route | offer | none; kind: what "
                  "the first button opens (mind: crisis lines, body: emergency page).\n"
                  "# source: an id in content/crisis/sources.yaml.\n")
        if name == "heldout":
            header += "# HELD OUT: never tune the rules on these; tests hold floors on them.\n"
        target.write_text(header + yaml.safe_dump(rows, allow_unicode=True, sort_keys=False,
                                                  width=200), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--blind":
        sys.exit(split_blind(Path(sys.argv[2])))
    # later blind sets (docs/crisis.md): --blind2, --blind3, ... each split once; the halves
    # already written refuse to be written again
    if re.fullmatch(r"--blind[1-9][0-9]*", sys.argv[1]):
        sys.exit(split_blind(Path(sys.argv[2]), sys.argv[1][2:]))
    sys.exit(main(Path(sys.argv[1])))
