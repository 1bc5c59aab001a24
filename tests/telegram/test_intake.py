"""Updates read one at a time, duplicates, and the flood limit's crisis exception, in-process."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.core.guide import Guide
from bot.core.screen_builder import ScreenBuilder
from bot.core.tally import Tally
from bot.telegram.intake import Intake, RecentIds
from bot.telegram.middlewares import Throttle
from tests.telegram.inprocess import InProcessBot, text_update

ROOT = Path(__file__).resolve().parents[2]


def test_recent_ids_are_remembered_within_a_bound() -> None:
    recent = RecentIds(capacity=3)
    assert [recent.add(n) for n in (1, 2, 1, 3, 4)] == [True, True, False, True, True]
    assert len(recent) == 3
    assert recent.add(1)  # forgotten once four newer ids came


@pytest.fixture
def guide() -> Guide:
    return Guide(ScreenBuilder.load(ROOT / "content", ROOT / "locales"), Tally())


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
