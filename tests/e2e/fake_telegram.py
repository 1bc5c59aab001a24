"""A small in-process fake of the Telegram Bot API for end-to-end tests.

Why: e2e tests must drive the real aiogram client stack (form encoding, long polling,
error mapping) without any network access. The fake listens on 127.0.0.1 only, records every
request, lets tests push updates, and injects faults. Where it is cheap, it also mimics the
real API's validation (HTML parse errors, 64-byte callback data, "message is not modified",
blocked users) so bugs that would only show up in production fail the tests instead.

Usage::

    async with FakeTelegram() as tg:
        server = TelegramAPIServer.from_base(tg.base_url)
        tg.push_message(42, "/start")
        call = await tg.wait_for("sendMessage")
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import html
import itertools
import json
import re
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, Self
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, web

JsonDict = dict[str, Any]
ChatId = int | str
P = ParamSpec("P")

BOT_ID = 1000
BOT_USERNAME = "ksafer_test_bot"

#: Params that aiogram sends as JSON text and the fake decodes. aiogram JSON-encodes *every*
#: non-string value (ints become "42", bools "true"), but only these are decoded; all other
#: params stay strings exactly as sent. Use ``Call.int_param`` / ``Call.json_param`` for those.
JSON_PARAMS = frozenset(
    {
        "allowed_updates",
        "button",
        "caption_entities",
        "commands",
        "entities",
        "explanation_entities",
        "link_preview_options",
        "media",
        "menu_button",
        "message_ids",
        "options",
        "permissions",
        "prices",
        "question_entities",
        "reaction",
        "reply_markup",
        "reply_parameters",
        "results",
        "rights",
        "scope",
        "shipping_options",
    }
)

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_PATH_RE = re.compile(r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z_]+)/?")
_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler"}
    | {"tg-emoji", "code", "pre", "blockquote", "tg-time"}
)
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """A Telegram-style error response; raised by method handlers and fault injection."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class UploadedFile:
    """A file part of a multipart request (aiogram refers to it as ``attach://<name>``)."""

    filename: str | None
    content_type: str
    data: bytes


@dataclass
class Call:
    """One recorded Bot API request. ``result`` is filled in once the fake has answered."""

    method: str
    params: JsonDict
    token: str
    #: ``time.monotonic()`` when the request arrived.
    at: float = field(default_factory=time.monotonic)
    failed: bool = False
    error: str | None = None
    result: Any = None
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def is_(self, method: str) -> bool:
        """Bot API method names are case-insensitive."""
        return self.method.lower() == method.lower()

    def int_param(self, name: str) -> int | None:
        """A numeric param (``chat_id``, ``message_id``...) as int; None if absent/non-numeric."""
        value = self.params.get(name)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def json_param(self, name: str) -> Any:
        """JSON-decode a param the fake kept as a string (e.g. ``"true"`` -> True)."""
        value = self.params.get(name)
        return json.loads(value) if isinstance(value, str) else value

    @property
    def text(self) -> str | None:
        """``text`` (or ``caption``) exactly as sent, before any HTML parsing."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def inline_keyboard(self) -> list[list[JsonDict]]:
        """Rows of inline buttons from ``reply_markup``; [] when there is none."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, dict):
            return list(markup.get("inline_keyboard") or [])
        return []

    @property
    def button_texts(self) -> list[str]:
        """Flat list of inline button captions, handy for assertions."""
        return [str(button.get("text")) for row in self.inline_keyboard for button in row]

    @property
    def callback_datas(self) -> list[str]:
        """Flat list of inline buttons' callback_data (buttons without it are skipped)."""
        return [
            str(button["callback_data"])
            for row in self.inline_keyboard
            for button in row
            if "callback_data" in button
        ]

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.params.items() if k not in {"timeout", "allowed_updates"}}
        flag = " FAILED" if self.failed else ""
        return f"Call({self.method}{flag} {json.dumps(shown, ensure_ascii=False, default=str)})"


@dataclass
class _Fault:
    kind: str  # "error" | "drop" | "delay" | "late"
    error: ApiError | None = None
    seconds: float = 0.0
    html: bool = False  # answer the error as a proxy's HTML page, not Bot API JSON


