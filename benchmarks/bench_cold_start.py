"""Cold start: from process start to the first poll, and to the first reply, beside a bare bot.

On platforms that put idle processes to sleep, the first person after a pause waits for the
bot's start-up. Each round starts ``python -m bot run`` and a bare aiogram bot
(``bare_bot.py``: one /start handler, the same client stack) as fresh processes against a local
fake Bot API (tests/e2e/fake_telegram.py) that already holds a ``/start`` message, and records,
on the one monotonic clock all processes share:

- **first poll**: process start → the first ``getUpdates`` request;
- **first reply**: process start → the ``sendMessage`` answering that ``/start``.

Rounds alternate ours and bare so that both see the same machine load; the medians and the ratio
ours / bare are printed. ``--profile-imports`` adds ``python -X importtime`` for our bot, summed
per top-level package, to see what the start-up spends on imports.

    .venv/bin/python benchmarks/bench_cold_start.py [--rounds 7] [--json] [--strict]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "123456:cold-start-benchmark"
TARGET_RATIO = 1.3  # first poll, ours / bare
BARE_BOT = Path(__file__).with_name("bare_bot.py")


@dataclass
class Start:
    poll: float  # seconds from process start to the first getUpdates
    reply: float  # ... to the sendMessage answering /start


async def one_start(tg: FakeTelegram, command: list[str], env: dict[str, str],
                    chat_id: int) -> Start:
    mark = tg.mark()
    tg.push_message(chat_id, "/start")
    began = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE)
    try:
        polled = await tg.wait_for("getUpdates", timeout=60, after=mark)
        replied = await tg.wait_for("sendMessage", timeout=60, after=mark)
    except Exception:
        process.kill()
        _, err = await process.communicate()
        raise RuntimeError(f"{command[-1]} did not start:\n{err.decode()[-2000:]}") from None
    process.terminate()
    await process.wait()
    return Start(polled.at - began, replied.at - began)


def environment(tg: FakeTelegram, data: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "CONTENT_", "LOCALES_"))}
    env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=tg.base_url, LOG_LEVEL="WARNING",
               DATABASE_PATH=str(data / "counts.sqlite3"), PYTHONDONTWRITEBYTECODE="")
    return env


async def measure(rounds: int) -> dict[str, list[Start]]:
    results: dict[str, list[Start]] = {"ours": [], "bare": []}
    commands = {"ours": [sys.executable, "-m", "bot", "run"],
                "bare": [sys.executable, str(BARE_BOT)]}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as folder:
        async with FakeTelegram() as tg:
            env = environment(tg, Path(folder))
            for name in commands:  # once each first: byte-compiled files and the page cache
                await one_start(tg, commands[name], env, 1)
            for number in range(rounds):
                order = ["ours", "bare"] if number % 2 == 0 else ["bare", "ours"]
                for name in order:
                    results[name].append(await one_start(tg, commands[name], env, 2 + number))
    return results


def import_profile(top: int = 12) -> list[tuple[str, float]]:
    """Seconds our bot's start-up imports spend in each top-level package (``-X importtime``
    self times, so a package is not charged for what it imports)."""
    code = "import bot.cli, bot.telegram.app"
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    totals: dict[str, float] = {}
    for line in result.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if found:
            package = found[2].split(".")[0]
            totals[package] = totals.get(package, 0.0) + int(found[1]) / 1e6
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


PHASES = """
import json, sys, time
from pathlib import Path
marks = [("start", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import aiogram.client.session.aiohttp, aiogram.filters  # what any aiogram bot imports
mark("import aiogram")
import bot.cli, bot.telegram.app
mark("import our modules")
from bot.conversation.screen_builder import ScreenBuilder
from bot.checking.check import check_content
from bot.telegram.callbacks import encode_action
content, locales = Path(sys.argv[1]), Path(sys.argv[2])
builder = ScreenBuilder.load(content, locales)
mark("load and validate the content")
check_content(builder, encode_action=encode_action)
mark("check (renders every screen)")
builder.search_index
mark("search index (after polling starts)")
builder.warm()
mark("warm the remaining screens")
print(json.dumps({name: round(at - marks[i][1], 4) for i, (name, at) in enumerate(marks[1:])}))
"""


def phases() -> dict[str, float]:
    """Where our start-up goes, measured in one fresh process, in the order the bot does it."""
    result = subprocess.run([sys.executable, "-c", PHASES, str(ROOT / "content"),
                             str(ROOT / "locales")], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    found: dict[str, float] = json.loads(result.stdout)
    return found


def summary(results: dict[str, list[Start]]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for name, starts in results.items():
        figures[f"{name}_poll_s"] = statistics.median(s.poll for s in starts)
        figures[f"{name}_reply_s"] = statistics.median(s.reply for s in starts)
    figures["poll_ratio"] = figures["ours_poll_s"] / figures["bare_poll_s"]
    figures["reply_ratio"] = figures["ours_reply_s"] / figures["bare_reply_s"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    parser.add_argument("--strict", action="store_true",
                        help=f"exit 1 when the first-poll ratio is over {TARGET_RATIO}")
    parser.add_argument("--profile-imports", action="store_true")
    parser.add_argument("--phases", action="store_true",
                        help="also time our start-up step by step in one fresh process")
    args = parser.parse_args(argv)
    results = asyncio.run(measure(max(1, args.rounds)))
    figures = summary(results)
    met = figures["poll_ratio"] <= TARGET_RATIO
    if args.json:
        print(json.dumps({**figures, "target_ratio": TARGET_RATIO, "met": met,
                          "rounds": {k: [asdict(s) for s in v] for k, v in results.items()}}))
    else:
        print(f"cold start, median of {args.rounds} rounds (seconds from process start)")
        print(f"{'':12}{'first poll':>12}{'first reply':>13}")
        for name in ("ours", "bare"):
            print(f"{name:12}{figures[f'{name}_poll_s']:>12.3f}{figures[f'{name}_reply_s']:>13.3f}")
        print(f"cold start ratio (ours / bare, first poll): {figures['poll_ratio']:.2f}x "
              f"(target <= {TARGET_RATIO}x: {'PASS' if met else 'FAIL'})")
        print(f"first reply ratio (ours / bare): {figures['reply_ratio']:.2f}x")
        if args.phases:
            print("our start-up step by step (seconds):")
            for name, seconds in phases().items():
                print(f"  {name:40}{seconds:.3f}")
        if args.profile_imports:
            print("imports at start-up, seconds by package (self time):")
            for package, seconds in import_profile():
                print(f"  {package:24}{seconds:.3f}")
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
