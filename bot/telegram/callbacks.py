"""Button presses as aiogram ``CallbackData``, mapped to and from core actions."""

from __future__ import annotations

from functools import lru_cache

from aiogram.filters.callback_data import CallbackData

from bot.core.screens import (
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


class PageCallback(CallbackData, prefix="p"):
    page: str
    part: int = 0


class SourcesCallback(CallbackData, prefix="s"):
    page: str


class LanguageCallback(CallbackData, prefix="l"):
    code: str = ""  # empty: show the language menu


class SearchResultCallback(CallbackData, prefix="r"):
    page: str


class LocationCallback(CallbackData, prefix="g"):
    pass


class FeedbackCallback(CallbackData, prefix="f"):
    page: str
    useful: bool


@lru_cache(maxsize=16384)
def encode_action(action: Action) -> str:
    """The callback_data for an action (URL buttons carry no callback data)."""
    if isinstance(action, OpenPage):
        return PageCallback(page=action.page, part=action.part).pack()
    if isinstance(action, ShowSources):
        return SourcesCallback(page=action.page).pack()
    if isinstance(action, ChooseLanguage):
        return LanguageCallback().pack()
    if isinstance(action, SetLanguage):
        return LanguageCallback(code=action.locale).pack()
    if isinstance(action, AskLocation):
        return LocationCallback().pack()
    if isinstance(action, OpenSearchResult):
        return SearchResultCallback(page=action.page).pack()
    if isinstance(action, Feedback):
        return FeedbackCallback(page=action.page, useful=action.useful).pack()
    if isinstance(action, OpenUrl):
        raise ValueError("URL buttons have no callback data")
    raise TypeError(f"unknown action {action!r}")


def decode_action(data: str | None) -> Action | None:
    """The action behind callback_data, or None for anything we did not send (or no longer do)."""
    if not data:
        return None
    prefix = data.split(":", 1)[0]
    try:
        if prefix == PageCallback.__prefix__:
            page = PageCallback.unpack(data)
            return OpenPage(page.page, page.part) if page.part >= 0 else None
        if prefix == SourcesCallback.__prefix__:
            return ShowSources(SourcesCallback.unpack(data).page)
        if prefix == LanguageCallback.__prefix__:
            code = LanguageCallback.unpack(data).code
            return SetLanguage(code) if code else ChooseLanguage()
        if prefix == SearchResultCallback.__prefix__:
            return OpenSearchResult(SearchResultCallback.unpack(data).page)
        if prefix == LocationCallback.__prefix__ and data == LocationCallback().pack():
            return AskLocation()
        if prefix == FeedbackCallback.__prefix__:
            feedback = FeedbackCallback.unpack(data)
            return Feedback(feedback.page, feedback.useful)
    except (ValueError, TypeError):
        return None
    return None