_HTML_PAGE = "<html><head><title>{status}</title></head><body><h1>{status}</h1></body></html>"


Handler = Callable[[Call], Any]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _as_chat_id(value: Any) -> ChatId:
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


def parse_html(text: str) -> str:
    """Validate Telegram-flavoured HTML like the real API and return the visible text.

    Why: Telegram rejects unsupported tags (``<br>``, ``<div>``, a stray ``<3``) and unbalanced
    markup with 400 "can't parse entities"; templates that emit them must fail in tests too.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0

    def fail(reason: str) -> ApiError:
        return ApiError(400, f"Bad Request: can't parse entities: {reason}")

    while (lt := text.find("<", pos)) >= 0:
        out.append(text[pos:lt])
        offset = len(text[:lt].encode())
        gt = text.find(">", lt)
        if gt < 0:
            raise fail(f"Unclosed start tag at byte offset {offset}")
        inner = text[lt + 1 : gt]
        closing = inner.startswith("/")
        match = re.match(r"[^\s/>]*", inner[1:] if closing else inner)
        name = match.group().lower() if match else ""
        if closing:
            if not stack:
                raise fail(f'Unexpected end tag "{name}" at byte offset {offset}')
            if stack[-1] != name:
                raise fail(
                    f'Unmatched end tag at byte offset {offset}, expected "</{stack[-1]}>", '
                    f'found "</{name}>"'
                )
            stack.pop()
        elif name not in _HTML_TAGS:
            raise fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        else:
            stack.append(name)
        pos = gt + 1
    out.append(text[pos:])
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return html.unescape("".join(out))


def _pusher(
    build: Callable[Concatenate[FakeTelegram, P], JsonDict],
) -> Callable[Concatenate[FakeTelegram, P], int]:
    """Turn a ``build_*`` update factory into a ``push_*`` method returning the update_id."""

    def push(self: FakeTelegram, /, *args: P.args, **kwargs: P.kwargs) -> int:
        return self.push_update(build(self, *args, **kwargs))

    push.__doc__ = f"Queue ``{build.__name__}(...)`` for getUpdates; returns its update_id."
    return push


class FakeTelegram:
    """Fake Bot API server: ``async with FakeTelegram() as tg: ... tg.base_url ...``.

    ``token``: if given, requests with another token get 401 like the real API.
    ``strict``: mimic the real API's validation errors (on by default).
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        strict: bool = True,
        bot_id: int = BOT_ID,
        bot_username: str = BOT_USERNAME,
    ) -> None:
        self.token = token
        self.strict = strict
        self.bot_user: JsonDict = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "K-Safer Test",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        #: Updates not yet confirmed by getUpdates' offset, in order.
        self.pending_updates: list[JsonDict] = []
        #: Updates discarded because their type was not in the bot's allowed_updates.
        self.filtered_updates: list[JsonDict] = []
        #: Every message the bot sent/edited (latest state), keyed by (chat_id, message_id).
        self.messages: dict[tuple[ChatId, int], JsonDict] = {}
        self.deleted_messages: set[tuple[ChatId, int]] = set()
        #: Users whose latest my_chat_member update says they blocked the bot.
        self.blocked_users: set[int] = set()
        self.webhook: JsonDict | None = None
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.allowed_updates: list[str] | None = None
        self.callback_ids: dict[str, bool] = {}  # id -> answered?
        self.inline_query_ids: dict[str, bool] = {}
        self._chats: dict[ChatId, JsonDict] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._windows: dict[str, list[tuple[float, _Fault]]] = {}
        self._overrides: dict[str, Handler] = {}
        self._update_ids = itertools.count(100_000_001)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(4_000_000_001)
        self._file_ids = itertools.count(1)
        self._poll_generation = 0
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._handlers: dict[str, Handler] = {
            name.lower(): handler
            for name, handler in {
                "getMe": lambda _: self.bot_user,
                "getUpdates": self._get_updates,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "getMyCommands": self._get_my_commands,
                "sendMessage": self._send_message,
                "sendMediaGroup": self._send_media_group,
                "copyMessage": self._copy_message,
                "editMessageText": lambda call: self._edit(call, "text"),
                "editMessageCaption": lambda call: self._edit(call, "caption"),
                "editMessageReplyMarkup": lambda call: self._edit(call, None),
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": lambda call: self._answer(call, self.callback_ids),
                "answerInlineQuery": lambda call: self._answer(call, self.inline_query_ids),
                "sendChatAction": self._send_chat_action,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Listen on a free loopback port (never on other interfaces)."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        # handler_cancellation: a client that gives up on a long poll frees its handler.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def close(self) -> None:
        """Release held long polls first so shutdown does not wait for their timeouts."""
        self._closing.set()
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """For ``TelegramAPIServer.from_base(tg.base_url)`` / the bot's TELEGRAM_API_URL."""
        return f"http://127.0.0.1:{self._port}"

    # ------------------------------------------------------------------ recorded calls

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.is_(method)]

    def mark(self) -> int:
        """Index to pass as ``wait_for(..., after=tg.mark())`` to wait for *new* calls only."""
        return len(self.calls)

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the documented test API
        *,
        after: int = 0,
    ) -> Call:
        """Wait for a call of ``method`` (matching ``predicate``) with index >= ``after``.

        Matches as soon as the request arrives; for everything but getUpdates and delayed
        calls, ``call.result`` is already set by the time the waiting test resumes.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = after
        while True:
            while index < len(self.calls):
                call = self.calls[index]
                index += 1
                if call.is_(method) and (predicate is None or predicate(call)):
                    return call
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._describe_timeout(method, timeout, after))
            await self._wait_changed(remaining)

    def _describe_timeout(self, method: str, timeout: float, after: int) -> str:
        seen = [repr(call) for call in self.calls[after:] if not call.is_("getUpdates")]
        polls = sum(1 for call in self.calls[after:] if call.is_("getUpdates"))
        lines = [
            f"No matching {method} call within {timeout}s (looking from call #{after}).",
            f"Calls seen ({polls} getUpdates omitted):",
            *(f"  {line}" for line in seen or ["  <none>"]),
        ]
        if self.pending_updates:
            lines.append(f"Updates never fetched by the bot: {self.pending_updates}")
        if self.filtered_updates:
            lines.append(
                f"Updates dropped by allowed_updates={self.allowed_updates}: "
                f"{self.filtered_updates}"
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
        html: bool = False,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with a Telegram error JSON.

        For 429, ``retry_after`` defaults to 1 (aiogram needs it to raise TelegramRetryAfter).
        ``html``: answer with a proxy's HTML error page instead (no JSON at all).
        """
        self._add_fault(method, self._error_fault(status, retry_after, description, html), count)

    def fail_for(
        self,
        method: str,
        seconds: float,
        *,
        status: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        html: bool = False,
    ) -> None:
        """Answer every call of ``method`` with an error for the next ``seconds`` (an outage)."""
        fault = self._error_fault(status, retry_after, description, html)
        until = time.monotonic() + seconds
        self._windows.setdefault(method.lower(), []).append((until, fault))

    def _error_fault(
        self, status: int, retry_after: int | None, description: str | None, html: bool
    ) -> _Fault:
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = {
                400: "Bad Request: injected failure",
                403: "Forbidden: bot was blocked by the user",
                409: "Conflict: terminated by other getUpdates request",
                429: f"Too Many Requests: retry after {retry_after}",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(status, "Injected failure")
        parameters = {"retry_after": retry_after} if retry_after is not None else None
        return _Fault("error", error=ApiError(status, description, parameters), html=html)

    def drop_next(self, method: str, count: int = 1) -> None:
        """Close the connection without answering (client sees ServerDisconnectedError)."""
        self._add_fault(method, _Fault("drop"), count)

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Hold the next ``count`` calls for ``seconds`` before handling them normally."""
        self._add_fault(method, _Fault("delay", seconds=seconds), count)

    def answer_late_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Carry out the next ``count`` calls at once but answer only after ``seconds``: a slow
        Bot API whose answer comes after the client gave up (the message *was* sent)."""
        self._add_fault(method, _Fault("late", seconds=seconds), count)

    def set_result(self, method: str, result: Any) -> None:
        """Override a method's answer: a JSON value, or a callable ``(Call) -> value``.

        The callable may raise ``ApiError`` to answer with an error.
        """
        self._overrides[method.lower()] = result if callable(result) else (lambda _: result)

    def _add_fault(self, method: str, fault: _Fault, count: int) -> None:
        self._faults.setdefault(method.lower(), deque()).extend([fault] * count)

    # ------------------------------------------------------------------ HTTP handling

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _PATH_RE.fullmatch(request.path)
        if match is None:
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        params, files = await self._read_params(request)
        call = Call(match["method"], params, match["token"], files=files)
        self.calls.append(call)
        self._notify()
        try:
            fault = self._next_fault(call.method)
            if fault is not None and fault.kind == "drop":
                call.failed, call.error = True, "connection dropped"
                if request.transport is not None:
                    request.transport.close()
                return web.Response()
            if fault is not None and fault.kind == "delay":
                await self._sleep(fault.seconds)
            if fault is not None and fault.error is not None and fault.html:
                call.failed, call.error = True, f"HTML {fault.error.status}"
                self._notify()
                page = _HTML_PAGE.format(status=f"{fault.error.status} {fault.error.description}")
                return web.Response(status=fault.error.status, text=page, content_type="text/html")
            if fault is not None and fault.error is not None:
                raise fault.error
            if self.token is not None and call.token != self.token:
                raise ApiError(401, "Unauthorized")
            handler = self._overrides.get(call.method.lower()) or self._handlers.get(
                call.method.lower(), self._default_handler
            )
            result = handler(call)
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as error:
            call.failed, call.error = True, error.description
            self._notify()
            return web.json_response(error.payload(), status=error.status)
        call.result = result
        self._notify()
        if fault is not None and fault.kind == "late":
            await self._sleep(fault.seconds)  # cancelled if the client gives up: it still happened
        return web.json_response({"ok": True, "result": result})

    async def _read_params(self, request: web.Request) -> tuple[JsonDict, dict[str, UploadedFile]]:
        """Accept query string, urlencoded (aiogram without uploads), multipart and JSON bodies."""
        raw: JsonDict = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.content_type == "application/json" and request.can_read_body:
            raw.update(await request.json())
            return raw, files
        if request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    data = value.file.read()
                    files[key] = UploadedFile(value.filename, value.content_type, data)
                else:
                    raw[key] = value
        params = {
            key: json.loads(value) if key in JSON_PARAMS and isinstance(value, str) else value
            for key, value in raw.items()
        }
        return params, files

    def _next_fault(self, method: str) -> _Fault | None:
        queue = self._faults.get(method.lower())
        if queue:
            return queue.popleft()
        now = time.monotonic()
        for until, fault in self._windows.get(method.lower(), []):
            if now < until:
                return fault
        return None

    def _default_handler(self, call: Call) -> Any:
        """Unknown methods are recorded and answered with ``true``; send* get a Message."""
        if call.method.lower().startswith("send") or call.is_("forwardMessage"):
            return self._send_other(call)
        return True

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_changed(self, seconds: float) -> None:
        changed = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), seconds)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    # ------------------------------------------------------------------ polling & webhook

    async def _get_updates(self, call: Call) -> list[JsonDict]:
        """True long polling: hold until an update arrives, ``timeout`` passes or shutdown."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        offset = call.int_param("offset") or 0
        limit = call.int_param("limit") or 100
        timeout = float(call.params.get("timeout") or 0)
        if "allowed_updates" in call.params:
            self.allowed_updates = call.params["allowed_updates"] or None
        if offset > 0:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        elif offset < 0:
            self.pending_updates = self.pending_updates[offset:]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            ready = self._deliverable()[:limit]
            remaining = deadline - loop.time()
            if ready or remaining <= 0 or self._closing.is_set():
                return ready
            await self._wait_changed(remaining)

    def _deliverable(self) -> list[JsonDict]:
        """Pending updates of allowed types; others are discarded, as Telegram does."""
        keep: list[JsonDict] = []
        for update in self.pending_updates:
            kind = next((key for key in update if key != "update_id"), "")
            if self.allowed_updates is None:
                allowed = kind not in _DEFAULT_EXCLUDED_UPDATES
            else:
                allowed = kind in self.allowed_updates
            (keep if allowed else self.filtered_updates).append(update)
        self.pending_updates = keep
        return keep

    def _set_webhook(self, call: Call) -> bool:
        url = call.params.get("url")
        if not url:  # aiogram omits empty strings, so "no url" means "remove webhook"
            self.webhook = None
            return True
        if call.json_param("drop_pending_updates"):
            self.pending_updates.clear()
        self.webhook = dict(call.params)
        return True

    def _delete_webhook(self, call: Call) -> bool:
        self.webhook = None
        if call.json_param("drop_pending_updates"):
            self.pending_updates.clear()
        return True

    def _get_webhook_info(self, _: Call) -> JsonDict:
        info: JsonDict = {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook and "allowed_updates" in self.webhook:
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    async def post_update_to(
        self, url: str, update: JsonDict, secret_token: str | None = None
    ) -> tuple[int, str]:
        """POST an update to a (loopback) webhook URL the way Telegram does."""
        host = urlsplit(url).hostname
        if host not in _LOOPBACK_HOSTS:
            raise ValueError(f"refusing to post outside loopback: {url}")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token} if secret_token else {}
        update.setdefault("update_id", next(self._update_ids))
        async with (
            ClientSession(timeout=ClientTimeout(total=30)) as session,
            session.post(url, json=update, headers=headers) as response,
        ):
            return response.status, await response.text()

    # ------------------------------------------------------------------ commands

    @staticmethod
    def _scope_key(scope: Any) -> str:
        return json.dumps(scope or {"type": "default"}, sort_keys=True)

    def commands_for(
        self, scope: JsonDict | None = None, language_code: str = ""
    ) -> list[JsonDict]:
        """Commands last set for ``scope`` (default scope when None) and language."""
        return self.commands.get((self._scope_key(scope), language_code), [])

    def _set_my_commands(self, call: Call) -> bool:
        commands = call.params.get("commands") or []
        if self.strict:
            for command in commands:
                name, description = command.get("command", ""), command.get("description", "")
                if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not 1 <= len(description) <= 256:
                    raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if len(commands) > 100:
                raise ApiError(400, "Bad Request: too many commands")
        key = (self._scope_key(call.params.get("scope")), call.params.get("language_code", ""))
        self.commands[key] = commands
        return True

    def _delete_my_commands(self, call: Call) -> bool:
        key = (self._scope_key(call.params.get("scope")), call.params.get("language_code", ""))
        self.commands.pop(key, None)
        return True

    def _get_my_commands(self, call: Call) -> list[JsonDict]:
        return self.commands_for(call.params.get("scope"), call.params.get("language_code", ""))

    # ------------------------------------------------------------------ messages

    def _chat(self, chat_id: Any) -> JsonDict:
        """Chat object for an id: known from pushed updates, else guessed from its sign."""
        key = _as_chat_id(chat_id)
        if key in self._chats:
            return dict(self._chats[key])
        if isinstance(key, str):
            return {"id": -1_001_000_000_000, "type": "channel", "title": key, "username": key}
        if key > 0:
            return {"id": key, "type": "private", "first_name": "Test"}
        kind = "supergroup" if str(key).startswith("-100") else "group"
        return {"id": key, "type": kind, "title": f"Chat {key}"}

    def _render(self, call: Call, name: str, limit: int) -> str | None:
        """Visible text of ``text``/``caption`` after parse_mode, with Telegram's checks."""
        raw = call.params.get(name)
        if raw is None:
            return None
        text = parse_html(raw) if self.strict and call.params.get("parse_mode") == "HTML" else raw
        if self.strict and name == "text" and not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if self.strict and _utf16_len(text) > limit:
            what = "message is too long" if name == "text" else "message caption is too long"
            raise ApiError(400, f"Bad Request: {what}")
        return text

    def _markup(self, call: Call) -> JsonDict | None:
        """Validated inline keyboard to echo back in the Message (other markups aren't)."""
        markup = call.params.get("reply_markup")
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        if self.strict:
            for row in markup["inline_keyboard"]:
                for button in row:
                    if not str(button.get("text", "")):
                        raise ApiError(400, "Bad Request: text must be non-empty")
                    if len(button) < 2:
                        raise ApiError(
                            400,
                            "Bad Request: can't parse inline keyboard button: "
                            "Text buttons are unallowed in the inline keyboard",
                        )
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(str(data).encode()) <= 64:
                        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                    url = button.get("url")
                    if url is not None and not re.match(r"(https?|tg)://\S+", str(url)):
                        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
        return markup

    def _check_reachable(self, chat: JsonDict) -> None:
        if self.strict and chat["type"] == "private" and chat["id"] in self.blocked_users:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def _target_chat(self, call: Call) -> JsonDict:
        if not call.params.get("chat_id"):
            raise ApiError(400, "Bad Request: chat_id is empty")
        return self._chat(call.params["chat_id"])

    def _bot_message(self, call: Call, **content: Any) -> JsonDict:
        """Create, store and return a Message sent by the bot."""
        chat = self._target_chat(call)
        self._check_reachable(chat)
        message: JsonDict = {
            "message_id": next(self._message_ids),
            "from": dict(self.bot_user),
            "chat": chat,
            "date": int(time.time()),
            **{key: value for key, value in content.items() if value is not None},
        }
        self.messages[(chat["id"], message["message_id"])] = message
        return copy.deepcopy(message)

    def _send_message(self, call: Call) -> JsonDict:
        text = self._render(call, "text", 4096)
        if text is None:
            raise ApiError(400, "Bad Request: message text is empty")
        return self._bot_message(call, text=text, reply_markup=self._markup(call))

    def _media(self, call: Call) -> JsonDict:
        """Plausible media field for send<Media> so aiogram sees the right content_type."""
        file = {"file_id": f"fake-file-{next(self._file_ids)}", "file_unique_id": "u"}
        kind = call.method.lower().removeprefix("send")
        if kind == "photo":
            return {"photo": [{**file, "width": 90, "height": 90}]}
        if kind == "sticker":
            sticker = {"type": "regular", "width": 512, "height": 512}
            return {"sticker": {**file, **sticker, "is_animated": False, "is_video": False}}
        if kind in {"document", "voice", "audio", "video", "animation"}:
            extra = {"duration": 1} if kind != "document" else {}
            if kind in {"video", "animation"}:
                extra |= {"width": 320, "height": 240}
            return {kind: {**file, **extra}}
        if kind == "location":
            lat, lon = call.json_param("latitude"), call.json_param("longitude")
            return {"location": {"latitude": lat, "longitude": lon}}
        return {}

    def _send_other(self, call: Call) -> JsonDict:
        caption = self._render(call, "caption", 1024)
        media = self._media(call)
        return self._bot_message(call, caption=caption, reply_markup=self._markup(call), **media)

    def _send_media_group(self, call: Call) -> list[JsonDict]:
        items = call.params.get("media") or []
        return [self._bot_message(call, caption=item.get("caption")) for item in items]

    def _copy_message(self, call: Call) -> JsonDict:
        return {"message_id": self._bot_message(call)["message_id"]}

    def _send_chat_action(self, call: Call) -> bool:
        self._check_reachable(self._target_chat(call))
        return True

    def _edit(self, call: Call, field_name: str | None) -> JsonDict | bool:
        """editMessageText/Caption/ReplyMarkup; ``field_name`` None edits the markup only."""
        if call.params.get("inline_message_id"):
            return True
        chat = self._target_chat(call)
        key = (chat["id"], call.int_param("message_id") or 0)
        if self.strict and key in self.deleted_messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        limit = 4096 if field_name == "text" else 1024
        new_text = self._render(call, field_name, limit) if field_name else None
        new_markup = self._markup(call)
        message = self.messages.get(key)
        if message is None:  # sent before the fake knew about it: accept the edit
            message = {"message_id": key[1], "from": dict(self.bot_user), "chat": chat}
            message |= {"date": int(time.time()), field_name or "text": new_text or ""}
            self.messages[key] = message
        elif self.strict:
            if field_name == "text" and "text" not in message:
                raise ApiError(400, "Bad Request: there is no text in the message to edit")
            same_text = field_name is None or message.get(field_name) == new_text
            if same_text and message.get("reply_markup") == new_markup:
                raise ApiError(400, _NOT_MODIFIED)
        if field_name is not None:
            message[field_name] = new_text
        if new_markup is None:
            message.pop("reply_markup", None)  # omitting reply_markup removes the keyboard
        else:
            message["reply_markup"] = new_markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _delete_message(self, call: Call) -> bool:
        chat = self._target_chat(call)
        key = (chat["id"], call.int_param("message_id") or 0)
        if self.strict and key in self.deleted_messages:
            raise ApiError(400, "Bad Request: message to delete not found")
        self.deleted_messages.add(key)
        return True

    def _answer(self, call: Call, known: dict[str, bool]) -> bool:
        """answerCallbackQuery/answerInlineQuery: the id must come from a pushed update."""
        query_id = str(call.params.get("callback_query_id", call.params.get("inline_query_id")))
        if self.strict and query_id not in known:
            raise ApiError(400, _QUERY_INVALID)
        known[query_id] = True
        return True

    @property
    def unanswered_callback_ids(self) -> list[str]:
        """Callback queries the bot never answered (the user would see a spinner)."""
        return [query_id for query_id, answered in self.callback_ids.items() if not answered]

    # ------------------------------------------------------------------ update builders

    def push_update(self, update: JsonDict) -> int:
        """Queue a raw update for getUpdates (assigning update_id if missing)."""
        update.setdefault("update_id", next(self._update_ids))
        self.pending_updates.append(update)
        self._notify()
        return int(update["update_id"])

    def make_user(
        self,
        user_id: int,
        *,
        first_name: str = "Test",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> JsonDict:
        user: JsonDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        return user

    def _user_message(
        self,
        user: JsonDict,
        chat_type: str,
        chat_id: ChatId | None,
        **content: Any,
    ) -> JsonDict:
        """A message from ``user``; registers the chat so replies get the same chat object."""
        if chat_type == "private":
            chat: JsonDict = {"id": chat_id or user["id"], "type": "private"}
            chat |= {k: user[k] for k in ("first_name", "username") if k in user}
        else:
            default_id = -1_001_234_567_890 if chat_type in {"supergroup", "channel"} else -4321
            chat = {"id": chat_id or default_id, "type": chat_type, "title": "Test chat"}
        self._chats[chat["id"]] = chat
        message: JsonDict = {
            "message_id": next(self._message_ids),
            "from": user,
            "chat": dict(chat),
            "date": int(time.time()),
            **{key: value for key, value in content.items() if value is not None},
        }
        return message

    def _file(self, kind: str) -> JsonDict:
        number = next(self._file_ids)
        return {"file_id": f"fake-{kind}-{number}", "file_unique_id": f"u{kind}{number}"}

    def build_message(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
        first_name: str = "Test",
        username: str | None = None,
        entities: list[JsonDict] | None = None,
    ) -> JsonDict:
        """Update with a text message; "/cmd" text gets a bot_command entity automatically."""
        if entities is None and text.startswith("/"):
            entities = [{"type": "bot_command", "offset": 0, "length": _utf16_len(text.split()[0])}]
        user = self.make_user(
            user_id, first_name=first_name, username=username, language_code=language_code
        )
        message = self._user_message(user, chat_type, chat_id, text=text, entities=entities)
        return {"update_id": next(self._update_ids), "message": message}

    def build_callback(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int,
        language_code: str | None = "en",
        chat_id: ChatId | None = None,
        first_name: str = "Test",
        username: str | None = None,
    ) -> JsonDict:
        """Button press on a bot message; embeds that message in its latest known state."""
        chat = self._chat(chat_id if chat_id is not None else user_id)
        message = self.messages.get((chat["id"], message_id)) or {
            "message_id": message_id,
            "from": dict(self.bot_user),
            "chat": chat,
            "date": int(time.time()),
            "text": "(message unknown to the fake)",
        }
        query_id = str(next(self._query_ids))
        self.callback_ids[query_id] = False
        user = self.make_user(
            user_id, first_name=first_name, username=username, language_code=language_code
        )
        callback = {
            "id": query_id,
            "from": user,
            "message": copy.deepcopy(message),
            "chat_instance": f"ci{chat['id']}",
            "data": data,
        }
        return {"update_id": next(self._update_ids), "callback_query": callback}

    def build_sticker(
        self,
        user_id: int,
        *,
        emoji: str = "👍",
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
    ) -> JsonDict:
        sticker = {**self._file("sticker"), "type": "regular", "width": 512, "height": 512}
        sticker |= {"is_animated": False, "is_video": False, "emoji": emoji}
        user = self.make_user(user_id, language_code=language_code)
        message = self._user_message(user, chat_type, chat_id, sticker=sticker)
        return {"update_id": next(self._update_ids), "message": message}

    def build_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
    ) -> JsonDict:
        small = {**self._file("photo"), "width": 90, "height": 68, "file_size": 1500}
        large = {**self._file("photo"), "width": 1280, "height": 960, "file_size": 120_000}
        user = self.make_user(user_id, language_code=language_code)
        message = self._user_message(
            user, chat_type, chat_id, photo=[small, large], caption=caption
        )
        return {"update_id": next(self._update_ids), "message": message}

    def build_location(
        self,
        user_id: int,
        latitude: float = 52.37,
        longitude: float = 4.89,
        *,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
    ) -> JsonDict:
        location = {"latitude": latitude, "longitude": longitude}
        user = self.make_user(user_id, language_code=language_code)
        message = self._user_message(user, chat_type, chat_id, location=location)
        return {"update_id": next(self._update_ids), "message": message}

    def build_voice(
        self,
        user_id: int,
        *,
        duration: int = 3,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
    ) -> JsonDict:
        voice = {**self._file("voice"), "duration": duration, "mime_type": "audio/ogg"}
        user = self.make_user(user_id, language_code=language_code)
        message = self._user_message(user, chat_type, chat_id, voice=voice)
        return {"update_id": next(self._update_ids), "message": message}

    def build_edited_message(
        self,
        user_id: int,
        message_id: int,
        text: str,
        *,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: ChatId | None = None,
    ) -> JsonDict:
        """The user edited their earlier message ``message_id``."""
        user = self.make_user(user_id, language_code=language_code)
        message = self._user_message(user, chat_type, chat_id, text=text)
        message["message_id"] = message_id
        message["edit_date"] = message["date"]
        return {"update_id": next(self._update_ids), "edited_message": message}

    def build_inline_query(
        self, user_id: int, query: str, language_code: str | None = "en", *, offset: str = ""
    ) -> JsonDict:
        query_id = str(next(self._query_ids))
        self.inline_query_ids[query_id] = False
        inline = {
            "id": query_id,
            "from": self.make_user(user_id, language_code=language_code),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        return {"update_id": next(self._update_ids), "inline_query": inline}

    def build_my_chat_member(
        self,
        user_id: int,
        *,
        status: str = "kicked",
        old_status: str = "member",
        language_code: str | None = "en",
    ) -> JsonDict:
        """The bot's status in a private chat changed: "kicked" = the user blocked the bot.

        Supported statuses: "member", "kicked", "left". Updates ``blocked_users`` so later
        sends to that user fail with 403 like the real API.
        """

        def member(state: str) -> JsonDict:
            entry: JsonDict = {"status": state, "user": dict(self.bot_user)}
            return entry | ({"until_date": 0} if state == "kicked" else {})

        user = self.make_user(user_id, language_code=language_code)
        chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
        self._chats[user_id] = chat
        if status == "kicked":
            self.blocked_users.add(user_id)
        else:
            self.blocked_users.discard(user_id)
        update = {
            "chat": dict(chat),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": member(old_status),
            "new_chat_member": member(status),
        }
        return {"update_id": next(self._update_ids), "my_chat_member": update}

    def build_raw(self, kind: str, payload: JsonDict) -> JsonDict:
        """Any other update type, e.g. ``build_raw("channel_post", {...})``."""
        return {"update_id": next(self._update_ids), kind: payload}

    push_message = _pusher(build_message)
    push_callback = _pusher(build_callback)
    push_sticker = _pusher(build_sticker)
    push_photo = _pusher(build_photo)
    push_location = _pusher(build_location)
    push_voice = _pusher(build_voice)
    push_edited_message = _pusher(build_edited_message)
    push_inline_query = _pusher(build_inline_query)
    push_my_chat_member = _pusher(build_my_chat_member)
    push_raw = _pusher(build_raw)
