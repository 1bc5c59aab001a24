"""An in-process stand-in for the Telegram Bot API, for benchmarks: no sockets, no network.

``FakeSession`` plugs into aiogram's ``Bot`` like the real ``AiohttpSession`` and does the same
client-side work per request, so the cost of replying is measured honestly:

1. the method is serialised exactly as ``AiohttpSession.build_form_data`` does it
   (``model_dump`` + ``prepare_value``: defaults resolved, keyboards JSON-encoded), or, in
   ``OurFakeSession``, as our production ``bot.telegram.session.TelegramSession`` does it;
2. a plausible Bot API result is built from those parameters (``sendMessage`` and
   ``editMessageText`` return the ``Message`` Telegram would return, keyboard included;
   ``answerCallbackQuery`` returns ``true``; ...);
3. the JSON response goes through ``BaseSession.check_response``, which parses it into what the
   method returns with the bot attached, as for a real HTTP response.

Only the HTTP round trip itself is missing. Step 2 is the Bot API server's work, not the bot's:
its time is added up in ``server_seconds`` so a benchmark can leave it out. Every request is
counted per method in ``requests`` so a benchmark can prove that the handlers it meant to
measure really ran.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any, cast

from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

BOT_ID = 1_000_001
BOT_USERNAME = "ksafer_bench_bot"
TOKEN = f"{BOT_ID}:AAbenchmark-token-not-real_0123456789"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID, "is_bot": True, "first_name": "K Safer (benchmark)", "username": BOT_USERNAME,
}

_TAG = re.compile(r"<[^>]+>")
_MESSAGE_METHODS = frozenset({"sendMessage", "editMessageText"})


def _plain(text: str) -> str:
    """Telegram answers with the text stripped of its HTML tags (entities are left out here)."""
    return html.unescape(_TAG.sub("", text))


class FakeSession(BaseSession):
    """Answers every Bot API method in memory; see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: Counter[str] = Counter()
        self.buttons_sent = 0  # inline buttons in sendMessage/editMessageText replies
        self.text_sent = 0  # characters of message text in those replies
        self._message_ids = itertools.count(50_000)
        self.server_seconds = 0.0  # time spent playing the Bot API server (step 2)

    async def close(self) -> None:
        return None

    def serialise(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
        """The request's form fields, as ``AiohttpSession.build_form_data`` would send them."""
        files: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:
                fields[key] = prepared
        return fields

    def result_for(self, name: str, fields: dict[str, Any]) -> Any:
        """A plausible ``result`` for the method, built from what was sent."""
        if name in _MESSAGE_METHODS:
            chat_id = int(fields.get("chat_id", 0))
            if name == "sendMessage":
                message_id = next(self._message_ids)
            else:
                message_id = int(fields.get("message_id", 0))
            message: dict[str, Any] = {
                "message_id": message_id,
                "from": BOT_USER,
                "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time()),
                "text": _plain(str(fields.get("text", ""))),
            }
            self.text_sent += len(fields.get("text", ""))
            if "reply_markup" in fields:
                markup = json.loads(fields["reply_markup"])
                message["reply_markup"] = markup
                self.buttons_sent += sum(map(len, markup.get("inline_keyboard", [])))
            if name == "editMessageText":
                message["edit_date"] = message["date"]
            return message
        if name == "getMe":
            return {**BOT_USER, "can_join_groups": False, "can_read_all_group_messages": False,
                    "supports_inline_queries": False}
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, ...

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (the signature of BaseSession)
    ) -> TelegramType:
        name = method.__api_method__
        self.requests[name] += 1
        fields = self.serialise(bot, method)
        started = time.perf_counter()
        content = self.json_dumps({"ok": True, "result": self.result_for(name, fields)})
        self.server_seconds += time.perf_counter() - started
        response = self.check_response(bot=bot, method=method, status_code=200, content=content)
        return cast(TelegramType, response.result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("the benchmark session has no files to download")
        yield b""  # unreachable: makes this an async generator, like the base class



def our_fake_session() -> FakeSession:
    """The fake server behind the serialisation our production session uses (imported here,
    not at the top, so the bare bots' processes do not load our code)."""
    from bot.telegram.session import FastKeyboards, keep_answer_class

    class OurFakeSession(FastKeyboards, FakeSession):
        def serialise(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
            return self.form_fields(bot, method)[0]

        def check_response(self, *args: Any, **kwargs: Any) -> Any:
            answer = super().check_response(*args, **kwargs)
            keep_answer_class(answer)  # as TelegramSession does (bot/telegram/session.py)
            return answer

    return OurFakeSession()
