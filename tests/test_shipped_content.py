"""The content we ship: clean, complete in three languages, within Telegram's limits, and safe."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest

from bot.core.check import check_content
from bot.core.loader import reachable
from bot.core.markup import MESSAGE_LIMIT, visible_text
from bot.core.model import LOCALES
from bot.core.navigation import Navigator
from bot.telegram.callbacks import encode_action

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT.parent / "shared" / "content-brief.md"


@pytest.fixture(scope="module")
def shipped() -> Navigator:
    return Navigator.load(ROOT / "content", ROOT / "locales")


def test_check_is_clean_and_every_language_complete(shipped: Navigator) -> None:
    report = check_content(shipped, encode_action=encode_action)
    assert [str(p) for p in report.errors] == []
    assert report.coverage == {locale: 100.0 for locale in LOCALES}


def test_there_are_at_least_60_pages(shipped: Navigator) -> None:
    assert len(shipped.content.pages) >= 60


def test_every_page_in_every_language_fits_and_is_reachable(shipped: Navigator) -> None:
    assert reachable(shipped.content) == set(shipped.content.pages)
    for page_id in shipped.content.pages:
        for locale in LOCALES:
            parts = shipped.parts(page_id, locale)
            assert 1 <= len(parts) <= 3, (page_id, locale, len(parts))
            assert all(len(visible_text(p).encode("utf-16-le")) // 2 <= MESSAGE_LIMIT
                       for p in parts)


def test_every_factual_page_has_sources_review_date_and_status(shipped: Navigator) -> None:
    for page_id, spec in shipped.content.pages.items():
        if spec.factual:
            assert spec.sources, page_id
            assert spec.reviewed is not None, page_id
            assert spec.status in ("draft", "awaiting_review", "reviewed")


def test_selfcheck_reaches_each_outcome(shipped: Navigator) -> None:
    pages = shipped.content.pages
    seen, queue = {"selfcheck"}, deque(["selfcheck"])
    while queue:
        spec = pages[queue.popleft()]
        for target in [*spec.children, *(b.to for b in spec.buttons)]:
            if target.startswith("selfcheck") and target not in seen:
                seen.add(target)
                queue.append(target)
    outcomes = {pages[p].outcome for p in seen if pages[p].outcome}
    assert outcomes == {"urgent", "soon", "watch"}
    for page_id in seen:
        if pages[page_id].outcome is None and page_id != "selfcheck":
            labels = [b.label for b in pages[page_id].buttons]
            assert labels == ["yes", "no"], page_id
            screen = shipped.page(page_id, "en")
            assert screen is not None
            assert [b.label for b in screen.buttons()][:2] == ["Yes", "No"]
            assert "👍 Useful" not in [b.label for b in screen.buttons()], page_id


def all_text(shipped: Navigator) -> dict[tuple[str, str], str]:
    return {(page_id, locale): visible_text(shipped.renderer.page_html(page_id, locale))
            for page_id in shipped.content.pages for locale in LOCALES}


def test_no_milligram_doses(shipped: Navigator) -> None:
    dose = re.compile(r"\d\s*(mg|milligram|毫克)", re.IGNORECASE)
    offenders = [key for key, text in all_text(shipped).items() if dose.search(text)]
    assert offenders == []


def test_no_stigmatising_words_in_english(shipped: Navigator) -> None:
    words = re.compile(r"\b(abuser?s?|addicts?|junkies?|clean|dirty)\b", re.IGNORECASE)
    official = re.compile(r"Psychotropic Substance Abusers|substance abuse clinics?|Substance "
                          r"Abuse and Mental Health", re.IGNORECASE)
    offenders = {}
    for (page_id, locale), text in all_text(shipped).items():
        if locale == "en":
            found = words.findall(official.sub("", text))
            if found:
                offenders[page_id] = found
    assert offenders == {}


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief is beside the repository")
def test_every_service_phone_number_comes_from_the_brief(shipped: Navigator) -> None:
    brief_numbers = {_digits(m) for m in re.findall(r"\d[\d\s-]{1,16}\d", BRIEF.read_text())}
    invented = [(s.id, s.phone) for s in shipped.content.services
                if s.phone and not any(_digits(s.phone) in n for n in brief_numbers)]
    assert invented == []
    for region in shipped.content.regions.values():
        for number in re.findall(r"\d+", region.emergency):
            assert number in BRIEF.read_text(), region.emergency
