"""The language travels with what a person sends: buttons, deep links and typed words carry it, so
a restart or another process answers in the same language, and nothing about anyone is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage, OpenSearchResult, SetLanguage
from bot.conversation.telegram_html import visible_text
from bot.reporting.tally import Tally
from bot.terminal import TerminalChat

ROOT = Path(__file__).resolve().parents[2]


def fresh(builder: ScreenBuilder) -> Guide:
    """A guide as a newly started process has it: it remembers nobody."""
    return Guide(builder, Tally())


@pytest.mark.parametrize(("telegram", "text", "locale"), [
    ("en", "小便好痛 有血", "zh-Hant"),  # Chinese either script could write
    ("en", "尿血怎么办", "zh-Hans"),
    ("en", "尿血點算", "zh-Hant"),
    ("zh-hans", "小便好痛 有血", "zh-Hans"),
    ("zh-hk", "blood in my pee", "en"),  # and the other way round
    ("zh-hans", "my friend is not breathing", "en"),  # a crisis too
    ("en", "朋友叫唔醒", "zh-Hant"),
    ("zh-tw", "12345", "zh-Hant"),  # nothing to read: Telegram's language
    ("en", "my bladder hurts 痛", "en"),  # mixed: Telegram's language
])
def test_a_typed_question_is_answered_in_the_language_it_is_written_in(
        shipped: ScreenBuilder, telegram: str, text: str, locale: str) -> None:
    guide = fresh(shipped)
    assert guide.message(1, telegram, text).screen.locale == locale
    assert len(guide.preferences) == 0  # nothing kept about the person


def test_the_results_buttons_open_pages_in_the_questions_language(
        shipped: ScreenBuilder) -> None:
    guide = fresh(shipped)
    results = guide.message(1, "en", "尿频怎么办").screen
    assert results.locale == "zh-Hans"
    first = results.buttons()[0].action
    assert isinstance(first, OpenSearchResult)
    # Another process (or after a restart) gets the press with the screen's language.
    opened = fresh(shipped).act(1, "en", first, results.locale)
    assert opened.locale == "zh-Hans" and opened.page == first.page


def test_a_language_chosen_before_a_restart_holds_for_the_buttons_pressed_after(
        shipped: ScreenBuilder) -> None:
    before = fresh(shipped)
    welcome = before.act(1, "en", SetLanguage("zh-Hant"))
    assert welcome.locale == "zh-Hant"
    button = next(b for b in welcome.buttons() if isinstance(b.action, OpenPage))
    after = fresh(shipped)  # restarted: the in-memory choice is gone
    page = after.act(1, "en", button.action, welcome.locale)
    assert page.locale == "zh-Hant"


def test_a_button_from_an_older_release_is_answered_in_the_persons_language(
        shipped: ScreenBuilder) -> None:
    guide = fresh(shipped)
    assert guide.act(1, "zh-hk", OpenPage("bladder_signs")).locale == "zh-Hant"
    assert guide.act(1, "en", OpenPage("bladder_signs"), None).locale == "en"
    guide.act(1, "en", SetLanguage("zh-Hans"))  # this process remembers, best effort
    assert guide.act(1, "en", OpenPage("bladder_signs")).locale == "zh-Hans"


def test_a_deep_link_printed_in_one_language_opens_in_it(shipped: ScreenBuilder) -> None:
    guide = fresh(shipped)
    screen = guide.start(1, "en", "bladder_signs-festival--hant")
    assert (screen.page, screen.locale) == ("bladder_signs", "zh-Hant")
    counted = {(k.event, k.locale) for k in guide.tally.drain()}
    assert counted == {("start", "zh-Hant"), ("deep_link", "zh-Hant"), ("page_view", "zh-Hant")}
    assert guide.start(1, "zh-hans", "bladder_signs--en").locale == "en"
    # Links printed before links carried a language open in the person's own.
    assert guide.start(1, "zh-hk", "bladder_signs-festival").locale == "zh-Hant"
    assert guide.start(1, "en", "bladder_signs").locale == "en"


def test_bare_commands_follow_telegram_with_the_remembered_choice_as_a_fallback(
        shipped: ScreenBuilder) -> None:
    guide = fresh(shipped)
    assert guide.command(1, "zh-tw", "start").locale == "zh-Hant"
    assert guide.command(1, "en", "emergency").locale == "en"
    guide.act(1, "en", SetLanguage("zh-Hant"))
    assert guide.command(1, "en", "emergency").locale == "zh-Hant"
    assert fresh(shipped).command(1, "en", "emergency").locale == "en"  # another process
    # Words after a command are read like any typed text.
    assert fresh(shipped).command(1, "en", "emergency", "怎么办").locale == "zh-Hans"
    assert fresh(shipped).message(1, "en", "/emergency 救命呀點算").screen.locale == "zh-Hant"
    assert fresh(shipped).message(1, "zh-hans", "/nonsense").screen.locale == "zh-Hans"


def test_not_now_answers_in_the_language_of_its_keyboard(shipped: ScreenBuilder) -> None:
    guide = fresh(shipped)
    label = shipped.ui.get("zh-Hans", "cancel_location")
    reply = guide.message(1, "en", label)
    assert reply.screen.locale == "zh-Hans"
    assert reply.notes == (shipped.ui.get("zh-Hans", "location_cancelled"),)


def test_the_terminal_chat_behaves_the_same(shipped: ScreenBuilder) -> None:
    chat = TerminalChat(shipped, "en")
    chat.enter("尿血怎么办")
    assert chat.screen.locale == "zh-Hans"
    chat.enter("1")  # a search result, opened in the language of the screen it was on
    assert chat.screen.locale == "zh-Hans" and chat.screen.page is not None


def test_a_crisis_typed_in_english_from_hong_kong_is_in_english_with_hong_kong_first(
        shipped: ScreenBuilder) -> None:
    """The words choose the language; the Telegram language still names the region whose
    emergency number comes first."""
    screen = fresh(shipped).message(1, "zh-hk", "my friend is not breathing").screen
    assert screen.locale == "en" and screen.page == "emergency"
    top = visible_text(screen.text).splitlines()[0]
    assert top.split(" · ")[0].endswith("HK 999"), top
