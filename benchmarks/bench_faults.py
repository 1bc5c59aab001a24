"""Replies under a Telegram outage: the figures in the README's "When Telegram fails" table.

One person writes each second for 30 s while every ``sendMessage`` fails (429, 500, or a proxy's
502 HTML page); the real bot process runs against the fake Bot API. Prints, per outage, how many
people were answered, duplicates and the requests made. Takes about four minutes.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.fake_telegram import FakeTelegram  # noqa: E402
from tests.e2e.harness import TEST_TOKEN, BotProcess  # noqa: E402

PEOPLE = 30


async def outage(label: str, status: int, html: bool, retry_after: int | None) -> None:
    site = Path(tempfile.mkdtemp())
    async with FakeTelegram() as tg:
        env = {"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": tg.base_url,
               "CONTENT_DIR": str(ROOT / "content"), "LOCALES_DIR": str(ROOT / "locales"),
               "DATABASE_PATH": str(site / "counts.sqlite3"), "LOG_LEVEL": "WARNING"}
        async with BotProcess(env=env, args=("run",)) as bot:
            await tg.wait_for("getUpdates", timeout=60)
            tg.fail_for("sendMessage", 30.0, status=status, retry_after=retry_after, html=html)
            mark = tg.mark()
            start = time.monotonic()
            for n in range(PEOPLE):
                tg.push_message(5000 + n, "/start")
                await asyncio.sleep(1.0)
            await asyncio.sleep(45)
            sent = [c for c in tg.calls[mark:] if c.is_("sendMessage")]
            chats = [c.params["chat_id"] for c in sent if not c.failed]
            last = max((c.at for c in sent if not c.failed), default=start) - start
            print(f"30 s of {label}: {len(set(chats))}/{PEOPLE} people answered, "
                  f"{len(chats) - len(set(chats))} duplicates, {len(sent)} sendMessage "
                  f"requests, last reply at {last:.1f} s", flush=True)
            await bot.stop()
    shutil.rmtree(site)


async def main() -> None:
    await outage("429 (retry_after 5)", 429, False, 5)
    await outage("500", 500, False, None)
    await outage("502 HTML pages", 502, True, None)


if __name__ == "__main__":
    asyncio.run(main())
