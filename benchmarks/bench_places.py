"""What placing a shared location in a country costs the running bot.

    python benchmarks/bench_places.py [--lookups 20000] [--seed 1] [--json] [--strict]
        [--core-only]

Loads the shipped content the way the bot does (``ScreenBuilder.load`` with the Telegram adapter
imported; ``--core-only`` leaves aiogram out, for a quick smoke test), then measures in this one
process:

* memory (RSS, and its anonymous and file-backed parts from /proc/self/status) before the first
  lookup, after it, and after ``--lookups`` lookups at random points, land and sea: the
  boundary data is memory-mapped, so the pages it touches count as file-backed RSS that the
  kernel can drop and share, while the library and numpy add anonymous memory;
* the first lookup (importing timezonefinder and opening its data);
* each later lookup (``country_at``), and a whole "services near me" screen
  (``ScreenBuilder.near``), per call: median, 99th percentile and mean.

Target: a lookup in well under a millisecond (median and 99th percentile under 1 ms). Prints a
table, or one JSON object with ``--json``; exit code 0, or 1 with ``--strict`` when the target is
missed. Points are random, never a real person's location, and nothing is logged.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.conversation.screen_builder import ScreenBuilder  # noqa: E402
from bot.model import countries  # noqa: E402

TARGET_MS = 1.0


def memory_mb() -> dict[str, float]:
    """RSS and its parts, in MB (Linux); zeros elsewhere."""
    fields = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file"}
    found = dict.fromkeys(fields.values(), 0.0)
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return found
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in fields:
            found[fields[key]] = int(value.split()[0]) / 1024
    return found


def timings_ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"median": statistics.median(ordered) * 1000,
            "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
            "mean": statistics.fmean(ordered) * 1000}


def measure(lookups: int, seed: int, core_only: bool = False) -> dict[str, Any]:
    if not core_only:
        import bot.telegram.app  # noqa: F401  (the bot's own imports, as in production)

    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    loaded_before = "timezonefinder" in sys.modules
    before = memory_mb()
    start = time.perf_counter()
    countries.country_at(22.3, 114.17)
    first_ms = (time.perf_counter() - start) * 1000
    after_first = memory_mb()

    rng = random.Random(seed)
    points = [(rng.uniform(-85, 85), rng.uniform(-180, 180)) for _ in range(lookups)]
    samples: list[float] = []
    for lat, lon in points:
        start = time.perf_counter()
        countries.country_at(lat, lon)
        samples.append(time.perf_counter() - start)
    after_all = memory_mb()
    screens: list[float] = []
    for lat, lon in points[: max(1, lookups // 10)]:
        start = time.perf_counter()
        builder.near("en", lat, lon)
        screens.append(time.perf_counter() - start)
    lookup = timings_ms(samples)
    return {
        "lookups": lookups,
        "core_only": core_only,
        "library_loaded_at_start_up": loaded_before,
        "first_lookup_ms": first_ms,
        "lookup_ms": lookup,
        "near_screen_ms": timings_ms(screens),
        "memory_mb": {"before": before, "after_first_lookup": after_first,
                      "after_all_lookups": after_all},
        "added_mb": {
            "after_first_lookup": {k: after_first[k] - before[k] for k in before},
            "after_all_lookups": {k: after_all[k] - before[k] for k in before},
        },
        "target_ms": TARGET_MS,
        "ok": lookup["median"] < TARGET_MS and lookup["p99"] < TARGET_MS
        and not loaded_before,
    }


def print_table(data: dict[str, Any]) -> None:
    lookup, screen = data["lookup_ms"], data["near_screen_ms"]
    first, every = data["added_mb"]["after_first_lookup"], data["added_mb"]["after_all_lookups"]
    before = data["memory_mb"]["before"]
    verdict = "PASS" if data["ok"] else "FAIL"
    print(f"Country lookup: {data['lookups']} random points (land and sea)")
    print(f"  loaded at start-up:  {'yes' if data['library_loaded_at_start_up'] else 'no'}")
    print(f"  first lookup:        {data['first_lookup_ms']:.0f} ms (import and open the data)")
    print(f"  per lookup:          median {lookup['median'] * 1000:.1f} µs, "
          f"p99 {lookup['p99'] * 1000:.1f} µs, mean {lookup['mean'] * 1000:.1f} µs  "
          f"[{verdict}: target < {data['target_ms']:.0f} ms]")
    print(f"  near-me screen:      median {screen['median']:.3f} ms, p99 {screen['p99']:.3f} ms")
    print(f"  bot RSS before:      {before['rss']:.1f} MB "
          f"(anonymous {before['anon']:.1f}, file-backed {before['file']:.1f})")
    print(f"  added by 1st lookup: {first['rss']:+.1f} MB "
          f"(anonymous {first['anon']:+.1f}, file-backed {first['file']:+.1f})")
    print(f"  added after all:     {every['rss']:+.1f} MB "
          f"(anonymous {every['anon']:+.1f}, file-backed {every['file']:+.1f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--core-only", action="store_true")
    args = parser.parse_args(argv)
    data = measure(max(1, args.lookups), args.seed, args.core_only)
    if args.json:
        print(json.dumps(data))
    else:
        print_table(data)
    return 1 if args.strict and not data["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
