"""Reloading content into a running bot: validate first, then swap in one step.

A reload that finds errors changes nothing, so people keep getting the last good content while
the errors go to the log and to the admin who asked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.checking.check import check_content
from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import Action
from bot.model.problems import ContentError, Problem
from bot.runtime.last_good import LastGoodContent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    pages: int
    problems: list[Problem] = field(default_factory=list)


def load_checked(content_dir: Path, locales_dir: Path,
                 encode_action: Callable[[Action], str] | None = None,
                 ) -> tuple[ScreenBuilder | None, list[Problem]]:
    """Content as the running bot accepts it, the one way for start-up, reload and the last good
    copy: loaded, then checked as ``python -m bot check`` does. (None, the errors) if any."""
    try:  # checked with its drafts, so a draft that would break a live page is refused
        builder = ScreenBuilder.load(content_dir, locales_dir, drafts=True)
    except ContentError as exc:
        return None, exc.problems
    crisis_dir = content_dir / "crisis"  # its examples must pass, as in `check`
    report = check_content(builder, encode_action=encode_action,
                           crisis_dir=crisis_dir if crisis_dir.is_dir() else None,
                           vocabulary=False)  # warnings only: serving reads errors
    if report.errors:
        return None, report.errors
    return builder.for_serving(), []


@dataclass(frozen=True)
class StartContent:
    """What the bot starts serving: the content (None if there is nothing good to serve) and the
    errors of the content folder, if it has any."""

    builder: ScreenBuilder | None
    problems: list[Problem]


def content_to_serve(content_dir: Path, locales_dir: Path, last_good: LastGoodContent,
                     encode_action: Callable[[Action], str] | None = None) -> StartContent:
    """The start-up policy, one place for both modes: the content folder, checked as a reload
    checks it and then kept as the last good copy; if it has errors, the last good copy, if it
    still passes today's checks (a newer bot may check more); else nothing to serve."""
    builder, problems = load_checked(content_dir, locales_dir, encode_action)
    if builder is not None:
        last_good.save(content_dir, locales_dir)
        return StartContent(builder, [])
    previous: ScreenBuilder | None = None
    if last_good.content_dir.is_dir():
        previous, stale = load_checked(last_good.content_dir, last_good.locales_dir,
                                       encode_action)
        if previous is None:
            log.error("the last good copy does not pass today's checks either (%d error(s))",
                      len(stale))
    if previous is not None:
        log.error("content has errors; serving the last good copy from %s until they are "
                  "fixed and the content is reloaded", last_good.folder)
    return StartContent(previous, problems)


class ContentReloader:
    def __init__(self, guide: Guide, content_dir: Path, locales_dir: Path,
                 encode_action: Callable[[Action], str] | None = None,
                 last_good: LastGoodContent | None = None) -> None:
        self.guide = guide
        self.last_good = last_good
        self.content_dir = content_dir
        self.locales_dir = locales_dir
        self.encode_action = encode_action
        self._lock = asyncio.Lock()
        # What the watcher last saw; None until ``watch`` starts (no file walk otherwise).
        self._seen: tuple[tuple[str, int, int], ...] | None = None

    def _load_and_check(self) -> tuple[ScreenBuilder | None, list[Problem]]:
        builder, problems = load_checked(self.content_dir, self.locales_dir,
                                           self.encode_action)
        if builder is not None:
            builder.warm()
        return builder, problems

    async def reload(self) -> ReloadResult:
        """Load in a worker thread (replies keep flowing), then swap on the event loop."""
        async with self._lock:
            if self._seen is not None:
                self._seen = await asyncio.to_thread(self.fingerprint)
            builder, problems = await asyncio.to_thread(self._load_and_check)
            if builder is None:
                log.error("content reload refused; still serving the last good content. "
                          "%d problem(s):", len(problems))
                for problem in problems:
                    log.error("  %s", problem.labelled())
                return ReloadResult(False, len(self.guide.builder.content.pages), problems)
            self.guide.replace_builder(builder)
            log.info("content reloaded: %d pages", len(builder.content.pages))
            if self.last_good is not None:
                await asyncio.to_thread(self.last_good.save, self.content_dir, self.locales_dir)
            return ReloadResult(True, len(builder.content.pages))

    def fingerprint(self) -> tuple[tuple[str, int, int], ...]:
        """Names, sizes and modification times of every content and UI-strings file."""
        entries: list[tuple[str, int, int]] = []
        for root in (self.content_dir, self.locales_dir):
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    entries.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(entries)

    async def take_baseline(self) -> None:
        """What the watcher compares against. Taken before the bot starts serving, so an edit
        made once it serves is always seen as a change."""
        self._seen = await asyncio.to_thread(self.fingerprint)

    async def watch(self, interval: float) -> None:
        """Reload when files change; waits for a quiet interval so half-saved edits are skipped."""
        if self._seen is None:
            await self.take_baseline()
        while True:
            await asyncio.sleep(interval)
            current = await asyncio.to_thread(self.fingerprint)
            if current == self._seen:
                continue
            await asyncio.sleep(interval)
            if await asyncio.to_thread(self.fingerprint) == current:
                await self.reload()
