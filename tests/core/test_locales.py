from __future__ import annotations

import pytest

from bot.model.locales import LocalePreferences, locale_from_language_code, parse_locale


@pytest.mark.parametrize(("code", "locale"), [
    ("zh-hans", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-sg", "zh-Hans"), ("zh_Hans", "zh-Hans"),
    ("zh-hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-hk", "zh-Hant"), ("zh-mo", "zh-Hant"),
    ("en", "en"), ("en-GB", "en"), ("fr", "en"), ("zh", "en"), ("", "en"), (None, "en"),
])
def test_language_code_mapping(code: str | None, locale: str) -> None:
    assert locale_from_language_code(code) == locale


def test_unknown_language_uses_the_configured_default() -> None:
    assert locale_from_language_code("de", default="zh-Hant") == "zh-Hant"


def test_parse_locale_is_forgiving_about_case_and_separator() -> None:
    assert parse_locale("ZH_hant") == "zh-Hant"
    assert parse_locale("klingon") is None


def test_preferences_are_bounded_and_forget_the_least_recent() -> None:
    prefs = LocalePreferences(capacity=3)
    for person in range(3):
        prefs.set(person, "zh-Hans")
    assert prefs.get(0) == "zh-Hans"  # touching 0 makes 1 the least recent
    prefs.set(99, "en")
    assert len(prefs) == 3
    assert prefs.get(1) is None
    assert prefs.get(0) == "zh-Hans"
