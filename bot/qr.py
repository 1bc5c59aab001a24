"""QR codes for outreach: one per page, plus a printable sheet of cards.

Outreach workers hand out cards and put up posters; a QR code that opens the exact page (with a
campaign tag, so a service can count which card worked, never who used it) is easier to use than
a link typed by hand. Codes use error correction level M or better (segno raises it when that
costs no extra size) and the standard four-module quiet zone, so they scan when printed small or
scuffed.

The sheet starts with the cards outreach workers hand out, in the order the content lists them
(``outreach_cards`` in ``content/campaigns.yaml``), then every other page; or just the pages
asked for. Each card says in one line, in the chosen language, what to do with it. The sheet is a
Jinja2 template (``bot/templates/qr/``, autoescaped); printed, it is A4 pages of eight
fixed-size cards, so no card is split across two pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from jinja2 import PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from bot.conversation.deeplinks import start_link
from bot.conversation.places import regions_for_language
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import visible_text
from bot.model.drafts import link_order
from bot.model.model import EMERGENCY, FALLBACK_LOCALE, LOCALES, Content

ERROR_LEVEL = "m"  # at least M: about 15% of the code can be damaged and it still scans
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
MIN_PNG_WIDTH = 400  # pixels; enough for print at a few centimetres
# Printed: two columns of ROWS cards on A4 (277 mm high inside 10 mm margins).
COLUMNS = 2
ROWS = 4
CARDS_PER_SHEET = COLUMNS * ROWS
CARD_HEIGHT_MM = 68


def make_code(link: str) -> segno.QRCode:
    """A full-size QR code (never a Micro QR, which phone cameras often cannot read)."""
    return segno.make_qr(link, error=ERROR_LEVEL)


def png_scale(code: segno.QRCode) -> int:
    """Pixels per module so that the PNG, quiet zone included, is at least MIN_PNG_WIDTH wide."""
    width = int(code.symbol_size(scale=1, border=QUIET_ZONE)[0])
    return max(10, -(-MIN_PNG_WIDTH // width))


def card_order(content: Content, pages: Sequence[str] | None = None) -> list[str]:
    """The cards to print: ``pages`` as given, or the outreach cards first, then the rest.

    Drafts never get a card (``link_order`` leaves them out).
    """
    printable = link_order(content)
    if pages is not None:
        return [page for page in pages if page in printable]
    first = [page for page in content.outreach_cards if page in printable]
    return first + [page for page in printable if page not in first]


@dataclass(frozen=True)
class OtherTitle:
    locale: str
    script: str  # "en" or "zh": the sheet's CSS sizes them alike
    title: str


@dataclass(frozen=True)
class QrCard:
    page_id: str
    locale: str
    title: str
    others: tuple[OtherTitle, ...]
    scan: str
    link: str
    svg: Markup
    numbers: str = ""  # the Emergency card: every region's number, labelled in its language


def _card(builder: ScreenBuilder, page_id: str, locale: str, link: str,
          code: segno.QRCode) -> QrCard:
    content = builder.content
    title = content.text(page_id, locale).title
    seen = {title}
    others: list[OtherTitle] = []
    for other in LOCALES:
        if other == locale or (other != FALLBACK_LOCALE
                               and page_id not in content.texts.get(other, {})):
            continue
        other_title = content.text(page_id, other).title
        if other_title not in seen:
            seen.add(other_title)
            others.append(OtherTitle(other, "zh" if other.startswith("zh") else "en",
                                     other_title))
    svg = code.svg_inline(border=QUIET_ZONE, omitsize=True, svgclass="qr", lineclass=None,
                          title=link)
    scan = visible_text(builder.ui.get(locale, "qr_scan"))
    # A printed card travels: the places the card's language is read come first, then every
    # other region, each number labelled by its place.
    numbers = visible_text(builder.numbers_banner(
        locale, regions_for_language(content, locale))) if page_id == EMERGENCY else ""
    return QrCard(page_id, locale, title, tuple(others), scan, link, Markup(svg), numbers)


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=PackageLoader("bot", "templates"),
                                autoescape=select_autoescape(default=True),
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def write_qr_codes(builder: ScreenBuilder, bot: str, campaign: str | None, out_dir: Path, *,
                   pages: Sequence[str] | None = None, locale: str = FALLBACK_LOCALE) -> Path:
    """Write DIR/<page_id>.png and .svg for each card (every page but drafts, unless ``pages``
    names them) and the sheet DIR/index.html in ``locale``; return the sheet."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cards: list[QrCard] = []
    for page_id in card_order(builder.content, pages):
        link = start_link(bot, page_id, campaign, locale)  # opens in the card's language
        code = make_code(link)
        code.save(str(out_dir / f"{page_id}.png"), kind="png", scale=png_scale(code),
                  border=QUIET_ZONE)
        code.save(str(out_dir / f"{page_id}.svg"), kind="svg", scale=10, border=QUIET_ZONE,
                  title=link)
        cards.append(_card(builder, page_id, locale, link, code))
    sheets = [cards[start:start + CARDS_PER_SHEET]
              for start in range(0, len(cards), CARDS_PER_SHEET)]
    sheet = out_dir / "index.html"
    sheet.write_text(_environment().get_template("qr/sheet.html.j2").render(
        bot=bot, campaign=campaign, locale=locale, cards=cards, sheets=sheets,
        rows=ROWS, card_height=CARD_HEIGHT_MM, per_sheet=CARDS_PER_SHEET), encoding="utf-8")
    return sheet
