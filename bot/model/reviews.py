"""Reviews by role, and translations that know when the English moved on.

A review or a translation is made against one version of a text. That version is a fingerprint
of the page's text in one language, worked out here and written by the commands
(``python -m bot review record``, ``translations confirm``/``import``), never typed by editors.
A copy of each recorded version is kept in ``content/records/history/<section>.yaml`` (one file per
section of ``content/pages/``, rewritten whole) so that ``review`` and ``check`` can show what
changed since, without needing git. Recording only ever rewrites files git already tracks, so an
editor's ``git commit -a`` keeps the history (the old one-file-per-version folder did not: new
files were left behind and old ones deleted).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from bot.model.model import FALLBACK_LOCALE, LOCALES, Content, Review
from bot.model.problems import Problem

HISTORY = Path("records") / "history"
# The earlier layout (one file per version); still read, and folded into HISTORY when records
# are next written, so a branch made before the change merges cleanly.
LEGACY_SNAPSHOTS = Path("records") / "snapshots"
TRANSLATED_FROM = Path("records") / "translated-from"
REVIEW_RULES = "review.yaml"
_INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")
ROLE_WORDS = {"clinical": "clinical review", "lived_experience": "lived-experience review"}


def role_locale(role: str) -> str:
    """The language a role reviews: English for clinical and lived experience (the source)."""
    return role.removeprefix("translation_") if role.startswith("translation_") \
        else FALLBACK_LOCALE


def role_words(role: str) -> str:
    if role in ROLE_WORDS:
        return ROLE_WORDS[role]
    return f"{role_locale(role)} translation review"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def page_version(content: Content, page_id: str, locale: str) -> str | None:
    """The page's own words in ``locale`` as one plain text (what a reviewer reads), with the
    snippets its body includes; None when the page has no text in that language. The English
    version lists the page's sources too: a clinical review vouches for them."""
    text = content.texts.get(locale, {}).get(page_id)
    if text is None:
        return None
    lines = [f"title: {text.title}"]
    if text.button:
        lines.append(f"button: {text.button}")
    if text.summary:
        lines.append(f"summary: {text.summary}")
    if text.keywords:
        lines.append(f"keywords: {', '.join(text.keywords)}")
    lines += [f"labels.{key}: {value}" for key, value in sorted(text.labels.items())]
    spec = content.pages.get(page_id)
    if locale == FALLBACK_LOCALE and spec is not None and spec.sources:
        lines.append(f"sources: {', '.join(spec.sources)}")
    lines += ["body:", text.body.rstrip("\n")]
    for name in _included_snippets(content, text.body, locale):
        lines += [f"snippet {name}:", _snippet(content, name, locale).rstrip("\n")]
    return "\n".join(lines) + "\n"


def _snippet(content: Content, name: str, locale: str) -> str:
    found = content.snippets.get(locale, {}).get(name)
    if found is None:
        found = content.snippets.get(FALLBACK_LOCALE, {}).get(name, "")
    return found


def _included_snippets(content: Content, body: str, locale: str) -> list[str]:
    """Snippets a body includes, and the snippets they include, in order of first use."""
    found: list[str] = []
    pending = _INCLUDE.findall(body)
    while pending:
        name = pending.pop(0)
        if name in found:
            continue
        found.append(name)
        pending += _INCLUDE.findall(_snippet(content, name, locale))
    return found


def version_fingerprint(content: Content, page_id: str, locale: str) -> str | None:
    version = page_version(content, page_id, locale)
    return None if version is None else fingerprint(version)


# --- snapshots: the recorded versions, so a diff can be shown later ---

def history_path(content_dir: Path, content: Content, page_id: str) -> Path:
    """The history file of a page: named after the section file that declares it."""
    origin = content.origins.pages.get(page_id)
    section = origin.file.rsplit("/", 1)[-1] if origin else f"{page_id}.yaml"
    return content_dir / HISTORY / section


def history_name(content: Content, page_id: str) -> str:
    origin = content.origins.pages.get(page_id)
    section = origin.file.rsplit("/", 1)[-1] if origin else f"{page_id}.yaml"
    return f"content/{HISTORY.as_posix()}/{section}"


def read_history(path: Path) -> dict[str, dict[str, str]]:
    """page id -> fingerprint -> the text recorded; empty when the file is missing."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return {}
    return {str(page): {str(key): text for key, text in versions.items()
                        if isinstance(text, str)}
            for page, versions in pages.items() if isinstance(versions, dict)}


class _HistoryDumper(yaml.SafeDumper):
    """Texts as '|' blocks where YAML can hold them exactly, so a diff of the file reads."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


