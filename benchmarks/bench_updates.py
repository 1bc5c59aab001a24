"""Per-update cost and memory of K Safer's dispatcher, compared with a bare aiogram bot.

    python benchmarks/bench_updates.py [--updates N] [--rounds R] [--json] [--strict]
    python benchmarks/bench_updates.py --profile [ours|bare|reference]  # cProfile, one pass
    python benchmarks/bench_updates.py --trace-memory                   # what ours keeps

A realistic mix of Telegram updates (``/start``, deep links, button presses on real page ids,
stale buttons, typed text, stickers, ... from many people and language codes) is built once and
fed, update by update, with ``await dp.feed_update(bot, update)`` through

* **ours**: ``build_dispatcher(Guide(load_checked(content, locales), Tally()))``: content loaded
  and checked as start-up does, with the middlewares and workflow data it gets in production,
* **bare**: a Dispatcher with one echoing message handler and one callback handler that
  answers and edits the message with a fixed text, and
* **reference** (informational): the bare bot replying with a fixed inline keyboard,

all talking to the same in-process fake Bot API session (``fake_session.py``). Each bot runs in
its own subprocess, so peak memory is comparable; ``--rounds`` rounds are run and the medians
reported. See ``benchmarks/README.md``.

Exit code: 0, or 1 with ``--strict`` when a target is missed, or 2 when the bots did not answer
the updates they should have (the figures would then be meaningless).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from bot.conversation.screen_builder import ScreenBuilder

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

DEFAULT_UPDATES = 2000
DEFAULT_ROUNDS = 3
MAX_TIME_RATIO = 2.0  # ours may cost at most this many times the bare bot per update
MAX_EXTRA_MB = 40.0  # ... and add at most this much peak memory
VARIANTS = ("ours", "bare", "reference")
LABELS = {"ours": "ours (K Safer)", "bare": "bare aiogram", "reference": "bare + keyboard"}
# The reference bot answers like the bare one, but with a reply about as big as ours on average
# (measured: ~8.5 inline buttons and ~340 characters per reply), built once and reused. It
# separates what any aiogram bot pays to send inline keyboards from what our own code costs.
REFERENCE_ROWS = (("Effects", "Staying safer"), ("Mixing", "Bladder"), ("Get help", "About"),
                  ("‹ Back", "🏠 Menu"))
REFERENCE_TEXT = (
    "<b>Staying safer</b>\n\nKetamine affects how you move, see and feel. Plan ahead:\n\n"
    "• Use less, and less often.\n• Stay with people you trust, somewhere safe and warm.\n"
    "• Don't mix with alcohol or other downers.\n• Sit or lie down before it starts to work.\n\n"
    "<b>If someone can't be woken, call an ambulance.</b>"
)
NOW = 1_767_225_600  # a fixed "date" for every message, so runs are reproducible
# Typed text counts exactly one of these, depending on what was typed (crisis words, a search
# that finds pages or not); the benchmark predicts only that one of them is counted.
TYPED = "typed text (any outcome)"
TYPED_OUTCOMES = frozenset({"search_hit", "search_miss", "crisis_route"})

Json = dict[str, Any]

# Telegram language codes people actually send, with rough weights; None = no code at all.
LANGUAGE_CODES: tuple[tuple[str | None, int], ...] = (
    ("en", 28), ("en-GB", 6), ("en-US", 4), ("zh-hans", 12), ("zh-cn", 10), ("zh-sg", 1),
    ("zh-hk", 9), ("zh-tw", 8), ("zh-hant", 4), ("zh-mo", 1), ("de", 4), ("es", 3), ("ru", 3),
    ("pt-br", 2), (None, 5),
)

# What kind of update, with its share of the mix (per cent).
MIX: tuple[tuple[str, float], ...] = (
    ("start", 8), ("deep_link", 5), ("deep_link_unknown", 2), ("command", 5), ("press", 58),
    ("press_stale", 5), ("text", 10), ("sticker", 3), ("photo", 1), ("edited", 1.5),
    ("blocked", 1.5),
)
CAMPAIGNS = ("festival", "card", "poster", "outreach", "venue42", None, None, None)
UNKNOWN_PAYLOADS = (
    "no_such_page", "no_such_page-festival", "Bladder", "home--x", "bad!payload", "a" * 70,
    "bladder_signs-", "-festival", "x" * 33,
)
STALE_CALLBACKS = (
    "p:retired_page:0", "p:home:9", "p:home:-1", "p:home:abc", "p:", "s:retired_page",
    "l:xx", "l:fr", "zz:1", "menu", "p:bladder_signs:0:extra",
)
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # command, events it should count
    ("/menu", ("start",)),
    ("/language", ("language_menu",)),
    ("/emergency", ("page_view:emergency",)),
    ("/help", ("page_view:emergency",)),
    ("/about", ("page_view:about",)),
)
TEXTS = (
    "hi", "hello?", "how much is safe", "is it ok with alcohol", "help", "你好", "膀胱痛怎么办",
    "尿頻係咪K仔膀胱", "k仔", "🙂", "👍👍", "<b>not html</b> & <stuff>", "/unknown_command",
    "thanks", "my friend won't wake up what do i do",
    "I have been using most weekends for about two years and lately I need to pee all the "
    "time, sometimes it burns, and last week there was a bit of blood. Is that the ket? "
    "I don't want to tell my GP because I'm worried they will judge me or tell someone.",
)

# Edits are ignored by both bots, except that ours answers an edit into a crisis (which the bare
# bot cannot know): edits here are of ordinary messages, so both bots do the same.
EDIT_TEXTS = tuple(text for text in TEXTS if "wake up" not in text)


# ---------------------------------------------------------------------------------------------
# Memory helpers (Linux: /proc; elsewhere only the peak from getrusage is available)


def current_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return peak_rss_kb()


def peak_rss_kb() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes


# ---------------------------------------------------------------------------------------------
# The workload


@dataclass
class Workload:
    updates: list[Json] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)  # what ours should count
    should_reply: list[bool] = field(default_factory=list)  # per update
    message_replies: int = 0  # updates answered with sendMessage
    callbacks: int = 0  # updates answered with answerCallbackQuery + editMessageText

    @property
    def replies(self) -> int:
        return self.message_replies + self.callbacks

    def expected_requests(self) -> dict[str, int]:
        return {"sendMessage": self.message_replies, "editMessageText": self.callbacks,
                "answerCallbackQuery": self.callbacks}


class UpdateFactory:
    """Update dicts shaped like the Bot API's (see tests/e2e/fake_telegram.py)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._update_id = 100_000
        self._message_id = 1
        self._query_id = 1

    def _next_update(self) -> int:
        self._update_id += 1
        return self._update_id

    def _next_message(self) -> int:
        self._message_id += 1
        return self._message_id

    @staticmethod
    def user(user_id: int, language_code: str | None) -> Json:
        user: Json = {"id": user_id, "is_bot": False, "first_name": "Someone"}
        if language_code is not None:
            user["language_code"] = language_code
        return user

    @staticmethod
    def chat(user: Json) -> Json:
        return {"id": user["id"], "type": "private", "first_name": user["first_name"]}

    def message(self, user: Json, key: str = "message", **content: Any) -> Json:
        message: Json = {"message_id": self._next_message(), "from": user,
                         "chat": self.chat(user), "date": NOW, **content}
        if key == "edited_message":
            message["edit_date"] = NOW + 30
        return {"update_id": self._next_update(), key: message}

    def text(self, user: Json, text: str) -> Json:
        if text.startswith("/"):
            command = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            return self.message(user, text=text, entities=entities)
        return self.message(user, text=text)

    def callback(self, user: Json, data: str) -> Json:
        self._query_id += 1
        shown = {"message_id": self.rng.randint(1, 40_000), "from": {**_bot_user()},
                 "chat": self.chat(user), "date": NOW - 90, "text": "K Safer"}
        query = {"id": f"{user['id']}{self._query_id}", "from": user, "message": shown,
                 "chat_instance": f"ci{user['id']}", "data": data}
        return {"update_id": self._next_update(), "callback_query": query}

    def sticker(self, user: Json) -> Json:
        sticker = {"file_id": f"CAACAgI{self.rng.getrandbits(48):x}", "file_unique_id": "AgAD1",
                   "type": "regular", "width": 512, "height": 512, "is_animated": False,
                   "is_video": False, "emoji": self.rng.choice(["👍", "😂", "🙏", "❤️"])}
        return self.message(user, sticker=sticker)

    def photo(self, user: Json) -> Json:
        sizes = [{"file_id": f"AgACAgQ{n}{self.rng.getrandbits(40):x}",
                  "file_unique_id": f"AQAD{n}", "width": w, "height": w, "file_size": w * 40}
                 for n, w in enumerate((90, 320, 800))]
        return self.message(user, photo=sizes)

    def blocked(self, user: Json) -> Json:
        """The person blocked the bot: Telegram sends my_chat_member; nobody should reply."""
        bot = _bot_user()
        change = {"chat": self.chat(user), "from": user, "date": NOW,
                  "old_chat_member": {"status": "member", "user": bot},
                  "new_chat_member": {"status": "kicked", "user": bot, "until_date": 0}}
        return {"update_id": self._next_update(), "my_chat_member": change}


