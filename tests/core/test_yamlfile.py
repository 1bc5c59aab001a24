from __future__ import annotations

import pytest

from bot.model.yamlfile import YamlSyntaxError, parse_yaml


def test_lines_are_recorded_for_nested_keys_and_items() -> None:
    doc = parse_yaml("pages:\n  - id: a\n    children: [b]\n  - id: b\n")
    assert doc.data == {"pages": [{"id": "a", "children": ["b"]}, {"id": "b"}]}
    assert doc.line_of(("pages", 1, "id")) == 4
    assert doc.line_of(("pages", 0, "children", 0)) == 3
    # a deeper path than the file has falls back to its nearest known parent
    assert doc.line_of(("pages", 1, "id", "nope", 7)) == 4


def test_block_scalar_body_starts_on_the_line_after_its_key() -> None:
    doc = parse_yaml("pages:\n  a:\n    body: |\n      first\n      second\n")
    assert doc.line_of(("pages", "a", "body")) == 3
    assert doc.value_lines[("pages", "a", "body")] == 4


def test_duplicate_keys_are_reported() -> None:
    doc = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.duplicates == [(3, "a")]


def test_syntax_error_names_the_line_and_a_hint() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("pages:\n  - id: a\n    title: oops: colon\n")
    assert info.value.line == 3
    assert "quotes" in info.value.message


def test_python_tags_are_refused() -> None:
    with pytest.raises(YamlSyntaxError):
        parse_yaml("x: !!python/object/apply:os.system ['true']\n")


def test_unclosed_bracket_points_at_where_it_opens() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("pages:\n  - id: a\n    children: [b, c\n    columns: 2\n")
    assert info.value.line == 3
    assert "noticed at line 4" in info.value.message


def test_control_characters_are_a_clear_error_with_their_line() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("a: 1\nb: x\x00y\n")
    assert info.value.line == 2
    assert "character YAML does not allow" in info.value.message


def test_tab_indentation_gets_a_hint() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("pages:\n\t- id: a\n")
    assert "spaces, not tabs" in info.value.message


def test_a_name_without_its_colon_is_found_on_its_own_line() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("pages:\n  home:\n    title Home\n    body: x\n")
    assert info.value.line == 3
    assert "no ':' after its name" in info.value.message


def test_a_first_field_indented_too_far_is_the_line_blamed() -> None:
    """YAML stops at the line after it; the lines after that show which one is odd."""
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("pages:\n  home:\n     title: Home\n    body: x\n    summary: y\n")
    assert info.value.line == 3
    assert "indentation goes wrong" in info.value.message


def test_dates_stay_text_so_an_impossible_date_is_not_a_crash() -> None:
    assert parse_yaml("a: 2026-11-21\nb: 2026-13-01\n").data == {"a": "2026-11-21",
                                                                  "b": "2026-13-01"}


def test_a_name_moved_left_is_found_where_it_moved_not_where_yaml_stopped() -> None:
    """'  title:' written as a page name: YAML reads on until the next line that cannot fit."""
    text = ("pages:\n  home:\n    title: Home\n    body: |\n      Pick.\n"
            "  about:\n  title: About\n    body: |\n      Who.\n  help:\n    title: Help\n")
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml(text)
    assert info.value.line == 7
    assert "start it 4 spaces in" in info.value.message


def test_a_page_name_moved_to_the_top_level_is_found() -> None:
    body = "".join(f"  page{n}:\n    title: Page {n}\n    body: |\n      Text {n}.\n"
                   for n in range(6))
    lines = ("pages:\n" + body).splitlines()
    lines[5] = lines[5].lstrip()  # "page1:" at the top level, read as a name beside "pages:"
    with pytest.raises(YamlSyntaxError) as info:
        parse_yaml("\n".join(lines) + "\n")
    assert info.value.line == 6
    assert "start it 2 spaces in" in info.value.message
