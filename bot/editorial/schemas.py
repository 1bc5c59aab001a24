"""JSON Schemas of the content files, generated from the pydantic models the loader uses, so an
ordinary editor (VS Code's YAML extension, any yaml-language-server client) completes field
names and marks mistakes while an editor types. ``python -m bot schema`` writes them to
content/schemas/; .vscode/settings.json maps each to its files. A test keeps them equal to what
the models generate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel

from bot.model.model import (
    CampaignsFile,
    ReviewRules,
    ServicesFile,
    SourcesFile,
    StructureFile,
    TextFile,
    TranslatedFromFile,
)
from bot.model.vocabulary import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class UiStringsFile(RootModel[dict[str, str]]):
    """locales/<language>.yaml: UI string name -> text."""


# schema file name -> (model, the files it describes relative to the repository, what it is)
SCHEMAS: dict[str, tuple[type[BaseModel], tuple[str, ...], str]] = {
    "structure": (StructureFile, ("content/pages/*.yaml",),
                  "Page structure: which pages exist, how they link, sources, reviews"),
    "text": (TextFile, ("content/text/*/*.yaml",), "What each page says in one language"),
    "sources": (SourcesFile, ("content/sources.yaml",), "The sources pages cite"),
    "campaigns": (CampaignsFile, ("content/campaigns.yaml",),
                  "Outreach campaign tags and QR card order"),
    "services": (ServicesFile, ("content/services.yaml",), "Regions and services to signpost"),
    "review": (ReviewRules, ("content/review.yaml",),
               "The reviews every live page needs, and when a review is overdue"),
    "translated-from": (TranslatedFromFile, ("content/records/translated-from/*.yaml",),
                        "Machine-written: the English each translation was made from"),
    "ui-strings": (UiStringsFile, ("locales/*.yaml",), "Button labels and system messages"),
    "vocabulary": (Vocabulary, ("content/vocabulary.yaml",),
                   "Everyday words, slang and spellings search understands, shared by all pages"),
}


def schema_of(name: str) -> dict[str, Any]:
    model, _, title = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    return {"$schema": DRAFT, "$id": f"k-safer/{name}.schema.json", **schema, "title": title}


def schema_text(name: str) -> str:
    return json.dumps(schema_of(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def vscode_settings() -> dict[str, Any]:
    """``yaml.schemas`` for .vscode/settings.json: each schema with the files it describes."""
    return {"yaml.schemas": {f"./content/schemas/{name}.schema.json": list(globs)
                             for name, (_, globs, _) in SCHEMAS.items()}}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written
