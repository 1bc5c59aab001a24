"""The conversation logic every front end shares: what to show for each kind of input, and what
to count. It is the adapters' only way in, one entry point per kind of input:

- ``command(name, args)``: /start (with a deep-link payload), /menu, /language, /emergency,
  /help, /about; any other name is answered like typed text;
- ``act(action)``: a button press;
- ``message(text)``: typed text (the location keyboard's "Not now", commands, questions);
- ``location(lat, lon)``: a location shared once;
- ``other_message()``: anything else (stickers, photos, voice...);
- ``inline_cards(query)``: pages to share from any chat.

Which language to answer in travels with what the person sends, so any process answers alike and
a restart forgets nothing: a button carries the language of the screen it was on (``act``'s
``locale``), a deep link or QR card the language it was printed in, and typed words are answered
in the language they are written in (:mod:`bot.conversation.language`). Only input with nothing
to read (a bare command, a sticker, a shared location) follows the person's Telegram language, or
the language they chose with /language if this process still remembers it: a best-effort fallback.

Front ends pass an opaque person key used only for that in-memory choice; it never reaches the
counts or the logs."""

from __future__ import annotations

import re

from bot.conversation.crisis import CrisisMatch, CrisisOffer, assess, detect_crisis
from bot.conversation.deeplinks import parse_payload
from bot.conversation.language import text_locale
from bot.conversation.places import regions_for_language
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import (
    Action,
    AskLocation,
    Button,
    Card,
    ChooseLanguage,
    Feedback,
    OpenPage,
    OpenSearchResult,
    OpenUrl,
    Reply,
    Screen,
    SetLanguage,
    ShowSources,
)
from bot.conversation.telegram_html import MESSAGE_LIMIT, split_html
from bot.model.drafts import draft_ids
from bot.model.locales import LocalePreferences, locale_from_language_code
from bot.model.model import ABOUT, EMERGENCY, FALLBACK_LOCALE, GET_HELP, HOME, LOCALES
from bot.reporting.tally import Tally

UNLISTED_CAMPAIGN = "unlisted"
# Commands every front end understands. The first ones are offered in Telegram's command menu.
MENU_COMMANDS = ("start", "emergency", "language", "about")
COMMANDS = (*MENU_COMMANDS, "menu", "help")
_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:\s+(.*))?", re.DOTALL)
_COMMAND_WORD = re.compile(r"^\s*/\S*")
# Offered in inline mode before anything is typed: the pages most worth sharing.
FEATURED_PAGES = (EMERGENCY, "selfcheck", "bladder_signs", "mixing", "safer", GET_HELP,
                  "cutting_down", "mental_crisis")


