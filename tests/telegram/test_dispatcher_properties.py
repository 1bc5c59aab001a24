"""Property-based: whatever a person or Telegram sends, the bot replies with valid requests and
never fails inside a handler."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.types import Update
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import Tally
from bot.telegram.app import build_dispatcher
from tests.telegram.checking_session import CheckingSession

ROOT = Path(__file__).resolve().parents[2]
_ids = itertools.count(1)


class Harness:
    def __init__(self) -> None:
        self.runner = asyncio.Runner()
        self.session = CheckingSession()
        self.bot = Bot("123456:TEST-token-abcdefghijklmnop", session=self.session,
                       default=DefaultBotProperties(parse_mode="HTML"))
        builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
        self.dp: Dispatcher = build_dispatcher(Guide(builder, Tally()))
        self.failures: list[logging.LogRecord] = []

    def feed(self, update: dict[str, object]) -> None:
        before = len(self.session.requests)
        self.runner.run(self.dp.feed_update(self.bot, Update.model_validate(update)))
        assert len(self.session.requests) > before, "the update got no reply at all"


class _Collect(logging.Handler):
    def __init__(self, sink: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record)


@pytest.fixture(scope="module")
def shared_harness() -> Iterator[Harness]:
    h = Harness()
    handler = _Collect(h.failures)
    logger = logging.getLogger("bot.telegram.handlers")
    logger.addHandler(handler)
    yield h
    logger.removeHandler(handler)
    h.runner.close()


@pytest.fixture
def harness(shared_harness: Harness) -> Harness:
    """The module's dispatcher, with the failures of earlier tests forgotten: one failing test
    must not fail every later one."""
    shared_harness.failures.clear()
    return shared_harness


def user(language: str | None, person_id: int = 4242) -> dict[str, object]:
    person: dict[str, object] = {"id": person_id, "is_bot": False, "first_name": "T"}
    if language is not None:
        person["language_code"] = language
    return person


def message(text: str, language: str | None, person_id: int = 4242) -> dict[str, object]:
    update_id = next(_ids)
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": text,
        "chat": {"id": person_id, "type": "private"}, "from": user(language, person_id),
        **({"entities": [{"type": "bot_command", "offset": 0,
                          "length": len(text.split(" ")[0])}]} if text.startswith("/") else {}),
    }}


def callback(data: str, language: str | None) -> dict[str, object]:
    update_id = next(_ids)
    return {"update_id": update_id, "callback_query": {
        "id": str(update_id), "chat_instance": "1", "data": data, "from": user(language),
        "message": {"message_id": 7, "date": 1_700_000_000, "text": "menu",
                    "chat": {"id": 4242, "type": "private"},
                    "from": {"id": 1000, "is_bot": True, "first_name": "K"}},
    }}


languages = st.sampled_from([None, "en", "zh-hans", "zh-hk", "zh-tw", "fr", "zh", ""])
relaxed = settings(max_examples=120, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@relaxed
@given(st.text(min_size=1, max_size=300), languages)
@example("/x@y", None)
@example("/start@ksafer_test_bot", "en")
def test_any_typed_text_gets_a_valid_reply(harness: Harness, text: str, language: str) -> None:
    harness.feed(message(text, language))
    assert harness.failures == []


@relaxed
@given(st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True), st.text(max_size=80)),
       languages)
def test_any_start_payload_gets_a_valid_reply(harness: Harness, payload: str,
                                              language: str) -> None:
    harness.feed(message(f"/start {payload}", language))
    assert harness.failures == []


real_data = st.sampled_from(["p:home:0", "p:bladder:0", "p:selfcheck_q1:0", "s:mix_alcohol",
                             "l:", "l:zh-Hant", "f:bladder_signs:1", "p:emergency:3",
                             # buttons that carry their screen's language
                             "p:home:0:t", "s:mix_alcohol:s", "l::e", "l:en:t", "g:t",
                             "f:bladder_signs:0:s", "r:bladder:e", "p:bladder:0:x"])


@relaxed
@given(st.one_of(real_data, st.text(min_size=1, max_size=64),
                 st.from_regex(r"[psfl]:[a-z_]{0,40}(:[0-9a-z-]{0,5})?", fullmatch=True)),
       languages)
def test_any_callback_data_is_answered_with_a_valid_screen(harness: Harness, data: str,
                                                           language: str) -> None:
    before = len(harness.session.requests)
    harness.feed(callback(data, language))
    methods = [type(r).__name__ for r in harness.session.requests[before:]]
    assert methods[0] == "AnswerCallbackQuery"
    assert harness.failures == []


def test_no_per_person_state_is_kept_by_the_dispatcher(harness: Harness) -> None:
    """aiogram's FSM would keep an entry for every chat and person seen: it is off."""
    from aiogram.fsm.storage.memory import MemoryStorage

    harness.feed(message("/start", "en"))
    harness.feed(callback("p:bladder:0", "en"))
    assert harness.dp.fsm not in harness.dp.update.outer_middleware
    storage = harness.dp.fsm.storage
    assert isinstance(storage, MemoryStorage) and not storage.storage


def test_handler_errors_are_logged_without_what_was_typed(
        harness: Harness, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from bot.conversation.guide import Guide

    def broken(self: Guide, person: object, code: object, text: str = "") -> None:
        int(text)  # raises ValueError quoting the text

    monkeypatch.setattr(Guide, "typed_text", broken)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        update = Update.model_validate(message("my secret words 0771", "en"))
        harness.runner.run(harness.dp.feed_update(harness.bot, update))
    assert "error while handling a message update: ValueError" in caplog.text
    assert "secret" not in caplog.text and "0771" not in caplog.text
    harness.failures.clear()


def _last_text(harness: Harness) -> str:
    request = harness.session.requests[-1]
    text = getattr(request, "text", None)
    assert isinstance(text, str), type(request).__name__
    return text


def test_routing_commands_admin_commands_and_typed_text(harness: Harness) -> None:
    """Commands are matched before the admin router, typed text after it (see handlers.py)."""
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    guide = Guide(builder, Tally())
    person = 9_000_001  # nobody else here: no language chosen by an earlier test
    harness.feed(message("/start", "en", person))
    assert _last_text(harness) == guide.start(None, "en").text
    # A command in a photo's caption is a command, as aiogram's Command filter reads it.
    update_id = next(_ids)
    harness.feed({"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "caption": "/emergency",
        "photo": [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}],
        "chat": {"id": person, "type": "private"}, "from": user("en", person)}})
    assert _last_text(harness) == guide.open_page(None, "en", "emergency").text
    # Nobody is an admin here: /stats is typed text like any other.
    harness.feed(message("/stats", "en", person))
    assert _last_text(harness) == guide.typed_text(None, "en", "/stats").text
    harness.feed(message("what is a k hole", "en", person))
    assert _last_text(harness) == guide.typed_text(None, "en", "what is a k hole").text
    assert "k-hole" in _last_text(harness).lower() or "k hole" in _last_text(harness).lower()
    assert harness.failures == []


def test_commands_addressed_to_a_bot_by_name(harness: Harness) -> None:
    """'/emergency@bot' makes aiogram ask Telegram who the bot is (getMe): ours answers it, a
    command for another bot is just typed text."""
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    guide = Guide(builder, Tally())
    person = 9_000_002
    harness.feed(message("/emergency@ksafer_test_bot", "en", person))
    assert _last_text(harness) == guide.open_page(None, "en", "emergency").text
    harness.feed(message("/emergency@some_other_bot", "en", person))
    assert _last_text(harness) == guide.typed_text(None, "en", "/emergency@some_other_bot").text
    assert harness.failures == []