def _bot_user() -> Json:
    from fake_session import BOT_USER

    return dict(BOT_USER)


def _press_events(builder: ScreenBuilder, data: str) -> list[str] | None:
    """The events ours counts for this callback data (None: it would not be stale-free)."""
    from bot.conversation.screens import (
        ChooseLanguage,
        Feedback,
        OpenPage,
        SetLanguage,
        ShowSources,
    )
    from bot.model.model import LOCALES
    from bot.telegram.callbacks import decode_action

    action = decode_action(data)
    if action is None:
        return ["stale_button"]
    if isinstance(action, OpenPage):
        # A part that exists in one language may not in another; count only clear-cut presses.
        screens = [builder.page(action.page, locale, action.part) for locale in LOCALES]
        if all(screen is None for screen in screens):
            return ["stale_button"]
        if any(screen is None for screen in screens):
            return None
        return _page_view(builder, action.page) if action.part == 0 else []
    if isinstance(action, ShowSources):
        return ["sources_view"] if builder.content.has_page(action.page) else ["stale_button"]
    if isinstance(action, ChooseLanguage):
        return ["language_menu"]
    if isinstance(action, SetLanguage):
        return ["language_change"] if action.locale in LOCALES else ["stale_button"]
    if isinstance(action, Feedback):  # "Was this useful?"
        if not builder.content.has_page(action.page):
            return ["stale_button"]
        return ["useful_yes" if action.useful else "useful_no"]
    return None


