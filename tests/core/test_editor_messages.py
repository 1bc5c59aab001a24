"""Problems in an editor's words: the page by its id, what to write instead, the file to open,
whether it is an error or a warning. Each test makes the mistake a new editor makes."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from bot.checking.check import check_content
from bot.cli import main, run_check
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.problems import ContentError, Problem
from bot.telegram.callbacks import encode_action
from tests.conftest import ROOT, STRUCTURE, TreeBuilder, english_text, translated


def problems(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(root / "content", root / "locales")
    return caught.value.problems


def test_a_page_is_named_by_its_id_not_its_position(make_tree: TreeBuilder) -> None:
    root = make_tree(structure=STRUCTURE.replace("    reviewed: 2026-11-01\n",
                                                 "    reviewed: 2026-11-01\n    columns: 7\n"))
    assert [str(p) for p in problems(root)] == [
        "content/pages/main.yaml:14: page 'bladder', columns: 7 is too big; use at most 3"]


def test_yes_and_no_without_quotes_say_to_quote_them(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace('label: "yes"', "label: yes")
    found = problems(make_tree(structure=structure))
    assert [(p.line, p.message) for p in found] == [
        (22, "page 'selfcheck', button 1, label: YAML reads yes, no, on, off, true and false "
             'without quotes as true or false; write yes and no in quotes, like "yes" and "no"')]


def test_a_mapping_of_yes_and_no_labels_is_one_problem(make_tree: TreeBuilder) -> None:
    english = yaml.safe_dump({"pages": english_text(), "snippets": {"see_doctor": "x"}},
                             sort_keys=False)
    english = english.replace("  selfcheck:\n", "  selfcheck:\n    labels: {yes: Yes, no: No}\n")
    found = problems(make_tree(texts={"en": english}))
    assert len(found) == 1, found
    assert found[0].file == "content/text/en/main.yaml"
    assert found[0].message.startswith("the text of page 'selfcheck', labels: YAML reads yes")
    assert "write yes and no in quotes" in found[0].message


@pytest.mark.parametrize("written", ["01/12/2026", "2026-13-01", "1 Dec 2026", "2026-12-1"])
def test_a_date_written_another_way_says_how_to_write_it(make_tree: TreeBuilder,
                                                         written: str) -> None:
    structure = STRUCTURE.replace("reviewed: 2026-11-01", f"reviewed: {written}")
    found = problems(make_tree(structure=structure))
    assert [(p.line, p.message) for p in found] == [
        (13, "page 'bladder', reviewed: write dates as YYYY-MM-DD, for example 2026-12-01 for "
             f"1 December 2026 ('{written}' is not a date written that way)")]


def test_an_unknown_field_is_named(make_tree: TreeBuilder) -> None:
    found = problems(make_tree(structure=STRUCTURE.replace("columns: 2", "colums: 2")))
    assert [p.message for p in found] == [
        "page 'home', colums: unknown field 'colums'; check its spelling (the fields are "
        "listed in docs/content.md)"]


def test_a_missing_translation_names_the_file_to_add_it_to(make_tree: TreeBuilder) -> None:
    hans = translated("简 ")
    del hans["selfcheck_ok"]
    builder = ScreenBuilder.load(*(make_tree(texts={"zh-Hans": {"pages": hans}}) / name
                                 for name in ("content", "locales")))
    report = check_content(builder, encode_action=encode_action)
    assert [p.message for p in report.problems if "has no zh-Hans text" in p.message] == [
        "page 'selfcheck_ok' has no zh-Hans text (English is shown instead); add it to "
        "content/text/zh-Hans/main.yaml"]


def test_a_missing_english_text_names_the_file_to_add_it_to(make_tree: TreeBuilder) -> None:
    english = english_text()
    del english["selfcheck_ok"]
    found = problems(make_tree(texts={"en": {"pages": english}}))
    assert [p.message for p in found] == [
        "page 'selfcheck_ok' has no English text; add it to content/text/en/main.yaml"]


def test_check_labels_every_line_as_an_error_or_a_warning(builder: ScreenBuilder) -> None:
    out = io.StringIO()
    run_check(builder, out)
    listed = [line for line in out.getvalue().splitlines() if line.startswith("content/")]
    assert listed, "the small tree has warnings (pages with nowhere to go)"
    assert all(": warning: " in line or ": error: " in line for line in listed), listed


def test_check_on_content_that_cannot_load_speaks_of_checking(
        make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(structure=STRUCTURE.replace("columns: 2", "colums: 2"))
    monkeypatch.setenv("CONTENT_DIR", str(root / "content"))
    monkeypatch.setenv("LOCALES_DIR", str(root / "locales"))
    monkeypatch.setenv("DATABASE_PATH", str(root / "data" / "counts.sqlite3"))
    assert main(["check"]) == 1
    said = capsys.readouterr().err
    assert "nothing was started" not in said
    assert said.splitlines()[0] == ("The content cannot be loaded because of these 1 error(s); "
                                    "fix them and run check again:")
    assert said.splitlines()[1].startswith("  content/pages/main.yaml:4: error: page 'home', ")


def test_check_on_crisis_rules_that_cannot_load_does_not_speak_of_zero_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Eighth session: a group written twice in crisis/signals/zh.yaml stopped the content
    loading, and check said "because of these 0 error(s)" above the one error it listed."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content,
                    ignore=shutil.ignore_patterns("measure", "records"))
    signals = content / "crisis" / "signals" / "zh.yaml"
    text = signals.read_text(encoding="utf-8")
    signals.write_text(text.replace("groups:\n", "groups:\n  neg: [不]\n", 1), encoding="utf-8")
    monkeypatch.setenv("CONTENT_DIR", str(content))
    monkeypatch.setenv("LOCALES_DIR", str(ROOT / "locales"))
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "counts.sqlite3"))
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "0 error(s)" not in captured.err + captured.out
    assert captured.err.splitlines()[0] == ("The content cannot be loaded because of the "
                                            "error(s) listed below; fix them and run check "
                                            "again:")
    assert "content/crisis/signals/zh.yaml" in captured.out
    assert "'neg' is written twice" in captured.out
