"""``python -m bot [run|webhook|chat|check|where|stats|report|links|crisis-model|export-html]``:
one entry point."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import gc
import json
import logging
import re
import sys
from pathlib import Path
from typing import TextIO

from bot.checking.check import check_content
from bot.conversation.deeplinks import CAMPAIGN, start_link
from bot.conversation.screen_builder import ScreenBuilder
from bot.logs import setup_logging
from bot.model.drafts import link_order
from bot.model.locales import parse_locale
from bot.model.model import FALLBACK_LOCALE, LOCALES
from bot.model.problems import ContentError
from bot.reporting.summary import usefulness
from bot.reporting.tally import CountRow
from bot.runtime.counts import (
    CountsBackend,
    ImportResult,
    SqliteCounts,
    counts_backend,
    url_secrets,
)
from bot.runtime.last_good import LastGoodContent
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")
COLUMNS = ("day", "event", "page", "locale", "campaign", "count")
USEFULNESS_COLUMNS = ("page", "yes", "no", "useful_share")


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a day like 2026-11-21") from None


def _locale(value: str) -> str:
    locale = parse_locale(value)
    if locale is None:
        raise argparse.ArgumentTypeError(f"unknown language '{value}'; use {', '.join(LOCALES)}")
    return locale


def _username(value: str) -> str:
    name = value.lstrip("@")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name):
        raise argparse.ArgumentTypeError(f"'{value}' is not a Telegram bot username")
    return name


def _campaign(value: str) -> str:
    if not CAMPAIGN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            "a campaign tag uses letters, digits and '_' (at most 31 characters)")
    return value


def _page_list(value: str) -> list[str]:
    pages = [page.strip() for page in value.split(",") if page.strip()]
    if not pages:
        raise argparse.ArgumentTypeError("give page ids separated by commas, e.g. "
                                         "emergency,selfcheck")
    return pages


def _min_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 0 or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="K Safer. With no command: polls Telegram when BOT_TOKEN is set, "
                    "otherwise starts the terminal chat.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="poll Telegram (needs BOT_TOKEN)").set_defaults(run=_serve)
    sub.add_parser("webhook", help="serve Telegram's webhook on HOST:PORT (needs BOT_TOKEN, "
                                   "WEBHOOK_URL and WEBHOOK_SECRET)").set_defaults(run=_serve)
    chat = sub.add_parser("chat", help="preview the bot in this terminal")
    chat.add_argument("--locale", type=_locale, default=None,
                      help="en, zh-Hans or zh-Hant (default: DEFAULT_LOCALE)")
    chat.add_argument("--drafts", action="store_true",
                      help="also show draft pages (marked as drafts; people never see them)")
    chat.set_defaults(run=_chat)
    sub.add_parser("check", help="validate content and UI strings (exit 1 on problems)",
                   ).set_defaults(run=_check)
    where = sub.add_parser("where", help="which files and lines hold a page (its structure, its "
                                         "text in each language, the buttons that lead to it)")
    where.add_argument("page", metavar="PAGE", help="a page id, e.g. bladder_signs")
    where.set_defaults(run=_where)
    stats = sub.add_parser("stats", help="print the anonymous usage counts")
    stats.add_argument("--format", choices=("table", "csv", "json"), default="table")
    stats.add_argument("--since", type=_day, help="first day to include (YYYY-MM-DD)")
    stats.add_argument("--until", type=_day, help="last day to include (YYYY-MM-DD)")
    stats.add_argument("--usefulness", action="store_true",
                       help="'Was this useful?' answers per page, least useful first")
    stats.add_argument("--min-count", type=int, default=0, metavar="K",
                       help="hide cells with fewer than K (for publishing)")
    stats.set_defaults(run=_stats)
    report = sub.add_parser("report", help="write a usage report with charts (HTML, CSV, PNG, "
                                           "SVG) from the anonymous counts")
    report.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write into")
    report.add_argument("--since", type=_day, help="first day to include (YYYY-MM-DD)")
    report.add_argument("--until", type=_day, help="last day to include (YYYY-MM-DD)")
    report.add_argument("--min-count", type=_min_count, default=0, metavar="K",
                        help="hide daily counts under K before anything is added up or drawn "
                             "(for sharing outside the service)")
    report.set_defaults(run=_report)
    migrate = sub.add_parser("migrate-counts",
                             help="copy the counts from a SQLite file into DATABASE_URL's "
                                  "PostgreSQL (once: running it again adds nothing)")
    migrate.add_argument("--from", dest="source", type=Path, required=True, metavar="SQLITE_FILE",
                         help="the SQLite counts file, e.g. data/counts.sqlite3")
    migrate.set_defaults(run=_migrate_counts)
    links = sub.add_parser("links", help="print a deep link for every page")
    links.add_argument("--bot", type=_username, required=True, help="the bot's username")
    links.add_argument("--campaign", type=_campaign,
                       help="campaign tag to add to every link (one listed in "
                            "content/campaigns.yaml)")
    links.add_argument("--unlisted", action="store_true",
                       help="use a --campaign tag that content/campaigns.yaml does not list "
                            "(its starts are counted as 'unlisted')")
    links.add_argument("--qr", type=Path, metavar="DIR",
                       help="also write a QR code per page and a printable sheet into DIR")
    links.add_argument("--pages", type=_page_list, metavar="ID,ID,...",
                       help="only these pages' links (and with --qr, cards), in this order; "
                            "'outreach' stands for the outreach_cards list in "
                            "content/campaigns.yaml (default: every page; cards start with "
                            "those)")
    links.add_argument("--lang", type=_locale, metavar="LANGUAGE",
                       help=f"the links' language ({', '.join(LOCALES)}): each opens its page in "
                            "it (default: in the person's own); with --qr also the cards' "
                            f"language (default {FALLBACK_LOCALE})")
    links.set_defaults(run=_links)
    model = sub.add_parser("crisis-model", help="learn the crisis risk model again from "
                                                "content/crisis/measure's tuning halves and "
                                                "write content/crisis/model.txt")
    model.add_argument("--check", action="store_true",
                       help="only say whether the shipped model is up to date (exit 1 if not)")
    model.set_defaults(run=_crisis_model)
    export = sub.add_parser("export-html", help="write every page as a static, printable website")
    export.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder to write into")
    export.add_argument("--drafts", action="store_true",
                        help="also write draft pages (marked as drafts)")
    export.add_argument("--review", action="store_true",
                        help="also write a review pack per language (<language>/review.html): "
                             "review state per role, changes since, space for notes")
    export.set_defaults(run=_export_html)
    from bot.editors import add_commands

    add_commands(sub)  # review, translations, schema
    for name in ("review", "translations", "schema"):
        sub.choices[name].set_defaults(run=_editors)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    secrets = [settings.bot_token.get_secret_value()] if settings.bot_token else []
    if settings.database_url is not None:
        secrets += url_secrets(settings.database_url.get_secret_value())
    setup_logging(settings.log_level, secrets)
    if args.command is None:  # no command: the bot if there is a token, else the chat
        if settings.bot_token is None:
            print("BOT_TOKEN is not set, so here is the terminal chat "
                  "(set BOT_TOKEN to run the Telegram bot).")
            args = build_parser().parse_args(["chat"])
        else:
            args = build_parser().parse_args(["run"])
    if args.command not in ("run", "webhook"):
        gc.enable()  # the bot turns it on once it has imported what it runs on (imports_done)
    code: int = args.run(args, settings)
    return code


# -- one function per command (build_parser hands each its own with set_defaults) -------------


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    return print_stats(counts_store(settings), args.format, args.since, args.until,
                       args.min_count, sys.stdout, useful=args.usefulness)


def _migrate_counts(args: argparse.Namespace, settings: Settings) -> int:
    return migrate_counts(settings, args.source, sys.stdout)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    return make_report(settings, args.out_dir, args.since, args.until, args.min_count)


def _editors(args: argparse.Namespace, settings: Settings) -> int:
    from bot.editors import run as run_editors

    return run_editors(args, settings.content_dir, sys.stdout, sys.stderr)


def _where(args: argparse.Namespace, settings: Settings) -> int:
    from bot.editorial.where import print_where

    return print_where(settings.content_dir, args.page, sys.stdout)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    return check(settings, sys.stdout, sys.stderr)


def _crisis_model(args: argparse.Namespace, settings: Settings) -> int:
    """Learn the risk model (bot.editorial.crisis_training), print how it does on writers it
    never saw, and write it; with --check, only compare."""
    from bot.conversation.crisis_model import RiskModel
    from bot.editorial.crisis_training import GRID, build, is_current

    content_dir = settings.content_dir
    path = content_dir / "crisis" / "model.txt"
    if args.check:
        current = path.is_file() and is_current(
            RiskModel.from_text(path.read_text(encoding="utf-8")), content_dir)
        print("the crisis model is up to date" if current else
              "the crisis model is out of date: run `python -m bot crisis-model`")
        return 0 if current else 1
    model, figures = build(content_dir)
    print("Left out in turn (each blind set's tuning half, a fifth of the questions), the "
          "model alone on the messages no phrase or code answers (the only ones it reads):")
    for name, chosen, by_threshold in (("without Chinese", model.threshold, figures["en"]),
                                       ("with Chinese", model.zh_threshold, figures["zh"])):
        print(f" messages {name}:")
        for threshold in GRID:
            mark = "  <- threshold" if threshold == chosen else ""
            print(f"  above {threshold:3.1f}: {by_threshold[threshold].line()}{mark}")
    path.write_text(model.to_text(), encoding="utf-8")
    print(f"wrote {path} ({model.size()} features, thresholds {model.threshold} without "
          f"Chinese, {model.zh_threshold} with)")
    return 0


def _links(args: argparse.Namespace, settings: Settings) -> int:
    builder = _load(settings)
    return 1 if builder is None else links(builder, args)


def _preview(args: argparse.Namespace, settings: Settings) -> ScreenBuilder | None:
    """The content for ``chat`` and ``export-html``; with ``--drafts`` (an editor's preview),
    what check says about it is printed first."""
    builder = _load(settings, drafts=args.drafts)
    if builder is not None and args.drafts:
        preview_problems(builder, sys.stdout, settings.content_dir)
    return builder


def _export_html(args: argparse.Namespace, settings: Settings) -> int:
    builder = _preview(args, settings)
    if builder is None:
        return 1
    from bot.export_html import export_site

    print(export_site(builder, args.out_dir).summary())
    if args.review:
        from bot.review_pack import write_review_pack

        for path in write_review_pack(builder, args.out_dir, settings.content_dir):
            print(f"Review pack: {path}")
    return 0


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    builder = _preview(args, settings)
    if builder is None:
        return 1
    from bot.terminal import run_chat

    try:
        return run_chat(builder, args.locale or settings.default_locale, drafts=args.drafts)
    except KeyboardInterrupt:
        print()
        return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    """``run`` (polling) and ``webhook``: what a missing setting is, said before anything loads;
    then the content as start-up takes it (checked, or the last good copy)."""
    missing = _missing_for(args.command, settings)
    if missing:
        print(f"{missing} is not set; see the README's settings table", file=sys.stderr)
        return 2
    # What the bot runs on, imported with the collector off (see bot/__main__.py).
    import bot.runtime.reloading
    import bot.telegram.app  # noqa: F401

    imports_done()
    builder = load_for_serving(settings)
    if builder is None:
        return 1
    from bot.telegram.app import run_polling, run_webhook
    from bot.telegram.delivery import BadToken

    runner = run_webhook if args.command == "webhook" else run_polling
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(runner(settings, builder))
    except BadToken:
        print("Telegram refused BOT_TOKEN (401 Unauthorized): check the token from @BotFather",
              file=sys.stderr)
        return 1
    return 0


def imports_done() -> None:
    """What the imports made (modules, aiogram's models: most of the process's objects, and they
    live as long as it does) is frozen, so the cyclic collector never walks it again: that spares
    the bot a full collection of a million objects at start-up and now and then while serving.
    ``python -m bot`` turned the collector off for the imports; it is on from here, so the
    content, which a reload replaces, is collected as usual."""
    gc.freeze()
    gc.enable()


def _missing_for(command: str, settings: Settings) -> str | None:
    if settings.bot_token is None:
        return "BOT_TOKEN"
    if command == "webhook" and settings.webhook_url is None:
        return "WEBHOOK_URL"
    if command == "webhook" and settings.webhook_secret is None:
        return "WEBHOOK_SECRET"
    return None


def _load(settings: Settings, *, drafts: bool = False) -> ScreenBuilder | None:
    """The content for an editor's command (None, with the errors printed, if it cannot load).

    Draft pages are left out unless ``drafts`` is set (editors' previews)."""
    try:
        builder = ScreenBuilder.load(settings.content_dir, settings.locales_dir, drafts=True)
    except ContentError as exc:
        print(f"The content has {len(exc.problems)} error(s); fix them first (python -m bot "
              "check lists them):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.labelled()}", file=sys.stderr)
        return None
    return builder if drafts else builder.public()


def load_for_serving(settings: Settings) -> ScreenBuilder | None:
    """The content the running bot starts with (both modes), by the runtime's one policy
    (:func:`bot.runtime.reloading.content_to_serve`); None if there is none to serve. What went
    wrong is printed for the person starting the bot."""
    from bot.runtime.reloading import content_to_serve
    from bot.telegram.callbacks import encode_action

    last_good = LastGoodContent(settings.last_good_dir)
    start = content_to_serve(settings.content_dir, settings.locales_dir, last_good,
                             encode_action)
    if start.problems:
        count = f"{len(start.problems)} error(s)"
        if start.builder is not None:
            print(f"The content has {count}; serving the last good content instead:",
                  file=sys.stderr)
        else:
            print(f"The content has {count}, and there is no last good copy, so the bot "
                  "did not start:", file=sys.stderr)
        for problem in start.problems:
            print(f"  {problem.labelled()}", file=sys.stderr)
    return start.builder


def check(settings: Settings, out: TextIO, err: TextIO) -> int:
    """``python -m bot check``: when some files cannot be loaded, their errors and the other
    rules' problems in everything that could be loaded, in one pass."""
    try:
        builder = ScreenBuilder.load(settings.content_dir, settings.locales_dir, drafts=True)
    except ContentError:
        return run_partial_check(settings.content_dir, settings.locales_dir, out, err)
    return run_check(builder, out, settings.content_dir)


def run_partial_check(content_dir: Path, locales_dir: Path, out: TextIO, err: TextIO) -> int:
    """The load errors (on ``err``), then what the other rules find in the rest (on ``out``)."""
    from bot.checking.check import check_partly
    from bot.telegram.callbacks import encode_action

    problems, report = check_partly(content_dir, locales_dir, encode_action=encode_action)
    # When the pages load but the crisis rules do not, their errors are in the report below.
    reason = f"these {len(problems)} error(s)" if problems else "the error(s) listed below"
    err.write(f"The content cannot be loaded because of {reason}; fix them and run check "
              "again:\n")
    for problem in problems:
        err.write(f"  {problem.labelled()}\n")
    if report is None:
        out.write(f"{len(problems)} error(s) that stop the content loading; the other checks "
                  "run once the main menu and the UI strings load.\n")
        return 1
    for problem in sorted(report.problems):
        out.write(f"{problem.labelled()}\n")
    errors = len(problems) + len(report.errors)
    warnings = len(report.problems) - len(report.errors)
    if problems:
        out.write(f"{errors} error(s), {warnings} warning(s): fix the errors above ("
                  f"{len(problems)} stop the content loading; the other checks ran on the "
                  "pages that could be loaded).\n")
    else:
        out.write(f"{errors} error(s), {warnings} warning(s): fix the errors above (the pages "
                  "load, but the content as a whole cannot until they are fixed).\n")
    return 1


def run_check(builder: ScreenBuilder, out: TextIO, content_dir: Path | None = None, *,
              today: dt.date | None = None) -> int:
    from bot.telegram.callbacks import encode_action

    # a content tree without crisis rules (a test's) is checked without them; the bot itself
    # refuses to start without the shipped ones
    crisis_dir = content_dir / "crisis" if content_dir is not None else None
    if crisis_dir is not None and not crisis_dir.is_dir():
        crisis_dir = None
    report = check_content(builder, encode_action=encode_action, today=today,
                           crisis_dir=crisis_dir)
    if crisis_dir is not None:  # editors' only: the bot's start-up does not read every set
        from bot.checking.crisis_check import editor_problems

        report.problems.extend(editor_problems(builder.crisis_rules, crisis_dir))
    if content_dir is not None:  # the kept texts `review` diffs against (editors' files only)
        from bot.model.reviews import missing_history

        report.problems.extend(missing_history(content_dir, builder.content))
    for problem in sorted(report.problems):
        out.write(f"{problem.labelled()}\n")
    if content_dir is not None:  # what changed in the English behind each lagging translation
        from bot.editors import print_stale_translations

        print_stale_translations(content_dir, builder.content, out, always=False)
    coverage = ", ".join(f"{locale} {value:.0f}%" for locale, value in report.coverage.items())
    out.write(f"{report.page_count} pages; translations: {coverage}\n")
    if report.drafts:
        out.write(f"{len(report.drafts)} draft(s), not shown to people: "
                  f"{', '.join(report.drafts)}\n")
    if report.backlog_line:  # one line: `review` lists the pages
        out.write(f"{report.backlog_line}\n")
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    if errors:
        out.write(f"{errors} error(s), {warnings} warning(s): fix the errors above.\n")
        return 1
    out.write(f"OK: no errors, {warnings} warning(s).\n")
    return 0


def links(builder: ScreenBuilder, args: argparse.Namespace) -> int:
    """``links``: the links (and QR cards) of every page, or of the pages asked for. A campaign
    content/campaigns.yaml does not list is refused unless the editor says ``--unlisted``: its
    starts would be counted as 'unlisted', and printed cards cannot be taken back."""
    content = builder.content
    campaign: str | None = args.campaign
    unlisted = bool(campaign) and campaign not in content.campaigns
    if unlisted and not args.unlisted:
        listed = ", ".join(sorted(content.campaigns)) or "none yet"
        print(f"campaign '{campaign}' is not listed in content/campaigns.yaml (listed: {listed}), "
              "so its starts would be counted as 'unlisted', not as "
              f"'{campaign}'. Add it to content/campaigns.yaml under campaigns: (a line like "
              f"'  {campaign}: what the cards are for'), use a listed tag, or add --unlisted to "
              "go ahead anyway.", file=sys.stderr)
        return 2
    pages = _qr_pages(builder, args.pages) if args.pages is not None else None
    if args.pages is not None and pages is None:
        return 2
    # A link in a language opens in it. A printed card opens in its own language (English unless
    # --lang says), and the lines printed are then the cards' links.
    locale = args.lang or (FALLBACK_LOCALE if args.qr is not None else None)
    code = print_links(builder, args.bot, campaign, sys.stdout, pages=pages, locale=locale)
    if args.qr is not None and locale is not None and code == 0:
        from bot.qr import card_order, write_qr_codes

        sheet = write_qr_codes(builder, args.bot, campaign, args.qr, pages=pages,
                               locale=locale)
        print(f"QR cards for {len(card_order(content, pages))} pages "
              f"({locale}): {sheet}", file=sys.stderr)
    if unlisted:  # last, after the output, where it is read
        print(f"note: campaign '{campaign}' is not listed in content/campaigns.yaml, so its "
              "starts are counted as 'unlisted'", file=sys.stderr)
    return code


def preview_problems(builder: ScreenBuilder, out: TextIO, content_dir: Path | None = None,
                     ) -> None:
    """What ``check`` finds, at the top of an editor's preview with drafts (nothing if clean), so
    a preview never looks fine while check does not."""
    from bot.telegram.callbacks import encode_action

    report = check_content(builder, encode_action=encode_action)
    problems = list(report.problems)
    if content_dir is not None:
        from bot.model.reviews import missing_history

        problems.extend(missing_history(content_dir, builder.content))
    if not problems:
        return
    errors = sum(problem.severity == "error" for problem in problems)
    out.write(f"python -m bot check: {errors} error(s), {len(problems) - errors} warning(s):\n")
    for problem in sorted(problems):
        out.write(f"{problem.labelled()}\n")
    out.write("\n")


def print_links(builder: ScreenBuilder, bot: str, campaign: str | None, out: TextIO, *,
                pages: list[str] | None = None, locale: str | None = None) -> int:
    """A link per page (never a draft), or per page of ``pages``, in that order; in ``locale``
    when given (the link opens in it)."""
    try:
        links = [(page_id, start_link(bot, page_id, campaign, locale))
                 for page_id in (pages if pages is not None else link_order(builder.content))]
    except ValueError as exc:  # too long with its language: says what to shorten
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for page_id, link in links:
        out.write(f"{page_id}\t{link}\n")
    return 0


def _qr_pages(builder: ScreenBuilder, asked: list[str]) -> list[str] | None:
    """The pages named for QR cards ('outreach' expanded), or None after saying what is wrong."""
    content = builder.content
    pages: list[str] = []
    for name in asked:
        for page_id in content.outreach_cards if name == "outreach" else [name]:
            page_id = content.canonical(page_id)
            if not content.has_page(page_id):
                print(f"'{page_id}' is not a page people can open; page ids are listed by "
                      "`python -m bot links --bot NAME`", file=sys.stderr)
                return None
            if page_id not in pages:
                pages.append(page_id)
    return pages


def counts_store(settings: Settings) -> CountsBackend:
    """PostgreSQL when DATABASE_URL is set, otherwise the SQLite file at DATABASE_PATH; a
    command fails clearly when the database cannot be reached."""
    return counts_backend(settings.database_url, settings.database_path, must_connect=True)


async def read_counts(store: CountsBackend | Path, since: str | None, until: str | None,
                      min_count: int) -> list[CountRow]:
    """The counts from either backend (a path means that SQLite file); a missing file is empty."""
    if isinstance(store, Path):
        store = SqliteCounts(store)
    if isinstance(store, SqliteCounts) and not store.path.exists():
        return []  # reading must not leave an empty database behind
    async with store:
        return await store.query(since=since, until=until, min_count=min_count)


def _rows_or_say_why(store: CountsBackend | Path, since: str | None, until: str | None,
                     min_count: int) -> list[CountRow] | None:
    """The counts, or None after one line saying which store could not be read (the error's
    type only: its text could name the database's address)."""
    description = store.description if isinstance(store, CountsBackend) else f"SQLite at {store}"
    try:
        return asyncio.run(read_counts(store, since, until, min_count))
    except Exception as exc:
        print(f"Could not read the counts from {description} ({type(exc).__name__}).",
              file=sys.stderr)
        return None


def print_stats(store: CountsBackend | Path, fmt: str, since: str | None, until: str | None,
                min_count: int, out: TextIO, *, useful: bool = False) -> int:
    rows = _rows_or_say_why(store, since, until, min_count)
    if rows is None:
        return 1
    header: tuple[str, ...] = COLUMNS
    records: list[dict[str, object]] = [{c: getattr(row, c) for c in COLUMNS} for row in rows]
    if useful:
        header = USEFULNESS_COLUMNS
        records = [{"page": u.page, "yes": u.yes, "no": u.no, "useful_share": round(u.share, 3)}
                   for u in usefulness(rows)]
    write_records(header, records, fmt, out)
    return 0


def make_report(settings: Settings, out_dir: Path, since: str | None, until: str | None,
                min_count: int) -> int:
    """The funders' report; page names come from the content when it loads, else page ids."""
    if since and until and since > until:
        print(f"--since {since} is after --until {until}", file=sys.stderr)
        return 2
    if out_dir.exists() and not out_dir.is_dir():
        print(f"{out_dir} is a file, not a folder", file=sys.stderr)
        return 2
    from bot.report import write_report
    from bot.reporting.figures import Labels

    labels = Labels()
    try:
        labels = Labels.from_content(ScreenBuilder.load(settings.content_dir,
                                                    settings.locales_dir).content)
    except ContentError as exc:
        print(f"The content has {len(exc.problems)} problem(s), so pages are named by their "
              "ids (run `python -m bot check`).", file=sys.stderr)
    rows = _rows_or_say_why(counts_store(settings), since, until, min_count)
    if rows is None:
        return 1
    day = dt.date.fromisoformat
    files = write_report(out_dir, rows, since=day(since) if since else None,
                         until=day(until) if until else None, min_count=min_count,
                         labels=labels)
    print(files.summary())
    return 0


def migrate_counts(settings: Settings, source: Path, out: TextIO) -> int:
    """Copy a SQLite counts file into PostgreSQL; each row is copied once, however often run."""
    if settings.database_url is None:
        print("DATABASE_URL is not set: migrate-counts copies into the PostgreSQL database it "
              "names", file=sys.stderr)
        return 2
    if not source.is_file():
        print(f"{source} is not a file: give the SQLite counts file, e.g. "
              "--from data/counts.sqlite3", file=sys.stderr)
        return 2
    target = counts_store(settings)
    try:
        outcome = asyncio.run(_copy_counts(SqliteCounts(source), target))
    except Exception as exc:
        print(f"Could not copy the counts from {source} into {target.description} "
              f"({type(exc).__name__}); nothing was added.", file=sys.stderr)
        return 1
    if outcome.rows_added:
        out.write(f"Copied {outcome.counts_added} counts in {outcome.rows_added} row(s) from "
                  f"{source} into {target.description}.\n")
    if outcome.rows_already:
        out.write(f"{outcome.rows_already} row(s) had been copied before; nothing added "
                  "for them.\n")
    if not outcome.rows_added and not outcome.rows_already:
        out.write(f"{source} has no counts; nothing to copy.\n")
    return 0


async def _copy_counts(source: SqliteCounts, target: CountsBackend) -> ImportResult:
    async with source:
        rows = await source.query()
        source_id = await source.store_id()
    async with target:
        if source_id == await target.store_id():
            raise ValueError("the source is the target database itself")
        return await target.import_counts(f"sqlite:{source_id}", rows)


def write_records(header: tuple[str, ...], records: list[dict[str, object]], fmt: str,
                  out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for record in records:
            writer.writerow([record[c] for c in header])
    elif fmt == "json":
        json.dump(records, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        table = [list(header)] + [[str(record[c]) for c in header] for record in records]
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        for r in table:
            out.write("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True))
                      .rstrip() + "\n")
        if not records:
            out.write("(no counts yet)\n")
