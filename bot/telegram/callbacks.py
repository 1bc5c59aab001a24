"""Button presses as aiogram ``CallbackData``, mapped to and from core actions.

Every button carries the language of the screen it is on, as one letter at the end of its data
(``p:bladder:0:t``): a press is answered in that language whichever process gets it, after a
restart too, with nothing kept about the person. Buttons sent by releases before that have no
language (``p:bladder:0``); a press on one is still answered, in the person's language as the
:class:`Guide` knows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aiogram.filters.callback_data import CallbackData

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
from bot.model.model import FALLBACK_LOCALE

# One letter per locale: each takes the same room, so the size ``check`` measures for a button in
# one language is its size in all of them.
LANGUAGE_LETTERS = {"en": "e", "zh-Hans": "s", "zh-Hant": "t"}
_LOCALE_OF_LETTER = {letter: locale for locale, letter in LANGUAGE_LETTERS.items()}

# The first field of each kind of button's data: ours, so decoding needs nothing of aiogram's
# own bookkeeping to tell the kinds apart.
PAGE, SOURCES, LANGUAGE, RESULT, LOCATION, FEEDBACK = "p", "s", "l", "r", "g", "f"


class PageCallback(CallbackData, prefix=PAGE):
    page: str
    part: int = 0
    lang: str = ""


class SourcesCallback(CallbackData, prefix=SOURCES):
    page: str
    lang: str = ""


class LanguageCallback(CallbackData, prefix=LANGUAGE):
    code: str = ""  # empty: show the language menu
    lang: str = ""


class SearchResultCallback(CallbackData, prefix=RESULT):
    page: str
    lang: str = ""


class LocationCallback(CallbackData, prefix=LOCATION):
    lang: str = ""


class FeedbackCallback(CallbackData, prefix=FEEDBACK):
    page: str
    useful: bool
    lang: str = ""


@dataclass(frozen=True)
class Press:
    """A button press: the action, and the language of the screen the button was on (None for a
    button from a release before buttons carried one)."""

    action: Action
    locale: str | None = None


@lru_cache(maxsize=16384)
def encode_action(action: Action, locale: str = FALLBACK_LOCALE) -> str:
    """The callback_data for an action on a screen in ``locale`` (URL buttons carry none)."""
    lang = LANGUAGE_LETTERS.get(locale)
    if lang is None:
        raise ValueError(f"unknown locale {locale!r}")
    if isinstance(action, OpenPage):
        return PageCallback(page=action.page, part=action.part, lang=lang).pack()
    if isinstance(action, ShowSources):
        return SourcesCallback(page=action.page, lang=lang).pack()
    if isinstance(action, ChooseLanguage):
        return LanguageCallback(lang=lang).pack()
    if isinstance(action, SetLanguage):
        return LanguageCallback(code=action.locale, lang=lang).pack()
    if isinstance(action, AskLocation):
        return LocationCallback(lang=lang).pack()
    if isinstance(action, OpenSearchResult):
        return SearchResultCallback(page=action.page, lang=lang).pack()
    if isinstance(action, Feedback):
        return FeedbackCallback(page=action.page, useful=action.useful, lang=lang).pack()
    if isinstance(action, OpenUrl):
        raise ValueError("URL buttons have no callback data")
    raise TypeError(f"unknown action {action!r}")


def decode_press(data: str | None) -> Press | None:
    """The press behind callback_data, or None for anything we did not send (or no longer do).

    Data from before buttons carried a language lacks the last field: it is read as if that
    field were empty, and the press has no language (nor has one with a letter we do not use)."""
    if not data:
        return None
    decoded = _decode(data) or _decode(data + ":")
    if decoded is None:
        return None
    action, lang = decoded
    return Press(action, _LOCALE_OF_LETTER.get(lang))


def decode_action(data: str | None) -> Action | None:
    press = decode_press(data)
    return press.action if press is not None else None


def _decode(data: str) -> tuple[Action, str] | None:
    """(action, language letter) for data in the current format, else None."""
    prefix = data.split(":", 1)[0]
    try:
        if prefix == PAGE:
            page = PageCallback.unpack(data)
            return (OpenPage(page.page, page.part), page.lang) if page.part >= 0 else None
        if prefix == SOURCES:
            sources = SourcesCallback.unpack(data)
            return ShowSources(sources.page), sources.lang
        if prefix == LANGUAGE:
            language = LanguageCallback.unpack(data)
            action: Action = SetLanguage(language.code) if language.code else ChooseLanguage()
            return action, language.lang
        if prefix == RESULT:
            result = SearchResultCallback.unpack(data)
            return OpenSearchResult(result.page), result.lang
        if prefix == LOCATION:
            location = LocationCallback.unpack(data)
            return AskLocation(), location.lang
        if prefix == FEEDBACK:
            feedback = FeedbackCallback.unpack(data)
            return Feedback(feedback.page, feedback.useful), feedback.lang
    except (ValueError, TypeError):
        return None
    return None
