"""Shared fixtures: small content trees written to tmp_path, independent of shipped content."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from tests.postgres import (  # noqa: F401 (fixtures and hooks for the PostgreSQL tests)
    new_store,
    postgres,
    postgres_url,
    pytest_collection_modifyitems,
    pytest_terminal_summary,
)

ROOT = Path(__file__).resolve().parent.parent

STRUCTURE = """\
pages:
  - id: home
    factual: false
    columns: 2
    emergency_button: false
    children: [emergency, bladder, long_page, language]
  - id: emergency
    emergency_button: false
    sources: [S1]
  - id: bladder
    children: [bladder_signs, selfcheck]
    sources: [S1]
    reviewed: 2026-11-01
    status: awaiting_review
  - id: bladder_signs
    sources: [S1]
    urls:
      - {id: info_site, url: "https://example.org/info"}
  - id: selfcheck
    factual: false
    buttons:
      - {to: selfcheck_urgent, label: "yes"}
      - {to: selfcheck_ok, label: "no"}
  - id: selfcheck_urgent
    outcome: urgent
    sources: [S1]
  - id: selfcheck_ok
    outcome: watch
    sources: [S1]
  - id: long_page
    sources: [S1]
"""

LONG_BODY = "\n\n".join(f"Paragraph {i}. " + "Some words to fill the line. " * 12
                        for i in range(30))


def english_text() -> dict[str, dict[str, object]]:
    return {
        "home": {"title": "Main menu", "body": "Pick a topic."},
        "emergency": {"title": "Emergency", "body": "Call <b>999</b> now.",
                      "keywords": ["help", "ambulance"]},
        "bladder": {"title": "Bladder", "button": "Bladder & pee",
                    "body": "{% include 'see_doctor' %}"},
        "bladder_signs": {"title": "Early signs", "body": "- Peeing often\n- Pain",
                          "labels": {"info_site": "Info website"}},
        "selfcheck": {"title": "Self-check", "body": "Is there blood in your pee?"},
        "selfcheck_urgent": {"title": "Get help today", "body": "Go today."},
        "selfcheck_ok": {"title": "Keep an eye on it", "body": "Watch for signs."},
        "long_page": {"title": "Long page", "body": LONG_BODY},
    }


def translated(prefix: str) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for page_id, text in english_text().items():
        copy = dict(text)
        copy["title"] = f"{prefix}{text['title']}"
        out[page_id] = copy
    return out


TreeBuilder = Callable[..., Path]


def _yaml(data: object) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeBuilder:
    """Write a small but complete content tree; keyword arguments replace or break parts of it."""

    def build(*, structure: str | None = None, texts: dict[str, object] | None = None,
              extra_files: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "site"
        if root.exists():
            shutil.rmtree(root)
        content = root / "content"
        (content / "pages").mkdir(parents=True)
        (content / "pages" / "main.yaml").write_text(structure or STRUCTURE, encoding="utf-8")
        all_texts: dict[str, object] = {
            "en": {"pages": english_text(),
                   "snippets": {"see_doctor": "See a doctor if it hurts."}},
            "zh-Hans": {"pages": translated("简 ")},
            "zh-Hant": {"pages": translated("繁 ")},
        }
        for locale, data in (texts or {}).items():
            if locale == "en" and isinstance(data, dict) and "snippets" not in data:
                data = {**data, "snippets": {"see_doctor": "See a doctor if it hurts."}}
            all_texts[locale] = data
        for locale, data in all_texts.items():
            folder = content / "text" / locale
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "main.yaml").write_text(
                data if isinstance(data, str) else _yaml(data), encoding="utf-8")
        (content / "sources.yaml").write_text(
            _yaml({"sources": {"S1": {"title": "A source", "url": "https://example.org/s1"}}}),
            encoding="utf-8")
        (content / "campaigns.yaml").write_text(
            _yaml({"campaigns": {"festival": "Festival cards"}}), encoding="utf-8")
        shutil.copytree(ROOT / "locales", root / "locales")
        for relative, text in (extra_files or {}).items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        for relative in drop:
            (root / relative).unlink()
        return root

    return build


@pytest.fixture
def site(make_tree: TreeBuilder) -> Path:
    return make_tree()


@pytest.fixture
def builder(site: Path) -> ScreenBuilder:
    return ScreenBuilder.load(site / "content", site / "locales")


def no_earlier_than_the_shipped_dates() -> dt.date:
    """A fixed 'today' that is not before any date the shipped content carries: tests that copy
    the content must not find an editor's newly dated page 'in the future', on any day."""
    from bot.model.loader import load_content

    content = load_content(ROOT / "content")
    dates = [spec.reviewed for spec in content.pages.values() if spec.reviewed]
    dates += [review.date for spec in content.pages.values() for review in spec.reviews]
    return max([dt.date(2026, 11, 29), *dates])


@pytest.fixture(scope="session")
def shipped() -> ScreenBuilder:
    """The shipped content and UI strings, loaded once per test process: tests that read it
    share it (none may change it; a test that edits content copies it, see ``shipped_site``)."""
    return ScreenBuilder.load(ROOT / "content", ROOT / "locales")


@pytest.fixture
def shipped_site(tmp_path: Path) -> Path:
    """A copy of the shipped content and UI strings in ``tmp_path``, for a test to change."""
    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path