def _page_view(builder: ScreenBuilder, page: str) -> list[str]:
    outcome = builder.content.pages[page].outcome
    return ["page_view", "selfcheck_outcome"] if outcome else ["page_view"]


def real_callback_data(builder: ScreenBuilder) -> list[tuple[str, list[str]]]:
    """callback_data of every button on every screen, in every language (repeats kept, so
    buttons on many screens, like Menu and Emergency, are pressed as often as they appear)."""
    from bot.conversation.screens import OpenUrl, Screen
    from bot.model.model import LOCALES
    from bot.telegram.callbacks import encode_action

    screens: list[Screen] = []
    for locale in LOCALES:
        screens += [builder.welcome(locale), builder.language_menu(locale),
                    builder.other_message(locale), builder.gone(locale)]
        for page in sorted(builder.content.pages):
            for part in range(len(builder.parts(page, locale))):
                screen = builder.page(page, locale, part)
                if screen is not None:
                    screens.append(screen)
            sources = builder.sources(page, locale)
            if sources is not None:
                screens.append(sources)
    pool: list[tuple[str, list[str]]] = []
    for screen in screens:
        for button in screen.buttons():
            if isinstance(button.action, OpenUrl):
                continue
            data = encode_action(button.action)
            events = _press_events(builder, data)
            if events is not None:
                pool.append((data, events))
    return pool


