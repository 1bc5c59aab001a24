"""Property-based: whatever an editor types into a content file, loading either works or fails
with ContentError listing problems with file and line — never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import ContentError, Problem
from bot.core.navigation import Navigator
from tests.conftest import ROOT, STRUCTURE, english_text

ENGLISH = yaml.safe_dump({"pages": english_text(), "snippets": {"see_doctor": "See a doctor."}},
                         allow_unicode=True, sort_keys=False)
SOURCES = "sources:\n  S1: {title: A source, url: 'https://example.org'}\n"


def load_with(structure: str, english: str | bytes) -> list[Problem]:
    """Load a tree with these two files; the problems found (none if it loaded)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content" / "pages").mkdir(parents=True)
        (root / "content" / "pages" / "main.yaml").write_text(structure, encoding="utf-8")
        (root / "content" / "text" / "en").mkdir(parents=True)
        english_file = root / "content" / "text" / "en" / "main.yaml"
        if isinstance(english, bytes):
            english_file.write_bytes(english)
        else:
            english_file.write_text(english, encoding="utf-8")
        (root / "content" / "sources.yaml").write_text(SOURCES, encoding="utf-8")
        shutil.copytree(ROOT / "locales", root / "locales")
        try:
            navigator = Navigator.load(root / "content", root / "locales")
        except ContentError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file.startswith(("content/", "locales/")), problem
                assert problem.message
            return exc.problems
        for page_id in navigator.content.pages:  # whatever loaded renders, in every language
            for locale in ("en", "zh-Hans", "zh-Hant"):
                assert navigator.page(page_id, locale) is not None
        return []


def mutate(text: str, data: st.DataObject) -> str:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    insert = data.draw(st.one_of(
        st.text(max_size=12),
        st.sampled_from(["\t", ": ", "- ", "[", "]", "{", "}", "{%", "%}", "{{", "'", '"', "&",
                         "<br>", "\n  ", "!!python/object:os.system", "*a", "&a", "---\n",
                         "~", "null", "yes", "1e400", "\x00", "\ufeff"])))
    return text[:start] + insert + text[end:]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_structure_never_crashes_the_loader(data: st.DataObject) -> None:
    load_with(mutate(STRUCTURE, data), ENGLISH)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_text_never_crashes_the_loader(data: st.DataObject) -> None:
    load_with(STRUCTURE, mutate(ENGLISH, data))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_binary_garbage_is_a_clear_error(garbage: bytes) -> None:
    """The bytes themselves are the text file: bytes that are not UTF-8 are one clear problem
    naming that file, never a traceback."""
    problems = load_with(STRUCTURE, garbage)
    try:
        garbage.decode("utf-8")
    except UnicodeDecodeError:
        assert any(p.file == "content/text/en/main.yaml" for p in problems), problems
    else:
        assert problems  # valid UTF-8 but not the pages: still a problem, with a file


def test_a_file_that_is_not_utf8_says_so() -> None:
    problems = load_with(STRUCTURE, ENGLISH.encode("utf-8") + b"\n# caf\xe9\n")
    assert any(p.file == "content/text/en/main.yaml" and p.line == 1 and "UTF-8" in p.message
               for p in problems), problems
