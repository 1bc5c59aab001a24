"""The adapters (Telegram, terminal) talk only to the :class:`Guide`, never past it: what they
need from the content or the counts is a Guide method or an injected service, so the core can
change its insides without an adapter noticing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADAPTERS = sorted([*(ROOT / "bot" / "telegram").glob("*.py"), ROOT / "bot" / "terminal.py"])
# Reaching through: the Guide's own parts, the content model, the counts store behind a flusher.
THROUGH = re.compile(r"\bguide\.(builder|tally|preferences)\b|\bbuilder\.(content|ui)\b"
                     r"|\bflusher\.store\b|\.ui\.get\b")
# Core modules an adapter must reach through the Guide instead.
CORE_INSIDES = {"bot.conversation.crisis"}


def reaches(path: Path) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and THROUGH.search(ast.unparse(node)):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module in CORE_INSIDES:
            found.append(f"{path.name}:{node.lineno}: from {node.module} import ...")
    return sorted(set(found))


def test_adapters_do_not_reach_through_the_guide() -> None:
    assert [p.name for p in ADAPTERS if p.name == "handlers.py"], "adapters moved: update"
    assert [hit for path in ADAPTERS for hit in reaches(path)] == []


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from bot.conversation.crisis import detect_crisis\n"
                      "x = guide.builder.ui.get('en', 'k')\ny = flusher.store.query()\n",
                      encoding="utf-8")
    hits = reaches(sample)
    assert any("bot.conversation.crisis" in h for h in hits)
    assert any("guide.builder" in h for h in hits)
    assert any("flusher.store" in h for h in hits)
