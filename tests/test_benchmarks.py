"""Smoke tests for benchmarks/: both scripts run end to end at tiny sizes and print their figures.

They check that the benchmarks measure what they claim (our handlers really answered every
update that should get a reply), not how fast anything is: timings on a CI machine say little.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


def run(script: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCHMARKS / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}_under_test",
                                                  BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


# The update benchmark runs three bots for a while: behind the `slow` marker, which `make test`
# leaves out and CI runs (`make test-slow`).
pytestmark_slow = pytest.mark.slow


@pytest.fixture(scope="module")
def updates_result() -> dict[str, Any]:
    done = run("bench_updates.py", "--updates", "200", "--rounds", "1", "--json")
    assert done.returncode == 0, done.stderr[-3000:]
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytestmark_slow
def test_update_benchmark_answers_every_update(updates_result: dict[str, Any]) -> None:
    data = updates_result
    assert data["updates"] == 200
    assert data["verified"], data["problems"]
    assert 0 < data["replies_expected"] <= 200
    callbacks = data["expected_requests"]["answerCallbackQuery"]
    assert callbacks > 0
    for bot in ("ours", "bare", "reference"):
        requests = data[bot]["rounds"][0]["requests"]
        replies = requests.get("sendMessage", 0) + requests.get("editMessageText", 0)
        assert replies == data["replies_expected"], (bot, requests)
        assert requests.get("answerCallbackQuery", 0) == callbacks, (bot, requests)
        assert data[bot]["rounds"][0]["handler_errors"] == 0


@pytestmark_slow
def test_update_benchmark_ran_our_handlers(updates_result: dict[str, Any]) -> None:
    ours = updates_result["ours"]["rounds"][0]
    events = ours["events"]
    # Only the Guide counts events and only our handlers call it: the bare bot counts none.
    assert events.get("page_view", 0) > 0
    assert events.get("start", 0) > 0
    assert updates_result["bare"]["rounds"][0]["events"] == {}
    # Our replies carry menus; the bare bot's echoes do not.
    assert ours["buttons_per_reply"] > 2
    assert updates_result["bare"]["buttons_per_reply"] == 0


@pytestmark_slow
def test_update_benchmark_reports_figures(updates_result: dict[str, Any],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = updates_result
    for bot in ("ours", "bare", "reference"):
        row = data[bot]
        assert row["updates_per_second"] > 0
        assert row["us_per_update"] > 0
        assert row["peak_rss_mb"] >= row["rss_imports_mb"] > row["rss_start_mb"] > 0
    for target in data["targets"].values():  # each target's verdict follows from its figure
        assert target["pass"] is (target["value"] <= target["limit"])
    # The fake server's own work is measured (and left out). Not compared between the bots: with
    # 200 updates on a busy machine that order is noise (it failed once under parallel tests).
    for bot in ("ours", "bare", "reference"):
        assert data[bot]["server_us_per_update"] > 0

    load_script("bench_updates").print_table(data, ("ours", "bare", "reference"))
    table = capsys.readouterr().out
    for expected in ("updates/s", "ours (K Safer)", "bare aiogram", "bare + keyboard",
                     "fake Bot API server's own work",
                     "time per update, ours / bare", "peak RSS, ours - bare", "target ≤ 2×",
                     "target ≤ 40 MB", "verified:"):
        assert expected in table
    # The table prints the measured figures and the verdicts they give, not just its headings.
    for key in ("time_ratio", "memory_difference_mb"):
        target = data["targets"][key]
        verdict = "PASS" if target["pass"] else "FAIL"
        line = next(row for row in table.splitlines() if f"{target['value']:6.2f}" in row
                    and f"target ≤ {target['limit']:g}" in row)
        assert verdict in line, line


@pytest.mark.slow
def test_content_benchmark_loads_and_checks_a_generated_tree() -> None:
    done = run("bench_content.py", "--pages", "50", "--repeat", "1", "--json")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    data = json.loads(done.stdout)
    assert data["pages"] == 50
    assert data["page_texts"] == 150  # every page in all three languages
    assert data["errors"] == []
    assert data["load_seconds"] > 0 and data["check_seconds"] > 0
    assert data["total_seconds"] == pytest.approx(data["load_seconds"] + data["check_seconds"])
    assert data["mean_body_chars"]["en"] >= 700
    assert isinstance(data["target"]["pass"], bool)
    # By default the generated tree has the shipped content's share of templated bodies.
    bench = load_script("bench_content")
    assert data["template_share"] == pytest.approx(bench.shipped_template_share())
    assert 0.05 < data["template_share"] < 0.9


def test_content_benchmark_prints_a_table(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    bench = load_script("bench_content")
    tree = bench.write_tree(tmp_path, 20, seed=1)
    assert len(tree.pages) == 20
    assert (tmp_path / "content" / "pages" / "home.yaml").exists()
    for locale in ("en", "zh-Hans", "zh-Hant"):
        assert (tmp_path / "content" / "text" / locale / "home.yaml").exists()
    load, check, report = bench.load_and_check(tmp_path / "content", tmp_path / "locales")
    assert report.errors == []
    data = {"pages": 20, "locales": ["en", "zh-Hans", "zh-Hant"], "page_texts": 60,
            "files": tree.files, "yaml_bytes": tree.yaml_bytes,
            "mean_body_chars": {"en": 800.0}, "generate_seconds": 0.1, "repeat": 1,
            "template_share": 0.22, "load_seconds": load, "check_seconds": check,
            "total_seconds": load + check,
            "errors": [], "warnings": 0,
            "target": {"limit_seconds": 2.0, "value": load + check, "pass": True}}
    bench.print_table(data)
    out = capsys.readouterr().out
    for expected in ("ScreenBuilder.load", "check_content", "total", "PASS", "0 error(s)",
                     "Jinja templates: 22%"):
        assert expected in out


def test_ours_is_benchmarked_with_the_production_session_and_defaults() -> None:
    """Our bot must pay for its replies exactly as in production, the bare bots as aiogram."""
    from aiogram.methods import SendMessage
    from aiogram.types import InlineKeyboardButton

    from bot.telegram.app import BOT_DEFAULTS
    from bot.telegram.session import FastKeyboards, Keyboard, TelegramSession

    sys.path.insert(0, str(BENCHMARKS))
    try:
        bench = load_script("bench_updates")
        bot, session = bench.make_bot("ours")
        _bare_bot, bare_session = bench.make_bot("bare")
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert isinstance(session, FastKeyboards)
    assert not isinstance(bare_session, FastKeyboards)
    assert bot.default == BOT_DEFAULTS
    method = SendMessage(chat_id=5, text="<b>hi</b>", reply_markup=Keyboard(
        inline_keyboard=[[InlineKeyboardButton(text="Menu", callback_data="p:home:0")]]))
    assert session.serialise(bot, method) == TelegramSession().form_fields(bot, method)[0]


@pytestmark_slow
def test_hostile_text_benchmark_sends_every_input_through_the_guide() -> None:
    done = run("bench_hostile_text.py", "--repeat", "1", "--json", timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(done.stdout)
    rows = data["rows"]
    assert {row["kind"] for row in rows} == {"message", "inline"}
    assert max(row["chars"] for row in rows if row["kind"] == "inline") == 256
    assert max(row["chars"] for row in rows) == 4096
    assert data["worst_ms"]["ms"] > 0 and data["worst_mb"]["mb"] > 0


@pytestmark_slow  # a process of its own: with the slow tests
def test_search_quality_reports_both_halves_and_times() -> None:
    result = run("search_quality.py", "--json", timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"en tune", "en held", "zh-Hans held", "zh-Hant held"} <= set(figures["scores"])
    assert all(v["top3"] <= v["questions"] for v in figures["scores"].values())
    assert figures["time"]["median_ms"] > 0


@pytestmark_slow  # a process of its own: with the slow tests
def test_search_comparison_prints_a_table_with_fts5() -> None:
    result = run("compare_search.py", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "| ours (hand-written ranking) |" in result.stdout
    assert "| SQLite FTS5 bm25, our terms |" in result.stdout
