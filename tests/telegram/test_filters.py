"""``LooksLikeCommand`` lets through everything aiogram's ``Command`` filter would match: it only
spares other messages the command filters' parsing, so if an aiogram release reads commands from
somewhere new, this fails rather than commands going unanswered."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.filters import Command
from aiogram.types import Message, User
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.guide import COMMANDS
from bot.telegram.filters import LooksLikeCommand

BOT = Bot("123456:TEST-token-abcdefghijklmnop")
ME = User(id=123456, is_bot=True, first_name="K", username="ksafer_bot")


async def me() -> User:
    return ME


BOT.me = me  # type: ignore[method-assign]  # Command asks who the bot is ("/start@ksafer_bot")

texts = st.one_of(
    st.sampled_from([f"/{name}" for name in COMMANDS]).flatmap(
        lambda command: st.sampled_from(["", "@ksafer_bot", " bladder", "@other_bot x"]).map(
            lambda tail: command + tail)),
    st.text(max_size=40),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(text=texts, caption=texts)
async def test_every_message_command_matches_looks_like_a_command(
        text: str | None, caption: str | None) -> None:
    fields: dict[str, Any] = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}
    if text is not None:
        fields["text"] = text
    if caption is not None:
        fields["caption"] = caption
    message = Message.model_validate(fields).as_(BOT)
    commanded = bool(await Command(*COMMANDS)(message, BOT))
    if commanded:
        assert await LooksLikeCommand()(message)