_HistoryDumper.add_representer(str, _represent_text)

_HISTORY_HEADER = """\
# Written by `python -m bot review record` and `translations confirm`/`import`: do not edit.
# The texts reviews and translations were made against (pages > page > fingerprint), so that
# `python -m bot review` can show what changed since. Commit it with the page.
"""


def write_history(path: Path, pages: dict[str, dict[str, str]]) -> None:
    kept = {page: dict(sorted(versions.items())) for page, versions in sorted(pages.items())
            if versions}
    if not kept:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump({"pages": kept}, Dumper=_HistoryDumper, allow_unicode=True,
                     sort_keys=False, width=100)
    path.write_text(_HISTORY_HEADER + body, encoding="utf-8")


def save_snapshot(content_dir: Path, content: Content, page_id: str, version: str) -> str:
    """Keep ``version`` of the page in its history file; returns its fingerprint."""
    key = fingerprint(version)
    path = history_path(content_dir, content, page_id)
    pages = read_history(path)
    if pages.get(page_id, {}).get(key) != version:
        pages.setdefault(page_id, {})[key] = version
        write_history(path, pages)
    return key


def read_snapshot(content_dir: Path, content: Content, page_id: str, key: str) -> str | None:
    """The recorded text ``key`` of a page: in its history file, else in any history file (a
    page moved to another section or renamed), else in the earlier one-file-per-version folder."""
    found = read_history(history_path(content_dir, content, page_id)).get(page_id, {}).get(key)
    if found is not None:
        return found
    for path in sorted((content_dir / HISTORY).glob("*.yaml")):
        for versions in read_history(path).values():
            if key in versions:
                return versions[key]
    try:
        return (content_dir / LEGACY_SNAPSHOTS / f"{key}.txt").read_text(encoding="utf-8")
    except OSError:
        return None


def recorded_keys(content: Content) -> dict[str, set[str]]:
    """page id -> the fingerprints its records name (reviews, translations' English)."""
    used: dict[str, set[str]] = {page_id: {review.text for review in spec.reviews}
                                 for page_id, spec in content.pages.items()}
    for records in content.translated_from.values():
        for page_id, key in records.items():
            if page_id in used:
                used[page_id].add(key)
    return used


def tidy_history(content_dir: Path, content: Content) -> None:
    """Rewrite the history files to hold exactly the texts some record names, each under its
    page's section (folding in the earlier per-version files, which are then removed)."""
    known: dict[str, str] = {}
    folder = content_dir / HISTORY
    for path in sorted(folder.glob("*.yaml")):
        for versions in read_history(path).values():
            known.update(versions)
    legacy = content_dir / LEGACY_SNAPSHOTS
    legacy_files = sorted(legacy.glob("*.txt")) if legacy.is_dir() else []
    for path in legacy_files:
        known.setdefault(path.stem, path.read_text(encoding="utf-8"))
    sections: dict[Path, dict[str, dict[str, str]]] = {
        path: {} for path in folder.glob("*.yaml")}
    for page_id, keys in recorded_keys(content).items():
        versions = {key: known[key] for key in keys if key in known}
        if versions:
            sections.setdefault(history_path(content_dir, content, page_id), {})[page_id] = \
                versions
    for path, pages in sections.items():
        if read_history(path) != pages:
            write_history(path, pages)
    for path in legacy_files:
        path.unlink()
    if legacy.is_dir() and not any(legacy.iterdir()):
        legacy.rmdir()


def missing_history(content_dir: Path, content: Content) -> list[Problem]:
    """Records whose text is not kept (a history file lost, say by a commit that left it out):
    ``review`` could not show what changed since them."""
    problems: list[Problem] = []
    kept: dict[Path, dict[str, dict[str, str]]] = {}

    def has(page_id: str, key: str) -> bool:
        path = history_path(content_dir, content, page_id)
        if path not in kept:
            kept[path] = read_history(path)
        return key in kept[path].get(page_id, {}) or \
            (content_dir / LEGACY_SNAPSHOTS / f"{key}.txt").exists()

    restore = ("restore it from git (git checkout -- {file}) and commit it with the page; "
               "otherwise python -m bot review cannot show what changed since")
    for page_id, spec in sorted(content.pages.items()):
        origin = content.origins.pages[page_id]
        for review in spec.reviews:
            if not has(page_id, review.text):
                file = history_name(content, page_id)
                problems.append(Problem(origin.file, origin.line, (
                    f"page '{page_id}': the text its {role_words(review.role)} of "
                    f"{review.date.isoformat()} was made against ({review.text}) is not in "
                    f"{file}; " + restore.format(file=file)), "warning"))
    for locale, records in sorted(content.translated_from.items()):
        record_file = f"content/{TRANSLATED_FROM.as_posix()}/{locale}.yaml"
        lines = _record_lines(content_dir / TRANSLATED_FROM / f"{locale}.yaml")
        for page_id, key in sorted(records.items()):
            if page_id in content.pages and not has(page_id, key):
                file = history_name(content, page_id)
                problems.append(Problem(record_file, lines.get(page_id, 0), (
                    f"the English the {locale} text of '{page_id}' was translated from ({key}) "
                    f"is not in {file}; " + restore.format(file=file)), "warning"))
    return problems