def build_workload(builder: ScreenBuilder, count: int, seed: int = 2026) -> Workload:
    from bot.conversation.deeplinks import make_payload

    rng = random.Random(seed)
    factory = UpdateFactory(rng)
    codes = [code for code, _ in LANGUAGE_CODES]
    code_weights = [weight for _, weight in LANGUAGE_CODES]
    people = [factory.user(rng.randrange(10**6, 8 * 10**9), rng.choices(codes, code_weights)[0])
              for _ in range(max(50, count // 3))]
    pages = sorted(builder.content.pages)
    presses = real_callback_data(builder)
    stale = [(data, _press_events(builder, data) or ["stale_button"])
             for data in STALE_CALLBACKS]
    kinds = [kind for kind, _ in MIX]
    kind_weights = [weight for _, weight in MIX]
    work = Workload()

    for _ in range(count):
        user = rng.choice(people)
        kind = rng.choices(kinds, kind_weights)[0]
        work.kinds[kind] += 1
        events: list[str] = []
        if kind == "start":
            update = factory.text(user, "/start")
            events = ["start"]
        elif kind == "deep_link":
            page = rng.choice(pages)
            payload = make_payload(page, rng.choice(CAMPAIGNS))
            update = factory.text(user, f"/start {payload}")
            events = ["start", "deep_link", *_page_view(builder, page)]
        elif kind == "deep_link_unknown":
            update = factory.text(user, f"/start {rng.choice(UNKNOWN_PAYLOADS)}")
            events = ["start", "deep_link_unknown"]
        elif kind == "command":
            command, expected = rng.choice(COMMANDS)
            update = factory.text(user, command)
            for event in expected:
                name, _, page = event.partition(":")
                events += _page_view(builder, page) if name == "page_view" else [name]
        elif kind in ("press", "press_stale"):
            data, events = rng.choice(presses if kind == "press" else stale)
            update = factory.callback(user, data)
        elif kind == "text":
            update = factory.text(user, rng.choice(TEXTS))
            events = [TYPED]
        elif kind == "sticker":
            update = factory.sticker(user)
            events = ["other_message"]
        elif kind == "photo":
            update = factory.photo(user)
            events = ["other_message"]
        elif kind == "edited":
            update = factory.message(user, "edited_message", text=rng.choice(EDIT_TEXTS))
        else:  # blocked
            update = factory.blocked(user)
        work.updates.append(update)
        work.events.update(events)
        if "callback_query" in update:
            work.callbacks += 1
        elif "message" in update:
            work.message_replies += 1
        work.should_reply.append("callback_query" in update or "message" in update)
    return work


# ---------------------------------------------------------------------------------------------
# The two bots (built inside the child process, after the baseline memory reading)

EventsFn = Callable[[], Counter[str]]


def build_ours(content_dir: Path, locales_dir: Path) -> tuple[Dispatcher, EventsFn]:
    """Our dispatcher with the middlewares and workflow data ``Runtime`` gives it in production.

    The flood-control limit is set out of reach: the benchmark sends one person's updates far
    faster than a person can, and it measures answering them, not dropping them.
    """
    from bot.conversation.guide import Guide
    from bot.reporting.tally import Tally
    from bot.runtime.reloading import load_checked
    from bot.telegram.app import build_dispatcher
    from bot.telegram.callbacks import encode_action
    from bot.telegram.middlewares import Throttle

    tally = Tally()
    # Loaded and checked as start-up does, so the memory is what a running bot holds.
    builder, problems = load_checked(content_dir, locales_dir, encode_action)
    if builder is None:
        raise SystemExit(f"the content does not pass check: {problems[0]}")
    guide = Guide(builder, tally)
    dispatcher = build_dispatcher(guide,
                                  throttle=Throttle(per_minute=1e12, burst=10**12))
    dispatcher.workflow_data.update(admins=frozenset())  # nobody here is an admin

    def events() -> Counter[str]:
        counted: Counter[str] = Counter()
        for key, number in tally.drain().items():
            counted[key.event] += number
        return counted

    return dispatcher, events


def build_bare(reference: bool = False) -> tuple[Dispatcher, EventsFn]:
    """The bare bot echoes text and edits a pressed message with a fixed text; the reference
    bot replies to both with REFERENCE_TEXT and a fixed inline keyboard."""
    from aiogram import Dispatcher, Router
    from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

    router = Router(name="reference" if reference else "bare")
    markup = InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=f"p:topic_{row}{column}:0")
         for column, label in enumerate(labels)]
        for row, labels in enumerate(REFERENCE_ROWS)
    ]) if reference else None
    pressed = REFERENCE_TEXT if reference else "Pressed."

    @router.message()
    async def echo(message: Message) -> None:
        if reference:
            await message.answer(REFERENCE_TEXT, reply_markup=markup)
        else:
            await message.answer(message.text or "ok")

    @router.callback_query()
    async def press(query: CallbackQuery) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(pressed, reply_markup=markup)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher, Counter


def import_stack(which: str) -> None:
    """Import what the bot needs, so 'after imports' memory means the same for both."""
    import aiogram  # noqa: F401
    import fake_session  # noqa: F401
    from aiogram.types import Update  # noqa: F401

    if which == "ours":
        import bot.conversation.screen_builder
        import bot.telegram.app  # noqa: F401


def make_bot(which: str) -> tuple[Bot, Any]:
    """Ours gets the session class and bot defaults of production; the bare bots aiogram's
    own serialisation and HTML as the parse mode."""
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.enums import ParseMode
    from fake_session import TOKEN, FakeSession, our_fake_session

    if which == "ours":
        from bot.telegram.app import BOT_DEFAULTS

        session = our_fake_session()
        return Bot(TOKEN, session=session, default=BOT_DEFAULTS), session
    session = FakeSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    return bot, session


def build(which: str, content_dir: Path, locales_dir: Path) -> tuple[Dispatcher, EventsFn]:
    if which == "ours":
        return build_ours(content_dir, locales_dir)
    return build_bare(reference=which == "reference")


