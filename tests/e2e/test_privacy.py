"""A realistic session with distinctive ids and text; none of it may reach logs or disk. Nor may
anything from updates the bot cannot read, in polling or webhook mode."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.conftest import StartBot, bot_env
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import TEST_TOKEN, BotProcess
from tests.e2e.test_bot import counts, press, send, shown
from tests.e2e.test_webhook import SECRET, free_port

PERSON = 731_559_204_887
OTHER = 590_112_337
NAME, USERNAME = "Philomena", "philomena_q"
TYPED = "my mate Barnabus took 3 bumps in Peckham and feels weird 07700 900987"
LAT, LON = 51.4739, -0.0693


def forms(value: str) -> set[str]:
    """The ways a value could leak: as is, lower-cased, URL-encoded, hex, and in pieces."""
    found = {value, value.lower(), urllib.parse.quote(value), urllib.parse.quote_plus(value)}
    if value.isdigit():
        found.add(hex(int(value)))
    found.update(word for word in value.split() if len(word) >= 5)
    return found


async def test_nothing_personal_reaches_logs_or_disk(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    async with start_bot(LOG_LEVEL="DEBUG", ADMIN_IDS=str(OTHER),
                         COUNTS_FLUSH_SECONDS="0.2") as bot:
        kwargs = {"user": PERSON, "first_name": NAME, "username": USERNAME,
                  "language_code": "zh-hk"}
        welcome = await send(tg, "/start bladder-festival", **kwargs)
        await press(tg, "p:selfcheck:0", welcome.result["message_id"], user=PERSON)
        await press(tg, "f:bladder:1", welcome.result["message_id"], user=PERSON)
        await press(tg, "l:zh-Hans", welcome.result["message_id"], user=PERSON)
        await send(tg, TYPED, **kwargs)
        await send(tg, "/start Barnabus_Peckham-07700900987", **kwargs)
        mark = tg.mark()
        tg.push_location(PERSON, LAT, LON)
        tg.push_photo(PERSON, caption=TYPED)
        await tg.wait_for("sendMessage", after=mark)
        await tg.wait_for("sendMessage", after=tg.mark() - 1)
        await send(tg, "/stats", user=OTHER)  # an admin's id is personal data too
        assert await bot.stop() == 0
        output = bot.output
    stored = b"".join(p.read_bytes() for p in (site / "data").rglob("*") if p.is_file())
    assert {p.name for p in (site / "data").iterdir()} <= {
        "counts.sqlite3", "counts.sqlite3-wal", "counts.sqlite3-shm", "last-good-content"}
    secrets = {str(PERSON), str(OTHER), NAME, USERNAME, TYPED, str(LAT), str(LON),
               "Barnabus", "07700900987", TEST_TOKEN, TEST_TOKEN.split(":")[1]}
    for secret in secrets:
        for form in forms(secret):
            assert form not in output, f"log contains {form!r}"
            assert form.encode() not in stored, f"database contains {form!r}"


# -- updates the library cannot read -------------------------------------------------------------

BAD_NAME, BAD_USERNAME = "Wilhelmina", "wilhelmina_zq"
BAD_TEXT = "Quarantotto Zamboni overdosed near Tooting 07911 385042"
BAD_PERSON = 664_201_993_571


def _user(**changes: object) -> dict[str, object]:
    return {"id": BAD_PERSON, "is_bot": False, "first_name": BAD_NAME, "username": BAD_USERNAME,
            "language_code": "en", **changes}


def _message(**changes: object) -> dict[str, object]:
    chat = {"id": BAD_PERSON, "type": "private", "first_name": BAD_NAME,
            "username": BAD_USERNAME}
    return {"message_id": 77, "date": 1_700_000_000, "chat": chat, "from": _user(),
            "text": BAD_TEXT, **changes}


def unreadable_updates() -> list[dict[str, object]]:
    """Updates of every wrong shape, each carrying the planted name, username, id and text."""
    return [
        {"message": _message(text=[BAD_TEXT])},
        {"message": _message(text={"nested": BAD_TEXT})},
        {"message": _message(**{"from": _user(id=f"{BAD_NAME} {BAD_TEXT}")})},
        {"message": _message(chat=None)},
        {"message": _message(date=f"{BAD_TEXT} yesterday")},
        {"message": _message(entities=[{"type": 5, "offset": BAD_TEXT}])},
        {"message": BAD_TEXT},
        {"message": [BAD_NAME, BAD_USERNAME, BAD_PERSON]},
        {"callback_query": {"id": BAD_TEXT, "from": BAD_NAME, "data": {"t": BAD_TEXT},
                            "chat_instance": BAD_USERNAME}},
        {"inline_query": {"id": "1", "from": _user(language_code=[BAD_TEXT]),
                          "query": 123, "offset": BAD_USERNAME}},
    ]


def only_for_webhooks() -> list[dict[str, object]]:
    """Shapes getUpdates never delivers (Telegram filters by type and always sets update_id)."""
    return [
        {"future_update_kind": {"from": _user(), "text": BAD_TEXT}},
        {},  # no event at all
        {"update_id": f"{BAD_TEXT}", "message": _message()},
        {"update_id": None, "message": _message(text=None, sticker=BAD_TEXT)},
    ]


def planted() -> set[str]:
    return {str(BAD_PERSON), BAD_NAME, BAD_USERNAME, BAD_TEXT, "Quarantotto", "Zamboni",
            "Tooting", "07911"}


def assert_clean(output: str) -> None:
    for secret in planted():
        for form in forms(secret):
            assert form not in output, f"log contains {form!r}"
    for noise in ("Traceback", "Task exception was never retrieved", "RuntimeWarning",
                  "ValidationError:"):
        assert noise not in output


@pytest.mark.slow
async def test_unreadable_updates_are_skipped_by_polling_and_never_logged(
        tg: FakeTelegram, start_bot: StartBot, site: Path) -> None:
    bad = unreadable_updates()
    async with start_bot(LOG_LEVEL="DEBUG") as bot:
        mark = tg.mark()
        # One batch: a good message, every bad shape, another good message.
        tg.push_message(PERSON, "/start")
        for update in bad:
            tg.push_update(update)
        tg.push_message(OTHER, "/start bladder")
        first = await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(PERSON),
                                  after=mark)
        second = await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(OTHER),
                                   after=mark)
        assert "stores nothing about you" in shown(first)
        assert shown(second).startswith("Bladder")
        # Polling goes on, and the offset moved past the bad ones (they are not fetched again).
        later = await send(tg, "/start", user=PERSON + 1)
        assert "stores nothing about you" in shown(later)
        assert tg.pending_updates == []
        await bot.wait_for_output("skipped an update")
        assert await bot.stop() == 0
        output = bot.output
    assert [c for c in tg.calls if c.is_("sendMessage")
            and c.params["chat_id"] == str(BAD_PERSON)] == []
    assert output.count("skipped an update") == len(bad)
    assert_clean(output)
    assert counts(site)[("update_skipped", "", "", "")] == len(bad)


@pytest.mark.slow
async def test_webhook_skips_unreadable_updates_refuses_non_json_and_answers_once(
        tg: FakeTelegram, site: Path) -> None:
    port = free_port()
    env = bot_env(tg, site, HOST="127.0.0.1", PORT=str(port), LOG_LEVEL="DEBUG",
                  WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_SECRET=SECRET)
    url = f"http://127.0.0.1:{port}/hook"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    bad = [*unreadable_updates(), *only_for_webhooks()]
    async with BotProcess(env=env, args=("webhook",)) as bot:
        await bot.wait_for_output("serving", timeout=30)
        async with aiohttp.ClientSession() as http:
            for update in bad:
                update.setdefault("update_id", 900_000 + len(str(update)))
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == 200
            for body in (f"{BAD_TEXT} {BAD_NAME}", '{"message": ', "\xff\xfe garbage",
                         json.dumps([{"message": _message()}])):
                async with http.post(url, data=body.encode("utf-8", "surrogateescape"),
                                     headers=headers) as response:
                    assert response.status == 400
            # A good update sent twice (Telegram resends when unsure) is answered once.
            mark = tg.mark()
            good = tg.build_message(PERSON, "/start bladder", first_name=NAME, username=USERNAME)
            for _ in range(2):
                async with http.post(url, json=good, headers=headers) as response:
                    assert response.status == 200
            reply = await tg.wait_for("sendMessage", after=mark)
            assert shown(reply).startswith("Bladder")
            await send_webhook(http, url, headers, tg.build_message(OTHER, "/start"))
            await tg.wait_for("sendMessage", lambda c: c.params["chat_id"] == str(OTHER),
                              after=mark)
        assert await bot.stop() == 0
        output = bot.output
    assert len([c for c in tg.calls[mark:] if c.is_("sendMessage")]) == 2
    assert output.count("skipped an update") == len(bad)
    assert_clean(output)
    assert counts(site)[("update_skipped", "", "", "")] == len(bad)


async def send_webhook(http: aiohttp.ClientSession, url: str, headers: dict[str, str],
                       update: dict[str, object]) -> None:
    async with http.post(url, json=update, headers=headers) as response:
        assert response.status == 200
