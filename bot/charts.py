"""Draws the report's charts as PNG and SVG with matplotlib (Agg: no display, no pyplot state).

matplotlib and numpy cost tens of megabytes and most of a second to import, so nothing the bot
loads at start-up imports this module: the report command and the admins' /stats import it when a
chart is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import threading
from typing import Any, Literal

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.reporting.figures import Chart, Period, number, share, starts_per_week
from bot.reporting.tally import CountRow

# Okabe-Ito: told apart by people with colour-blindness, and in greyscale print by order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#F0E442")
TWO_PARTS = ("#009E73", "#D55E00")  # yes/no, found/not found
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#dddddd"
# Latin first; a CJK font (fonts-noto-cjk) for any Chinese in campaign names, when installed.
_FONTS = ("DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK TC")
# rc_context changes process-wide settings, so drawings take turns (the bot draws in a thread).
_LOCK = threading.Lock()
_WIDTH = 9.0  # inches: 1350 px wide at 150 dpi, fits a slide


def _style(salt: str) -> dict[Any, Any]:
    installed = {font.name for font in fontManager.ttflist}
    return {
        "font.family": [name for name in _FONTS if name in installed] or ["sans-serif"],
        "font.size": 10,
        "axes.edgecolor": MUTED,
        "axes.labelcolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "svg.fonttype": "none",  # text stays text: searchable, selectable, editable in slides
        # Fixed ids make files reproducible; one salt per chart keeps inline SVGs' ids apart.
        "svg.hashsalt": salt,
    }


def _height(chart: Chart, standalone: bool) -> float:
    extra = 1.3 if standalone else 0.0
    if chart.kind in ("hbar", "stacked_hbar"):
        return max(2.6, 0.36 * len(_categories(chart)) + 1.4) + extra
    return 3.8 + extra


def _categories(chart: Chart) -> tuple[str, ...]:
    return chart.categories[:chart.draw_first] if chart.draw_first else chart.categories


def _values(chart: Chart) -> list[tuple[str, list[float]]]:
    count = len(_categories(chart))
    return [(s.name, list(s.values[:count])) for s in chart.series]


def _thousands(value: float, _pos: int | None = None) -> str:
    return number(value)


def draw(chart: Chart, period: Period, *, standalone: bool = True, footnote: str = "") -> Figure:
    """The chart as a figure; ``standalone`` adds the title, the reading and ``footnote`` (what
    was hidden) so the picture says everything on a slide of its own."""
    figure = Figure(figsize=(_WIDTH, _height(chart, standalone)), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_title(period.label(), loc="left", fontsize=10, color=MUTED)
    if chart.kind == "line":
        _line(ax, chart, period)
    elif chart.kind in ("bar", "stacked_bar"):
        _bars(ax, chart, period)
    else:
        _hbars(ax, chart)
    if standalone:
        figure.suptitle(chart.title, x=0.01, ha="left", fontsize=14, fontweight="bold",
                        color=INK)
        lines = [line for text in (chart.reading, footnote) if text
                 for line in textwrap.wrap(text, 120)]
        if lines:
            figure.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=10, color=INK)
    return figure


def _dates(chart: Chart) -> list[dt.date]:
    return [dt.date.fromisoformat(day) for day in _categories(chart)]


def _day_axis(ax: Axes, days: list[dt.date]) -> None:
    """Days on a time axis; the year is in the period above the chart, so ticks leave it out."""
    locator = AutoDateLocator(minticks=3, maxticks=9)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    formatter = DateFormatter("%b %Y" if len(days) > 300 else "%-d %b")  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(formatter)
    pad = dt.timedelta(days=1 if len(days) == 1 else 0.5)
    ax.set_xlim(days[0] - pad, days[-1] + pad)  # type: ignore[arg-type]


def _week_axis(ax: Axes, chart: Chart, period: Period) -> list[float]:
    """Weeks as evenly spaced slots labelled with their Monday, as many labels as fit; a week
    only partly in the period says so, so a short last bar is not read as a drop."""
    weeks = _dates(chart)
    positions = [float(i) for i in range(len(weeks))]
    room = 13 if len(chart.series) == 1 else 8  # a legend at the side narrows the chart
    step = max(1, -(-len(weeks) // room))
    labels = [f"{w.day} {w:%b}" for w in weeks]
    if weeks[0] < period.since:
        labels[0] += "\n(part)"
    if weeks[-1] + dt.timedelta(days=6) > period.until:
        labels[-1] += "\n(so far)" if len(weeks) > 1 else "\n(part)"
    ax.set_xticks(positions[::step], labels[::step])
    ax.set_xlim(-0.6, len(weeks) - 0.4)
    return positions


def _value_axis(ax: Axes, axis: Literal["x", "y"]) -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(integer=True, min_n_ticks=3))
    target.set_major_formatter(FuncFormatter(_thousands))
    ax.grid(axis=axis, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    if axis == "y":
        ax.set_ylim(bottom=0)
    else:
        ax.set_xlim(left=0)


def _legend(ax: Axes, title: str | None = None) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=title)


def _line(ax: Axes, chart: Chart, period: Period) -> None:
    xs: Any
    if chart.time == "week":
        xs = _week_axis(ax, chart, period)
    else:
        xs = _dates(chart)
        _day_axis(ax, xs)
    few = len(xs) <= 31
    for i, (name, values) in enumerate(_values(chart)):
        ax.plot(xs, values, color=PALETTE[i % len(PALETTE)], linewidth=2, label=name,
                marker="o" if few else None, markersize=4)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    _value_axis(ax, "y")
    if len(chart.series) > 1:
        _legend(ax, "Campaign" if chart.key == "campaigns" else None)


def _bars(ax: Axes, chart: Chart, period: Period) -> None:
    series = _values(chart)
    positions: Any
    if chart.time == "week":
        positions, width = _week_axis(ax, chart, period), 0.8
    elif chart.time == "day":
        positions, width = _dates(chart), 0.8
        _day_axis(ax, positions)
    else:
        positions, width = list(range(len(_categories(chart)))), 0.6
        ax.set_xticks(positions, [textwrap.fill(c, 22) for c in _categories(chart)])
    bottom = [0.0] * len(positions)
    colours = TWO_PARTS if len(series) == 2 else PALETTE
    for i, (name, values) in enumerate(series):
        bars = ax.bar(positions, values, width=width, bottom=bottom, label=name,
                      color=colours[i % len(colours)])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        if len(series) == 1 and len(positions) <= 26:
            ax.bar_label(bars, labels=_bar_labels(chart, values), padding=2, fontsize=8,
                         color=INK)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    _value_axis(ax, "y")
    ax.margins(y=0.12)
    if len(series) > 1:
        _legend(ax)


def _hbars(ax: Axes, chart: Chart) -> None:
    series = _values(chart)
    names = list(_categories(chart))
    positions = list(range(len(names)))
    left = [0.0] * len(names)
    colours = TWO_PARTS if len(series) == 2 else PALETTE
    for i, (name, values) in enumerate(series):
        bars = ax.barh(positions, values, left=left, height=0.65, label=name,
                       color=colours[i % len(colours)])
        left = [a + v for a, v in zip(left, values, strict=True)]
        if len(series) == 1:
            ax.bar_label(bars, labels=_bar_labels(chart, values), padding=3, fontsize=8,
                         color=INK)
    if len(series) > 1:
        first = series[0]
        labels = [f"{share(part, total)} {first[0].lower()} of {number(total)}"
                  for part, total in zip(first[1], left, strict=True)]
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8, color=INK)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), frameon=False, ncols=2)
    ax.set_yticks(positions, names)
    ax.invert_yaxis()  # the first category (the largest, or the least useful) on top
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    _value_axis(ax, "x")
    ax.margins(x=0.18)


def _bar_labels(chart: Chart, values: list[float]) -> list[str]:
    total = sum(chart.series[0].values)
    if chart.percent_of_total:
        return [f"{number(v)} ({share(v, total)})" if v else "" for v in values]
    return [number(v) if v else "" for v in values]


def _save(figure: Figure, fmt: str, dpi: float) -> bytes:
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(out, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return out.getvalue()


def render(chart: Chart, period: Period, *, standalone: bool = True, footnote: str = "",
           formats: tuple[str, ...] = ("png", "svg"), dpi: float = 150) -> dict[str, bytes]:
    """The chart in each format; SVG text stays text so a slide can search and edit it."""
    salt = f"k-safer-{chart.key}-{'full' if standalone else 'inline'}"
    with _LOCK, rc_context(_style(salt)):
        figure = draw(chart, period, standalone=standalone, footnote=footnote)
        return {fmt: _save(figure, fmt, dpi) for fmt in formats}


_SVG_START = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\s(?:width|height)="[^"]*"')


def inline_svg(svg: bytes) -> str:
    """The SVG as an element for an HTML page: no XML prolog, and it scales with the page."""
    text = _SVG_START.sub("", svg.decode("utf-8"), count=1)
    for _ in range(2):
        text = _SVG_SIZE.sub(r"\1", text, count=1)
    return text


def weekly_starts_png(rows: list[CountRow], period: Period) -> bytes:
    """The admins' /stats picture: starts per week over ``period``."""
    chart = starts_per_week(rows, period)
    return render(chart, period, formats=("png",), dpi=110)["png"]
