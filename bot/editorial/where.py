"""``python -m bot where PAGE``: the files and lines that hold a page, for editors.

It reads each YAML file on its own, so it still answers when another file has a mistake (that
file is named, so the editor knows the list may be missing something).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from bot.model.model import LOCALES
from bot.model.problems import display_path
from bot.model.yamlfile import YamlDoc, YamlSyntaxError, parse_yaml


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}  {self.what}"


@dataclass
class Found:
    page: str
    places: list[Place]
    unreadable: list[str]
    known: list[str]  # every page id seen, for "did you mean"
    titles: dict[str, str] = field(default_factory=dict)  # title or button label -> page id


def _read(path: Path) -> YamlDoc | None:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None


def _mapping(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def find_page(content_dir: Path, page: str) -> Found:
    """Every place that declares ``page``, gives its text, names it as an old id, or links to
    it (children, buttons, a region's page, ``title_of``)."""
    root = content_dir.resolve()
    found = Found(page, [], [], [])
    declared: list[Place] = []
    texts: list[Place] = []
    links: list[Place] = []
    for path in sorted((root / "pages").glob("*.yaml")):
        name = display_path(path, root)
        doc = _read(path)
        if doc is None:
            found.unreadable.append(name)
            continue
        items = _mapping(doc.data, "pages")
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            page_id = item.get("id")
            if isinstance(page_id, str):
                found.known.append(page_id)
            if page_id == page:
                draft = " (a draft: people never see it)" if item.get("status") == "draft" \
                    else ""
                declared.append(Place(name, doc.line_of(("pages", index, "id")),
                                      "structure: children, buttons, sources, status, "
                                      f"review{draft}"))
            aliases = item.get("aliases")
            if isinstance(aliases, list) and page in aliases:
                at = doc.line_of(("pages", index, "aliases", aliases.index(page)))
                declared.append(Place(name, at, f"old id of page '{page_id}' (an alias): links "
                                                f"and QR codes for '{page}' open '{page_id}'"))
            for kind in ("children", "buttons"):
                targets = item.get(kind)
                for position, target in enumerate(targets if isinstance(targets, list) else []):
                    to = target.get("to") if isinstance(target, dict) else target
                    if to == page:
                        at = doc.line_of(("pages", index, kind, position))
                        links.append(Place(name, at, f"a button to it on page '{page_id}' "
                                                     f"({kind})"))
    for locale in LOCALES:
        for path in sorted((root / "text" / locale).glob("*.yaml")):
            name = display_path(path, root)
            doc = _read(path)
            if doc is None:
                found.unreadable.append(name)
                continue
            pages = _mapping(doc.data, "pages")
            for other, text in (pages.items() if isinstance(pages, dict) else []):
                for key in ("title", "button"):
                    label = _mapping(text, key)
                    if isinstance(label, str):
                        found.titles.setdefault(label, str(other))
            if isinstance(pages, dict) and page in pages:
                texts.append(Place(name, doc.line_of(("pages", page)),
                                   f"text in {locale}: title, button, summary, keywords, body"))
                body = doc.value_lines.get(("pages", page, "body"))
                if body is not None:
                    texts.append(Place(name, body, f"its body ({locale}) starts here"))
            for other, text in (pages.items() if isinstance(pages, dict) else []):
                body_text = _mapping(text, "body")
                if not isinstance(body_text, str):
                    continue
                start = doc.value_lines.get(("pages", other, "body"), doc.line_of(("pages",)))
                for quote in ('"', "'"):
                    position = body_text.find(f"title_of({quote}{page}{quote})")
                    if position >= 0:  # a '|' block: one line of text is one line of the file
                        at = start + body_text.count("\n", 0, position)
                        links.append(Place(name, at, f"named in the body of '{other}' "
                                                     f"({locale})"))
    services = root / "services.yaml"
    if services.exists():
        name = display_path(services, root)
        doc = _read(services)
        regions = _mapping(doc.data, "regions") if doc else None
        if doc is None:
            found.unreadable.append(name)
        for region_id, region in (regions.items() if isinstance(regions, dict) else []):
            if _mapping(region, "page") == page and doc is not None:
                links.append(Place(name, doc.line_of(("regions", region_id, "page")),
                                   f"the services page of region '{region_id}'"))
    found.places = [*declared, *texts, *links]
    return found


def titled(found: Found, words: str) -> list[str]:
    """Pages whose title or button label (in any language) is or contains ``words``."""
    wanted = " ".join(words.split()).casefold()
    exact = [page for label, page in found.titles.items() if label.casefold() == wanted]
    partial = [page for label, page in found.titles.items() if wanted in label.casefold()]
    return list(dict.fromkeys(exact or partial))


def print_where(content_dir: Path, page: str, out: TextIO) -> int:
    """A page id, or words of a page's title as people see it in the bot."""
    found = find_page(content_dir, page)
    for name in found.unreadable:
        out.write(f"note: {name} cannot be read (run python -m bot check), so it was not "
                  "searched\n")
    if found.places:
        _print_places(found, out)
        return 0
    pages = titled(found, page) if page.strip() else []
    if pages and len(pages) <= 5:
        for page_id in pages:
            out.write(f"'{page}' is on page '{page_id}'.\n")
            _print_places(find_page(content_dir, page_id), out)
        return 0
    if pages:
        out.write(f"'{page}' is in the titles of {len(pages)} pages: {', '.join(pages)}; "
                  "give more of the title, or a page id.\n")
        return 1
    out.write(f"No page '{page}' (neither a page id nor words of a title).\n")
    close = difflib.get_close_matches(page, sorted(set(found.known)), n=3)
    if close:
        out.write(f"Did you mean: {', '.join(close)}?\n")
    return 1


def _print_places(found: Found, out: TextIO) -> None:
    out.write(f"Page '{found.page}':\n")
    for place in found.places:
        out.write(f"  {place}\n")
