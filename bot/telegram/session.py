"""The HTTP session to Telegram: aiogram's documented ``BaseSession`` over aiohttp, telling a
request that never left the process from one that may have arrived, and serialising our replies
faster.

aiogram serialises a request by dumping the method to dicts and then walking every value in
Python (``BaseSession.prepare_value``). For a menu of eight buttons that is some three hundred
calls, most of them for the ``None`` fields of each button, and the bot-wide defaults (parse
mode, link previews) are looked up and JSON-encoded again for every message. Here:

* keyboards hold only plain data (no files, no bot defaults), so pydantic-core writes them as
  JSON in one call, and a :class:`Keyboard` (what ``bot.telegram.keyboards`` builds, once per
  screen) keeps its JSON, so a menu is encoded once, not once per reply;
* a bot default is encoded once per bot, and an id is written with ``str``.

The fields sent are the same JSON values as aiogram's; ``tests/telegram/test_session.py``
compares the two on generated keyboards and on every screen of the shipped content, and
``TelegramSession`` checks it again at run time before it uses the fast path (see there). No
private part of aiogram is used or overridden: ``BaseSession`` is the class aiogram documents
for bringing one's own HTTP client.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from functools import cached_property
from http import HTTPStatus
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar, cast

import aiogram
import aiohttp
from aiogram.client.default import Default
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    ForceReply,
    InlineKeyboardMarkup,
    InputFile,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiohttp import FormData

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.methods import TelegramMethod

log = logging.getLogger(__name__)
Result = TypeVar("Result")

class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that is sent many times: its JSON is worked out once."""

    @cached_property
    def wire_json(self) -> str:
        return self.model_dump_json(exclude_none=True, warnings=False)


# Exact types only: a subclass could add fields that need aiogram's own treatment.
PLAIN_MARKUPS: frozenset[type] = frozenset(
    {InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, ForceReply})


def markup_json(markup: object) -> str | None:
    """The keyboard as Telegram reads it, or None if aiogram must serialise this value."""
    if type(markup) is Keyboard:
        return markup.wire_json
    if type(markup) in PLAIN_MARKUPS:
        return markup.model_dump_json(exclude_none=True, warnings=False)  # type: ignore[attr-defined, no-any-return]
    return None


class FastKeyboards(BaseSession):
    """Mixin: ``form_fields`` gives the fields ``AiohttpSession.build_form_data`` would send.

    It only calls aiogram's public ``prepare_value``; ids and bot defaults, the values it sees
    most, are handled before that call.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._defaults: dict[str, tuple[DefaultBotProperties, Any]] = {}

    def form_fields(self, bot: Bot, method: TelegramMethod[Any],
                    ) -> tuple[dict[str, str], dict[str, InputFile]]:
        files: dict[str, InputFile] = {}
        keyboard = markup_json(getattr(method, "reply_markup", None))
        # None values are dropped by prepare_value anyway, at every depth; not dumping them saves
        # walking the twenty-odd unused fields of a sendMessage.
        dumped = method.model_dump(warnings=False, exclude_none=True,
                                   exclude={"reply_markup"} if keyboard else None)
        fields: dict[str, str] = {}
        for key, value in dumped.items():
            if type(value) is int:
                prepared: Any = str(value)  # what json.dumps gives, for chat and message ids
            elif isinstance(value, Default):
                prepared = self._default(bot, value)
            else:
                prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:  # aiogram leaves out empty values too
                fields[key] = prepared
        if keyboard:
            fields["reply_markup"] = keyboard
        return fields, files

    def _default(self, bot: Bot, value: Default) -> Any:
        """A bot default, prepared by aiogram once per bot (defaults are set when the Bot is made
        and never changed, see ``build_bot``)."""
        known = self._defaults.get(value.name)
        if known is not None and known[0] is bot.default:
            return known[1]
        prepared = self.prepare_value(value, bot=bot, files={})
        self._defaults[value.name] = (bot.default, prepared)
        return prepared


def _sample_methods() -> list[TelegramMethod[Any]]:
    """One of each request the bot sends with a keyboard or a default, for the self-check."""
    from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
    from aiogram.types import InlineKeyboardButton, KeyboardButton

    menu = Keyboard(inline_keyboard=[
        [InlineKeyboardButton(text="🆘 Emergency", callback_data="p:emergency:0"),
         InlineKeyboardButton(text="Site", url="https://example.org/a?b=1&c=é")]])
    ask = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="📍", request_location=True)],
                                        [KeyboardButton(text="✖️")]],
                              resize_keyboard=True, one_time_keyboard=True,
                              is_persistent=False)
    return [
        SendMessage(chat_id=-1001234567890, text="<b>Hi</b> & 你好", reply_markup=menu,
                    message_thread_id=3),
        EditMessageText(chat_id=42, message_id=7, text="Menu", reply_markup=menu),
        SendMessage(chat_id=42, text="Share?", reply_markup=ask),
        SendMessage(chat_id=42, text="OK", reply_markup=ReplyKeyboardRemove()),
        AnswerCallbackQuery(callback_query_id="1", text="Done", show_alert=False),
    ]


def sent_values(form: FormData) -> dict[str, Any]:
    """A urlencoded form as Telegram reads it: JSON values where they are JSON."""
    import json
    from urllib.parse import parse_qsl

    def value(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            return text

    return {key: value(text) for key, text in parse_qsl(form().decode(), strict_parsing=True)}


class ServerAnswered(TelegramServerError):
    """Telegram, or a proxy in front of it, answered with an HTTP error status.

    aiogram reports a proxy's HTML error page as a decoding failure and a Bot API 5xx without its
    status; this keeps the status, so :func:`surely_not_done` can tell a 502 from a 504.
    """

    def __init__(self, method: TelegramMethod[Any], status: int, message: str) -> None:
        super().__init__(method=method, message=message)
        self.status = status


# The answer classes aiogram builds for each kind of request (``Response[Message]``, ...).
# pydantic keeps parametrised classes in a weak cache: as soon as the cyclic collector frees
# one, the next reply builds it again, which takes milliseconds. The bot makes a handful of
# kinds of request; keeping their classes costs nothing and keeps a reply cheap.
ANSWER_CLASSES: set[type] = set()


def keep_answer_class(answer: object) -> None:
    """Hold on to the class of one of Telegram's answers, as read by aiogram."""
    ANSWER_CLASSES.add(type(answer))


