"""A light English stemmer for search."""

from __future__ import annotations

_IRREGULAR = {
    "peed": "pee", "weed": "weed", "took": "take", "taken": "take", "dying": "die", "died": "die",
    "lying": "lie", "using": "use", "used": "use", "uses": "use", "woke": "wake", "woken": "wake",
    "felt": "feel", "ate": "eat", "drank": "drink", "went": "go", "gone": "go",
    "cannot": "cant",
}
_VOWELS = frozenset("aeiouy")


def stem(word: str) -> str:
    """A light English stemmer: enough to make pee/pees/peeing/peed one term, kept predictable
    rather than clever, because both the content and the query go through it."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses") or (
            word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "z"))):
        word = word[:-2]  # passes -> pass, mixes -> mix
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ly") and len(word) >= 7:
        word = word[:-2]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and not word.endswith("eed"):
            base = word[:-len(suffix)]
            if len(base) >= 2 and _VOWELS.intersection(base):
                if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouylsz":
                    base = base[:-1]  # stopping -> stop
                word = base
            break
    if len(word) >= 4 and word.endswith("e") and word[-2] not in _VOWELS:
        word = word[:-1]  # take/taking, dose/dosing, breathe/breath
    return word
