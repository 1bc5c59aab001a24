"""Which language typed text is written in, and the character table behind it."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.conversation import hanzi_table
from bot.conversation.language import Written, text_locale, written_in
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.model import LOCALES
from tests.core import crisis_cases
from tests.core.search_cases import CASES
from tests.hanzi_table import TABLE, opencc_share, table_source

ROOT = Path(__file__).resolve().parents[2]
TAG = re.compile(r"<[^>]*>")


@pytest.mark.parametrize(("text", "written"), [
    ("my bladder hurts", Written.ENGLISH),
    ("ＭＹ ＦＲＩＥＮＤ ＩＳ ＮＯＴ ＢＲＥＡＴＨＩＮＧ", Written.ENGLISH),  # full-width letters
    ("尿血怎么办", Written.SIMPLIFIED),
    ("尿血點算", Written.TRADITIONAL),
    ("膀胱發炎", Written.TRADITIONAL),
    ("膀胱发炎", Written.SIMPLIFIED),
    ("尿里有血", Written.SIMPLIFIED),  # 里: Traditional writes 裏 for "in"
    ("佢成身抽晒筋", Written.TRADITIONAL),  # Cantonese, with 晒 ("all")
    ("唔舒服", Written.TRADITIONAL),
    ("他吃太多K了", Written.CHINESE),  # 吃 is Taiwan's and Hong Kong's standard form too
    ("小便好痛 有血", Written.CHINESE),  # the same characters in both scripts
    ("K仔", Written.CHINESE),  # a lone letter is not a word
    ("ketamine 膀胱痛", Written.CHINESE),  # an English drug name in a Chinese sentence
    ("my bladder hurts 痛", Written.UNCLEAR),  # mixed
    ("120", Written.UNCLEAR),
    ("🙏🙏", Written.UNCLEAR),
    ("", Written.UNCLEAR),
])
def test_written_in(text: str, written: Written) -> None:
    assert written_in(text) is written


def test_chinese_of_either_script_follows_a_chinese_telegram_else_traditional() -> None:
    assert text_locale("小便好痛 有血", "en") == "zh-Hant"
    assert text_locale("小便好痛 有血", "zh-Hans") == "zh-Hans"
    assert text_locale("小便好痛 有血", "zh-Hant") == "zh-Hant"
    assert text_locale("尿血怎么办", "zh-Hant") == "zh-Hans"  # the characters say
    assert text_locale("blood in my pee", "zh-Hans") == "en"
    assert text_locale("120", "zh-Hans") is None  # nothing to read: the caller decides


@given(st.text(max_size=300))
def test_any_text_reads_as_one_of_ours_or_says_nothing(text: str) -> None:
    locale = text_locale(text, "en")
    assert locale is None or locale in LOCALES


def test_every_shipped_page_reads_as_the_language_it_is_written_in() -> None:
    """Whole pages, Simplified and Traditional, and the Traditional ones made Simplified by an
    independent converter (and back)."""
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales")
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")

    def page_text(page: str, locale: str) -> str:
        return TAG.sub(" ", "\n".join(builder.parts(page, locale)))

    for page in builder.content.pages:
        hans, hant = page_text(page, "zh-Hans"), page_text(page, "zh-Hant")
        assert written_in(hans) is Written.SIMPLIFIED, page
        assert written_in(hant) is Written.TRADITIONAL, page
        assert written_in(to_simplified.convert(hant)) is Written.SIMPLIFIED, page
        assert written_in(to_traditional.convert(hans)) is Written.TRADITIONAL, page


def _phrases() -> list[tuple[str, str]]:
    """Every typed question and crisis message in the suite's case lists, with its language."""
    rows = [(case.query, case.locale) for case in CASES]
    for name, language in (("ENGLISH", "en"), ("SIMPLIFIED", "zh-Hans"),
                           ("TRADITIONAL", "zh-Hant"), ("TAIWANESE", "zh-Hant"),
                           ("CANTONESE", "zh-Hant")):
        for kind in ("CRISES", "NON_CRISES"):
            rows += [(row[0] if isinstance(row, tuple) else row, language)
                     for row in getattr(crisis_cases, f"{name}_{kind}")]
    return [(text, language) for text, language in rows if text.strip()]


def test_questions_typed_by_someone_whose_telegram_is_in_english() -> None:
    """817 phrases: all English ones and Traditional ones are answered in their language; the
    Simplified ones whose characters are the same in Traditional (想死, 心跳很快) are the
    29 answered in Traditional (788 of 817 right when this was written)."""
    phrases = _phrases()
    right = sum(1 for text, language in phrases if (text_locale(text, "en") or "en") == language)
    assert len(phrases) >= 800
    assert right / len(phrases) >= 0.95
    for text, language in phrases:
        if language != "zh-Hans":
            assert (text_locale(text, "en") or "en") == language, text


def test_the_table_is_what_opencc_says() -> None:
    """Checked character by character with opencc's own converter: a Simplified-only character
    changes when converted to Traditional and stays when converted to Simplified, and the other
    way round."""
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    assert len(hanzi_table.SIMPLIFIED_ONLY) > 2000 and len(hanzi_table.TRADITIONAL_ONLY) > 2000
    assert not hanzi_table.SIMPLIFIED_ONLY & hanzi_table.TRADITIONAL_ONLY
    for char in hanzi_table.SIMPLIFIED_ONLY:
        assert to_traditional.convert(char) != char, char
    for char in hanzi_table.TRADITIONAL_ONLY:
        assert to_simplified.convert(char) != char, char


@pytest.mark.skipif(opencc_share() is None, reason="this opencc has no opencc_dict program")
def test_the_shipped_table_is_the_generated_one() -> None:
    clib = opencc_share()
    assert clib is not None
    assert TABLE.read_text(encoding="utf-8") == table_source(clib), \
        "run python -m tests.hanzi_table"
