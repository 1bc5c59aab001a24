"""The shared back-off and the rule for what may be sent again, in-process (no sockets except
one refused connection)."""

from __future__ import annotations

import asyncio
import itertools
import socket
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.utils.backoff import BackoffConfig

from bot.telegram.app import BotSession
from bot.telegram.delivery import (
    Deliver,
    ServerAnswered,
    SharedBackoff,
    idempotent,
    surely_not_done,
)
from bot.telegram.session import RequestNotSent, answer_or_status

TOKEN = "123456:TEST-token-abcdefghijklmnop"
FAST = BackoffConfig(min_delay=0.05, max_delay=0.2, factor=2.0, jitter=0.0)
SEND = SendMessage(chat_id=1, text="hi")


def test_what_surely_did_not_arrive() -> None:
    edit = EditMessageText(chat_id=1, message_id=2, text="x")
    assert surely_not_done(TelegramRetryAfter(method=SEND, message="wait", retry_after=3))
    for status in (429, 500, 502, 503):
        assert surely_not_done(ServerAnswered(SEND, status, "x"))
    assert not surely_not_done(ServerAnswered(SEND, 504, "gateway timeout"))
    timeout = TelegramNetworkError(method=SEND, message="Request timeout error")
    timeout.__cause__ = TimeoutError()
    assert not surely_not_done(timeout)
    assert not surely_not_done(TelegramBadRequest(method=SEND, message="Bad Request"))
    assert not idempotent(SEND)
    assert idempotent(edit) and idempotent(AnswerCallbackQuery(callback_query_id="1"))


async def test_a_refused_connection_is_known_not_to_have_arrived() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    session = BotSession(api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}"))
    bot = Bot(TOKEN, session=session)
    try:
        with pytest.raises(TelegramNetworkError) as caught:
            await session.make_request(bot, GetMe())
    finally:
        await session.close()
    assert surely_not_done(caught.value)


@pytest.mark.parametrize(("status", "body", "expected"), [
    (502, "<html><body><h1>502 Bad Gateway</h1>secret page</body></html>", 502),
    (504, "<html>504 Gateway Time-out</html>", 504),
    (500, '{"ok": false, "error_code": 500, "description": "Internal Server Error"}', 500),
    (429, "<html>Too Many Requests</html>", 429),
])
def test_error_pages_keep_their_status_and_never_their_body(
        status: int, body: str, expected: int) -> None:
    session = BotSession()
    with pytest.raises(ServerAnswered) as caught:
        answer_or_status(session, Bot(TOKEN, session=session), SEND, status, body)
    assert caught.value.status == expected
    assert "secret" not in str(caught.value) and "<html>" not in str(caught.value)


def test_answers_that_are_not_outages_are_left_to_aiogram() -> None:
    session = BotSession()
    bot = Bot(TOKEN, session=session)
    with pytest.raises(TelegramBadRequest):
        answer_or_status(session, bot, SEND, 400,
                               '{"ok": false, "error_code": 400, "description": "Bad Request"}')
    with pytest.raises(TelegramRetryAfter):
        answer_or_status(session, bot, SEND, 429, '{"ok": false, "error_code": 429, "description":'
                               ' "Too Many Requests", "parameters": {"retry_after": 5}}')


class Telegram:
    """A scripted Bot API: fails every request while ``down`` says so, records each attempt."""

    def __init__(self, fail: Any) -> None:
        self.fail = fail
        self.attempts: list[tuple[str, float, float, bool]] = []  # chat, start, end, failed

    async def __call__(self, bot: Bot, method: Any) -> Any:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.sleep(0.01)
        error = self.fail(method, start)
        self.attempts.append((str(getattr(method, "chat_id", "")), start, loop.time(),
                              error is not None))
        if error is not None:
            raise error
        return True


