"""Translators' files: the page texts as gettext PO, for the translation tool a translator uses.

One entry per field a page has in English (title, button, summary, keywords, labels, body) and
per snippet: ``msgctxt`` names it (``bladder_signs.body``, ``snippet:bladder_today``), ``msgid``
is the English, ``msgstr`` the translation, the extracted comment says which page and field it is,
the reference points at the English line, and translators' own comments are kept between
exports (in the translated-from record). A translation whose English changed since it was made
is exported as fuzzy. Import refuses the whole file if a changed translation drops or changes a
``{{ … }}``, ``{% … %}`` or an HTML tag, so a translation tool cannot break a page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import yaml
from pydantic import ValidationError

from bot.checking.check import translation_file
from bot.editorial.records import read_notes, tidy_records, write_translated_from
from bot.model.loader import load_content
from bot.model.model import FALLBACK_LOCALE, LOCALES, Content, PageText
from bot.model.reviews import page_version, read_snapshot, save_snapshot, stale_translations
from bot.model.yamlfile import parse_yaml

SNIPPET = "snippet:"
_TOKENS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|</?[A-Za-z][^<>]*>", re.DOTALL)
_KEYWORD_SPLIT = re.compile(r"\s*[,，、]\s*")


class PoError(Exception):
    """A PO file that cannot be imported; the message lists every entry to fix."""


def _fields(text: PageText) -> dict[str, str]:
    """A page text as the fields a translator translates, each one string."""
    fields = {"title": text.title}
    if text.button:
        fields["button"] = text.button
    if text.summary:
        fields["summary"] = text.summary
    if text.keywords:
        fields["keywords"] = ", ".join(text.keywords)
    fields.update({f"labels.{key}": value for key, value in text.labels.items()})
    if text.body:
        fields["body"] = text.body
    return fields


def po_language(locale: str) -> str:
    return locale.replace("-", "_")


@dataclass(frozen=True)
class Exported:
    entries: int
    fuzzy: int  # translated from an older English: to check
    untranslated: int

    @property
    def to_translate(self) -> int:
        return self.fuzzy + self.untranslated


def export_po(content_dir: Path, locale: str, out: Path) -> Exported:
    content = load_content(content_dir)
    po = build_po(content, locale, read_notes(content_dir, locale),
                  made_from_english(content_dir, content, locale))
    out.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(out))
    fuzzy = sum(1 for entry in po if entry.fuzzy)
    untranslated = sum(1 for entry in po if not entry.msgstr and _has_words(entry.msgid))
    return Exported(len(po), fuzzy, untranslated)


_SNIPPET_HEAD = re.compile(r"^snippet ([a-z][a-z0-9_]*):$")


def version_fields(version: str) -> tuple[dict[str, str], dict[str, str]]:
    """A recorded page version (reviews.page_version) read back as the fields a translator
    translates, and the snippets it included: what the English said then."""
    fields: dict[str, str] = {}
    snippets: dict[str, str] = {}
    lines = version.rstrip("\n").split("\n")
    index = 0
    while index < len(lines) and lines[index] != "body:":
        name, _, value = lines[index].partition(": ")
        if name in ("title", "button", "summary", "keywords") or name.startswith("labels."):
            fields[name] = value
        index += 1
    current: list[str] = []
    target = "body"
    for line in lines[index + 1:]:
        head = _SNIPPET_HEAD.match(line)
        if head:
            (fields if target == "body" else snippets)[target] = "\n".join(current)
            target, current = head[1], []
        else:
            current.append(line)
    if index < len(lines):
        (fields if target == "body" else snippets)[target] = "\n".join(current)
    return fields, snippets


def made_from_english(content_dir: Path, content: Content,
                      locale: str) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """For each page whose ``locale`` text was made from an older English that was kept: that
    English's fields and snippets."""
    found: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for item in stale_translations(content):
        if item.locale != locale or item.made_from is None:
            continue
        version = read_snapshot(content_dir, content, item.page, item.made_from)
        if version is not None:
            found[item.page] = version_fields(version)
    return found