def _record_lines(path: Path) -> dict[str, int]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    return {match[1]: number for number, line in enumerate(text.splitlines(), 1)
            if (match := re.match(r"^  ([a-z][a-z0-9_]*):", line))}


def diff(old: str | None, new: str, old_label: str, new_label: str) -> list[str]:
    """A unified diff of two versions, or a plain note when the old one was not kept."""
    if old is None:
        return ["(the earlier text was not kept, so what changed cannot be shown; read the "
                "whole page)"]
    return [line.rstrip("\n") for line in difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_label, new_label, lineterm="", n=1)]


# --- review state ---

def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


State = Literal["reviewed", "changed", "waiting", "no_text"]


@dataclass(frozen=True)
class RoleState:
    """One required review of one page: its latest record and whether it covers the text now."""

    page: str
    role: str
    state: State  # reviewed: the current text; changed: an older text; waiting: never
    latest: Review | None
    current: str | None  # fingerprint of the text now (None: no text in that language)
    overdue: bool = False

    @property
    def done(self) -> bool:
        return self.state == "reviewed"


def latest_review(reviews: list[Review], role: str) -> Review | None:
    """The newest review in ``role`` (the later line wins on the same day)."""
    best: Review | None = None
    for review in reviews:
        if review.role == role and (best is None or review.date >= best.date):
            best = review
    return best


def role_states(content: Content, page_id: str, today: dt.date | None = None,
                roles: list[str] | None = None) -> list[RoleState]:
    spec = content.pages[page_id]
    rules = content.review_rules
    cutoff = months_before(today, rules.overdue_after_months) if today else None
    states: list[RoleState] = []
    for role in roles if roles is not None else rules.required:
        current = version_fingerprint(content, page_id, role_locale(role))
        latest = latest_review(spec.reviews, role)
        state: State
        if current is None:
            state = "no_text"
        elif latest is None:
            state = "waiting"
        elif latest.text == current:
            state = "reviewed"
        else:
            state = "changed"
        overdue = bool(latest and cutoff and latest.date < cutoff)
        states.append(RoleState(page_id, role, state, latest, current, overdue))
    return states


def live_pages(content: Content) -> list[str]:
    return sorted(page_id for page_id, spec in content.pages.items() if spec.status != "draft")


def review_backlog(content: Content, roles: list[str] | None = None) -> dict[str, list[str]]:
    """Per required role, the live pages whose current text that role has not reviewed: never
    reviewed, or changed since (a changed page waits again)."""
    wanted = roles if roles is not None else list(content.review_rules.required)
    backlog: dict[str, list[str]] = {role: [] for role in wanted}
    for page_id in live_pages(content):
        for state in role_states(content, page_id, roles=wanted):
            if not state.done:
                backlog[state.role].append(page_id)
    return backlog


def backlog_line(content: Content, backlog: dict[str, list[str]] | None = None) -> str | None:
    """The review backlog as the one line check prints (None when nothing waits)."""
    backlog = review_backlog(content) if backlog is None else backlog
    waiting = {page for pages in backlog.values() for page in pages}
    if not waiting:
        return None
    per_role = ", ".join(f"{role_words(role).removesuffix(' review')} {len(pages)}"
                         for role, pages in backlog.items())
    return (f"Review backlog: {len(waiting)} of {len(live_pages(content))} live page(s) wait "
            f"for a review of their current text ({per_role}); python -m bot review lists them")


def is_reviewed(content: Content, page_id: str) -> bool:
    """Live-reviewed: every required role has reviewed the page's current text."""
    return all(state.done for state in role_states(content, page_id))


def shown_status(content: Content, page_id: str) -> Literal["draft", "awaiting_review",
                                                            "reviewed"]:
    """The status readers are told: worked out from the reviews (a page's own ``status:
    reviewed`` counts for nothing by itself)."""
    if content.pages[page_id].status == "draft":
        return "draft"
    return "reviewed" if is_reviewed(content, page_id) else "awaiting_review"


