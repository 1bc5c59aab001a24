"""Reads ``content/`` into a validated :class:`Content`, collecting every problem with its line."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.model.model import (
    BUILTIN_SCREENS,
    FALLBACK_LOCALE,
    HOME,
    LOCALES,
    CampaignsFile,
    Content,
    Origin,
    Origins,
    PageSpec,
    PageText,
    Region,
    ReviewRules,
    Service,
    ServicesFile,
    Source,
    SourcesFile,
    TranslatedFromFile,
)
from bot.model.problems import ContentError, Problem, display_path
from bot.model.vocabulary import Vocabulary
from bot.model.yamlfile import YamlDoc, YamlSyntaxError, parse_yaml

M = TypeVar("M", bound=BaseModel)


class _Reader:
    """Parses one YAML file into a model, turning every failure into a :class:`Problem`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def parse(self, path: Path) -> YamlDoc | None:
        name = self.name(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.append(Problem(name, 1, "this file is not saved as UTF-8 text, so it "
                                                  "cannot be read; save it again as UTF-8 (your "
                                                  "editor's 'Save with encoding' or 'Encoding' "
                                                  "menu)"))
            return None
        except OSError as exc:
            self.problems.append(Problem(name, 0, f"cannot read the file: {exc.strerror}"))
            return None
        try:
            doc = parse_yaml(text)
        except YamlSyntaxError as exc:
            self.problems.append(Problem(name, exc.line, exc.message))
            return None
        for line, key in doc.duplicates:
            self.problems.append(
                Problem(name, line, f"'{key}' appears twice here; YAML keeps only the last one")
            )
        if doc.data is None:
            doc.data = {}
        return doc

    def validate(self, path: Path, doc: YamlDoc, model: type[M], data: Any,
                 prefix: tuple[str | int, ...] = ()) -> M | None:
        """Validate one part of a file, so one bad page does not hide the others."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            said: set[tuple[int, str]] = set()
            for err in exc.errors():
                loc = (*prefix, *err["loc"])
                line, message = doc.line_of(loc), describe(doc.data, loc, err)
                if (line, message) not in said:  # e.g. {yes: Yes}: one mistake, one problem
                    said.add((line, message))
                    self.problems.append(Problem(self.name(path), line, message))
            return None

    def read(self, path: Path, model: type[M]) -> tuple[M, YamlDoc] | None:
        doc = self.parse(path)
        if doc is None:
            return None
        parsed = self.validate(path, doc, model, doc.data)
        return None if parsed is None else (parsed, doc)

    def read_optional(self, path: Path, model: type[M]) -> tuple[M, YamlDoc] | None:
        """Like :meth:`read`, for files a content tree may leave out."""
        return self.read(path, model) if path.exists() else None

    def items(self, path: Path, doc: YamlDoc, key: str,
              kind: type[list[Any]] | type[dict[str, Any]]) -> Any:
        """The list or mapping under ``key`` at the top of a file, or None if it is not one."""
        data = doc.data
        if not isinstance(data, dict):
            self.problems.append(Problem(self.name(path), 1,
                                         f"the file should start with '{key}:'"))
            return None
        unknown = set(data) - {"pages", "snippets"}
        for extra in sorted(unknown, key=str):
            self.problems.append(Problem(self.name(path), doc.line_of((extra,)),
                                         f"unknown top-level key '{extra}'"))
        value = data.get(key, kind())
        if value is None:
            return kind()
        if not isinstance(value, kind):
            shape = "a list of pages ('- id: ...')" if kind is list else "a mapping"
            self.problems.append(Problem(self.name(path), doc.line_of((key,)),
                                         f"'{key}' should be {shape}"))
            return None
        return value


# What the items of a list or mapping are called, so a message says "page 'bladder'", not
# "pages.10".
_NOUNS = {"pages": "page", "services": "service", "regions": "region", "sources": "source",
          "campaigns": "campaign", "buttons": "button", "urls": "website button",
          "snippets": "snippet", "children": "child page", "keywords": "keyword",
          "aliases": "old id", "countries": "country"}
_YAML_BOOLEANS = "yes, no, on, off, true and false"


def _place(data: Any, loc: tuple[Any, ...]) -> str:
    """Where in the file, in an editor's words: "page 'bladder', button 2, label"."""
    words: list[str] = []
    node = data
    parent: Any = None
    for key in loc:
        if key == "[key]":
            continue
        noun = _NOUNS.get(parent) if isinstance(parent, str) else None
        child: Any = None
        if isinstance(node, list) and isinstance(key, int):
            child = node[key] if 0 <= key < len(node) else None
            ident = child.get("id") if isinstance(child, dict) else None
            if noun and isinstance(ident, str):
                label = f"{noun} '{ident}'"
            else:
                label = f"{noun} {key + 1}" if noun else f"{words[-1] if words else 'item'} " \
                                                         f"(item {key + 1})"
            words[-1:] = [label]
        elif isinstance(node, dict):
            if any(isinstance(k, bool) and k == key for k in node):
                break  # a key YAML read as true/false: the mapping is the place to fix
            child = node.get(key)
            if child is None and not isinstance(key, str):
                child = next((v for k, v in node.items() if str(k) == str(key)), None)
            if noun in ("page", "region", "source", "snippet", "campaign") and parent in (
                    "pages", "regions", "sources", "snippets", "campaigns") and len(words) <= 1:
                words[-1:] = [f"{'the text of ' if noun == 'page' else ''}{noun} '{key}'"]
            else:
                words.append(str(key))
        else:
            words.append(str(key))
        node, parent = child, key
    return ", ".join(words) or "the file"


def describe(data: Any, loc: tuple[Any, ...], err: Any) -> str:
    """A pydantic error as an editor can act on it: where, what is wrong, how to write it."""
    where = _place(data, loc)
    kind: str = err["type"]
    given = err.get("input")
    context = err.get("ctx") or {}
    field = str(loc[-1]) if loc else ""
    if isinstance(given, bool) and kind in ("string_type", "string_pattern_mismatch",
                                            "literal_error"):
        return (f"{where}: YAML reads {_YAML_BOOLEANS} without quotes as true or false; write "
                'yes and no in quotes, like "yes" and "no"')
    if kind.startswith(("date_", "datetime_")):
        return (f"{where}: write dates as YYYY-MM-DD, for example 2026-12-01 for 1 December "
                f"2026 ('{given}' is not a date written that way)")
    if kind == "extra_forbidden":
        return (f"{where}: unknown field '{field}'; check its spelling (the fields are listed "
                "in docs/content.md)")
    if kind == "missing":
        return f"{where}: '{field}' is missing; it is required"
    if kind == "string_pattern_mismatch" and (field in ("id", "to") or "children" in loc
                                              or "aliases" in loc):
        return (f"{where}: '{given}' cannot be a page id; page ids use lower-case letters, "
                "digits and '_', start with a letter and are at most 32 characters")
    if kind == "string_pattern_mismatch":
        return (f"{where}: '{given}' is not allowed here; use lower-case letters, digits and "
                "'_', starting with a letter")
    if kind == "string_too_short":
        return f"{where}: this is empty; write the text, or leave the line out"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        limit = next(iter(context.values()), "")
        words = {"less_than_equal": "at most", "greater_than_equal": "at least",
                 "less_than": "less than", "greater_than": "more than"}[kind]
        size = "big" if "less" in kind else "small"
        return f"{where}: {given} is too {size}; use {words} {limit}"
    if kind == "literal_error":
        choices = context.get("expected", "")
        return f"{where}: '{given}' is not one of the choices; use {choices}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where}: write true or false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}: write a whole number"
    if kind in ("float_type", "float_parsing"):
        return f"{where}: write a number"
    if kind == "list_type":
        return f"{where}: write a list, like [first, second]"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where}: write 'name: value' lines here"
    if kind == "string_type":
        return f"{where}: write text here (put it in quotes if it looks like a number or list)"
    message: str = err["msg"]
    return f"{where}: {message.removeprefix('Value error, ')}"