def build_po(content: Content, locale: str, notes: dict[str, str],
             before: dict[str, tuple[dict[str, str], dict[str, str]]] | None = None,
             ) -> polib.POFile:
    """``before``: the English each stale page was translated from, so only the fields whose
    English changed are fuzzy, each with the English it was translated from (``#| msgid``);
    a stale page without it is fuzzy throughout."""
    before = before or {}
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "k-safer content",
        "Language": po_language(locale),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": FALLBACK_LOCALE,
    }
    stale = {item.page for item in stale_translations(content) if item.locale == locale}
    changed_snippets: dict[str, str] = {}  # snippet -> its English then
    for _, snippets in before.values():
        for name, then in snippets.items():
            now = content.snippets.get(FALLBACK_LOCALE, {}).get(name)
            if now is not None and now.rstrip("\n") != then:
                changed_snippets.setdefault(name, then)
    english = content.texts[FALLBACK_LOCALE]
    for page_id in content.link_order():
        if page_id not in english:
            continue
        translated = content.texts.get(locale, {}).get(page_id)
        theirs = _fields(translated) if translated else {}
        for field, source in _fields(english[page_id]).items():
            origin = content.origins.bodies.get((FALLBACK_LOCALE, page_id)) if field == "body" \
                else content.origins.fields.get((FALLBACK_LOCALE, page_id, field.replace(
                    "keywords", "keywords.0")),
                                               content.origins.texts.get((FALLBACK_LOCALE,
                                                                         page_id)))
            context = f"{page_id}.{field}"
            keep = " Keep {{ … }}, {% … %} and <tags> exactly as they are." \
                if _TOKENS.search(source) else ""
            entry = polib.POEntry(
                msgctxt=context, msgid=source, msgstr=theirs.get(field, ""),
                comment=f"page {page_id} ({english[page_id].title}), {field}.{keep}",
                tcomment=notes.get(context, ""),
                occurrences=[(origin.file, str(origin.line))] if origin else [])
            if page_id in stale and entry.msgstr:
                was = _changed(before, page_id, field, source, _fields(english[page_id]))
                if was is not None:  # this field's English changed since
                    entry.flags.append("fuzzy")
                    if was:
                        entry.previous_msgid = was
            po.append(entry)
    for name, source in sorted(content.snippets.get(FALLBACK_LOCALE, {}).items()):
        context = f"{SNIPPET}{name}"
        origin = content.origins.snippets.get((FALLBACK_LOCALE, name))
        snippet = polib.POEntry(
            msgctxt=context, msgid=source,
            msgstr=content.snippets.get(locale, {}).get(name, ""),
            comment=f"snippet {name}: text several pages include. Keep {{{{ … }}}}, {{% … %}} "
                    "and <tags> exactly as they are.",
            tcomment=notes.get(context, ""),
            occurrences=[(origin.file, str(origin.line))] if origin else [])
        if name in changed_snippets and snippet.msgstr:
            snippet.flags.append("fuzzy")
            snippet.previous_msgid = _as_field(changed_snippets[name], source)
        po.append(snippet)
    return po


def _has_words(source: str) -> bool:
    """Whether an English text has words to translate, not only template tags (a snippet that
    only sets a list of services is used as it is in every language)."""
    return bool(re.search(r"\w", _TOKENS.sub("", source)))


def _as_field(then: str, now: str) -> str:
    """Recorded versions drop a text's final line break; give it back as the field has it."""
    return then + "\n" if now.endswith("\n") and not then.endswith("\n") else then


def _changed(before: dict[str, tuple[dict[str, str], dict[str, str]]], page_id: str,
             field: str, source: str, english: dict[str, str]) -> str | None:
    """None when this field's English is what the translation was made from; otherwise the
    English then, or "" when that is not known (the old English was not kept, the field is new,
    or no field changed: the page moved on in a snippet, so every field is to check)."""
    if page_id not in before:
        return ""
    fields = before[page_id][0]
    if all(fields.get(name, "").rstrip("\n") == value.rstrip("\n")
           for name, value in english.items()):
        return ""
    then = fields.get(field)
    if then is None:
        return ""
    if then.rstrip("\n") == source.rstrip("\n"):
        return None
    return _as_field(then, source)


