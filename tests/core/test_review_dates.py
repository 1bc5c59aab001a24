"""'Last reviewed' on the About page comes from the pages' review records (``reviewed:`` in
content/pages/), in every language: nobody types the date twice, so it cannot go stale."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.conversation.render import written_date
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.model import LOCALES
from tests.conftest import ROOT
from tests.core.test_reviews import TODAY, review_every_page


def about_reviewed(root: Path, locale: str) -> str:
    screen = ScreenBuilder.load(root / "content", root / "locales").page("about_reviewed", locale)
    assert screen is not None
    return screen.text


@pytest.fixture
def copy(shipped_site: Path) -> Path:
    return shipped_site


def set_field(root: Path, page: str, field: str, value: str) -> None:
    """Set ``field`` of ``page`` in its structure file, as an editor would."""
    for path in (root / "content" / "pages").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        match = re.search(rf"^  - id: {page}\n((?:    .*\n)*)", text, re.MULTILINE)
        if match is None:
            continue
        block = match[1]
        if re.search(rf"^    {field}: ", block, re.MULTILINE):
            block = re.sub(rf"^    {field}: .*$", f"    {field}: {value}", block,
                           flags=re.MULTILINE)
        else:
            block += f"    {field}: {value}\n"
        path.write_text(text[:match.start(1)] + block + text[match.end(1):], encoding="utf-8")
        return
    raise AssertionError(f"no page {page}")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_shipped_about_page_shows_the_newest_review_date(locale: str) -> None:
    content = ScreenBuilder.load(ROOT / "content", ROOT / "locales").content
    dates = sorted(spec.reviewed for spec in content.pages.values() if spec.reviewed)
    text = about_reviewed(ROOT, locale)
    assert f"<b>{written_date(dates[-1], locale)}</b>" in text
    assert "{{" not in text and "{%" not in text


def test_a_new_review_date_reaches_the_about_page_in_every_language(copy: Path) -> None:
    set_field(copy, "bladder_signs", "reviewed", "2027-01-05")
    assert "<b>5 January 2027</b>" in about_reviewed(copy, "en")
    assert "<b>2027年1月5日</b>" in about_reviewed(copy, "zh-Hans")
    assert "<b>2027年1月5日</b>" in about_reviewed(copy, "zh-Hant")


def test_the_oldest_review_is_said_and_a_draft_does_not_count(copy: Path) -> None:
    set_field(copy, "mixing", "reviewed", "2025-02-03")
    set_field(copy, "what", "reviewed", "2027-01-05")
    set_field(copy, "what", "status", "draft")  # a draft's date is not a review people see
    text = about_reviewed(copy, "en")
    assert "2027" not in text
    assert "(the oldest review is from 3 February 2025)" in text


def test_the_waiting_for_review_paragraph_goes_once_every_page_is_reviewed(copy: Path) -> None:
    assert "still waiting" in about_reviewed(copy, "en")
    # status: reviewed alone no longer counts: a page is reviewed when every role the content
    # requires (content/review.yaml) has reviewed its current text
    for path in (copy / "content" / "pages").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("status: awaiting_review",
                                                        "status: reviewed")
        path.write_text(text, encoding="utf-8")
    assert "still waiting" in about_reviewed(copy, "en")
    review_every_page(copy / "content", ["clinical", "lived_experience", "translation_zh-Hans",
                                         "translation_zh-Hant"], TODAY)
    for locale in LOCALES:
        text = about_reviewed(copy, locale)
        assert "still waiting" not in text and "仍在等待" not in text, text
        assert "\n\n\n" not in text
    assert re.search(r"\b(\d+) of \1 pages have had every review they need",
                     about_reviewed(copy, "en"))
    assert f"<b>{written_date(TODAY, 'en')}</b>" in about_reviewed(copy, "en")


def test_written_dates() -> None:
    assert written_date(dt.date(2026, 11, 1), "en") == "1 November 2026"
    assert written_date(dt.date(2026, 11, 1), "zh-Hant") == "2026年11月1日"