async def feed_all(dispatcher: Dispatcher, bot: Bot, updates: Sequence[Any],
                   replies: list[int] | None = None) -> list[float]:
    """Feeds the updates one by one; returns each one's time. With ``replies``, also records
    how many messages (sendMessage + editMessageText) each update caused."""
    durations: list[float] = []
    clock = time.perf_counter
    session = bot.session
    requests = getattr(session, "requests", None)
    sent = 0
    for update in updates:
        server = getattr(session, "server_seconds", 0.0)
        started = clock()
        await dispatcher.feed_update(bot, update)
        # The fake Bot API server's own work is not the bot's: it is left out.
        durations.append(clock() - started - (getattr(session, "server_seconds", 0.0) - server))
        if replies is not None and requests is not None:
            now = requests["sendMessage"] + requests["editMessageText"]
            replies.append(now - sent)
            sent = now
    return durations


async def run_child(which: str, raw: list[Json], warmup: int, content_dir: Path,
                    locales_dir: Path) -> Json:
    from aiogram.types import Update

    dispatcher, events = build(which, content_dir, locales_dir)
    bot, session = make_bot(which)
    updates = [Update.model_validate(item, context={"bot": bot}) for item in raw]
    rss_ready = current_rss_kb()
    cold = await feed_all(dispatcher, bot, updates[:warmup])
    session.requests.clear()
    session.buttons_sent = session.text_sent = 0
    events()  # forget what the warm-up counted
    gc.collect()
    replies_per_update: list[int] = []
    server_before = session.server_seconds
    durations = await feed_all(dispatcher, bot, updates, replies_per_update)
    server = session.server_seconds - server_before
    durations.sort()
    total = sum(durations)
    replies = session.requests["sendMessage"] + session.requests["editMessageText"]
    return {
        "bot": which,
        "updates": len(updates),
        "seconds": total,
        "updates_per_second": len(updates) / total,
        "us_per_update": 1e6 * total / len(updates),
        "p50_us": 1e6 * durations[len(durations) // 2],
        "p99_us": 1e6 * durations[min(len(durations) - 1, int(len(durations) * 0.99))],
        "warmup_us_per_update": 1e6 * sum(cold) / max(1, len(cold)),
        "server_us_per_update": 1e6 * server / len(updates),
        "requests": dict(session.requests),
        "buttons_per_reply": session.buttons_sent / max(1, replies),
        "text_chars_per_reply": session.text_sent / max(1, replies),
        "events": dict(events()),
        "replies_per_update": replies_per_update,
        "rss_ready_kb": rss_ready,
    }


def child_main(which: str, updates_file: Path, warmup: int, content_dir: Path,
               locales_dir: Path) -> None:
    rss_start = current_rss_kb()
    import_stack(which)
    rss_imports = current_rss_kb()
    raw = json.loads(updates_file.read_text(encoding="utf-8"))
    result = asyncio.run(run_child(which, raw, warmup, content_dir, locales_dir))
    result |= {"rss_start_kb": rss_start, "rss_imports_kb": rss_imports,
               "rss_end_kb": current_rss_kb(), "peak_rss_kb": peak_rss_kb()}
    print(json.dumps(result))


# ---------------------------------------------------------------------------------------------
# The parent: generate, run the children, check, report


def spawn(which: str, updates_file: Path, warmup: int, args: argparse.Namespace) -> Json:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", which,
               "--updates-file", str(updates_file), "--warmup", str(warmup),
               "--content-dir", str(args.content_dir), "--locales-dir", str(args.locales_dir)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    if done.returncode != 0 or not done.stdout.strip():
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {which} benchmark process failed (exit {done.returncode})")
    result: Json = json.loads(done.stdout.strip().splitlines()[-1])
    # Ours logs a failed update on stderr (aiogram's own logging is not configured here).
    result["handler_errors"] = done.stderr.count("error while handling")
    result["refused_replies"] = done.stderr.count("Telegram refused")
    if done.stderr.strip():
        tail = done.stderr.strip().splitlines()[-12:]
        sys.stderr.write(f"[{which} stderr, last lines]\n" + "\n".join(tail) + "\n")
    return result


def verify(result: Json, work: Workload) -> list[str]:
    """What makes a round meaningless: replies missing or extra, or handlers failing."""
    problems = []
    if result["handler_errors"] or result["refused_replies"]:
        problems.append(f"{result['bot']}: {result['handler_errors']} update(s) failed in a "
                        f"handler, {result['refused_replies']} reply(ies) refused (see stderr)")
    per_update: list[int] = result["replies_per_update"]
    unanswered = sum(1 for n, should in zip(per_update, work.should_reply, strict=True)
                     if should and n == 0)
    unexpected = sum(1 for n, should in zip(per_update, work.should_reply, strict=True)
                     if not should and n > 0)
    if unanswered or unexpected:
        problems.append(f"{result['bot']}: {unanswered} update(s) that should get a reply got "
                        f"none, {unexpected} that should not got one")
    requests: dict[str, int] = result["requests"]
    for method, expected in work.expected_requests().items():
        # Ours may answer a press with a new message instead of an edit (e.g. a screen asking
        # for a location needs a reply keyboard), so for ours only answers are exact per method.
        if result["bot"] == "ours" and method != "answerCallbackQuery":
            continue
        if requests.get(method, 0) != expected:
            problems.append(f"{result['bot']}: {requests.get(method, 0)} {method}, "
                            f"expected {expected}")
    if result["bot"] == "ours" and not result["events"].get("page_view"):
        problems.append(f"ours counted no page views: {result['events']}")
    return problems


def events_difference(result: Json, work: Workload) -> str:
    """Events ours counted that this benchmark's model of the Guide did not predict (or the
    reverse); empty when they agree. A difference means the model here needs updating after a
    change to the Guide, not that the measurement is wrong, so it is reported, not fatal."""
    counted: Counter[str] = Counter()
    for event, number in result["events"].items():
        if event == "crisis_offer":
            continue  # an offer comes on top of a typed text's outcome, as the risk model says
        counted[TYPED if event in TYPED_OUTCOMES else event] += number
    if counted == work.events:
        return ""
    keys = sorted(set(counted) | set(work.events))
    return ", ".join(f"{key} {counted[key]} (expected {work.events[key]})" for key in keys
                     if counted[key] != work.events[key])


def summarise(results: list[Json]) -> Json:
    rounds = []
    for result in results:  # the per-update reply counts are long; keep only their totals
        per_update = result["replies_per_update"]
        rounds.append({key: value for key, value in result.items()
                       if key != "replies_per_update"}
                      | {"replies_sent": sum(per_update),
                         "multi_message_replies": sum(1 for n in per_update if n > 1)})

    def median(key: str) -> float:
        return float(statistics.median(r[key] for r in results))

    return {
        "updates_per_second": median("updates_per_second"),
        "us_per_update": median("us_per_update"),
        "p50_us": median("p50_us"),
        "p99_us": median("p99_us"),
        "warmup_us_per_update": median("warmup_us_per_update"),
        "server_us_per_update": median("server_us_per_update"),
        "buttons_per_reply": median("buttons_per_reply"),
        "text_chars_per_reply": median("text_chars_per_reply"),
        "rss_start_mb": median("rss_start_kb") / 1024,
        "rss_imports_mb": median("rss_imports_kb") / 1024,
        "rss_ready_mb": median("rss_ready_kb") / 1024,
        "peak_rss_mb": median("peak_rss_kb") / 1024,
        "growth_mb": statistics.median(r["peak_rss_kb"] - r["rss_imports_kb"]
                                       for r in results) / 1024,
        "rounds": rounds,
    }


def report(args: argparse.Namespace, work: Workload, summaries: dict[str, Json],
           problems: list[str], warmup: int, wall: float) -> Json:
    ours, bare = summaries["ours"], summaries["bare"]
    ratio = ours["us_per_update"] / bare["us_per_update"]
    extra_mb = ours["peak_rss_mb"] - bare["peak_rss_mb"]
    data: Json = {
        "updates": len(work.updates),
        "replies_expected": work.replies,
        "rounds": args.rounds,
        "warmup": warmup,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "mix": dict(work.kinds),
        "expected_requests": work.expected_requests(),
        "expected_events": dict(work.events),
        **summaries,
        "time_ratio": ratio,
        "memory_difference_mb": extra_mb,
        "targets": {
            "time_ratio": {"limit": MAX_TIME_RATIO, "value": ratio,
                           "pass": ratio <= MAX_TIME_RATIO},
            "memory_difference_mb": {"limit": MAX_EXTRA_MB, "value": extra_mb,
                                     "pass": extra_mb <= MAX_EXTRA_MB},
        },
        "verified": not problems,
        "problems": problems,
        "events_difference": events_difference(ours["rounds"][0], work),
        "replies_sent": {name: summary["rounds"][0]["replies_sent"]
                         for name, summary in summaries.items()},
        "multi_message_replies": {name: summary["rounds"][0]["multi_message_replies"]
                                  for name, summary in summaries.items()},
        "wall_seconds": wall,
    }
    if "reference" in summaries:
        data["time_ratio_vs_reference"] = (ours["us_per_update"]
                                           / summaries["reference"]["us_per_update"])
    return data


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))


