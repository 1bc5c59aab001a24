"""`python -m bot report`: right figures, small cells nowhere, odd databases handled."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bot.report import CSV_COLUMNS, csv_text, write_report
from bot.reporting.figures import Labels, build_report
from bot.reporting.summary import usefulness
from bot.reporting.tally import CountKey, CountRow
from bot.runtime.counts import SqliteCounts
from tests.cli import run, run_process
from tests.counts_data import generate, shipped_content

CHARTS = ("starts_per_day", "starts_per_week", "views_by_section", "languages", "campaigns",
          "selfcheck_outcomes", "search", "crisis_routes", "usefulness")


def run_report_process(database: Path, out: Path,
                       *args: str) -> subprocess.CompletedProcess[str]:
    """The command exactly as a person runs it."""
    return run_process(["report", str(out), *args], {"DATABASE_PATH": str(database)},
                       timeout=180)


def run_report(database: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command in this process (``bot.cli.main``): the report's own work without a
    new interpreter importing matplotlib each time."""
    return run(["report", str(out), *args], {"DATABASE_PATH": str(database)})


def write_counts(path: Path, batch: Counter[CountKey]) -> None:
    async def write() -> None:
        async with SqliteCounts(path) as store:
            await store.write(batch)

    asyncio.run(write())


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def figures(rows: list[dict[str, str]], chart: str, series: str | None = None) -> dict[str, int]:
    return {r["category"]: int(r["value"]) for r in rows
            if r["chart"] == chart and (series is None or r["series"] == series)}


@pytest.fixture(scope="module")
def generated() -> Counter[CountKey]:
    return generate(shipped_content(), days=90, until=dt.date(2026, 11, 29))


