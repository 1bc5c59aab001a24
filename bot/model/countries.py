"""Which country a point is in, from real borders, offline.

timezonefinder holds the time-zone boundaries (built from OpenStreetMap's borders, territorial
waters included, no simplification) in memory-mapped files; the tz database's ``zone.tab`` names
the one country each zone belongs to. Open sea has ``Etc/GMT...`` zones, which belong to no
country. docs/places.md compares this with other ways and says why it was chosen.

The library and its boundary data are loaded on the first lookup, not at start-up, so a bot
that is never sent a location never pays for it. Nothing here keeps, logs or counts a point.
"""

from __future__ import annotations

import math
import threading
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on the first lookup: it brings numpy and the boundary data
    from timezonefinder import TimezoneFinder

# Zones whose boundaries cover more than one country, so the zone alone cannot say which
# (found by looking up 144,563 GeoNames towns; see docs/places.md). A point in one of them is
# placed in no country: the person gets the honest "no local list" screen, never a guess.
SHARED_ZONES: frozenset[str] = frozenset({
    "Asia/Bangkok",  # Thailand and northern Vietnam
    "Asia/Jerusalem",  # Israel and parts of the Palestinian territories
    "Europe/Belgrade",  # Serbia and Kosovo
})

_lock = threading.Lock()
_finder: TimezoneFinder | None = None


def tz_table(name: str) -> list[list[str]]:
    """Rows of one of the tz database's tables shipped by the ``tzdata`` package."""
    text = files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def iso_countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English name, from the tz database's ``iso3166.tab``."""
    return {row[0]: row[1] for row in tz_table("iso3166.tab")}


@cache
def zone_countries() -> dict[str, str]:
    """Time zone -> the one country it belongs to (``zone.tab`` gives exactly one per zone)."""
    return {row[2]: row[0] for row in tz_table("zone.tab") if row[2] not in SHARED_ZONES}


def _timezone_finder() -> TimezoneFinder:
    global _finder
    if _finder is None:
        with _lock:
            if _finder is None:
                from timezonefinder import TimezoneFinder

                _finder = TimezoneFinder()
    return _finder


def valid_point(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def country_at(lat: float, lon: float) -> str | None:
    """The ISO 3166 code of the country at the point; None at sea, in a shared zone, or for a
    point that is not on Earth."""
    if not valid_point(lat, lon):
        return None
    zone = _timezone_finder().timezone_at(lng=lon, lat=lat)
    return zone_countries().get(zone) if zone else None