def last_review_date(content: Content, page_id: str) -> dt.date | None:
    """The newest review of any kind: a role's review or the editors' ``reviewed:`` check."""
    spec = content.pages[page_id]
    dates = [review.date for review in spec.reviews]
    if spec.reviewed is not None:
        dates.append(spec.reviewed)
    return max(dates) if dates else None


# --- translations that know when they are stale ---

@dataclass(frozen=True)
class StaleTranslation:
    page: str
    locale: str
    made_from: str | None  # fingerprint of the English it was made from; None: not recorded
    english_now: str


def stale_translations(content: Content) -> list[StaleTranslation]:
    """Translated texts whose English changed since they were made (or never recorded)."""
    stale: list[StaleTranslation] = []
    for locale in LOCALES:
        if locale == FALLBACK_LOCALE:
            continue
        records = content.translated_from.get(locale, {})
        for page_id in sorted(content.texts.get(locale, {})):
            english = version_fingerprint(content, page_id, FALLBACK_LOCALE)
            if english is None:
                continue
            made_from = records.get(page_id)
            if made_from != english:
                stale.append(StaleTranslation(page_id, locale, made_from, english))
    return stale


def english_diff(content_dir: Path, content: Content, item: StaleTranslation) -> list[str]:
    if item.made_from is None:
        return ["(no record of the English it was translated from: compare it with the "
                "English, then confirm it)"]
    now = page_version(content, item.page, FALLBACK_LOCALE) or ""
    return diff(read_snapshot(content_dir, content, item.page, item.made_from), now,
                f"English it was translated from ({item.made_from})",
                f"English now ({item.english_now})")


def review_diff(content_dir: Path, content: Content, state: RoleState) -> list[str]:
    if state.latest is None:
        return []
    now = page_version(content, state.page, role_locale(state.role)) or ""
    return diff(read_snapshot(content_dir, content, state.page, state.latest.text), now,
                f"reviewed {state.latest.date.isoformat()} ({state.latest.text})",
                f"now ({state.current})")


# --- what check says ---

def review_problems(content: Content, today: dt.date) -> list[Problem]:
    """Errors only where the records are wrong (a review in the future); warnings for what is
    overdue or changed since its review, and for translations behind the English. What waits
    for a first review is the backlog (:func:`review_backlog`), one summary line, not a
    warning: a warning says something to act on now."""
    problems: list[Problem] = []
    rules = content.review_rules
    for page_id in sorted(content.pages):
        spec = content.pages[page_id]
        origin = content.origins.pages[page_id]
        for review in spec.reviews:
            if review.date > today:
                problems.append(Problem(origin.file, origin.line, (
                    f"page '{page_id}' has a {role_words(review.role)} dated "
                    f"{review.date.isoformat()}, which is in the future; write the day the review "
                    "happened")))
        if spec.status == "draft":
            continue
        states = role_states(content, page_id, today)
        for state in states:
            if state.state == "changed" and state.latest is not None:
                problems.append(Problem(origin.file, origin.line, (
                    f"page '{page_id}' changed since its {role_words(state.role)} on "
                    f"{state.latest.date.isoformat()}; python -m bot review shows what changed, "
                    f"then: python -m bot review record {page_id} --role {state.role}"),
                    "warning"))
            if state.overdue and state.latest is not None:
                problems.append(Problem(origin.file, origin.line, (
                    f"page '{page_id}': its {role_words(state.role)} of "
                    f"{state.latest.date.isoformat()} is more than {rules.overdue_after_months} "
                    "months old; review it again"), "warning"))
        if spec.status == "reviewed" and not all(state.done for state in states):
            missing = ", ".join(s.role for s in states if not s.done)
            problems.append(Problem(origin.file, origin.line, (
                f"page '{page_id}' says status: reviewed, but it still needs: {missing} (whether "
                "a page is reviewed now comes from its reviews:); write status: awaiting_review "
                "or record the reviews"), "warning"))
    for item in stale_translations(content):
        origin = content.origins.texts.get((item.locale, item.page),
                                          content.origins.pages[item.page])
        if item.made_from is None:
            what = "has no record of the English it was translated from"
        else:
            what = "was translated from an older English text"
        problems.append(Problem(origin.file, origin.line, (
            f"the {item.locale} text of '{item.page}' {what}; update it, or if it still says "
            f"what the English says: python -m bot translations confirm {item.page} "
            f"--locale {item.locale}"), "warning"))
    return problems