class Guide:
    def __init__(self, builder: ScreenBuilder, tally: Tally,
                 preferences: LocalePreferences | None = None,
                 default_locale: str = FALLBACK_LOCALE) -> None:
        self.builder = builder
        self.tally = tally
        self.preferences = preferences or LocalePreferences()
        self.default_locale = default_locale

    def replace_builder(self, builder: ScreenBuilder) -> None:
        """Swap in newly loaded content in one step; screens already sent stay valid or say so."""
        self.builder = builder

    # -- what front ends need besides answers ------------------------------------------------

    def command_menu(self, locale: str) -> list[tuple[str, str]]:
        """The commands offered in a client's command menu, each with its description."""
        return [(name, self.builder.ui.get(locale, f"cmd_{name}")) for name in MENU_COMMANDS]

    def open_in_bot_label(self, locale: str) -> str:
        """The label of the button under a shared card that opens its page in the bot."""
        return self.builder.ui.get(locale, "open_in_bot")

    def say(self, locale: str, key: str, **values: str) -> str:
        """A UI string (Telegram HTML, values escaped), for replies that are no screen: the
        admins' /reload and /stats answers."""
        return self.builder.ui.get(locale, key, **values)

    def page_count(self) -> int:
        """How many pages are served now (for the start-up log line)."""
        return len(self.builder.content.pages)

    def draft_pages(self) -> frozenset[str]:
        """The draft pages among those served: none, unless an editor loaded them to preview."""
        return frozenset(draft_ids(self.builder.content))

    def warm(self) -> None:
        """Build the search index and every screen now (slow: run it off the event loop), so
        nobody waits for them later."""
        self.builder.warm()

    def locale_for(self, person: int | None, language_code: str | None) -> str:
        """The language for input with nothing to read: the choice this process remembers
        (best effort: another process or a restart has none), else Telegram's language."""
        if person is not None:
            chosen = self.preferences.get(person)
            if chosen is not None:
                return chosen
        return locale_from_language_code(language_code, self.default_locale)

    def reading_locale(self, person: int | None, language_code: str | None, text: str) -> str:
        """The language to answer typed ``text`` in: the one it is written in; for text that
        does not say (mixed, no words), Telegram's language; with no text at all, as
        :meth:`locale_for`."""
        words = _COMMAND_WORD.sub("", text, count=1)  # "/emergency" says nothing
        if not words.strip():
            return self.locale_for(person, language_code)
        telegram = locale_from_language_code(language_code, self.default_locale)
        return text_locale(words, telegram) or telegram

    def start(self, person: int | None, language_code: str | None,
              payload: str | None = None) -> Screen:
        """/start, with or without a deep-link payload. Unknown payloads open the welcome."""
        builder = self.builder
        link = parse_payload(payload) if payload else None
        # A link printed in one language opens in it; any other follows the person.
        locale = link.locale if link and link.locale else self.locale_for(person, language_code)
        self.tally.add("start", locale=locale)
        if payload:
            regions = regions_for_language(builder.content, language_code)
            screen = builder.page(link.page, locale, regions=regions) if link else None
            if link is None or screen is None:
                self.tally.add("deep_link_unknown", locale=locale)
                return builder.welcome(locale)
            campaign = ""
            if link.campaign:
                known = link.campaign in builder.content.campaigns
                campaign = link.campaign if known else UNLISTED_CAMPAIGN
            page = screen.page or link.page  # an old (aliased) id counts as the page it opens
            self.tally.add("deep_link", page=page, locale=locale, campaign=campaign)
            self._count_view(page, locale)
            return screen
        return builder.welcome(locale)

    def command(self, person: int | None, language_code: str | None, name: str,
                args: str | None = None) -> Screen:
        """A command; one we don't know is answered like any typed text. Words after it
        (``/emergency 救命``) choose the language as typed text does."""
        builder = self.builder
        if name == "start":
            return self.start(person, language_code, args)
        locale = self.reading_locale(person, language_code, args or "")
        if name == "menu":
            self.tally.add("start", locale=locale)
            return builder.welcome(locale)
        if name == "language":
            self.tally.add("language_menu", locale=locale)
            return builder.language_menu(locale)
        if name in ("emergency", "help"):
            page = EMERGENCY if builder.content.has_page(EMERGENCY) else HOME
            return self.act(person, language_code, OpenPage(page), locale)
        if name == "about":
            page = ABOUT if builder.content.has_page(ABOUT) else HOME
            return self.act(person, language_code, OpenPage(page), locale)
        return self.typed_text(person, language_code, f"/{name} {args}" if args else f"/{name}")

    def message(self, person: int | None, language_code: str | None, text: str) -> Reply:
        """Typed text: the location keyboard's 'Not now', a command, or a question."""
        builder = self.builder
        for locale in LOCALES:  # the button's label says which language its keyboard was in
            if text == builder.ui.get(locale, "cancel_location"):
                return Reply(self.act(person, language_code, OpenPage(GET_HELP), locale),
                             (builder.ui.get(locale, "location_cancelled"),))
        command = _COMMAND.fullmatch(text.strip())
        if command and command[1] in COMMANDS:
            return Reply(self.command(person, language_code, command[1],
                                      (command[2] or "").strip() or None))
        return Reply(self.typed_text(person, language_code, text))

    def location(self, person: int | None, language_code: str | None, lat: float,
                 lon: float) -> Reply:
        """A shared location: services near it. It is used for this reply and then forgotten."""
        screen = self.near(person, language_code, lat, lon)
        return Reply(screen, (self.builder.ui.get(screen.locale, "location_received"),))

    def act(self, person: int | None, language_code: str | None, action: Action,
            locale: str | None = None) -> Screen:
        """A button press, answered in ``locale``: the language of the screen the button was on
        (None for a button that does not say, from an older release). A press on a page that no
        longer exists gets a note and the menu."""
        builder = self.builder
        if locale not in LOCALES:
            locale = self.locale_for(person, language_code)
        if isinstance(action, OpenPage):
            return self._open(action.page, locale, action.part, language_code=language_code)
        if isinstance(action, ShowSources):
            sources = builder.sources(action.page, locale)
            if sources is None:
                return self.stale(locale)
            self.tally.add("sources_view", page=action.page, locale=locale)
            return sources
        if isinstance(action, ChooseLanguage):
            self.tally.add("language_menu", locale=locale)
            return builder.language_menu(locale)
        if isinstance(action, SetLanguage):
            if action.locale not in LOCALES:
                return self.stale(locale)
            return self.set_language(person, action.locale)
        if isinstance(action, Feedback):
            screen = None
            if builder.content.has_page(action.page):
                last = len(builder.parts(action.page, locale)) - 1
                screen = builder.page(action.page, locale, last, ask_feedback=False,
                                      regions=regions_for_language(builder.content,
                                                                   language_code))
            if screen is None:
                return self.stale(locale)
            event = "useful_yes" if action.useful else "useful_no"
            self.tally.add(event, page=action.page, locale=locale)
            return builder.with_note("feedback_thanks", screen)
        if isinstance(action, OpenSearchResult):
            return self._open(action.page, locale, via_search=True, language_code=language_code)
        if isinstance(action, AskLocation):
            return builder.location_prompt(locale)
        if isinstance(action, OpenUrl):  # URL buttons are opened by the client, never sent here
            return self.stale(locale)
        raise TypeError(f"unhandled action {action!r}")

    def set_language(self, person: int | None, locale: str) -> Screen:
        if person is not None:
            self.preferences.set(person, locale)
        self.tally.add("language_change", locale=locale)
        return self.builder.with_note("language_set", self.builder.welcome(locale))

    def language_menu(self, person: int | None, language_code: str | None) -> Screen:
        locale = self.locale_for(person, language_code)
        self.tally.add("language_menu", locale=locale)
        return self.builder.language_menu(locale)

    def open_page(self, person: int | None, language_code: str | None, page: str) -> Screen:
        return self.act(person, language_code, OpenPage(page))

    def typed_text(self, person: int | None, language_code: str | None,
                   text: str = "") -> Screen:
        """Answer a typed question: crisis first, else the best pages, else a kind 'not found'.

        The words are used for this reply only: never kept, logged or counted. Only whether a
        search found something is counted.
        """
        builder = self.builder
        locale = self.reading_locale(person, language_code, text)
        crisis = assess(text, self.builder.crisis_rules)
        if isinstance(crisis, CrisisMatch):
            return self._route(crisis, locale, language_code)
        answer = builder.search_index.answer(text, locale, limit=3) if text.strip() else None
        if answer is not None and answer.hits:
            self.tally.add("search_hit", locale=locale)
            # a weak match says so, and offers the closest pages and their sections
            screen = (builder.weak_results(locale, answer.hits) if answer.weak
                      else builder.search_results(locale, answer.hits))
        else:
            self.tally.add("search_miss", locale=locale)
            screen = builder.no_results(locale)
        if isinstance(crisis, CrisisOffer):
            self.tally.add("crisis_offer", page=crisis.kinds[0], locale=locale)
            return self._with_offer(screen, crisis)
        return screen

    def _with_offer(self, screen: Screen, offer: CrisisOffer) -> Screen:
        """The search answer with one short line on top and the offered pages as its first
        buttons (issue #22: a needless offer costs a button, a missed crisis can cost a life)."""
        ui, content = self.builder.ui, self.builder.content
        rows = tuple((Button(ui.get(screen.locale, f"crisis_offer_{kind}_button"),
                             OpenPage(page)),)
                     for kind, page in zip(offer.kinds, offer.pages, strict=True)
                     if content.has_page(page))
        if not rows:
            return screen
        offered = {row[0].action for row in rows}
        rest = tuple(row for row in (tuple(b for b in row if b.action not in offered)
                                     for row in screen.rows) if row)
        line = ui.get(screen.locale, f"crisis_offer_{offer.kinds[0]}")
        text = split_html(f"{line}\n\n{screen.text}", MESSAGE_LIMIT)[0]
        return Screen(text, (*rows, *rest), screen.page, screen.locale)

    def urgent(self, text: str) -> bool:
        """Whether typed text reads as a crisis: front ends answer it before anything else
        (a flood limit, a backlog of other messages)."""
        return detect_crisis(text, self.builder.crisis_rules) is not None

    def edited_text(self, person: int | None, language_code: str | None,
                    text: str) -> Screen | None:
        """A message edited after it was sent. Only a crisis is answered: someone may correct
        "my friend is not breathing" into place, but any other edit was answered as typed."""
        return self._crisis(text, self.reading_locale(person, language_code, text),
                            language_code)

    def _crisis(self, text: str, locale: str, language_code: str | None) -> Screen | None:
        """The crisis page for ``text`` (counted), or None if it does not read as one."""
        crisis = detect_crisis(text, self.builder.crisis_rules)
        return None if crisis is None else self._route(crisis, locale, language_code)

    def _route(self, crisis: CrisisMatch, locale: str, language_code: str | None) -> Screen:
        """The crisis page, headed by the region's numbers; counted by kind."""
        builder = self.builder
        self.tally.add("crisis_route", page=crisis.kind, locale=locale)
        regions = regions_for_language(builder.content, language_code)
        return builder.crisis(locale, crisis.page, regions)

    def inline_cards(self, person: int | None, language_code: str | None, query: str,
                     limit: int = 10) -> list[Card]:
        """Pages to share from any chat: matches for the query, or the most important pages."""
        builder = self.builder
        locale = self.reading_locale(person, language_code, query)
        self.tally.add("inline_query", locale=locale)
        pages: list[str] = []
        crisis = assess(query, self.builder.crisis_rules)
        if isinstance(crisis, CrisisMatch):
            pages.append(crisis.page)
        elif isinstance(crisis, CrisisOffer):
            pages.extend(crisis.pages)
        if query.strip():
            hits = builder.search_index.search(query, locale, limit=limit)
            pages.extend(hit.page for hit in hits)
        else:
            pages.extend(FEATURED_PAGES)
        unique = [p for i, p in enumerate(pages)
                  if p not in pages[:i] and builder.content.has_page(p)]
        regions = regions_for_language(builder.content, language_code)
        return [builder.card(page, locale, regions) for page in unique[:limit]]

    def slow_down(self, person: int | None, language_code: str | None) -> str:
        """The flood limit's note (Telegram HTML): a pause, and every region's emergency number,
        the person's likely region first, so nobody over the limit is left without one."""
        builder = self.builder
        locale = self.locale_for(person, language_code)
        regions = regions_for_language(builder.content, language_code)
        banner = builder.numbers_banner(locale, regions)
        note = builder.ui.get(locale, "slow_down")
        return f"{note}\n{banner}" if banner else note

    def other_message(self, person: int | None, language_code: str | None) -> Screen:
        locale = self.locale_for(person, language_code)
        self.tally.add("other_message", locale=locale)
        return self.builder.other_message(locale)

    def near(self, person: int | None, language_code: str | None, lat: float,
             lon: float) -> Screen:
        """Services near a shared location. Only that it happened is counted, never where."""
        locale = self.locale_for(person, language_code)
        self.tally.add("near_me", locale=locale)
        return self.builder.near(locale, lat, lon)

    def stale(self, locale: str) -> Screen:
        self.tally.add("stale_button", locale=locale)
        return self.builder.gone(locale)

    def _open(self, page: str, locale: str, part: int = 0, *, via_search: bool = False,
              language_code: str | None = None) -> Screen:
        """A page (part), counted as a view when it is opened at its start."""
        builder = self.builder
        screen = builder.page(page, locale, part,
                          regions=regions_for_language(builder.content, language_code))
        if screen is None:
            return self.stale(locale)
        page = screen.page or page  # an old (aliased) id counts as the page it opens
        if via_search:
            self.tally.add("search_open", page=page, locale=locale)
        if part == 0:
            self._count_view(page, locale)
        return screen

    def _count_view(self, page: str, locale: str) -> None:
        self.tally.add("page_view", page=page, locale=locale)
        outcome = self.builder.content.pages[page].outcome
        if outcome:
            self.tally.add("selfcheck_outcome", page=outcome, locale=locale)