def answer_or_status(session: BaseSession, bot: Bot, method: TelegramMethod[Result],
                     status_code: int, content: str) -> Result:
    """Telegram's answer as aiogram reads it, except that an error with status 429 or 5xx
    becomes :class:`ServerAnswered` with its status (never the body: a proxy's page is of no use
    in a log line)."""
    try:
        checked = session.check_response(bot=bot, method=method, status_code=status_code,
                                         content=content)
    except TelegramRetryAfter:
        raise
    except (TelegramServerError, ClientDecodeError) as exc:
        if status_code != 429 and status_code < 500:
            raise
        try:
            phrase = HTTPStatus(status_code).phrase
        except ValueError:
            phrase = "error"
        source = "Bot API" if isinstance(exc, TelegramServerError) else "not from the Bot API"
        raise ServerAnswered(method, status_code,
                             f"HTTP {status_code} {phrase} ({source})") from None
    keep_answer_class(checked)
    return cast(Result, checked.result)


class RequestNotSent(TelegramNetworkError):
    """The request never left this process: no connection could be had, or its time ran out
    while it waited for one (or for a blocked event loop). Telegram cannot have seen it, so
    sending it again can never make a second message."""


class _Written:
    """Set by aiohttp's request tracing once a request's headers are on the wire."""

    __slots__ = ("headers",)

    def __init__(self) -> None:
        self.headers = False


async def _headers_sent(session: aiohttp.ClientSession, context: SimpleNamespace,
                        params: aiohttp.TraceRequestHeadersSentParams) -> None:
    written = context.trace_request_ctx
    if isinstance(written, _Written):
        written.headers = True


def api_method(method: TelegramMethod[Any]) -> str:
    """The Bot API name of ``method`` ("sendMessage"), as aiogram's own sessions read it; from
    the class name if a future aiogram stops declaring it (a test checks both agree)."""
    name = getattr(method, "__api_method__", None)
    if isinstance(name, str) and name:
        return name
    cls = type(method).__name__
    return cls[:1].lower() + cls[1:]


