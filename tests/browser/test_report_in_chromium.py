"""The usage report in a real browser (headless Chromium, as in test_export_in_chromium.py).

The report of 90 generated days on the shipped pages is opened over file:// with no network; its
screenshot is checked for the charts' own colours, and kept under the pytest temp folder so a
person can look at it (pytest --basetemp=DIR keeps it at a known place).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from bot.report import write_report
from bot.reporting.figures import Labels
from bot.reporting.tally import CountRow
from tests.browser.test_export_in_chromium import browse, chromium  # noqa: F401 (fixture)
from tests.counts_data import generate, shipped_content
from tests.test_export_html import _Page

pytestmark = pytest.mark.slow  # Chromium: `make test-slow` and CI run these

WIDTH, HEIGHT = 1100, 9000  # tall enough for the whole page


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = shipped_content()
    batch = generate(content, days=90, until=dt.date(2026, 11, 29))
    rows = [CountRow(k.day, k.event, k.page, k.locale, k.campaign, n)
            for k, n in sorted(batch.items())]
    out = tmp_path_factory.mktemp("report")
    write_report(out, rows, labels=Labels.from_content(content), today=dt.date(2026, 11, 30))
    return out / "report.html"


def colour(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def test_report_opens_with_every_chart_drawn(chromium: str, report: Path) -> None:  # noqa: F811
    page = _Page()
    page.feed(browse(chromium, "--dump-dom", report.as_uri()))
    assert page.title == "K Safer usage report: 1 Sep – 29 Nov 2026"
    text = "".join(page.text)
    assert "Bladder and kidneys was the most read section" in text
    assert "Least useful:" in text

    shot = report.parent / "screenshot.png"
    browse(chromium, f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", report.as_uri())
    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    pixels = {rgb: n for n, rgb in image.getcolors(WIDTH * HEIGHT) or []}
    # The charts' colours are on the page in quantity: the inline SVGs were drawn. Blue fills
    # most bars; green and orange-red are the stacked yes/no and found/not found; orange is a
    # campaign's line.
    from bot.charts import PALETTE, TWO_PARTS  # here: matplotlib is slow to import

    for wanted, least in ((PALETTE[0], 100_000), (TWO_PARTS[0], 20_000),
                          (TWO_PARTS[1], 20_000), (PALETTE[1], 500)):
        assert pixels.get(colour(wanted), 0) > least, wanted
    # The page is not cut off: its end (the footer) is above the bottom of the screenshot.
    bottom = image.crop((0, HEIGHT - 200, WIDTH, HEIGHT))
    assert bottom.getcolors(1) == [(WIDTH * 200, (255, 255, 255))], "longer than the shot"
