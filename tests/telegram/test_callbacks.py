from __future__ import annotations

import typing

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.core.model import LOCALES
from bot.core.screens import Action, ChooseLanguage, OpenPage, OpenUrl, SetLanguage, ShowSources
from bot.telegram.callbacks import decode_action, encode_action


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
        assert decode_action(encode_action(action)) == action
