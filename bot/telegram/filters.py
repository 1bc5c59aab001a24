"""Small async filters. aiogram runs a synchronous filter (such as a magic ``F`` expression) in
a worker thread; these plain checks are cheaper on the event loop, and every update passes them.
"""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import Message


class PrivateChat(Filter):
    async def __call__(self, message: Message) -> bool:
        return message.chat.type == "private"


class HasText(Filter):
    async def __call__(self, message: Message) -> bool:
        return message.text is not None


class HasLocation(Filter):
    async def __call__(self, message: Message) -> bool:
        return message.location is not None


class LooksLikeCommand(Filter):
    """Text (or a caption, as aiogram's ``Command`` reads it) starting with "/". As a router's
    filter it spares every other message the command filters' own parsing, which fails by
    raising an exception, once per command handler."""

    async def __call__(self, message: Message) -> bool:
        return (message.text or message.caption or "").startswith("/")
