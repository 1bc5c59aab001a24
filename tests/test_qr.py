"""QR codes for outreach: the files decode to exactly the deep link `links` prints."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
import segno

from bot.conversation.deeplinks import start_link
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import visible_text
from bot.model.problems import ContentError
from bot.qr import CARDS_PER_SHEET, QUIET_ZONE, card_order, make_code, write_qr_codes
from tests.cli import run
from tests.conftest import ROOT, TreeBuilder
from tests.test_cli import site_env
from tests.test_export_html import parse

CAMPAIGNS = """\
campaigns:
  festival: Festival cards
outreach_cards:
  - bladder_signs
  - emergency
"""

Matrix = list[list[int]]
SVG = "{http://www.w3.org/2000/svg}"


def expected_matrix(link: str) -> Matrix:
    """What a scanner must read back: a fresh encoding of the link at level M (or better)."""
    code = segno.make(link, error="m", micro=False)
    return [list(row) for row in code.matrix]


def png_pixels(data: bytes) -> tuple[int, int, list[list[int]]]:
    """Decode a greyscale PNG (bit depth 1 or 8) with the standard library: width, height, rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        chunk = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        offset += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert color == 0 and depth in (1, 8) and interlace == 0, (color, depth)
    stride = (width * depth + 7) // 8
    raw = zlib.decompress(idat)
    rows: list[list[int]] = []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind_, row = line[0], bytearray(line[1:])
        for x in range(stride):
            left = row[x - 1] if x else 0
            up, up_left = previous[x], previous[x - 1] if x else 0
            if kind_ == 1:
                row[x] = (row[x] + left) & 0xFF
            elif kind_ == 2:
                row[x] = (row[x] + up) & 0xFF
            elif kind_ == 3:
                row[x] = (row[x] + (left + up) // 2) & 0xFF
            elif kind_ == 4:
                p = left + up - up_left
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up),
                              (abs(p - up_left), 2, up_left))[2]
                row[x] = (row[x] + nearest) & 0xFF
        previous = row
        if depth == 1:
            rows.append([(row[x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
        else:
            rows.append([1 if row[x] > 127 else 0 for x in range(width)])
    return width, height, rows


def png_matrix(path: Path, modules: int) -> Matrix:
    """The module matrix drawn in the PNG: sample the centre of every module (1 = dark)."""
    width, height, pixels = png_pixels(path.read_bytes())
    assert width == height
    total = modules + 2 * QUIET_ZONE
    scale = width // total
    assert scale * total == width
    for row in (pixels[0], pixels[-1]):  # the quiet zone is white
        assert all(row)
    centre = [(QUIET_ZONE + i) * scale + scale // 2 for i in range(modules)]
    return [[1 - pixels[y][x] for x in centre] for y in centre]


def svg_matrix(path: Path, modules: int) -> Matrix:
    """The module matrix drawn by the SVG path (segno draws rows of dark modules with M/m/h)."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 1
    matrix = [[0] * modules for _ in range(modules)]
    x = y = 0.0
    for command, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", paths[0].get("d", "")):
        numbers = [float(n) for n in args.replace(",", " ").split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            row = int(y) - QUIET_ZONE
            for column in range(int(x), int(x + numbers[0])):
                matrix[row][column - QUIET_ZONE] = 1
            x += numbers[0]
        else:
            pytest.fail(f"unexpected SVG path command {command}")
    return matrix


def test_writes_codes_that_decode_to_each_deep_link(builder: ScreenBuilder,
                                                    tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", "festival", tmp_path / "qr")
    assert sheet == tmp_path / "qr" / "index.html"
    pages = builder.content.link_order()
    assert sorted(pages) == sorted(builder.content.pages)
    for page_id in pages:
        link = start_link("ksafer_bot", page_id, "festival", "en")
        matrix = expected_matrix(link)
        png = tmp_path / "qr" / f"{page_id}.png"
        svg = tmp_path / "qr" / f"{page_id}.svg"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        width, _, _ = png_pixels(png.read_bytes())
        assert width >= 300
        assert png_matrix(png, len(matrix)) == matrix, page_id
        assert svg_matrix(svg, len(matrix)) == matrix, page_id
        assert ET.parse(svg).getroot().findtext(f"{SVG}title") == link


def test_codes_are_full_size_with_error_correction_m_or_better() -> None:
    code = make_code(start_link("ksafer_bot", "bladder_signs", "festival"))
    assert code.error in ("M", "Q", "H")
    assert not code.is_micro


def test_sheet_lists_every_page_with_its_link(builder: ScreenBuilder, tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", "festival", tmp_path / "qr")
    text = sheet.read_text(encoding="utf-8")
    parse(sheet)  # every tag closed, in order
    assert text.count('<article class="card"') == len(builder.content.pages)
    assert text.count("<svg") == len(builder.content.pages)
    for page_id in builder.content.pages:
        link = start_link("ksafer_bot", page_id, "festival", "en")
        assert f'href="{link}"' in text and f">{link}</a>" in text
        assert f">{builder.content.text(page_id, 'en').title}</h2>" in text
    assert '<p class="zh" lang="zh-Hant">繁 Early signs</p>' in text
    assert "<code>festival</code>" in text
    assert "@page" in text and "break-inside: avoid" in text


def test_without_a_campaign(builder: ScreenBuilder, tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", None, tmp_path / "qr")
    text = sheet.read_text(encoding="utf-8")
    assert "https://t.me/ksafer_bot?start=bladder_signs--en<" in text
    assert 'class="campaign"' not in text


def test_cli_links_with_qr(site: Path, tmp_path: Path) -> None:
    plain = run(["links", "--bot", "@ksafer_bot", "--campaign", "festival", "--lang", "en"],
                site_env(site))
    result = run(["links", "--bot", "@ksafer_bot", "--campaign", "festival",
                  "--qr", str(tmp_path / "qr")], site_env(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout == plain.stdout  # the lines printed are the cards' links, in English
    lines = result.stdout.splitlines()
    assert len(lines) == 8
    for line in lines:
        page_id, link = line.split("\t")
        assert link == f"https://t.me/ksafer_bot?start={page_id}-festival--en"
        assert (tmp_path / "qr" / f"{page_id}.png").exists()
        assert (tmp_path / "qr" / f"{page_id}.svg").exists()
    assert (tmp_path / "qr" / "index.html").exists()
    assert "index.html" in result.stderr


def _cards(sheet: Path) -> list[str]:
    return re.findall(r'<article class="card" id="([^"]+)"', sheet.read_text(encoding="utf-8"))


def test_outreach_cards_come_first_in_the_contents_order(make_tree: TreeBuilder,
                                                         tmp_path: Path) -> None:
    root = make_tree(extra_files={"content/campaigns.yaml": CAMPAIGNS})
    builder = ScreenBuilder.load(root / "content", root / "locales")
    assert builder.content.outreach_cards == ("bladder_signs", "emergency")
    sheet = write_qr_codes(builder, "ksafer_bot", None, tmp_path / "qr")
    rest = [page for page in builder.content.link_order()
            if page not in ("bladder_signs", "emergency")]
    assert _cards(sheet) == ["bladder_signs", "emergency", *rest]


def test_chosen_pages_in_a_chosen_language(builder: ScreenBuilder, tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", "festival", tmp_path / "qr",
                           pages=["selfcheck", "emergency"], locale="zh-Hant")
    text = sheet.read_text(encoding="utf-8")
    parse(sheet)
    assert _cards(sheet) == ["selfcheck", "emergency"]
    assert sorted(p.name for p in (tmp_path / "qr").iterdir()) == [
        "emergency.png", "emergency.svg", "index.html", "selfcheck.png", "selfcheck.svg"]
    assert '<html lang="zh-Hant">' in text
    title = builder.content.text("selfcheck", "zh-Hant").title
    assert f'<h2 lang="zh-Hant">{title}</h2>' in text
    assert f'<p class="en" lang="en">{builder.content.text("selfcheck", "en").title}</p>' \
        in text
    scan = builder.ui.get("zh-Hant", "qr_scan")
    assert text.count(f'<p class="scan" lang="zh-Hant">{scan}</p>') == 2


def test_every_card_says_what_to_do_in_its_language(builder: ScreenBuilder,
                                                    tmp_path: Path) -> None:
    for locale in ("en", "zh-Hans", "zh-Hant"):
        sheet = write_qr_codes(builder, "ksafer_bot", None, tmp_path / locale, locale=locale)
        scan = builder.ui.get(locale, "qr_scan")
        assert sheet.read_text(encoding="utf-8").count(f">{scan}</p>") == \
            len(builder.content.pages)
    assert "Scan with your phone camera to open in Telegram" in builder.ui.get("en", "qr_scan")


def test_sheets_of_eight_cards_for_printing(builder: ScreenBuilder, tmp_path: Path) -> None:
    sheet = write_qr_codes(builder, "ksafer_bot", None, tmp_path / "qr")
    sections = sheet.read_text(encoding="utf-8").split('<section class="sheet">')[1:]
    assert [part.count('<article class="card"') for part in sections] == \
        [CARDS_PER_SHEET] * (len(builder.content.pages) // CARDS_PER_SHEET) + \
        ([len(builder.content.pages) % CARDS_PER_SHEET]
         if len(builder.content.pages) % CARDS_PER_SHEET else [])


def test_an_outreach_card_that_is_not_a_page_is_a_content_error(make_tree: TreeBuilder) -> None:
    root = make_tree(extra_files={"content/campaigns.yaml": CAMPAIGNS.replace(
        "  - emergency", "  - emergency\n  - bladder_sings\n  - emergency")})
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(root / "content", root / "locales")
    assert [str(p) for p in caught.value.problems] == [
        "content/campaigns.yaml:6: outreach_cards: 'bladder_sings' is not a page; use a page id "
        "from content/pages/",
        "content/campaigns.yaml:7: outreach_cards: 'emergency' is listed twice"]


def test_shipped_sheet_starts_with_what_outreach_hands_out() -> None:
    content = ScreenBuilder.load(ROOT / "content", ROOT / "locales").content
    assert card_order(content)[:5] == ["emergency", "selfcheck", "bladder_signs", "mixing",
                                       "get_help"]
    assert sorted(card_order(content)) == sorted(content.pages)


def test_cli_qr_pages_and_language(site: Path, tmp_path: Path) -> None:
    env = site_env(site)
    (site / "content" / "campaigns.yaml").write_text(CAMPAIGNS, encoding="utf-8")
    result = run(["links", "--bot", "ksafer_bot", "--qr", str(tmp_path / "qr"),
                  "--pages", "outreach,selfcheck", "--lang", "zh_hant"], env)
    assert result.returncode == 0, result.stderr
    # the printed links are the cards' pages, in the cards' order
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "bladder_signs", "emergency", "selfcheck"]
    assert _cards(tmp_path / "qr" / "index.html") == ["bladder_signs", "emergency", "selfcheck"]
    assert "QR cards for 3 pages (zh-Hant)" in result.stderr
    bad = run(["links", "--bot", "ksafer_bot", "--qr", str(tmp_path / "bad"),
               "--pages", "selfcheck,nope"], env)
    assert bad.returncode == 2 and "'nope' is not a page" in bad.stderr
    assert not (tmp_path / "bad").exists()
    alone = run(["links", "--bot", "ksafer_bot", "--pages", "selfcheck"], env)
    assert alone.returncode == 0 and alone.stdout == "selfcheck\thttps://t.me/ksafer_bot?start=selfcheck\n"
    # Without cards, --lang makes links that open in that language (issue 27).
    language = run(["links", "--bot", "ksafer_bot", "--pages", "selfcheck", "--lang", "zh-Hant"],
                   env)
    assert language.returncode == 0
    assert language.stdout == "selfcheck\thttps://t.me/ksafer_bot?start=selfcheck--hant\n"


@pytest.mark.parametrize(("locale", "first"), [
    ("en", "UK 999 / 112"), ("zh-Hant", "香港 999 · 台灣 119"), ("zh-Hans", "中国大陆 120"),
])
def test_the_printed_emergency_card_carries_every_regions_number_in_its_language(
        tmp_path: Path, locale: str, first: str) -> None:
    """Issue 22: a printed card travels; its numbers, labelled by place in the card's language,
    put the places that language is read first, then every other region."""
    shipped = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    sheet = write_qr_codes(shipped, "ksafer_bot", None, tmp_path / "qr",
                           pages=["emergency", "selfcheck"], locale=locale)
    parse(sheet)
    text = sheet.read_text(encoding="utf-8")
    emergency, selfcheck = text.split('<article class="card"')[1:]
    numbers = re.findall(r'<p class="numbers" lang="([^"]+)">([^<]+)</p>', emergency)
    assert len(numbers) == 1 and numbers[0][0] == locale, numbers
    line = numbers[0][1]
    assert visible_text(shipped.numbers_banner(locale)).split("：" if locale != "en" else
                                                             "Call ")[0] in line
    assert first in line
    for region in shipped.content.regions.values():
        assert f"{region.short_name(locale)} {region.emergency}" in line, (region, line)
    assert 'class="numbers"' not in selfcheck  # only the Emergency card
