"""Ranking for "ask in your own words": find the pages that best answer what someone typed.

Plain Python, built once when content loads. Pages are indexed per language from four fields:
keywords and titles (what people type, so they weigh most), the summary, and the visible body
text. Matching is forgiving because people type on phones, in slang, in a hurry:

- English words are lower-cased and lightly stemmed (pees, peeing, peed -> pee), glued words are
  split when both halves are known ("kcramps" -> k + cramps), and unknown words match a known word
  one edit away (two for long words: "bladdder", "alcohl").
- Chinese is indexed as single characters and pairs of characters, so no word segmentation is
  needed and text without spaces works. Traditional characters are folded to Simplified ones
  (a fixed table in ``text``) so "尿頻" and "尿频" are the same. Latin letters next to Chinese
  make pairs too, so "K仔" is one term.
- Terms are weighted by rarity (IDF per language); a keyword or title fully covered by the query
  earns a bonus, so "blood in pee" beats "pee", less so for tags many pages share (嗑K).
- The person's language is searched first; the others count OTHER_LANGUAGE as much. The main
  menu ranks low. A best score under MIN_SCORE (tuned on tests/core/search_cases.py) means no
  real match, and the answer is [] rather than noise.
- The editors' vocabulary (content/vocabulary.yaml, applied by ``vocab``): parts of the
  question the person rules out ("besides ...") are left out; equivalents ("loo" for pee, 屙尿
  for 小便) are searched too, one word and its equivalents counting once per page; words
  naming a topic weigh TOPIC_WEIGHT, generic ones GENERIC_WEIGHT, and when the question names
  a topic, pages whose keywords, title and summary name none of it count OFF_TOPIC.
- ``answer`` also says whether the best page is only a weak match (WEAK_SCORE and WEAK_SHARE,
  set on the tuning half of tests/data/real_questions.yaml): the bot then says so.

Nothing typed is stored, logged or cached: ``search`` keeps the query only for the call.

Every search costs a bounded amount, whatever is typed: the query is cut to MAX_QUERY_CHARS
after Unicode normalisation, to MAX_QUERY_TERMS distinct terms, and typo neighbourhoods, glued
words and the pages of each term are paid for from a ``Budget`` of counted units.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, cast

from bot.conversation.render import Renderer
from bot.conversation.search.budget import KEEP_FOR_EXACT, Budget
from bot.conversation.search.stemming import stem
from bot.conversation.search.text import (
    EN_STOP_WORDS,
    WORD,
    TermT,
    fold,
    normalise,
    split_terms,
    term_keys,
)
from bot.conversation.search.typos import (
    MAX_TYPO_WORD,
    Typos,
    allowed_edits,
    deletion_cost,
    deletions,
)
from bot.conversation.search.vocab import CompiledVocabulary, phrase_keys
from bot.conversation.telegram_html import visible_text
from bot.model.model import FALLBACK_LOCALE, HOME, LOCALES, Content, PageText

Field = Literal["title", "keyword", "summary", "body"]


@dataclass(frozen=True)
class SearchHit:
    """One page that answers the query. ``matched`` is content text (never the query), so a
    front end can say "Matches: blood in pee" without echoing what the person typed."""

    page: str
    score: float
    matched: str
    field: Field
    locale: str


FIELD_WEIGHTS: dict[Field, float] = {"keyword": 1.0, "title": 0.9, "summary": 0.5, "body": 0.2}
BODY_DF = 0.3  # a page that has a term only in its body counts this much towards its rarity
ALSO_IN_FIELD = 0.1  # a term found in several fields of a page counts a little more
ENTRY_BONUS = 0.8  # how much a keyword or title fully covered by the query adds
WHOLE_ENTRY = 0.62  # and a fixed amount when all of it is typed, however common its words
OTHER_LANGUAGE = 0.6  # matches in another language count this much
OFF_TOPIC = 0.45  # a page with none of the topic words asked about (vocabulary.yaml) counts this
HOME_WEIGHT = 0.3  # the main menu matches everything a little; rank it low
# A question of a yes/no flow (the bladder self-check's three) is a step, not an answer: a
# question about its signs wants the page on them first (0.6 to 0.8 answer the same on the
# tuning halves, 1.0 two fewer).
STEP_WEIGHT = 0.7
# When a question names a region (services.yaml): its own pages count more, another region's
# less (set on the tuning halves of the question sets).
NAMED_PLACE = 1.3
OTHER_PLACE = 0.5
# A best page under both is a weak match (SearchIndex.answer); set on the tuning half.
WEAK_SCORE = 2.0
WEAK_SHARE = 0.15
# A Chinese character on most pages (rarity under this: 的, 我, 会...) says nothing its pairs
# do not, and walking its pages costs the most: left out, like English stop words. Set on the
# tuning halves (0 to 0.25 answer the same; 0.3 loses three); it keeps long questions within
# the work budget (tests/core/test_search_bounds.py).
COMMON_CHAR = 0.2
MIN_SCORE = 0.62  # below this a hit is noise; tuned on tests/core/search_cases.py
RELATIVE_FLOOR = 0.2  # hits far weaker than the best are noise too
# A section's own page that scores at least this share of the section's score ranks above it
# (SearchIndex._own_pages_first), if it is among the next OWN_PAGE_WINDOW candidates; set on
# the tuning halves of the question sets.
OWN_PAGE_SHARE = 0.95
OWN_PAGE_WINDOW = 5
SECTION_DEPTH = 1  # the sections of the main menu (a region's help page keeps its clinics below)
MAX_DEPTH_MOVES = 8  # moves at one place (the main menu, then a section): bounded anyway
MAX_QUERY_CHARS = 300  # after normalisation: a question (the longest posted: 180), not a document
MAX_QUERY_TERMS = 80  # distinct terms; the longest question people posted has 71
SPLIT, TYPO_1, TYPO_2 = 0.9, 0.75, 0.6  # how much an inexact match of a word counts


@dataclass(slots=True)
class _Entry:
    """A keyword or title of a page: a phrase someone may type in full."""

    page: str
    field: Field
    text: str
    terms: dict[str, float]
    total: float = 0.0
    specific: float = 1.0  # 1 for a keyword only this page has, less for tags on many pages


@dataclass
class _Language:
    """The index of one language. ``postings`` maps each term to the pages that have it, each
    followed by the weight of the best field the term is in on that page (plus a little for
    every other field it is in): ``(page, (weight, field), page, (weight, field), ...)``. One
    flat tuple per term is a third of the objects of a pair of tuples or a tuple of pairs."""

    postings: dict[str, tuple[str | tuple[float, Field], ...]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    entries: list[_Entry] = field(default_factory=list)
    entries_by_term: dict[str, tuple[int, ...]] = field(default_factory=dict)
    texts: dict[tuple[str, Field], str] = field(default_factory=dict)
    typos: Typos = field(default_factory=lambda: Typos(()))


@dataclass(frozen=True)
class _QueryWord:
    """One term of the query, with what it may match in a language and how well."""

    weight: float
    options: tuple[tuple[str, float], ...]
    # Words that mean the same count as rare as the one typed: "combine" is rarer than "mix"
    # in the pages, but the person asked about mixing.
    rarity: float | None = None


@dataclass(frozen=True)
class SearchAnswer:
    """The pages for a question, best first, and whether the best is only a weak match: then
    a front end should say so and offer the menu rather than present the first page as the
    answer."""

    hits: list[SearchHit]
    weak: bool = False


class SearchIndex:
    """Built once per content load; ``search`` is read-only and safe to share."""

    def __init__(self, languages: dict[str, _Language],
                 vocabulary: CompiledVocabulary | None = None,
                 depths: dict[str, int] | None = None,
                 places: tuple[tuple[frozenset[frozenset[str]], frozenset[str]], ...] = (),
                 steps: frozenset[str] = frozenset(),
                 parents: dict[str, str] | None = None) -> None:
        self._languages = languages
        self._vocabulary = vocabulary or CompiledVocabulary()
        self._depths = depths or {}
        self._parents = parents or {}
        self._steps = steps  # the questions of yes/no flows
        # per region: the keys of each of its names (any language); and each region's pages
        self._place_names = tuple(names for names, _pages in places)
        self._place_of = {page: number for number, (_names, pages) in enumerate(places)
                          for page in pages}

    @classmethod
    def build(cls, content: Content, renderer: Renderer) -> SearchIndex:
        languages: dict[str, _Language] = {}
        for locale, texts in content.texts.items():
            languages[locale] = _index_language(
                {page_id: _page_fields(text, renderer.body(page_id, locale))
                 for page_id, text in texts.items()})
        steps = frozenset(page_id for page_id, page in content.pages.items()
                          if {button.label for button in page.buttons or ()} >= {"yes", "no"})
        return cls(languages, CompiledVocabulary.build(content.vocabulary),
                   _depths(content.parents), _places(content), steps, dict(content.parents))

    def uses(self, phrase: str) -> bool:
        """Whether some page, in some language, has every word of ``phrase`` (for ``check``:
        a vocabulary entry no page uses can never change an answer)."""
        keys = phrase_keys(phrase)
        return bool(keys) and any(all(key in lang.idf for key in keys)
                                  for lang in self._languages.values())

    # -- searching ----------------------------------------------------------------------------

    def answer(self, query: str, locale: str, limit: int = 3,
               budget: Budget | None = None) -> SearchAnswer:
        """``search``, and whether its best page is only a weak match: it scores low AND it
        matches little of what was asked (thresholds set on the tuning half of
        tests/data/real_questions.yaml)."""
        hits, first = self._search(query, locale, limit, budget)
        weak = first is not None and first.score < WEAK_SCORE and first.share < WEAK_SHARE
        return SearchAnswer(hits, weak)

    def search(self, query: str, locale: str, limit: int = 3,
               budget: Budget | None = None) -> list[SearchHit]:
        """The best pages for ``query``, best first: the person's language first, the others
        as a weaker fallback, each page once. No real match gives []. ``budget`` is the work it
        may do (a fresh default one if not given); it is left showing what was spent."""
        return self._search(query, locale, limit, budget)[0]

    def _search(self, query: str, locale: str, limit: int, budget: Budget | None,
                ) -> tuple[list[SearchHit], _Candidate | None]:
        budget = budget if budget is not None else Budget()
        # Cut after normalisation (one symbol can become several letters), and before it to a
        # little more than will be kept, so a 4,096-character message is not normalised whole.
        text = self._vocabulary.without_ruled_out(
            normalise(query[:2 * MAX_QUERY_CHARS])[:MAX_QUERY_CHARS])
        terms = _first_distinct(split_terms(text, MAX_QUERY_TERMS), MAX_QUERY_TERMS)
        if limit <= 0 or not terms:
            return [], None
        typed = len(terms)
        terms, groups = self._vocabulary.expand(text, terms)
        # Terms added for words that mean the same as those typed (vocabulary.yaml).
        expanded = frozenset(key for key, _w, _s in terms[typed:])
        variants: dict[tuple[str, int], set[str] | None] = {}
        primary = locale if locale in self._languages else FALLBACK_LOCALE
        order = [primary] + [other for other in LOCALES
                             if other != primary and other in self._languages]
        best: dict[str, _Candidate] = {}
        for language in order:
            for found in self._candidates(terms, groups, expanded, language, primary, budget,
                                          variants):
                if found.page not in best or found.score > best[found.page].score:
                    best[found.page] = found
        # A question naming a place ("台灣救護車是打幾號", "berlin"): another place's pages
        # rank lower, so a Taiwan question never opens mainland China's numbers first.
        named = self._named_places(terms)
        if named:
            for page, found in list(best.items()):
                place = self._place_of.get(page)
                if place is not None:
                    factor = NAMED_PLACE if place in named else OTHER_PLACE
                    best[page] = found._replace(score=found.score * factor)
        # Equal scores: the broader page first (戒K is a keyword of "cutting down" and of
        # "bladder recovery"; someone asking only that wants the section, not one corner of it).
        depths = self._depths
        ranked = sorted(best.values(),
                        key=lambda c: (-round(c.score, 6), depths.get(c.page, 0), c.page))
        if not ranked or ranked[0].score < MIN_SCORE:
            return [], None
        best_found = ranked[0]
        floor = max(MIN_SCORE, best_found.score * RELATIVE_FLOOR)
        ranked = self._own_pages_first(ranked, limit)
        return [self._hit(found) for found in ranked[:limit] if found.score >= floor], best_found

    def _own_pages_first(self, ranked: list[_Candidate], limit: int) -> list[_Candidate]:
        """A section (a menu) goes below a page of its own that matched nearly as well
        (OWN_PAGE_SHARE of its score): someone asking "K洞到底啥感觉" wants the K-hole page, not
        the effects menu it is listed on, and the menu is still one place down."""
        ranked = list(ranked)
        window = min(len(ranked), limit + OWN_PAGE_WINDOW)
        for at in range(min(limit, window)):
            for _ in range(MAX_DEPTH_MOVES):
                section = ranked[at]
                if self._depths.get(section.page, 0) > SECTION_DEPTH:
                    break
                own = next((later for later in range(at + 1, window)
                            if ranked[later].score >= OWN_PAGE_SHARE * section.score
                            and self._within(ranked[later].page, section.page)), None)
                if own is None:
                    break
                ranked.insert(at, ranked.pop(own))
        return ranked

    def _within(self, page: str, section: str) -> bool:
        """Whether ``page`` is listed under ``section``, at any depth (``_depths`` bounds the
        walk: it already stopped at any cycle)."""
        at: str | None = page
        for _ in range(self._depths.get(page, 0)):
            at = self._parents.get(at) if at is not None else None
            if at == section:
                return True
        return False

    def _named_places(self, terms: list[TermT]) -> set[int]:
        keys = {key for key, _weight, _surface in terms}
        return {number for number, names in enumerate(self._place_names)
                if any(name <= keys for name in names)}

    def _query_words(self, terms: list[TermT], lang: _Language, budget: Budget,
                     variants: dict[tuple[str, int], set[str] | None]) -> dict[str, _QueryWord]:
        """What each query term may match in one language: itself, or else the two known words
        it glues together, or else the known words one or two typos away. A word's typo
        neighbourhood is built once per search (``variants``) and paid for from ``budget``.
        Words naming a topic weigh more, generic ones less (vocabulary.yaml)."""
        words: dict[str, _QueryWord] = {}
        factor = self._vocabulary.factor
        for key, weight, surface in terms:
            if key in words:
                continue
            if key in lang.idf:
                if len(key) == 1 and not key.isascii() and lang.idf[key] < COMMON_CHAR:
                    continue  # a common character: its pairs say it
                words[key] = _QueryWord(weight * factor(key), ((key, 1.0),))
                continue
            if weight != WORD or not key.isascii():
                continue  # Chinese: no typo model, an unknown pair simply does not match
            raw = fold(surface).replace("'", "")
            if len(raw) > MAX_TYPO_WORD:
                continue  # no word people ask about is this long: a hash, a run of one letter
            # Splitting stems both halves at every cut: about twice the word's length in stems.
            split = _split(raw, lang) if budget.take(2 * len(raw), KEEP_FOR_EXACT) else []
            if split:
                for part in split:
                    words.setdefault(part, _QueryWord(weight * factor(part), ((part, SPLIT),)))
                continue
            edits = allowed_edits(key if len(key) < len(raw) else raw)
            if edits <= 0:
                continue
            if (key, edits) not in variants:
                variants[key, edits] = (deletions(key, edits)
                                        if budget.take(deletion_cost(len(key), edits),
                                                            KEEP_FOR_EXACT)
                                        else None)
            found = variants[key, edits]
            near = lang.typos.near(key, edits, found, budget) if found is not None else []
            if near:
                options = tuple((word, TYPO_1 if d == 1 else TYPO_2) for word, d in near)
                words[key] = _QueryWord(weight * max(factor(word) for word, _d in near), options)
        return words

    def _candidates(self, terms: list[TermT], groups: list[list[str]],
                    expanded: frozenset[str], locale: str, primary: str, budget: Budget,
                    variants: dict[tuple[str, int], set[str] | None]) -> list[_Candidate]:
        """Every page with any match in one language, scored: the sum over query words of
        rarity x field weight x match quality, plus a bonus for the best keyword or title in
        proportion to how much of it the query covers and how specific it is."""
        lang = self._languages[locale]
        words = _grouped(self._query_words(terms, lang, budget, variants), groups, expanded,
                         lang)
        if not words:
            return []
        # Rare words first: they cost least (short postings) and say most. When a long
        # question runs out of budget, what is left out is its commonest words (的, 是, "is"),
        # not whatever came last. The sums below do not depend on the order.
        postings = lang.postings
        words.sort(key=lambda word: sum(len(postings.get(key, ())) for key, _q in word.options))
        # The pages whose keywords, titles or summaries have a topic word the question names
        # ("bladder", 膀胱): when it names any, the other pages rank lower, however well they
        # match "how long" or "is it". A page that only mentions it in passing is not about it.
        # A word and its equivalents name one topic: "nausea" is on the page that says "feel
        # sick".
        topic = self._vocabulary.topic
        topics = [key for word in words if any(k in topic for k, _q in word.options)
                  for key, _quality in word.options if key in lang.postings]
        on_topic = {page for key in topics if budget.take(len(lang.postings[key]))
                    for page, (_w, kind) in _pages_with(lang.postings[key])
                    if kind != "body"}
        rarity = lang.idf
        if locale != primary:
            # "ket" is rare in Chinese text but common in English: judge a word's rarity by
            # the language the person reads, where it has one.
            own = self._languages[primary].idf
            rarity = {key: min(lang.idf[key], own.get(key, lang.idf[key]))
                      for word in words for key, _quality in word.options}
        # Per page: the sum over query words of the word's best match, in the order of the
        # words, and the strongest single match (value, term). A term lists a page once.
        totals: dict[str, float] = {}
        strongest: dict[str, tuple[float, str]] = {}

        def add(page_id: str, value: float, key: str) -> None:
            total = totals.get(page_id)
            if total is None:
                totals[page_id] = value
                strongest[page_id] = (value, key)
                return
            totals[page_id] = total + value
            if (value, key) > strongest[page_id]:
                strongest[page_id] = (value, key)

        entry_hits: dict[int, dict[str, float]] = {}
        entries_by_term = lang.entries_by_term
        for word in words:
            # A word with one way to match adds it at once; one with several (typos, a split)
            # adds, per page, only the best of them.
            best: dict[str, tuple[float, str]] | None = {} if len(word.options) > 1 else None
            for key, quality in word.options:
                posting = postings.get(key, ())
                entry_numbers = entries_by_term.get(key, ())
                # Two units a page (the posting holds a page and its weight for each), one an
                # entry: adding a page's score costs about two look-ups.
                if not budget.take(len(posting) + len(entry_numbers) + 1):
                    continue
                base = (rarity[key] if word.rarity is None else word.rarity) \
                    * word.weight * quality
                if best is None:  # the hot path: ``add`` written out, no call per page
                    for page_id, (weight, _field) in _pages_with(posting):
                        value = base * weight
                        total = totals.get(page_id)
                        if total is None:
                            totals[page_id] = value
                            strongest[page_id] = (value, key)
                            continue
                        totals[page_id] = total + value
                        was, was_key = strongest[page_id]
                        if value > was or (value == was and key > was_key):
                            strongest[page_id] = (value, key)
                else:
                    for page_id, (weight, _field) in _pages_with(posting):
                        value = base * weight
                        got_page = best.get(page_id)
                        if got_page is None or value > got_page[0]:
                            best[page_id] = (value, key)
                for entry_number in entry_numbers:
                    got = entry_hits.get(entry_number)
                    if got is None:
                        entry_hits[entry_number] = {key: quality}
                    elif quality > got.get(key, 0.0):
                        got[key] = quality
            if best is not None:
                for page_id, (value, key) in best.items():
                    add(page_id, value, key)
        bonus: dict[str, float] = {}
        shown: dict[str, tuple[float, _Entry]] = {}
        idf = lang.idf
        own_rarity = rarity is idf  # the person's language: what is covered is what matched
        for entry_number, got in entry_hits.items():
            entry = lang.entries[entry_number]
            covered = matched = 0.0
            if own_rarity:
                for k, q in got.items():
                    covered += idf[k] * (entry.terms[k] * q)
                matched = covered
            else:
                for k, q in got.items():
                    typed = entry.terms[k] * q
                    covered += idf[k] * typed
                    matched += rarity[k] * typed
            coverage = covered / (entry.total or 1.0)
            value = FIELD_WEIGHTS[entry.field] * matched * coverage
            if coverage >= 0.999:
                # Typed in full: "ketamine" is on every page, but it is the title of one.
                value += FIELD_WEIGHTS[entry.field] * WHOLE_ENTRY
            specific = value * entry.specific
            if specific > bonus.get(entry.page, 0.0):
                bonus[entry.page] = specific
            # The reason shown is the keyword or title the query matches most of ("K-hole"
            # rather than "hole"), however many pages share it.
            if entry.page not in shown or value > shown[entry.page][0]:
                shown[entry.page] = (value, entry)
        factor = 1.0 if locale == primary else OTHER_LANGUAGE
        # What a page matching every word of the question in a keyword would have: how much
        # of that a page has says how much of the question it answers.
        potential = sum(word.weight * max((rarity[key] if word.rarity is None else word.rarity)
                                          for key, _quality in word.options)
                        for word in words) or 1.0
        found_pages: list[_Candidate] = []
        for page_id, total in totals.items():
            score = (total + ENTRY_BONUS * bonus.get(page_id, 0.0)) * factor
            if page_id == HOME:
                score *= HOME_WEIGHT
            elif page_id in self._steps:
                score *= STEP_WEIGHT
            if topics and page_id not in on_topic:
                score *= OFF_TOPIC
            reason = shown[page_id][1] if page_id in shown else None
            found_pages.append(_Candidate(page_id, score, locale, reason,
                                          strongest[page_id][1], total / potential))
        return found_pages

    def _hit(self, found: _Candidate) -> SearchHit:
        """The hit with its reason: the best keyword or title, else the strongest matching word
        of the summary or body, as the content writes it (never the query)."""
        score = round(found.score, 4)
        if found.entry is not None:
            return SearchHit(found.page, score, found.entry.text, found.entry.field, found.locale)
        lang = self._languages[found.locale]
        kind = dict(_pages_with(lang.postings[found.strongest]))[found.page][1]
        text = lang.texts.get((found.page, kind), "")
        surface = next((s for k, _w, s in split_terms(text) if k == found.strongest),
                       found.strongest)
        return SearchHit(found.page, score, surface, kind, found.locale)


class _Candidate(NamedTuple):
    """A page that matched in one language (a named tuple: a search makes hundreds)."""

    page: str
    score: float
    locale: str
    entry: _Entry | None
    strongest: str  # the term that contributed most
    share: float = 1.0  # how much of the question's words this page matches, by weight


def _grouped(words: dict[str, _QueryWord], groups: list[list[str]], expanded: frozenset[str],
             lang: _Language) -> list[_QueryWord]:
    """The query words, each group of words that mean the same (vocabulary.yaml) made one word
    whose options are theirs: per page only the best of them counts."""
    for number, group in enumerate(groups):
        members = [words.pop(key) for key in dict.fromkeys(group) if key in words]
        if len(members) < 2:
            words.update((f"\0{number}.{i}", member) for i, member in enumerate(members))
            continue
        weight = max(member.weight for member in members)
        # When the word typed is one the pages' keywords and titles use, its rarity is the
        # group's; a word pages only use in passing lends none.
        typed = [lang.idf[key] for key in group
                 if key not in expanded and key in lang.entries_by_term]
        best: dict[str, float] = {}
        for member in members:
            for key, quality in member.options:
                value = quality * member.weight / weight
                if value > best.get(key, 0.0):
                    best[key] = value
        words[f"\0{number}"] = _QueryWord(weight, tuple(best.items()),
                                           max(typed) if typed else None)
    return list(words.values())


def _places(content: Content) -> tuple[tuple[frozenset[frozenset[str]], frozenset[str]], ...]:
    """Per region of services.yaml: the keys of each of its names and short names (every
    language), and its page with the pages under it (help_hk and help_hk_clinics)."""
    found = []
    for region in content.regions.values():
        if region.page is None:
            continue
        names = [*region.name.values(), *(region.short or {}).values()]
        name_keys = frozenset(keys for keys in map(phrase_keys, names) if keys)
        pages = {region.page} | {page for page, parent in content.parents.items()
                                 if parent == region.page}
        found.append((name_keys, frozenset(pages)))
    return tuple(found)


def _depths(parents: dict[str, str]) -> dict[str, int]:
    """How far each page is from the main menu (its section is 1, a page in it 2...)."""
    depths: dict[str, int] = {}
    for page in parents:
        depth, seen, at = 0, {page}, page
        while at in parents:
            at = parents[at]
            depth += 1
            if at in seen:  # check refuses a cycle; never loop on one here
                break
            seen.add(at)
        depths[page] = depth
    return depths


def _first_distinct(terms: list[TermT], most: int) -> list[TermT]:
    """The first ``most`` distinct terms, in order (a repeated term adds nothing to ranking)."""
    seen: set[str] = set()
    out: list[TermT] = []
    for term in terms:
        if term[0] in seen:
            continue
        if len(seen) >= most:
            break
        seen.add(term[0])
        out.append(term)
    return out


def _pages_with(posting: tuple[str | tuple[float, Field], ...],
                ) -> Iterator[tuple[str, tuple[float, Field]]]:
    """The (page, (weight, field)) pairs of one term's flat posting tuple."""
    pages = cast("tuple[str, ...]", posting[0::2])
    weights = cast("tuple[tuple[float, Field], ...]", posting[1::2])
    return zip(pages, weights, strict=True)


