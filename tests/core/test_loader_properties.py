"""Property-based: whatever an editor types into a content file, loading either works or fails
with ContentError listing problems with file and line — never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.screen_builder import ScreenBuilder
from bot.model.problems import ContentError, Problem
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
            builder = ScreenBuilder.load(root / "content", root / "locales")
        except ContentError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.file.startswith(("content/", "locales/")), problem
                assert problem.message
            return exc.problems
        for page_id in builder.content.pages:  # whatever loaded renders, in every language
            for locale in ("en", "zh-Hans", "zh-Hant"):
                assert builder.page(page_id, locale) is not None
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
    """One problem: that file, line 1, in plain words; nothing about the pages it holds."""
    problems = load_with(STRUCTURE, ENGLISH.encode("utf-8") + b"\n# caf\xe9\n")
    assert len(problems) == 1, problems
    assert (problems[0].file, problems[0].line) == ("content/text/en/main.yaml", 1)
    assert "not saved as UTF-8" in problems[0].message


class _BlockDumper(yaml.SafeDumper):
    """Text files as editors write them: bodies of several lines in '|' blocks."""


_BlockDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))
BLOCK_ENGLISH = yaml.dump({"pages": english_text(), "snippets": {"see_doctor": "See a doctor."}},
                          Dumper=_BlockDumper, allow_unicode=True, sort_keys=False)


def _line(text: str, needle: str, after: str) -> int:
    """The 1-based number of the first line that is ``needle`` after the line ``after``."""
    lines = text.splitlines()
    start = lines.index(after)
    return lines.index(needle, start) + 1


def _replace_line(text: str, number: int, new: str) -> str:
    lines = text.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


_SIGNS_BODY = _line(BLOCK_ENGLISH, "    body: |-", "  bladder_signs:")
INDENTATION_MISTAKES = {
    # what the editor did: (line, what the line becomes)
    "a tab before a field": (_SIGNS_BODY, "\tbody: |-"),
    "a field one space too far in": (_SIGNS_BODY - 1, "     title: Early signs"),
    "a field one space too few": (_SIGNS_BODY, "   body: |-"),
    "a line of a text block less indented than the block": (_SIGNS_BODY + 2, "     - Pain"),
    "a line of a text block indented with a tab": (_SIGNS_BODY + 2, "\t- Pain"),
    "a page one space too far in": (_SIGNS_BODY - 2, "   bladder_signs:"),
}


@pytest.mark.parametrize("mistake", INDENTATION_MISTAKES)
def test_an_indentation_mistake_in_a_text_file_is_one_problem_at_its_line(mistake: str) -> None:
    """Not one false "page X has no English text" per page, and not the line where YAML
    started the thing it was reading: the line where the indentation goes wrong."""
    assert load_with(STRUCTURE, BLOCK_ENGLISH) == []  # the file was fine before the mistake
    line, new = INDENTATION_MISTAKES[mistake]
    problems = load_with(STRUCTURE, _replace_line(BLOCK_ENGLISH, line, new))
    assert len(problems) == 1, problems
    assert (problems[0].file, problems[0].line) == ("content/text/en/main.yaml", line)
    assert "indent" in problems[0].message
    assert "YAML syntax" not in problems[0].message and "scanning" not in problems[0].message


def test_an_indentation_mistake_in_a_structure_file_is_one_problem_at_its_line() -> None:
    line = STRUCTURE.splitlines().index("    sources: [S1]") + 1
    for new in ("\tsources: [S1]", "   sources: [S1]", "     sources: [S1]"):
        problems = load_with(_replace_line(STRUCTURE, line, new), ENGLISH)
        assert [(p.file, p.line) for p in problems] == [("content/pages/main.yaml", line)], new
