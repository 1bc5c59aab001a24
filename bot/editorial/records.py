"""Writing review and translation records, so nobody types a fingerprint or a snapshot by hand.

A review goes into the page's own structure file (``reviews:`` under the page), inserted as one
line so the comments and layout around it stay as the editors wrote them. Translation records
are machine files (``content/records/translated-from/<language>.yaml``), rewritten whole.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from bot.model.loader import load_content
from bot.model.model import FALLBACK_LOCALE, LOCALES, REVIEW_ROLES, Content, Review
from bot.model.reviews import (
    TRANSLATED_FROM,
    page_version,
    role_locale,
    save_snapshot,
    tidy_history,
)
from bot.model.yamlfile import YamlSyntaxError, parse_yaml


class RecordError(Exception):
    """A record that cannot be written, with a message an editor can act on."""


def record_review(content_dir: Path, page_id: str, role: str, *, by: str | None = None,
                  day: dt.date | None = None, today: dt.date | None = None) -> Review:
    """Record that ``role`` reviewed the page's text as it is now.

    ``today`` is passed in (defaulting to the clock) so that tests never depend on the date.
    """
    content = load_content(content_dir)
    page_id = content.canonical(page_id)
    if page_id not in content.pages:
        raise RecordError(f"there is no page '{page_id}'; python -m bot where can find it by "
                          "its title")
    if role not in REVIEW_ROLES:
        raise RecordError(f"'{role}' is not a review role; use one of {', '.join(REVIEW_ROLES)}")
    today = today or dt.date.today()
    day = day or today
    if day > today:
        raise RecordError(f"{day.isoformat()} is in the future; give the day the review happened")
    if by is not None:
        by = " ".join(by.split())
        if not by or len(by) > 40:
            raise RecordError("--by takes a name or initials of at most 40 characters")
    locale = role_locale(role)
    version = page_version(content, page_id, locale)
    if version is None:
        raise RecordError(f"page '{page_id}' has no {locale} text yet, so there is nothing to "
                          "review in that language")
    review = Review(role=role, date=day, by=by,
                    text=save_snapshot(content_dir, content, page_id, version))
    origin = content.origins.pages[page_id]
    path = content_dir.resolve().parent / origin.file
    text = path.read_text(encoding="utf-8")
    path.write_text(add_review(text, page_id, review), encoding="utf-8")
    tidy_records(content_dir)
    return review


def review_line(review: Review) -> str:
    by = f", by: {json.dumps(review.by, ensure_ascii=False)}" if review.by else ""
    return (f"{{role: {review.role}, date: {review.date.isoformat()}{by}, "
            f"text: \"{review.text}\"}}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def add_review(text: str, page_id: str, review: Review) -> str:
    """``text`` (a structure file) with ``review`` added under the page's ``reviews:``."""
    doc = parse_yaml(text)
    items = doc.data.get("pages") if isinstance(doc.data, dict) else None
    index = next((i for i, item in enumerate(items or [])
                  if isinstance(item, dict) and item.get("id") == page_id), None)
    if index is None or items is None:
        raise RecordError(f"page '{page_id}' is not in this file")
    item = items[index]
    before = list(item.get("reviews") or [])
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    id_line = doc.lines[("pages", index, "id")] - 1
    key_indent = lines[id_line].index("id:")
    pad = " " * key_indent
    if "reviews" in item:
        key_line = doc.lines[("pages", index, "reviews")] - 1
        if lines[key_line].split("#")[0].rstrip().endswith("reviews:"):  # block list: append
            end = key_line
            for number in range(key_line + 1, len(lines)):
                if _significant(lines[number]):
                    if _indent(lines[number]) <= key_indent:
                        break
                    end = number
            new = [f"{pad}  - {review_line(review)}\n"]
            lines[end + 1:end + 1] = new
        else:  # written in flow style ([] or [...]): rewrite it as a block list
            old = [Review.model_validate(raw) for raw in before]
            lines[key_line:key_line + 1] = [f"{pad}reviews:\n"] + [
                f"{pad}  - {review_line(r)}\n" for r in [*old, review]]
    else:
        end = id_line
        for number in range(id_line + 1, len(lines)):
            if _significant(lines[number]):
                if _indent(lines[number]) < key_indent:
                    break
                end = number
        lines[end + 1:end + 1] = [f"{pad}reviews:\n", f"{pad}  - {review_line(review)}\n"]
    result = "".join(lines)
    try:
        check = parse_yaml(result).data["pages"][index]
    except (YamlSyntaxError, KeyError, IndexError, TypeError):
        check = None
    if check is None or [Review.model_validate(raw) for raw in check.get("reviews", [])] != \
            [*(Review.model_validate(raw) for raw in before), review] or \
            {k: v for k, v in check.items() if k != "reviews"} != \
            {k: v for k, v in item.items() if k != "reviews"}:
        raise RecordError(f"could not add the review to page '{page_id}' without changing "
                          "anything else; add it by hand under reviews:")
    return result


