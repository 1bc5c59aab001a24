"""The real bot process (``python -m bot run``) against a fake Bot API server."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from tests.e2e.conftest import RunBot, StartBot
from tests.e2e.fake_telegram import Call, FakeTelegram, parse_html
from tests.e2e.harness import BotProcess
from tests.e2e.inprocess import InProcessRuntime

USER = 424242


def counts(site: Path) -> dict[tuple[str, str, str, str], int]:
    db = sqlite3.connect(site / "data" / "counts.sqlite3")
    rows = db.execute("SELECT event, page, locale, campaign, SUM(count) FROM counts "
                      "GROUP BY event, page, locale, campaign").fetchall()
    return {(e, p, loc, c): n for e, p, loc, c, n in rows}


def shown(call: Call) -> str:
    """The text as a person sees it (after Telegram parses the HTML)."""
    return parse_html(call.text or "")


async def send(tg: FakeTelegram, text: str, **kwargs: object) -> Call:
    mark = tg.mark()
    tg.push_message(kwargs.pop("user", USER), text, **kwargs)  # type: ignore[arg-type]
    return await tg.wait_for("sendMessage", after=mark)


async def press(tg: FakeTelegram, data: str, message_id: int, **kwargs: object) -> Call:
    mark = tg.mark()
    tg.push_callback(kwargs.pop("user", USER), data, message_id=message_id,  # type: ignore[arg-type]
                     **kwargs)
    await tg.wait_for("answerCallbackQuery", after=mark)
    return await tg.wait_for("editMessageText", after=mark)


# In this process for `make test`; as a real process (its SIGTERM) with the slow tests.
@pytest.mark.parametrize("how", ["in-process", pytest.param("process", marks=pytest.mark.slow)])
async def test_start_press_deep_link_and_clean_shutdown(
        tg: FakeTelegram, start_bot: StartBot, run_bot: RunBot, site: Path, how: str) -> None:
    async with AsyncExitStack() as stack:
        if how == "process":
            bot: BotProcess | InProcessRuntime = await stack.enter_async_context(start_bot())
        else:
            bot = await stack.enter_async_context(run_bot())
        welcome = await send(tg, "/start")
        assert "stores nothing about you" in shown(welcome)
        assert welcome.button_texts[:2] == ["Emergency", "Bladder & pee"]
        message_id = welcome.result["message_id"]

        page = await press(tg, "p:bladder:0", message_id)
        assert page.int_param("message_id") == message_id  # edited in place, no new message
        assert shown(page).startswith("Bladder")
        assert "🆘 Emergency" in page.button_texts

        linked = await send(tg, "/start bladder_signs-festival")
        assert shown(linked).startswith("Early signs")
        assert {"text": "Info website", "url": "https://example.org/info"} in [
            b for row in linked.inline_keyboard for b in row]

        assert await bot.stop(signal.SIGTERM) == 0
    assert tg.unanswered_callback_ids == []
    found = counts(site)
    assert found[("start", "", "en", "")] == 2
    assert found[("page_view", "bladder", "en", "")] == 1
    assert found[("deep_link", "bladder_signs", "en", "festival")] == 1


async def test_commands_are_registered_per_language(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        pass
    english = [c["command"] for c in tg.commands_for()]
    assert english == ["start", "emergency", "language", "about"]
    assert tg.commands_for(language_code="zh")[0]["description"] == "主菜单"


async def test_failing_set_my_commands_only_warns(tg: FakeTelegram, run_bot: RunBot) -> None:
    tg.fail_next("setMyCommands", status=400, description="Bad Request: BOT_COMMAND_INVALID")
    async with run_bot() as bot:
        welcome = await send(tg, "/start")
        assert "stores nothing about you" in shown(welcome)
        await bot.wait_for_output("could not register bot commands")


async def test_unknown_payload_and_stale_buttons_get_the_menu(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        welcome = await send(tg, "/start no_such_page-x")
        assert "stores nothing about you" in shown(welcome)
        message_id = welcome.result["message_id"]
        for data in ("p:deleted_page:0", "garbage", "p:bladder:99", "l:xx"):
            screen = await press(tg, data, message_id)
            assert shown(screen).startswith("That button is from an older menu")
            assert "Emergency" in screen.button_texts
    assert tg.unanswered_callback_ids == []


async def test_long_page_parts_and_language_choice(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        welcome = await send(tg, "/start long_page")
        message_id = welcome.result["message_id"]
        assert welcome.button_texts[0].startswith("Next ›")
        second = await press(tg, welcome.callback_datas[0], message_id)
        assert second.button_texts[:2][0] == "‹ Previous"

        menu = await send(tg, "/language")
        assert menu.button_texts[:3] == ["✓ English", "简体中文", "繁體中文"]
        chosen = await press(tg, "l:zh-Hant", menu.result["message_id"])
        assert shown(chosen).startswith("已切換為繁體中文")
        again = await send(tg, "/start")
        assert "不會儲存" in shown(again)


async def test_language_from_telegram_settings(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        simplified = await send(tg, "/start", user=1, language_code="zh-hans")
        traditional = await send(tg, "/start", user=2, language_code="zh-hk")
        other = await send(tg, "/start", user=3, language_code="fr")
    assert "不保存" in shown(simplified)
    assert "不會儲存" in shown(traditional)
    assert "stores nothing" in shown(other)


async def test_any_other_message_gets_a_pointer_to_the_menu(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot() as bot:
        mark = tg.mark()
        tg.push_message(USER, "hello?")
        reply = await tg.wait_for("sendMessage", after=mark)
        assert shown(reply).startswith("Sorry, I couldn't find a page")
        for push in (lambda: tg.push_sticker(USER),
                     lambda: tg.push_photo(USER, caption="look"),
                     lambda: tg.push_voice(USER)):
            mark = tg.mark()
            push()
            reply = await tg.wait_for("sendMessage", after=mark)
            assert "use the buttons" in shown(reply)
            assert reply.button_texts == ["🏠 Menu", "🆘 Emergency"]
        # groups are ignored on purpose; the bot keeps serving afterwards
        mark = tg.mark()
        tg.push_message(USER, "/start", chat_type="group", chat_id=-100123)
        tg.push_edited_message(USER, 1, "edited")
        reply = await send(tg, "/start")
        assert reply.params["chat_id"] == str(USER)
        assert [c for c in tg.calls[mark:] if c.is_("sendMessage")] == [reply]
        assert "Traceback" not in bot.output


async def test_sources_screen_and_emergency_command(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        page = await send(tg, "/start bladder")
        sources = await press(tg, "s:bladder", page.result["message_id"])
        assert "A source" in shown(sources)
        emergency = await send(tg, "/emergency")
        assert shown(emergency).startswith("Emergency")
        assert "🆘 Emergency" not in emergency.button_texts


@pytest.mark.slow
async def test_sigint_also_stops_cleanly_and_keeps_counts(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot() as bot:
        await send(tg, "/start selfcheck_urgent")
        assert await bot.stop(signal.SIGINT) == 0
    assert counts(site)[("selfcheck_outcome", "urgent", "en", "")] == 1


async def test_logs_and_database_hold_no_personal_data(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    secret_user, secret_text = 987654321, "my name is Zebediah call 07700900123"
    async with run_bot() as bot:
        await send(tg, "/start", user=secret_user, username="zebediah_k", first_name="Zebediah")
        await send(tg, secret_text, user=secret_user)
        await send(tg, "/start home-07700900123", user=secret_user)
        assert await bot.stop() == 0
        output = bot.output
    raw = (site / "data" / "counts.sqlite3").read_bytes()
    for needle in (str(secret_user), "Zebediah", "zebediah", "07700900123",
                   "TEST-token-abcdefghijklmnopqrstuvwxyz"):
        assert needle not in output, needle
        assert needle.encode() not in raw, needle


async def test_services_near_a_shared_location(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot() as bot:
        menu = await send(tg, "/start")
        mark = tg.mark()
        tg.push_callback(USER, "g", message_id=menu.result["message_id"])
        prompt = await tg.wait_for("sendMessage", after=mark)
        keyboard = prompt.json_param("reply_markup")["keyboard"]
        assert keyboard[0][0] == {"text": "📍 Send my location", "request_location": True}
        assert tg.unanswered_callback_ids == []

        mark = tg.mark()
        tg.push_location(USER, 22.3193, 114.1694)
        note = await tg.wait_for("sendMessage", after=mark)
        assert note.json_param("reply_markup") == {"remove_keyboard": True}
        result = await tg.wait_for("sendMessage", after=tg.calls.index(note) + 1)
        assert "Services near you" in shown(result)
        privacy = "used for this reply only"
        assert (shown(note) + shown(result)).count(privacy) == 1  # said once, not twice
        assert "22.3193" not in bot.output and "114.1694" not in bot.output

        cancelled = await send(tg, "✖️ Not now")
        assert shown(cancelled) == "OK, no location shared."
        assert await bot.stop() == 0
    assert counts(site)[("near_me", "", "en", "")] == 1


async def test_typed_questions_search_and_route_crises(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot() as bot:
        found = await send(tg, "I think I need an ambulance")
        # someone who may need help now is offered it first, above the answers
        assert shown(found).startswith("🚑")
        assert "Here is what I found:" in shown(found)
        assert "r:emergency:e" in found.callback_datas  # the result, in English
        opened = await press(tg, "r:emergency:e", found.result["message_id"])
        assert shown(opened).startswith("Emergency")
        nothing = await send(tg, "qwertyuiop asdfgh")
        assert shown(nothing).startswith("Sorry, I couldn't find a page")
        assert await bot.stop() == 0
        assert "ambulance" not in bot.output and "qwertyuiop" not in bot.output
    found_counts = counts(site)
    assert found_counts[("search_hit", "", "en", "")] == 1
    assert found_counts[("search_miss", "", "en", "")] == 1
    assert found_counts[("search_open", "emergency", "en", "")] == 1
    raw = (site / "data" / "counts.sqlite3").read_bytes()
    assert b"ambulance" not in raw and b"qwerty" not in raw


async def test_inline_mode_offers_cards_that_open_the_page(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        mark = tg.mark()
        tg.push_inline_query(USER, "ambulance")
        answer = await tg.wait_for("answerInlineQuery", after=mark)
        results = answer.json_param("results")
        assert results[0]["title"] == "Emergency"
        button = results[0]["reply_markup"]["inline_keyboard"][0][0]
        assert button["url"] == "https://t.me/ksafer_test_bot?start=emergency--en"  # its language
        assert results[0]["input_message_content"]["message_text"].startswith("<b>Emergency</b>")

        mark = tg.mark()
        tg.push_inline_query(USER, "", language_code="zh-hk")
        featured = (await tg.wait_for("answerInlineQuery", after=mark)).json_param("results")
        assert featured[0]["id"] == "emergency:zh-Hant"
        assert featured[0]["reply_markup"]["inline_keyboard"][0][0]["text"] == "在 K Safer 中打開"


async def test_link_previews_are_off_for_every_reply(tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot(ADMIN_IDS="90001"):
        welcome = await send(tg, "/start help_uk")
        edited = await press(tg, "p:bladder:0", welcome.result["message_id"])
        admin = await send(tg, "/stats", user=90001)
    for call in (welcome, edited, admin):
        assert call.json_param("link_preview_options") == {"is_disabled": True}, call.method


async def test_the_same_button_twice_changes_nothing_and_sends_nothing_new(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    async with run_bot():
        welcome = await send(tg, "/start")
        message_id = welcome.result["message_id"]
        await press(tg, "p:bladder:0", message_id)
        mark = tg.mark()
        again = await press(tg, "p:bladder:0", message_id)  # Telegram: "message is not modified"
        assert again.error is not None and "not modified" in again.error
        await asyncio.sleep(0.3)  # room for a new message, had the bot sent one instead
        assert [c for c in tg.calls[mark:] if c.is_("sendMessage")] == []
