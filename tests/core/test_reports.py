from __future__ import annotations

from bot.core.reports import admin_summary, usefulness
from bot.core.tally import CountRow


def row(event: str, page: str = "", count: int = 1, campaign: str = "") -> CountRow:
    return CountRow("2026-11-20", event, page, "en", campaign, count)


def test_usefulness_orders_least_useful_first() -> None:
    rows = [row("useful_yes", "a", 3), row("useful_no", "a", 1), row("useful_no", "b", 2),
            row("page_view", "a", 50)]
    assert [(u.page, u.yes, u.no) for u in usefulness(rows)] == [("b", 0, 2), ("a", 3, 1)]


def test_admin_summary_lists_top_pages_campaigns_outcomes_and_usefulness() -> None:
    rows = [row("start", count=4), row("page_view", "bladder", 5), row("page_view", "mixing", 2),
            row("deep_link", "bladder", 3, "festival"), row("selfcheck_outcome", "urgent", 1),
            row("useful_no", "mixing", 2)]
    text = admin_summary({"Last 7 days": rows, "Last 30 days": []})
    assert "<b>Last 7 days</b>: 4 starts" in text
    assert "Top pages: bladder 5, mixing 2" in text
    assert "Deep-link campaigns: festival 3" in text
    assert "Self-check outcomes: urgent 1" in text
    assert "Least useful: mixing 0👍/2👎" in text
    assert "<b>Last 30 days</b>: 0 starts\nTop pages: none" in text
