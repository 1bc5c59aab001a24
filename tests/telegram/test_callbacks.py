from __future__ import annotations

import typing

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.conversation.screens import (
    Action,
    AskLocation,
    ChooseLanguage,
    Feedback,
    OpenPage,
    OpenSearchResult,
    OpenUrl,
    SetLanguage,
    ShowSources,
)
from bot.model.model import LOCALES
from bot.telegram.callbacks import Press, decode_action, decode_press, encode_action


@pytest.mark.parametrize("action", [OpenPage("bladder_signs", 2), OpenPage("home"),
                                    ShowSources("mix_alcohol"), ChooseLanguage(),
                                    *(SetLanguage(locale) for locale in LOCALES)])
def test_round_trip(action: Action) -> None:
    assert decode_action(encode_action(action)) == action


def test_url_buttons_have_no_callback_data() -> None:
    with pytest.raises(ValueError):
        encode_action(OpenUrl("https://x.org"))


@given(st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True), st.integers(0, 99))
def test_longest_page_ids_fit_in_64_bytes(page: str, part: int) -> None:
    for action in (OpenPage(page, part), ShowSources(page)):
        assert len(encode_action(action).encode()) <= 64


# Every prefix the bot sends (p, s, l, r, g, f; docs/architecture.md). 'g' alone is the
# location button: hypothesis found it once the list of kinds here had fallen behind the bot's.
@example(data="g")
@given(st.one_of(st.none(), st.text(max_size=100),
                 st.from_regex(r"[pslrgf](:[^\n]{0,60})?", fullmatch=True)))
def test_any_callback_data_decodes_to_none_or_a_known_action(data: str | None) -> None:
    action = decode_action(data)
    if action is None:
        return
    # One of the bot's actions that a button press carries (a URL button carries none) ...
    assert isinstance(action, typing.get_args(Action)) and not isinstance(action, OpenUrl)
    if isinstance(action, OpenPage):
        assert action.part >= 0
    # ... and, for data Telegram can deliver (1-64 bytes), exactly what the bot would send for
    # that action.
    if len(data.encode()) <= 64:
        try:
            again = encode_action(action)
        except ValueError:
            # Data from before buttons carried a language, so long that the language letter
            # no longer fits: the bot never sends such a button (check measures every one).
            assert len(data.encode()) > 64 - len(":e")
            return
        assert decode_action(again) == action


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("action", [OpenPage("bladder_signs", 2), ShowSources("mix_alcohol"),
                                    ChooseLanguage(), SetLanguage("zh-Hans"), AskLocation(),
                                    OpenSearchResult("bladder"), Feedback("bladder", False)])
def test_a_press_carries_the_language_of_its_screen(action: Action, locale: str) -> None:
    assert decode_press(encode_action(action, locale)) == Press(action, locale)


@pytest.mark.parametrize(("data", "action"), [
    ("p:bladder_signs:2", OpenPage("bladder_signs", 2)),
    ("s:mix_alcohol", ShowSources("mix_alcohol")),
    ("l:", ChooseLanguage()), ("l:zh-Hant", SetLanguage("zh-Hant")), ("g", AskLocation()),
    ("r:bladder", OpenSearchResult("bladder")), ("f:bladder:1", Feedback("bladder", True))])
def test_buttons_from_before_they_carried_a_language_still_decode(data: str,
                                                                  action: Action) -> None:
    assert decode_press(data) == Press(action, None)


@given(st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True), st.integers(0, 99),
       st.sampled_from(LOCALES))
def test_longest_page_ids_fit_in_64_bytes_in_every_language(page: str, part: int,
                                                             locale: str) -> None:
    for action in (OpenPage(page, part), ShowSources(page), Feedback(page, True),
                   OpenSearchResult(page)):
        data = encode_action(action, locale)
        assert len(data.encode()) <= 64
        assert len(data) == len(encode_action(action))  # what `check` measures, for every one