def print_table(data: Json, variants: Sequence[str]) -> None:
    print(f"K Safer vs bare aiogram: {data['updates']} updates per round "
          f"({data['replies_expected']} should get a reply), warm-up {data['warmup']}, "
          f"{data['rounds']} round(s), medians; Python {data['python']}, {data['cpus']} CPU(s)")
    print(f"{'':17}{'updates/s':>10}{'µs/update':>10}{'p50':>6}{'p99':>6}{'1st pass':>9}"
          f"{'buttons':>8}{'chars':>6}{'RSS start':>10}{'+imports':>9}{'peak RSS':>9}"
          f"{'growth':>8}")
    for name in variants:
        row = data[name]
        print(f"{LABELS[name]:17}{row['updates_per_second']:>10,.0f}{row['us_per_update']:>10.1f}"
              f"{row['p50_us']:>6.0f}{row['p99_us']:>6.0f}{row['warmup_us_per_update']:>9.1f}"
              f"{row['buttons_per_reply']:>8.1f}{row['text_chars_per_reply']:>6.0f}"
              f"{row['rss_start_mb']:>7.1f} MB{row['rss_imports_mb']:>6.1f} MB"
              f"{row['peak_rss_mb']:>6.1f} MB{row['growth_mb']:>5.1f} MB")
    print("µs/update, p50, p99: timed pass (µs); 1st pass: the warm-up pass, cold caches (µs); "
          "buttons, chars: per reply;\n+imports: RSS after imports; growth: peak RSS - that")
    left_out = ", ".join(f"{LABELS[name]} {data[name]['server_us_per_update']:.1f}"
                         for name in variants)
    print(f"left out of the times, the fake Bot API server's own work (µs/update): {left_out}")
    for key, label, unit in (("time_ratio", "time per update, ours / bare", "×"),
                             ("memory_difference_mb", "peak RSS, ours - bare", " MB")):
        target = data["targets"][key]
        verdict = "PASS" if target["pass"] else "FAIL"
        print(f"{label:31}{target['value']:6.2f}{unit:4}target ≤ {target['limit']:g}{unit}"
              f"  {verdict}")
    if "time_ratio_vs_reference" in data:
        print(f"{'time per update, ours / bare + keyboard':40}"
              f"{data['time_ratio_vs_reference']:6.2f}×   (no target; see benchmarks/README.md)")
    for name in variants:
        print(f"requests per round, {LABELS[name]}: {_counts(data[name]['rounds'][0]['requests'])}")
    print(f"events counted by ours: {_counts(data['ours']['rounds'][0]['events'])}")
    if data["problems"]:
        print("NOT VERIFIED: the bots did not answer as expected:")
        for problem in data["problems"]:
            print(f"  - {problem}")
    else:
        sent = ", ".join(f"{LABELS[name]} {count}" for name, count in data["replies_sent"].items())
        print(f"verified: in every round each of the {data['replies_expected']} updates that "
              "should get a reply got one, the others none, and no handler failed; "
              f"sendMessage + editMessageText: {sent}")
        for name, count in data["multi_message_replies"].items():
            if count:
                print(f"note: {LABELS[name]} answered {count} update(s) with more than one "
                      "message")
    if data["events_difference"]:
        print(f"note: ours counted events this benchmark did not predict: "
              f"{data['events_difference']}")
    else:
        print("ours counted exactly the events predicted for this mix")
    print(f"wall time {data['wall_seconds']:.1f} s")


