"""Builds every screen from content and UI strings. Screens are cached: content never changes
under a ScreenBuilder (a reload makes a new one), so each screen is computed once."""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from bot.conversation.crisis_rules import CrisisRules, rules_for, shipped_rules
from bot.conversation.places import services_near
from bot.conversation.render import Renderer
from bot.conversation.screens import (
    AskLocation,
    Button,
    Card,
    ChooseLanguage,
    Feedback,
    LocationRequest,
    OpenPage,
    OpenSearchResult,
    OpenUrl,
    Rows,
    Screen,
    SetLanguage,
    ShowSources,
)
from bot.conversation.search import SearchHit, SearchIndex
from bot.conversation.telegram_html import MESSAGE_LIMIT, split_html
from bot.model.drafts import public_content
from bot.model.loader import load_content
from bot.model.locales import UiStrings, load_ui_strings
from bot.model.model import (
    BUILTIN_SCREENS,
    EMERGENCY,
    GET_HELP,
    HOME,
    LOCALES,
    Content,
    PageSpec,
)
from bot.model.problems import ContentError, Problem
from bot.model.reviews import last_review_date, shown_status


class ScreenBuilder:
    def __init__(self, content: Content, ui: UiStrings, renderer: Renderer | None = None,
                 crisis_rules: CrisisRules | None = None) -> None:
        self.content = content
        self.ui = ui
        self.renderer = renderer or Renderer(content)
        # The content's own crisis phrases (content/crisis/), loaded and reloaded with it.
        self.crisis_rules = crisis_rules or shipped_rules()
        self._parts: dict[tuple[str, str], list[str]] = {}
        self._cache: dict[tuple[str, ...], Screen] = {}
        self._search_index: SearchIndex | None = None
        self._index_lock = threading.Lock()  # built once, even if asked from two threads
        # The same few pages answer most questions: their result screens (and so the keyboards
        # built from them) are kept, a bounded number, keyed by content only.
        self._results = lru_cache(maxsize=1024)(self._results_screen)
        self._weak = lru_cache(maxsize=256)(self._weak_screen)

    @classmethod
    def load(cls, content_dir: Path, locales_dir: Path, *, drafts: bool = False) -> ScreenBuilder:
        """Load content and UI strings together, reporting the problems of both at once.

        Draft pages are left out unless ``drafts`` is set (editors' previews and ``check``).
        """
        problems: list[Problem] = []
        try:
            ui: UiStrings | None = load_ui_strings(locales_dir)
        except ContentError as exc:
            problems.extend(exc.problems)
            ui = None
        try:
            content = load_content(content_dir)
            if not drafts:
                content = public_content(content)
            renderer = Renderer(content)
            crisis = rules_for(content_dir)
        except ContentError as exc:
            raise ContentError([*problems, *exc.problems]) from None
        if ui is None:
            raise ContentError(problems)
        return cls(content, ui, renderer, crisis)

    def public(self) -> ScreenBuilder:
        """The same content without its draft pages: what people may see."""
        content = public_content(self.content)
        return self if content is self.content else ScreenBuilder(content, self.ui,
                                                                  crisis_rules=self.crisis_rules)

    def for_serving(self) -> ScreenBuilder:
        """What the running bot serves: no draft page, no line maps that only editors need.

        With no drafts this builder itself, its compiled templates kept (compiling them again
        would cost start-up and every reload a few tenths of a second): only the maps go.
        """
        public = public_content(self.content)
        if public is not self.content:
            return ScreenBuilder(public.for_serving(), self.ui, crisis_rules=self.crisis_rules)
        self.content = self.renderer.content = public.for_serving()
        return self

    def warm(self) -> None:
        """Compute every page screen and the search index now, so nobody waits for them later."""
        _ = self.search_index
        for page_id in self.content.pages:
            for locale in LOCALES:
                for part in range(len(self.parts(page_id, locale))):
                    self.page(page_id, locale, part)

    # -- pages -----------------------------------------------------------------------------

    def parts(self, page_id: str, locale: str) -> list[str]:
        """The page as one or more messages, each within Telegram's limit."""
        page_id = self.content.canonical(page_id)
        key = (page_id, locale)
        if key not in self._parts:
            self._parts[key] = split_html(self.renderer.page_html(page_id, locale), MESSAGE_LIMIT)
        return self._parts[key]

    def page(self, page_id: str, locale: str, part: int = 0, *, ask_feedback: bool = True,
             regions: Sequence[str] | None = None) -> Screen | None:
        """The screen for a page, or None when the page (or part) does not exist.

        Factual pages ask "Was this useful?" on their last part, unless ``ask_feedback`` is off
        (after someone has just answered). A page with ``show_emergency_number`` opens with the
        emergency number of ``regions`` (the person's likely regions; every region when None).
        An old page id (an alias) opens the page that took it over.
        """
        page_id = self.content.canonical(page_id)
        if not self.content.has_page(page_id):
            return None
        parts = self.parts(page_id, locale)
        if not 0 <= part < len(parts):
            return None
        spec = self.content.pages[page_id]
        shown = tuple(regions if regions is not None else self.content.regions) \
            if spec.show_emergency_number and part == 0 else ()
        key = ("page", page_id, locale, str(part), str(ask_feedback), *shown)
        if key not in self._cache:
            rows: list[tuple[Button, ...]] = []
            if len(parts) > 1:
                rows.append(self._part_row(page_id, locale, part, len(parts)))
            rows.extend(self._page_rows(spec, locale))
            if spec.sources and spec.factual:
                rows.append((Button(self.ui.get(locale, "sources"), ShowSources(page_id)),))
            if ask_feedback and spec.factual and spec.feedback and part == len(parts) - 1:
                rows.append((Button(self.ui.get(locale, "useful_yes"), Feedback(page_id, True)),
                             Button(self.ui.get(locale, "useful_no"), Feedback(page_id, False))))
            has_emergency = OpenPage(EMERGENCY) in [b.action for row in rows for b in row]
            rows.extend(self._footer(page_id, locale, spec.emergency_button and not has_emergency))
            text = parts[part]
            note = self.numbers_banner(locale, shown) if shown else ""
            if note:
                text = split_html(f"{note}\n\n{text}", MESSAGE_LIMIT)[0]
            self._cache[key] = Screen(text, tuple(rows), page_id, locale)
        return self._cache[key]

    def numbers_banner(self, locale: str, regions: Sequence[str] | None = None) -> str:
        """'🚑 Emergency: <place> <number> · ...', one line, in the order of ``regions`` (the
        person's likely regions first; every region when None), each number labelled by its
        place; "" when there is no region. Short place names keep it compact: it heads every
        page that tells people to call, and a screen as shown stays within check's limit."""
        wanted = self.content.regions if regions is None else regions
        known = [self.content.regions[r] for r in wanted if r in self.content.regions]
        numbers = " · ".join(f"{r.short_name(locale)} {r.emergency}" for r in known)
        return self.ui.get(locale, "crisis_numbers", numbers=numbers) if numbers else ""

    def _part_row(self, page_id: str, locale: str, part: int, count: int) -> tuple[Button, ...]:
        row: list[Button] = []
        if part > 0:
            row.append(Button(self.ui.get(locale, "previous_part"), OpenPage(page_id, part - 1)))
        if part < count - 1:
            label = self.ui.get(locale, "next_part", part=str(part + 2), count=str(count))
            row.append(Button(html.unescape(label), OpenPage(page_id, part + 1)))
        return tuple(row)

    def _page_rows(self, spec: PageSpec, locale: str) -> list[tuple[Button, ...]]:
        rows: list[tuple[Button, ...]] = []
        children = [self._child_button(child, locale) for child in spec.children]
        for start in range(0, len(children), spec.columns):
            rows.append(tuple(children[start:start + spec.columns]))
        text = self.content.text(spec.id, locale)
        english = self.content.text(spec.id, "en")
        for button in spec.buttons:
            label = None
            if button.label:  # this language's words first: never English over 是/否
                label = text.labels.get(button.label)
                if label is None and self.ui.has(button.label):
                    label = self.ui.get(locale, button.label)
                if label is None:
                    label = english.labels.get(button.label)
            rows.append((Button(label or self.button_label(button.to, locale),
                                OpenPage(button.to)),))
        for url in spec.urls:
            label = text.labels.get(url.id) or english.labels.get(url.id) or url.id
            rows.append((Button(label, OpenUrl(url.url)),))
        return rows

    def _child_button(self, child: str, locale: str) -> Button:
        if child == "near_me":
            return Button(self.ui.get(locale, "near_me_button"), AskLocation())
        if child in BUILTIN_SCREENS:
            return Button(self.ui.get(locale, "language_button"), ChooseLanguage())
        return Button(self.button_label(child, locale), OpenPage(child))

    def button_label(self, page_id: str, locale: str) -> str:
        text = self.content.text(page_id, locale)
        return text.button or text.title

    def _footer(self, page_id: str | None, locale: str, emergency: bool = True) -> Rows:
        row: list[Button] = []
        if page_id != HOME:
            parent = self.content.parents.get(page_id or "", HOME)
            if page_id is not None and parent != HOME:
                row.append(Button(self.ui.get(locale, "back"), OpenPage(parent)))
            row.append(Button(self.ui.get(locale, "home"), OpenPage(HOME)))
        if emergency and page_id != EMERGENCY and self.content.has_page(EMERGENCY):
            row.append(Button(self.ui.get(locale, "emergency_button"), OpenPage(EMERGENCY)))
        return (tuple(row),) if row else ()

    # -- other screens ---------------------------------------------------------------------

    def welcome(self, locale: str) -> Screen:
        """The first screen: a short greeting, the privacy line and the main menu."""
        key = ("welcome", locale)
        if key not in self._cache:
            home = self.content.pages[HOME]
            text = self.ui.get(locale, "welcome")
            self._cache[key] = Screen(text, tuple(self._page_rows(home, locale)), HOME, locale)
        return self._cache[key]

    def with_note(self, note_key: str, screen: Screen) -> Screen:
        """The same screen with a short note above it (e.g. 'that button is out of date')."""
        note = self.ui.get(screen.locale, note_key)
        return Screen(f"{note}\n\n{screen.text}", screen.rows, screen.page, screen.locale)

    def gone(self, locale: str) -> Screen:
        return self.with_note("page_gone", self.welcome(locale))

    def other_message(self, locale: str) -> Screen:
        """For stickers, photos, voice...: what the bot can read, and the way to the menu."""
        key = ("other", locale)
        if key not in self._cache:
            rows = self._footer(None, locale)
            self._cache[key] = Screen(self.ui.get(locale, "other_message"), rows, None, locale)
        return self._cache[key]

    def language_menu(self, locale: str) -> Screen:
        key = ("language", locale)
        if key not in self._cache:
            choices = tuple(
                Button(("✓ " if option == locale else "") + self.ui.get(option, "language_name"),
                       SetLanguage(option))
                for option in LOCALES
            )
            rows = ((choice,) for choice in choices)
            self._cache[key] = Screen(self.ui.get(locale, "language_prompt"),
                                      (*rows, *self._footer("language", locale)), None, locale)
        return self._cache[key]

    def sources(self, page_id: str, locale: str) -> Screen | None:
        page_id = self.content.canonical(page_id)
        if not self.content.has_page(page_id):
            return None
        key = ("sources", page_id, locale)
        if key not in self._cache:
            spec = self.content.pages[page_id]
            title = html.escape(self.content.text(page_id, locale).title, quote=False)
            lines = [f"<b>{self.ui.get(locale, 'sources_title')}</b>: {title}", ""]
            for number, source_id in enumerate(spec.sources, start=1):
                source = self.content.sources[source_id]
                entry = f"{number}. {html.escape(source.title, quote=False)}"
                if source.url:
                    entry += f"\n{html.escape(source.url, quote=False)}"
                lines.append(entry)
            lines.append("")
            reviewed = last_review_date(self.content, page_id)  # worked out from the reviews
            if reviewed:
                lines.append(self.ui.get(locale, "last_reviewed", date=reviewed.isoformat()))
            lines.append(self.ui.get(locale, f"status_{shown_status(self.content, page_id)}"))
            text = split_html("\n".join(lines).strip(), MESSAGE_LIMIT)[0]
            rows = ((Button(self.ui.get(locale, "back"), OpenPage(page_id)),),
                    *self._footer(None, locale))
            self._cache[key] = Screen(text, rows, page_id, locale)
        return self._cache[key]

    def location_prompt(self, locale: str) -> Screen:
        request = LocationRequest(self.ui.get(locale, "share_location"),
                                  self.ui.get(locale, "cancel_location"))
        return Screen(self.ui.get(locale, "location_prompt"), (), None, locale, request)

    def near(self, locale: str, lat: float, lon: float) -> Screen:
        """Services for a shared location; computed per request and never cached.

        Outside every region's countries (or at sea) the screen says the bot has no local list
        and to call the local emergency number, and shows only services that work anywhere.
        """
        region_id, found = services_near(self.content, lat, lon)
        lines = [f"<b>{self.ui.get(locale, 'near_title')}</b>",
                 f"<i>{self.ui.get(locale, 'near_privacy')}</i>", ""]
        rows: list[tuple[Button, ...]] = []
        region = self.content.regions.get(region_id or "")
        if region is None:
            lines.append(self.ui.get(locale, "near_not_covered"))
            if found:
                lines.append(f"\n<b>{self.ui.get(locale, 'near_anywhere')}</b>")
        else:
            lines.append(self.ui.get(locale, "near_region", region=region.local_name(locale),
                                     emergency=region.emergency))
            if region.page and self.content.has_page(region.page):
                rows.append((Button(self.button_label(region.page, locale),
                                    OpenPage(region.page)),))
        for item in found:
            service = item.service
            entry = f"\n<b>{html.escape(service.local('name', locale) or '', quote=False)}</b>"
            if item.km is not None:
                entry += f" · {item.km:.1f} km"
            entry += f"\n{html.escape(service.local('offers', locale) or '', quote=False)}"
            if service.phone:
                entry += f"\n📞 {html.escape(service.phone, quote=False)}"
            contact = service.local("contact", locale)
            if contact:
                entry += f"\n💬 {html.escape(contact, quote=False)}"
            if service.website:
                entry += f"\n🌐 {html.escape(service.website, quote=False)}"
            lines.append(entry)
        text = split_html("\n".join(lines), MESSAGE_LIMIT)[0]
        return Screen(text, (*rows, *self._get_help_rows(locale), *self._footer(None, locale)),
                      None, locale)

    def _get_help_rows(self, locale: str) -> Rows:
        if not self.content.has_page(GET_HELP):
            return ()
        return ((Button(self.button_label(GET_HELP, locale), OpenPage(GET_HELP)),),)

    # -- typed questions -------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        """Built once per content version (``warm`` builds it in a thread as the bot starts,
        off the reply path; a caller that comes first builds it, a second one waits for it)."""
        if self._search_index is None:
            with self._index_lock:
                if self._search_index is None:
                    self._search_index = SearchIndex.build(self.content, self.renderer)
        return self._search_index

    def search_results(self, locale: str, hits: list[SearchHit]) -> Screen:
        return self._results(locale, tuple((hit.page, hit.matched) for hit in hits))

    def _results_screen(self, locale: str, hits: tuple[tuple[str, str], ...]) -> Screen:
        lines = [self.ui.get(locale, "search_found"), ""]
        rows: list[tuple[Button, ...]] = []
        for page, matched in hits:
            title = self.content.text(page, locale).title
            reason = self.ui.get(locale, "search_reason", term=matched)
            lines.append(f"• <b>{html.escape(title, quote=False)}</b>: {reason}")
            rows.append((Button(self.button_label(page, locale), OpenSearchResult(page)),))
        return Screen("\n".join(lines), (*rows, *self._footer(None, locale)), None, locale)

    def weak_results(self, locale: str, hits: list[SearchHit]) -> Screen:
        """A weak match: say so, and offer the closest pages and their menu sections rather
        than one page as the answer."""
        return self._weak(locale, tuple(hit.page for hit in hits))

    def _weak_screen(self, locale: str, pages: tuple[str, ...]) -> Screen:
        rows: list[tuple[Button, ...]] = [
            (Button(self.button_label(page, locale), OpenSearchResult(page)),)
            for page in pages[:2]]
        sections: list[str] = []
        for page in pages:
            section = page
            while self.content.parents.get(section, HOME) != HOME:
                section = self.content.parents[section]
            if section != HOME and section not in sections and section not in pages[:2]:
                sections.append(section)
        row = tuple(Button(self.button_label(section, locale), OpenPage(section))
                    for section in sections[:2])
        if row:
            rows.append(row)
        return Screen(self.ui.get(locale, "search_weak"), (*rows, *self._footer(None, locale)),
                      None, locale)

    def no_results(self, locale: str) -> Screen:
        key = ("no_results", locale)
        if key not in self._cache:
            self._cache[key] = Screen(self.ui.get(locale, "search_none"),
                                      (*self._get_help_rows(locale), *self._footer(None, locale)),
                                      None, locale)
        return self._cache[key]

    def crisis(self, locale: str, page_id: str, regions: list[str]) -> Screen:
        """The crisis page first, headed by the emergency number(s) for the person's region."""
        page = self.page(page_id, locale, regions=regions) \
            or self.page(EMERGENCY, locale, regions=regions) or self.welcome(locale)
        spec = self.content.pages.get(page.page or "")
        if spec is not None and spec.show_emergency_number:
            return page  # already headed by the numbers
        note = self.numbers_banner(locale, regions)
        text = split_html(f"{note}\n\n{page.text}" if note else page.text, MESSAGE_LIMIT)[0]
        return Screen(text, page.rows, page.page, locale)

    def card(self, page_id: str, locale: str, regions: Sequence[str] | None = None) -> Card:
        """A page to share: its title and summary, and the way into the bot.

        A page that heads itself with the emergency numbers (the emergency page, the crisis
        lines...) is shared as the bot shows it, numbers first (``regions`` first, then every
        other region: whoever reads it may be anywhere), so help passed on carries a number to
        call and what to do, not only a title."""
        text = self.content.text(page_id, locale)
        summary = text.summary or ""
        footer = self.ui.get(locale, "card_footer")
        spec = self.content.pages.get(self.content.canonical(page_id))
        screen = self.page(page_id, locale, ask_feedback=False, regions=regions) \
            if spec is not None and spec.show_emergency_number else None
        if screen is not None:
            body = split_html(f"{screen.text}\n\n{footer}", MESSAGE_LIMIT)[0]
            return Card(page_id, text.title, summary, body)
        body = f"<b>{html.escape(text.title, quote=False)}</b>"
        if summary:
            body += f"\n{html.escape(summary, quote=False)}"
        body += f"\n\n{footer}"
        return Card(page_id, text.title, summary, body)
