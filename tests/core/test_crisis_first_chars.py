"""The look-ahead ``_zh`` puts before a Chinese pattern (``first_chars``) only lets ``re`` skip
ahead: every pattern finds exactly what it found without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation import crisis
from bot.conversation.crisis import first_chars


def _chinese_patterns() -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for value in vars(crisis).values():
        for item in value if isinstance(value, tuple) else ():
            pattern = item.pattern if isinstance(item, crisis.Signs) and item.chinese else item
            if isinstance(pattern, re.Pattern) and not pattern.pattern.startswith(" "):
                found.append(pattern)
    return found


PATTERNS = _chinese_patterns()


def test_every_chinese_pattern_is_read() -> None:
    assert len(PATTERNS) >= 10


def _ungated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    text = pattern.pattern
    if text.startswith("(?=["):
        text = text[text.index("])(?:") + 5:-1]
    return re.compile(text)


@pytest.mark.parametrize(("pattern", "expected"), [
    ("a|b", {"a", "b"}),
    ("(?<![由从自])(?:上(?:个)?(?:星期|礼拜)|昨(?:天|晚))", {"上", "昨"}),
    ("(?:而家|宜家)(?!(?:都|就)?冇事)|仍然", {"而", "宜", "仍"}),
    ("会(?:不|唔)?会?x", {"会"}),
    ("(?:可|能)?令", {"可", "能", "令"}),
    ("x{0,3}y", {"x", "y"}),
    ("(?:|x)y", {"x", "y"}),
    ("[abc]d", {"a", "b", "c"}),
    ("他(?!命)|她", {"他", "她"}),
])
def test_first_chars_of_the_plain_subset(pattern: str, expected: set[str]) -> None:
    assert first_chars(pattern) == frozenset(expected)


@pytest.mark.parametrize("pattern", ["a?", "x*", "[a-c]", "[^a]", ".x", r"\dx", "(a)b", "a|b?"])
def test_first_chars_says_when_it_cannot_tell(pattern: str) -> None:
    assert first_chars(pattern) is None


def test_the_common_patterns_are_led_by_a_look_ahead() -> None:
    gated = {p.pattern[:4] == "(?=[" for p in (crisis.PAST[1], crisis.PRESENT[1],
                                               crisis.HYPOTHETICAL[1], crisis._SHY[1])}
    assert gated == {True}


# the patterns' own runs of characters, so that texts hold many near and whole matches
_PIECES = sorted({run for pattern in PATTERNS
                  for run in re.findall("[\u4e00-\u9fff]+", pattern.pattern)}) + list("ok12 。，")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_a_look_ahead_changes_no_match(text: str) -> None:
    for pattern in PATTERNS:
        plain = _ungated(pattern)
        assert [m.span() for m in pattern.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], pattern.pattern[:40]


def test_a_look_ahead_changes_no_match_on_the_measuring_sets() -> None:
    import yaml

    from bot.conversation.crisis import read_views

    folder = Path(__file__).resolve().parents[2] / "content" / "crisis" / "measure"
    rows = [row["text"] for name in sorted(folder.glob("*.yaml"))
            for row in yaml.safe_load(name.read_text(encoding="utf-8"))]
    text = "\n".join(read_views(row)[1] for row in rows)
    assert len(text) > 20_000
    for pattern in PATTERNS:
        plain = _ungated(pattern)
        assert [m.span() for m in pattern.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], pattern.pattern[:40]
