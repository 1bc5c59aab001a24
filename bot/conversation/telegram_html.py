"""Telegram's HTML subset: validate it, normalise it, measure it and split it into messages.

Telegram counts a message's length after parsing, so tags are free and only visible text counts.
We count UTF-16 code units, as Telegram does, which is never less than the number of characters.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

MESSAGE_LIMIT = 4096
# Tags Telegram's HTML parse mode documents, with the attributes each one accepts.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(), "strong": frozenset(), "i": frozenset(), "em": frozenset(),
    "u": frozenset(), "ins": frozenset(), "s": frozenset(), "strike": frozenset(),
    "del": frozenset(), "tg-spoiler": frozenset(), "span": frozenset({"class"}),
    "a": frozenset({"href"}), "code": frozenset({"class"}), "pre": frozenset(),
    "blockquote": frozenset({"expandable"}), "tg-emoji": frozenset({"emoji-id"}),
}
_HINTS = {
    "br": "Telegram has no <br>; start a new line instead",
    "p": "Telegram has no <p>; leave an empty line between paragraphs instead",
    "ul": "Telegram has no lists; start lines with '- ' for bullets",
    "li": "Telegram has no lists; start lines with '- ' for bullets",
    "h1": "Telegram has no headings; use <b>bold</b>",
    "h2": "Telegram has no headings; use <b>bold</b>",
    "div": "Telegram has no <div>; use plain lines",
}
_HREF = re.compile(r"^(https?://|tg://|mailto:)", re.IGNORECASE)
_BULLET = re.compile(r"(?m)^[ \t]*[-*][ \t]+")


@dataclass(frozen=True)
class Start:
    name: str
    raw: str
    href: str = ""  # a link's target, unescaped


@dataclass(frozen=True)
class End:
    name: str


@dataclass(frozen=True)
class Text:
    value: str


Token = Start | End | Text


class MarkupError(ValueError):
    """The HTML is outside Telegram's subset; ``problems`` says what to fix."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class _Tokenizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self.problems: list[str] = []
        # Where each problem is: (line in the markup, the markup that is wrong), same order.
        self.places: list[tuple[int, str]] = []
        self.stack: list[str] = []
        self.opened: list[tuple[int, str]] = []  # where each tag on the stack was opened

    def _say(self, problem: str, raw: str | None = None) -> None:
        self.problems.append(problem)
        self.places.append((self.getpos()[0], raw or self.get_starttag_text() or ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None:
            self._say(_HINTS.get(tag, f"<{tag}> is not a tag Telegram supports"))
            return
        attr_map = dict(attrs)
        unknown = set(attr_map) - allowed
        if unknown:
            self._say(f"<{tag}> cannot have {', '.join(sorted(unknown))}")
        raw = f"<{tag}>"
        href = ""
        if tag == "a":
            href = attr_map.get("href") or ""
            if not _HREF.match(href):
                self._say("a link needs href starting with http://, https:// or tg://")
            raw = f'<a href="{html.escape(href)}">'
        elif tag == "span":
            if attr_map.get("class") != "tg-spoiler":
                self._say('<span> is only allowed as <span class="tg-spoiler">')
            raw = '<span class="tg-spoiler">'
        elif tag == "code" and attr_map.get("class"):
            raw = f'<code class="{html.escape(attr_map["class"] or "")}">'
        elif tag == "blockquote" and "expandable" in attr_map:
            raw = "<blockquote expandable>"
        elif tag == "tg-emoji":
            raw = f'<tg-emoji emoji-id="{html.escape(attr_map.get("emoji-id") or "")}">'
        self.stack.append(tag)
        self.opened.append((self.getpos()[0], self.get_starttag_text() or raw))
        self.tokens.append(Start(tag, raw, href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._say(_HINTS.get(tag, f"<{tag}/> is not something Telegram supports"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            if tag not in _HINTS:
                self._say(f"</{tag}> closes a tag Telegram does not support", f"</{tag}")
            return
        if not self.stack or self.stack[-1] != tag:
            expected = f"</{self.stack[-1]}>" if self.stack else "nothing"
            self._say(f"</{tag}> is in the wrong place (expected {expected})", f"</{tag}")
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag:
                    self.tokens.append(End(self._pop()))
                self._pop()
                self.tokens.append(End(tag))
            return
        self._pop()
        self.tokens.append(End(tag))

    def _pop(self) -> str:
        self.opened.pop()
        return self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data:
            self.tokens.append(Text(data))

    def handle_comment(self, data: str) -> None:
        self._say("HTML comments are not allowed; use a Jinja comment {# ... #}", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._say(f"<!{decl}> is not allowed", f"<!{decl}")


def tokenize(markup: str) -> tuple[list[Token], list[str]]:
    parser = _parse(markup)
    return parser.tokens, parser.problems


def _parse(markup: str) -> _Tokenizer:
    parser = _Tokenizer()
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:
        # Python's HTML parser asserts on a malformed "<![" section (found by a property
        # test): read those as text, and say so, rather than fail.
        parser = _Tokenizer()
        parser.feed(markup.replace("<![", "&lt;!["))
        parser.close()
        parser.problems.insert(0, "'<![' is not markup Telegram reads; write &lt; for a '<'")
        parser.places.insert(0, (markup[:markup.find("<![")].count("\n") + 1, "<!["))
    # Text the parser could not read as a tag (e.g. "a < b") arrives via rawdata leftovers.
    for name, place in zip(reversed(parser.stack), reversed(parser.opened), strict=True):
        parser.problems.append(f"<{name}> is never closed")
        parser.places.append(place)
        parser.tokens.append(End(name))
    return parser


def located_problems(markup: str) -> list[tuple[int, str, str]]:
    """The markup's problems, each with its line (1-based) and the markup that is wrong, so an
    editor is sent to the line to fix."""
    parser = _parse(markup.replace("\r\n", "\n"))
    return [(line, raw, problem)
            for (line, raw), problem in zip(parser.places, parser.problems, strict=True)]


def serialise(tokens: list[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        if isinstance(token, Start):
            out.append(token.raw)
        elif isinstance(token, End):
            out.append(f"</{token.name}>")
        else:
            out.append(html.escape(token.value, quote=False))
    return "".join(out)


def normalise_checked(markup: str) -> tuple[str, list[str]]:
    """Canonical Telegram HTML plus what was wrong with the input.

    '- ' bullets become '•', stray &, < and > are escaped, and tags outside the subset are
    dropped (so a reader still gets the text) and listed as problems.
    """
    markup = _BULLET.sub("• ", markup.replace("\r\n", "\n"))
    markup = re.sub(r"[ \t]+\n", "\n", markup)
    markup = re.sub(r"\n{3,}", "\n\n", markup).strip()
    tokens, problems = tokenize(markup)
    return serialise(tokens), problems


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    tokens, _ = tokenize(markup)
    return "".join(t.value for t in tokens if isinstance(t, Text))


_BOLD = frozenset({"b", "strong"})


def plain_text(markup: str, *, bold: tuple[str, str] = ("", "")) -> str:
    """What a reader sees, for a screen that shows no markup (the terminal chat): a link as
    "text (url)", or the url alone when that is its text; bold text between ``bold``'s pair (say,
    ANSI codes), nested bold marked once; every other tag dropped, its text kept."""
    tokens, _ = tokenize(markup)
    out: list[list[str]] = [[]]  # the text so far; a new level for each open link
    links: list[str] = []
    depth = 0
    for token in tokens:
        if isinstance(token, Text):
            out[-1].append(token.value)
        elif token.name == "a":
            if isinstance(token, Start):
                links.append(token.href)
                out.append([])
            elif links:
                href, text = links.pop(), "".join(out.pop())
                out[-1].append(href if text.strip() in ("", href) else f"{text} ({href})")
        elif token.name in _BOLD:
            depth += 1 if isinstance(token, Start) else -1
            if (depth, isinstance(token, Start)) in ((1, True), (0, False)):
                out[-1].append(bold[0] if isinstance(token, Start) else bold[1])
    return "".join(part for level in out for part in level)


_ANY_TAG = re.compile(r"<[^>]*>")


def canonical_visible_length(markup: str) -> int:
    """:func:`visible_length` for markup this module produced (tags well formed, text escaped),
    where removing tags and unescaping is exact and much cheaper than parsing."""
    return utf16_len(html.unescape(_ANY_TAG.sub("", markup)))


def visible_length(markup: str) -> int:
    """Length as Telegram counts it after parsing entities (UTF-16 code units)."""
    return utf16_len(visible_text(markup))


_BREAKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s|(?<=[。！？；])"),
    re.compile(r"\s|(?<=[，、])"),
)


def split_html(markup: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split into parts of at most ``limit`` visible UTF-16 units, at the kindest break available.

    Paragraphs are preferred, then lines, sentences and words; tags open across a cut are closed
    at the end of one part and reopened at the start of the next, so every part is valid.
    """
    tokens, _ = tokenize(markup)
    visible = "".join(t.value for t in tokens if isinstance(t, Text))
    if utf16_len(visible) <= limit:
        return [serialise(tokens)]
    weights = [2 if ord(ch) > 0xFFFF else 1 for ch in visible]
    parts: list[str] = []
    start = 0
    end_of_text = len(visible)
    while start < end_of_text:
        while start < end_of_text and visible[start].isspace():
            start += 1
        if start >= end_of_text:
            break
        budget, stop = 0, start
        while stop < end_of_text and budget + weights[stop] <= limit:
            budget += weights[stop]
            stop += 1
        cut = stop if stop >= end_of_text else _best_cut(visible, start, stop)
        part = _slice(tokens, start, cut).strip()
        if visible_text(part).strip():
            parts.append(part)
        start = cut
    return parts or [serialise(tokens)]


def _best_cut(visible: str, start: int, stop: int) -> int:
    floor = start + (stop - start) * 3 // 10
    window = visible[start:stop + 1]
    for pattern in _BREAKS:
        positions = [m.end() for m in pattern.finditer(window)]
        good = [start + p for p in positions if floor < start + p <= stop]
        if good:
            return good[-1]
    return stop


def _slice(tokens: list[Token], start: int, stop: int) -> str:
    """The markup for visible characters [start, stop), with open tags closed and reopened."""
    out: list[str] = []
    stack: list[Start] = []
    offset = 0
    opened_prefix = False
    for token in tokens:
        if isinstance(token, Text):
            end = offset + len(token.value)
            if end > start and offset < stop:
                if not opened_prefix:
                    out.extend(s.raw for s in stack)
                    opened_prefix = True
                piece = token.value[max(start, offset) - offset:min(stop, end) - offset]
                out.append(html.escape(piece, quote=False))
            offset = end
            if offset >= stop:
                break
        elif isinstance(token, Start):
            stack.append(token)
            if offset >= start and opened_prefix:
                out.append(token.raw)
        else:
            if stack and stack[-1].name == token.name:
                stack.pop()
                if opened_prefix:
                    out.append(f"</{token.name}>")
    if opened_prefix:
        out.extend(f"</{s.name}>" for s in reversed(stack))
    return "".join(out)
