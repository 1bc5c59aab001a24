"""The terminal chat: the same screens as Telegram, for editors to preview content offline.

Counts are not written from here, so previews never show up in a service's statistics.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TextIO

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import Button, OpenPage, OpenSearchResult, OpenUrl, Reply, Screen
from bot.conversation.telegram_html import plain_text
from bot.reporting.tally import Tally

PERSON = 0  # the one person at this terminal

BOLD = ("\033[1m", "\033[0m")  # ANSI: bold on, all attributes off
_COORDINATES = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")


DRAFT_BANNER = "[DRAFT: people using the bot never see this page]"
DRAFT_MARK = " [draft]"


def screen_as_text(screen: Screen, *, color: bool = False,
                   drafts: frozenset[str] = frozenset()) -> tuple[str, list[Button]]:
    """Plain text for a terminal, plus the buttons in the order they are numbered. Draft pages
    (``drafts``, shown only when an editor asks) are marked, and so are buttons to them."""
    text = plain_text(screen.text, bold=BOLD if color else ("", ""))
    buttons = screen.buttons()
    lines = [DRAFT_BANNER, text, ""] if screen.page in drafts else [text, ""]
    number = 0
    for row in screen.rows:
        cells = []
        for button in row:
            number += 1
            action = button.action
            suffix = f" → {action.url}" if isinstance(action, OpenUrl) else ""
            if isinstance(action, OpenPage | OpenSearchResult) and action.page in drafts:
                suffix = DRAFT_MARK
            cells.append(f"[{number}] {button.label}{suffix}")
        lines.append("   ".join(cells))
    return "\n".join(lines).rstrip() + "\n", buttons


HELP = ("Type a number to press a button, 'latitude, longitude' to share a location, any other "
        "text to send it as a message (/start <payload> follows a deep link), or /quit to leave.")
LANGUAGE_CODES = {"en": "en", "zh-Hans": "zh-hans", "zh-Hant": "zh-hant"}


class TerminalChat:
    """One person at a terminal. Like the Telegram handlers it only turns an input into a call
    to the :class:`Guide`; the terminal's own inputs are a number for a button press, and
    'latitude, longitude' (or Enter at the location prompt) for the location keyboard."""

    def __init__(self, builder: ScreenBuilder, locale: str) -> None:
        self.guide = Guide(builder, Tally(), default_locale=locale)
        self.language_code = LANGUAGE_CODES[locale]
        self.screen = self.guide.command(PERSON, self.language_code, "start")
        # Present only when the builder was loaded with its drafts (chat --drafts).
        self.drafts = self.guide.draft_pages()

    def show(self, *, color: bool = False) -> str:
        """The current screen as the terminal prints it."""
        return screen_as_text(self.screen, color=color, drafts=self.drafts)[0]

    def enter(self, entry: str) -> Reply | str | None:
        """What a line typed at the prompt shows: a reply, a line of help, or nothing."""
        guide, code, screen = self.guide, self.language_code, self.screen
        point = _COORDINATES.match(entry)
        if point and not (abs(float(point[1])) <= 90 and abs(float(point[2])) <= 180):
            return "A location is 'latitude, longitude': latitude -90 to 90, longitude -180 to 180."
        if point:
            reply = guide.location(PERSON, code, float(point[1]), float(point[2]))
        elif screen.location_request is not None and entry == "":
            reply = guide.message(PERSON, code, screen.location_request.cancel)
        elif entry == "":
            return None
        elif entry.isdigit():
            buttons = screen.buttons()
            index = int(entry) - 1
            if not 0 <= index < len(buttons):
                return f"There is no button {entry}. {HELP}"
            action = buttons[index].action
            if isinstance(action, OpenUrl):
                return f"(Telegram would open {action.url})"
            reply = Reply(guide.act(PERSON, code, action, screen.locale))
        else:
            reply = guide.message(PERSON, code, entry)
        self.screen = reply.screen
        return reply


def run_chat(builder: ScreenBuilder, locale: str, *, stdin: TextIO | None = None,
             stdout: TextIO | None = None, read: Callable[[], str] | None = None,
             drafts: bool = False) -> int:
    # The streams of the moment the chat starts (not of import time), so redirecting works.
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    chat = TerminalChat(builder, locale)
    color = stdout.isatty()

    def out(text: str) -> None:
        stdout.write(text)
        stdout.flush()

    out(f"K Safer terminal chat ({locale}). {HELP}\n\n")
    if drafts:
        out(f"Draft pages are shown too, marked{DRAFT_MARK}; open one with /start PAGE_ID.\n\n")
    while True:
        screen = chat.screen
        out(chat.show(color=color))
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
        shown = chat.enter(entry)
        if isinstance(shown, str):
            out(shown + "\n\n")
        elif isinstance(shown, Reply):
            for note in shown.notes:
                out(note + "\n\n")
