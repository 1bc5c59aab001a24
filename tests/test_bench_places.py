"""The places benchmark runs end to end and measures what it claims: the boundary data is not
loaded at start-up, and memory and per-lookup figures are reported (not judged: timings on a CI
machine say little)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow  # a process of its own: with the slow tests
def test_places_benchmark_reports_lookup_cost_and_memory() -> None:
    script = ROOT / "benchmarks" / "bench_places.py"
    args = ["--lookups", "300", "--json", "--core-only"]
    done = subprocess.run([sys.executable, str(script), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(done.stdout)
    assert data["lookups"] == 300
    assert data["library_loaded_at_start_up"] is False
    assert data["first_lookup_ms"] > 0
    assert 0 < data["lookup_ms"]["median"] <= data["lookup_ms"]["p99"]
    assert data["memory_mb"]["before"]["rss"] > 0
    assert set(data["added_mb"]["after_first_lookup"]) == {"rss", "anon", "file"}
