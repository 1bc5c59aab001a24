"""A search's work, counted rather than timed, so that no message can cost more than a bound.

Every typed message and inline query goes through the search on the event loop, shared by
everyone the bot is talking to. The costly steps (typo neighbourhoods, splitting glued words,
walking a term's pages) each charge the units they are about to spend; a step the budget can no
longer pay for is skipped, and the search ranks with what it has. A count, not a clock: the
same text costs the same on any machine, and tests can assert the bound exactly.
"""

from __future__ import annotations

# The most units one search may spend, and how many of them forgiving steps (typos, glued
# words) must leave for walking the pages of the words that did match exactly: a long message
# full of unknown words loses typo tolerance, never its real words. A unit is roughly a
# dictionary look-up. The limits keep a search to about a millisecond
# (benchmarks/bench_hostile_text.py); no question we test with or people posted gets another
# answer than with no budget at all, and few of them meet it (tests/core/test_search_bounds.py).
SEARCH_UNITS = 2_600
KEEP_FOR_EXACT = 900


class Budget:
    """Units of work one search may still spend. ``spent`` says how many it has, ``refused``
    how many steps it could not pay for (0 for every real question we test)."""

    __slots__ = ("limit", "refused", "spent")

    def __init__(self, limit: int = SEARCH_UNITS) -> None:
        self.limit = limit
        self.spent = 0
        self.refused = 0

    def take(self, units: int, keep: int = 0) -> bool:
        """Spend ``units`` if they fit with ``keep`` units still left after them, else spend
        nothing and say no."""
        if self.spent + units + keep > self.limit:
            self.refused += 1
            return False
        self.spent += units
        return True
