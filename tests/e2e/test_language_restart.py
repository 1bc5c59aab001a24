"""Issue 27 as a new user tried it, against the real bot (start-up, polling, shutdown): choose
繁體中文, restart the bot, press a button on the menu sent before the restart; type Chinese with
Telegram set to English. Nothing about the person is kept anywhere."""

from __future__ import annotations

from pathlib import Path

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import SetLanguage
from bot.reporting.tally import Tally
from bot.telegram.callbacks import decode_press, encode_action
from tests.e2e.conftest import RunBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.test_bot import USER, press, send


async def test_a_language_chosen_before_a_restart_holds_for_the_buttons_after_it(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    async with run_bot() as bot:
        menu = await send(tg, "/language", language_code="en")
        choose = encode_action(SetLanguage("zh-Hant"), "en")
        assert choose in menu.callback_datas
        welcome = await press(tg, choose, menu.result["message_id"], language_code="en")
        assert "繁" in (welcome.text or "")
        assert await bot.stop() == 0
    async with run_bot() as bot:  # restarted: no process remembers the choice
        page = next(d for d in welcome.callback_datas if d.startswith("p:"))
        opened = await press(tg, page, welcome.result["message_id"], language_code="en")
        pressed = decode_press(page)
        assert pressed is not None and pressed.locale == "zh-Hant"
        guide = Guide(ScreenBuilder.load(site / "content", site / "locales"), Tally())
        assert opened.text == guide.act(None, "en", pressed.action, "zh-Hant").text
        assert "繁" in (opened.text or "")
        assert await bot.stop() == 0
        assert str(USER) not in bot.output


async def test_chinese_typed_with_telegram_in_english_is_answered_in_chinese(
        tg: FakeTelegram, run_bot: RunBot, site: Path) -> None:
    guide = Guide(ScreenBuilder.load(site / "content", site / "locales"), Tally())
    async with run_bot() as bot:
        for text, telegram, locale in (("小便好痛 有血", "en", "zh-Hant"),
                                       ("尿血怎么办", "en", "zh-Hans"),
                                       ("blood in my pee", "zh-hk", "en")):
            reply = await send(tg, text, language_code=telegram)
            expected = guide.message(None, telegram, text).screen
            assert expected.locale == locale
            assert reply.text == expected.text, text
        assert await bot.stop() == 0
        assert "小便" not in bot.output and "尿血" not in bot.output