@dataclass(frozen=True)
class LeftOut:
    """What a partial load (for ``check``) left out because it could not be loaded, so the
    other rules say nothing that only repeats a load error."""

    pages: frozenset[str] = frozenset()  # declared but broken, or with no usable English
    structure: bool = False  # a structure file could not be read: which pages exist is unknown
    texts: frozenset[tuple[str, str]] = frozenset()  # (language, page) texts with errors
    locales: frozenset[str] = frozenset()  # a text file in this language could not be read
    trimmed: frozenset[str] = frozenset()  # pages whose links or sources to broken parts were cut
    services: bool = False  # services.yaml could not be read (bodies may list its services)

    def renders_everything(self) -> bool:
        """Nothing a template could name (a page, a snippet, a region) was left out."""
        return not (self.pages or self.structure or self.texts or self.locales
                    or self.services)


def load_content(content_dir: Path) -> Content:
    """Load and cross-check all content; raises :class:`ContentError` listing every problem."""
    content, problems, _ = load_content_partly(content_dir)
    if problems:
        raise ContentError(problems)
    return content


def load_content_partly(content_dir: Path) -> tuple[Content, list[Problem], LeftOut]:
    """Every problem, and the content that loaded without the broken parts (and without
    links and sources to them), so ``check`` can run its other rules on the rest in the same
    pass. The bot never serves this: it takes content only from :func:`load_content`."""
    root = content_dir.resolve()
    reader = _Reader(root)
    if not root.is_dir():
        raise ContentError([Problem(str(content_dir), 0, "content folder not found")])

    structure = _read_structure(reader, root)
    texts = _read_texts(reader, root, structure)
    sources = _read_sources(reader, root)
    campaigns, outreach_cards = _read_campaigns(reader, root, structure)
    services = _read_services(reader, root, sources)
    editorial = _read_editorial(reader, root)
    aliases = _cross_link(reader, root, structure, sources, services)

    pages, page_texts, regions = structure.pages, texts.texts, services.regions
    left_out = LeftOut()
    if reader.problems:
        pages, page_texts, regions, aliases, left_out = _leave_out(structure, texts, sources,
                                                                   services, aliases)
    content = Content(
        pages=pages,
        texts=page_texts,
        snippets=texts.snippets,
        sources=sources.sources,
        campaigns=campaigns,
        regions=regions,
        services=services.services,
        origins=Origins(
            pages=structure.origins, texts=texts.text_origins, bodies=texts.body_origins,
            fields=texts.field_origins, sources=sources.origins,
            snippets=texts.snippet_origins, specs=structure.spec_origins,
            services=services.service_origins, service_fields=services.field_origins,
            regions=services.region_origins),
        parents=page_parents(pages),
        aliases=aliases,
        outreach_cards=outreach_cards,
        literal_bodies=frozenset(texts.literal_bodies),
        review_rules=editorial.review_rules,
        translated_from=editorial.translated_from,
        vocabulary=editorial.vocabulary,
        vocabulary_lines=editorial.vocabulary_lines,
        vocabulary_file=reader.name(root / "vocabulary.yaml"),
    )
    return content, sorted(reader.problems), left_out


