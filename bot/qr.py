"""QR codes for outreach: one per page, plus a printable sheet of cards.

Outreach workers hand out cards and put up posters; a QR code that opens the exact page (with a
campaign tag, so a service can count which card worked, never who used it) is easier to use than
a link typed by hand. Codes use error correction level M or better (segno raises it when that
costs no extra size) and the standard four-module quiet zone, so they scan when printed small or
scuffed.
"""

from __future__ import annotations

import html
from pathlib import Path

import segno

from bot.core.deeplinks import start_link
from bot.core.drafts import link_order
from bot.core.model import LOCALES, Content
from bot.core.navigation import Navigator

ERROR_LEVEL = "m"  # at least M: about 15% of the code can be damaged and it still scans
QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
MIN_PNG_WIDTH = 400  # pixels; enough for print at a few centimetres


def make_code(link: str) -> segno.QRCode:
    """A full-size QR code (never a Micro QR, which phone cameras often cannot read)."""
    return segno.make_qr(link, error=ERROR_LEVEL)


def png_scale(code: segno.QRCode) -> int:
    """Pixels per module so that the PNG, quiet zone included, is at least MIN_PNG_WIDTH wide."""
    width = int(code.symbol_size(scale=1, border=QUIET_ZONE)[0])
    return max(10, -(-MIN_PNG_WIDTH // width))


def write_qr_codes(navigator: Navigator, bot: str, campaign: str | None, out_dir: Path) -> Path:
    """Write DIR/<page_id>.png and .svg for every page and DIR/index.html; return the sheet."""
    content = navigator.content
    out_dir.mkdir(parents=True, exist_ok=True)
    cards: list[str] = []
    for page_id in link_order(content):  # never a draft
        link = start_link(bot, page_id, campaign)
        code = make_code(link)
        code.save(str(out_dir / f"{page_id}.png"), kind="png", scale=png_scale(code),
                  border=QUIET_ZONE)
        code.save(str(out_dir / f"{page_id}.svg"), kind="svg", scale=10, border=QUIET_ZONE,
                  title=link)
        cards.append(_card(content, page_id, link, code, campaign))
    sheet = out_dir / "index.html"
    sheet.write_text(_sheet(bot, campaign, cards), encoding="utf-8")
    return sheet


def _card(content: Content, page_id: str, link: str, code: segno.QRCode,
          campaign: str | None) -> str:
    titles = [f'<h2 lang="en">{html.escape(content.text(page_id, "en").title)}</h2>']
    seen = {content.text(page_id, "en").title}
    for locale in LOCALES[1:]:
        if page_id not in content.texts.get(locale, {}):
            continue
        title = content.text(page_id, locale).title
        if title not in seen:
            seen.add(title)
            titles.append(f'<p class="zh" lang="{locale}">{html.escape(title)}</p>')
    svg = code.svg_inline(border=QUIET_ZONE, omitsize=True, svgclass="qr", lineclass=None,
                          title=link)
    tag = (f'<p class="campaign">campaign: <code>{html.escape(campaign)}</code></p>'
           if campaign else "")
    return (f'<article class="card" id="{page_id}">\n<div class="code">{svg}</div>\n'
            f'<div class="words">{"".join(titles)}\n'
            f'<p class="link"><a href="{html.escape(link)}" rel="noopener">{html.escape(link)}'
            f"</a></p>\n{tag}<p class=\"page-id\">{page_id}</p></div>\n</article>")


SHEET_STYLE = """
body { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; margin: 1.5rem;
  color: #111; }
:lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", sans-serif; }
header p { color: #555; max-width: 40rem; }
.sheet { display: grid; grid-template-columns: repeat(auto-fill, minmax(85mm, 1fr));
  gap: 6mm; }
.card { border: 1px dashed #999; padding: 5mm; display: grid;
  grid-template-columns: 42mm 1fr; gap: 4mm; align-items: center;
  break-inside: avoid; page-break-inside: avoid; }
.code svg { width: 42mm; height: 42mm; display: block; }
.card h2 { font-size: 13pt; margin: 0 0 1mm; }
.card .zh { font-size: 11pt; margin: 0 0 1mm; }
.card .link { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt;
  overflow-wrap: anywhere; margin: 2mm 0 0; }
.card .link a { color: inherit; text-decoration: none; }
.card .campaign, .card .page-id { font-size: 7pt; color: #666; margin: 1mm 0 0; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; }
  header { display: none; }
  .sheet { grid-template-columns: 1fr 1fr; gap: 0; }
  .card { height: 68mm; box-sizing: border-box; }
}
"""


def _sheet(bot: str, campaign: str | None, cards: list[str]) -> str:
    about = f"campaign <code>{html.escape(campaign)}</code>" if campaign else "no campaign tag"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>K Safer QR codes: @{html.escape(bot)}</title>\n"
            f"<style>{SHEET_STYLE}</style>\n</head>\n<body>\n"
            f"<header><h1>K Safer QR codes for @{html.escape(bot)}</h1>\n"
            f"<p>One card per page, {about}. Each code opens that page of the bot in Telegram. "
            "Print on A4 (cards are cut along the dashed lines); the header is not printed. "
            "Test a code with a phone before printing many.</p></header>\n"
            f'<main class="sheet">\n{chr(10).join(cards)}\n</main>\n</body>\n</html>\n')
