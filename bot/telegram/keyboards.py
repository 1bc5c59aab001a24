"""Turns a core :class:`Screen`'s buttons into a keyboard.

Screens are immutable and cached by the ScreenBuilder, so each keyboard is built once per screen.
"""

from __future__ import annotations

from functools import lru_cache

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from bot.conversation.screens import OpenUrl, Screen
from bot.telegram.callbacks import encode_action
from bot.telegram.session import Keyboard


@lru_cache(maxsize=8192)
def screen_keyboard(screen: Screen) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    request = screen.location_request
    if request is not None:
        # Only a reply keyboard can ask Telegram for the person's location.
        return ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text=request.share, request_location=True)],
                      [KeyboardButton(text=request.cancel)]],
            resize_keyboard=True, one_time_keyboard=True, is_persistent=False)
    return inline_keyboard(screen)


@lru_cache(maxsize=8192)
def inline_keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    """The screen's buttons as an inline keyboard: the only kind an edited message can carry.
    Each button carries the screen's language, so a press is answered in it."""
    rows: list[list[InlineKeyboardButton]] = []
    for row in screen.rows:
        buttons = []
        for button in row:
            if isinstance(button.action, OpenUrl):
                buttons.append(_button(button.label, url=button.action.url))
            else:
                buttons.append(_button(button.label,
                                       data=encode_action(button.action, screen.locale)))
        if buttons:
            rows.append(buttons)
    return Keyboard(inline_keyboard=rows) if rows else None


@lru_cache(maxsize=8192)
def _button(label: str, *, data: str | None = None, url: str | None = None,
            ) -> InlineKeyboardButton:
    """One button object for every keyboard it is on, shared as the cached keyboards are (nothing
    changes them once built): back, main menu, emergency and the like are on most screens, and
    each object is about a kilobyte."""
    if url is not None:
        return InlineKeyboardButton(text=label, url=url)
    return InlineKeyboardButton(text=label, callback_data=data)