@pytest.fixture(scope="module")
def realistic(generated: Counter[CountKey], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of 90 generated days, made by the command as a person runs it."""
    folder = tmp_path_factory.mktemp("report")
    write_counts(folder / "counts.sqlite3", generated)
    result = run_report_process(folder / "counts.sqlite3", folder / "out")
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "18 chart files" in result.stdout
    return folder / "out"


def total(batch: Counter[CountKey], event: str) -> int:
    return sum(n for key, n in batch.items() if key.event == event)


@pytest.mark.slow
def test_every_chart_is_written_as_png_and_svg(realistic: Path) -> None:
    for key in CHARTS:
        png = (realistic / "charts" / f"{key}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000, key
        svg = (realistic / "charts" / f"{key}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg and "<script" not in svg, key


@pytest.mark.slow
def test_csv_holds_the_same_figures_as_the_counts(realistic: Path,
                                                  generated: Counter[CountKey]) -> None:
    rows = read_csv(realistic / "report.csv")
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r["chart"] for r in rows} == set(CHARTS)
    assert {(r["period_start"], r["period_end"], r["min_count"]) for r in rows} == {
        ("2026-09-01", "2026-11-29", "0")}
    per_day = figures(rows, "starts_per_day")
    assert len(per_day) == 90 and sum(per_day.values()) == total(generated, "start")
    per_week = figures(rows, "starts_per_week")
    assert next(iter(per_week)) == "2026-08-31"  # weeks start on Monday
    assert sum(per_week.values()) == total(generated, "start")
    sections = figures(rows, "views_by_section")
    assert sum(sections.values()) == total(generated, "page_view")
    assert list(sections.values()) == sorted(sections.values(), reverse=True)
    assert "Bladder and kidneys" in sections and "Mixing ketamine with other drugs" in sections
    assert sum(figures(rows, "languages").values()) == total(generated, "page_view")
    assert sum(figures(rows, "campaigns", "festival: Festival and club outreach").values()) == \
        sum(n for k, n in generated.items() if k.event == "deep_link" and k.campaign == "festival")
    assert sum(figures(rows, "search", "Found a page").values()) == total(generated, "search_hit")
    assert sum(figures(rows, "search", "Nothing found").values()) == \
        total(generated, "search_miss")
    assert sum(figures(rows, "crisis_routes").values()) == total(generated, "crisis_route")
    outcomes = figures(rows, "selfcheck_outcomes")
    assert list(outcomes) == ["Get medical help today (urgent)", "See a doctor soon (soon)",
                              "Keep an eye on it (watch)"]
    # Usefulness: every page with answers, least useful first, as `stats --usefulness` has it.
    answers = [CountRow(k.day, k.event, k.page, k.locale, k.campaign, n)
               for k, n in generated.items()]
    labels = Labels.from_content(shipped_content())
    expected = [labels.page(u.page) for u in usefulness(answers)]
    assert list(figures(rows, "usefulness", "Useful")) == expected
    assert len(expected) > 40


@pytest.mark.slow
def test_html_is_one_offline_page_with_titles_axes_periods_and_readings(realistic: Path) -> None:
    html = (realistic / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == len(CHARTS)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html)
    assert "1 Sep – 29 Nov 2026" in html
    for title in ("People starting the bot, per day", "Page views by section",
                  "Page views by language", "Deep-link opens per campaign, per week",
                  "Bladder self-check results", "Typed questions: page found or not",
                  "Messages answered with crisis information",
                  "Was this page useful? Least useful first"):
        assert f"<h2>{title}</h2>" in html
    for axis in ("Week starting (Monday)", "Section of the main menu", "Link opens",
                 "Self-checks finished", "Typed questions"):
        assert f">{axis}<" in html, axis  # SVG text stays text
    assert 'class="reading">Bladder and kidneys was the most read section: ' in html
    assert "Nothing is hidden: every count is shown" in html


def small_cells() -> Counter[CountKey]:
    """A week of counts where a few cells are tiny; the tiny ones have names found nowhere else."""
    batch: Counter[CountKey] = Counter()
    for i in range(7):
        day = f"2026-11-{2 + i:02d}"
        batch[CountKey(day, "start", "", "en")] = 40 + i
        batch[CountKey(day, "page_view", "bladder_signs", "en")] = 30
        batch[CountKey(day, "deep_link", "bladder_signs", "en", "poster")] = 12
        batch[CountKey(day, "search_hit", "", "en")] = 9
        batch[CountKey(day, "crisis_route", "emergency", "en")] = 6
        batch[CountKey(day, "selfcheck_outcome", "watch", "en")] = 8
        batch[CountKey(day, "useful_yes", "bladder_signs", "en")] = 7
    tiny = {
        CountKey("2026-11-04", "start", "", "zh-Hans"): 3,
        CountKey("2026-11-04", "page_view", "mix_maois", "zh-Hant"): 2,
        CountKey("2026-11-05", "deep_link", "selfcheck", "en", "outreach"): 4,
        CountKey("2026-11-05", "crisis_route", "suicide", "en"): 1,
        CountKey("2026-11-06", "selfcheck_outcome", "urgent", "en"): 2,
        CountKey("2026-11-06", "useful_no", "body_nose", "en"): 3,
        CountKey("2026-11-07", "search_miss", "", "en"): 4,
    }
    batch.update(tiny)
    return batch


# What only the tiny cells would put into the report.
TINY_TRACES = ("Chinese (Traditional)", "Mixing ketamine with other drugs",
               "Handed out by outreach workers", "Thoughts of suicide", "Get medical help today",
               "body_nose", "Your nose")


@pytest.fixture(scope="module")
def suppressed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("small")
    rows = [CountRow(k.day, k.event, k.page, k.locale, k.campaign, n)
            for k, n in sorted(small_cells().items())]
    labels = Labels.from_content(shipped_content())
    shown = write_report(folder / "all", rows, labels=labels)
    hidden = write_report(folder / "k5", [r for r in rows if r.count >= 5], min_count=5,
                          labels=labels)
    return shown.out_dir, hidden.out_dir


def every_text(out: Path) -> str:
    parts = [(out / "report.html").read_text(encoding="utf-8"),
             (out / "report.csv").read_text(encoding="utf-8")]
    parts += [svg.read_text(encoding="utf-8") for svg in sorted((out / "charts").glob("*.svg"))]
    return "\n".join(parts)


@pytest.mark.slow
def test_without_suppression_the_tiny_cells_are_in_the_report(
        suppressed: tuple[Path, Path]) -> None:
    text = every_text(suppressed[0])
    for trace in TINY_TRACES:
        assert trace in text, trace
    rows = read_csv(suppressed[0] / "report.csv")
    assert figures(rows, "starts_per_day")["2026-11-04"] == 45
    assert sum(figures(rows, "search", "Nothing found").values()) == 4


@pytest.mark.slow
def test_suppressed_cells_appear_nowhere(suppressed: tuple[Path, Path]) -> None:
    out = suppressed[1]
    text = every_text(out)
    for trace in TINY_TRACES:
        assert trace not in text, trace
    rows = read_csv(out / "report.csv")
    assert figures(rows, "starts_per_day")["2026-11-04"] == 42  # 42 + 3 hidden
    assert sum(figures(rows, "search", "Nothing found").values()) == 0
    assert set(figures(rows, "languages")) == {"English"}
    assert set(figures(rows, "crisis_routes")) == {"Medical emergency"}
    assert all(int(r["value"]) == 0 or int(r["value"]) >= 5 for r in rows)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Small numbers are hidden: any daily count under 5" in html
    assert {r["min_count"] for r in rows} == {"5"}


def test_report_reads_counts_through_the_store_with_min_count(tmp_path: Path) -> None:
    """The command suppresses with the store's own query (min_count), not a copy of it."""
    write_counts(tmp_path / "counts.sqlite3", small_cells())
    result = run_report(tmp_path / "counts.sqlite3", tmp_path / "out", "--min-count", "5",
                        "--since", "2026-11-01", "--until", "2026-11-30")
    assert result.returncode == 0, result.stderr
    text = every_text(tmp_path / "out")
    for trace in TINY_TRACES:
        assert trace not in text, trace
    assert "1 – 30 Nov 2026" in text


def test_no_database_yet_gives_a_clear_report(tmp_path: Path) -> None:
    result = run_report(tmp_path / "missing.sqlite3", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "No counts for this period" in result.stdout
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "There are no counts yet, so there is nothing to chart." in html
    assert "<svg" not in html
    assert (tmp_path / "out" / "report.csv").read_text() == ",".join(CSV_COLUMNS) + "\n"
    assert not (tmp_path / "missing.sqlite3").exists()  # reading made no empty database


def test_empty_period_says_which_period(tmp_path: Path) -> None:
    write_counts(tmp_path / "counts.sqlite3", small_cells())
    result = run_report(tmp_path / "counts.sqlite3", tmp_path / "out", "--since", "2025-01-01",
                        "--until", "2025-01-31")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "There are no counts for 1 – 31 Jan 2025, so there is nothing to chart." in html
    assert "<svg" not in html


def test_one_day_database(tmp_path: Path) -> None:
    day = "2026-11-20"
    batch = Counter({CountKey(day, "start", "", "en"): 12,
                     CountKey(day, "page_view", "bladder", "en"): 20,
                     CountKey(day, "deep_link", "bladder", "en", "card"): 5})
    rows = [CountRow(k.day, k.event, k.page, k.locale, k.campaign, n) for k, n in batch.items()]
    files = write_report(tmp_path / "out", rows, labels=Labels.from_content(shipped_content()))
    html = files.html.read_text(encoding="utf-8")
    assert "This report covers a single day" in html
    assert "20 Nov 2026" in html
    assert "12 starts on 20 Nov 2026; this report covers a single day" in html
    assert "Nobody finished the self-check in this period." in html  # empty charts say so
    assert "No typed message was routed to crisis information" in html
    assert {p.name for p in files.images} >= {"starts_per_day.png", "starts_per_week.svg",
                                               "campaigns.png", "views_by_section.png"}
    assert not (tmp_path / "out" / "charts" / "crisis_routes.png").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--since", "2026-11-10", "--until", "2026-11-01"], "is after --until"),
    (["--min-count", "-1"], "not a whole number of 0 or more"),
    (["--since", "last week"], "is not a day like"),
])
def test_bad_options_get_a_clear_answer(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_report(tmp_path / "counts.sqlite3", tmp_path / "out", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_out_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    result = run_report(tmp_path / "counts.sqlite3", tmp_path / "taken")
    assert result.returncode == 2
    assert "is a file, not a folder" in result.stderr


def test_page_ids_are_shown_when_there_is_no_content() -> None:
    rows = [CountRow("2026-11-01", "useful_no", "bladder", "en", "", 5)]
    report = build_report(rows)
    assert "usefulness,bladder,Not really,5," in csv_text(report)
