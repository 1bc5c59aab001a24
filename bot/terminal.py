"""The terminal chat: the same screens as Telegram, for editors to preview content offline.

Counts are not written from here, so previews never show up in a service's statistics.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable
from typing import TextIO

from bot.core.counts import Tally
from bot.core.guide import Guide
from bot.core.model import GET_HELP
from bot.core.navigation import Navigator
from bot.core.screens import Button, OpenUrl, Screen

PERSON = 0  # the one person at this terminal

_BOLD = re.compile(r"</?(b|strong)>")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_COORDINATES = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")


def screen_as_text(screen: Screen, *, color: bool = False) -> tuple[str, list[Button]]:
    """Plain text for a terminal, plus the buttons in the order they are numbered."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({html.unescape(m.group(1))})", screen.text)
    if color:
        text = _BOLD.sub(lambda m: "\033[0m" if m.group(0).startswith("</") else "\033[1m", text)
    text = html.unescape(_TAG.sub("", text))
    buttons = screen.buttons()
    lines = [text, ""]
    number = 0
    for row in screen.rows:
        cells = []
        for button in row:
            number += 1
            suffix = f" → {button.action.url}" if isinstance(button.action, OpenUrl) else ""
            cells.append(f"[{number}] {button.label}{suffix}")
        lines.append("   ".join(cells))
    return "\n".join(lines).rstrip() + "\n", buttons


HELP = ("Type a number to press a button, any other text to send it as a message, "
        "/start <payload> to follow a deep link, /language, or /quit to leave.")


def run_chat(navigator: Navigator, locale: str, *, stdin: TextIO = sys.stdin,
             stdout: TextIO = sys.stdout, read: Callable[[], str] | None = None) -> int:
    guide = Guide(navigator, Tally(), default_locale=locale)
    color = stdout.isatty()
    language_code = {"en": "en", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}[locale]

    def out(text: str) -> None:
        stdout.write(text)
        stdout.flush()

    out(f"K Safer terminal chat ({locale}). {HELP}\n\n")
    screen = guide.start(PERSON, language_code)
    while True:
        rendered, buttons = screen_as_text(screen, color=color)
        out(rendered)
        if screen.location_request is not None:
            out(f"(Telegram would show: [{screen.location_request.share}] "
                f"[{screen.location_request.cancel}])\nType a location as 'latitude, longitude', "
                "or press Enter for not now.\n")
        out("> ")
        line = read() if read else stdin.readline()
        if not line:
            out("\n")
            return 0
        entry = line.strip()
        if entry in ("/quit", "/exit", "/q"):
            return 0
        out("\n")
        if screen.location_request is not None:
            point = _COORDINATES.match(entry)
            if point:
                screen = guide.near(PERSON, language_code, float(point[1]), float(point[2]))
            else:
                screen = guide.open_page(PERSON, language_code, GET_HELP)
            continue
        if entry.isdigit():
            index = int(entry) - 1
            if not 0 <= index < len(buttons):
                out(f"There is no button {entry}. {HELP}\n\n")
                continue
            action = buttons[index].action
            if isinstance(action, OpenUrl):
                out(f"(Telegram would open {action.url})\n\n")
                continue
            screen = guide.act(PERSON, language_code, action)
        elif entry == "/start" or entry.startswith("/start "):
            payload = entry.removeprefix("/start").strip() or None
            screen = guide.start(PERSON, language_code, payload)
        elif entry == "/language":
            screen = guide.language_menu(PERSON, language_code)
        elif entry in ("/emergency", "/help"):
            screen = guide.open_page(PERSON, language_code, "emergency")
        elif entry == "/menu":
            screen = guide.start(PERSON, language_code)
        elif entry == "":
            continue
        else:
            screen = guide.typed_text(PERSON, language_code)
