"""The real bot, in the test's own event loop, against the fake Bot API server.

``python -m bot run`` is, after its imports, the CLI's start-up loading of the content (checked,
falling back to the last good copy) and then ``Runtime(settings, builder).serve()``: this runs
exactly that, with settings read from the same variables, real HTTP to the fake server, real
polling (or, with ``webhook=True``, the webhook server on HOST:PORT), the counts database on disk
and the log as production formats it. What it leaves out is the process itself (some 4 s of
start-up per test), so tests about signals, exit codes and SIGKILL keep using ``BotProcess``.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import signal
from collections.abc import Mapping
from types import TracebackType
from typing import Self

from bot.cli import load_for_serving
from bot.logs import RedactSecrets
from bot.settings import load_settings
from bot.telegram.app import Runtime, start_webhook


class _Lines(logging.Handler):
    def __init__(self, changed: asyncio.Event) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.changed = changed

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.changed.set()


class InProcessRuntime:
    """``async with InProcessRuntime(env) as bot:`` serves until the block ends (or ``stop``)."""

    def __init__(self, env: Mapping[str, str], *, webhook: bool = False) -> None:
        self.webhook = webhook
        self.settings = load_settings(**{name.lower(): value for name, value in env.items()})
        self._changed = asyncio.Event()
        self._log = _Lines(self._changed)
        self._log.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        token = self.settings.bot_token
        self._log.addFilter(RedactSecrets([token.get_secret_value()] if token else []))
        self._task: asyncio.Task[None] | None = None
        self._printed = ""
        self._root_level = logging.getLogger().level

    async def __aenter__(self) -> Self:
        root = logging.getLogger()
        root.addHandler(self._log)
        root.setLevel(self.settings.log_level)
        printed = io.StringIO()  # what the CLI prints about the content at start-up
        with contextlib.redirect_stderr(printed):
            builder = await asyncio.to_thread(load_for_serving, self.settings)
        self._printed = printed.getvalue()
        if builder is None:
            raise AssertionError(f"the bot would not start:\n{self.output}")
        if self.webhook:  # as ``run_webhook`` does
            self.runtime, server = await start_webhook(self.settings, builder)
            self._task = asyncio.create_task(self.runtime.serve(server))
        else:  # as ``run_polling`` does
            self.runtime = Runtime(self.settings, builder)
            self._task = asyncio.create_task(self.runtime.serve())
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            if exc_type is None:
                await self.stop()
            else:  # the test already failed: don't mask its error with a shutdown failure
                with contextlib.suppress(Exception):
                    await self.stop(timeout=5)
        finally:
            root = logging.getLogger()
            root.removeHandler(self._log)
            root.setLevel(self._root_level)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def output(self) -> str:
        logged = "\n".join(self._log.lines) + "\n" if self._log.lines else ""
        return self._printed + logged

    async def wait_for_output(self, substring: str, timeout: float = 10.0) -> str:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            while substring not in self.output:
                if self._task is not None and self._task.done():
                    raise AssertionError(f"the bot stopped before logging {substring!r}.\n"
                                         f"Output:\n{self.output}")
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), 0.5)
        return self.output

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:  # noqa: ASYNC109
        """What SIGTERM or SIGINT does (both handlers set this same event), as
        ``BotProcess.stop(sig)`` sends it; 0 once it has shut down."""
        assert sig in (signal.SIGTERM, signal.SIGINT), sig
        assert self._task is not None
        self.runtime.stop.set()
        async with asyncio.timeout(timeout):
            await self._task
        return 0
