"""The static website export: every page in every language, links that resolve, safe HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.export_html import export_site, menu_order, telegram_to_web
from bot.model.model import HOME, LOCALES
from tests.cli import run
from tests.conftest import ROOT, TreeBuilder, english_text
from tests.test_cli import site_env

VOID = {"meta", "br", "link", "img", "hr", "input"}


class _Page(HTMLParser):
    """Collects hrefs, ids and text, and checks that every tag is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "p" and "p" in self.stack:
            self.errors.append("<p> inside <p>")
        if tag in ("blockquote", "pre") and "p" in self.stack:
            self.errors.append(f"<{tag}> inside <p>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> but open: {self.stack[-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "title":
            self.title += data
        elif "style" not in self.stack:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert not page.errors, (path, page.errors[:5])
    assert not page.stack, (path, page.stack)
    return page


def broken_links(out: Path) -> list[str]:
    """Every internal href in the site that does not reach an existing file (and anchor)."""
    parsed = {path: parse(path) for path in out.rglob("*.html")}
    broken: list[str] = []
    for path, page in parsed.items():
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme:
                assert parts.scheme in ("http", "https", "tg", "mailto"), (path, href)
                continue
            target = (path.parent / parts.path).resolve() if parts.path else path
            if target not in parsed:
                broken.append(f"{path.relative_to(out)}: {href}")
            elif parts.fragment and parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(out)}: {href} (no such anchor)")
    return broken


def page_html(out: Path, locale: str, page_id: str) -> str:
    return (out / locale / f"{page_id}.html").read_text(encoding="utf-8")


@pytest.fixture
def out(builder: ScreenBuilder, tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    export_site(builder, folder)
    return folder


def test_writes_every_page_in_every_language(builder: ScreenBuilder, tmp_path: Path) -> None:
    result = export_site(builder, tmp_path / "out")
    pages = set(builder.content.pages)
    assert (result.pages, result.locales) == (len(pages), 3)
    assert (tmp_path / "out" / "index.html").exists()
    for locale in LOCALES:
        written = {p.stem for p in (tmp_path / "out" / locale).glob("*.html")}
        assert written == pages | {"index", "all"}
    assert result.files == 1 + 3 * (len(pages) + 2)
    assert "8 pages × 3 languages" in result.summary()


def test_links_between_pages_resolve_and_html_is_well_formed(out: Path) -> None:
    assert broken_links(out) == []


def test_page_shows_text_buttons_sources_and_review(out: Path, builder: ScreenBuilder) -> None:
    bladder = page_html(out, "en", "bladder")
    assert '<html lang="en">' in bladder
    assert '<meta charset="utf-8">' in bladder
    assert "<h1" in bladder and ">Bladder</h1>" in bladder
    assert "<p>See a doctor if it hurts.</p>" in bladder
    assert "<b>Bladder</b>" not in bladder  # the title is the <h1>, not repeated in the body
    assert 'href="bladder_signs.html">Early signs</a>' in bladder
    assert 'href="#sources"' in bladder and 'id="sources"' in bladder
    assert "A source" in bladder
    assert 'href="https://example.org/s1" rel="noopener"' in bladder
    assert "Last reviewed: 2026-11-01" in bladder
    assert builder.ui.get("en", "status_awaiting_review") in bladder
    assert 'href="home.html">' in bladder  # Menu
    assert 'href="emergency.html">' in bladder
    signs = page_html(out, "en", "bladder_signs")
    assert 'href="bladder.html">‹ Back</a>' in signs
    assert 'href="https://example.org/info" rel="noopener">Info website</a>' in signs
    assert "<p>• Peeing often<br>• Pain</p>" in signs
    assert builder.ui.get("en", "status_awaiting_review") in signs  # no status: live


def test_other_languages_and_the_language_chooser(out: Path) -> None:
    page = page_html(out, "zh-Hant", "selfcheck")
    assert '<html lang="zh-Hant">' in page
    assert 'href="../en/selfcheck.html"' in page and 'href="../zh-Hans/selfcheck.html"' in page
    assert "简 Self-check" in page  # the other language's title, in its own script
    home = page_html(out, "en", HOME)
    assert 'href="#languages"' in home  # the built-in language button
    index = (out / "index.html").read_text(encoding="utf-8")
    for locale in LOCALES:
        assert f'href="{locale}/index.html" lang="{locale}"' in index


def test_every_part_of_a_long_page_in_sequence(out: Path, builder: ScreenBuilder) -> None:
    count = len(builder.parts("long_page", "en"))
    assert count > 1
    page = page_html(out, "en", "long_page")
    positions = [page.index(f"Paragraph {i}. ") for i in range(30)]
    assert positions == sorted(positions)
    assert all(f'id="part-{n}"' in page for n in range(1, count + 1))
    assert "Next ›" not in page  # Next/Previous make no sense when every part is shown


def test_table_of_contents_groups_pages_by_section(out: Path, builder: ScreenBuilder) -> None:
    groups = menu_order(builder.content)
    assert [section for section, _ in groups] == [HOME, "emergency", "bladder", "long_page"]
    listed = [page for _, pages in groups for page in pages]
    assert sorted(listed) == sorted(builder.content.pages)
    assert listed.index("bladder") < listed.index("selfcheck") < listed.index("selfcheck_ok")
    toc = (out / "zh-Hans" / "index.html").read_text(encoding="utf-8")
    order = [toc.index(f'href="{page}.html"') for page in listed]
    assert order == sorted(order)
    assert builder.ui.get("zh-Hans", "status_awaiting_review") in toc
    assert "2026-11-01" in toc


def linked_styles(path: Path) -> str:
    """The stylesheets a document links (relative links, resolved on disk as a browser would)."""
    text = path.read_text(encoding="utf-8")
    hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)">', text)
    assert hrefs, path
    return "".join((path.parent / href).read_text(encoding="utf-8") for href in hrefs)


