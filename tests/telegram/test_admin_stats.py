"""/stats for admins, in process: the weekly chart as a photo, then the summary text."""

from __future__ import annotations

import datetime as dt
import itertools
import struct
from collections import Counter
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile, Update

from bot.core.guide import Guide
from bot.core.screen_builder import ScreenBuilder
from bot.core.tally import CountKey, Tally
from bot.runtime.counts import CountFlusher, SqliteCounts
from bot.telegram.app import build_dispatcher
from tests.counts_data import generate, shipped_content
from tests.telegram.checking_session import CheckingSession

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 777
_ids = itertools.count(1)


def stats_update(person: int) -> Update:
    update_id = next(_ids)
    return Update.model_validate({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": "/stats",
        "chat": {"id": person, "type": "private"},
        "from": {"id": person, "is_bot": False, "first_name": "A", "language_code": "en"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}})


async def ask_stats(tmp_path: Path, batch: Counter[CountKey],
                    person: int = ADMIN) -> CheckingSession:
    session = CheckingSession()
    bot = Bot("123456:TEST-token-abcdefghijklmnop", session=session,
              default=DefaultBotProperties(parse_mode="HTML"))
    navigator = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    tally = Tally()
    async with SqliteCounts(tmp_path / "counts.sqlite3") as store:
        await store.write(batch)
        flusher = CountFlusher(tally, store, interval=60)
        dp = build_dispatcher(Guide(navigator, tally), admins=frozenset({ADMIN}), flusher=flusher)
        await dp.feed_update(bot, stats_update(person))
    return session


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def recent() -> Counter[CountKey]:
    """90 days of generated counts ending today, so the last 12 weeks are full of them."""
    return generate(shipped_content(), until=dt.datetime.now(dt.UTC).date(), scale=0.5)


async def test_stats_answers_with_the_weekly_chart_and_the_summary(
        tmp_path: Path, recent: Counter[CountKey]) -> None:
    session = await ask_stats(tmp_path, recent)
    sent = [r for r in session.requests if isinstance(r, SendPhoto | SendMessage)]
    assert [type(r) for r in sent] == [SendPhoto, SendMessage]
    photo, summary = sent
    assert isinstance(photo, SendPhoto) and isinstance(photo.photo, BufferedInputFile)
    width, height = png_size(photo.photo.data)
    assert 800 <= width <= 1600 and 400 <= height <= width
    assert len(photo.photo.data) > 20_000  # bars, labels and text were drawn
    assert photo.caption is not None
    assert photo.caption.startswith("<b>People starting the bot, per week</b>, ")
    assert isinstance(summary, SendMessage)
    assert "<b>Last 7 days</b>:" in summary.text
    today = dt.datetime.now(dt.UTC).date()
    starts = sum(n for key, n in recent.items() if key.event == "start"
                 and key.day >= (today - dt.timedelta(days=6)).isoformat())
    assert f"<b>Last 7 days</b>: {starts} starts" in summary.text


async def test_no_counts_means_the_summary_alone(tmp_path: Path) -> None:
    session = await ask_stats(tmp_path, Counter())
    sent = [r for r in session.requests if isinstance(r, SendPhoto | SendMessage)]
    assert [type(r) for r in sent] == [SendMessage]
    assert "0 starts" in sent[0].text  # type: ignore[union-attr]


async def test_stats_is_not_a_command_for_others(tmp_path: Path,
                                                 recent: Counter[CountKey]) -> None:
    session = await ask_stats(tmp_path, recent, person=ADMIN + 1)
    assert not any(isinstance(r, SendPhoto) for r in session.requests)
    assert "starts" not in " ".join(r.text for r in session.requests
                                    if isinstance(r, SendMessage))


async def test_a_chart_that_cannot_be_drawn_leaves_the_summary(
        tmp_path: Path, recent: Counter[CountKey], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_args: object) -> bytes:
        raise RuntimeError("no fonts today")

    monkeypatch.setattr("bot.telegram.stats_chart._draw", broken)
    session = await ask_stats(tmp_path, recent)
    sent = [r for r in session.requests if isinstance(r, SendPhoto | SendMessage)]
    assert [type(r) for r in sent] == [SendMessage]
    assert "<b>Last 7 days</b>:" in sent[0].text  # type: ignore[union-attr]
    assert "could not send the weekly chart" in caplog.text
