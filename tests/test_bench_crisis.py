"""benchmarks/bench_crisis.py runs and measures what it says: 4,096-character messages, every
one read, a figure each. How fast is for the benchmark to say, not this test."""

from __future__ import annotations

import json

from tests.test_benchmarks import load_script


def test_bench_crisis_reads_full_length_adversarial_messages(capsys: object) -> None:
    bench = load_script("bench_crisis")
    messages = bench.messages()
    assert len(messages) >= 10
    assert all(len(text) == bench.LENGTH == 4096 for text in messages.values())
    assert any("\u200b" in text for text in messages.values())
    assert bench.main(["--repeat", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert set(out["ms"]) == set(messages) and out["target_ms"] == 5.0