class TelegramSession(FastKeyboards, BaseSession):
    """What the bot uses in production (see ``bot.telegram.app.build_bot``).

    A session of our own on aiogram's documented extension point (``BaseSession``: "if you want
    to create your own session, you must inherit from this class"), over aiohttp as aiogram's
    ``AiohttpSession`` is. It adds one thing aiogram's cannot tell: whether a request that
    failed had been written at all (aiohttp's public request tracing). One that had not raises
    :class:`RequestNotSent`, and :mod:`bot.telegram.delivery` sends it again; one that was
    written and got no answer may have arrived, and a new message is then not sent twice.

    Requests are encoded by the fast path only once a self-check, on the first request, has
    shown that it sends exactly what aiogram's own ``AiohttpSession.build_form_data`` sends for
    each kind of request the bot makes. If an aiogram or aiohttp release changes that, the
    session says so once in the log and uses aiogram's encoding from then on.
    """

    def __init__(self, *args: Any, limit: int = 100, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fast: bool | None = None  # unknown until the self-check has run
        self.limit = limit
        self.client: aiohttp.ClientSession | None = None
        self._reference: AiohttpSession | None = None

    @property
    def reference(self) -> AiohttpSession:
        """aiogram's own session, used only to encode requests (never to send them)."""
        if self._reference is None:
            self._reference = AiohttpSession(api=self.api, json_loads=self.json_loads,
                                             json_dumps=self.json_dumps)
        return self._reference

    def fast_path_agrees(self, bot: Bot) -> bool:
        try:
            for method in _sample_methods():
                ours = sent_values(self._fast_form(bot, method))
                theirs = sent_values(self.reference.build_form_data(bot, method))
                if ours != theirs:
                    log.warning("fast request encoding differs from aiogram's for %s; using "
                                "aiogram's own encoding", type(method).__name__)
                    return False
        except Exception as exc:  # any failure means: use aiogram's own path
            log.warning("fast request encoding could not be checked (%s); using aiogram's own "
                        "encoding", type(exc).__name__)
            return False
        return True

    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> FormData:
        if self.fast is None:
            self.fast = self.fast_path_agrees(bot)
        if not self.fast:
            return self.reference.build_form_data(bot, method)
        return self._fast_form(bot, method)

    def _fast_form(self, bot: Bot, method: TelegramMethod[Any]) -> FormData:
        fields, files = self.form_fields(bot, method)
        form = FormData(quote_fields=False)
        for key, value in fields.items():
            form.add_field(key, value)
        for key, file in files.items():
            form.add_field(key, file.read(bot), filename=file.filename or key)
        return form

    async def http(self) -> aiohttp.ClientSession:
        """The aiohttp session, made on first use (it needs a running event loop)."""
        if self.client is None or self.client.closed:
            tracing = aiohttp.TraceConfig()
            tracing.on_request_headers_sent.append(_headers_sent)
            self.client = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.limit),
                headers={"User-Agent": f"k-safer aiogram/{aiogram.__version__}"},
                trace_configs=[tracing])
        return self.client

    async def _post(self, bot: Bot, method: TelegramMethod[Any],
                    wait: int | None) -> tuple[int, str]:
        """Send ``method``; its status and body. :class:`RequestNotSent` if it was never
        written, ``TelegramNetworkError`` if it was and no answer came."""
        client = await self.http()
        url = self.api.api_url(token=bot.token, method=api_method(method))
        written = _Written()
        seconds = self.timeout if wait is None else wait
        try:
            async with client.post(url, data=self.build_form_data(bot, method),
                                   timeout=aiohttp.ClientTimeout(total=seconds),
                                   trace_request_ctx=written) as response:
                return response.status, await response.text()
        except (TimeoutError, aiohttp.ClientError) as exc:
            # Only the type: an aiohttp message can carry the URL, and so the token.
            if not written.headers:
                raise RequestNotSent(method=method,
                                     message=f"not sent ({type(exc).__name__})") from None
            raise TelegramNetworkError(method=method,
                                       message=f"no answer ({type(exc).__name__})") from None

    async def make_request(self, bot: Bot, method: TelegramMethod[Result],
                           timeout: int | None = None) -> Result:  # noqa: ASYNC109 - aiogram's signature
        status, raw = await self._post(bot, method, timeout)
        return answer_or_status(self, bot, method, status, raw)

    async def fetch_json(self, bot: Bot, method: TelegramMethod[Any],
                         timeout: int | None = None) -> Any:  # noqa: ASYNC109
        """``method``'s result as Telegram sent it (plain JSON), unread by aiogram: polling
        reads each update on its own (see bot.telegram.intake), so that one update aiogram
        cannot read does not fail the whole batch. Errors are aiogram's, as for any request."""
        status, raw = await self._post(bot, method, timeout)
        try:
            answer = self.json_loads(raw)
        except ValueError:
            answer = None
        if status == 200 and isinstance(answer, dict) and answer.get("ok") is True:
            return answer.get("result")
        # An error: aiogram reads it and raises what it would raise (retry-after, 401, ...).
        answer_or_status(self, bot, method, status, raw)
        raise TelegramNetworkError(method=method, message="Telegram's answer was not readable")

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None,
                             timeout: int = 30, chunk_size: int = 65536,  # noqa: ASYNC109
                             raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        client = await self.http()
        async with client.get(url, timeout=aiohttp.ClientTimeout(total=timeout),
                              headers=headers or {}, raise_for_status=raise_for_status,
                              ) as response:
            async for chunk in response.content.iter_chunked(chunk_size):
                yield chunk

    async def close(self) -> None:
        if self.client is not None and not self.client.closed:
            await self.client.close()
