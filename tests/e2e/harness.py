"""Run the bot as a real subprocess (``python -m bot ...``) for end-to-end tests.

Why a subprocess: it exercises the real entry point, settings loading from the environment and
signal handling, exactly as in production. Output is drained continuously so the pipe never
fills up and blocks the bot, and is kept for assertions and failure messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

TEST_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"
REPO_ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """``async with BotProcess(env={...}, args=["run"]) as proc:`` runs ``python -m bot run``.

    ``env`` is merged over ``os.environ``; ``PYTHONUNBUFFERED=1`` is forced so log lines show
    up in ``proc.output`` as they are written. ``module`` exists so the harness itself can be
    tested with a stand-in module.
    """

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        args: Sequence[str] = ("run",),
        cwd: str | os.PathLike[str] | None = None,
        *,
        module: str = "bot",
    ) -> None:
        self.env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
        self.args = list(args)
        self.cwd = Path(cwd) if cwd is not None else REPO_ROOT
        self.module = module
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._chunks: list[str] = []
        self._changed = asyncio.Event()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.running:
            await self._finish_reader()
            return
        if exc_type is None:
            await self.stop()
        else:  # the test already failed: don't mask its error with a shutdown failure
            with contextlib.suppress(AssertionError):
                await self.stop(timeout=5)

    async def start(self) -> None:
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            self.module,
            *self.args,
            cwd=self.cwd,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        self._reader = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        while chunk := await self._process.stdout.read(65536):
            self._chunks.append(chunk.decode(errors="replace"))
            self._notify()
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _finish_reader(self) -> None:
        if self._reader is not None:
            await self._reader

    @property
    def process(self) -> asyncio.subprocess.Process:
        if self._process is None:
            raise RuntimeError("BotProcess was not started")
        return self._process

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    @property
    def output(self) -> str:
        """Combined stdout+stderr captured so far."""
        return "".join(self._chunks)

    async def wait_for_output(self, substring: str, timeout: float = 10.0) -> str:  # noqa: ASYNC109
        """Wait until ``substring`` appears in the output; fail early if the bot exits."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while substring not in self.output:
            remaining = deadline - loop.time()
            reader_done = self._reader is None or self._reader.done()
            if not self.running and reader_done:
                raise AssertionError(
                    f"bot exited with {self.returncode} before printing {substring!r}.\n"
                    f"Output:\n{self.output}"
                )
            if remaining <= 0:
                raise AssertionError(
                    f"{substring!r} not in bot output after {timeout}s.\nOutput:\n{self.output}"
                )
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), min(remaining, 0.5))
        return self.output

    async def wait(self, timeout: float = 15.0) -> int:  # noqa: ASYNC109
        """Wait for the bot to exit on its own; fail (after killing it) on timeout."""
        try:
            code = await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            await self.kill()
            raise AssertionError(
                f"bot did not exit within {timeout}s; killed.\nOutput:\n{self.output}"
            ) from None
        await self._finish_reader()
        return code

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:  # noqa: ASYNC109
        """Send ``sig`` and return the exit code; kill and fail if it does not exit in time."""
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(sig)
        return await self.wait(timeout)

    async def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        await self.process.wait()
        await self._finish_reader()
