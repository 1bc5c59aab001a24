"""Every problem an editor is shown carries a line to open (issue #12)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.checking.check import check_content
from bot.cli import main
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.problems import ContentError, Problem
from bot.telegram.callbacks import encode_action
from tests.conftest import STRUCTURE, TreeBuilder, english_text, translated


def test_a_missing_ui_string_points_where_it_belongs(site: Path) -> None:
    path = site / "locales" / "zh-Hant.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    removed = next(i for i, line in enumerate(lines) if line.startswith("back:"))
    previous = lines[removed - 1].split(":")[0]
    del lines[removed]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check_content(ScreenBuilder.load(site / "content", site / "locales"))
    [problem] = [p for p in report.problems if "UI string 'back'" in p.message]
    assert problem.file == "locales/zh-Hant.yaml"
    assert problem.line == removed + 1  # the line 'back' was on, after its English neighbour
    assert f"add it after '{previous}'" in problem.message


def test_a_region_naming_a_missing_page_points_at_that_line(make_tree: TreeBuilder) -> None:
    services = """\
        regions:
          hk:
            name: {en: Hong Kong}
            emergency: "999"
            countries: [HK]
            page: no_such_page
        services: []
        """
    site = make_tree(extra_files={"content/services.yaml": services})
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(site / "content", site / "locales")
    found = [p for p in caught.value.problems if "no_such_page" in p.message]
    assert len(found) == 1, caught.value.problems
    problem = found[0]
    assert (problem.file, problem.line) == ("content/services.yaml", 6)


# -- each problem about one item of a page points at that item's line -------------------------

def _line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of ``text`` holding ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[nth - 1]


def _load_problems(root: Path, words: str) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(root / "content", root / "locales")
    return [p for p in caught.value.problems if words in p.message]


def _check_problems(root: Path, words: str) -> list[Problem]:
    report = check_content(ScreenBuilder.load(root / "content", root / "locales", drafts=True),
                           encode_action=encode_action)
    return [p for p in report.problems if words in p.message]


def test_a_button_to_a_missing_page_points_at_the_button(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace('- {to: selfcheck_ok, label: "no"}',
                                  '- {to: nowhere, label: "no"}')
    [problem] = _load_problems(make_tree(structure=structure), "links to 'nowhere'")
    assert (problem.file, problem.line) == ("content/pages/main.yaml",
                                            _line_of(structure, "to: nowhere"))
    assert problem.line != _line_of(structure, "id: selfcheck")


def test_a_child_that_is_not_a_page_points_at_the_child(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("    children: [bladder_signs, selfcheck]\n",
                                  "    children:\n      - bladder_signs\n      - selfcheck\n"
                                  "      - no_such_child\n")
    [problem] = _load_problems(make_tree(structure=structure), "'no_such_child'")
    assert problem.line == _line_of(structure, "- no_such_child")


def test_an_unknown_source_points_at_the_source_id(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("  - id: emergency\n    emergency_button: false\n"
                                  "    sources: [S1]\n",
                                  "  - id: emergency\n    emergency_button: false\n"
                                  "    sources:\n      - S1\n      - S9\n")
    [problem] = _load_problems(make_tree(structure=structure), "source 'S9'")
    assert problem.line == _line_of(structure, "- S9")


def test_an_alias_that_is_a_page_id_points_at_the_alias(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("    outcome: watch\n",
                                  "    outcome: watch\n    aliases:\n      - old_ok\n"
                                  "      - bladder\n")
    [problem] = _load_problems(make_tree(structure=structure), "alias 'bladder'")
    assert problem.line == _line_of(structure, "- bladder")


def test_an_alias_given_twice_points_at_the_second(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("    outcome: urgent\n", "    outcome: urgent\n"
                                                        "    aliases: [old_page]\n")
    structure = structure.replace("    outcome: watch\n", "    outcome: watch\n"
                                                       "    aliases: [old_page]\n")
    [problem] = _load_problems(make_tree(structure=structure), "already an alias")
    assert problem.line == _line_of(structure, "aliases: [old_page]", nth=2)


def test_a_bad_outcome_points_at_the_outcome(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("outcome: watch", "outcome: Keep-Watching")
    [problem] = _load_problems(make_tree(structure=structure), "Keep-Watching")
    assert problem.line == _line_of(structure, "outcome: Keep-Watching")


def test_a_button_label_with_no_text_points_at_the_label(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace('      - {to: selfcheck_ok, label: "no"}\n',
                                  "      - to: selfcheck_ok\n        label: maybe_not\n")
    [problem] = _check_problems(make_tree(structure=structure), "label 'maybe_not'")
    assert problem.line == _line_of(structure, "label: maybe_not")


def test_a_website_button_with_no_label_points_at_that_button(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace(
        '      - {id: info_site, url: "https://example.org/info"}\n',
        '      - {id: info_site, url: "https://example.org/info"}\n'
        '      - {id: other_site, url: "https://example.org/other"}\n')
    [problem] = _check_problems(make_tree(structure=structure), "'other_site'")
    assert problem.line == _line_of(structure, "other_site")


def test_a_button_to_a_draft_points_at_the_button(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("  - id: long_page\n", "  - id: long_page\n    status: draft\n")
    structure = structure.replace("children: [emergency, bladder, long_page, language]",
                                  "children:\n      - emergency\n      - bladder\n"
                                  "      - long_page\n      - language")
    [problem] = _check_problems(make_tree(structure=structure), "which is a draft")
    assert problem.line == _line_of(structure, "- long_page")


def test_a_service_citing_an_unknown_source_points_at_the_source(
        make_tree: TreeBuilder) -> None:
    services = """\
        regions:
          hk:
            name: {en: Hong Kong}
            emergency: "999"
            countries: [HK]
        services:
          - id: line_one
            region: hk
            name: {en: Line one}
            offers: {en: Talk}
            verified: 2026-11-01
            sources:
              - S1
              - S7
        """
    [problem] = _load_problems(make_tree(extra_files={"content/services.yaml": services}),
                               "'S7'")
    assert (problem.file, problem.line) == ("content/services.yaml", 14)


# -- markup in a body points at the body's line, and inside a '|' block at the tag's line -----

def _english_with(page_id: str, body_yaml: str) -> str:
    """English text whose page ``page_id`` has the body written exactly as ``body_yaml``."""
    pages = english_text()
    title = pages.pop(page_id)["title"]
    return (yaml.safe_dump({"pages": pages}, allow_unicode=True, sort_keys=False)
            + f"  {page_id}:\n    title: {title}\n    body: {body_yaml}\n"
            + yaml.safe_dump({"snippets": {"see_doctor": "See a doctor if it hurts."}}))


def test_a_br_in_a_block_body_points_at_its_line(make_tree: TreeBuilder) -> None:
    english = _english_with("selfcheck", "|\n      Is there blood\n      in your pee?<br>\n"
                                         "      Look closely.")
    [problem] = _check_problems(make_tree(texts={"en": english}), "no <br>")
    assert (problem.file, problem.line) == ("content/text/en/main.yaml",
                                            _line_of(english, "<br>"))


def test_an_unclosed_tag_in_a_block_body_points_where_it_opens(make_tree: TreeBuilder) -> None:
    english = _english_with("selfcheck", "|\n      Is there blood?\n\n\n\n      <b>Look "
                                         "closely.\n      Then decide.")
    [problem] = _check_problems(make_tree(texts={"en": english}), "never closed")
    assert problem.line == _line_of(english, "<b>Look")


def test_markup_in_a_template_body_points_at_the_tag_as_written(make_tree: TreeBuilder) -> None:
    english = _english_with("bladder", "|\n      {% include 'see_doctor' %}\n      More.\n"
                                       "      <p>Then this.")
    [problem] = _check_problems(make_tree(texts={"en": english}), "no <p>")
    assert problem.line == _line_of(english, "<p>Then")


def test_markup_in_a_one_line_body_points_at_the_body(make_tree: TreeBuilder) -> None:
    english = _english_with("selfcheck", "'Is there blood?<br>Look.'")
    [problem] = _check_problems(make_tree(texts={"en": english}), "no <br>")
    assert problem.line == _line_of(english, "<br>Look")


# -- one pass of check: the load errors and what the other rules find in the rest -------------

def _run_check(root: Path, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    monkeypatch.setenv("CONTENT_DIR", str(root / "content"))
    monkeypatch.setenv("LOCALES_DIR", str(root / "locales"))
    monkeypatch.setenv("DATABASE_PATH", str(root / "data" / "counts.sqlite3"))
    code = main(["check"])
    said = capsys.readouterr()
    return code, [line.strip() for line in (said.err + said.out).splitlines()]


def test_check_lists_load_errors_and_markup_problems_in_one_pass(
        make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    english = _english_with("selfcheck", "|\n      Is there blood\n      in your pee?<br>")
    hans = yaml.safe_dump({"pages": translated("简 ")}, allow_unicode=True, sort_keys=False)
    hans = hans.replace("    title: 简 Bladder\n", "    title: 简 Bladder: signs\n")  # ': ' in text
    code, lines = _run_check(make_tree(texts={"en": english, "zh-Hans": hans}),
                             monkeypatch, capsys)
    assert code == 1
    hans_line = _line_of(hans, "简 Bladder: signs")
    assert any(line.startswith(f"content/text/zh-Hans/main.yaml:{hans_line}: error: a ':'")
               for line in lines), lines
    br = [line for line in lines if "no <br>" in line]
    assert br == [f"content/text/en/main.yaml:{_line_of(english, '<br>')}: error: 'selfcheck': "
                  "Telegram has no <br>; start a new line instead"]
    # Nothing that only repeats the broken file: no "has no zh-Hans text" for its pages.
    assert not [line for line in lines if "zh-Hans text" in line], lines
    assert sum(": error: " in line for line in lines) == 2, lines


def test_a_broken_page_hides_nothing_else_and_adds_no_follow_on_errors(
        make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # 'bladder' cannot be loaded: its children are not reachable, but that is not said; a
    # <br> in another page is.
    structure = STRUCTURE.replace("    reviewed: 2026-11-01\n", "    reviewed: 2026-11-01\n"
                                                              "    colour: red\n")
    english = _english_with("emergency", "|\n      Call <b>999</b> now.<br>")
    code, lines = _run_check(make_tree(structure=structure, texts={"en": english}),
                             monkeypatch, capsys)
    assert code == 1
    errors = [line for line in lines if ": error: " in line]
    assert errors == [
        f"content/pages/main.yaml:{_line_of(structure, 'colour')}: error: page 'bladder', "
        "colour: unknown field 'colour'; check its spelling (the fields are listed in "
        "docs/content.md)",
        f"content/text/en/main.yaml:{_line_of(english, '<br>')}: error: 'emergency': Telegram "
        "has no <br>; start a new line instead"], lines
    assert not [line for line in lines if "cannot be reached" in line
                or "'home' ends with nowhere" in line], lines


def test_the_bot_still_refuses_content_with_load_errors(make_tree: TreeBuilder) -> None:
    hans = yaml.safe_dump({"pages": translated("简 ")}, allow_unicode=True, sort_keys=False)
    root = make_tree(texts={"zh-Hans": hans.replace("    title: 简 Bladder\n",
                                                    "    title: \"简 Bladder\n")})
    with pytest.raises(ContentError):
        ScreenBuilder.load(root / "content", root / "locales")


def test_a_title_of_typo_deep_in_a_block_body_points_at_its_line(tmp_path: Path) -> None:
    """Issue #26: a title_of("bladder_doctr") typo several lines into a body is reported at its
    own line, not at the body's first line."""
    import shutil

    from tests.conftest import ROOT

    site = tmp_path
    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, site / folder)
    path = site / "content" / "text" / "en" / "bladder.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  bladder_help:\n")
    body = text.index("    body: |\n", start) + len("    body: |\n")
    lines = text[body:].splitlines(keepends=True)
    # the fifth line of the body gets the typo
    fifth = lines[4]
    assert fifth.startswith("      ") and fifth.strip(), fifth
    typo = fifth.rstrip("\n") + ' {{ title_of("bladder_doctr") }}\n'
    path.write_text(text[:body] + "".join(lines[:4]) + typo + "".join(lines[5:]),
                    encoding="utf-8")
    expected = text[:body].count("\n") + 5
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(site / "content", site / "locales")
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("content/text/en/bladder.yaml", expected)
    assert "no page 'bladder_doctr'" in problem.message
