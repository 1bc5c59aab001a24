"""Which of our languages a typed text is written in, read from the text alone.

A person's language travels with what they send, not in our memory: a typed question is answered
in the language it is written in. Latin letters read as English; Chinese as Simplified or
Traditional by the characters only one of them uses (``bot.conversation.hanzi_table``), or, for
a tie, by those both use but one usually converts (后 → 後). Chinese whose
characters are the same in both (小便好痛 有血) is "Chinese, either script": the person's Telegram
language settles it when that is Chinese; otherwise Traditional (Telegram is blocked in mainland
China: the Chinese-reading people who use it are mostly in Hong Kong and Taiwan), as it is for
Cantonese written colloquially (嘅, 唔, 咗...): its words count for Traditional, the
characters Hong Kong writes it in.
Mixed or unreadable text (numbers, emoji, another alphabet) says nothing: the caller falls back
to Telegram's language.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from bot.conversation.hanzi_table import (
    LEANING_SIMPLIFIED,
    LEANING_TRADITIONAL,
    SIMPLIFIED_ONLY,
    TRADITIONAL_ONLY,
)

# Han characters: the basic block, extension A, compatibility ideographs, extensions B and on.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Words in Latin letters (with accents). A lone letter ("K仔", "I") says nothing on its own.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# Written Cantonese: particles and words that standard written Chinese does not use.
CANTONESE = frozenset("嘅唔咗啲嘢喺冇佢哋噉嚟睇諗攞乜咩嗰呢啱嘥")
# Simplified forms that written Cantonese uses in a sense of its own (晒 "all"): they say nothing.
CANTONESE_ALSO = frozenset("晒")
# Chinese when it has at least this many Han characters per Latin word (a drug's English name in
# a Chinese sentence: "ketamine 膀胱痛"); fewer is mixed.
HAN_PER_WORD = 2
READ_CHARS = 1000


class Written(Enum):
    ENGLISH = "en"
    SIMPLIFIED = "zh-Hans"
    TRADITIONAL = "zh-Hant"
    CHINESE = "zh"  # Chinese, but its characters are the same in both scripts
    UNCLEAR = ""  # mixed, or nothing to read


def written_in(text: str) -> Written:
    """The language ``text`` is written in, from its letters and characters only."""
    # The first characters say which language (a long paste costs no more); full-width letters
    # read as letters.
    text = unicodedata.normalize("NFKC", text[:READ_CHARS])
    han = _HAN.findall(text)
    words = len(_LATIN_WORD.findall(text))
    if not han:
        return Written.ENGLISH if words else Written.UNCLEAR
    if len(han) < HAN_PER_WORD * words:
        return Written.UNCLEAR
    simplified = sum(1 for c in han if c in SIMPLIFIED_ONLY and c not in CANTONESE_ALSO)
    # Hong Kong writes Cantonese in Traditional characters, so each Cantonese word counts for it.
    traditional = sum(1 for c in han if c in TRADITIONAL_ONLY or c in CANTONESE)
    if simplified > traditional:
        return Written.SIMPLIFIED
    if traditional > simplified:
        return Written.TRADITIONAL
    # Characters both write, but one usually converts (尿里有血, 嗑K后): only for a tie.
    simplified = sum(1 for c in han if c in LEANING_SIMPLIFIED)
    traditional = sum(1 for c in han if c in LEANING_TRADITIONAL)
    if simplified != traditional:
        return Written.SIMPLIFIED if simplified > traditional else Written.TRADITIONAL
    return Written.CHINESE


def text_locale(text: str, telegram_locale: str | None) -> str | None:
    """The locale to answer ``text`` in, or None when the text does not say (mixed, no words).

    ``telegram_locale`` is the person's Telegram language as one of our locales, if it is one:
    it picks the script for Chinese that could be either.
    """
    written = written_in(text)
    if written is Written.UNCLEAR:
        return None
    if written is Written.CHINESE:
        if telegram_locale in ("zh-Hans", "zh-Hant"):
            return telegram_locale
        return "zh-Hant"
    return str(written.value)
