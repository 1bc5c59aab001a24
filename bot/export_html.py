"""``python -m bot export-html OUT_DIR``: the bot's screens as a static, printable website.

Co-production review happens on paper and in browsers as much as in Telegram, so this adapter
writes every page in every language as plain HTML that works offline. Like the terminal chat it
only uses the ScreenBuilder's screens, the content model and the UI strings (the website's own words
are ``web_*`` keys in ``locales/``); it never reads YAML itself. The documents are Jinja2
templates in ``bot/templates/export/`` (sandboxed, autoescaped) with one stylesheet, copied to
``OUT_DIR/style.css`` and linked relatively so the site opens from file:// with no network.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import (
    Action,
    Button,
    ChooseLanguage,
    OpenPage,
    OpenUrl,
    SetLanguage,
    ShowSources,
)
from bot.conversation.telegram_html import End, Start, Text, tokenize, visible_text
from bot.model.model import FALLBACK_LOCALE, HOME, LOCALES, Content
from bot.model.reviews import last_review_date, shown_status, stale_translations

SITE_NAME = "K Safer"
STYLESHEET = "style.css"
TEMPLATES = "export"


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    pages: int
    locales: int
    files: int

    def summary(self) -> str:
        return (f"Wrote {self.pages} pages × {self.locales} languages "
                f"({self.files} HTML files) to {self.out_dir}")


# -- Telegram HTML → web HTML ------------------------------------------------------------------

_BLOCK = frozenset({"blockquote", "pre"})
_WEB_TAG = {"strong": "b", "em": "i", "ins": "u", "strike": "s", "del": "s"}
_HREF = re.compile(r'^<a href="([^"]*)">$')
_SAFE_URL = re.compile(r"^(https?://|tg://|mailto:)", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def is_safe_url(url: str) -> bool:
    """Only the schemes the content model allows become links."""
    return bool(_SAFE_URL.match(url))


def telegram_to_web(markup: str) -> Markup:
    """Telegram HTML as web HTML: blank lines become paragraphs, single newlines ``<br>``.

    The markup is re-tokenized by the core's parser, so only Telegram's subset can come through;
    anything else is dropped and all text is escaped again.
    """
    tokens, _ = tokenize(markup)
    out: list[str] = []
    stack: list[str] = []
    paragraph = False

    def open_paragraph() -> None:
        nonlocal paragraph
        if not paragraph and not stack:
            out.append("<p>")
            paragraph = True

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            out.append("</p>")
            paragraph = False

    for token in tokens:
        if isinstance(token, Start):
            if token.name in _BLOCK and not stack:
                close_paragraph()
            else:
                open_paragraph()
            stack.append(token.name)
            out.append(_web_start(token))
        elif isinstance(token, End):
            if stack:
                stack.pop()
            out.append(_web_end(token.name))
        elif isinstance(token, Text):
            if "pre" in stack:
                out.append(html.escape(token.value, quote=False))
                continue
            for index, chunk in enumerate(_PARAGRAPH.split(token.value)):
                if index:
                    if stack:
                        out.append("<br><br>")
                    else:
                        close_paragraph()
                for number, line in enumerate(chunk.split("\n")):
                    if not stack and not paragraph and not line.strip():
                        continue
                    open_paragraph()
                    if number:
                        out.append("<br>")
                    out.append(html.escape(line, quote=False))
    close_paragraph()
    return Markup("".join(out))


def _web_start(token: Start) -> str:
    name = token.name
    if name == "a":
        match = _HREF.match(token.raw)
        url = html.unescape(match.group(1)) if match else ""
        if is_safe_url(url):
            return f'<a href="{html.escape(url)}" rel="noopener">'
        return '<a>'
    if name in ("tg-spoiler", "span"):
        return '<span class="spoiler">'
    if name == "tg-emoji":
        return "<span>"
    if name == "code":
        return "<code>"
    return f"<{_WEB_TAG.get(name, name)}>"


def _web_end(name: str) -> str:
    if name in ("tg-spoiler", "span", "tg-emoji"):
        return "</span>"
    return f"</{_WEB_TAG.get(name, name)}>"


def _inline(web_html: Markup) -> Markup:
    """Paragraph markup dropped, for strings shown inside a line (status, review date)."""
    return Markup(web_html.replace("</p><p>", "<br>").removeprefix("<p>").removesuffix("</p>"))


# -- what the templates show -------------------------------------------------------------------


@dataclass(frozen=True)
class WebButton:
    label: str
    href: str | None
    kind: str  # "page" (a link in the site), "url" (leaves it) or "inert" (Telegram only)


@dataclass(frozen=True)
class WebPart:
    number: int
    label: Markup | None  # "Part 2 of 3", only when a page has several parts
    html: Markup


@dataclass(frozen=True)
class WebSource:
    id: str
    title: str
    url: str | None
    link: bool


@dataclass(frozen=True)
class OtherLanguage:
    locale: str
    name: str
    href: str = ""
    title: str = ""


@dataclass(frozen=True)
class LanguageChoice:
    locale: str
    name: str
    prompt: str


@dataclass(frozen=True)
class WebArticle:
    page_id: str
    prefix: str  # anchors are prefixed with the page id in the all-pages view
    title: str
    reviewed: Markup | None
    status: str
    status_text: Markup
    fallback: bool
    fallback_also: str | None
    body_lang: str | None
    parts: tuple[WebPart, ...]
    rows: tuple[tuple[WebButton, ...], ...]
    sources: tuple[WebSource, ...]
    languages: tuple[OtherLanguage, ...]
    behind: bool = False  # a translation made from an older English: the reader is told
    behind_also: str | None = None


@dataclass(frozen=True)
class ContentsRow:
    page_id: str
    title: str
    fallback: bool
    reviewed: str
    status: str
    status_text: Markup


@dataclass(frozen=True)
class ContentsGroup:
    heading: str
    rows: tuple[ContentsRow, ...]


def _finalize(value: Any) -> Any:
    """Plain text escaped the way the site always was (``&quot;``, not ``&#34;``); markup made
    by telegram_to_web passes through. Autoescape still guards anything else."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value, quote=True))
    return value


@cache
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=PackageLoader("bot", "templates"),
                                autoescape=select_autoescape(default=True),
                                undefined=StrictUndefined, finalize=_finalize,
                                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def stylesheet() -> str:
    """The site's stylesheet, shipped beside the templates."""
    return (files("bot") / "templates" / TEMPLATES / STYLESHEET).read_text(encoding="utf-8")


# -- the site ----------------------------------------------------------------------------------


def menu_order(content: Content) -> list[tuple[str | None, list[str]]]:
    """Pages grouped by section (each entry of the main menu), in the order a person meets them.

    Each page sits under the page that first reaches it from the menu (``Content.parents``), so
    every reachable page appears exactly once; anything unreachable comes last, in a group of its
    own (``None``).
    """
    tree: dict[str, list[str]] = {}
    for page_id, spec in content.pages.items():
        tree[page_id] = [t for t in dict.fromkeys(spec.targets())
                         if content.parents.get(t) == page_id]

    def walk(page_id: str) -> list[str]:
        found = [page_id]
        for child in tree.get(page_id, []):
            found.extend(walk(child))
        return found

    groups: list[tuple[str | None, list[str]]] = [(HOME, [HOME])] if HOME in content.pages else []
    for section in tree.get(HOME, []):
        groups.append((section, walk(section)))
    listed = {page for _, pages in groups for page in pages}
    rest = sorted(set(content.pages) - listed)
    if rest:
        groups.append((None, rest))
    return groups


class SiteWriter:
    """Turns screens into HTML documents through the templates; one instance per export."""

    def __init__(self, builder: ScreenBuilder) -> None:
        self.builder = builder
        self.content = builder.content
        self.order = menu_order(self.content)
        self.pages = [page for _, group in self.order for page in group]
        self.env = environment()
        # (page, language) of translations made from an older English than today's (not those
        # with no record at all: nothing says they are behind)
        self.behind = {(item.page, item.locale) for item in stale_translations(self.content)
                       if item.made_from is not None}

    # -- words ----------------------------------------------------------------------------------

    def ui(self, locale: str, key: str, **values: str) -> Markup:
        """A UI string (Telegram HTML in locales/*.yaml) as web HTML, inline."""
        return _inline(telegram_to_web(self.builder.ui.get(locale, key, **values)))

    def ui_text(self, locale: str, key: str, **values: str) -> str:
        """A UI string as plain text (for <title>)."""
        return visible_text(self.builder.ui.get(locale, key, **values))

    def words(self, locale: str) -> Callable[..., Markup]:
        """``t("web_contents")`` in the templates: UI strings of this document's language."""
        return lambda key, **values: self.ui(locale, key, **values)

    def language_name(self, locale: str) -> str:
        return self.ui_text(locale, "language_name")

    def title(self, page_id: str, locale: str) -> str:
        return self.content.text(page_id, locale).title

    def is_fallback(self, page_id: str, locale: str) -> bool:
        return page_id not in self.content.texts.get(locale, {})

    def render(self, template: str, locale: str, title: str, *, depth: int = 1,
               **values: Any) -> str:
        return self.env.get_template(f"{TEMPLATES}/{template}").render(
            locale=locale, title=title, up="../" * depth, site_nav=depth > 0,
            site_name=SITE_NAME, t=self.words(locale), **values)

    # -- one page -------------------------------------------------------------------------------

    def article(self, page_id: str, locale: str, *, combined: bool) -> WebArticle:
        """A page's view; ``combined`` is the all-pages view, where links are anchors."""
        prefix = f"{page_id}-" if combined else ""

        def page_href(target: str, part: int = 0) -> str:
            if target == page_id and part:
                return f"#{prefix}part-{part + 1}"
            if combined:
                return f"#page-{target}"
            return f"{target}.html"

        def href(action: Action) -> str | None:
            if isinstance(action, OpenPage):
                return page_href(action.page, action.part)
            if isinstance(action, ShowSources):
                if action.page == page_id:
                    return f"#{prefix}sources"
                return f"#{action.page}-sources" if combined else f"{action.page}.html#sources"
            if isinstance(action, ChooseLanguage):
                return f"#{prefix}languages"
            if isinstance(action, SetLanguage):
                name = "all.html" if combined else f"{page_id}.html"
                return f"../{action.locale}/{name}"
            return None

        spec = self.content.pages[page_id]
        title = self.title(page_id, locale)
        fallback = self.is_fallback(page_id, locale)
        count = len(self.builder.parts(page_id, locale))
        screens = [self.builder.page(page_id, locale, part) for part in range(count)]
        heading = f"<b>{html.escape(title, quote=False)}</b>"
        parts: list[WebPart] = []
        for number, screen in enumerate(screens):
            if screen is None:
                continue
            text = screen.text
            if number == 0 and text.startswith(heading):
                text = text[len(heading):].lstrip()  # the title is the <h1>
            label = (self.ui(locale, "web_part", part=str(number + 1), count=str(len(screens)))
                     if len(screens) > 1 else None)
            parts.append(WebPart(number + 1, label, telegram_to_web(text)))
        first = screens[0] if screens else None
        rows = self.buttons(first.rows, href, page_id) if first is not None else ()
        sources = tuple(
            WebSource(source_id, self.content.sources[source_id].title, source.url,
                      bool(source.url and is_safe_url(source.url)))
            for source_id in spec.sources
            for source in (self.content.sources[source_id],))
        languages = tuple(
            OtherLanguage(other, self.language_name(other),
                          f"../{other}/all.html#page-{page_id}" if combined
                          else f"../{other}/{page_id}.html",
                          self.title(page_id, other))
            for other in LOCALES if other != locale)
        english = locale != FALLBACK_LOCALE
        reviewed = last_review_date(self.content, page_id)
        status = shown_status(self.content, page_id)
        return WebArticle(
            page_id=page_id, prefix=prefix, title=title,
            reviewed=(self.ui(locale, "last_reviewed", date=reviewed.isoformat())
                      if reviewed else None),
            status=status, status_text=self.ui(locale, f"status_{status}"),
            fallback=fallback,
            behind=(page_id, locale) in self.behind,
            behind_also=self.ui_text(FALLBACK_LOCALE, "web_behind") if english else None,
            fallback_also=self.ui_text(FALLBACK_LOCALE, "web_fallback") if english else None,
            body_lang=FALLBACK_LOCALE if fallback and english else None,
            parts=tuple(parts), rows=rows, sources=sources, languages=languages)

    @staticmethod
    def buttons(rows: tuple[tuple[Button, ...], ...], href: Callable[[Action], str | None],
                page_id: str) -> tuple[tuple[WebButton, ...], ...]:
        out: list[tuple[WebButton, ...]] = []
        for row in rows:
            cells: list[WebButton] = []
            for button in row:
                action = button.action
                if isinstance(action, OpenPage) and action.page == page_id:
                    continue  # Next/Previous: every part is already on the page
                if isinstance(action, OpenUrl):
                    safe = is_safe_url(action.url)
                    cells.append(WebButton(button.label, action.url if safe else None,
                                           "url" if safe else "inert"))
                    continue
                target = href(action)
                cells.append(WebButton(button.label, target, "page" if target else "inert"))
            if cells:
                out.append(tuple(cells))
        return tuple(out)

    # -- whole documents ------------------------------------------------------------------------

    def page_document(self, page_id: str, locale: str) -> str:
        return self.render("page.html.j2", locale, f"{self.title(page_id, locale)} · {SITE_NAME}",
                           page=self.article(page_id, locale, combined=False))

    def all_document(self, locale: str) -> str:
        return self.render("all.html.j2", locale,
                           f"{self.ui_text(locale, 'web_print_all')} · {SITE_NAME}",
                           pages=[self.article(page, locale, combined=True)
                                  for page in self.pages])

    def contents_document(self, locale: str) -> str:
        groups = [
            ContentsGroup(
                self.title(section, locale) if section
                else self.ui_text(locale, "web_other_pages"),
                tuple(ContentsRow(page_id, self.title(page_id, locale),
                                  self.is_fallback(page_id, locale),
                                  day.isoformat() if day else "",
                                  status, self.ui(locale, f"status_{status}"))
                      for page_id in group
                      for day, status in ((last_review_date(self.content, page_id),
                                           shown_status(self.content, page_id)),)))
            for section, group in self.order]
        languages = [OtherLanguage(other, self.language_name(other))
                     for other in LOCALES if other != locale]
        return self.render("contents.html.j2", locale,
                           f"{SITE_NAME}: {self.ui_text(locale, 'web_contents')}",
                           groups=groups, languages=languages)

    def language_chooser(self) -> str:
        choices = [LanguageChoice(locale, self.language_name(locale),
                                  self.ui_text(locale, "web_choose_language"))
                   for locale in LOCALES]
        return self.render("chooser.html.j2", FALLBACK_LOCALE, SITE_NAME, depth=0,
                           choices=choices)


def export_site(builder: ScreenBuilder, out_dir: Path) -> ExportResult:
    """Write the whole site into ``out_dir`` (created if needed; other files are left alone)."""
    writer = SiteWriter(builder)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    files_written = 0

    def write(path: Path, text: str) -> None:
        nonlocal files_written
        path.write_text(text, encoding="utf-8")
        files_written += 1

    write(out_dir / "index.html", writer.language_chooser())
    for locale in LOCALES:
        folder = out_dir / locale
        folder.mkdir(exist_ok=True)
        write(folder / "index.html", writer.contents_document(locale))
        write(folder / "all.html", writer.all_document(locale))
        for page_id in writer.pages:
            write(folder / f"{page_id}.html", writer.page_document(page_id, locale))
    return ExportResult(out_dir, len(writer.pages), len(LOCALES), files_written)