@dataclass(frozen=True)
class _Structure:
    """The pages declared in ``content/pages/``, and what could not be read there."""

    pages: dict[str, PageSpec]
    origins: dict[str, Origin]
    spec_origins: dict[tuple[str, str], Origin]
    broken: set[str]  # pages with errors of their own; don't repeat them elsewhere
    # A structure file that cannot be read hides which pages exist: then "unknown page" and
    # "missing link" would only repeat that one mistake many times, so they are not reported.
    unreadable: bool


def _read_structure(reader: _Reader, root: Path) -> _Structure:
    """Read ``pages/*.yaml``: the page tree every other file is checked against."""
    pages: dict[str, PageSpec] = {}
    page_origins: dict[str, Origin] = {}
    spec_origins: dict[tuple[str, str], Origin] = {}
    broken_ids: set[str] = set()
    structure_unreadable = False
    for path in sorted((root / "pages").glob("*.yaml")):
        doc = reader.parse(path)
        items = None if doc is None else reader.items(path, doc, "pages", list)
        if doc is None or items is None:
            structure_unreadable = True
            continue
        for index, item in enumerate(items):
            spec = reader.validate(path, doc, PageSpec, item, ("pages", index))
            if spec is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    broken_ids.add(item["id"])
                continue
            origin = Origin(reader.name(path), doc.line_of(("pages", index, "id")))
            if spec.id in pages:
                first = page_origins[spec.id]
                reader.problems.append(
                    Problem(origin.file, origin.line,
                            f"page '{spec.id}' is already declared at {first.file}:{first.line}")
                )
                continue
            if spec.id in BUILTIN_SCREENS:
                reader.problems.append(
                    Problem(origin.file, origin.line, f"'{spec.id}' is a built-in screen name")
                )
                continue
            pages[spec.id] = spec
            page_origins[spec.id] = origin
            spec_origins.update(_spec_origins(origin.file, doc, index, spec))
    if not pages and not broken_ids and not structure_unreadable:
        reader.problems.append(Problem(reader.name(root / "pages"), 0, "no pages found"))
    return _Structure(pages, page_origins, spec_origins, broken_ids, structure_unreadable)


