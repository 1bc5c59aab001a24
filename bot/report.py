"""``python -m bot report OUT_DIR``: a one-page usage report for funders, with charts and a CSV.

Built only from the anonymous daily counts. The rows arrive already suppressed (read with
``CountsBackend.query(min_count=K)``), so a cell under K is in no sum, chart, table or file. The
page is a Jinja2 template from this package with autoescape on; the charts are inline SVG, so the
report opens offline and loads nothing from the internet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import PackageLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from bot.reporting.figures import Chart, Labels, Report, build_report, long_day, number
from bot.reporting.tally import CountRow

CSV_COLUMNS = ("chart", "category", "series", "value", "period_start", "period_end",
               "min_count")
HTML_NAME = "report.html"
CSV_NAME = "report.csv"
CHARTS_DIR = "charts"


@dataclass(frozen=True)
class ReportFiles:
    out_dir: Path
    html: Path
    csv: Path
    images: tuple[Path, ...]
    report: Report

    def summary(self) -> str:
        if self.report.period is None or self.report.empty:
            return (f"No counts for this period: wrote {self.html} saying so, and an empty "
                    f"{self.csv.name}.")
        return (f"Wrote {self.html}, {self.csv.name} and {len(self.images)} chart files "
                f"(PNG and SVG) in {self.out_dir / CHARTS_DIR}.")


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(loader=PackageLoader("bot", "templates"),
                               autoescape=select_autoescape(default=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = number
    return env


def csv_text(report: Report) -> str:
    """Every figure the charts show (and the pages a chart leaves out), one per line."""
    out = io.StringIO(newline="")
    # CRLF as RFC 4180 and spreadsheets expect; it also makes the writer quote a stray CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    if report.period is None:
        return out.getvalue()
    since, until = report.period.since.isoformat(), report.period.until.isoformat()
    for chart in report.charts:
        for series in chart.series:
            for category, value in zip(chart.categories, series.values, strict=True):
                writer.writerow([chart.key, category, series.name, f"{value:.0f}", since, until,
                                 report.min_count])
    return out.getvalue()


def _suppression_note(min_count: int) -> str:
    if min_count > 1:
        return (f"Small numbers are hidden: any daily count under {min_count} (for one event, "
                "page, language and campaign on one day) was left out before anything was "
                "added up or drawn. So totals are lower than the true figures, much lower for "
                "rare events and a small service, and a category with only small counts does "
                "not appear at all. How much was left out is not shown, as that could itself "
                "give the small numbers away.")
    return ("Nothing is hidden: every count is shown, however small. Before sharing this "
            "report outside the service, make it again with --min-count (for example 5) to "
            "hide small numbers.")


def render_html(report: Report, svgs: dict[str, str], generated: dt.date) -> str:
    charts = [{"chart": chart, "svg": Markup(svgs.get(chart.key, "")), "rows": _table(chart)}
              for chart in report.charts]
    period = report.period
    return _environment().get_template("report.html.j2").render(
        period=period.label() if period else None,
        single_day=period is not None and period.days == 1,
        empty=report.empty, charts=charts, min_count=report.min_count,
        suppression=_suppression_note(report.min_count), generated=long_day(generated),
        csv_name=CSV_NAME, charts_dir=CHARTS_DIR)


def _table(chart: Chart) -> list[list[str]]:
    rows = []
    for i, category in enumerate(chart.categories):
        if chart.time:
            category = long_day(dt.date.fromisoformat(category))
        rows.append([category, *(number(s.values[i]) for s in chart.series)])
    return rows


def write_report(out_dir: Path, rows: Sequence[CountRow], *, since: dt.date | None = None,
                 until: dt.date | None = None, min_count: int = 0,
                 labels: Labels | None = None, today: dt.date | None = None) -> ReportFiles:
    """Write report.html, report.csv and charts/*.png|svg into ``out_dir`` (created if needed)."""
    from bot.charts import inline_svg, render  # matplotlib: only when a report is made

    report = build_report(rows, since=since, until=until, min_count=min_count, labels=labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    images: list[Path] = []
    svgs: dict[str, str] = {}
    if report.period is not None:
        charts_dir = out_dir / CHARTS_DIR
        charts_dir.mkdir(exist_ok=True)
        for chart in report.charts:
            if chart.empty:
                continue
            footnote = (f"Daily counts under {min_count} are hidden, so figures can be lower "
                        "than the true ones." if min_count > 1 else "")
            for fmt, data in render(chart, report.period, footnote=footnote).items():
                path = charts_dir / f"{chart.key}.{fmt}"
                path.write_bytes(data)
                images.append(path)
            inline = render(chart, report.period, standalone=False, formats=("svg",))
            svgs[chart.key] = inline_svg(inline["svg"])
    html_path = out_dir / HTML_NAME
    html_path.write_text(render_html(report, svgs, today or dt.date.today()), encoding="utf-8")
    csv_path = out_dir / CSV_NAME
    csv_path.write_bytes(csv_text(report).encode("utf-8"))
    return ReportFiles(out_dir, html_path, csv_path, tuple(images), report)