def _page_fields(text: PageText, body: str) -> list[tuple[Field, str]]:
    fields: list[tuple[Field, str]] = [("title", text.title)]
    if text.button and fold(text.button) != fold(text.title):
        fields.append(("title", text.button))
    fields.extend(("keyword", keyword) for keyword in text.keywords)
    if text.summary:
        fields.append(("summary", text.summary))
    fields.append(("body", visible_text(body)))
    return fields


_FIELD_ORDER: tuple[Field, ...] = ("keyword", "title", "summary", "body")


def _combined(mask: int) -> tuple[float, Field]:
    """Weight and best field of a term found in the fields of ``mask`` (bit 3 = keyword)."""
    present = [kind for bit, kind in zip((8, 4, 2, 1), _FIELD_ORDER, strict=True) if mask & bit]
    if not present:
        return 0.0, "body"
    extra = sum(FIELD_WEIGHTS[kind] for kind in present[1:])
    return FIELD_WEIGHTS[present[0]] + ALSO_IN_FIELD * extra, present[0]


_BY_FIELDS = tuple(_combined(mask) for mask in range(16))


def _index_language(pages: dict[str, list[tuple[Field, str]]]) -> _Language:
    lang = _Language()
    df: Counter[str] = Counter()
    body_only: Counter[str] = Counter()
    typo_words: set[str] = set()
    stems: dict[str, str | None] = {}
    postings: dict[str, list[str | tuple[float, Field]]] = {}
    for page_id, fields in pages.items():
        keys: dict[Field, set[str]] = {kind: set() for kind in _FIELD_ORDER}
        for kind, value in fields:
            if kind in ("summary", "body"):
                keys[kind] |= term_keys(value, stems)
                lang.texts[(page_id, kind)] = value
                continue
            entry_terms: dict[str, float] = {}
            for key, weight, _surface in split_terms(value):
                entry_terms[key] = max(entry_terms.get(key, 0.0), weight)
            keys[kind].update(entry_terms)
            if entry_terms:
                lang.entries.append(_Entry(page_id, kind, value.strip(), entry_terms))
        # Most terms are only in the body; the few in other fields are set one by one.
        weights = dict.fromkeys(keys["body"], _BY_FIELDS[1])
        keyword, title, summary, body = (keys[kind] for kind in _FIELD_ORDER)
        for key in summary | title | keyword:
            weights[key] = _BY_FIELDS[(key in keyword) << 3 | (key in title) << 2
                                      | (key in summary) << 1 | (key in body)]
        typo_words |= summary | title | keyword
        for key, best in weights.items():
            postings.setdefault(key, []).extend((page_id, best))
        df.update(weights.keys())
        body_only.update(keys["body"] - summary - title - keyword)
    lang.postings = {key: tuple(found) for key, found in postings.items()}
    total = len(pages)
    # Rarity is BM25's idf, as a share of the rarest possible (a term on one page), so scores
    # and MIN_SCORE mean the same with 8 pages or 800.
    rarest = math.log(1.0 + (total - 0.5) / 1.5)
    # Terms on the same number of pages share one rarity: one float object for all of them.
    same: dict[float, float] = {}
    for key, pages_with in df.items():
        # A page that only mentions the term in passing (in its body) counts for less: "help"
        # or "pain" in every body is still a word people type to find one page.
        count = pages_with - (1.0 - BODY_DF) * body_only[key]
        rarity = math.log(1.0 + (total - count + 0.5) / (count + 0.5)) / rarest
        lang.idf[key] = same.setdefault(rarity, rarity)
    # A keyword listed on many pages (嗑K, "ket bladder") is a tag, not an answer.
    # Titles are counted apart: the page titled "K洞" is the answer even if others tag it.
    listed: Counter[tuple[Field, frozenset[str]]] = Counter()
    for _page, group in itertools.groupby(lang.entries, key=lambda e: e.page):
        listed.update({(entry.field, frozenset(entry.terms)) for entry in group})
    most = math.log(1.0 + total)
    by_term: dict[str, list[int]] = {}
    for number, entry in enumerate(lang.entries):
        entry.total = sum(lang.idf[k] * w for k, w in entry.terms.items())
        count = listed[(entry.field, frozenset(entry.terms))]
        entry.specific = math.log(1.0 + total / count) / most
        for key in entry.terms:
            by_term.setdefault(key, []).append(number)
    lang.entries_by_term = {key: tuple(numbers) for key, numbers in by_term.items()}
    # Typos are forgiven towards the words people type: those of keywords, titles, summaries.
    lang.typos = Typos(word for word in typo_words if word.isascii() and word.isalpha())
    return lang


def _split(word: str, lang: _Language) -> list[str]:
    """Two known words typed without a space ("kcramps", "ketbladder"), or []."""
    if len(word) < 4 or not word.isalpha():
        return []
    best: list[str] = []
    best_size = 0
    for cut in range(1, len(word) - 2):
        left, right = word[:cut], word[cut:]
        size = min(cut, len(right))  # the most even split of known words wins
        if size <= best_size or left in EN_STOP_WORDS or right in EN_STOP_WORDS:
            continue
        first = stem(left)
        if first not in lang.idf:
            continue
        second = stem(right)
        if second in lang.idf:
            best, best_size = [first, second], size
    return best