@dataclass(frozen=True)
class _Texts:
    """The page texts and snippets of every language, with the line of each part."""

    texts: dict[str, dict[str, PageText]]
    snippets: dict[str, dict[str, str]]
    text_origins: dict[tuple[str, str], Origin]
    body_origins: dict[tuple[str, str], Origin]
    literal_bodies: set[tuple[str, str]]
    field_origins: dict[tuple[str, str, str], Origin]
    snippet_origins: dict[tuple[str, str], Origin]
    broken: set[str]  # page ids whose text has errors of its own
    # A text file that cannot be read hides which pages it gives text for: then "page X has no
    # English text" would only repeat that one mistake, so it is not said.
    unreadable_locales: set[str]


def _read_texts(reader: _Reader, root: Path, structure: _Structure) -> _Texts:
    """Read ``text/<language>/*.yaml``; every page needs English, the fallback of the others."""
    texts = _Texts({locale: {} for locale in LOCALES}, {locale: {} for locale in LOCALES},
                   {}, {}, set(), {}, {}, set(), set())
    for child in sorted((root / "text").iterdir()) if (root / "text").is_dir() else []:
        if child.is_dir() and child.name not in LOCALES:
            reader.problems.append(
                Problem(reader.name(child), 0,
                        f"unknown language folder; use one of: {', '.join(LOCALES)}")
            )
    for locale in LOCALES:
        for path in sorted((root / "text" / locale).glob("*.yaml")):
            _read_text_file(reader, path, locale, structure, texts)

    for page_id, origin in structure.origins.items():
        if page_id not in texts.texts[FALLBACK_LOCALE] and page_id not in texts.broken \
                and FALLBACK_LOCALE not in texts.unreadable_locales:
            section = origin.file.rsplit("/", 1)[-1]
            reader.problems.append(
                Problem(origin.file, origin.line,
                        f"page '{page_id}' has no English text; add it to "
                        f"{reader.name(root / 'text' / FALLBACK_LOCALE / section)}")
            )
    return texts