def token_problems(context: str, source: str, translation: str) -> list[str]:
    """What a translation did to the placeholders and tags of its English, in plain words."""
    wanted, got = Counter(_TOKENS.findall(source)), Counter(_TOKENS.findall(translation))
    problems = [f"{context}: the translation drops {token}" for token in sorted(wanted - got)]
    problems += [f"{context}: the translation has {token}, which the English does not"
                 for token in sorted(got - wanted)]
    return problems


def import_po(content_dir: Path, source: Path, locale: str | None = None) -> list[str]:
    """Write the translations of a PO file into content/text/<locale>/; returns what it did."""
    if not source.is_file():
        raise PoError(f"{source}: no such file")
    try:
        po = polib.pofile(str(source))
    except (OSError, ValueError) as exc:
        raise PoError(f"{source}: cannot read this PO file ({exc})") from None
    header = po.metadata.get("Language", "").replace("_", "-")
    locale = locale or header
    if locale not in LOCALES or locale == FALLBACK_LOCALE:
        raise PoError(f"{source}: say which language it is in with --locale "
                      f"({', '.join(LOCALES[1:])})")
    if header and header != locale:
        raise PoError(f"{source} is a {header} file, not {locale}")
    content = load_content(content_dir)
    english = content.texts[FALLBACK_LOCALE]
    current = content.texts.get(locale, {})
    problems: list[str] = []
    page_fields: dict[str, dict[str, str]] = {}
    snippets: dict[str, str] = {}
    matches_english: dict[str, bool] = {}
    notes = read_notes(content_dir, locale)
    skipped_fuzzy = 0
    for entry in po:
        if entry.obsolete:
            continue
        context = entry.msgctxt or ""
        if entry.tcomment:
            notes[context] = entry.tcomment
        else:
            notes.pop(context, None)
        if context.startswith(SNIPPET):
            name = context.removeprefix(SNIPPET)
            now = content.snippets.get(FALLBACK_LOCALE, {}).get(name)
            had = content.snippets.get(locale, {}).get(name)
        else:
            page_id, _, field = context.partition(".")
            if page_id not in english or field not in _fields(english[page_id]):
                problems.append(f"{context or entry.msgid[:30]!r}: not a page field or snippet "
                                "of this content; export a fresh file")
                continue
            now = _fields(english[page_id])[field]
            had = _fields(current[page_id]).get(field) if page_id in current else None
            matches_english.setdefault(page_id, True)
            if entry.msgid != now or "fuzzy" in entry.flags or not entry.msgstr:
                matches_english[page_id] = False
        if now is None:
            problems.append(f"{context}: no such snippet in English")
            continue
        if not entry.msgstr:
            continue
        if "fuzzy" in entry.flags:
            skipped_fuzzy += 1
            continue
        if entry.msgstr == had:
            continue
        # the placeholders and tags of the English, or of the translation as it was (a
        # language may list regions in its own order)
        if token_problems(context, had or "", entry.msgstr) or had is None:
            problems += token_problems(context, now, entry.msgstr)
        if context.startswith(SNIPPET):
            snippets[context.removeprefix(SNIPPET)] = entry.msgstr
        else:
            page_fields.setdefault(page_id, {})[field] = entry.msgstr
    new_texts: dict[str, PageText] = {}
    for page_id, changes in page_fields.items():
        try:
            new_texts[page_id] = _apply(current.get(page_id), changes)
        except ValidationError as exc:
            problems.append(f"{page_id}: {exc.errors()[0]['msg']}")
        except ValueError as exc:
            problems.append(f"{page_id}: {exc}")
    if problems:
        raise PoError("Nothing was imported; fix these entries in the translation tool, save, "
                      "and import the PO file again:\n" + "\n".join(f"  {p}" for p in problems))
    done: list[str] = []
    for page_id, text in new_texts.items():
        path = content_dir.resolve().parent / translation_file(content, page_id, locale)
        write_page_text(path, page_id, text)
        done.append(f"{locale} text of '{page_id}' updated in {path.name}")
    for name, body in snippets.items():
        english_origin = content.origins.snippets.get((FALLBACK_LOCALE, name))
        file = english_origin.file.replace(f"/text/{FALLBACK_LOCALE}/", f"/text/{locale}/", 1) \
            if english_origin else f"content/text/{locale}/snippets.yaml"
        path = content_dir.resolve().parent / file
        write_snippet(path, name, body)
        done.append(f"{locale} snippet '{name}' updated in {path.name}")
    content = load_content(content_dir)  # the written files load, or this raises
    records = dict(content.translated_from.get(locale, {}))
    confirmed = []
    for page_id, ok in matches_english.items():
        version = page_version(content, page_id, FALLBACK_LOCALE)
        if ok and page_id in content.texts.get(locale, {}) and version is not None:
            key = save_snapshot(content_dir, content, page_id, version)
            if records.get(page_id) != key:
                records[page_id] = key
                confirmed.append(page_id)
        elif page_id in new_texts:  # changed, but not all against the English of today
            records.pop(page_id, None)
    write_translated_from(content_dir, locale, records, notes)
    tidy_records(content_dir)  # the English no record names any more
    if confirmed:
        done.append(f"now marked as translated from the current English: {', '.join(confirmed)}")
    behind = sorted(page for page, ok in matches_english.items() if not ok)
    if behind:
        done.append(f"{len(behind)} page(s) still behind the English (fuzzy, untranslated, or "
                    "exported from an older English): python -m bot review lists them")
    if skipped_fuzzy:
        done.append(f"{skipped_fuzzy} fuzzy entr{'y' if skipped_fuzzy == 1 else 'ies'} left "
                    "out: clear 'fuzzy' in the tool once a translation is right")
    return done or ["nothing changed"]


