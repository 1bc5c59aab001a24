"""The content model: page structure declared once, text per language, all validated by pydantic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from bot.model.countries import iso_countries
from bot.model.vocabulary import Vocabulary

LOCALES: tuple[str, ...] = ("en", "zh-Hans", "zh-Hant")
FALLBACK_LOCALE = "en"
HOME = "home"
EMERGENCY = "emergency"
GET_HELP = "get_help"
ABOUT = "about"
# Built-in screens an editor can list among a page's children like a page.
BUILTIN_SCREENS: frozenset[str] = frozenset({"language", "near_me"})

# Page ids travel in deep links and callback data, so they are short and plain.
PAGE_ID_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"
PageId = Annotated[str, StringConstraints(pattern=PAGE_ID_PATTERN)]
LabelKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
SourceId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]{1,32}$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|tg://[^\s]+)$", re.IGNORECASE)


def _button_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError("a button URL must start with http://, https:// or tg://")
    return value


ButtonUrl = Annotated[str, AfterValidator(_button_url)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageButton(_Strict):
    """A button to another page; ``label`` names a label in the page text or the UI strings."""

    to: PageId
    label: LabelKey | None = None


class UrlButton(_Strict):
    id: LabelKey
    url: ButtonUrl


# Review roles: clinicians and people with lived experience review the English (the source),
# a translation reviewer the text in one language (translation_zh-Hans, translation_zh-Hant).
REVIEW_ROLES: tuple[str, ...] = ("clinical", "lived_experience",
                                 *(f"translation_{loc}" for loc in LOCALES
                                   if loc != FALLBACK_LOCALE))
# The version of a text a review or a translation was made against: written by
# `python -m bot review record` / `translations confirm`, never by hand.
FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"


def _review_role(value: str) -> str:
    if value not in REVIEW_ROLES:
        raise ValueError(f"'{value}' is not a review role; use one of {', '.join(REVIEW_ROLES)}")
    return value


def _fingerprint(value: str) -> str:
    if not re.match(FINGERPRINT_PATTERN, value):
        raise ValueError(f"'{value}' is not a text fingerprint; do not type it: record reviews "
                         "with python -m bot review record PAGE --role ROLE")
    return value


ReviewRole = Annotated[str, AfterValidator(_review_role),
                       WithJsonSchema({"type": "string", "enum": list(REVIEW_ROLES)})]
Fingerprint = Annotated[str, AfterValidator(_fingerprint),
                        WithJsonSchema({"type": "string", "pattern": FINGERPRINT_PATTERN,
                                        "description": "written by python -m bot review "
                                                       "record / translations confirm"})]


class Review(_Strict):
    """One review of a page by one role, against the version of the text named by ``text``."""

    role: ReviewRole
    date: dt.date
    by: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                         max_length=40, pattern=r"^[^\n]*$")] | None = None
    text: Fingerprint


class ReviewQuestion(_Strict):
    """A question editors put to reviewers in some roles: the review pack shows it at the top
    and on each page it names, in the pack's language (else English)."""

    roles: list[ReviewRole] = Field(min_length=1)
    pages: list[PageId] = Field(default_factory=list)
    ask: LocalText  # resolved when the model is first used: LocalText is defined further down


class ReviewRules(_Strict):
    """content/review.yaml: the reviews every live page needs, and when a review is overdue."""

    required: list[ReviewRole] = Field(default_factory=lambda: list(REVIEW_ROLES))
    overdue_after_months: int = Field(default=12, ge=1, le=120)
    questions: list[ReviewQuestion] = Field(default_factory=list)


class TranslatedFromFile(_Strict):
    """content/records/translated-from/<language>.yaml, written by `python -m bot translations`:
    the English each translated page was made from, and translators' notes from their tool."""

    pages: dict[PageId, Fingerprint] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)


class PageSpec(_Strict):
    """Structure of one page, shared by every language."""

    id: PageId
    children: list[PageId] = Field(default_factory=list)
    columns: int = Field(default=1, ge=1, le=3)
    buttons: list[PageButton] = Field(default_factory=list)
    urls: list[UrlButton] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)
    reviewed: dt.date | None = None
    # A draft is never shown to people; a page that names no status is live, awaiting review.
    status: Literal["draft", "awaiting_review", "reviewed"] = "awaiting_review"
    # Reviews by role (clinical, lived_experience, translation_<language>), written by
    # `python -m bot review record`; whether the page is reviewed is worked out from them.
    reviews: list[Review] = Field(default_factory=list)
    factual: bool = True
    outcome: LabelKey | None = None
    emergency_button: bool = True
    feedback: bool = True  # "Was this useful?" on factual pages; off for e.g. quiz questions
    # Pages that tell someone to call for help open with the emergency number for their region.
    show_emergency_number: bool = False
    # Ids this page had before: printed QR codes and sent buttons that name them still open it.
    aliases: list[PageId] = Field(default_factory=list)

    def targets(self) -> list[str]:
        """The pages (and built-in screens) this page leads to, in the order they are shown."""
        return [*self.children, *(button.to for button in self.buttons)]


