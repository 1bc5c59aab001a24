"""What a person sees: text plus rows of buttons, each carrying a front-end-neutral action."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpenPage:
    page: str
    part: int = 0


@dataclass(frozen=True)
class ShowSources:
    page: str


@dataclass(frozen=True)
class ChooseLanguage:
    pass


@dataclass(frozen=True)
class SetLanguage:
    locale: str


@dataclass(frozen=True)
class OpenUrl:
    url: str


@dataclass(frozen=True)
class Feedback:
    """'Was this useful?' for one page; counted per page, nothing else recorded."""

    page: str
    useful: bool


@dataclass(frozen=True)
class OpenSearchResult:
    """A page opened from a search result, so searches can be counted as leading somewhere."""

    page: str


@dataclass(frozen=True)
class AskLocation:
    """Offer to share a location once, to list services nearby."""


Action = (OpenPage | ShowSources | ChooseLanguage | SetLanguage | OpenUrl | Feedback
          | AskLocation | OpenSearchResult)


@dataclass(frozen=True)
class LocationRequest:
    """Labels for a one-off 'share my location' keyboard (Telegram) or prompt (terminal)."""

    share: str
    cancel: str


@dataclass(frozen=True)
class Button:
    label: str
    action: Action


Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Card:
    """A page as a shareable card (inline mode): title, one-line summary and message text."""

    page: str
    title: str
    summary: str
    text: str


@dataclass(frozen=True)
class Screen:
    """A message to show. ``text`` is Telegram HTML within the message limit."""

    text: str
    rows: Rows = ()
    page: str | None = None
    locale: str = "en"
    location_request: LocationRequest | None = None

    def buttons(self) -> list[Button]:
        return [button for row in self.rows for button in row]

    def __hash__(self) -> int:
        """Worked out once: screens key the keyboard caches, and hashing one means hashing every
        button on it (an explicit ``__hash__`` is kept by ``dataclass``)."""
        known: int | None = self.__dict__.get("_hash")
        if known is None:
            known = hash((self.text, self.rows, self.page, self.locale, self.location_request))
            object.__setattr__(self, "_hash", known)
        return known


@dataclass(frozen=True)
class Reply:
    """Everything a front end shows for one input: short notes first, then the screen.

    A note is plain text (no HTML). Telegram sends each as its own message, which also takes away
    a location keyboard; the terminal prints it above the screen.
    """

    screen: Screen
    notes: tuple[str, ...] = ()