def _apply(text: PageText | None, changes: dict[str, str]) -> PageText:
    data: dict[str, Any] = text.model_dump(exclude_defaults=True) if text else {}
    labels = dict(data.get("labels", {}))
    for field, value in changes.items():
        if field.startswith("labels."):
            labels[field.removeprefix("labels.")] = value
        elif field == "keywords":
            data["keywords"] = [word for word in _KEYWORD_SPLIT.split(value.strip()) if word]
        else:
            data[field] = value
    if labels:
        data["labels"] = labels
    if "title" not in data:
        raise ValueError("a new translation needs its title too")
    return PageText.model_validate(data)


# --- writing the YAML of one page text, in the layout editors use ---

def _plain(value: str, in_flow: bool = False) -> str:
    """``value`` as YAML: plain when it reads back the same, otherwise double-quoted."""
    special = ",[]{}#:" if in_flow else "#"
    if value and value == value.strip() and "\n" not in value and ": " not in value \
            and not any(ch in value for ch in special) and not value.startswith(
                ("'", '"', "&", "*", "!", "|", ">", "%", "@", "`", "-", "?", "{", "[", ":")):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return _quoted(value)


# What YAML cannot hold as it is (PyYAML's reader refuses it) or reads as a line break.
_UNSAFE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                     "\uff00-\ufffd\U00010000-\U0010ffff]")


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back exactly ``value``, whatever it holds."""
    def escape(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
            else f"\\U{code:08x}"
    body = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE.sub(escape, body).replace("\n", "\\n").replace("\t", "\\t") + '"'


def _block(value: str, indent: str) -> str:
    """A literal block (``|``) as editors write bodies; double quotes where a block cannot say
    the text exactly (leading space, blank-looking lines, tabs, trailing blank lines)."""
    lines = value.split("\n")
    if not value or value[0] in " \n" or "\t" in value or value.endswith("\n\n") \
            or _UNSAFE.search(value) or any(line.strip() == "" and line for line in lines):
        return " " + _quoted(value) + "\n"
    chomp = "" if value.endswith("\n") else "-"
    if value.endswith("\n"):
        lines = lines[:-1]
    return f" |{chomp}\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in lines)


FIELD_ORDER = ("title", "button", "summary", "keywords", "labels", "body")


def page_block(page_id: str, text: PageText, order: list[str] | None = None) -> str:
    """The page's entry in a text file; fields in ``order`` (the order the file had)."""
    fields: dict[str, str] = {"title": f"    title: {_plain(text.title)}\n"}
    if text.button:
        fields["button"] = f"    button: {_plain(text.button)}\n"
    if text.summary:
        fields["summary"] = f"    summary: {_plain(text.summary)}\n"
    if text.keywords:
        words = ", ".join(_plain(word, in_flow=True) for word in text.keywords)
        fields["keywords"] = f"    keywords: [{words}]\n"
    if text.labels:
        fields["labels"] = "    labels:\n" + "".join(
            f"      {_plain(key)}: {_plain(value)}\n" for key, value in text.labels.items())
    if text.body:
        fields["body"] = "    body:" + _block(text.body, "      ")
    names = [name for name in order or () if name in fields]
    names += [name for name in FIELD_ORDER if name in fields and name not in names]
    return f"  {_plain(page_id)}:\n" + "".join(fields[name] for name in names)