def profile(which: str, work: Workload, warmup: int, args: argparse.Namespace) -> None:
    """One timed pass in this process under cProfile: where the time goes."""
    import cProfile
    import pstats

    from aiogram.types import Update

    async def main() -> None:
        dispatcher, _ = build(which, args.content_dir, args.locales_dir)
        bot, _session = make_bot(which)
        updates = [Update.model_validate(item, context={"bot": bot}) for item in work.updates]
        await feed_all(dispatcher, bot, updates[:warmup])
        profiler = cProfile.Profile()
        profiler.enable()
        await feed_all(dispatcher, bot, updates)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stdout)
        if which == "ours":
            print(f"--- ours: {len(updates)} updates, functions in bot/ only, by cumulative ---")
            stats.sort_stats("cumulative").print_stats(r"/bot/", args.profile_lines)
        stats.strip_dirs()
        print(f"--- {which}: {len(updates)} updates, sorted by cumulative time ---")
        stats.sort_stats("cumulative").print_stats(args.profile_lines)
        print(f"--- {which}: sorted by own time ---")
        stats.sort_stats("tottime").print_stats(args.profile_lines)
        # aiogram runs a synchronous filter or handler (e.g. a magic filter such as
        # F.chat.type == "private") with asyncio.to_thread: a thread hop per call.
        hops = sum(entry[0] for key, entry in stats.stats.items()  # type: ignore[attr-defined]
                   if key[2] == "run_in_executor")
        print(f"--- {which}: {hops} thread hops (asyncio.to_thread -> run_in_executor) for "
              f"{len(updates)} updates: {hops / len(updates):.2f} per update ---")

    asyncio.run(main())


