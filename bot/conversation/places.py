"""Services near a location someone chose to share. The location is used for one reply only:
nothing here keeps it, logs it or counts it.

A point is placed in a country by real borders (bot/model/countries.py), and a country in the
region that lists it in ``content/services.yaml``. A point in no listed country (another
country, the sea, a point we cannot place) has no region: the person is told so and shown only
the services that work from anywhere, never another country's number as if it were local.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.model.countries import country_at
from bot.model.locales import locale_from_language_code
from bot.model.model import Content, Service

EARTH_RADIUS_KM = 6371.0
NEARBY_KM = 200.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def region_of_country(content: Content, country: str | None) -> str | None:
    """The region that lists the country (the loader makes sure at most one does)."""
    if country is None:
        return None
    for region_id, region in content.regions.items():
        if country in region.countries:
            return region_id
    return None


@dataclass(frozen=True)
class Place:
    """Where a point is: its country (None at sea or unknown) and the region covering it."""

    country: str | None
    region: str | None


def place_at(content: Content, lat: float, lon: float) -> Place:
    country = country_at(lat, lon)
    return Place(country, region_of_country(content, country))


def region_at(content: Content, lat: float, lon: float) -> str | None:
    return place_at(content, lat, lon).region


@dataclass(frozen=True)
class Nearby:
    service: Service
    km: float | None


def services_near(content: Content, lat: float, lon: float,
                  limit: int = 6) -> tuple[str | None, list[Nearby]]:
    """The region at the point and the services for it: the region's services with coordinates
    within reach, nearest first, then its others, then those that work from anywhere. Where no
    region covers the point, only the services that work from anywhere."""
    region = region_at(content, lat, lon)
    local = [s for s in content.services if region is not None and s.region == region]
    located = sorted(
        (Nearby(s, distance_km(lat, lon, s.latitude, s.longitude))
         for s in local if s.latitude is not None and s.longitude is not None),
        key=lambda n: n.km or 0.0)
    found = [n for n in located if n.km is not None and n.km <= NEARBY_KM][:limit]
    shown = {n.service.id for n in found}
    found.extend(Nearby(s, None) for s in local if s.id not in shown)
    shown.update(s.id for s in local)
    found.extend(Nearby(s, None) for s in content.services if s.anywhere and s.id not in shown)
    return region, found


# Telegram's language_code may name a country ("zh-hk", "en-gb"), but a language is not a
# location: a Hong Kong reader may use a Taiwan language pack, a mainland visitor may be in Hong
# Kong. So the region covering the named country comes first, then the places where the language
# is most read, then every other region: no single number is ever presented as the only one
# (Traditional Chinese: Hong Kong and Taiwan; Simplified: mainland China, but also Singapore and
# Malaysia, which this bot does not cover).
_LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "zh-hant": ("HK", "TW"), "zh-hans": ("CN",), "zh": ("CN", "HK", "TW"),
}


def regions_for_language(content: Content, language_code: str | None) -> list[str]:
    """Every region, the likely ones first, for numbers shown without a location."""
    code = (language_code or "").strip().lower().replace("_", "-")
    tags = [tag for tag in code.split("-") if tag]
    country = tags[-1].upper() if len(tags) > 1 and len(tags[-1]) == 2 else None
    language = "-".join(tags[:-1]) if country is not None else "-".join(tags)
    script = locale_from_language_code(code, "").lower()  # zh-tw reads Traditional Chinese
    countries = (*((country,) if country else ()),
                 *(_LANGUAGE_COUNTRIES.get(script) or _LANGUAGE_COUNTRIES.get(language, ())))
    likely = [region_of_country(content, c) for c in countries]
    first = [r for i, r in enumerate(likely) if r is not None and r not in likely[:i]]
    return [*first, *(r for r in content.regions if r not in first)]
