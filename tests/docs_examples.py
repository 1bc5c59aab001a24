"""The examples in docs/content.md, read the way a person reads them, for the tests that load them
(tests/test_docs_examples.py) and follow the recipes (tests/test_recipes.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

DOCS = ROOT / "docs" / "content.md"
# A recipe's fragment names the file and the place it goes in its first line.
RECIPE = re.compile(r"^# (?P<file>content/\S+\.yaml), under (?P<under>.+?):?$")


@dataclass(frozen=True)
class Block:
    language: str  # what follows the ``` ("yaml", or "" for commands and output)
    text: str  # as written, without the indentation of the list item it sits in
    line: int  # where the block starts in docs/content.md

    @property
    def recipe(self) -> re.Match[str] | None:
        first = self.text.split("\n", 1)[0]
        return RECIPE.match(first)

    @property
    def fragment(self) -> str:
        """A recipe block without its first line (which says where it goes)."""
        return self.text.split("\n", 1)[1]


def blocks(path: Path = DOCS) -> list[Block]:
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = re.match(r"^(\s*)```(\w*)\s*$", lines[index])
        if opening is None:
            index += 1
            continue
        indent, language = opening[1], opening[2]
        body: list[str] = []
        index += 1
        while not re.match(rf"^{indent}```\s*$", lines[index]):
            line = lines[index]
            assert not line.strip() or line.startswith(indent), (path, index + 1)
            body.append(line[len(indent):])
            index += 1
        found.append(Block(language, "\n".join(body) + "\n", index - len(body)))
        index += 1
    return found


def recipe_block(file: str, under: str) -> str:
    """The fragment the docs say to put in ``file`` under ``under``."""
    for block in blocks():
        match = block.recipe
        if match and match["file"] == file and match["under"] == under:
            return block.fragment
    raise AssertionError(f"docs/content.md has no block for {file} under {under}")


def inline_code(path: Path = DOCS) -> list[str]:
    """Every `code span` outside the fenced blocks."""
    text = re.sub(r"^\s*```\w*\s*\n.*?^\s*```\s*$", "", path.read_text(encoding="utf-8"),
                  flags=re.MULTILINE | re.DOTALL)
    return re.findall(r"`([^`\n]+)`", text)
