"""``python -m bot export-html OUT_DIR``: the bot's screens as a static, printable website.

Co-production review happens on paper and in browsers as much as in Telegram, so this adapter
writes every page in every language as plain HTML that works offline. Like the terminal chat it
only uses the Navigator's screens and the content model; it never reads YAML itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.markup import End, Start, Text, tokenize
from bot.core.model import FALLBACK_LOCALE, HOME, LOCALES, Content
from bot.core.navigation import Navigator
from bot.core.screens import (
    Action,
    Button,
    ChooseLanguage,
    OpenPage,
    OpenUrl,
    SetLanguage,
    ShowSources,
)

SITE_NAME = "K Safer"

# Words only the website needs (Telegram has no table of contents or print view), so they live
# here rather than in locales/*.yaml where `check` would ask every editor to translate them.
WEB_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "print_all": "All pages (for printing)",
        "choose_language": "Choose a language",
        "other_languages": "This page in other languages",
        "fallback": "This page is not translated into English yet, so the English text is shown.",
        "part": "Part {part} of {count}",
        "other_pages": "Other pages",
        "page": "Page",
        "notes": "Notes",
        "generated": "Exported from the bot's content for review. The bot itself is on Telegram.",
    },
    "zh-Hans": {
        "contents": "目录",
        "print_all": "全部页面（打印用）",
        "choose_language": "选择语言",
        "other_languages": "本页的其他语言版本",
        "fallback": "本页还没有简体中文翻译，以下显示英文原文。",
        "part": "第 {part} 部分，共 {count} 部分",
        "other_pages": "其他页面",
        "page": "页面",
        "notes": "备注",
        "generated": "由机器人内容导出，供审阅使用。机器人本身在 Telegram 上。",
    },
    "zh-Hant": {
        "contents": "目錄",
        "print_all": "全部頁面（列印用）",
        "choose_language": "選擇語言",
        "other_languages": "本頁的其他語言版本",
        "fallback": "本頁還沒有繁體中文翻譯，以下顯示英文原文。",
        "part": "第 {part} 部分，共 {count} 部分",
        "other_pages": "其他頁面",
        "page": "頁面",
        "notes": "備註",
        "generated": "由機器人內容匯出，供審閱使用。機器人本身在 Telegram 上。",
    },
}
# For English-speaking reviewers of a Chinese page, the banner also says it in English.
FALLBACK_NOTE_EN = "Not translated yet: showing the English text."

STYLE = """
:root { color-scheme: light; }
html { font-size: 100%; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  line-height: 1.55; color: #1a1a1a; background: #fff; max-width: 44rem;
  margin: 0 auto; padding: 1rem 1.25rem 3rem; }
:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC",
  "Microsoft JhengHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
:lang(en) { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans",
  sans-serif; }
