"""The report's figures from count rows: totals kept, odd rows handled, periods named plainly."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.report import csv_text
from bot.reporting.figures import Labels, Period, build_report, share
from bot.reporting.tally import EVENTS, CountRow
from tests.counts_data import shipped_content

DAYS = [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(40)]
LABELS = Labels.from_content(shipped_content())

rows_strategy = st.lists(st.builds(
    CountRow,
    day=st.sampled_from(DAYS).map(dt.date.isoformat),
    event=st.sampled_from(sorted(EVENTS)),
    page=st.one_of(st.sampled_from(["", "bladder", "selfcheck_urgent", "gone_page", "urgent",
                                    "suicide"]), st.text(max_size=12)),
    locale=st.sampled_from(["", "en", "zh-Hans", "zh-Hant", "fr"]),
    campaign=st.sampled_from(["", "poster", "festival", "unlisted", "old_tag"]),
    count=st.integers(min_value=1, max_value=5_000),
), max_size=60)


def totals(rows: list[CountRow]) -> Counter[str]:
    found: Counter[str] = Counter()
    for row in rows:
        found[row.event] += row.count
    return found


@settings(max_examples=150, deadline=None)
@given(rows_strategy, st.sampled_from([None, LABELS]))
def test_every_count_lands_in_its_chart_once(rows: list[CountRow], labels: Labels | None) -> None:
    report = build_report(rows, labels=labels)
    by_event = totals(rows)
    if not rows:
        assert report.period is None and report.empty
        return
    charts = {chart.key: chart for chart in report.charts}

    def total(key: str, series: int = 0) -> float:
        return sum(charts[key].series[series].values)

    assert total("starts_per_day") == total("starts_per_week") == by_event["start"]
    assert total("views_by_section") == total("languages") == by_event["page_view"]
    assert sum(total("campaigns", i) for i in range(len(charts["campaigns"].series))) == \
        by_event["deep_link"]
    assert total("search", 0) == by_event["search_hit"]
    assert total("search", 1) == by_event["search_miss"]
    assert total("crisis_routes") == by_event["crisis_route"]
    assert total("selfcheck_outcomes") == by_event["selfcheck_outcome"]
    assert total("usefulness", 0) == by_event["useful_yes"]
    assert total("usefulness", 1) == by_event["useful_no"]
    for chart in report.charts:
        assert chart.empty or chart.reading, chart.key
        assert len(chart.categories) == len(set(chart.categories)), chart.key
    lines = list(csv.reader(io.StringIO(csv_text(report), newline="")))
    assert len(lines) == 1 + sum(len(c.categories) * len(c.series) for c in report.charts)


@settings(max_examples=100, deadline=None)
@given(rows_strategy, st.integers(min_value=2, max_value=400))
def test_with_the_stores_suppression_no_small_figure_is_left(rows: list[CountRow],
                                                             k: int) -> None:
    kept = [row for row in rows if row.count >= k]  # what CountsBackend.query(min_count=k) returns
    report = build_report(kept, min_count=k, labels=LABELS)
    for chart in report.charts:
        for series in chart.series:
            assert all(v == 0 or v >= k for v in series.values), chart.key


def test_periods_are_named_plainly() -> None:
    assert Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30)).label() == "1 – 30 Nov 2026"
    assert Period(dt.date(2026, 9, 1), dt.date(2026, 11, 29)).label() == "1 Sep – 29 Nov 2026"
    assert Period(dt.date(2025, 12, 29), dt.date(2026, 1, 4)).label() == \
        "29 Dec 2025 – 4 Jan 2026"
    assert Period(dt.date(2026, 11, 20), dt.date(2026, 11, 20)).label() == "20 Nov 2026"


def test_weeks_run_monday_to_sunday_and_partial_weeks_are_named() -> None:
    rows = [CountRow("2026-11-04", "start", "", "en", "", 10),
            CountRow("2026-11-10", "start", "", "en", "", 20)]
    chart = {c.key: c for c in build_report(rows).charts}["starts_per_week"]
    assert chart.categories == ("2026-11-02", "2026-11-09")
    assert chart.series[0].values == (10.0, 20.0)
    assert chart.reading == ("Most starts in the week of 9 Nov: 20. 30 starts in all. The first "
                             "and last weeks are only partly in the period.")


def test_sections_group_pages_under_the_main_menu() -> None:
    assert LABELS.section("selfcheck_urgent") == LABELS.section("bladder") == \
        "Bladder and kidneys"
    assert LABELS.section("home") == "Main menu"
    assert LABELS.section("no_such_page") == "Pages no longer in the content"
    assert Labels().section("bladder") == "bladder"


def test_shares_never_round_a_real_count_to_nothing() -> None:
    assert share(1, 1000) == "under 1%"
    assert share(0, 1000) == "0%"
    assert share(9, 1000) == "under 1%"
    assert share(10, 1000) == "1%"
    assert share(3, 0) == "0%"
