"""/stats and /reload for admins, in process: the weekly chart as a photo, then the summary
text, in the admin's own language."""

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

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import CountKey, CountRow, Tally
from bot.runtime.counts import CountFlusher, SqliteCounts
from bot.runtime.reloading import ContentReloader
from bot.telegram.app import build_dispatcher
from tests.conftest import TreeBuilder
from tests.counts_data import generate, shipped_content
from tests.telegram.checking_session import CheckingSession

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 777
_ids = itertools.count(1)


def command_update(person: int, command: str = "/stats", language: str = "en") -> Update:
    update_id = next(_ids)
    return Update.model_validate({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": command,
        "chat": {"id": person, "type": "private"},
        "from": {"id": person, "is_bot": False, "first_name": "A", "language_code": language},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}]}})


def checked_bot() -> tuple[Bot, CheckingSession]:
    session = CheckingSession()
    return Bot("123456:TEST-token-abcdefghijklmnop", session=session,
               default=DefaultBotProperties(parse_mode="HTML")), session


async def ask_stats(tmp_path: Path, batch: Counter[CountKey], person: int = ADMIN,
                    language: str = "en") -> CheckingSession:
    bot, session = checked_bot()
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    tally = Tally()
    async with SqliteCounts(tmp_path / "counts.sqlite3") as store:
        await store.write(batch)
        flusher = CountFlusher(tally, store, interval=60)
        dp = build_dispatcher(Guide(builder, tally), admins=frozenset({ADMIN}),
                              flusher=flusher, counts=store)
        await dp.feed_update(bot, command_update(person, language=language))
    return session


def sent(session: CheckingSession) -> list[SendPhoto | SendMessage]:
    return [r for r in session.requests if isinstance(r, SendPhoto | SendMessage)]


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
    answers = sent(session)
    assert [type(r) for r in answers] == [SendPhoto, SendMessage]
    photo, summary = answers
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
    answers = sent(session)
    assert [type(r) for r in answers] == [SendMessage]
    assert "0 starts" in answers[0].text  # type: ignore[union-attr]


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
    answers = sent(session)
    assert [type(r) for r in answers] == [SendMessage]
    assert "<b>Last 7 days</b>:" in answers[0].text  # type: ignore[union-attr]
    assert "could not send the weekly chart" in caplog.text


@pytest.mark.parametrize(("language", "period", "labels"), [
    ("zh-hk", "<b>最近 7 天</b>：", ("熱門頁面", "深層連結推廣", "自我檢查結果", "最不實用")),
    ("zh-tw", "<b>最近 7 天</b>：", ("熱門頁面", "深層連結推廣", "自我檢查結果", "最不實用")),
    ("zh-hans", "<b>最近 7 天</b>：", ("热门页面", "深层链接推广", "自我检查结果", "最不实用")),
])
async def test_a_chinese_admin_reads_the_stats_in_chinese(
        tmp_path: Path, recent: Counter[CountKey], language: str, period: str,
        labels: tuple[str, ...]) -> None:
    photo, summary = sent(await ask_stats(tmp_path, recent, language=language))
    assert isinstance(photo, SendPhoto) and photo.caption is not None
    title = "每週開始使用機器人的人數" if language != "zh-hans" else "每周开始使用机器人的人数"
    assert photo.caption.startswith(f"<b>{title}</b>，")
    assert isinstance(summary, SendMessage)
    assert period in summary.text and "Last 7 days" not in summary.text
    for label in labels:
        assert f"{label}：" in summary.text
    assert "Top pages" not in summary.text


class _Away(SqliteCounts):
    """A counts database that cannot be reached."""

    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        raise ConnectionRefusedError

    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]:
        raise ConnectionRefusedError


@pytest.mark.parametrize(("language", "note"), [
    ("en", "The counts database cannot be reached just now (ConnectionRefusedError). "
           "3 counts wait in memory"),
    ("zh-hk", "暫時無法連接計數資料庫（ConnectionRefusedError）。3 項計數"),
    ("zh-cn", "暂时无法连接计数数据库（ConnectionRefusedError）。3 条计数"),
])
async def test_the_database_away_note_is_in_the_admins_language(
        tmp_path: Path, language: str, note: str) -> None:
    bot, session = checked_bot()
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    tally = Tally()
    store = _Away(tmp_path / "counts.sqlite3")
    flusher = CountFlusher(tally, store, interval=60)  # writing fails: the counts wait
    dp = build_dispatcher(Guide(builder, tally), admins=frozenset({ADMIN}),
                          flusher=flusher, counts=store)
    for _ in range(3):
        tally.add("start", locale="en")
    await dp.feed_update(bot, command_update(ADMIN, language=language))
    [answer] = sent(session)
    assert isinstance(answer, SendMessage) and answer.text.startswith(note.split("3")[0])
    assert note in answer.text


@pytest.mark.parametrize(("language", "done", "refused"), [
    ("en", "Reloaded: ", "<b>Not reloaded</b>: still serving the last good content"),
    ("zh-hk", "已重新載入：", "<b>未重新載入</b>：仍在使用上一份有效的內容"),
    ("zh-hans", "已重新加载：", "<b>未重新加载</b>：仍在使用上一份有效的内容"),
])
async def test_reload_answers_in_the_admins_language(
        make_tree: TreeBuilder, language: str, done: str, refused: str) -> None:
    site = make_tree()
    builder = ScreenBuilder.load(site / "content", site / "locales")
    guide = Guide(builder, Tally())
    reloader = ContentReloader(guide, site / "content", site / "locales")
    dp = build_dispatcher(guide, admins=frozenset({ADMIN}), reloader=reloader)
    bot, session = checked_bot()
    await dp.feed_update(bot, command_update(ADMIN, "/reload", language))
    (site / "content" / "sources.yaml").write_text("sources: [", encoding="utf-8")
    await dp.feed_update(bot, command_update(ADMIN, "/reload", language))
    first, second = sent(session)
    pages = len(builder.content.pages)
    assert isinstance(first, SendMessage) and first.text.startswith(f"{done}{pages}")
    assert isinstance(second, SendMessage) and second.text.startswith(refused)
    assert "sources.yaml" in second.text
