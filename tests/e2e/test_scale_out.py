"""Several processes, one bot, tested as deployed: two ``webhook`` processes behind nginx (Debian's
package, with the README's own example configuration) sharing one throwaway PostgreSQL.

What a person chose must hold whichever process gets their next update, an update Telegram sends
again must be answered once, the counts of both processes must add up exactly, and a process
killed with SIGKILL mid-traffic may lose at most its last ``COUNTS_FLUSH_SECONDS`` of counts.
Everything runs on loopback. Where nginx is not installed these tests are skipped, except in CI
(``CI=true``), which installs it (``.ci/run``) and must run them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.conversation.screens import OpenPage, SetLanguage
from bot.telegram.callbacks import decode_press, encode_action
from tests.e2e.conftest import bot_env
from tests.e2e.fake_telegram import Call, FakeTelegram
from tests.e2e.harness import REPO_ROOT, BotProcess
from tests.e2e.test_postgres import database_counts, everything_stored
from tests.e2e.test_webhook import SECRET, free_port
from tests.postgres import PostgresServer, in_ci

pytestmark = pytest.mark.slow

WEBHOOK_URL = "https://bot.example.org/telegram/webhook"  # the README's example
FLUSH_SECONDS = 2.0
PEOPLE = 700_001  # people in these tests are 700001, 700002...
MISSING = "nginx is not installed (Debian: apt-get install nginx), so the scale-out tests skip"


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def readme_nginx_example() -> str:
    """The nginx configuration the README shows for two processes, as written there."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"and nginx in front of them:\n\n```\n(.*?)```", readme, re.DOTALL)
    assert found, "the README's scale-out section no longer shows an nginx example"
    return found[1]


def nginx_config(folder: Path, listen: int, bots: Sequence[int]) -> str:
    """The README's example with loopback ports, no TLS (the test speaks plain HTTP), wrapped in
    what a whole nginx.conf needs."""
    server = readme_nginx_example()
    for readme_port, port in zip((8081, 8082), bots, strict=True):
        assert f"server 127.0.0.1:{readme_port};" in server
        server = server.replace(f"server 127.0.0.1:{readme_port};", f"server 127.0.0.1:{port};")
    assert "listen 443 ssl;" in server
    server = server.replace("listen 443 ssl;", f"listen 127.0.0.1:{listen};")
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\npid {folder}/nginx.pid;\n"
            f"error_log {folder}/error.log warn;\nevents {{}}\n"
            f"http {{\n    access_log off;\n{temp}\n{server}}}\n")


def write_config(folder: Path, port: int, bots: Sequence[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_config(folder, port, bots), encoding="utf-8")
    return conf


@asynccontextmanager
async def nginx(folder: Path, bots: Sequence[int]) -> AsyncIterator[str]:
    """nginx in front of ``bots``; yields the webhook URL Telegram would post to."""
    binary = find_nginx()
    if binary is None:
        if in_ci():
            pytest.fail(MISSING.replace("skip", "cannot run, and CI must run them"))
        pytest.skip(MISSING)
    port = free_port()
    conf = write_config(folder, port, bots)
    command = [binary, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    check = await asyncio.create_subprocess_exec(*command, "-t", stdout=asyncio.subprocess.PIPE,
                                                 stderr=asyncio.subprocess.STDOUT)
    out, _ = await check.communicate()
    assert check.returncode == 0, out.decode(errors="replace")
    process = await asyncio.create_subprocess_exec(*command, "-g", "daemon off;",
                                                   stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}/telegram/webhook"
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGQUIT)
        try:
            await asyncio.wait_for(process.wait(), 10)
        except TimeoutError:
            process.kill()
            await process.wait()


def two_bots(tg: FakeTelegram, site: Path, database: str) -> tuple[list[int], list[BotProcess]]:
    ports = [free_port(), free_port()]
    processes = [BotProcess(env=bot_env(
        tg, site, HOST="127.0.0.1", PORT=str(port), DATABASE_URL=database,
        WEBHOOK_URL=WEBHOOK_URL, WEBHOOK_SECRET=SECRET,
        COUNTS_FLUSH_SECONDS=str(FLUSH_SECONDS)), args=("webhook",)) for port in ports]
    return ports, processes


async def serving(*bots: BotProcess) -> None:
    await asyncio.gather(*(bot.wait_for_output("serving", timeout=30) for bot in bots))


def handled(bot: BotProcess) -> set[int]:
    """Ids of the updates this process answered (aiogram logs each, by id only)."""
    return {int(n) for n in re.findall(r"Update id=(\d+) is handled", bot.output)}


def buttons(call: Call) -> list[str]:
    markup = call.json_param("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", [])
            for b in row if "callback_data" in b]


