"""Services near a location someone chose to share. The location is used for one reply only:
nothing here keeps it, logs it or counts it."""

from __future__ import annotations

import math
from dataclasses import dataclass

from bot.core.model import Content, Service

EARTH_RADIUS_KM = 6371.0
NEARBY_KM = 200.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def region_at(content: Content, lat: float, lon: float) -> str | None:
    """The region whose area contains the point; the smallest wins (Hong Kong within China)."""
    best: tuple[float, str] | None = None
    for region_id, region in content.regions.items():
        for south, west, north, east in region.areas:
            if south <= lat <= north and west <= lon <= east:
                size = (north - south) * (east - west)
                if best is None or size < best[0]:
                    best = (size, region_id)
    return best[1] if best else None


@dataclass(frozen=True)
class Nearby:
    service: Service
    km: float | None


def services_near(content: Content, lat: float, lon: float,
                  limit: int = 6) -> tuple[str | None, list[Nearby]]:
    """Services with coordinates within reach, nearest first, then the rest of the region's."""
    region = region_at(content, lat, lon)
    located = sorted(
        (Nearby(s, distance_km(lat, lon, s.latitude, s.longitude))
         for s in content.services if s.latitude is not None and s.longitude is not None),
        key=lambda n: n.km or 0.0)
    found = [n for n in located if n.km is not None and n.km <= NEARBY_KM][:limit]
    shown = {n.service.id for n in found}
    found.extend(Nearby(s, None) for s in content.services
                 if s.region == region and s.id not in shown)
    return region, found


# Telegram's language_code sometimes names a country; only then do we guess a region from it.
_LANGUAGE_REGIONS: dict[str, tuple[str, ...]] = {
    "en-gb": ("uk",), "en-ie": ("eu",), "en-au": ("au",), "en-us": ("us",),
    "zh-hk": ("hk",), "zh-tw": ("tw",), "zh-cn": ("cn",), "zh-hans": ("cn",),
    "zh-hant": ("hk", "tw"), "zh-hant-hk": ("hk",), "zh-hant-tw": ("tw",),
}


def regions_for_language(content: Content, language_code: str | None) -> list[str]:
    """Likely regions for a Telegram language code; every region when it says nothing."""
    code = (language_code or "").strip().lower().replace("_", "-")
    hinted = [r for r in _LANGUAGE_REGIONS.get(code, ()) if r in content.regions]
    return hinted or list(content.regions)
