"""A ``check`` rule: text a reader sees never names one of our files or internal folders.

Bookkeeping like "seed 001_f578c5978cf2d220.txt (in seeds/)" once reached readers through a
source title. Page text, snippets, source titles, service and region text and UI strings are all
scanned; web addresses are left out first (a cited page may well end in ``.html`` or sit under
``/data/``), and so are public data files a citation names (``ketamine.json`` in TripSit's
repository): the rule is about the project's own files, which have the extensions below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.model.locales import UiStrings
from bot.model.model import LOCALES, Content, Origin
from bot.model.problems import Problem

# Files of this project and of its sources' storage: content, code, notes, data, seeds.
INTERNAL_EXTENSIONS = ("txt", "yaml", "yml", "py", "pyc", "j2", "jinja", "md", "toml", "cfg",
                       "ini", "env", "sqlite", "sqlite3", "db", "pkl", "pickle", "log", "sh")
INTERNAL_FOLDERS = ("seeds", "content", "data", "locales", "bot", "tests", "benchmarks", "docs",
                    "templates", "shared", "notes")

_ADDRESS = re.compile(r"(?:https?|tg)://\S+|mailto:\S+|www\.[\w-]+\.\S+"
                      r"|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
_FILE = re.compile(r"(?<![\w.-])[\w.-]*\w\.(?:" + "|".join(INTERNAL_EXTENSIONS) + r")(?![\w.])",
                   re.IGNORECASE)
_FOLDER = re.compile(r"(?<![\w./-])(?:" + "|".join(INTERNAL_FOLDERS) + r")/")
_SEED = re.compile(r"\bseeds?\s+(?:file\s+)?\d{3}\b", re.IGNORECASE)


_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in (_FILE, _FOLDER, _SEED)), re.IGNORECASE)


def internal_name(text: str) -> tuple[str, int] | None:
    """The first file name, internal folder or seed number in ``text``, with its offset."""
    if _ANY.search(text) is None:
        return None  # most text: one pass, no need to blank out web addresses first
    without_addresses = _ADDRESS.sub(lambda m: " " * len(m.group()), text)
    found = [m for pattern in (_FILE, _FOLDER, _SEED)
             if (m := pattern.search(without_addresses)) is not None]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.group(), first.start()


def internal_names(content: Content, ui: UiStrings) -> list[Problem]:
    """One error per reader-visible string that names a file or an internal folder."""
    problems: list[Problem] = []
    for origin, what, text, block in _reader_text(content, ui):
        hit = internal_name(text)
        if hit is None:
            continue
        name, offset = hit
        line = origin.line + (text.count("\n", 0, offset) if block else 0)
        problems.append(Problem(
            origin.file, line,
            f"{what} names a file or an internal folder ('{name}'), which readers see; "
            "cite the source the way the brief's citation lines do, or say it in plain words"))
    return problems


def _reader_text(content: Content,
                 ui: UiStrings) -> Iterator[tuple[Origin, str, str, bool]]:
    """(where it was written, what it is, the text, whether lines inside it count)."""
    for locale in LOCALES:
        for page_id, text in content.texts.get(locale, {}).items():
            page_origin = content.origins.texts.get((locale, page_id), Origin("?", 0))
            for field in ("title", "button", "summary"):
                value = getattr(text, field)
                if value:
                    yield (content.origins.fields.get((locale, page_id, field), page_origin),
                           f"'{page_id}' {field} ({locale})", value, False)
            for key, value in text.labels.items():
                yield (content.origins.fields.get((locale, page_id, f"labels.{key}"), page_origin),
                       f"'{page_id}' label '{key}' ({locale})", value, False)
            for index, value in enumerate(text.keywords):
                yield (content.origins.fields.get((locale, page_id, f"keywords.{index}"),
                                                 page_origin),
                       f"'{page_id}' keyword ({locale})", value, False)
            yield (content.origins.bodies.get((locale, page_id), page_origin),
                   f"'{page_id}' body ({locale})", text.body, True)
        for name, body in content.snippets.get(locale, {}).items():
            yield (content.origins.snippets.get((locale, name), Origin("?", 0)),
                   f"snippet '{name}' ({locale})", body, True)
    for source_id, source in content.sources.items():
        yield (content.origins.sources.get(source_id, Origin("?", 0)),
               f"source {source_id}'s title", source.title, False)
    for service in content.services:
        origin = content.origins.services.get(service.id, Origin("?", 0))
        for field in ("name", "offers", "contact", "hours"):
            for locale, value in (getattr(service, field) or {}).items():
                yield origin, f"service '{service.id}' {field} ({locale})", value, False
    for region_id, region in content.regions.items():
        origin = content.origins.regions.get(region_id, Origin("?", 0))
        for field in ("name", "short"):
            for locale, value in (getattr(region, field) or {}).items():
                yield origin, f"region '{region_id}' {field} ({locale})", value, False
    for locale in LOCALES:
        for key, value in ui.strings.get(locale, {}).items():
            line = ui.lines.get((locale, key), 0)
            yield (Origin(f"locales/{locale}.yaml", line), f"UI string '{key}' ({locale})",
                   value, True)
