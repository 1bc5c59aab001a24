"""Editors' commands: ``review``, ``translations`` and ``schema`` (a thin adapter over
bot.model.reviews, bot.editorial.records, bot.editorial.po and bot.editorial.schemas)."""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap
from pathlib import Path
from typing import TextIO

from bot.editorial.records import RecordError, confirm_translations, record_review, review_line
from bot.model.loader import load_content
from bot.model.model import FALLBACK_LOCALE, LOCALES, REVIEW_ROLES, Content
from bot.model.problems import ContentError
from bot.model.reviews import (
    english_diff,
    live_pages,
    review_diff,
    role_locale,
    role_states,
    role_words,
    stale_translations,
)

COMMANDS = ("review", "translations", "schema")
TRANSLATED = tuple(locale for locale in LOCALES if locale != FALLBACK_LOCALE)


def _role(value: str) -> str:
    if value not in REVIEW_ROLES:
        raise argparse.ArgumentTypeError(f"'{value}' is not a review role; use one of "
                                         f"{', '.join(REVIEW_ROLES)}")
    return value


def _translated_locale(value: str) -> str:
    if value not in TRANSLATED:
        raise argparse.ArgumentTypeError(f"use one of {', '.join(TRANSLATED)}")
    return value


def _past_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a day like 2026-11-21") from None


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = sub.add_parser("review", help="what waits for review, per role and language; "
                                           "'review record' records a review")
    review.add_argument("--role", type=_role, help="only this role")
    review.add_argument("--page", help="only this page")
    review_sub = review.add_subparsers(dest="review_command")
    record = review_sub.add_parser("record", help="record that a role reviewed a page's text "
                                                  "as it is now")
    record.add_argument("page", metavar="PAGE")
    record.add_argument("--role", dest="record_role", type=_role, required=True,
                        help=", ".join(REVIEW_ROLES))
    record.add_argument("--by", help="optional: a name or initials")
    record.add_argument("--date", type=_past_day, help="the day of the review (default today)")

    translations = sub.add_parser("translations", help="translations: confirm, export, import")
    tsub = translations.add_subparsers(dest="translations_command", required=True)
    confirm = tsub.add_parser("confirm", help="record that a translation says what the English "
                                              "says now")
    confirm.add_argument("pages", metavar="PAGE", nargs="*")
    confirm.add_argument("--locale", type=_translated_locale, required=True)
    confirm.add_argument("--all", action="store_true", help="every page with a text in LOCALE")
    export = tsub.add_parser("export", help="write a gettext PO file for a translation tool")
    export.add_argument("--locale", type=_translated_locale, required=True)
    export.add_argument("out", type=Path, metavar="OUT.po")
    imp = tsub.add_parser("import", help="read a translated PO file back into content/text/")
    imp.add_argument("source", type=Path, metavar="IN.po")
    imp.add_argument("--locale", type=_translated_locale,
                     help="default: the PO file's Language header")

    schema = sub.add_parser("schema", help="write the JSON Schemas of the content files")
    schema.add_argument("out_dir", type=Path, metavar="OUT_DIR", nargs="?",
                        help="default: content/schemas")


def run(args: argparse.Namespace, content_dir: Path, out: TextIO, err: TextIO) -> int:
    try:
        if args.command == "schema":
            from bot.editorial.schemas import write_schemas

            folder = args.out_dir or content_dir / "schemas"
            for path in write_schemas(folder):
                out.write(f"{path}\n")
            return 0
        if args.command == "review":
            if args.review_command == "record":
                review = record_review(content_dir, args.page, args.record_role, by=args.by,
                                       day=args.date)
                out.write(f"recorded for '{args.page}': {review_line(review)}\n")
                return 0
            return print_review(content_dir, load_content(content_dir), out, role=args.role,
                                page=args.page)
        return _translations(args, content_dir, out, err)
    except ContentError as exc:
        err.write(f"The content has {len(exc.problems)} error(s); fix them first:\n")
        for problem in exc.problems:
            err.write(f"  {problem.labelled()}\n")
        return 1
    except RecordError as exc:
        err.write(f"{exc}\n")
        return 1