def _read_text_file(reader: _Reader, path: Path, locale: str, structure: _Structure,
                    texts: _Texts) -> None:
    """Add one text file's pages and snippets to ``texts`` (a language spans many files)."""
    doc = reader.parse(path)
    if doc is None:
        texts.unreadable_locales.add(locale)
        return
    name = reader.name(path)
    page_items = reader.items(path, doc, "pages", dict)
    snippet_items = reader.items(path, doc, "snippets", dict) or {}
    if page_items is None:
        texts.unreadable_locales.add(locale)
        page_items = {}
    for page_id, raw_text in page_items.items():
        page_id = str(page_id)
        line = doc.line_of(("pages", page_id))
        page_text = reader.validate(path, doc, PageText, raw_text, ("pages", page_id))
        if page_text is None:
            texts.broken.add(page_id)
            continue
        if page_id in texts.texts[locale]:
            first = texts.text_origins[(locale, page_id)]
            reader.problems.append(
                Problem(name, line, f"text for '{page_id}' is already given at "
                                    f"{first.file}:{first.line}")
            )
            continue
        if page_id not in structure.pages:
            if page_id in structure.broken or structure.unreadable:
                continue
            reader.problems.append(
                Problem(name, line, f"text for unknown page '{page_id}'; declare it in "
                                    "content/pages/ or fix the id")
            )
            continue
        texts.texts[locale][page_id] = page_text
        texts.text_origins[(locale, page_id)] = Origin(name, line)
        texts.body_origins[(locale, page_id)] = Origin(
            name, doc.value_lines.get(("pages", page_id, "body"), line)
        )
        if ("pages", page_id, "body") in doc.literal:
            texts.literal_bodies.add((locale, page_id))
        texts.field_origins.update(_field_origins(name, doc, locale, page_id, page_text))
    for snippet, body in snippet_items.items():
        snippet = str(snippet)
        if not isinstance(body, str):
            reader.problems.append(Problem(name, doc.line_of(("snippets", snippet)),
                                           f"snippet '{snippet}' should be text"))
            continue
        if snippet in texts.snippets[locale]:
            reader.problems.append(
                Problem(name, doc.line_of(("snippets", snippet)),
                        f"snippet '{snippet}' is defined twice in {locale}")
            )
        texts.snippets[locale][snippet] = body
        texts.snippet_origins[(locale, snippet)] = Origin(
            name, doc.value_lines.get(("snippets", snippet), 1))


@dataclass(frozen=True)
class _Sources:
    """The sources pages and services cite."""

    sources: dict[str, Source]
    origins: dict[str, Origin]
    # Sources that cannot be read are one problem, not one per page that cites them.
    unreadable: bool


def _read_sources(reader: _Reader, root: Path) -> _Sources:
    """Read ``sources.yaml`` (optional), keeping the line of each source's title."""
    parsed_sources = reader.read_optional(root / "sources.yaml", SourcesFile)
    sources_unreadable = parsed_sources is None and (root / "sources.yaml").exists()
    sources: dict[str, Source] = dict(parsed_sources[0].sources) if parsed_sources else {}
    source_origins: dict[str, Origin] = {}
    if parsed_sources:
        sources_name = reader.name(root / "sources.yaml")
        source_origins = {
            source_id: Origin(sources_name,
                              parsed_sources[1].value_lines.get(("sources", source_id, "title"), 1))
            for source_id in sources}
    return _Sources(sources, source_origins, sources_unreadable)


def _read_campaigns(reader: _Reader, root: Path,
                    structure: _Structure) -> tuple[dict[str, str], tuple[str, ...]]:
    """Read ``campaigns.yaml`` (optional): the campaigns and the outreach card order."""
    parsed_campaigns = reader.read_optional(root / "campaigns.yaml", CampaignsFile)
    campaigns = dict(parsed_campaigns[0].campaigns) if parsed_campaigns else {}
    outreach_cards: tuple[str, ...] = ()
    if parsed_campaigns and not structure.unreadable:
        outreach_cards, outreach_problems = _outreach_cards(
            reader.name(root / "campaigns.yaml"), *parsed_campaigns, structure.pages,
            structure.broken)
        reader.problems.extend(outreach_problems)
    return campaigns, outreach_cards


@dataclass(frozen=True)
class _Services:
    """The regions and the services in them, with the lines ``check`` points at."""

    regions: dict[str, Region]
    region_origins: dict[str, Origin]
    region_page_lines: dict[str, int]
    services: tuple[Service, ...]
    service_origins: dict[str, Origin]
    field_origins: dict[tuple[str, str], Origin]
    unreadable: bool  # the file is there but could not be read (bodies may list its services)


