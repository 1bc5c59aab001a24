"""content/vocabulary.yaml as search applies it to a question (see bot/model/vocabulary.py).

- ``ruled_out``: "is there a way to keep my bladder healthy besides limiting usage" is searched
  without "limiting usage"; 除了戒K, 仲有咩方法 without 戒K.
- ``same``: a question with one word of a group is also searched with the others, a little
  weaker ("loo" also searches "toilet"; 冇尿 also 没有尿; "urinating" also "pee").
- ``topic`` and ``generic``: each query term gets a factor; the terms naming a topic are
  returned so the ranking can lower the pages that have none of them.

The work per question is bounded: the question is already cut to MAX_QUERY_CHARS, every
pattern is one compiled regular expression, and at most MAX_EXPANSIONS groups are expanded,
each by re-reading a short window of the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.conversation.search.text import PAIR, WORD, TermT, fold, split_terms
from bot.model.vocabulary import Vocabulary

SAME_WEIGHT = 0.8  # a word found through a `same` group counts this much
TOPIC_WEIGHT = 2.0  # a word naming a topic counts this much more
GENERIC_WEIGHT = 0.35  # a generic word counts this much
MAX_EXPANSIONS = 12  # groups expanded per question, at most
MAX_ADDED_TERMS = 64  # and terms added by them
_WINDOW = 6  # characters of context kept around a Chinese word replaced by its equivalent
_CLAUSE_END = "[,.;:!?，。；：！？、\n]"
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word said with "very" in the middle: 尿很急, 好痛 -> 尿急 is still 尿急. Written folded.
_DEGREE = re.compile("(?=([\u3400-\u9fff])"
                     "(?:很|好|太|超|极|真|咁|几|挺|蛮|最|非常|十分|特别|越来越)"
                     "([\u3400-\u9fff]))")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def phrase_keys(phrase: str) -> frozenset[str]:
    """The keys that show a phrase is in a question: its words (English), or its pairs of
    characters (Chinese; the character itself for a one-character word)."""
    terms = split_terms(phrase)
    if not terms:
        return frozenset()
    best = max(weight for _key, weight, _surface in terms)
    return frozenset(key for key, weight, _surface in terms if weight == best)


def _word_keys(phrase: str) -> tuple[str, ...]:
    return tuple(key for key, weight, _surface in split_terms(phrase) if weight == WORD)


# Where a question starts after a part it rules out: the ruled-out part ends there.
_QUESTION_STARTS = (
    r" (?:what|whats|how|is there|are there|can i|could i|should i|do i|anything|any tips"
    r"|any way|any ways)(?![^\W_])"
    r"|还有|還有|仲有|有冇|有没有|有沒有|有什么|有什麼|有咩|怎么|怎麼|点样|點樣")


@dataclass
class CompiledVocabulary:
    """Built once with the index; read-only afterwards."""

    topic: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()
    # English: a group member as its word keys -> the terms of the other members.
    word_groups: dict[tuple[str, ...], tuple[TermT, ...]] = field(default_factory=dict)
    word_first: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Chinese: one pattern for every member; a member (folded) -> the other members (folded).
    cjk_pattern: re.Pattern[str] | None = None
    cjk_others: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ruled_out: re.Pattern[str] | None = None

    @classmethod
    def build(cls, vocabulary: Vocabulary) -> CompiledVocabulary:
        topic: set[str] = set()
        generic: set[str] = set()
        word_groups: dict[tuple[str, ...], list[TermT]] = {}
        cjk_others: dict[str, list[str]] = {}
        markers: list[str] = []
        cjk_markers: list[str] = []
        for section in vocabulary.sections().values():
            for phrase in section.topic:
                topic |= phrase_keys(phrase)
            for phrase in section.generic:
                generic |= phrase_keys(phrase)
            for group in section.same:
                for member in group:
                    others = [other for other in group if other != member]
                    if _has_cjk(member):
                        folded = fold(member)
                        cjk_others.setdefault(folded, []).extend(fold(o) for o in others)
                        continue
                    keys = _word_keys(member)
                    if not keys:
                        continue
                    found = word_groups.setdefault(keys, [])
                    for other in others:
                        # Each word of a phrase counts for its share: "at the same time"
                        # is not four reasons to show a page that says "time".
                        parts = split_terms(other)
                        found.extend((key, weight * SAME_WEIGHT / len(parts), surface)
                                     for key, weight, surface in parts)
            for marker in section.ruled_out:
                folded = re.escape(fold(marker))
                if _has_cjk(marker):
                    cjk_markers.append(folded)
                else:
                    markers.append(rf"(?<![^\W_]){folded}(?![^\W_])")
        # Words that mean the same name the same topic: "nausea" is as much a topic as
        # "vomit", or an equivalent would outweigh the word typed (one-word members only:
        # "feel" of "feel sick" names nothing).
        for section in vocabulary.sections().values():
            for group in section.same:
                keyed = [phrase_keys(member) for member in group]
                if any(found & topic for found in keyed):
                    topic.update(*(found for found in keyed if len(found) == 1))
        compiled = cls(topic=frozenset(topic), generic=frozenset(generic - topic))
        compiled.word_groups = {keys: tuple(terms) for keys, terms in word_groups.items()}
        first: dict[str, list[tuple[str, ...]]] = {}
        for keys in compiled.word_groups:
            first.setdefault(keys[0], []).append(keys)
        compiled.word_first = {key: tuple(sorted(found, key=len, reverse=True))
                               for key, found in first.items()}
        if cjk_others:
            members = sorted(cjk_others, key=len, reverse=True)
            compiled.cjk_pattern = re.compile("|".join(map(re.escape, members)))
            compiled.cjk_others = {member: tuple(dict.fromkeys(others))
                                   for member, others in cjk_others.items()}
        if markers or cjk_markers:
            # A marker, then everything up to the end of its clause. In Chinese the clause may
            # also end with 以外/之外/外 (除了戒K以外), and at a space, which chat in Chinese
            # uses as a comma (唔係想戒 淨係想索少啲: the second part is the question).
            # It also ends where the question itself starts ("apart from drinking water what
            # can i do for my bladder", 除了停掉还有什么办法).
            def clause(markers: list[str], end: str) -> str:
                return (rf"(?:{'|'.join(sorted(markers, key=len, reverse=True))})"
                        rf"(?:[^{end}]*?(?:以外|之外)"
                        rf"|[^{end}]*?(?={_QUESTION_STARTS})"
                        rf"|[^{end}]*)")
            ends = ",.;:!?，。；：！？、\n"
            clauses = []
            if markers:
                clauses.append(clause(markers, ends))
            if cjk_markers:
                clauses.append(clause(cjk_markers, ends + r"\s"))
            compiled.ruled_out = re.compile("|".join(clauses))
        return compiled

    def without_ruled_out(self, text: str) -> str:
        """The question without the parts it rules out; the question itself if that would
        leave nothing to search."""
        if self.ruled_out is None:
            return text
        folded = fold(text)
        if self.ruled_out.search(folded) is None:
            return text
        kept = self.ruled_out.sub(" ", folded)
        return kept if split_terms(kept) else text

    def expand(self, text: str, terms: list[TermT]) -> tuple[list[TermT], list[list[str]]]:
        """``terms`` and the terms of the equivalents of the words the question uses, and the
        keys that stand for one meaning: ranking counts the best of each such group once per
        page, so a page that uses three words for "mix" is not counted three times."""
        present = {key for key, _weight, _surface in terms}
        added: list[TermT] = []
        groups: list[list[str]] = []
        expansions = 0

        def add(group: list[str], found: list[TermT] | tuple[TermT, ...],
                factor: float = 1.0) -> None:
            for key, weight, surface in found:
                if len(added) >= MAX_ADDED_TERMS:
                    return
                if key not in present:
                    present.add(key)
                    added.append((key, weight * factor, surface))
                    group.append(key)

        words = [key for key, weight, _surface in terms if weight == WORD]
        for i, key in enumerate(words):
            for keys in self.word_first.get(key, ()):
                if tuple(words[i:i + len(keys)]) == keys:
                    # One word and its equivalents count once per page (best of them); the
                    # words of a phrase ("pissing blood") each still count.
                    group = list(keys)
                    add(group, self.word_groups[keys])
                    if len(keys) == 1:
                        groups.append(group)
                    expansions += 1
                    break
            if expansions >= MAX_EXPANSIONS:
                return terms + added, groups
        folded = fold(text) if _has_cjk(text) else ""
        if folded:
            for match in _DEGREE.finditer(folded):
                pair = match.group(1) + match.group(2)
                group = []
                add(group, [(pair, PAIR * SAME_WEIGHT, pair)])
                if group:
                    groups.append(group)
        if self.cjk_pattern is not None and folded:
            for match in self.cjk_pattern.finditer(folded):
                start, end = match.span()
                before = folded[max(0, start - _WINDOW):start]
                after = folded[end:end + _WINDOW]
                group = list(phrase_keys(match.group()))
                single = len(group) == 1
                for other in self.cjk_others[match.group()]:
                    # Pairs only: single characters of a longer word (洗, 手, 间) say little.
                    found = split_terms(before + other + after)
                    if len(other) > 1:
                        found = [term for term in found if len(term[0]) > 1]
                    add(group, found, SAME_WEIGHT)
                if single:
                    groups.append(group)
                expansions += 1
                if expansions >= MAX_EXPANSIONS:
                    break
        return terms + added, groups

    def factor(self, key: str) -> float:
        if key in self.topic:
            return TOPIC_WEIGHT
        if key in self.generic:
            return GENERIC_WEIGHT
        return 1.0
