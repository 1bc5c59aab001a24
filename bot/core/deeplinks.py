"""Deep-link payloads: ``<page_id>`` or ``<page_id>-<campaign>``, within [A-Za-z0-9_-]{1,64}."""

from __future__ import annotations

import re
from dataclasses import dataclass

PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_PARTS = re.compile(r"^(?P<page>[a-z][a-z0-9_]{0,31})(?:-(?P<campaign>[A-Za-z0-9_]{1,31}))?$")
CAMPAIGN = re.compile(r"^[A-Za-z0-9_]{1,31}$")


@dataclass(frozen=True)
class DeepLink:
    page: str
    campaign: str | None = None


def parse_payload(payload: str | None) -> DeepLink | None:
    """The page and campaign a payload names, or None when it is not a payload we make."""
    if not payload or not PAYLOAD.match(payload):
        return None
    match = _PARTS.match(payload)
    if match is None:
        return None
    return DeepLink(match["page"], match["campaign"])


def make_payload(page: str, campaign: str | None = None) -> str:
    payload = page if campaign is None else f"{page}-{campaign}"
    if campaign is not None and not CAMPAIGN.match(campaign):
        raise ValueError("a campaign tag uses letters, digits and '_' (at most 31 characters)")
    if parse_payload(payload) != DeepLink(page, campaign):
        raise ValueError(f"page id '{page}' cannot be used in a deep link")
    return payload


def start_link(bot_username: str, page: str, campaign: str | None = None) -> str:
    return f"https://t.me/{bot_username.lstrip('@')}?start={make_payload(page, campaign)}"