def _read_services(reader: _Reader, root: Path, sources: _Sources) -> _Services:
    """Read ``services.yaml`` (optional); a service must be in a region and cite real sources."""
    services_path = root / "services.yaml"
    parsed_services = reader.read_optional(services_path, ServicesFile)
    if parsed_services is None:
        return _Services({}, {}, {}, (), {}, {}, services_path.exists())
    services_file, doc = parsed_services
    regions = dict(services_file.regions)
    name = reader.name(services_path)
    region_origins = {
        region_id: Origin(name, doc.line_of(("regions", region_id, "emergency")))
        for region_id in regions
    }
    region_page_lines = {rid: doc.line_of(("regions", rid, "page")) for rid in regions}
    reader.problems.extend(_shared_countries(name, doc, regions))
    services: list[Service] = []
    service_origins: dict[str, Origin] = {}
    service_field_origins: dict[tuple[str, str], Origin] = {}
    for index, service in enumerate(services_file.services):
        line = doc.line_of(("services", index, "id"))
        if service.id in service_origins:
            reader.problems.append(Problem(name, line,
                                           f"service '{service.id}' is listed twice"))
        if service.region not in regions:
            reader.problems.append(Problem(name, line,
                                           f"service '{service.id}' is in unknown region "
                                           f"'{service.region}'; add it under regions:"))
        for cited, source_id in enumerate(service.sources):
            if source_id not in sources.sources and not sources.unreadable:
                reader.problems.append(Problem(name, doc.line_of(("services", index,
                                                                  "sources", cited)),
                                               f"service '{service.id}' cites unknown "
                                               f"source '{source_id}'"))
        for field_name in ("phone", "short_number", "verified", "contact"):
            if getattr(service, field_name) is not None:
                service_field_origins[(service.id, field_name)] = Origin(
                    name, doc.line_of(("services", index, field_name)))
        if service.short_number is not None and service.short_number not in sources.sources \
                and not sources.unreadable:
            reader.problems.append(Problem(
                name, doc.line_of(("services", index, "short_number")),
                f"service '{service.id}': short_number names source "
                f"'{service.short_number}', which is not in content/sources.yaml"))
        services.append(service)
        service_origins[service.id] = Origin(name, line)
    return _Services(regions, region_origins, region_page_lines, tuple(services),
                     service_origins, service_field_origins, False)


@dataclass(frozen=True)
class _Editorial:
    """What the editorial tools read: review rules, vocabulary, translated-from records."""

    review_rules: ReviewRules
    vocabulary: Vocabulary
    vocabulary_lines: dict[tuple[str | int, ...], int]
    translated_from: dict[str, dict[str, str]]


def _read_editorial(reader: _Reader, root: Path) -> _Editorial:
    """Read the optional files the editorial tools keep; a missing one means the defaults."""
    parsed_rules = reader.read_optional(root / "review.yaml", ReviewRules)
    parsed_vocabulary = reader.read_optional(root / "vocabulary.yaml", Vocabulary)
    translated_from: dict[str, dict[str, str]] = {}
    for locale in LOCALES:  # written by `python -m bot translations`, never by hand
        record = reader.read_optional(root / "records" / "translated-from" / f"{locale}.yaml",
                                      TranslatedFromFile)
        if record is not None:
            translated_from[locale] = dict(record[0].pages)
    return _Editorial(
        review_rules=parsed_rules[0] if parsed_rules else ReviewRules(),
        vocabulary=parsed_vocabulary[0] if parsed_vocabulary else Vocabulary(),
        vocabulary_lines=parsed_vocabulary[1].lines if parsed_vocabulary else {},
        translated_from=translated_from,
    )


