"""Deep-link payloads: ``<page_id>`` or ``<page_id>-<campaign>``, within [A-Za-z0-9_-]{1,64},
optionally followed by ``--<language>`` (``bladder-flyer--hant``) for a link or QR card printed
in one language: it opens in that language. A payload without one (every link made before) opens
in the person's own language."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Matched whole (fullmatch): `$` would also take "a\n".
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PARTS = re.compile(r"(?P<page>[a-z][a-z0-9_]{0,31})(?:-(?P<campaign>[A-Za-z0-9_]{1,31}))?"
                    r"(?:--(?P<language>[a-z]{2,4}))?")
CAMPAIGN = re.compile(r"[A-Za-z0-9_]{1,31}")
# Short, readable names for our locales in a link (a locale's own '-' would be ambiguous).
LANGUAGE_TAGS = {"en": "en", "zh-Hans": "hans", "zh-Hant": "hant"}
_LOCALE_OF_TAG = {tag: locale for locale, tag in LANGUAGE_TAGS.items()}


@dataclass(frozen=True)
class DeepLink:
    page: str
    campaign: str | None = None
    locale: str | None = None


def parse_payload(payload: str | None) -> DeepLink | None:
    """The page, campaign and language a payload names, or None when it is not one we make."""
    if not payload or not PAYLOAD.fullmatch(payload):
        return None
    match = _PARTS.fullmatch(payload)
    if match is None:
        return None
    locale = None
    if match["language"] is not None:
        locale = _LOCALE_OF_TAG.get(match["language"])
        if locale is None:
            return None
    return DeepLink(match["page"], match["campaign"], locale)


def make_payload(page: str, campaign: str | None = None, locale: str | None = None) -> str:
    payload = page if campaign is None else f"{page}-{campaign}"
    if campaign is not None and not CAMPAIGN.fullmatch(campaign):
        raise ValueError("a campaign tag uses letters, digits and '_' (at most 31 characters)")
    if locale is not None:
        if locale not in LANGUAGE_TAGS:
            raise ValueError(f"unknown language '{locale}'")
        payload = f"{payload}--{LANGUAGE_TAGS[locale]}"
        if len(payload) > 64:
            raise ValueError(f"the link to '{page}' is over Telegram's 64 characters with its "
                             "language: use a shorter campaign tag")
    if parse_payload(payload) != DeepLink(page, campaign, locale):
        raise ValueError(f"page id '{page}' cannot be used in a deep link")
    return payload


def start_link(bot_username: str, page: str, campaign: str | None = None,
               locale: str | None = None) -> str:
    return (f"https://t.me/{bot_username.lstrip('@')}"
            f"?start={make_payload(page, campaign, locale)}")
