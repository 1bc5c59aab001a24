"""The review pack (export-html --review) in headless Chromium: each page with its review state
per role, the changes since its reviews, a notes box; printed, one page per sheet with nothing
running off the paper."""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path

import pytest

from bot.export_html import export_site
from bot.review_pack import write_review_pack
from tests.browser.cdp import A4_MM, PX_PER_MM, chromium_session
from tests.browser.test_export_in_chromium import chromium  # noqa: F401 (fixture)
from tests.test_review_pack import reviewed_copy

pytestmark = pytest.mark.slow  # Chromium: `make test-slow` and CI run these


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("pack")
    content_dir, builder = reviewed_copy(root)
    out = root / "out"
    export_site(builder, out)
    write_review_pack(builder, out, content_dir, today=dt.date(2026, 11, 29))
    return out, len(builder.content.pages)


def test_the_pack_shows_roles_changes_and_a_notes_box(chromium: str,  # noqa: F811
                                                      pack: tuple[Path, int],
                                                      tmp_path: Path) -> None:
    out, count = pack
    with chromium_session(chromium) as browser:
        browser.open((out / "en" / "review.html").as_uri(), 900, 1600)
        assert browser.evaluate("document.querySelectorAll('.pack-page').length") == count
        assert browser.evaluate(
            "document.querySelectorAll('.pack-page .reviewer-notes').length") == count
        panel = "document.querySelector('#review-bladder_signs .review')"
        text = browser.evaluate(f"{panel}.innerText")
        assert "clinical review\tChanged since its review\t2026-11-20 by AB" in text
        assert "lived-experience review\tWaiting for review\tnever" in text
        assert "Changed since the clinical review of 2026-11-20" in text
        assert browser.evaluate(f"{panel}.querySelector('.diff .del').innerText") == \
            "-Early signs can include:"
        assert browser.evaluate(f"{panel}.querySelector('.diff .add').innerText") == \
            "+Early signs include:"
        # the page itself comes first, with its sources
        assert "Sources" in browser.evaluate(
            "document.querySelector('#review-bladder_signs .sources').innerText")
        browser.evaluate("document.getElementById('review-bladder_signs').scrollIntoView()")
        shot = browser.screenshot()
    (tmp_path / "review-pack.png").write_bytes(shot)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", shot[16:24]) == (900, 1600)

    with chromium_session(chromium) as browser:
        browser.open((out / "zh-Hant" / "review.html").as_uri(), 900, 1600)
        panel = "document.querySelector('#review-bladder_signs .review')"
        text = browser.evaluate(f"{panel}.innerText")
        assert "zh-Hant 翻譯審閱\t已審閱：目前的文字\t2026-11-20" in text  # in its language
        assert "這份翻譯完成後，英文原文有改動" in text
        assert "+Early signs include:" in text


def test_the_pack_prints_one_page_per_sheet_within_the_paper(chromium: str,  # noqa: F811
                                                             pack: tuple[Path, int]) -> None:
    out, count = pack
    width = round(A4_MM[0] * PX_PER_MM)
    with chromium_session(chromium) as browser:
        browser.open((out / "zh-Hans" / "review.html").as_uri(), width, 1200)
        browser.print_media()
        assert browser.evaluate("document.documentElement.scrollWidth") <= width
        assert browser.evaluate(
            "[...document.querySelectorAll('.review table, .reviewer-notes, .diff')]"
            ".every(e => e.getBoundingClientRect().right <= document.body.clientWidth + 1)")
        assert browser.evaluate("getComputedStyle(document.querySelector("
                                "'.pack-page + .pack-page')).breakBefore") == "page"
        assert browser.evaluate("getComputedStyle(document.querySelector("
                                "'.reviewer-notes')).breakInside") == "avoid"
        assert browser.evaluate("getComputedStyle(document.querySelector("
                                "'.pack-page .languages')).display") == "none"
        pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    sheets = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert sheets >= count + 1  # the introduction, then every page from a new sheet


def test_export_html_review_writes_a_pack_per_language(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["export-html", str(tmp_path), "--review"]) == 0
    printed = capsys.readouterr().out
    for locale in ("en", "zh-Hans", "zh-Hant"):
        page = tmp_path / locale / "review.html"
        assert f"Review pack: {page}" in printed
        text = page.read_text(encoding="utf-8")
        assert text.count('class="pack-page"') == text.count('class="reviewer-notes"') > 80
        assert "python -m bot review record bladder_signs --role" in text
    assert (tmp_path / "review.css").exists()
    assert main(["export-html", str(tmp_path / "plain")]) == 0
    assert not (tmp_path / "plain" / "en" / "review.html").exists()