def test_combined_print_view_has_every_page_with_page_breaks(out: Path) -> None:
    combined = (out / "en" / "all.html").read_text(encoding="utf-8")
    assert combined.count('<article class="page"') == 8
    style = linked_styles(out / "en" / "all.html")
    assert "break-before: page" in style and "@page" in style
    assert 'href="#page-bladder_signs"' in combined
    assert 'id="bladder-sources"' in combined


def test_missing_translation_shows_a_fallback_banner(make_tree: TreeBuilder,
                                                     tmp_path: Path) -> None:
    simplified = {k: v for k, v in english_text().items() if k != "bladder_signs"}
    root = make_tree(texts={"zh-Hans": {"pages": simplified}})
    builder = ScreenBuilder.load(root / "content", root / "locales")
    export_site(builder, tmp_path / "out")
    page = page_html(tmp_path / "out", "zh-Hans", "bladder_signs")
    assert 'class="banner"' in page and "还没有简体中文翻译" in page
    assert '<div class="body" lang="en">' in page
    assert ">Early signs</h1>" in page
    assert 'class="banner"' not in page_html(tmp_path / "out", "zh-Hant", "bladder_signs")
    assert 'class="banner"' not in page_html(tmp_path / "out", "zh-Hans", "bladder")
    assert "fallback-mark" in (tmp_path / "out" / "zh-Hans" / "index.html").read_text("utf-8")


def test_titles_and_labels_are_escaped(make_tree: TreeBuilder, tmp_path: Path) -> None:
    texts = english_text()
    texts["bladder"] = {**texts["bladder"], "title": 'Bladder <&> "pee"',
                        "button": "<script>x</script>"}
    root = make_tree(texts={"en": {"pages": texts}})
    export_site(ScreenBuilder.load(root / "content", root / "locales"), tmp_path / "out")
    out = tmp_path / "out"
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "<&>" not in text, path
    page = page_html(out, "en", "bladder")
    assert "<title>Bladder &lt;&amp;&gt; &quot;pee&quot; · K Safer</title>" in page
    assert ">Bladder &lt;&amp;&gt; &quot;pee&quot;</h1>" in page
    assert "&lt;script&gt;x&lt;/script&gt;</a>" in page_html(out, "en", HOME)
    assert broken_links(out) == []


@pytest.mark.parametrize(("telegram", "web"), [
    ("One\ntwo\n\nThree", "<p>One<br>two</p><p>Three</p>"),
    ("<b>Bold\n\nstill</b> after", "<p><b>Bold<br><br>still</b> after</p>"),
    ("Before\n\n<blockquote>Quote\nmore</blockquote>\n\nAfter",
     "<p>Before</p><blockquote>Quote<br>more</blockquote><p>After</p>"),
    ("<pre>a\n  b</pre>", "<pre>a\n  b</pre>"),
    ('<a href="https://x.org/?a=1&amp;b=2">x</a>',
     '<p><a href="https://x.org/?a=1&amp;b=2" rel="noopener">x</a></p>'),
    ('<a href="javascript:alert(1)">x</a>', "<p><a>x</a></p>"),
    ("<script>alert(1)</script> &amp; <tg-spoiler>s</tg-spoiler>",
     '<p>alert(1) &amp; <span class="spoiler">s</span></p>'),
    ("<strong>a</strong><em>b</em>", "<p><b>a</b><i>b</i></p>"),
])
def test_telegram_html_becomes_web_html(telegram: str, web: str) -> None:
    assert telegram_to_web(telegram) == web


def test_cli_export_html_as_a_real_process(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "web"
    result = run(["export-html", str(out)], site_env(site))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"Wrote 8 pages × 3 languages \(\d+ HTML files\) to .*web", lines[0])
    assert (out / "zh-Hant" / "bladder_signs.html").exists()
    assert run(["export-html", "--help"]).returncode == 0


def test_shipped_content_exports_with_no_broken_links(tmp_path: Path) -> None:
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    result = export_site(builder, tmp_path / "site")
    assert result.pages == len(builder.content.pages)
    assert broken_links(tmp_path / "site") == []


def test_one_stylesheet_copied_and_linked_relatively(out: Path) -> None:
    assert "@media print" in (out / "style.css").read_text(encoding="utf-8")
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<style" not in text, path
        (href,) = re.findall(r'<link rel="stylesheet" href="([^"]+)">', text)
        assert (path.parent / href).resolve() == (out / "style.css").resolve(), path


def test_buttons_that_work_only_in_telegram_are_shown_apart(out: Path,
                                                            builder: ScreenBuilder) -> None:
    yes, no = builder.ui.get("en", "useful_yes"), builder.ui.get("en", "useful_no")
    page = page_html(out, "en", "bladder")
    assert f'<span class="button inert">{yes}</span>' in page
    assert f'<span class="button inert">{no}</span>' in page
    text = "".join(parse(out / "en" / "bladder.html").text)
    assert yes in text and no in text and yes + no not in text


def test_website_words_come_from_the_locales(out: Path, builder: ScreenBuilder) -> None:
    for locale in LOCALES:
        toc = (out / locale / "index.html").read_text(encoding="utf-8")
        assert f"<title>K Safer: {builder.ui.get(locale, 'web_contents')}</title>" in toc
        assert builder.ui.get(locale, "web_generated") in toc
