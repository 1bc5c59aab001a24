"""The JSON Schemas editors' tools read agree with the loader: generated from the same models,
every shipped file passes, and a file the loader rejects for its shape the schema rejects too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from bot.editorial.schemas import SCHEMAS, schema_of, schema_text, vscode_settings, write_schemas
from bot.model.loader import load_content
from bot.model.problems import ContentError
from bot.model.yamlfile import parse_yaml
from tests.conftest import ROOT


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_of(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_errors(name: str, text: str) -> list[str]:
    """As an editor's YAML tool sees the file (dates stay text, as YAML 1.2 reads them)."""
    data: Any = parse_yaml(text).data
    return [error.message for error in validator(name).iter_errors(data)]


def test_the_committed_schemas_are_what_the_models_generate(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    for name in SCHEMAS:
        committed = ROOT / "content" / "schemas" / f"{name}.schema.json"
        assert committed.read_text(encoding="utf-8") == schema_text(name), (
            f"{committed} is out of date: run python -m bot schema")
        assert (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8") == \
            schema_text(name)
    Draft202012Validator.check_schema(schema_of("structure"))
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == vscode_settings()["yaml.schemas"]


def test_every_shipped_content_file_passes_its_schema() -> None:
    checked = 0
    for name, (_, globs, _) in SCHEMAS.items():
        for pattern in globs:
            for path in sorted(ROOT.glob(pattern)):
                assert schema_errors(name, path.read_text(encoding="utf-8")) == [], path
                checked += 1
    assert checked >= 13 + 3 * 13 + 3 + 2 + 3


# Files the loader refuses because of their shape; the schema must refuse each too.
STRUCTURE_MISTAKES = [
    "pages:\n  - id: home\n    colour: red\n",                      # unknown field
    "pages:\n  - id: home\n    columns: 7\n",                       # out of range
    "pages:\n  - id: home\n    columns: two\n",                     # not a number
    "pages:\n  - id: Home Page\n",                                  # not a page id
    "pages:\n  - children: [a]\n",                                  # no id
    "pages:\n  - id: home\n    status: done\n",                     # not a status
    "pages:\n  - id: home\n    reviewed: 21/11/2026\n",             # not a date
    "pages:\n  - id: home\n    buttons: [{to: a, text: Go}]\n",     # unknown button field
    "pages:\n  - id: home\n    reviews: [{role: doctor, date: 2026-11-01, text: "
    "\"0123456789ab\"}]\n",
    "pages:\n  - id: home\n    reviews: [{role: clinical, date: 2026-11-01, text: fine}]\n",
    "pages:\n  - id: home\n    reviews: [{role: clinical, text: \"0123456789ab\"}]\n",
    "pages:\n  - id: home\n    sources: S1\n",                      # not a list
]


@pytest.mark.parametrize("mistake", STRUCTURE_MISTAKES)
def test_a_structure_mistake_is_refused_by_the_loader_and_the_schema(
        tmp_path: Path, mistake: str) -> None:
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "home.yaml").write_text(mistake, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(tmp_path / "content")
    assert any(p.file.endswith("home.yaml") for p in caught.value.problems)
    assert schema_errors("structure", mistake)


TEXT_MISTAKES = [
    "pages:\n  home:\n    body: hi\n",                              # no title
    "pages:\n  home:\n    title: Hi\n    subtitle: x\n",            # unknown field
    "pages:\n  home:\n    title: Hi\n    keywords: a, b\n",         # not a list
    "pages:\n  home:\n    title: Hi\n    labels: [a]\n",            # not a mapping
    "pages:\n  home:\n    title: \"\"\n",                           # empty title
]


@pytest.mark.parametrize("mistake", TEXT_MISTAKES)
def test_a_text_mistake_is_refused_by_the_loader_and_the_schema(tmp_path: Path,
                                                                 mistake: str) -> None:
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "home.yaml").write_text("pages:\n  - id: home\n",
                                                              encoding="utf-8")
    (tmp_path / "content" / "text" / "en").mkdir(parents=True)
    (tmp_path / "content" / "text" / "en" / "home.yaml").write_text(mistake, encoding="utf-8")
    with pytest.raises(ContentError):
        load_content(tmp_path / "content")
    assert schema_errors("text", mistake)


def test_the_review_rules_and_records_are_checked_alike(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "home.yaml").write_text("pages:\n  - id: home\n", encoding="utf-8")
    (content / "text" / "en").mkdir(parents=True)
    (content / "text" / "en" / "home.yaml").write_text("pages:\n  home:\n    title: Hi\n",
                                                       encoding="utf-8")
    load_content(content)
    for name, file, text in [
        ("review", "review.yaml", "required: [clinical, doctors]\n"),
        ("review", "review.yaml", "overdue_after_months: 0\n"),
        ("translated-from", "records/translated-from/zh-Hans.yaml",
         "pages:\n  home: typed by hand\n"),
    ]:
        (content / file).parent.mkdir(parents=True, exist_ok=True)
        (content / file).write_text(text, encoding="utf-8")
        with pytest.raises(ContentError):
            load_content(content)
        assert schema_errors(name, text), text
        (content / file).unlink()