def _entry_span(lines: list[str], key_line: int) -> int:
    """The last line of the entry whose key is on ``key_line`` (0-based), comments after it
    left to whatever follows."""
    end = key_line
    for number in range(key_line + 1, len(lines)):
        line = lines[number]
        if line.strip() and not line.lstrip().startswith("#"):
            if len(line) - len(line.lstrip(" ")) <= 2:
                break
            end = number
        elif line.strip() and len(line) - len(line.lstrip(" ")) > 2:
            end = number  # a '#' line inside a block scalar is text
    return end


def _replace_entry(path: Path, section: str, key: str, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else f"{section}:\n"
    doc = parse_yaml(text)
    data = doc.data if isinstance(doc.data, dict) else {}
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if isinstance(data.get(section), dict) and key in data[section]:
        start = doc.lines[(section, key)] - 1
        lines[start:_entry_span(lines, start) + 1] = [block]
    elif section in data:
        start = doc.lines[(section,)] - 1
        end = start
        for number in range(start + 1, len(lines)):
            line = lines[number]
            if line.strip() and not line.startswith((" ", "#")):
                break
            if line.strip():
                end = number
        if data.get(section) is None:
            lines[start] = f"{section}:\n"
        lines[end + 1:end + 1] = ["\n", block] if end > start else [block]
    else:
        lines += ["\n", f"{section}:\n", block]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")


def write_page_text(path: Path, page_id: str, text: PageText) -> None:
    """Put ``text`` as the page's entry in ``path``, leaving every other entry as it was."""
    order: list[str] = []
    if path.exists():
        pages = parse_yaml(path.read_text(encoding="utf-8")).data.get("pages") or {}
        if isinstance(pages.get(page_id), dict):
            order = [str(key) for key in pages[page_id]]
    _replace_entry(path, "pages", page_id, page_block(page_id, text, order))
    written = parse_yaml(path.read_text(encoding="utf-8")).data["pages"][page_id]
    if PageText.model_validate(written) != text:  # pragma: no cover - a bug in page_block
        raise PoError(f"{path}: the text of '{page_id}' did not read back the same")


def write_snippet(path: Path, name: str, body: str) -> None:
    _replace_entry(path, "snippets", name, f"  {name}:" + _block(body, "    "))
    if parse_yaml(path.read_text(encoding="utf-8")).data["snippets"][name] != body:
        raise PoError(f"{path}: snippet '{name}' did not read back the same")  # pragma: no cover