async def test_an_outage_costs_one_request_per_pause_and_every_reply_goes_once() -> None:
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    telegram = Telegram(lambda m, at: ServerAnswered(m, 503, "x") if at < t0 + 0.3 else None)
    deliver = Deliver(SharedBackoff(FAST), patience=10)
    methods = [SendMessage(chat_id=n, text="hi") for n in range(10)]
    await asyncio.gather(*(deliver(telegram, None, m) for m in methods))  # type: ignore[arg-type]
    succeeded = sorted(chat for chat, _, _, failed in telegram.attempts if not failed)
    assert succeeded == sorted(str(n) for n in range(10))
    first_wave = telegram.attempts[:10]
    assert all(failed for *_, failed in first_wave)
    # After the first wave, attempts while Telegram is down are one at a time (probes).
    probes = [a for a in telegram.attempts[10:] if a[3]]
    for earlier, later in itertools.pairwise(probes):
        assert later[1] >= earlier[2]
    assert len(probes) <= 4  # 0.05 + 0.1 + 0.2 s of pauses cover the 0.3 s outage


async def test_retry_after_holds_every_request_not_just_the_refused_one() -> None:
    loop = asyncio.get_running_loop()
    refused: list[float] = []
    was_refused = asyncio.Event()

    def fail(method: Any, at: float) -> Exception | None:
        if not refused:
            refused.append(at)
            was_refused.set()
            return TelegramRetryAfter(method=method, message="wait", retry_after=1)
        return None

    telegram = Telegram(fail)
    deliver = Deliver(SharedBackoff(FAST), patience=10)
    first = asyncio.create_task(deliver(telegram, None, SEND))  # type: ignore[arg-type]
    await was_refused.wait()
    other = SendMessage(chat_id=2, text="someone else")
    await asyncio.gather(first, deliver(telegram, None, other))  # type: ignore[arg-type]
    later = [start for _, start, _, _ in telegram.attempts[1:]]
    assert len(later) == 2 and min(later) >= refused[0] + 0.99
    assert loop.time() - refused[0] < 3


async def test_a_reply_is_given_up_when_it_would_no_longer_be_useful() -> None:
    telegram = Telegram(lambda m, at: ServerAnswered(m, 502, "x"))
    deliver = Deliver(SharedBackoff(FAST), patience=0.25)
    with pytest.raises(ServerAnswered):
        await deliver(telegram, None, SEND)  # type: ignore[arg-type]
    assert 2 <= len(telegram.attempts) <= 4


async def test_a_long_retry_after_gives_up_at_once() -> None:
    telegram = Telegram(lambda m, at: TelegramRetryAfter(method=m, message="w", retry_after=600))
    deliver = Deliver(SharedBackoff(FAST), patience=5)
    with pytest.raises(TelegramRetryAfter):
        await deliver(telegram, None, SEND)  # type: ignore[arg-type]
    with pytest.raises(TelegramNetworkError):  # the bot-wide pause outlasts this reply's use
        await deliver(telegram, None, SendMessage(chat_id=2, text="x"))  # type: ignore[arg-type]
    assert len(telegram.attempts) == 1


@pytest.mark.parametrize(("method", "tries"), [(SEND, 1), (EditMessageText(
    chat_id=1, message_id=2, text="x"), 2)])
async def test_an_ambiguous_failure_is_repeated_only_when_harmless(method: Any, tries: int) -> None:
    def fail(m: Any, at: float) -> Exception | None:
        if telegram.attempts:
            return None
        error = TelegramNetworkError(method=m, message="Request timeout error")
        error.__cause__ = TimeoutError()
        return error

    telegram = Telegram(fail)
    deliver = Deliver(SharedBackoff(FAST), patience=5)
    if tries == 1:
        with pytest.raises(TelegramNetworkError):
            await deliver(telegram, None, method)  # type: ignore[arg-type]
    else:
        assert await deliver(telegram, None, method) is True  # type: ignore[arg-type]
    assert len(telegram.attempts) == tries


