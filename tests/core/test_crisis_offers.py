"""Offers on the shipped content (issue #22): a message with a risk signal that is not clear
enough to route still gets its search answer, headed by one short line, with a first button to
the crisis lines (suicide or self-harm) or the emergency page (the body). Every front end goes
through Guide, so Telegram and the terminal show the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage, OpenSearchResult
from bot.reporting.tally import Tally

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builder() -> ScreenBuilder:
    return ScreenBuilder.load(ROOT / "content", ROOT / "locales")


@pytest.mark.parametrize(("text", "code", "kind", "page"), [
    ("everyone would be better off without me", "en", "mind", "mental_crisis"),
    ("I've been saving up ket for one big dose", "en-gb", "mind", "mental_crisis"),
    ("没有我你们会过得更好", "zh-hans", "mind", "mental_crisis"),
    ("你哋冇咗我會好啲", "zh-hk", "mind", "mental_crisis"),
    ("撐不下去", "zh-tw", "mind", "mental_crisis"),
    ("手上劃了幾刀", "zh-hk", "mind", "mental_crisis"),
    ("I fell over on ket and cut my head", "en", "body", "emergency"),
    ("他浑身冰冷", "zh-hans", "body", "emergency"),
    ("食咗幾粒安眠藥再索K", "zh-hk", "body", "emergency"),
])
def test_an_offer_heads_the_search_answer_and_its_first_button_opens_help(
        builder: ScreenBuilder, text: str, code: str, kind: str, page: str) -> None:
    tally = Tally()
    screen = Guide(builder, tally).typed_text(None, code, text)
    line = builder.ui.get(screen.locale, f"crisis_offer_{kind}")
    assert screen.text.startswith(line + "\n\n")
    first = screen.rows[0][0]
    assert first.action == OpenPage(page)
    assert first.label == builder.ui.get(screen.locale, f"crisis_offer_{kind}_button")
    assert screen.page is None  # still the search answer, not a crisis page
    actions = [button.action for button in screen.buttons()]
    assert len(actions) == len(set(actions))  # the footer's 🆘 is not shown twice
    keys = list(tally.drain())
    assert ("crisis_offer", kind) in {(key.event, key.page) for key in keys}
    assert all(text not in str(key) for key in keys)


def test_an_offer_keeps_the_search_results(builder: ScreenBuilder) -> None:
    plain = Guide(builder, Tally()).typed_text(None, "en", "how long does a k hole last")
    offered = Guide(builder, Tally()).typed_text(
        None, "en", "how long does a k hole last, I feel hopeless")
    results = [b.action for b in plain.buttons() if isinstance(b.action, OpenSearchResult)]
    assert results
    assert isinstance(offered.rows[0][0].action, OpenPage)
    assert [b.action for b in offered.buttons()
            if isinstance(b.action, OpenSearchResult)]


def test_routes_and_ordinary_messages_are_unchanged(builder: ScreenBuilder) -> None:
    guide = Guide(builder, Tally())
    assert guide.typed_text(None, "en", "I want to kill myself").page == "mental_crisis"
    assert guide.typed_text(None, "zh-hans", "他脸色发灰，整个人软绵绵的").page == "emergency"
    ordinary = guide.typed_text(None, "en", "dying to try it lol")
    assert not ordinary.text.startswith("💬") and not ordinary.text.startswith("🚑")
    question = guide.typed_text(None, "en", "can ketamine cause seizures?")
    assert question.page is None and not question.text.startswith("🚑")


def test_inline_cards_put_the_offered_page_first(builder: ScreenBuilder) -> None:
    cards = Guide(builder, Tally()).inline_cards(None, "en", "I feel so hopeless")
    assert cards[0].page == "mental_crisis"
