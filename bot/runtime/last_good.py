"""A copy of the last content that loaded and checked cleanly, so a typo in a content file never
keeps the bot from starting: it serves the last good copy and says what to fix."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from bot.conversation.screen_builder import ScreenBuilder
from bot.model.problems import ContentError

log = logging.getLogger(__name__)


class LastGoodContent:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def content_dir(self) -> Path:
        return self.folder / "content"

    @property
    def locales_dir(self) -> Path:
        return self.folder / "locales"

    def save(self, content_dir: Path, locales_dir: Path) -> None:
        """Copy both folders, then swap the copy in, so a crash never leaves half a snapshot."""
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".last-good-", dir=self.folder.parent))
            shutil.copytree(content_dir, staging / "content")
            shutil.copytree(locales_dir, staging / "locales")
            old = self.folder.with_name(self.folder.name + ".old")
            if old.exists():
                shutil.rmtree(old)
            if self.folder.exists():
                self.folder.rename(old)
            staging.rename(self.folder)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            log.warning("could not keep a copy of the last good content (%s)",
                        type(exc).__name__)

    def load(self) -> ScreenBuilder | None:
        if not self.content_dir.is_dir():
            return None
        try:
            return ScreenBuilder.load(self.content_dir, self.locales_dir)
        except ContentError:
            return None