async def test_a_cancelled_probe_lets_another_request_probe() -> None:
    backoff = SharedBackoff(FAST)
    async with backoff.attempt(backoff.now() + 5) as turn:
        backoff.failed(turn)
    probing = asyncio.Event()

    async def never_answered() -> None:
        async with backoff.attempt(backoff.now() + 5) as turn:
            assert turn.probe
            probing.set()
            await asyncio.sleep(30)

    probe = asyncio.create_task(never_answered())
    await probing.wait()
    waiting = asyncio.create_task(backoff.turn(backoff.now() + 5))
    await asyncio.sleep(0.02)
    assert not waiting.done()  # one probe at a time
    probe.cancel()  # e.g. shutdown: the next request must not wait for it forever
    assert (await asyncio.wait_for(waiting, 1)).probe


async def slow_bot_api(answer_after: float) -> tuple[Any, int, list[str]]:
    """A Bot API on loopback that answers every request after ``answer_after`` seconds and
    records what reached it."""
    from aiohttp import web

    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.match_info["method"])
        await asyncio.sleep(answer_after)
        return web.json_response({"ok": True, "result": {
            "message_id": len(seen), "date": 0, "chat": {"id": 1, "type": "private"}}})

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, port, seen


async def test_a_request_that_never_left_the_process_is_known_as_not_sent() -> None:
    # One connection at most: the second request waits for it, and its time runs out before
    # it is written (as requests queued behind a blocked event loop did).
    runner, port, seen = await slow_bot_api(answer_after=0.6)
    session = BotSession(api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}"), limit=1)
    bot = Bot(TOKEN, session=session)
    try:
        first = asyncio.create_task(session.make_request(bot, SEND, timeout=5))
        await asyncio.sleep(0.1)
        with pytest.raises(TelegramNetworkError) as caught:
            await session.make_request(bot, SendMessage(chat_id=2, text="x"), timeout=0.3)
        assert isinstance(caught.value, RequestNotSent)
        assert surely_not_done(caught.value)
        await first
        # A request that was written and got no answer may have arrived: not "not sent".
        with pytest.raises(TelegramNetworkError) as caught:
            await session.make_request(bot, SendMessage(chat_id=3, text="y"), timeout=0.3)
        assert not isinstance(caught.value, RequestNotSent)
        assert not surely_not_done(caught.value)
        assert "TEST-token" not in str(caught.value)
    finally:
        await session.close()
        await runner.cleanup()
    assert seen == ["sendMessage", "sendMessage"]  # the one not sent never arrived


async def test_a_send_queued_too_long_is_retried_and_arrives_once() -> None:
    runner, port, seen = await slow_bot_api(answer_after=0.4)
    session = BotSession(api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}"), limit=1,
                         timeout=0.3)
    session.middleware(Deliver(SharedBackoff(FAST), patience=10))
    bot = Bot(TOKEN, session=session)
    try:
        # The first holds the only connection for longer than the others' time.
        first = asyncio.create_task(bot(SendMessage(chat_id=1, text="a"), request_timeout=5))
        await asyncio.sleep(0.05)
        waiting = [asyncio.create_task(bot(SendMessage(chat_id=n, text="b"))) for n in (2, 3)]
        await first
        results = await asyncio.gather(*waiting, return_exceptions=True)
    finally:
        await session.close()
        await runner.cleanup()
    # The two queued sends were not written before their time ran out; they were tried again
    # (the slow server then made them time out after being written, so they are not retried
    # once more): each reached Telegram exactly once.
    assert len(seen) == 3, (seen, results)


def test_the_api_name_of_every_aiogram_method_is_known_without_its_internals() -> None:
    import aiogram.methods as methods

    from bot.telegram.session import api_method

    found = 0
    for name in dir(methods):
        cls = getattr(methods, name)
        if isinstance(cls, type) and issubclass(cls, TelegramMethod) and cls is not TelegramMethod \
                and hasattr(cls, "__api_method__"):
            fake = cls.model_construct()
            assert api_method(fake) == cls.__api_method__, name
            derived = cls.__name__[:1].lower() + cls.__name__[1:]
            assert derived == cls.__api_method__, name  # the fallback agrees
            found += 1
    assert found > 100
