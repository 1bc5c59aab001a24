"""Self-tests of the fake Bot API server, driven by plain aiogram (not our bot).

Why: e2e tests of the bot are only as trustworthy as the fake; these prove that the real aiogram
client stack can talk to it (encoding, long polling, error mapping) and that helpers produce
updates aiogram accepts.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import textwrap
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from .fake_telegram import FakeTelegram, parse_html
from .harness import TEST_TOKEN, BotProcess

USER = 4242


def make_bot(tg: FakeTelegram, **kwargs: Any) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url))
    return Bot(TEST_TOKEN, session=session, **kwargs)


@asynccontextmanager
async def aiogram_bot(tg: FakeTelegram, **kwargs: Any) -> AsyncIterator[Bot]:
    bot = make_bot(tg, **kwargs)
    try:
        yield bot
    finally:
        await bot.session.close()


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(text=data.upper(), callback_data=data) for data in datas]
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


async def test_server_listens_on_loopback_only() -> None:
    async with FakeTelegram() as tg:
        assert tg.base_url.startswith("http://127.0.0.1:")
        port = int(tg.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            pass


async def test_bot_methods_round_trip() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        me = await bot.get_me()
        assert (me.id, me.username, me.is_bot) == (1000, "ksafer_test_bot", True)

        sent = await bot.send_message(USER, "Hello", reply_markup=keyboard("a", "b"))
        assert sent.text == "Hello"
        assert sent.chat.id == USER and sent.chat.type == "private"
        assert sent.from_user is not None and sent.from_user.id == 1000
        assert sent.reply_markup is not None
        call = tg.calls_of("sendMessage")[-1]
        assert call.params["chat_id"] == str(USER)
        assert call.int_param("chat_id") == USER
        assert call.params["reply_markup"] == {
            "inline_keyboard": [
                [{"text": "A", "callback_data": "a"}, {"text": "B", "callback_data": "b"}]
            ]
        }
        assert call.button_texts == ["A", "B"] and call.callback_datas == ["a", "b"]
        assert call.result["message_id"] == sent.message_id

        second = await bot.send_message(USER, "Next")
        assert second.message_id > sent.message_id

        edited = await bot.edit_message_text(
            text="Edited", chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("c")
        )
        assert isinstance(edited, Message)
        assert edited.message_id == sent.message_id and edited.text == "Edited"
        assert tg.messages[(USER, sent.message_id)]["text"] == "Edited"

        markup_only = await bot.edit_message_reply_markup(
            chat_id=USER, message_id=sent.message_id, reply_markup=keyboard("d")
        )
        assert isinstance(markup_only, Message) and markup_only.text == "Edited"

        update = tg.build_callback(USER, "d", message_id=sent.message_id)
        query_id = update["callback_query"]["id"]
        assert await bot.answer_callback_query(query_id, text="ok") is True
        assert tg.calls_of("answerCallbackQuery")[-1].params["text"] == "ok"
        assert tg.unanswered_callback_ids == []

        commands = [
            BotCommand(command="start", description="Start"),
            BotCommand(command="help", description="Help"),
        ]
        scope = BotCommandScopeAllPrivateChats()
        assert await bot.set_my_commands(commands, scope=scope, language_code="ru")
        call = tg.calls_of("setMyCommands")[-1]
        assert call.params["commands"][0] == {"command": "start", "description": "Start"}
        assert call.params["scope"] == {"type": "all_private_chats"}
        assert call.params["language_code"] == "ru"
        got = await bot.get_my_commands(scope=scope, language_code="ru")
        assert [c.command for c in got] == ["start", "help"]
        assert await bot.get_my_commands() == []
        assert await bot.delete_my_commands(scope=scope, language_code="ru")
        assert tg.commands_for({"type": "all_private_chats"}, "ru") == []

        # Uploads are the only multipart requests; the file arrives as a separate part.
        photo = await bot.send_photo(USER, BufferedInputFile(b"\x89PNG", "a.png"), caption="c")
        assert photo.photo and photo.caption == "c"
        call = tg.calls_of("sendPhoto")[-1]
        part = call.params["photo"].removeprefix("attach://")
        assert call.files[part].data == b"\x89PNG" and call.files[part].filename == "a.png"

        assert await bot.send_chat_action(USER, "typing") is True
        assert await bot.delete_message(USER, second.message_id) is True
        assert await bot.set_webhook("https://example.com/hook", secret_token="s3cret")
        info = await bot.get_webhook_info()
        assert info.url == "https://example.com/hook"
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.set_my_description("unknown methods are answered with true")
        assert tg.calls_of("setMyDescription")


async def test_every_update_helper_parses_in_aiogram() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        sent = await bot.send_message(USER, "Pick", reply_markup=keyboard("x"))
        updates = [
            tg.build_message(USER, "/start deep", language_code="ru", username="u"),
            tg.build_message(USER, "hi group", chat_type="supergroup", chat_id=-100500),
            tg.build_callback(USER, "x", message_id=sent.message_id),
            tg.build_sticker(USER),
            tg.build_photo(USER, caption="pic"),
            tg.build_location(USER, 1.5, 2.5),
            tg.build_voice(USER, duration=7),
            tg.build_edited_message(USER, 5, "fixed"),
            tg.build_inline_query(USER, "query"),
            tg.build_my_chat_member(USER),
            tg.build_raw("channel_post", CHANNEL_POST),
        ]
        parsed = [Update.model_validate(u, context={"bot": bot}) for u in updates]
        ids = [u.update_id for u in parsed]
        assert ids == sorted(ids) and len(set(ids)) == len(ids)

        start = parsed[0].message
        assert start is not None and start.text == "/start deep"
        assert start.entities is not None and start.entities[0].type == "bot_command"
        assert start.entities[0].length == len("/start")
        assert start.from_user is not None and start.from_user.language_code == "ru"
        assert parsed[1].message is not None and parsed[1].message.chat.type == "supergroup"
        callback = parsed[2].callback_query
        assert callback is not None and isinstance(callback.message, Message)
        assert callback.message.text == "Pick" and callback.message.reply_markup is not None
        assert parsed[3].message is not None and parsed[3].message.content_type == "sticker"
        assert parsed[4].message is not None and parsed[4].message.content_type == "photo"
        assert parsed[5].message is not None and parsed[5].message.content_type == "location"
        assert parsed[6].message is not None and parsed[6].message.content_type == "voice"
        assert parsed[7].edited_message is not None
        assert parsed[8].inline_query is not None
        member = parsed[9].my_chat_member
        assert member is not None and member.new_chat_member.status == "kicked"
        assert parsed[10].channel_post is not None


CHANNEL_POST = {
    "message_id": 1,
    "date": 1_700_000_000,
    "chat": {"id": -1001, "type": "channel", "title": "News"},
    "text": "post",
}


async def test_dispatcher_polling_echo_and_callbacks() -> None:
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}", reply_markup=keyboard("again"))

    @dp.callback_query()
    async def on_callback(query: CallbackQuery) -> None:
        await query.answer(f"got {query.data}")
        assert isinstance(query.message, Message)
        await query.message.edit_text(f"pressed {query.data}")

    async with FakeTelegram() as tg:
        bot = make_bot(tg)
        polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False))
        try:
            tg.push_message(USER, "hello")
            reply = await tg.wait_for("sendMessage", lambda c: c.text == "echo: hello")
            assert reply.int_param("chat_id") == USER
            assert reply.callback_datas == ["again"]

            mark = tg.mark()
            tg.push_callback(USER, "again", message_id=reply.result["message_id"])
            answer = await tg.wait_for("answerCallbackQuery", after=mark)
            assert answer.params["text"] == "got again"
            edit = await tg.wait_for("editMessageText", after=mark)
            assert edit.params["text"] == "pressed again"
            assert edit.int_param("message_id") == reply.result["message_id"]
            assert tg.unanswered_callback_ids == []

            # Only the update types the dispatcher handles are requested (allowed_updates).
            polls = tg.calls_of("getUpdates")
            assert set(polls[0].params["allowed_updates"]) == {"message", "callback_query"}
        finally:
            await dp.stop_polling()
            await asyncio.wait_for(polling, 5)
    assert not tg.pending_updates


async def test_fault_injection() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        tg.fail_next("sendMessage", status=429, retry_after=1)
        with pytest.raises(TelegramRetryAfter) as retry:
            await bot.send_message(USER, "one")
        assert retry.value.retry_after == 1

        tg.fail_next("sendMessage", status=500)
        with pytest.raises(TelegramServerError):
            await bot.send_message(USER, "two")

        tg.drop_next("sendMessage")
        with pytest.raises(TelegramNetworkError):
            await bot.send_message(USER, "three")

        ok = await bot.send_message(USER, "four")
        assert ok.text == "four"
        assert [c.failed for c in tg.calls_of("sendMessage")] == [True, True, True, False]

        tg.fail_next("sendMessage", status=403, count=2)
        for _ in range(2):
            with pytest.raises(TelegramForbiddenError):
                await bot.send_message(USER, "blocked")
        assert (await bot.send_message(USER, "five")).text == "five"

        tg.delay_next("getMe", 0.3)
        started = time.monotonic()
        await bot.get_me()
        assert time.monotonic() - started >= 0.3


async def test_wait_for_times_out_with_listing() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        await bot.send_message(USER, "something else")
        with pytest.raises(AssertionError, match="something else"):
            await tg.wait_for("sendPhoto", timeout=0.2)


async def test_long_polling_waits_for_timeout_or_update() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == []
        assert 0.9 <= time.monotonic() - started < 2.5

        async def push_later() -> None:
            await asyncio.sleep(0.2)
            tg.push_message(USER, "late")

        pusher = asyncio.create_task(push_later())
        started = time.monotonic()
        updates = await bot.get_updates(timeout=5)
        await pusher
        assert time.monotonic() - started < 2
        assert [u.message.text for u in updates if u.message] == ["late"]

        # Unconfirmed updates are returned again; offset confirms and drops them.
        second = tg.push_message(USER, "second")
        again = await bot.get_updates(timeout=0)
        assert [u.update_id for u in again] == [updates[0].update_id, second]
        assert await bot.get_updates(offset=second + 1, timeout=0) == []
        assert tg.pending_updates == []


async def test_polling_semantics_match_telegram() -> None:
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        # allowed_updates filters (and discards) other update types.
        tg.push_inline_query(USER, "q")
        kept = tg.push_message(USER, "m")
        got = await bot.get_updates(timeout=0, allowed_updates=["message"])
        assert [u.update_id for u in got] == [kept]
        assert tg.filtered_updates[0]["inline_query"]["query"] == "q"

        # A second concurrent poll terminates the first with 409, like two bot instances.
        first = asyncio.create_task(bot.get_updates(offset=kept + 1, timeout=5))
        await tg.wait_for("getUpdates", lambda c: c.params.get("timeout") == "5")
        assert await bot.get_updates(offset=kept + 1, timeout=0) == []
        with pytest.raises(TelegramConflictError):
            await first

        # getUpdates is refused while a webhook is set.
        await bot.set_webhook("https://example.com/hook")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates(timeout=0)


async def test_request_timeout_on_held_poll_is_clean() -> None:
    """A client that gives up on a long poll must not lose the update to the dead request."""
    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        with pytest.raises(TelegramNetworkError):
            await bot(GetUpdates(timeout=5), request_timeout=1)
        update_id = tg.push_message(USER, "after timeout")
        assert [u.update_id for u in await bot.get_updates(timeout=0)] == [update_id]


async def test_strict_validation_mimics_telegram() -> None:
    async with (
        FakeTelegram() as tg,
        aiogram_bot(tg, default=DefaultBotProperties(parse_mode="HTML")) as bot,
    ):
        ok = await bot.send_message(USER, "<b>bold</b> &amp; <a href='https://x.org'>link</a>")
        assert ok.text == "bold & link"
        assert tg.calls_of("sendMessage")[-1].params["parse_mode"] == "HTML"
        for bad in ["line<br>break", "I <3 you", "<b>open", "<b><i>x</b></i>"]:
            with pytest.raises(TelegramBadRequest, match="can't parse entities"):
                await bot.send_message(USER, bad)
        with pytest.raises(TelegramBadRequest, match="too long"):
            await bot.send_message(USER, "x" * 4097)
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(USER, "kb", reply_markup=keyboard("x" * 65))

        with pytest.raises(TelegramBadRequest, match="message is not modified"):
            await bot.edit_message_text(text="bold & link", chat_id=USER, message_id=ok.message_id)
        with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
            await bot.answer_callback_query("never-pushed")

        assert await bot.delete_message(USER, ok.message_id)
        with pytest.raises(TelegramBadRequest, match="not found"):
            await bot.edit_message_text(text="gone", chat_id=USER, message_id=ok.message_id)

        tg.push_my_chat_member(USER, status="kicked")
        with pytest.raises(TelegramForbiddenError, match="blocked"):
            await bot.send_message(USER, "are you there?")
        tg.push_my_chat_member(USER, status="member", old_status="kicked")
        assert await bot.send_message(USER, "welcome back")


def test_parse_html_offsets() -> None:
    assert parse_html("a &lt;b&gt; <code>c</code>") == "a <b> c"
    with pytest.raises(Exception, match='Unsupported start tag "div" at byte offset 4'):
        parse_html("ПР<div>")  # byte offsets, like Telegram: 2 Cyrillic letters = 4 bytes


async def test_wrong_token_is_unauthorized() -> None:
    other = "999:other-token-abcdefghijklmnopqrstuvw"
    async with FakeTelegram(token=other) as tg, aiogram_bot(tg) as bot:
        with pytest.raises(TelegramUnauthorizedError):
            await bot.get_me()


async def test_post_update_to_webhook() -> None:
    dp = Dispatcher()

    @dp.message()
    async def reply(message: Message) -> None:
        await message.answer("webhook ok")

    async with FakeTelegram() as tg, aiogram_bot(tg) as bot:
        app = web.Application()
        SimpleRequestHandler(dp, bot, secret_token="s3cret").register(app, path="/hook")
        runner = web.AppRunner(app)
        await runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/hook"
        await web.SockSite(runner, sock).start()
        try:
            update = tg.build_message(USER, "hi")
            status, _ = await tg.post_update_to(url, update, secret_token="wrong")
            assert status == 401
            status, _ = await tg.post_update_to(url, update, secret_token="s3cret")
            assert status == 200
            await tg.wait_for("sendMessage", lambda c: c.text == "webhook ok")
        finally:
            await runner.cleanup()
        with pytest.raises(ValueError, match="loopback"):
            await tg.post_update_to("http://example.com/hook", update)


STAND_IN_BOT = """
    import asyncio, logging, os, sys
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    async def main() -> None:
        logging.basicConfig(level=os.environ["LOG_LEVEL"], stream=sys.stderr)
        api = TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"])
        bot = Bot(os.environ["BOT_TOKEN"], session=AiohttpSession(api=api))
        dp = Dispatcher()

        @dp.message()
        async def echo(message) -> None:
            await message.answer("pong " + sys.argv[1])

        print("stand-in ready", flush=True)
        await dp.start_polling(bot, polling_timeout=2)

    asyncio.run(main())
"""


@pytest.mark.slow
async def test_harness_runs_a_bot_process(tmp_path: Path) -> None:
    package = tmp_path / "standin"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(textwrap.dedent(STAND_IN_BOT))
    async with FakeTelegram() as tg:
        env = {"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": tg.base_url, "LOG_LEVEL": "INFO"}
        async with BotProcess(env=env, args=["run"], cwd=tmp_path, module="standin") as proc:
            await proc.wait_for_output("stand-in ready", timeout=20)
            tg.push_message(USER, "ping")
            await tg.wait_for("sendMessage", lambda c: c.text == "pong run", timeout=20)
            code = await proc.stop(signal.SIGTERM, timeout=15)
        assert code == 0, proc.output
        assert "Polling stopped" in proc.output


async def test_harness_reports_early_exit(tmp_path: Path) -> None:
    (tmp_path / "crasher.py").write_text("import sys; print('boom'); sys.exit(3)\n")
    async with BotProcess(cwd=tmp_path, module="crasher", args=[]) as proc:
        with pytest.raises(AssertionError, match="exited with 3"):
            await proc.wait_for_output("never printed", timeout=10)
        assert "boom" in proc.output
        assert proc.returncode == 3