async def test_two_processes_behind_nginx_act_as_one_bot(
        tg: FakeTelegram, site: Path, tmp_path: Path, postgres: PostgresServer,
        postgres_url: str) -> None:
    ports, (first, second) = two_bots(tg, site, postgres_url)
    async with first, second, nginx(tmp_path / "nginx", ports) as webhook:
        await serving(first, second)

        async def post(update: dict[str, object]) -> int:
            status, _ = await tg.post_update_to(webhook, update, SECRET)
            return status

        # -- a language chosen holds whichever process gets the next update ---------------
        person = PEOPLE
        mark = tg.mark()
        assert await post(tg.build_message(person, "/language", language_code="en")) == 200
        menu = await tg.wait_for("sendMessage", after=mark, timeout=15)
        choose = encode_action(SetLanguage("zh-Hant"), "en")
        assert choose in buttons(menu)
        message_id = menu.result["message_id"]
        mark = tg.mark()
        assert await post(tg.build_callback(person, choose, message_id=message_id)) == 200
        screen = await tg.wait_for("editMessageText", after=mark, timeout=15)
        presses: list[int] = []

        async def press(data: str) -> Call:
            mark = tg.mark()
            update = tg.build_callback(person, data, message_id=message_id, language_code="en")
            presses.append(int(update["update_id"]))  # type: ignore[call-overload]
            assert await post(update) == 200
            shown = await tg.wait_for("editMessageText", after=mark, timeout=15)
            assert "繁" in (shown.text or ""), "a screen after the choice is not in 繁體中文"
            return shown

        home = encode_action(OpenPage("home"), "zh-Hant")
        for _ in range(4):  # a page, then the menu: nginx sends each to the other process
            screen = await press(next(d for d in buttons(screen) if d != home and isinstance(
                getattr(decode_press(d), "action", None), OpenPage)))
            screen = await press(home)
        await asyncio.sleep(0.3)
        assert handled(first) & set(presses) and handled(second) & set(presses), \
            "one process took every press: nginx did not spread them"

        # -- an update sent again is answered once, whichever process gets the copy -----------
        resent = [tg.build_message(PEOPLE + 1 + i, "/start bladder") for i in range(8)]
        mark = tg.mark()
        for update in resent:  # each copy lands on the other process (round robin)
            statuses = await asyncio.gather(post(update), post(dict(update)))
            assert statuses == [200, 200]
        for _ in resent:
            mark = tg.calls.index(await tg.wait_for("sendMessage", after=mark, timeout=15)) + 1
        await asyncio.sleep(1.0)  # time for any second reply to show up
        replies = Counter(c.int_param("chat_id") for c in tg.calls_of("sendMessage"))
        assert all(replies[PEOPLE + 1 + i] == 1 for i in range(len(resent))), replies
        taken = (first.output + second.output).count("taken by another process")
        assert taken == len(resent)  # PostgreSQL caught each copy, not a process's own memory

        # -- counts from both processes add up exactly ---------------------------------------
        starts = [tg.build_message(PEOPLE + 20 + i, f"/start {page}") for i, page in
                  enumerate(["bladder", "emergency", "selfcheck", "bladder_signs"] * 4)]
        mark = tg.mark()
        assert await asyncio.gather(*(post(u) for u in starts)) == [200] * len(starts)
        for _ in starts:
            mark = tg.calls.index(await tg.wait_for("sendMessage", after=mark, timeout=15)) + 1
        assert await first.stop(signal.SIGTERM) == 0
        assert await second.stop(signal.SIGTERM) == 0
        outputs = first.output + second.output
    found = await database_counts(postgres_url)
    assert found[("start", "")] == len(resent) + len(starts)
    links = {page: n for (event, page), n in found.items() if event == "deep_link"}
    assert links == {"bladder": len(resent) + 4, "emergency": 4, "selfcheck": 4,
                     "bladder_signs": 4}
    views = sum(n for (event, _), n in found.items() if event == "page_view")
    assert views == len(resent) + len(starts) + len(presses)  # every press opened a page
    assert found[("language_change", "")] == 1
    stored = await everything_stored(postgres_url)
    for someone in range(PEOPLE, PEOPLE + 40):
        assert str(someone) not in stored and str(someone) not in outputs
    assert postgres.password not in outputs


async def test_a_process_killed_mid_traffic_loses_at_most_its_flush_window(
        tg: FakeTelegram, site: Path, tmp_path: Path, postgres: PostgresServer,
        postgres_url: str) -> None:
    ports, (first, second) = two_bots(tg, site, postgres_url)
    async with first, second, nginx(tmp_path / "nginx", ports) as webhook:
        await serving(first, second)
        posted: dict[int, int] = {}  # update id -> person
        killed_at = 0.0

        async def traffic(count: int, kill_after: int) -> None:
            nonlocal killed_at
            for i in range(count):
                update = tg.build_message(PEOPLE + 100 + i, "/start bladder")
                update_id = int(update["update_id"])  # type: ignore[call-overload]
                posted[update_id] = PEOPLE + 100 + i
                for _ in range(20):  # as Telegram does: sent again until it gets a 200
                    status, _ = await tg.post_update_to(webhook, dict(update), SECRET)
                    if status == 200:
                        break
                    await asyncio.sleep(0.05)
                if i == kill_after:
                    await second.kill()
                    killed_at = time.monotonic()
                await asyncio.sleep(0.05)

        await traffic(110, kill_after=80)
        await asyncio.sleep(0.5)
        assert await first.stop(signal.SIGTERM) == 0  # writes what it counted since its flush
        by_second = handled(second)
        first_handled = handled(first)
    replies = {c.int_param("chat_id"): c for c in tg.calls_of("sendMessage")}
    answered = {update_id for update_id, someone in posted.items() if someone in replies}
    stored = (await database_counts(postgres_url))[("start", "")]
    # Within the flush window before the kill: what the killed process counted and never wrote.
    window = {update_id for update_id in by_second & answered
              if replies[posted[update_id]].at > killed_at - FLUSH_SECONDS - 0.5}
    assert len(window) < len(by_second & answered)  # the window is not all it did
    assert len(answered) - len(window) <= stored <= len(posted)
    unanswered = set(posted) - answered  # only replies in flight in the killed process
    assert len(unanswered) <= 3 and not unanswered & first_handled
    duplicates = Counter(c.int_param("chat_id") for c in tg.calls_of("sendMessage"))
    assert max(duplicates.values()) == 1
