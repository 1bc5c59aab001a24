"""The words people use, owned by editors: content/vocabulary.yaml.

Everyday words, slang and misspellings are shared by every page, so they live in one file that a
clinician or peer worker can edit without code ("loo" means "toilet"; 屙尿 means 小便), rather
than as keywords repeated on each page. Search reads it when it builds its index; ``check``
warns about entries that can never change an answer (bot/conversation/search/vocabulary_check.py).

Sections are per writing system, not per locale: ``en`` for words in Latin letters, ``zh`` for
Chinese, Simplified and Traditional alike (search folds one into the other, and Cantonese
spellings are written here as such).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VocabularySection(_Strict):
    # Each group lists words or phrases that mean the same here: a question with any of them
    # is also searched with the others ("loo" finds pages that say "toilet").
    same: tuple[Annotated[tuple[Phrase, ...], Field(min_length=2)], ...] = ()
    # Words naming a body part, a symptom or a substance: they weigh more than the rest of a
    # question, and a page that has none of the ones asked about ranks lower.
    topic: tuple[Phrase, ...] = ()
    # Words that say little about what is asked ("how long", "is it", 吸食): they weigh less.
    generic: tuple[Phrase, ...] = ()
    # Words that start a part of the question the person rules out ("besides", 除了): that
    # part does not drive the answer. It ends at the next comma or full stop.
    ruled_out: tuple[Phrase, ...] = ()


class Vocabulary(_Strict):
    en: VocabularySection = VocabularySection()
    zh: VocabularySection = VocabularySection()

    def sections(self) -> dict[str, VocabularySection]:
        return {"en": self.en, "zh": self.zh}
