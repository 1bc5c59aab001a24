"""The figures behind the usage report and the admins' weekly chart, from the anonymous counts.

Pure data: no drawing library is imported here, so the bot can use it freely. Suppression is not
done here either: callers pass rows already read with a store's ``query(min_count=K)``, so a cell
under K never reaches a sum, a chart or a file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bot.model.model import HOME, Content
from bot.reporting.summary import usefulness
from bot.reporting.tally import CountRow

ChartKind = Literal["line", "bar", "hbar", "stacked_bar", "stacked_hbar"]

LANGUAGE_NAMES = {"en": "English", "zh-Hans": "Chinese (Simplified)",
                  "zh-Hant": "Chinese (Traditional)", "": "Not known"}
CRISIS_NAMES = {"emergency": "Medical emergency", "suicide": "Thoughts of suicide",
                "urinary": "Cannot pass urine"}
NO_TAG = "(no campaign tag)"
UNLISTED = "unlisted"  # what the bot counts for a tag that is not in content/campaigns.yaml
OTHER_CAMPAIGNS = "other campaigns"
MOST_CAMPAIGNS = 6  # lines on the campaigns chart; the rest are added up as "other campaigns"
MOST_USEFULNESS = 15  # bars on the usefulness chart; the CSV has every page
LABEL_CHARS = 42


@dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def label(self) -> str:
        if self.since == self.until:
            return long_day(self.since)
        if (self.since.year, self.since.month) == (self.until.year, self.until.month):
            return f"{self.since.day} – {long_day(self.until)}"
        if self.since.year == self.until.year:
            return f"{self.since.day} {self.since:%b} – {long_day(self.until)}"
        return f"{long_day(self.since)} – {long_day(self.until)}"

    def day_list(self) -> list[dt.date]:
        return [self.since + dt.timedelta(days=i) for i in range(self.days)]

    def week_starts(self) -> list[dt.date]:
        """Mondays of the weeks the period touches (weeks run Monday to Sunday)."""
        first = week_start(self.since)
        return [first + dt.timedelta(weeks=i)
                for i in range((week_start(self.until) - first).days // 7 + 1)]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """One chart: what it shows, its labels and the sentence that says what it means."""

    key: str  # file name of the PNG/SVG and the ``chart`` column of the CSV
    title: str
    kind: ChartKind
    x_label: str
    y_label: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    reading: str
    time: Literal["", "day", "week"] = ""  # categories are ISO days, or the Mondays of weeks
    percent_of_total: bool = False  # bar labels also show each bar's share
    note: str = ""
    empty_message: str = ""  # shown instead of the chart when there is nothing to draw
    draw_first: int | None = None  # draw only the first N categories (the CSV has them all)

    @property
    def empty(self) -> bool:
        return not any(value for s in self.series for value in s.values)


@dataclass(frozen=True)
class Labels:
    """Plain names for page ids, sections, self-check outcomes and campaigns (from the content)."""

    titles: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # page id -> section page id
    outcomes: dict[str, str] = field(default_factory=dict)  # outcome key -> page title
    campaigns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_content(cls, content: Content) -> Labels:
        titles = {page: content.text(page, "en").title for page in content.pages}
        sections: dict[str, str] = {}
        for page in content.pages:
            current = page
            seen = {current}
            while content.parents.get(current, HOME) != HOME:
                current = content.parents[current]
                if current in seen:
                    break
                seen.add(current)
            sections[page] = current
        outcomes = {spec.outcome: titles[page] for page, spec in content.pages.items()
                    if spec.outcome}
        return cls(titles, sections, outcomes, dict(content.campaigns))

    def page(self, page_id: str) -> str:
        title = self.titles.get(page_id)
        return f"{shorten(title)} ({page_id})" if title else page_id

    def section(self, page_id: str) -> str:
        if not self.titles:
            return page_id
        if page_id == HOME:
            return self.titles.get(HOME, HOME)
        section = self.sections.get(page_id)
        if section is None:
            return "Pages no longer in the content"
        return self.titles.get(section, section)

    def outcome(self, key: str) -> str:
        title = self.outcomes.get(key)
        return f"{title} ({key})" if title else key

    def campaign(self, tag: str) -> str:
        if not tag:
            return NO_TAG
        if tag == UNLISTED:
            return "unlisted tags"
        about = self.campaigns.get(tag)
        return f"{tag}: {shorten(about, 34)}" if about else tag


@dataclass(frozen=True)
class Report:
    period: Period | None
    min_count: int
    charts: tuple[Chart, ...]

    @property
    def empty(self) -> bool:
        return self.period is None or all(chart.empty for chart in self.charts)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def long_day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def short_day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def number(value: float) -> str:
    return f"{value:,.0f}"


def share(part: float, whole: float) -> str:
    if not whole:
        return "0%"
    percent = 100 * part / whole
    return "under 1%" if 0 < percent < 1 else f"{percent:.0f}%"


def period_of(rows: Sequence[CountRow], since: dt.date | None,
              until: dt.date | None) -> Period | None:
    """The asked-for period, with open ends taken from the first and last day with counts."""
    days = sorted({row.day for row in rows})
    first = since or (dt.date.fromisoformat(days[0]) if days else None)
    last = until or (dt.date.fromisoformat(days[-1]) if days else None)
    if first is None or last is None or first > last:
        return None
    return Period(first, last)


def _totals(rows: Iterable[CountRow], events: str | tuple[str, ...], key: str) -> Counter[str]:
    wanted = (events,) if isinstance(events, str) else events
    totals: Counter[str] = Counter()
    for row in rows:
        if row.event in wanted:
            totals[getattr(row, key)] += row.count
    return totals


def _ranked(totals: Counter[str]) -> list[tuple[str, int]]:
    return sorted(((k, v) for k, v in totals.items() if v), key=lambda kv: (-kv[1], kv[0]))


def _weekly(rows: Iterable[CountRow], period: Period, event: str,
            key: str | None = None) -> dict[str, list[int]]:
    """Counts of ``event`` per week, one list per value of ``key`` (or one list under '')."""
    weeks = period.week_starts()
    index = {week: i for i, week in enumerate(weeks)}
    found: dict[str, list[int]] = {}
    for row in rows:
        if row.event != event:
            continue
        name = getattr(row, key) if key else ""
        values = found.setdefault(name, [0] * len(weeks))
        values[index[week_start(dt.date.fromisoformat(row.day))]] += row.count
    return found


def _partial_weeks(period: Period) -> str:
    first = period.since.weekday() != 0
    last = period.until.weekday() != 6
    if len(period.week_starts()) == 1:
        return " The period is shorter than a week." if first or last else ""
    if first and last:
        return " The first and last weeks are only partly in the period."
    if first:
        return " The first week is only partly in the period."
    if last:
        return " The last week is only partly in the period."
    return ""


def starts_per_day(rows: Sequence[CountRow], period: Period) -> Chart:
    days = period.day_list()
    per_day: Counter[str] = _totals(rows, "start", "day")
    values = tuple(float(per_day[day.isoformat()]) for day in days)
    total = sum(values)
    if period.days == 1:
        reading = (f"{number(total)} starts on {long_day(period.since)}; this report covers a "
                   "single day, so there is no trend to see yet.")
    elif total:
        busiest = max(range(len(days)), key=lambda i: (values[i], -i))
        reading = (f"Busiest day: {days[busiest]:%a} {short_day(days[busiest])} with "
                   f"{number(values[busiest])} starts; on average {total / len(days):,.1f} "
                   "a day.")
    else:
        reading = ""
    return Chart("starts_per_day", "People starting the bot, per day", "line", "Day",
                 "Starts", tuple(day.isoformat() for day in days),
                 (Series("Starts", values),), reading, time="day",
                 note="A start is each time someone opens the bot with /start or a link; one "
                      "person can start more than once.",
                 empty_message="Nobody started the bot in this period.")


def starts_per_week(rows: Sequence[CountRow], period: Period) -> Chart:
    weeks = period.week_starts()
    values = tuple(float(v) for v in _weekly(rows, period, "start").get("", [0] * len(weeks)))
    total = sum(values)
    reading = ""
    if total:
        best = max(range(len(weeks)), key=lambda i: (values[i], -i))
        reading = (f"Most starts in the week of {short_day(weeks[best])}: "
                   f"{number(values[best])}. {number(total)} starts in all."
                   + _partial_weeks(period))
    return Chart("starts_per_week", "People starting the bot, per week", "bar",
                 "Week starting (Monday)", "Starts", tuple(w.isoformat() for w in weeks),
                 (Series("Starts", values),), reading, time="week",
                 note="A start is each time someone opens the bot with /start or a link; one "
                      "person can start more than once.",
                 empty_message="Nobody started the bot in this period.")


def views_by_section(rows: Sequence[CountRow], labels: Labels) -> Chart:
    totals: Counter[str] = Counter()
    for page, count in _totals(rows, "page_view", "page").items():
        totals[labels.section(page)] += count
    ranked = _ranked(totals)
    total = sum(totals.values())
    reading = ""
    if ranked:
        name, count = ranked[0]
        reading = (f"{name} was the most read section: {share(count, total)} of "
                   f"{number(total)} page views.")
    return Chart("views_by_section", "Page views by section", "hbar", "Page views",
                 "Section of the main menu", tuple(name for name, _ in ranked),
                 (Series("Page views", tuple(float(c) for _, c in ranked)),), reading,
                 percent_of_total=True,
                 note="A section is a button of the main menu with all the pages under it.",
                 empty_message="No pages were viewed in this period.")


def languages(rows: Sequence[CountRow]) -> Chart:
    ranked = _ranked(_totals(rows, "page_view", "locale"))
    total = sum(count for _, count in ranked)
    parts = [f"{share(count, total)} in {LANGUAGE_NAMES.get(locale, locale)}"
             for locale, count in ranked]
    reading = ("Of all page views, " + ", ".join(parts) + ".") if parts else ""
    return Chart("languages", "Page views by language", "hbar", "Page views", "Language",
                 tuple(LANGUAGE_NAMES.get(locale, locale) for locale, _ in ranked),
                 (Series("Page views", tuple(float(c) for _, c in ranked)),), reading,
                 percent_of_total=True,
                 empty_message="No pages were viewed in this period.")


def campaigns_over_time(rows: Sequence[CountRow], period: Period, labels: Labels) -> Chart:
    weeks = period.week_starts()
    per_tag = _weekly(rows, period, "deep_link", "campaign")
    ranked = sorted(per_tag, key=lambda tag: (-sum(per_tag[tag]), tag))
    shown = ranked if len(ranked) <= MOST_CAMPAIGNS else ranked[:MOST_CAMPAIGNS - 1]
    series = [Series(labels.campaign(tag), tuple(float(v) for v in per_tag[tag]))
              for tag in shown]
    rest = [per_tag[tag] for tag in ranked if tag not in shown]
    if rest:
        series.append(Series(OTHER_CAMPAIGNS,
                             tuple(float(sum(values)) for values in zip(*rest, strict=True))))
    total = sum(sum(values) for values in per_tag.values())
    reading = ""
    if ranked:
        top = ranked[0]
        reading = (f"{labels.campaign(top)} brought the most people in through links: "
                   f"{number(sum(per_tag[top]))} of {number(total)} link opens."
                   + _partial_weeks(period))
    return Chart("campaigns", "Deep-link opens per campaign, per week", "line",
                 "Week starting (Monday)", "Link opens", tuple(w.isoformat() for w in weeks),
                 tuple(series), reading, time="week",
                 note="Opens of a link or QR code to a page, by the campaign tag it carried.",
                 empty_message="No deep links were opened in this period.")


def selfcheck_outcomes(rows: Sequence[CountRow], labels: Labels) -> Chart:
    ranked = _ranked(_totals(rows, "selfcheck_outcome", "page"))
    order = {key: i for i, key in enumerate(("urgent", "soon", "watch"))}
    ranked.sort(key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    total = sum(count for _, count in ranked)
    reading = ""
    if ranked:
        parts = [f"{number(count)} \"{labels.outcomes.get(key, key).lower()}\""
                 for key, count in ranked]
        reading = f"{number(total)} self-checks were finished: " + ", ".join(parts) + "."
    return Chart("selfcheck_outcomes", "Bladder self-check results", "bar", "Result",
                 "Self-checks finished", tuple(labels.outcome(key) for key, _ in ranked),
                 (Series("Self-checks", tuple(float(c) for _, c in ranked)),), reading,
                 percent_of_total=True,
                 empty_message="Nobody finished the self-check in this period.")


def search(rows: Sequence[CountRow], period: Period) -> Chart:
    weeks = period.week_starts()
    found = _weekly(rows, period, "search_hit").get("", [0] * len(weeks))
    missed = _weekly(rows, period, "search_miss").get("", [0] * len(weeks))
    hits, misses = sum(found), sum(missed)
    reading = ""
    if hits + misses:
        reading = (f"Typed questions found a page {share(hits, hits + misses)} of the time "
                   f"({number(hits)} of {number(hits + misses)}).")
    return Chart("search", "Typed questions: page found or not", "stacked_bar",
                 "Week starting (Monday)", "Typed questions", tuple(w.isoformat() for w in weeks),
                 (Series("Found a page", tuple(float(v) for v in found)),
                  Series("Nothing found", tuple(float(v) for v in missed))), reading,
                 time="week",
                 note="Only whether something was found is counted, never the words typed.",
                 empty_message="Nobody typed a question in this period.")


def crisis_routes(rows: Sequence[CountRow]) -> Chart:
    ranked = _ranked(_totals(rows, "crisis_route", "page"))
    total = sum(count for _, count in ranked)
    reading = ""
    if ranked:
        kind, count = ranked[0]
        reading = (f"{number(total)} messages were answered first with crisis information; "
                   f"most often {CRISIS_NAMES.get(kind, kind).lower()} ({number(count)}).")
    return Chart("crisis_routes", "Messages answered with crisis information", "hbar",
                 "Messages", "Kind of crisis",
                 tuple(CRISIS_NAMES.get(kind, kind) for kind, _ in ranked),
                 (Series("Messages", tuple(float(c) for _, c in ranked)),), reading,
                 note="When a typed message sounds like a crisis, the bot answers with the "
                      "crisis page before anything else.",
                 empty_message="No typed message was routed to crisis information in this "
                               "period.")


def usefulness_chart(rows: Sequence[CountRow], labels: Labels,
                     limit: int = MOST_USEFULNESS) -> Chart:
    found = usefulness(rows)
    reading = ""
    if found:
        worst = found[0]
        reading = (f"Least useful: {labels.titles.get(worst.page, worst.page)}, where "
                   f"{share(worst.yes, worst.yes + worst.no)} of {number(worst.yes + worst.no)} "
                   "answers said it was useful.")
        if len(found) > limit:
            reading += f" The chart shows the {limit} least useful of {len(found)} pages."
    return Chart("usefulness", "Was this page useful? Least useful first", "stacked_hbar",
                 "Answers", "Page", tuple(labels.page(u.page) for u in found),
                 (Series("Useful", tuple(float(u.yes) for u in found)),
                  Series("Not really", tuple(float(u.no) for u in found))), reading,
                 note="Answers to the question under each page; pages nobody answered about "
                      "are left out.",
                 empty_message="Nobody answered \"Was this useful?\" in this period.",
                 draw_first=limit)


def build_report(rows: Sequence[CountRow], *, since: dt.date | None = None,
                 until: dt.date | None = None, min_count: int = 0,
                 labels: Labels | None = None) -> Report:
    """Every chart of the report, from rows already read with the suppression applied."""
    labels = labels or Labels()
    period = period_of(rows, since, until)
    if period is None:
        return Report(None, min_count, ())
    first, last = period.since.isoformat(), period.until.isoformat()
    rows = [row for row in rows if first <= row.day <= last]
    charts = (starts_per_day(rows, period), starts_per_week(rows, period),
              views_by_section(rows, labels), languages(rows),
              campaigns_over_time(rows, period, labels), selfcheck_outcomes(rows, labels),
              search(rows, period), crisis_routes(rows), usefulness_chart(rows, labels))
    return Report(period, min_count, charts)
