from __future__ import annotations

import functools
from pathlib import Path

from bot.model.locales import load_ui_strings
from bot.reporting.summary import Say, admin_summary, usefulness
from bot.reporting.tally import CountRow

UI = load_ui_strings(Path(__file__).resolve().parents[2] / "locales")


def say(locale: str) -> Say:
    return functools.partial(UI.get, locale)


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
    text = admin_summary({7: rows, 30: []}, say("en"))
    assert "<b>Last 7 days</b>: 4 starts" in text
    assert "Top pages: bladder 5, mixing 2" in text
    assert "Deep-link campaigns: festival 3" in text
    assert "Self-check outcomes: urgent 1" in text
    assert "Least useful: mixing 0👍/2👎" in text
    assert "<b>Last 30 days</b>: 0 starts\nTop pages: none" in text


def test_the_summary_is_in_the_admins_language_with_names_escaped_once() -> None:
    rows = [row("start", count=2), row("page_view", "bladder", 5), row("page_view", "a&b", 1),
            row("useful_yes", "mixing", 1)]
    text = admin_summary({7: rows}, say("zh-Hant"))
    assert text.splitlines() == [
        "<b>最近 7 天</b>：2 次開始使用",
        "熱門頁面：bladder 5、a&amp;b 1",
        "深層連結推廣：無",
        "自我檢查結果：無",
        "最不實用：mixing 1👍/0👎",
    ]
    assert "<b>最近 30 天</b>：0 次开始使用" in admin_summary({30: []}, say("zh-Hans"))
