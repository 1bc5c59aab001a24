"""One person sending crafted messages cannot hold up anyone else (issue #28), through the real
bot (in this process, polling the fake Bot API)."""

from __future__ import annotations

import time

from tests.e2e.conftest import RunBot
from tests.e2e.fake_telegram import FakeTelegram
from tests.hostile_text import TELEGRAM_MESSAGE_CHARS, crafted


async def test_crafted_messages_leave_a_crisis_answered_within_a_second(
        tg: FakeTelegram, run_bot: RunBot) -> None:
    hostile = list(crafted(TELEGRAM_MESSAGE_CHARS).values())
    async with run_bot():
        mark = tg.mark()
        flooder = 666
        for text in hostile[:10]:  # one person, as many as the flood limit lets through at once
            tg.push_message(flooder, text)
        senders = list(range(1000, 1040))  # forty people, each one crafted message of 300
        for n, person in enumerate(senders):
            tg.push_message(person, hostile[n % len(hostile)][:300])
        sent_at = time.monotonic()
        tg.push_message(7, "my friend is not breathing")
        crisis = await tg.wait_for("sendMessage", lambda c: str(c.params.get("chat_id")) == "7",
                                   after=mark, timeout=10)
        # First of all the replies, and quickly: within a second on a quiet machine (two on a
        # busy one, so that the test measures the bot rather than the machine).
        assert next(c for c in tg.calls[mark:] if c.is_("sendMessage")) is crisis
        assert crisis.at - sent_at < 2.0
        for person in [*senders, flooder]:
            await tg.wait_for("sendMessage",
                              lambda c, p=person: str(c.params.get("chat_id")) == str(p),
                              after=mark, timeout=10)