a { color: #0b57d0; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
.site-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.9rem;
  border-bottom: 1px solid #ddd; padding-bottom: 0.5rem; }
.site-nav .brand { font-weight: 600; color: inherit; text-decoration: none; }
.meta { font-size: 0.85rem; color: #555; }
.meta code { font-size: 0.85rem; }
.banner { border: 2px solid #b45309; background: #fff7ed; padding: 0.6rem 0.8rem;
  margin: 1rem 0; font-weight: 600; }
.banner .also { display: block; font-weight: 400; font-size: 0.9rem; }
.body p { margin: 0 0 0.9rem; }
.body blockquote { margin: 0 0 0.9rem; padding: 0.2rem 0.9rem; border-left: 4px solid #ccc; }
.body pre { white-space: pre-wrap; background: #f5f5f5; padding: 0.5rem; }
.spoiler { background: #ddd; }
.part-label { font-size: 0.8rem; color: #666; border-top: 1px dashed #bbb; margin-top: 1.25rem;
  padding-top: 0.25rem; }
.buttons { margin: 1.5rem 0; }
.buttons .row { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.4rem; }
.buttons a { display: inline-block; padding: 0.4rem 0.8rem; border: 1px solid #9db3d8;
  border-radius: 0.5rem; text-decoration: none; background: #f1f5fc; }
.buttons a.url::after { content: " ↗"; }
.sources ol { padding-left: 1.5rem; }
.sources li { margin-bottom: 0.35rem; overflow-wrap: anywhere; }
.review { font-size: 0.9rem; color: #333; }
.languages ul, .choose ul { list-style: none; padding: 0; display: flex; gap: 1rem;
  flex-wrap: wrap; }
.choose a { font-size: 1.3rem; }
.toc table { border-collapse: collapse; width: 100%; font-size: 0.9rem; table-layout: fixed; }
.toc td:nth-child(1) { width: 45%; } .toc td:nth-child(2) { width: 15%; }
.toc th, .toc td { text-align: left; vertical-align: top; padding: 0.3rem 0.4rem;
  border-bottom: 1px solid #e5e5e5; }
.toc td.status { color: #555; font-size: 0.8rem; }
.status-draft { color: #9a3412; }
.status-awaiting_review { color: #854d0e; }
.status-reviewed { color: #166534; }
.fallback-mark { color: #b45309; font-size: 0.8rem; }
.notes { display: none; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #666; }
@page { size: A4; margin: 20mm 30mm 20mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .site-nav, .languages, .no-print { display: none; }
  a { color: inherit; }
  .body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em;
    overflow-wrap: anywhere; }
  .buttons a { border-color: #999; background: none; }
  .notes { display: block; border: 1px solid #999; min-height: 45mm; margin-top: 1rem;
    padding: 0.3rem 0.5rem; color: #666; font-size: 0.8rem; }
  h1, h2 { break-after: avoid; }
  .body p, .sources li, .buttons .row { break-inside: avoid; }
  article.page + article.page { break-before: page; }
}
"""


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


def external_link(url: str, label_html: str) -> str:
    """A link that leaves the site; only the schemes the content model allows become links."""
    if not _SAFE_URL.match(url):
        return label_html
    return f'<a href="{html.escape(url)}" rel="noopener">{label_html}</a>'


def telegram_to_web(markup: str) -> str:
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
    return "".join(out)


def _web_start(token: Start) -> str:
    name = token.name
    if name == "a":
        match = _HREF.match(token.raw)
        url = html.unescape(match.group(1)) if match else ""
        if _SAFE_URL.match(url):
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


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class SiteWriter:
    """Turns screens into HTML documents; one instance per export."""

    def __init__(self, navigator: Navigator) -> None:
        self.nav = navigator
        self.content = navigator.content
        self.order = menu_order(self.content)
        self.pages = [page for _, group in self.order for page in group]

    # -- helpers --------------------------------------------------------------------------------

    def web_text(self, locale: str, key: str, **values: str) -> str:
        """A website-only label as plain text."""
        text = WEB_LABELS.get(locale, WEB_LABELS[FALLBACK_LOCALE])[key]
        return text.format(**values) if values else text

    def web(self, locale: str, key: str, **values: str) -> str:
        """A website-only label, HTML-escaped."""
        return _esc(self.web_text(locale, key, **values))

    def language_name(self, locale: str) -> str:
        """The language's own name (UI strings are Telegram HTML), HTML-escaped for the web."""
        return _esc(html.unescape(self.nav.ui.get(locale, "language_name")))

    def ui(self, locale: str, key: str, **values: str) -> str:
        """A UI string (Telegram HTML in locales/*.yaml) as web HTML, inline."""
        return _inline(telegram_to_web(self.nav.ui.get(locale, key, **values)))

    def title(self, page_id: str, locale: str) -> str:
        return self.content.text(page_id, locale).title

    def is_fallback(self, page_id: str, locale: str) -> bool:
        return page_id not in self.content.texts.get(locale, {})

    def document(self, locale: str, title: str, body: str, *, depth: int = 1) -> str:
        up = "../" * depth
        nav = ""
        if depth:
            nav = (f'<nav class="site-nav"><a class="brand" href="{up}index.html">{SITE_NAME}</a>'
                   f'<a href="index.html">{self.web(locale, "contents")}</a>'
                   f'<a href="all.html">{self.web(locale, "print_all")}</a></nav>\n')
        return (f'<!DOCTYPE html>\n<html lang="{_esc(locale)}">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{_esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
                f"{nav}{body}\n<footer>{self.web(locale, 'generated')}</footer>\n"
                "</body>\n</html>\n")

    # -- one page -------------------------------------------------------------------------------

    def page_article(self, page_id: str, locale: str, *, combined: bool) -> str:
        """A page as an <article>; ``combined`` is the all-pages view, where links are anchors."""
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
        parts = self.nav.parts(page_id, locale)
        screens = [self.nav.page(page_id, locale, part) for part in range(len(parts))]
        out: list[str] = [f'<article class="page" id="page-{page_id}">']
        out.append(f'<h1 id="{prefix}title">{_esc(title)}</h1>')
        review = [f"{self.web(locale, 'page')}: <code>{_esc(page_id)}</code>"]
        if spec.reviewed:
            review.append(self.ui(locale, "last_reviewed", date=spec.reviewed.isoformat()))
        out.append(f'<p class="meta">{" · ".join(review)} · <span class="status-{spec.status}">'
                   f'{self.ui(locale, f"status_{spec.status}")}</span></p>')
        if fallback:
            also = (f'<span class="also" lang="en">{_esc(FALLBACK_NOTE_EN)}</span>'
                    if locale != FALLBACK_LOCALE else "")
            out.append(f'<p class="banner" role="note">{self.web(locale, "fallback")}{also}</p>')
        lang = ' lang="en"' if fallback and locale != FALLBACK_LOCALE else ""
        out.append(f'<div class="body"{lang}>')
        heading = f"<b>{html.escape(title, quote=False)}</b>"
        for number, screen in enumerate(screens):
            if screen is None:
                continue
            text = screen.text
            if number == 0 and text.startswith(heading):
                text = text[len(heading):].lstrip()
            if len(screens) > 1:
                label = self.web(locale, "part", part=str(number + 1), count=str(len(screens)))
                out.append(f'<p class="part-label" id="{prefix}part-{number + 1}">{label}</p>')
            out.append(telegram_to_web(text))
        out.append("</div>")
        first = screens[0]
        if first is not None:
            out.append(self.buttons(first.rows, href, page_id))
        if spec.sources:
            out.append(self.sources_section(page_id, locale, prefix))
        out.append(self.languages_section(page_id, locale, prefix, combined))
        out.append(f'<div class="notes">{self.web(locale, "notes")}</div>')
        out.append("</article>")
        return "\n".join(out)

    def buttons(self, rows: tuple[tuple[Button, ...], ...],
                href: Callable[[Action], str | None], page_id: str) -> str:
        out = ['<nav class="buttons">']
        for row in rows:
            cells: list[str] = []
            for button in row:
                action = button.action
                if isinstance(action, OpenPage) and action.page == page_id:
                    continue  # Next/Previous: every part is already on the page
                label = _esc(button.label)
                if isinstance(action, OpenUrl):
                    cells.append(external_link(action.url, label).replace(
                        "<a ", '<a class="url" ', 1))
                    continue
                target = href(action)
                cells.append(f'<a href="{_esc(target)}">{label}</a>' if target else label)
            if cells:
                out.append(f'<div class="row">{"".join(cells)}</div>')
        out.append("</nav>")
        return "\n".join(out)

    def sources_section(self, page_id: str, locale: str, prefix: str) -> str:
        spec = self.content.pages[page_id]
        items: list[str] = []
        for source_id in spec.sources:
            source = self.content.sources[source_id]
            entry = f"{_esc(source.title)} <span class='meta'>[{_esc(source_id)}]</span>"
            if source.url:
                entry += "<br>" + external_link(source.url, _esc(source.url))
            items.append(f"<li>{entry}</li>")
        return (f'<section class="sources" id="{prefix}sources">'
                f'<h2>{self.ui(locale, "sources_title")}</h2>\n<ol>{"".join(items)}</ol>\n'
                "</section>")

    def languages_section(self, page_id: str, locale: str, prefix: str, combined: bool) -> str:
        links: list[str] = []
        for other in LOCALES:
            if other == locale:
                continue
            target = f"../{other}/all.html#page-{page_id}" if combined else \
                f"../{other}/{page_id}.html"
            links.append(f'<li><a href="{target}" lang="{other}" hreflang="{other}">'
                         f"{self.language_name(other)}: {_esc(self.title(page_id, other))}</a>"
                         "</li>")
        return (f'<section class="languages" id="{prefix}languages">'
                f'<h2>{self.web(locale, "other_languages")}</h2><ul>{"".join(links)}</ul>'
                "</section>")

    # -- whole documents ------------------------------------------------------------------------

    def page_document(self, page_id: str, locale: str) -> str:
        title = f"{self.title(page_id, locale)} · {SITE_NAME}"
        return self.document(locale, title, self.page_article(page_id, locale, combined=False))

    def all_document(self, locale: str) -> str:
        articles = [self.page_article(page, locale, combined=True) for page in self.pages]
        title = f"{self.web_text(locale, 'print_all')} · {SITE_NAME}"
        return self.document(locale, title, "\n".join(articles))

    def contents_document(self, locale: str) -> str:
        out = [f'<h1>{SITE_NAME}: {self.web(locale, "contents")}</h1>',
               f'<p class="no-print"><a href="all.html">{self.web(locale, "print_all")}</a></p>',
               '<div class="toc">']
        for section, group in self.order:
            heading = self.title(section, locale) if section else \
                self.web_text(locale, "other_pages")
            out.append(f"<h2>{_esc(heading)}</h2>\n<table>")
            for page_id in group:
                spec = self.content.pages[page_id]
                marker = ' <span class="fallback-mark">(English)</span>' \
                    if self.is_fallback(page_id, locale) else ""
                reviewed = spec.reviewed.isoformat() if spec.reviewed else ""
                out.append(
                    f'<tr><td><a href="{page_id}.html">{_esc(self.title(page_id, locale))}</a>'
                    f'{marker}<br><code class="meta">{page_id}</code></td>'
                    f'<td class="meta">{reviewed}</td>'
                    f'<td class="status status-{spec.status}">'
                    f'{self.ui(locale, f"status_{spec.status}")}</td></tr>')
            out.append("</table>")
        out.append("</div>")
        others = "".join(
            f'<li><a href="../{other}/index.html" lang="{other}" hreflang="{other}">'
            f'{self.language_name(other)}</a></li>'
            for other in LOCALES if other != locale)
        out.append(f'<section class="languages" id="languages"><ul>{others}</ul></section>')
        title = f"{SITE_NAME}: {self.web_text(locale, 'contents')}"
        return self.document(locale, title, "\n".join(out))

    def language_chooser(self) -> str:
        items = "".join(
            f'<li><a href="{locale}/index.html" lang="{locale}" hreflang="{locale}">'
            f'{self.language_name(locale)}</a></li>'
            for locale in LOCALES)
        prompts = " / ".join(
            f'<span lang="{locale}">{self.web(locale, "choose_language")}</span>'
            for locale in LOCALES)
        body = (f"<h1>{SITE_NAME}</h1>\n<p>{prompts}</p>\n"
                f'<nav class="choose"><ul>{items}</ul></nav>')
        return self.document(FALLBACK_LOCALE, SITE_NAME, body, depth=0)


def _inline(web_html: str) -> str:
    """Paragraph markup dropped, for strings shown inside a line (status, review date)."""
    return web_html.replace("</p><p>", "<br>").removeprefix("<p>").removesuffix("</p>")


def export_site(navigator: Navigator, out_dir: Path) -> ExportResult:
    """Write the whole site into ``out_dir`` (created if needed; other files are left alone)."""
    writer = SiteWriter(navigator)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = 0

    def write(path: Path, text: str) -> None:
        nonlocal files
        path.write_text(text, encoding="utf-8")
        files += 1

    write(out_dir / "index.html", writer.language_chooser())
    for locale in LOCALES:
        folder = out_dir / locale
        folder.mkdir(exist_ok=True)
        write(folder / "index.html", writer.contents_document(locale))
        write(folder / "all.html", writer.all_document(locale))
        for page_id in writer.pages:
            write(folder / f"{page_id}.html", writer.page_document(page_id, locale))
    return ExportResult(out_dir, len(writer.pages), len(LOCALES), files)
