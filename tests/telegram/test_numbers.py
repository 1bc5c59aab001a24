"""Issue 22's number rules as Telegram delivers them: the real dispatcher, in-process.

A language naming a region puts that region's number first and every other region's after it;
the 🆘 page has the crisis lines one tap away; shared cards carry the numbers."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from aiogram.methods import AnswerInlineQuery, SendMessage
from aiogram.types import InputTextMessageContent

from bot.conversation.guide import Guide
from bot.conversation.places import regions_for_language
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import visible_text
from bot.reporting.tally import Tally
from tests.telegram.inprocess import InProcessBot, person, text_update

ROOT = Path(__file__).resolve().parents[2]
_ids = itertools.count(50_000)


@pytest.fixture(scope="module")
def guide(shipped: ScreenBuilder) -> Guide:
    return Guide(shipped, Tally())


def expected_line(guide: Guide, locale: str, code: str) -> str:
    content = guide.builder.content
    return " · ".join(f"{content.regions[r].short_name(locale)} {content.regions[r].emergency}"
                      for r in regions_for_language(content, code))


@pytest.mark.parametrize(("code", "locale", "first"), [
    ("zh-hant-tw", "zh-Hant", "台灣 119"), ("zh-cn", "zh-Hans", "中国大陆 120"),
    ("en-us", "en", "USA 911"), ("zh-hk", "zh-Hant", "香港 999"),
])
async def test_a_language_naming_a_region_shows_it_first_then_every_other(
        guide: Guide, code: str, locale: str, first: str) -> None:
    bot = InProcessBot(guide)
    # Typed words are answered in the language they are written in (issue 27): the crisis is
    # typed in the person's own.
    crisis = {"en": "my friend is not breathing", "zh-Hans": "他没有呼吸了",
              "zh-Hant": "朋友沒有呼吸了"}[locale]
    for text in ("/emergency", crisis):
        sent = await bot.feed(text_update(text, language=code, person_id=6060))
        message = sent[-1]
        assert isinstance(message, SendMessage)
        top = visible_text(message.text).splitlines()[0]
        assert expected_line(guide, locale, code) in top, top
        assert top.split(" · ")[0].endswith(first), top
        assert len(top.split(" · ")) == len(guide.builder.content.regions)


async def test_the_emergency_page_has_a_crisis_lines_button(guide: Guide) -> None:
    bot = InProcessBot(guide)
    sent = await bot.feed(text_update("/emergency", language="en", person_id=6061))
    message = sent[-1]
    assert isinstance(message, SendMessage) and message.reply_markup is not None
    labels = [b.text for row in message.reply_markup.inline_keyboard  # type: ignore[union-attr]
              for b in row]
    assert "☎️ Crisis lines" in labels


async def test_inline_cards_for_emergency_and_crisis_lines_carry_numbers(guide: Guide) -> None:
    bot = InProcessBot(guide)
    update_id = next(_ids)
    sent = await bot.feed({"update_id": update_id, "inline_query": {
        "id": str(update_id), "from": person("zh-hant-tw", 6062), "query": "", "offset": ""}})
    answer = sent[-1]
    assert isinstance(answer, AnswerInlineQuery)
    texts = {}
    for result in answer.results:
        content = getattr(result, "input_message_content", None)
        assert isinstance(content, InputTextMessageContent)
        texts[result.id.split(":")[0]] = visible_text(content.message_text)
    for page in ("emergency", "mental_crisis"):
        assert texts[page].startswith("🚑"), texts[page]
        assert expected_line(guide, "zh-Hant", "zh-hant-tw") in texts[page]
    assert "1925" in texts["mental_crisis"]
