"""Typed questions on the shipped content: crisis routing comes before any other result."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import MESSAGE_LIMIT, visible_text
from bot.reporting.tally import Tally

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def guide(shipped: ScreenBuilder) -> Guide:
    return Guide(shipped, Tally())


@pytest.mark.parametrize(("text", "code", "page", "numbers"), [
    ("my friend won't wake up", "en-gb", "emergency", "UK 999 / 112"),
    ("he's not breathing properly", "en-au", "emergency", "Australia 000"),
    ("朋友叫唔醒", "zh-hk", "emergency", "香港 999"),
    ("朋友叫不醒怎么办", "zh-hans", "emergency", "中国大陆 120"),
    ("I want to kill myself", "en", "mental_crisis", "USA 911"),
    ("我想死", "zh-tw", "mental_crisis", "台灣 119"),
    ("i can't pee at all", "en-us", "selfcheck_urgent", "USA 911"),
])
def test_crisis_page_comes_first_with_the_regional_number(
        guide: Guide, text: str, code: str, page: str, numbers: str) -> None:
    screen = guide.typed_text(1, code, text)
    assert screen.page == page
    first_line = screen.text.splitlines()[0]
    assert numbers in first_line, first_line
    # The region the language names comes first, and every other region follows.
    shown = first_line.split(" · ")
    if code != "en":  # a bare "en" says nothing about where someone is
        assert numbers in shown[0], first_line
    assert len(shown) == len(guide.builder.content.regions), first_line


def test_an_ordinary_question_is_not_a_crisis(guide: Guide) -> None:
    screen = guide.typed_text(1, "en", "can I mix ket with alcohol")
    assert screen.text.startswith("Here is what I found:")
    assert "Ketamine and alcohol" in screen.text.split("\n")[2]


def test_inline_cards_for_a_query_and_for_nothing(guide: Guide) -> None:
    cards = guide.inline_cards(1, "zh-hk", "膀胱")
    assert cards and all(card.page for card in cards)
    assert any(card.page.startswith("bladder") for card in cards[:3])
    featured = guide.inline_cards(1, "en", "")
    assert featured[0].page == "emergency"
    assert featured[0].text.startswith(guide.builder.numbers_banner("en"))
    ordinary = [card for card in featured if card.page == "selfcheck"]
    assert ordinary and ordinary[0].text.startswith("<b>")  # a card without numbers: as before
    urgent = guide.inline_cards(1, "en", "my friend is not breathing")
    assert urgent[0].page == "emergency"


@pytest.mark.parametrize(("code", "locale", "first"), [
    ("en", "en", "UK 999 / 112"), ("en-us", "en", "USA 911"),
    ("zh-hant-tw", "zh-Hant", "台灣 119"), ("zh-hk", "zh-Hant", "香港 999"),
    ("zh-cn", "zh-Hans", "中国大陆 120"),
])
def test_shared_emergency_and_crisis_lines_cards_carry_every_regions_number(
        guide: Guide, code: str, locale: str, first: str) -> None:
    """Issue 22: help shared from inline mode carries numbers, the sharer's region first (the
    card is read by someone else, somewhere else: every region follows)."""
    builder = guide.builder
    cards = {card.page: card for card in guide.inline_cards(1, code, "")}
    regions = builder.content.regions.values()
    for page in ("emergency", "mental_crisis"):
        text = cards[page].text
        first_line = visible_text(text).splitlines()[0]
        assert first_line.split(" · ")[0].endswith(first), first_line
        assert all(f"{r.short_name(locale)} {r.emergency}" in first_line for r in regions)
        assert builder.ui.get(locale, "card_footer") in text
        assert len(visible_text(text)) <= MESSAGE_LIMIT
    # The crisis lines card lists the lines themselves, with their numbers.
    lines = visible_text(cards["mental_crisis"].text)
    assert "116 123" in lines and "2896 0000" in lines and "1925" in lines and "988" in lines
    # The emergency card says what to do, not only whom to call.
    assert builder.content.text("emergency", locale).title in visible_text(cards["emergency"].text)


@pytest.mark.parametrize(("text", "code", "page"), [
    ("懷孕期間用過K仔 點算", "zh-hk", "higher_risk_pregnancy"),
    ("怀孕期间用过K粉怎么办", "zh-hans", "higher_risk_pregnancy"),
    ("I'm pregnant and I've been using ketamine", "en", "higher_risk_pregnancy"),
    ("can I take ibuprofen for ket bladder pain", "en", "bladder_pain"),
])
def test_a_worried_question_is_answered_with_its_page_not_the_emergency_page(
        guide: Guide, text: str, code: str, page: str) -> None:
    """Issue 24: '懷孕期間用過K仔 點算' once opened the emergency page."""
    screen = guide.typed_text(1, code, text)
    assert screen.page != "emergency"
    locale = {"zh-hk": "zh-Hant", "zh-hans": "zh-Hans", "en": "en"}[code]
    title = guide.builder.content.text(page, locale).title
    # the first answer (an offer of help may come above the answers: it costs one line)
    first = next(line for line in screen.text.splitlines() if line.startswith("• "))
    assert first.split("<b>", 1)[1].split("</b>", 1)[0] == html.escape(title), screen.text[:200]
