"""Typo tolerance: a typed word matches a known word one edit away (two for long words).

A word's deletion neighbourhood grows with the square of its length, so words longer than
MAX_TYPO_WORD (no word people ask about is that long: a pasted hash or a run of one letter is)
get no typo tolerance at all, and a search pays for every variant it builds (``Budget``)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.conversation.search.budget import KEEP_FOR_EXACT, Budget

MAX_TYPO_WORD = 24


def allowed_edits(word: str) -> int:
    """Edits tolerated for a typed word: none below 4 letters, 1 from 4, 2 from 8, none above
    MAX_TYPO_WORD."""
    if len(word) > MAX_TYPO_WORD:
        return 0
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


def deletion_cost(length: int, depth: int) -> int:
    """An upper bound on the strings ``deletions`` builds for a word of ``length`` letters
    (each layer deletes every letter of every string of the layer before): what a search is
    charged before it builds them."""
    total, layer = 1, 1
    for step in range(depth):
        if length <= step:
            break
        total += layer * (length - step)
        layer = layer * (length - step) // (step + 1)
    return total


def deletions(word: str, depth: int) -> set[str]:
    """The word and every string reached from it by at most ``depth`` deletions."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Typos:
    """Deletion neighbourhoods of the vocabulary (the SymSpell idea): a typed word and a known
    word within k edits share a string reachable from both by at most k deletions."""

    def __init__(self, words: Iterable[str]) -> None:
        building: dict[str, set[str]] = {}
        for word in words:
            if len(word) < 3 or not word.isalpha():
                continue
            for variant in deletions(word, 2 if len(word) >= 6 else 1):
                building.setdefault(variant, set()).add(word)
        # Most variants lead to one word, kept as that string; the others as a tuple (a set
        # costs over 200 bytes even for one word, a tuple a quarter, the string nothing more).
        self._by_deletion: dict[str, str | tuple[str, ...]] = {
            variant: next(iter(found)) if len(found) == 1 else tuple(sorted(found))
            for variant, found in building.items()}

    def near(self, word: str, edits: int, variants: set[str] | None = None,
             budget: Budget | None = None) -> list[tuple[str, int]]:
        """Known words nearest ``word`` within ``edits``. ``variants`` is its deletion
        neighbourhood when the caller already built it (one search, several languages);
        ``budget`` pays one unit a look-up and a quarter of the table of a comparison, or
        nothing is found."""
        if edits <= 0 or len(word) > MAX_TYPO_WORD:
            return []
        if variants is None:
            variants = deletions(word, edits)
        if budget is not None and not budget.take(len(variants), KEEP_FOR_EXACT):
            return []
        candidates: set[str] = set()
        for variant in variants:
            words = self._by_deletion.get(variant)
            if isinstance(words, str):
                candidates.add(words)
            elif words is not None:
                candidates.update(words)
        candidates.discard(word)
        # Each comparison fills a table of about len(word) x len(word) cells.
        if budget is not None and not budget.take(len(candidates) * len(word) * len(word) // 4,
                                                  KEEP_FOR_EXACT):
            return []
        found = [(c, edit_distance(word, c, edits)) for c in candidates]
        found = [(c, d) for c, d in found if d <= edits]
        if not found:
            return []
        best = min(d for _, d in found)
        return sorted((c, d) for c, d in found if d == best)[:4]