def _translations(args: argparse.Namespace, content_dir: Path, out: TextIO,
                  err: TextIO) -> int:
    command = args.translations_command
    if command == "confirm":
        content = load_content(content_dir)
        pages = sorted(content.texts.get(args.locale, {})) if args.all else args.pages
        if not pages:
            err.write("name the pages to confirm, or --all\n")
            return 2
        done = confirm_translations(content_dir, args.locale, pages, content)
        named = "every page" if args.all else ", ".join(done)
        out.write(f"{args.locale}: {len(done)} page(s) now marked as translated from the "
                  f"current English: {named}\n")
        return 0
    from bot.editorial.po import PoError, export_po, import_po

    try:
        if command == "export":
            exported = export_po(content_dir, args.locale, args.out)
            out.write(f"{args.out}: {exported.entries} entries; {exported.to_translate} to "
                      f"translate into {args.locale} ({exported.fuzzy} fuzzy, "
                      f"{exported.untranslated} untranslated)\n")
            return 0
        result = import_po(content_dir, args.source, args.locale)
    except PoError as exc:
        err.write(f"{exc}\n")
        return 1
    for line in result:
        out.write(f"{line}\n")
    return 0


def print_review(content_dir: Path, content: Content, out: TextIO, *, role: str | None = None,
                 page: str | None = None, today: dt.date | None = None) -> int:
    """What waits for review per role and language, what is overdue, what changed since its
    review (with the change), and which translations lag behind the English."""
    today = today or dt.date.today()
    rules = content.review_rules
    roles = [role] if role else list(rules.required)
    pages = [content.canonical(page)] if page else live_pages(content)
    if page and pages[0] not in content.pages:
        out.write(f"there is no page '{page}'\n")
        return 2
    waiting: dict[str, list[str]] = {r: [] for r in roles}
    changed, overdue = [], []
    done = 0
    for page_id in pages:
        states = role_states(content, page_id, today, roles)
        done += all(s.done for s in states)
        for state in states:  # a page changed since its review waits again
            if state.state in ("waiting", "no_text"):
                waiting[state.role].append(page_id)
            elif state.state == "changed":
                waiting[state.role].append(f"{page_id} (changed)")
                changed.append(state)
            if state.overdue:
                overdue.append(state)
    out.write(f"Reviews needed for every live page: {', '.join(rules.required)} "
              f"(content/review.yaml)\n")
    out.write(f"{done} of {len(pages)} page(s) have every review of their current text.\n\n")
    for r, ids in waiting.items():
        language = role_locale(r)
        out.write(f"Waiting for a {role_words(r)} ({language}): {len(ids)} page(s)\n")
        if ids:
            out.write(textwrap.fill(", ".join(ids), 98, initial_indent="  ",
                                    subsequent_indent="  ", break_on_hyphens=False) + "\n")
    out.write(f"\nOverdue (reviewed more than {rules.overdue_after_months} months ago): "
              f"{len(overdue)}\n")
    for state in overdue:
        assert state.latest is not None
        out.write(f"  {state.page}: {role_words(state.role)} of "
                  f"{state.latest.date.isoformat()}\n")
    out.write(f"\nChanged since their last review: {len(changed)}\n")
    for state in changed:
        assert state.latest is not None
        out.write(f"\n  {state.page}, {role_words(state.role)} of "
                  f"{state.latest.date.isoformat()}"
                  f"{' by ' + state.latest.by if state.latest.by else ''}:\n")
        for line in review_diff(content_dir, content, state):
            out.write(f"    {line}\n")
    out.write("\n")
    print_stale_translations(content_dir, content, out, page=page and pages[0],
                             locale=role_locale(role) if role else None)
    out.write("\nRecord a review: python -m bot review record PAGE --role ROLE [--by INITIALS]\n")
    return 0


def print_stale_translations(content_dir: Path, content: Content, out: TextIO, *,
                             page: str | None = None, locale: str | None = None,
                             always: bool = True) -> None:
    """Each translation behind the English, with what changed in the English since."""
    stale = [item for item in stale_translations(content)
             if (page is None or item.page == page) and (locale is None or item.locale == locale)]
    if not stale and not always:
        return
    out.write(f"Translations behind the English: {len(stale)}\n")
    for item in stale:
        out.write(f"\n  {item.page} ({item.locale}): update the translation, then "
                  f"python -m bot translations confirm {item.page} --locale {item.locale}\n")
        for line in english_diff(content_dir, content, item):
            out.write(f"    {line}\n")
    if stale:
        out.write("\n")
