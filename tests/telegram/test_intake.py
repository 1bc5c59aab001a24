"""Updates read one at a time, duplicates, and the flood limit's crisis exception, in-process."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import Tally
from bot.telegram.intake import Intake, RecentIds
from bot.telegram.middlewares import Throttle
from tests.telegram.inprocess import InProcessBot, edited_update, shown, text_update

ROOT = Path(__file__).resolve().parents[2]


def test_recent_ids_are_remembered_within_a_bound() -> None:
    recent = RecentIds(capacity=3)
    assert [recent.add(n) for n in (1, 2, 1, 3, 4)] == [True, True, False, True, True]
    assert len(recent) == 3
    assert recent.add(1)  # forgotten once four newer ids came


@pytest.fixture
def guide(shipped: ScreenBuilder) -> Guide:
    return Guide(shipped, Tally())


async def test_unreadable_updates_are_counted_and_nothing_of_them_is_logged(
        guide: Guide, caplog: pytest.LogCaptureFixture) -> None:
    bot = InProcessBot(guide)
    intake = Intake(bot.dp, bot.bot, guide.tally)
    secret = "Ottoline Brambury 07700 900461"
    caplog.set_level(logging.DEBUG)
    for raw in ({"update_id": 1, "message": {"text": [secret]}},
                {"update_id": 2, "brand_new_kind": {"text": secret}},
                {"update_id": 3}, secret, [secret], None):
        assert intake.accept(raw) is False
    assert sum(guide.tally.drain().values()) == 6
    assert secret not in caplog.text and "Ottoline" not in caplog.text
    assert caplog.text.count("skipped an update") == 6


async def test_a_repeated_update_id_is_handled_once(guide: Guide) -> None:
    bot = InProcessBot(guide)
    intake = Intake(bot.dp, bot.bot, guide.tally)
    update = text_update("/start")
    assert intake.accept(update) is True
    assert intake.accept(dict(update)) is False
    assert await intake.drain(5)
    assert len(bot.session.requests) == 1


async def test_a_crisis_is_answered_however_much_someone_wrote_before(guide: Guide) -> None:
    bot = InProcessBot(guide, throttle=Throttle(per_minute=1, burst=2, clock=lambda: 0.0))
    person = 31337
    replies = [await bot.feed(text_update("/start", person_id=person)) for _ in range(12)]
    assert [len(r) for r in replies[:3]] == [1, 1, 1]  # two allowed, then one polite note
    assert all(r == [] for r in replies[3:])
    for text in ("my friend is not breathing", "朋友叫唔醒", "I want to kill myself"):
        answer = await bot.feed(text_update(text, person_id=person))
        crisis = guide.message(None, "en", text).screen
        assert crisis.page in ("emergency", "mental_crisis"), text
        assert [getattr(request, "text", None) for request in answer][-1] == crisis.text
    quiet = await bot.feed(text_update("/start", person_id=person))
    assert quiet == []  # the limit still holds for everything else


async def test_crisis_messages_waiting_together_are_answered_first(guide: Guide) -> None:
    # A burst (a poll's batch, or webhook posts arriving together): the crisis message came
    # last, behind forty others, and is the first to be answered.
    bot = InProcessBot(guide)
    intake = Intake(bot.dp, bot.bot, guide.tally, urgent=guide.urgent)
    for n in range(40):
        assert intake.accept(text_update("how long does a k hole last", person_id=100 + n))
    assert intake.accept(text_update("my friend is not breathing", person_id=7))
    assert intake.accept(text_update("佢冇咗呼吸", person_id=8))
    assert await intake.drain(10)
    chats = [getattr(request, "chat_id", None) for request in bot.session.requests]
    assert len(chats) == 42
    assert chats[:2] == [7, 8]


async def test_a_backlog_is_read_ahead_only_so_far(guide: Guide) -> None:
    bot = InProcessBot(guide)
    intake = Intake(bot.dp, bot.bot, guide.tally, urgent=guide.urgent, read_ahead=5)
    for n in range(8):
        intake.accept(text_update("/start", person_id=200 + n))
    assert not intake.has_room()  # polling waits before fetching more
    assert await intake.drain(10)
    assert intake.has_room()
    assert len(bot.session.requests) == 8


async def test_an_edit_into_a_crisis_is_answered_and_any_other_edit_is_not(
        guide: Guide) -> None:
    bot = InProcessBot(guide)
    assert "edited_message" in bot.dp.resolve_used_update_types()
    for text in ("my friend is not breathing", "我想自殺"):
        replies = await bot.feed(edited_update(text))
        expected = guide.message(None, "en", text).screen
        assert expected.page in ("emergency", "mental_crisis")
        assert [shown(request)[0] for request in replies][-1] == expected.text
    for text in ("how long does a k hole last", "/start", "hello"):
        assert await bot.feed(edited_update(text)) == []
    group_edit = edited_update("my friend is not breathing")
    group_edit["edited_message"]["chat"]["type"] = "group"  # type: ignore[index]
    assert await bot.feed(group_edit) == []  # groups are ignored, as for messages
