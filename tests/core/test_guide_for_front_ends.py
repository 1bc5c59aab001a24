"""What front ends ask the Guide for besides answers: they never reach past it for these."""

from __future__ import annotations

from bot.conversation.guide import MENU_COMMANDS, Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import Tally


def test_the_command_menu_is_in_the_language_asked_for(builder: ScreenBuilder) -> None:
    guide = Guide(builder, Tally())
    english, traditional = guide.command_menu("en"), guide.command_menu("zh-Hant")
    assert [name for name, _ in english] == list(MENU_COMMANDS)
    assert dict(english)["start"] == "Main menu"
    assert dict(traditional)["start"] == "主選單"
    assert dict(guide.command_menu("zh-Hans"))["about"] == "关于本机器人和你的隐私"


def test_labels_counts_and_strings_for_replies_that_are_no_screen(
        builder: ScreenBuilder) -> None:
    guide = Guide(builder, Tally())
    assert guide.open_in_bot_label("zh-Hant") == "在 K Safer 中打開"
    assert guide.page_count() == len(builder.content.pages) > 0
    assert guide.say("en", "language_set") == "Language set to English."
    assert guide.say("en", "near_region", region="A & B", emergency="999") == (
        "You seem to be in: A &amp; B. Emergency: 🚑 999")
    assert guide.draft_pages() == frozenset()