def _cross_link(reader: _Reader, root: Path, structure: _Structure, sources: _Sources,
                services: _Services) -> dict[str, str]:
    """Check what one file names in another (regions' pages, links, sources cited, aliases,
    the home page) once all are read; returns the aliases. Nothing is said about a name in a
    file that could not be read: that would only repeat its one load error."""
    pages, page_origins, unreadable = structure.pages, structure.origins, structure.unreadable
    for region_id, region in services.regions.items():
        if region.page and region.page not in pages and not unreadable:
            reader.problems.append(Problem(reader.name(root / "services.yaml"),
                                           services.region_page_lines.get(region_id, 0),
                                           f"region '{region_id}' names page '{region.page}', "
                                           "which does not exist"))

    for page_id, spec in pages.items():
        origin = page_origins[page_id]
        links = [(f"children.{i}", target) for i, target in enumerate(spec.children)]
        links += [(f"buttons.{i}", button.to) for i, button in enumerate(spec.buttons)]
        for item, target in links:
            if target not in pages and target not in BUILTIN_SCREENS \
                    and target not in structure.broken and not unreadable:
                where = structure.spec_origins.get((page_id, item), origin)
                reader.problems.append(
                    Problem(where.file, where.line,
                            f"page '{page_id}' links to '{target}', which does not exist")
                )
        for cited, source_id in enumerate(spec.sources):
            if source_id not in sources.sources and not sources.unreadable:
                where = structure.spec_origins.get((page_id, f"sources.{cited}"), origin)
                reader.problems.append(
                    Problem(where.file, where.line,
                            f"page '{page_id}' cites source '{source_id}', which is not in "
                            "content/sources.yaml")
                )
    aliases = _aliases(pages, page_origins, structure.spec_origins, reader.problems)
    if pages and HOME not in pages and HOME not in structure.broken and not unreadable:
        reader.problems.append(
            Problem(reader.name(root / "pages"), 0, f"there must be a page with id '{HOME}'")
        )
    return aliases


def _leave_out(structure: _Structure, texts: _Texts, sources: _Sources, services: _Services,
               aliases: dict[str, str]) -> tuple[dict[str, PageSpec],
                                                 dict[str, dict[str, PageText]],
                                                 dict[str, Region], dict[str, str], LeftOut]:
    """The pages, texts, regions and aliases without the broken parts and links to them, and
    what was left out, so ``check``'s other rules run on the rest without repeating errors."""
    english = texts.texts[FALLBACK_LOCALE]
    dropped = {page_id for page_id in structure.pages if page_id not in english}
    pages = {page_id: spec for page_id, spec in structure.pages.items()
             if page_id not in dropped}
    pages, trimmed = without_missing_links(pages, set(sources.sources))
    page_texts = {locale: {k: v for k, v in texts.texts[locale].items() if k in pages}
                  for locale in LOCALES}
    regions = {rid: region if region.page is None or region.page in pages
               else region.model_copy(update={"page": None})
               for rid, region in services.regions.items()}
    aliases = {old: new for old, new in aliases.items() if new in pages}
    left_out = LeftOut(
        pages=frozenset(structure.broken | dropped), structure=structure.unreadable,
        texts=frozenset((locale, page_id) for locale in LOCALES for page_id in texts.broken
                        if page_id not in page_texts[locale]),
        locales=frozenset(texts.unreadable_locales), trimmed=frozenset(trimmed),
        services=services.unreadable)
    return pages, page_texts, regions, aliases, left_out


def without_missing_links(pages: dict[str, PageSpec],
          sources: set[str]) -> tuple[dict[str, PageSpec], set[str]]:
    """Pages without their links to pages that are not there and their unknown sources."""
    trimmed: set[str] = set()
    kept: dict[str, PageSpec] = {}
    for page_id, spec in pages.items():
        children = [c for c in spec.children if c in pages or c in BUILTIN_SCREENS]
        buttons = [b for b in spec.buttons if b.to in pages or b.to in BUILTIN_SCREENS]
        cited = [s for s in spec.sources if s in sources]
        if (children, buttons, cited) != (spec.children, spec.buttons, spec.sources):
            trimmed.add(page_id)
            spec = spec.model_copy(update={"children": children, "buttons": buttons,
                                           "sources": cited})
        kept[page_id] = spec
    return kept, trimmed


def _spec_origins(name: str, doc: YamlDoc, index: int,
                  spec: PageSpec) -> dict[tuple[str, str], Origin]:
    """The line of each item of a page's structure, so a problem with one button points at it."""
    base: tuple[str | int, ...] = ("pages", index)
    items: list[tuple[str | int, ...]] = [("outcome",)] if spec.outcome else []
    for key in ("children", "sources", "aliases"):
        items += [(key, i) for i in range(len(getattr(spec, key)))]
    for i, button in enumerate(spec.buttons):
        items += [("buttons", i)] + ([("buttons", i, "label")] if button.label else [])
    items += [("urls", i) for i in range(len(spec.urls))]
    return {(spec.id, ".".join(map(str, item))): Origin(name, doc.line_of(base + item))
            for item in items}


