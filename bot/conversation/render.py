"""Renders page bodies (Jinja2 templates) into Telegram HTML, in a sandbox with autoescape."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from functools import partial

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from bot.conversation.telegram_html import MarkupError, normalise_checked
from bot.model.model import FALLBACK_LOCALE, LOCALES, Content
from bot.model.problems import ContentError, Problem
from bot.model.reviews import is_reviewed, last_review_date, live_pages

# trim_blocks keeps loops tidy, but after an include it would swallow the paragraph break an
# editor wrote; so include tags are always written as "+%}" (no trimming) before compiling.
_JINJA = re.compile(r"\{[{%#]")


def has_jinja(text: str) -> bool:
    """Whether ``text`` needs Jinja: plain text is used as it is, never compiled."""
    return _JINJA.search(text) is not None

_INCLUDE_END = re.compile(r"(\{%-?\s*include\b[^%]*?)\s*(?<![+-])%\}")


def _keep_break_after_includes(source: str) -> str:
    return _INCLUDE_END.sub(r"\1 +%}", source)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def written_date(day: dt.date, locale: str) -> str:
    """A date as people read it: 21 November 2026, 2026年11月21日."""
    if locale == FALLBACK_LOCALE:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


class Renderer:
    """Compiles and renders every body once at load time, so template mistakes surface before
    serving."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self._envs = {locale: self._environment(locale) for locale in LOCALES}
        # A body with no Jinja syntax is its own output: it needs no compiling.
        self._templates: dict[tuple[str, str], jinja2.Template | str] = {}
        self._rendered: dict[tuple[str, str], tuple[str, list[str]]] = {}
        self._reviews: dict[str, dict[str, str | int]] = {}
        self._review_counts: tuple[list[dt.date], int, int] | None = None
        problems: list[Problem] = []
        for locale, texts in content.texts.items():
            for page_id, text in texts.items():
                origin = content.origins.bodies[(locale, page_id)]
                if not has_jinja(text.body):
                    self._templates[(locale, page_id)] = text.body
                    continue
                try:
                    self._templates[(locale, page_id)] = self._envs[locale].from_string(
                        _keep_break_after_includes(text.body))
                except jinja2.TemplateSyntaxError as exc:
                    problems.append(Problem(origin.file, origin.line + (exc.lineno or 1) - 1,
                                            f"template error in '{page_id}': {exc.message}"))
        if problems:
            raise ContentError(problems)
        # Render every body now too: a template that compiles can still fail when it runs
        # ({{ -'x' }}, a missing snippet, an unknown variable), and that must stop a load, not
        # a reply.
        for locale, texts in content.texts.items():
            for page_id in texts:
                origin = content.origins.bodies[(locale, page_id)]
                try:
                    self.body(page_id, locale)
                except jinja2.TemplateNotFound as exc:
                    problems.append(Problem(
                        origin.file, self._error_line(locale, page_id, exc),
                        f"'{page_id}' includes snippet '{exc.name}', which exists neither in "
                        f"{locale} nor in English; add it under snippets:"))
                except Exception as exc:  # whatever the template did, say it plainly
                    problems.append(Problem(origin.file, self._error_line(locale, page_id, exc),
                                            f"'{page_id}' cannot be rendered: {exc}"))
        if problems:
            raise ContentError(problems)

    def _error_line(self, locale: str, page_id: str, exc: BaseException) -> int:
        """The file line of the template line that failed: Jinja puts the template's own line
        numbers on the frames of a rendering error (filename "<template>" for a body; the
        outermost is the body's, at the include when a snippet failed). Inside a '|' block, line N
        of the body is N - 1 lines below its first; for a quoted body, the body's first line."""
        origin = self.content.origins.bodies[(locale, page_id)]
        if (locale, page_id) not in self.content.literal_bodies:
            return origin.line
        line = None
        tb = exc.__traceback__
        while tb is not None and line is None:  # the outermost: the body (inner frames may be
            if tb.tb_frame.f_code.co_filename == "<template>":  # an included snippet's)
                line = tb.tb_lineno
            tb = tb.tb_next
        lines = self.content.texts[locale][page_id].body.count("\n") + 1
        if line is None or not 1 <= line <= lines:
            return origin.line
        return origin.line + line - 1

    def _environment(self, locale: str) -> SandboxedEnvironment:
        snippets = self.content.snippets

        def load(name: str) -> str | None:
            for candidate in (locale, FALLBACK_LOCALE):
                if name in snippets.get(candidate, {}):
                    return _keep_break_after_includes(snippets[candidate][name])
            return None

        env = SandboxedEnvironment(
            loader=jinja2.FunctionLoader(load),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,  # a snippet keeps the line break that ends it
        )
        return env

    def body(self, page_id: str, locale: str, *, strict: bool = False) -> str:
        """The page's body as normalised Telegram HTML (English template if untranslated).

        Rendered once per page and language (content never changes under a Renderer); with
        ``strict``, markup Telegram would refuse raises :class:`MarkupError`.
        """
        key = (page_id, locale)
        if key not in self._rendered:
            self._rendered[key] = normalise_checked(self._render(page_id, locale))
        result, problems = self._rendered[key]
        if problems and strict:
            raise MarkupError(problems)
        return result

    def raw_body(self, page_id: str, locale: str) -> str:
        """The body as its template renders it, before it is tidied into Telegram HTML (so a
        line in it is a line of the body as written)."""
        return self._render(page_id, locale)

    def _render(self, page_id: str, locale: str) -> str:
        template = self._templates.get((locale, page_id))
        if template is None:
            locale = FALLBACK_LOCALE
            template = self._templates[(FALLBACK_LOCALE, page_id)]
        if isinstance(template, str):
            return template
        context: dict[str, object] = {
            "locale": locale,
            "page_id": page_id,
            "title_of": self._title_lookup(locale),
            "services": self._services_lookup(locale),
            "region": self._region_lookup(locale),
            "review": self._review(locale),
        }
        return template.render(context)

    def _review(self, locale: str) -> dict[str, str | int]:
        """``{{ review.last }}``, ``{{ review.first }}``: the newest and the oldest latest review
        (a role's review or the editors' ``reviewed:`` check) of the pages people see, written for
        ``locale``; ``{{ review.done }}`` of ``{{ review.pages }}`` have every required review of
        their current text, ``{{ review.waiting }}`` do not. From the pages' review records, so
        nobody types a date or a count twice."""
        if locale not in self._reviews:
            if self._review_counts is None:  # the same in every language: worked out once
                live = live_pages(self.content)
                self._review_counts = (
                    sorted(day for day in map(partial(last_review_date, self.content), live)
                           if day is not None),
                    sum(is_reviewed(self.content, page_id) for page_id in live), len(live))
            dates, done, total = self._review_counts
            self._reviews[locale] = {
                "last": written_date(dates[-1], locale) if dates else "",
                "first": written_date(dates[0], locale) if dates else "",
                # pages people see that still lack a required review of their current text
                "waiting": total - done,
                "done": done,
                "pages": total,
            }
        return self._reviews[locale]

    def _title_lookup(self, locale: str) -> Callable[[str], str]:
        def title_of(page_id: str) -> str:
            if not self.content.has_page(page_id):
                raise jinja2.UndefinedError(f"no page '{page_id}'")
            return self.content.text(page_id, locale).title

        return title_of

    def _services_lookup(self, locale: str) -> Callable[[str], list[dict[str, str | None]]]:
        def services(region: str) -> list[dict[str, str | None]]:
            if region not in self.content.regions:
                raise jinja2.UndefinedError(f"no region '{region}' in content/services.yaml")
            return [
                {
                    "id": s.id,
                    "name": s.local("name", locale),
                    "offers": s.local("offers", locale),
                    "phone": s.phone,
                    "contact": s.local("contact", locale),
                    "website": s.website,
                    "hours": s.local("hours", locale),
                    "verified": s.verified.isoformat(),
                }
                for s in self.content.services
                if s.region == region
            ]

        return services

    def _region_lookup(self, locale: str) -> Callable[[str], dict[str, str]]:
        def region(region_id: str) -> dict[str, str]:
            found = self.content.regions.get(region_id)
            if found is None:
                raise jinja2.UndefinedError(f"no region '{region_id}' in content/services.yaml")
            return {"id": region_id, "name": found.local_name(locale),
                    "emergency": found.emergency}

        return region

    def page_html(self, page_id: str, locale: str, *, strict: bool = False) -> str:
        title = html.escape(self.content.text(page_id, locale).title, quote=False)
        body = self.body(page_id, locale, strict=strict)
        return f"<b>{title}</b>\n\n{body}" if body else f"<b>{title}</b>"