def trace_memory(work: Workload, args: argparse.Namespace) -> None:
    """What our bot keeps in memory after answering the updates, by allocating line in bot/
    (tracemalloc; allocations made anywhere while code in bot/ was on the stack)."""
    import tracemalloc

    from aiogram.types import Update

    async def main() -> None:
        import_stack("ours")
        tracemalloc.start(8)
        before = tracemalloc.take_snapshot()
        dispatcher, _ = build("ours", args.content_dir, args.locales_dir)
        bot, _session = make_bot("ours")
        loaded = tracemalloc.take_snapshot()
        updates = [Update.model_validate(item, context={"bot": bot}) for item in work.updates]
        await feed_all(dispatcher, bot, updates)
        del updates
        gc.collect()
        after = tracemalloc.take_snapshot()
        in_bot = [tracemalloc.Filter(True, str(ROOT / "bot" / "*"), all_frames=True)]
        for label, start, end in (("loading content and building the dispatcher", before, loaded),
                                  (f"answering {len(work.updates)} updates (kept afterwards)",
                                   loaded, after)):
            stats = end.filter_traces(in_bot).compare_to(start.filter_traces(in_bot), "traceback")
            total = sum(stat.size_diff for stat in stats)
            print(f"--- ours, {label}: {total / 2**20:.1f} MB held, allocated under bot/ ---")
            by_file: Counter[str] = Counter()
            lines = []
            for stat in stats:
                where = [frame for frame in stat.traceback
                         if frame.filename.startswith(str(ROOT / "bot"))]
                frame = where[-1] if where else stat.traceback[-1]
                path = str(Path(frame.filename).relative_to(ROOT)) if where else frame.filename
                by_file[path] += stat.size_diff
                lines.append(f"{stat.size_diff / 2**20:8.2f} MB {stat.count_diff:8d} blocks  "
                             f"{path}:{frame.lineno}")
            print("by file: " + ", ".join(f"{path} {size / 2**20:.1f} MB"
                                          for path, size in by_file.most_common(5)))
            print("\n".join(lines[:args.profile_lines // 3 or 1]))

    asyncio.run(main())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=DEFAULT_UPDATES,
                        help=f"updates per round (default {DEFAULT_UPDATES})")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS,
                        help=f"rounds of subprocesses; medians are reported "
                             f"(default {DEFAULT_ROUNDS})")
    parser.add_argument("--warmup", type=int, default=None,
                        help="updates fed before timing, from the start of the same list "
                             "(default: all of them, so the timed pass sees warm caches)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the 'bare + keyboard' reference bot")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--profile", nargs="?", const="ours", choices=VARIANTS,
                        help="profile one pass in-process with cProfile instead of benchmarking")
    parser.add_argument("--trace-memory", action="store_true",
                        help="show with tracemalloc what our bot keeps in memory, and where")
    parser.add_argument("--profile-lines", type=int, default=30)
    parser.add_argument("--content-dir", type=Path, default=ROOT / "content")
    parser.add_argument("--locales-dir", type=Path, default=ROOT / "locales")
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--updates-file", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child_main(args.child, args.updates_file, args.warmup or 0, args.content_dir,
                   args.locales_dir)
        return 0
    if args.updates < 1 or args.rounds < 1:
        raise SystemExit("--updates and --rounds must be at least 1")
    from bot.conversation.screen_builder import ScreenBuilder

    started = time.perf_counter()
    warmup = args.updates if args.warmup is None else min(args.warmup, args.updates)
    work = build_workload(ScreenBuilder.load(args.content_dir, args.locales_dir), args.updates,
                          args.seed)
    if args.profile:
        profile(args.profile, work, warmup, args)
        return 0
    if args.trace_memory:
        trace_memory(work, args)
        return 0
    variants = VARIANTS[:2] if args.no_reference else VARIANTS
    results: dict[str, list[Json]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory(prefix="ksafer-bench-") as tmp:
        updates_file = Path(tmp) / "updates.json"
        updates_file.write_text(json.dumps(work.updates), encoding="utf-8")
        for round_number in range(args.rounds):
            shift = round_number % len(variants)  # rotate the order: no bot always goes first
            for which in (*variants[shift:], *variants[:shift]):
                results[which].append(spawn(which, updates_file, warmup, args))
    problems = [problem for name in variants for result in results[name]
                for problem in verify(result, work)]
    summaries = {name: summarise(results[name]) for name in variants}
    data = report(args, work, summaries, problems, warmup, time.perf_counter() - started)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print_table(data, variants)
    if problems:
        return 2
    missed = not all(target["pass"] for target in data["targets"].values())
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