# --- translations ---

def translated_from_path(content_dir: Path, locale: str) -> Path:
    return content_dir / TRANSLATED_FROM / f"{locale}.yaml"


def read_notes(content_dir: Path, locale: str) -> dict[str, str]:
    path = translated_from_path(content_dir, locale)
    if not path.exists():
        return {}
    data = parse_yaml(path.read_text(encoding="utf-8")).data or {}
    notes = data.get("notes") or {}
    return {str(key): str(value) for key, value in notes.items()}


_HEADER = """\
# Written by `python -m bot translations confirm` and `translations import`: do not edit.
# pages: the fingerprint of the English text each {locale} page was translated from (the
# English itself is kept in content/records/history/), so check and review can show what
# changed in the English since. notes: translators' comments from their translation tool.
"""


def write_translated_from(content_dir: Path, locale: str, pages: dict[str, str],
                          notes: dict[str, str]) -> Path:
    path = translated_from_path(content_dir, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = _HEADER.format(locale=locale) + "pages:\n"
    body += "".join(f"  {page}: \"{key}\"\n" for page, key in sorted(pages.items()))
    if notes:
        body += yaml.safe_dump({"notes": dict(sorted(notes.items()))}, allow_unicode=True,
                               width=100, sort_keys=False)
    path.write_text(body, encoding="utf-8")
    return path


def confirm_translations(content_dir: Path, locale: str, page_ids: list[str],
                         content: Content | None = None,
                         notes: dict[str, str] | None = None) -> list[str]:
    """Record that the ``locale`` texts of ``page_ids`` say what the English says now."""
    if locale == FALLBACK_LOCALE or locale not in LOCALES:
        raise RecordError(f"translations are in {', '.join(LOCALES[1:])}, not '{locale}'")
    content = content or load_content(content_dir)
    records = dict(content.translated_from.get(locale, {}))
    confirmed: list[str] = []
    for page_id in page_ids:
        page_id = content.canonical(page_id)
        if page_id not in content.pages:
            raise RecordError(f"there is no page '{page_id}'")
        if page_id not in content.texts.get(locale, {}):
            raise RecordError(f"page '{page_id}' has no {locale} text to confirm; translate it "
                              "first")
        english = page_version(content, page_id, FALLBACK_LOCALE)
        assert english is not None
        records[page_id] = save_snapshot(content_dir, content, page_id, english)
        confirmed.append(page_id)
    kept = {page: key for page, key in records.items() if page in content.pages}
    all_notes = read_notes(content_dir, locale) if notes is None else notes
    write_translated_from(content_dir, locale, kept, all_notes)
    tidy_records(content_dir)
    return confirmed


def tidy_records(content_dir: Path) -> None:
    """Keep exactly the texts the records name now (a record replaced by a newer one lets its
    text go), each in its section's history file."""
    tidy_history(content_dir, load_content(content_dir))
