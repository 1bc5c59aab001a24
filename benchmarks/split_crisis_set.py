"""Split the crisis measuring set ONCE into a tuning half and a held-out half (run 2026-12-06).

Each message goes by the SHA-256 of its language and text: even first byte -> held out. The two
halves are committed in content/crisis/measure/; this script refuses to write over them, so the
split cannot be redrawn after looking at results. Rules are tuned on the tuning half only.

    python benchmarks/split_crisis_set.py DRAFT_DIR
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "content" / "crisis" / "measure"


def held_out(lang: str, text: str) -> bool:
    return hashlib.sha256(f"{lang}\n{text}".encode()).digest()[0] % 2 == 0


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
    sys.exit(main(Path(sys.argv[1])))
