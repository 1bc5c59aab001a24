"""``python -m bot export-html OUT --review``: a review pack per language, for reviewers who
read on paper or in a browser.

``OUT/<language>/review.html`` has every page as the export shows it (text, buttons, sources),
then its review state per role (from the pages' ``reviews:``), what changed since each review of
this language's text and, for a translation, what changed in the English since it was made, and
a box for the reviewer's notes. It prints one page per sheet (``review.css``). Built on the
export's SiteWriter and templates; it adds templates, it does not change the export's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from bot.conversation.screen_builder import ScreenBuilder
from bot.export_html import SITE_NAME, TEMPLATES, SiteWriter, WebArticle
from bot.model.model import FALLBACK_LOCALE, LOCALES, REVIEW_ROLES
from bot.model.reviews import (
    REVIEW_RULES,
    english_diff,
    review_diff,
    role_locale,
    role_states,
    stale_translations,
)

REVIEW_CSS = "review.css"


class PackWords:
    """The pack's words in the language it reviews (``review_*`` in locales/): a translation
    reviewer reads the states, headings and instructions in the language they review."""

    def __init__(self, writer: SiteWriter, locale: str) -> None:
        self._writer = writer
        self.locale = locale

    def __call__(self, key: str, **values: str) -> str:
        return self._writer.ui_text(self.locale, f"review_{key}", **values)

    def role(self, role: str) -> str:
        if role.startswith("translation_"):
            return self("role_translation", language=role_locale(role))
        return self(f"role_{role}")

    def state(self, state: str) -> str:
        return self(f"state_{state}")

    def roles(self, roles: list[str]) -> str:
        return self("separator").join(self.role(role) for role in roles)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk", "head" or "same"
    text: str


@dataclass(frozen=True)
class RoleRow:
    role: str
    words: str
    required: bool
    state: str
    state_words: str
    last: str  # "2026-11-28 by AB", or ""
    overdue: bool


@dataclass(frozen=True)
class Change:
    heading: str
    lines: tuple[DiffLine, ...]


@dataclass(frozen=True)
class PackPage:
    article: WebArticle
    page_id: str
    reviewed: bool  # every required role reviewed the current text
    roles: tuple[RoleRow, ...]
    changes: tuple[Change, ...]
    record: tuple[str, ...]  # the commands that record a review of this page in this language
    ever_reviewed: bool
    questions: tuple[str, ...] = ()  # content/review.yaml questions that name this page


@dataclass(frozen=True)
class PackQuestion:
    who: str  # the roles asked, in the pack's language
    ask: str
    pages: tuple[str, ...]


def pack_questions(builder: ScreenBuilder, locale: str) -> list[PackQuestion]:
    """The editors' questions to reviewers (content/review.yaml), in the pack's language."""
    words = PackWords(SiteWriter(builder), locale)
    return [PackQuestion(words.roles(list(q.roles)), q.ask.get(locale, q.ask[FALLBACK_LOCALE]),
                         tuple(q.pages))
            for q in builder.content.review_rules.questions]


def _lines(diff: list[str]) -> tuple[DiffLine, ...]:
    out = []
    for line in diff:
        if line.startswith(("+++", "---")):
            kind = "head"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "same"
        out.append(DiffLine(kind, line))
    return tuple(out)


def pack_pages(builder: ScreenBuilder, content_dir: Path, locale: str,
               today: dt.date | None = None) -> list[PackPage]:
    writer = SiteWriter(builder)
    words = PackWords(writer, locale)
    content = builder.content
    required = content.review_rules.required
    stale = {item.page: item for item in stale_translations(content) if item.locale == locale}
    questions = pack_questions(builder, locale)
    pages = []
    for page_id in writer.pages:
        states = role_states(content, page_id, today or dt.date.today(), list(REVIEW_ROLES))
        rows, changes = [], []
        for state in states:
            latest = state.latest
            last = ""
            if latest is not None:
                last = latest.date.isoformat()
                if latest.by:
                    last = words("by", date=last, name=latest.by)
            rows.append(RoleRow(state.role, words.role(state.role), state.role in required,
                                state.state, words.state(state.state), last, state.overdue))
            if state.state == "changed" and role_locale(state.role) == locale and latest:
                changes.append(Change(
                    words("changed_since", role=words.role(state.role),
                          date=latest.date.isoformat()),
                    _lines(review_diff(content_dir, content, state))))
        if page_id in stale:
            changes.append(Change(words("english_changed"),
                                  _lines(english_diff(content_dir, content, stale[page_id]))))
        roles = [r for r in REVIEW_ROLES if role_locale(r) == locale] or list(required)
        pages.append(PackPage(
            writer.article(page_id, locale, combined=True), page_id,
            all(s.done for s in states if s.role in required), tuple(rows), tuple(changes),
            tuple(f"python -m bot review record {page_id} --role {r}" for r in roles),
            any(s.latest is not None for s in states),
            tuple(words("question", roles=q.who, ask=q.ask) for q in questions
                  if page_id in q.pages)))
    return pages


def write_review_pack(builder: ScreenBuilder, out_dir: Path, content_dir: Path,
                      today: dt.date | None = None) -> list[Path]:
    """Write ``OUT/<language>/review.html`` for every language, and its stylesheet."""
    writer = SiteWriter(builder)
    css = (files("bot") / "templates" / TEMPLATES / REVIEW_CSS).read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / REVIEW_CSS).write_text(css, encoding="utf-8")
    written = []
    for locale in LOCALES:
        pages = pack_pages(builder, content_dir, locale, today)
        done = sum(page.reviewed for page in pages)
        folder = out_dir / locale
        folder.mkdir(exist_ok=True)
        path = folder / "review.html"
        words = PackWords(writer, locale)
        rules = builder.content.review_rules
        summary = writer.ui(locale, "review_pack_summary", done=str(done),
                            total=str(len(pages)), required=words.roles(list(rules.required)),
                            months=str(rules.overdue_after_months),
                            rules_file=f"content/{REVIEW_RULES}",  # the pack is for editors
                            today=(today or dt.date.today()).isoformat())
        path.write_text(writer.render(
            "review.html.j2", locale, f"{words('pack_title')} ({writer.language_name(locale)}) "
                                      f"· {SITE_NAME}",
            pages=pages, summary=summary, english=locale == FALLBACK_LOCALE,
            questions=pack_questions(builder, locale),
            review_css=REVIEW_CSS), encoding="utf-8")
        written.append(path)
    return written