class StructureFile(_Strict):
    pages: list[PageSpec]


class PageText(_Strict):
    """What one page says in one language; ``body`` is a Jinja2 template producing Telegram HTML."""

    title: NonEmpty
    button: NonEmpty | None = None
    summary: NonEmpty | None = None
    body: str = ""
    keywords: list[NonEmpty] = Field(default_factory=list)
    labels: dict[LabelKey, NonEmpty] = Field(default_factory=dict)


class TextFile(_Strict):
    pages: dict[PageId, PageText] = Field(default_factory=dict)
    snippets: dict[LabelKey, str] = Field(default_factory=dict)


class Source(_Strict):
    title: NonEmpty
    url: ButtonUrl | None = None


class SourcesFile(_Strict):
    sources: dict[SourceId, Source]


CampaignTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]{1,31}$")]


class CampaignsFile(_Strict):
    campaigns: dict[CampaignTag, str] = Field(default_factory=dict)
    # The pages outreach workers hand out, in the order the printed QR sheet starts with.
    outreach_cards: list[PageId] = Field(default_factory=list)


def _local_text(value: dict[str, str]) -> dict[str, str]:
    unknown = set(value) - set(LOCALES)
    if unknown:
        raise ValueError(f"unknown language {sorted(unknown)}; use {', '.join(LOCALES)}")
    if FALLBACK_LOCALE not in value:
        raise ValueError("English ('en') text is required")
    return value


LocalText = Annotated[dict[str, NonEmpty], AfterValidator(_local_text)]


# Names people write instead of the ISO code.
_NOT_ISO = {"UK": "GB", "EL": "GR", "EU": "each member state's own code"}


def _country_code(value: str) -> str:
    if value not in iso_countries():
        hint = f"; use {_NOT_ISO[value]}" if value in _NOT_ISO else ""
        raise ValueError(f"'{value}' is not an ISO 3166 country code (two capital letters, "
                         f"e.g. GB, HK){hint}")
    return value


CountryCode = Annotated[str, AfterValidator(_country_code)]


class Region(_Strict):
    """A place people may be in, with its emergency number(s).

    ``countries`` are the ISO 3166 codes of the countries the region's emergency number and
    services cover: a location shared from one of them gets this region, from anywhere else the
    honest "no local list" screen. ``page`` is the region's page of services. ``short`` is a
    shorter name for the one-line banner of every region's number (HK, EU); the name where it
    has none.
    """

    name: LocalText
    short: LocalText | None = None
    emergency: NonEmpty
    page: PageId | None = None
    countries: list[CountryCode] = Field(min_length=1)
    sources: list[SourceId] = Field(default_factory=list)

    def local_name(self, locale: str) -> str:
        return self.name.get(locale) or self.name[FALLBACK_LOCALE]

    def short_name(self, locale: str) -> str:
        """The short name in ``locale``, else the full name in ``locale`` (never an English
        abbreviation in a Chinese line)."""
        return (self.short or {}).get(locale) or self.local_name(locale)


class Service(_Strict):
    """A service to signpost. ``verified`` is when its details were last checked."""

    id: LabelKey
    region: LabelKey
    name: LocalText
    offers: LocalText
    phone: NonEmpty | None = None
    # A short number libphonenumber does not list yet (Taiwan's 1925): the id of the source that
    # gives it, so check takes the number as written instead of refusing it.
    short_number: SourceId | None = None
    contact: LocalText | None = None
    website: ButtonUrl | None = None
    hours: LocalText | None = None
    verified: dt.date
    sources: list[SourceId] = Field(default_factory=list)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    # Works from any country (an online chat, an international line): also shown where the bot
    # has no local list.
    anywhere: bool = False

    def local(self, field_name: str, locale: str) -> str | None:
        value = getattr(self, field_name)
        if value is None:
            return None
        text: str = value.get(locale) or value[FALLBACK_LOCALE]
        return text


