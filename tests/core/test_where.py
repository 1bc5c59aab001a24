"""`python -m bot where PAGE`: the files and lines of a page, even when another file is broken."""

from __future__ import annotations

import io
from pathlib import Path

from bot.editorial.where import find_page, print_where
from tests.conftest import STRUCTURE, TreeBuilder


def where(root: Path, page: str) -> tuple[int, str]:
    out = io.StringIO()
    code = print_where(root / "content", page, out)
    return code, out.getvalue()


def test_a_page_its_texts_and_the_buttons_to_it(make_tree: TreeBuilder) -> None:
    root = make_tree()
    places = [(p.file, p.line) for p in find_page(root / "content", "selfcheck_ok").places]
    assert places[0] == ("content/pages/main.yaml", 27)
    assert ("content/pages/main.yaml", 23) in places  # the button on selfcheck
    assert {file for file, _ in places} >= {f"content/text/{locale}/main.yaml"
                                           for locale in ("en", "zh-Hans", "zh-Hant")}


def test_an_old_id_a_title_and_a_typo(make_tree: TreeBuilder) -> None:
    root = make_tree(structure=STRUCTURE.replace("  - id: long_page\n",
                                                 "  - id: long_page\n    aliases: [old_long]\n"))
    code, said = where(root, "old_long")
    assert code == 0 and "old id of page 'long_page'" in said
    code, said = where(root, "keep an EYE on it")  # a title, in any case
    assert code == 0 and said.startswith("'keep an EYE on it' is on page 'selfcheck_ok'.")
    code, said = where(root, "bladdr")
    assert code == 1 and "Did you mean: bladder" in said


def test_a_broken_file_is_named_and_the_others_still_answer(make_tree: TreeBuilder) -> None:
    root = make_tree(texts={"zh-Hant": "pages:\n  home:\n\ttitle: x\n"})
    code, said = where(root, "bladder")
    assert code == 0
    assert said.startswith("note: content/text/zh-Hant/main.yaml cannot be read")
    assert "content/text/zh-Hans/main.yaml" in said


def test_where_says_a_page_is_a_draft(make_tree: TreeBuilder) -> None:
    root = make_tree(structure=STRUCTURE.replace("  - id: long_page\n",
                                                 "  - id: long_page\n    status: draft\n"))
    code, said = where(root, "long_page")
    assert code == 0
    structure = said.splitlines()[1]
    assert "structure" in structure and "a draft: people never see it" in structure
    code, said = where(root, "selfcheck_ok")
    assert "draft" not in said
