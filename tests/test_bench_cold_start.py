"""benchmarks/bench_cold_start.py prints the cold-start ratio against a bare aiogram bot.

The fast test feeds the report known timings; the slow one (``make test-slow``) starts both bots
for real once and checks that each really polled and answered /start before the figures count.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.test_benchmarks import load_script, run

RATIO = re.compile(r"^cold start ratio \(ours / bare, first poll\): (\d+\.\d\d)x "
                   r"\(target <= 1\.3x: (PASS|FAIL)\)$", re.M)


def test_report_prints_the_ratio_from_the_medians(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bench = load_script("bench_cold_start")
    starts = {"ours": [bench.Start(3.3, 3.4), bench.Start(3.0, 3.1), bench.Start(9.0, 9.1)],
              "bare": [bench.Start(2.5, 2.6), bench.Start(2.4, 2.5), bench.Start(2.6, 2.7)]}

    async def measured(rounds: int) -> dict[str, list[object]]:
        assert rounds == 3
        return starts  # type: ignore[return-value]

    monkeypatch.setattr(bench, "measure", measured)
    assert bench.main(["--rounds", "3"]) == 0
    found = RATIO.search(capsys.readouterr().out)
    assert found is not None
    assert found[1] == f"{3.3 / 2.5:.2f}" and found[2] == "FAIL"  # medians, not means
    assert bench.main(["--rounds", "3", "--strict"]) == 1
    assert bench.main(["--rounds", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert figures["poll_ratio"] == pytest.approx(3.3 / 2.5)
    assert figures["reply_ratio"] == pytest.approx(3.4 / 2.6)
    assert figures["met"] is False


@pytest.mark.slow
def test_both_bots_start_poll_and_answer() -> None:
    result = run("bench_cold_start.py", "--rounds", "1", "--json", timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    for name in ("ours", "bare"):
        (start,) = figures["rounds"][name]
        assert 0 < start["poll"] <= start["reply"] < 120, (name, start)
    assert figures["poll_ratio"] > 0
    text = run("bench_cold_start.py", "--rounds", "1", timeout=300)
    assert RATIO.search(text.stdout), text.stdout