class ServicesFile(_Strict):
    regions: dict[LabelKey, Region] = Field(default_factory=dict)
    services: list[Service] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where something was declared, for messages that point an editor at it."""

    file: str
    line: int


@dataclass(frozen=True)
class Origins:
    """Where each thing in the content was written (file and line), for editors' messages:
    one map per kind of thing, keyed as the kind needs."""

    pages: dict[str, Origin] = field(default_factory=dict)
    texts: dict[tuple[str, str], Origin] = field(default_factory=dict)  # (locale, page id)
    bodies: dict[tuple[str, str], Origin] = field(default_factory=dict)  # (locale, page id)
    # (locale, page id, field) with fields like "title", "labels.yes", "keywords.2"
    fields: dict[tuple[str, str, str], Origin] = field(default_factory=dict)
    sources: dict[str, Origin] = field(default_factory=dict)  # a source's title
    snippets: dict[tuple[str, str], Origin] = field(default_factory=dict)  # (locale, name)
    # (page id, "children.0"), "buttons.1", "buttons.1.label", "urls.0", "sources.2",
    # "aliases.0", "outcome"
    specs: dict[tuple[str, str], Origin] = field(default_factory=dict)
    services: dict[str, Origin] = field(default_factory=dict)
    # (service id, field) -> the line of that field ("phone", "short_number", "verified")
    service_fields: dict[tuple[str, str], Origin] = field(default_factory=dict)
    regions: dict[str, Origin] = field(default_factory=dict)  # each region's emergency number

    def for_serving(self) -> Origins:
        """Without the maps only editors' messages use (over a megabyte, kept for hours)."""
        return Origins(pages=self.pages, texts=self.texts, bodies=self.bodies,
                       services=self.services, regions=self.regions)


@dataclass(frozen=True)
class Content:
    """Everything loaded from ``content/``; immutable so a reload can swap it in one step."""

    pages: dict[str, PageSpec]
    texts: dict[str, dict[str, PageText]]
    snippets: dict[str, dict[str, str]]
    sources: dict[str, Source]
    campaigns: dict[str, str]
    regions: dict[str, Region] = field(default_factory=dict)
    services: tuple[Service, ...] = ()
    parents: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # old page id -> page id
    outreach_cards: tuple[str, ...] = ()  # campaigns.yaml: first on the QR sheet, in this order
    # Where everything was written, so check and editors' tools can point at the exact line.
    origins: Origins = field(default_factory=lambda: Origins())
    # Bodies written as a '|' block: line N of the text is N - 1 lines below the body's origin.
    literal_bodies: frozenset[tuple[str, str]] = frozenset()
    review_rules: ReviewRules = field(default_factory=ReviewRules)
    # locale -> page id -> fingerprint of the English its text was translated from
    translated_from: dict[str, dict[str, str]] = field(default_factory=dict)
    # content/vocabulary.yaml: everyday words and slang search understands, and the line of
    # each entry (("en", "same", 3) -> 12) for check's messages.
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    vocabulary_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    vocabulary_file: str = "content/vocabulary.yaml"

    def text(self, page_id: str, locale: str) -> PageText:
        """The page's text in ``locale``, falling back to English when a translation is missing."""
        found = self.texts.get(locale, {}).get(page_id)
        if found is None:
            found = self.texts[FALLBACK_LOCALE][page_id]
        return found

    def for_serving(self) -> Content:
        """The same content without the line maps only editors' messages use: the running bot
        keeps one copy per load for hours, and these maps are over a megabyte."""
        return dataclasses.replace(self, origins=self.origins.for_serving())

    def service_origin(self, service_id: str, field_name: str) -> Origin:
        """Where a field of a service is written ("phone"); else the service's first line."""
        return self.origins.service_fields.get((service_id, field_name)) \
            or self.origins.services[service_id]

    def spec_origin(self, page_id: str, item: str) -> Origin:
        """Where an item of a page's structure is written ("buttons.1"); else the page's line."""
        return self.origins.specs.get((page_id, item)) or self.origins.pages[page_id]

    def has_page(self, page_id: str) -> bool:
        return page_id in self.pages

    def canonical(self, page_id: str) -> str:
        """The page an id names now: itself, or the page that took over an old (aliased) id."""
        return self.aliases.get(page_id, page_id)

    def link_order(self) -> list[str]:
        """Pages in the order links and QR codes list them: the main menu, then by id."""
        return [HOME, *sorted(set(self.pages) - {HOME})]