def _field_origins(name: str, doc: YamlDoc, locale: str, page_id: str,
                   text: PageText) -> dict[tuple[str, str, str], Origin]:
    """The line of each short field of a page's text (the body has its own origin)."""
    base = ("pages", page_id)
    fields = [field for field in ("title", "button", "summary") if getattr(text, field)]
    fields += [f"labels.{key}" for key in text.labels]
    fields += [f"keywords.{index}" for index in range(len(text.keywords))]
    origins: dict[tuple[str, str, str], Origin] = {}
    for field in fields:
        path = base + tuple(int(p) if p.isdigit() else p for p in field.split("."))
        origins[(locale, page_id, field)] = Origin(name, doc.line_of(path))
    return origins


def _outreach_cards(name: str, campaigns: CampaignsFile, doc: YamlDoc,
                    pages: dict[str, PageSpec],
                    broken_ids: set[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """The outreach card order, every entry a page, each once."""
    problems: list[Problem] = []
    order: list[str] = []
    for index, page_id in enumerate(campaigns.outreach_cards):
        line = doc.line_of(("outreach_cards", index))
        if page_id in broken_ids:
            continue
        if page_id not in pages:
            problems.append(Problem(name, line, f"outreach_cards: '{page_id}' is not a page; "
                                                "use a page id from content/pages/"))
        elif page_id in order:
            problems.append(Problem(name, line, f"outreach_cards: '{page_id}' is listed twice"))
        else:
            order.append(page_id)
    return tuple(order), problems


def _aliases(pages: dict[str, PageSpec], origins: dict[str, Origin],
             spec_origins: dict[tuple[str, str], Origin],
             problems: list[Problem]) -> dict[str, str]:
    """Old page ids mapped to the page that now answers them; an old id is never a live one."""
    aliases: dict[str, str] = {}
    for page_id, spec in pages.items():
        for index, alias in enumerate(spec.aliases):
            origin = spec_origins.get((page_id, f"aliases.{index}"), origins[page_id])
            if alias in pages or alias in BUILTIN_SCREENS:
                problems.append(Problem(origin.file, origin.line,
                                        f"alias '{alias}' of '{page_id}' is the id of a page; "
                                        "an alias must be an id no page has"))
            elif alias in aliases:
                problems.append(Problem(origin.file, origin.line,
                                        f"alias '{alias}' of '{page_id}' is already an alias of "
                                        f"'{aliases[alias]}'"))
            else:
                aliases[alias] = page_id
    return aliases



def _shared_countries(name: str, doc: YamlDoc, regions: dict[str, Region]) -> list[Problem]:
    """A country in two regions would have two emergency numbers: that is always a mistake."""
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for region_id, region in regions.items():
        for index, country in enumerate(region.countries):
            line = doc.line_of(("regions", region_id, "countries", index))
            if country in first:
                where = ("twice in this region" if first[country] == region_id
                         else f"already in region '{first[country]}'")
                problems.append(Problem(name, line, f"region '{region_id}': country {country} "
                                                    f"is {where}; a country belongs to one "
                                                    "region only"))
            else:
                first[country] = region_id
    return problems


def page_parents(pages: dict[str, PageSpec]) -> dict[str, str]:
    """Each page's parent is the page that first reaches it from home (breadth first)."""
    parents: dict[str, str] = {}
    queue: deque[str] = deque([HOME])
    seen = {HOME}
    while queue:
        current = queue.popleft()
        spec = pages.get(current)
        if spec is None:
            continue
        for target in spec.targets():
            if target in pages and target not in seen:
                seen.add(target)
                parents[target] = current
                queue.append(target)
    return parents


def reachable(content: Content) -> set[str]:
    return {HOME, *content.parents}
