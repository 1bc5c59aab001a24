"""The exported website in a real browser: headless Chromium from Debian's package.

Pages are opened over file://, which is how a reviewer opens the export on a laptop. Each run of
Chromium gets its own throwaway profile and no network features, and runs are made in parallel to
keep this quick. Without /usr/bin/chromium these tests are skipped locally and fail in CI (where
.ci/run installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import visible_text
from bot.export_html import export_site
from bot.model.model import LOCALES
from tests.test_export_html import _Page

pytestmark = pytest.mark.slow  # Chromium: `make test-slow` and CI run these

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--disable-extensions"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
    if found is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def builder(shipped: ScreenBuilder) -> ScreenBuilder:
    return shipped


@pytest.fixture(scope="module")
def site(builder: ScreenBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_site(builder, out)
    return out


@contextmanager
def fresh_profile() -> Iterator[str]:
    """A new, empty Chromium profile folder. Chromium's helper processes can still be writing
    to it for a moment after the browser has exited, so removing it is retried (and at worst
    left to the system's temp cleaning) instead of failing the test that used it."""
    folder = tempfile.mkdtemp(prefix="chromium-")
    try:
        yield folder
    finally:
        for _ in range(50):
            try:
                shutil.rmtree(folder)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)


def browse(chromium: str, *args: str) -> str:
    """Run Chromium once with a fresh profile and return what it printed."""
    with fresh_profile() as profile:
        result = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *args],
                                capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


_DOMS: dict[str, _Page] = {}  # each file is loaded once per test run


def dump_doms(chromium: str, urls: Iterable[str]) -> dict[str, _Page]:
    """The DOM of each page after Chromium loaded it, parsed."""
    wanted = list(dict.fromkeys(urls))
    missing = [url for url in wanted if url not in _DOMS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        doms = list(pool.map(lambda url: browse(chromium, "--dump-dom", url), missing))
    for url, dom in zip(missing, doms, strict=True):
        assert "<html" in dom and "</body>" in dom, (url, dom[:200])
        page = _Page()
        page.feed(dom)
        _DOMS[url] = page
    return {url: _DOMS[url] for url in wanted}


def file_title(url: str) -> str:
    """The <title> the exported file itself declares."""
    page = _Page()
    page.feed(Path(url2pathname(urlsplit(url).path)).read_text(encoding="utf-8"))
    return page.title


def page_links(base: str, page: _Page) -> list[str]:
    """Links from ``page`` to other files of the site, absolute, without #fragments."""
    found: list[str] = []
    for href in page.hrefs:
        url = urljoin(base, href).split("#")[0]
        if url.startswith("file://") and url not in found:
            found.append(url)
    return found


def test_chooser_leads_to_the_contents_in_every_language(chromium: str, site: Path,
                                                         builder: ScreenBuilder) -> None:
    start = (site / "index.html").as_uri()
    root = dump_doms(chromium, [start])[start]
    assert root.title == "K Safer"
    targets = page_links(start, root)
    assert sorted(targets) == sorted((site / loc / "index.html").as_uri() for loc in LOCALES)
    for url, page in dump_doms(chromium, targets).items():
        locale = urlsplit(url).path.split("/")[-2]
        assert page.lang == locale
        assert page.title == f"K Safer: {builder.ui.get(locale, 'web_contents')}"


def longest_line(builder: ScreenBuilder, page_id: str, locale: str) -> str:
    lines = visible_text(builder.parts(page_id, locale)[0]).splitlines()[1:]  # not the title
    return max((line.strip() for line in lines), key=len, default="")


def test_pages_render_and_links_work_in_each_language(chromium: str, site: Path,
                                                      builder: ScreenBuilder) -> None:
    contents = {(site / loc / "index.html").as_uri(): loc for loc in LOCALES}
    picked: dict[str, tuple[str, str]] = {}
    for url, toc in dump_doms(chromium, contents).items():
        locale = contents[url]
        links = [link for link in page_links(url, toc)
                 if not link.endswith(("/index.html", "/all.html")) and f"/{locale}/" in link]
        assert len(links) == len(builder.content.pages)
        for link in (links[len(links) // 2], urljoin(url, "bladder_signs.html")):
            assert link in links
            picked[link] = (locale, Path(url2pathname(urlsplit(link).path)).stem)
    opened = dump_doms(chromium, picked)
    for url, page in opened.items():
        locale, page_id = picked[url]
        title = builder.content.text(page_id, locale).title
        assert page.lang == locale
        assert page.title == f"{title} · K Safer", url
        text = "".join(page.text)
        assert title in text
        assert longest_line(builder, page_id, locale) in text, (url, page_id)
    # Follow every link on one page (buttons, Back, Menu, other languages): all load.
    start = (site / "zh-Hant" / "bladder_signs.html").as_uri()
    followed = dump_doms(chromium, page_links(start, opened[start]))
    assert len(followed) >= 6
    for url, page in followed.items():
        assert page.title == file_title(url), url


def test_screenshot_of_a_chinese_page(chromium: str, site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    browse(chromium, "--window-size=900,1400", f"--screenshot={shot}",
           (site / "zh-Hant" / "bladder_signs.html").as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (900, 1400)
    assert len(data) > 20_000  # text was drawn, not a blank page


def test_print_view_puts_each_page_on_its_own_sheet(chromium: str, site: Path,
                                                    builder: ScreenBuilder,
                                                    tmp_path: Path) -> None:
    pdf = tmp_path / "all.pdf"
    browse(chromium, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
           (site / "en" / "all.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    sheets = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert sheets >= len(builder.content.pages)
