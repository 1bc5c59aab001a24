"""The printed QR sheet and the exported pages, laid out by headless Chromium at A4 and phone size.

Through the DevTools pipe (tests/browser/cdp.py) the page is switched to print media at the width
of an A4 sheet inside its margins and asked what it laid out: no card's text is cut off, cards
are the fixed size that makes eight fit a sheet, and the text is large enough to read; then the
printed PDF has exactly one A4 page per eight cards (a card split across two pages would add
one). Screenshots are written to the test's tmp folder for a person to look at.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.export_html import export_site
from bot.model.model import LOCALES
from bot.qr import CARD_HEIGHT_MM, CARDS_PER_SHEET, write_qr_codes
from tests.browser.cdp import A4_MM, PX_PER_MM, chromium_session
from tests.browser.test_export_in_chromium import builder, chromium  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow  # Chromium: `make test-slow` and CI run these

PRINT_WIDTH_PX = round((A4_MM[0] - 20) * PX_PER_MM)  # inside the sheet's 10 mm margins
PHONE = (412, 915)
MIN_TEXT_PX = 9.3  # 7 pt: the link and page id; everything a person reads first is larger
MEASURE = """JSON.stringify({
  cards: [...document.querySelectorAll('.card')].map(card => ({
    id: card.id, height: card.getBoundingClientRect().height,
    cut: card.scrollHeight > card.clientHeight + 1 || card.scrollWidth > card.clientWidth + 1,
    code: card.querySelector('svg').getBoundingClientRect().width,
    scan: parseFloat(getComputedStyle(card.querySelector('.scan')).fontSize),
    title: parseFloat(getComputedStyle(card.querySelector('h2')).fontSize),
    smallest: Math.min(...[...card.querySelectorAll('.words *')].filter(e => e.textContent.trim())
                       .map(e => parseFloat(getComputedStyle(e).fontSize)))})),
  sheets: [...document.querySelectorAll('.sheet')].map(s => s.querySelectorAll('.card').length),
  wide: document.documentElement.scrollWidth})"""


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Each page's size in points (Chromium writes one /MediaBox per page)."""
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    return [(float(w), float(h)) for w, h in boxes]


@pytest.mark.parametrize("locale", LOCALES)
def test_qr_sheet_prints_whole_readable_cards_on_a4(chromium: str,  # noqa: F811
                                                   builder: ScreenBuilder,  # noqa: F811
                                                   locale: str, tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", "festival", tmp_path / "qr", locale=locale)
    count = len(builder.content.pages)
    with chromium_session(chromium) as browser:
        browser.open(sheet.as_uri(), PRINT_WIDTH_PX, round(A4_MM[1] * PX_PER_MM))
        browser.print_media()
        layout = json.loads(browser.evaluate(MEASURE))
        (tmp_path / f"qr-a4-{locale}.png").write_bytes(browser.screenshot())
        pdf = browser.pdf()
        (tmp_path / f"qr-{locale}.pdf").write_bytes(pdf)
    cards = layout["cards"]
    assert len(cards) == count
    assert [card["id"] for card in cards if card["cut"]] == []
    assert {round(card["height"] / PX_PER_MM) for card in cards} == {CARD_HEIGHT_MM}
    assert all(card["code"] >= 35 * PX_PER_MM for card in cards)  # scans from arm's length
    assert all(card["title"] >= 16 and card["scan"] >= 13 for card in cards)
    assert min(card["smallest"] for card in cards) >= MIN_TEXT_PX
    assert max(layout["sheets"]) == CARDS_PER_SHEET
    assert layout["wide"] <= PRINT_WIDTH_PX
    pages = pdf_pages(pdf)
    assert len(pages) == math.ceil(count / CARDS_PER_SHEET)
    assert all(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5 for w, h in pages)  # A4


def test_qr_sheet_on_a_phone(chromium: str, builder: ScreenBuilder,  # noqa: F811
                             tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", None, tmp_path / "qr", locale="zh-Hans",
                           pages=["emergency", "selfcheck", "bladder_signs"])
    with chromium_session(chromium) as browser:
        browser.open(sheet.as_uri(), *PHONE)
        layout = json.loads(browser.evaluate(MEASURE))
        shot = browser.screenshot()
    (tmp_path / "qr-phone.png").write_bytes(shot)
    assert layout["wide"] <= PHONE[0]  # nothing to scroll sideways
    assert [card["id"] for card in layout["cards"] if card["cut"]] == []
    assert len(shot) > 20_000


BUTTONS = """JSON.stringify({
  rows: [...document.querySelectorAll('.buttons .row')].map(row =>
    [...row.children].map(b => { const r = b.getBoundingClientRect();
                                 return [b.textContent, r.left, r.right, r.top, r.bottom]; })),
  wide: document.documentElement.scrollWidth})"""


@pytest.mark.parametrize("locale", LOCALES)
def test_exported_page_on_a_phone_and_printed(chromium: str, builder: ScreenBuilder,  # noqa: F811
                                              locale: str, tmp_path: Path) -> None:
    export_site(builder, tmp_path / "site")
    page = (tmp_path / "site" / locale / "bladder.html").as_uri()
    with chromium_session(chromium) as browser:
        browser.open(page, *PHONE)
        layout = json.loads(browser.evaluate(BUTTONS))
        (tmp_path / f"page-phone-{locale}.png").write_bytes(browser.screenshot())
        pdf = browser.pdf()
    assert layout["wide"] <= PHONE[0]
    useful = builder.ui.get(locale, "useful_yes")
    row = next(row for row in layout["rows"] if row[0][0] == useful)
    for left, right in itertools.pairwise(row):  # side by side with a gap, or wrapped
        assert right[1] >= left[2] + 4 or right[3] >= left[4], (left, right)
    assert len(pdf_pages(pdf)) >= 1
