"""A small DevTools client for headless Chromium over ``--remote-debugging-pipe``.

The command line can screenshot and print, but not measure a print layout; through the protocol
a test can switch a page to print media at A4 width, ask the page itself what it laid out, and
print it. Standard library only: one Chromium process per use, messages are JSON ended by NUL
on file descriptors 3 (to Chromium) and 4 (from it).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.browser.test_export_in_chromium import FLAGS, fresh_profile

A4_MM = (210, 297)
PX_PER_MM = 96 / 25.4


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], to_browser: int,
                 from_browser: int) -> None:
        self.process = process
        self.to_browser = to_browser
        self.from_browser = from_browser
        self.buffer = b""
        self.next_id = 0
        self.session: str | None = None

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found

    def call(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read(timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def open(self, url: str, width: int, height: int) -> None:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        for _ in range(200):
            if self.evaluate("document.readyState") == "complete" and \
                    self.evaluate("document.fonts.status") == "loaded":
                return
            time.sleep(0.05)
        raise TimeoutError(url)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def print_media(self) -> None:
        self.call("Emulation.setEmulatedMedia", media="print")

    def screenshot(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def pdf(self) -> bytes:
        data = self.call("Page.printToPDF", preferCSSPageSize=True, printBackground=True,
                         displayHeaderFooter=False)["data"]
        return base64.b64decode(data)


def _above_four(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


@contextmanager
def chromium_session(chromium: str) -> Iterator[Browser]:
    to_read, to_browser = os.pipe()
    from_browser, to_write = os.pipe()
    # The child's ends above 4, so moving them to 3 and 4 cannot overwrite one with the other.
    to_read, to_write = (_above_four(fd) for fd in (to_read, to_write))
    with fresh_profile() as profile:
        # Chromium reads commands on fd 3 and writes answers on fd 4: bash puts the pipes
        # there and then becomes Chromium.
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        process = subprocess.Popen(
            ["bash", "-c", f'exec "$@" 3<&{to_read} 4>&{to_write}', "bash", *command],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(to_read, to_write), start_new_session=True)
        os.close(to_read)
        os.close(to_write)
        browser = Browser(process, to_browser, from_browser)
        try:
            yield browser
        finally:
            os.close(to_browser)
            os.close(from_browser)
            # Chromium and its helper processes (renderer, GPU, zygote) are one process group:
            # end them all, so none is left writing to the profile being removed.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
