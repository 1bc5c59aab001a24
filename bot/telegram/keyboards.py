"""Turns a core :class:`Screen`'s buttons into an inline keyboard."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.screens import OpenUrl, Screen
from bot.telegram.callbacks import encode_action


def screen_keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    for row in screen.rows:
        buttons = []
        for button in row:
            if isinstance(button.action, OpenUrl):
                buttons.append(InlineKeyboardButton(text=button.label, url=button.action.url))
            else:
                buttons.append(InlineKeyboardButton(text=button.label,
                                                    callback_data=encode_action(button.action)))
        if buttons:
            rows.append(buttons)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
