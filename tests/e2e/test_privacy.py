"""A realistic session with distinctive ids and text; none of it may reach logs or disk."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

from tests.e2e.conftest import StartBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import TEST_TOKEN
from tests.e2e.test_bot import press, send

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
