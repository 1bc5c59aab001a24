from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.model.loader import load_content
from bot.model.problems import ContentError
from tests.conftest import STRUCTURE, TreeBuilder, english_text


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        ScreenBuilder.load(root / "content", root / "locales")
    return [str(p) for p in info.value.problems]


def test_good_tree_loads_with_parents_and_fallback(site: Path) -> None:
    content = load_content(site / "content")
    assert content.parents["bladder_signs"] == "bladder"
    assert content.parents["selfcheck_urgent"] == "selfcheck"
    assert content.text("bladder", "zh-Hant").title == "繁 Bladder"


def test_missing_translation_falls_back_to_english(make_tree: TreeBuilder) -> None:
    texts = english_text()
    del texts["bladder"]
    content = load_content(make_tree(texts={"zh-Hans": {"pages": texts}}) / "content")
    assert content.text("bladder", "zh-Hans").title == "Bladder"


def test_unknown_field_names_file_line_and_fix(make_tree: TreeBuilder) -> None:
    broken = STRUCTURE.replace("    sources: [S1]\n    reviewed", "    sorces: [S1]\n    reviewed")
    found = problems_of(make_tree(structure=broken))
    assert any(p.startswith("content/pages/main.yaml:12:") and "sorces" in p
               and "unknown field" in p for p in found), found


def test_bad_page_id_explains_the_rule(make_tree: TreeBuilder) -> None:
    broken = STRUCTURE.replace("  - id: long_page", "  - id: Long-Page")
    found = problems_of(make_tree(structure=broken))
    assert any("main.yaml:30:" in p and "lower-case letters" in p for p in found), found


def test_link_to_missing_page_and_missing_source(make_tree: TreeBuilder) -> None:
    broken = STRUCTURE.replace("children: [bladder_signs, selfcheck]",
                               "children: [bladder_signs, selfcheck, nowhere]")
    broken = broken.replace("  - id: long_page\n    sources: [S1]",
                            "  - id: long_page\n    sources: [S99]")
    found = problems_of(make_tree(structure=broken))
    assert any("links to 'nowhere', which does not exist" in p for p in found), found
    assert any("cites source 'S99'" in p for p in found), found


def test_duplicate_page_ids_point_at_both(make_tree: TreeBuilder) -> None:
    found = problems_of(make_tree(structure=STRUCTURE + "  - id: bladder\n"))
    assert any("main.yaml:32:" in p and "already declared at content/pages/main.yaml:10" in p
               for p in found), found


def test_yaml_syntax_error_has_line(make_tree: TreeBuilder) -> None:
    found = problems_of(make_tree(texts={"zh-Hans": "pages:\n  home:\n    title: a: b\n"}))
    assert found == ["content/text/zh-Hans/main.yaml:3: a ':' followed by a space is inside text "
                     "on this line; put the whole text in quotes (\"...\") or use a '|' block"]


def test_every_problem_is_reported_not_just_the_first(make_tree: TreeBuilder) -> None:
    found = problems_of(make_tree(
        structure=STRUCTURE.replace("columns: 2", "columns: 9"),
        texts={"zh-Hant": "pages:\n  ghost:\n    title: x\n"}))
    assert any("columns" in p for p in found)
    assert any("unknown page 'ghost'" in p for p in found)


def test_template_error_points_at_the_body_line(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["emergency"] = {"title": "Emergency", "body": "Line one\n{% if %}\n"}
    found = problems_of(make_tree(texts={"en": {"pages": texts}}))
    assert any("content/text/en/main.yaml" in p and "template error in 'emergency'" in p
               for p in found), found


def test_missing_english_text_is_an_error(make_tree: TreeBuilder) -> None:
    texts = english_text()
    del texts["long_page"]
    found = problems_of(make_tree(texts={"en": {"pages": texts}}))
    assert any("'long_page' has no English text" in p for p in found)


def test_button_url_must_be_http_or_tg(make_tree: TreeBuilder) -> None:
    broken = STRUCTURE.replace("https://example.org/info", "javascript:alert(1)")
    found = problems_of(make_tree(structure=broken))
    assert any("http://, https:// or tg://" in p for p in found)


def test_ui_strings_errors_are_reported_with_content_errors(make_tree: TreeBuilder) -> None:
    root = make_tree(extra_files={"locales/zh-Hans.yaml": "home: [1, 2]\n"},
                     structure=STRUCTURE + "  - id: home\n")
    found = problems_of(root)
    assert any("locales/zh-Hans.yaml:1" in p for p in found)
    assert any("already declared" in p for p in found)


def test_one_bad_page_does_not_hide_or_cascade(make_tree: TreeBuilder) -> None:
    broken = STRUCTURE.replace("  - id: long_page\n", "  - id: long_page\n    columns: 9\n")
    found = problems_of(make_tree(structure=broken))
    # only the real mistake is reported: not the links to the page, nor its texts
    assert found == ["content/pages/main.yaml:31: page 'long_page', columns: 9 is too big; "
                     "use at most 3"], found


def test_unreadable_structure_file_is_one_problem_not_a_cascade(make_tree: TreeBuilder) -> None:
    found = problems_of(make_tree(structure=STRUCTURE.replace("columns: 2", "columns: [2")))
    assert len(found) == 1
    assert found[0].startswith("content/pages/main.yaml:4: the '[' on this line is not closed "
                               "with ']'")
    assert found[0].endswith("(noticed at line 5)")


def test_undefined_template_variable_is_reported(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["emergency"] = {"title": "Emergency", "body": "Call {{ number }}."}
    found = problems_of(make_tree(texts={"en": {"pages": texts}}))
    assert any("'emergency' cannot be rendered" in p and "number" in p for p in found)


def test_missing_snippet_is_named(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["bladder"] = {"title": "Bladder", "body": "{% include 'nope' %}"}
    found = problems_of(make_tree(texts={"en": {"pages": texts}}))
    assert any("includes snippet 'nope', which exists neither in en nor in English" in p
               for p in found), found


def test_a_template_that_fails_when_run_is_refused_at_load(make_tree: TreeBuilder) -> None:
    """Found by hypothesis: it compiled, loaded, and then failed on the first reply."""
    texts = english_text()
    texts["emergency"] = {"title": "Emergency", "body": "Call {{ -'999' }} now."}
    found = problems_of(make_tree(texts={"en": {"pages": texts}}))
    assert len(found) == 1
    assert found[0].startswith("content/text/en/main.yaml:")
    assert "'emergency' cannot be rendered" in found[0]
