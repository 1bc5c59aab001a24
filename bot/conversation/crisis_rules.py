"""Crisis signals that editors own: phrase lists, the kind -> page map and the examples, read
from ``content/crisis/`` (see ``docs/crisis.md``). This module is the small engine that matches
the phrases; what a phrase means (route or offer, which page) is in the YAML.

Phrase syntax, the same in every file:

- words are matched whole, on the folded text (lower case, full-width to half-width,
  Traditional to Simplified), so a phrase is written once in either script;
- in English, apostrophes are ignored ("can't" = "cant"); write each form of a word you mean
  ("burden", "burdens");
- ``..`` stands for a short gap: up to 3 other words in English, up to 8 other characters in
  Chinese (not across a full stop, ! or ?); at most two gaps in a phrase;
- ``{name}`` is any entry of the file's group ``name`` (``groups:``); ``{name*}`` between two
  words is up to three entries of it in a row, or none (a filler, never any other word);
- a signal's ``unless:`` phrases stand a match of it down wherever they overlap it.

Matching is linear in the length of the message, whatever the number of phrases: an
Aho-Corasick automaton over words (English) or characters (Chinese) finds every phrase part in
one pass, and a phrase with gaps is joined from its parts by looking back at the last few places
the previous part ended. No regular expression is built from editors' text, so no phrase can make
matching slow.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Literal, NamedTuple

from bot.conversation.crisis_model import EVERYDAY, RiskModel
from bot.conversation.search.text import fold
from bot.model.problems import ContentError, Problem, display_path
from bot.model.yamlfile import YamlSyntaxError, parse_yaml

Answer = Literal["route", "offer"]
Expect = Literal["route", "offer", "none"]
ROUTE_KINDS = ("emergency", "suicide", "urinary")
# Optional route pages: ``recovery``, for an emergency where the message asks how to lay the
# person down ("he's out cold but breathing, how do i put him on his side"): the recovery
# position page, which shows the numbers too. Without it such a message opens ``emergency``.
OPTIONAL_ROUTE_PAGES = ("recovery",)
OFFER_KINDS = ("mind", "body")
LANGS = ("en", "zh")
EN_GAP = 3  # words a ".." may stand for in English
ZH_GAP = 8  # characters a ".." may stand for in Chinese
MAX_GAPS = 2
MAX_LINKS = 3  # gaps and {group*} fillers together in one phrase
MAX_FILLERS = 3  # group entries a {group*} filler may stand for
# phrases one written phrase may become once its {group}s are written out
MAX_EXPANSIONS = 2_000
MAX_WRITTEN = 24  # English word sequences one part may write out to before it is cut
# The longest an ``unless`` match can be, in symbols (parts, gaps and fillers are all short):
# a match it may stand down is held back this long, until every overlapping one has been seen.
_LONGEST_GUARD = 64
# unless: places kept per signal, and matches held at once: bounds the memory and work of a
# message that repeats them (more than a window's worth are never needed)
_KEPT_GUARDS = 1_024
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "content" / "crisis"

# Traditional characters of crisis words that search's fold table leaves alone, for the patterns
# in ``crisis`` and the phrases here alike (a test finds any a new phrase needs).
MORE_VARIANTS = str.maketrans("嚕渾語厭囑塗訣繃鍾諗曬則喫夾層潑滾繡藍蠻揾説準備攢頂辦"
                              "贅買農棄潰種諾謂執揀醜羨靚饞舊喪爲",
                              "噜浑语厌嘱涂诀绷钟谂晒则吃夹层泼滚绣蓝蛮搵说准备攒顶办"
                              "赘买农弃溃种诺谓执拣丑羡靓馋旧丧为")
_EN_WORD = re.compile(r"[a-z0-9]+")
_GROUP_REF = re.compile(r"\{([^{}]*)\}")  # a group's name in a phrase, read when loading
_GROUP_NAME = re.compile(r"[a-z][a-z0-9_]*")
# what joins two parts of a phrase: a ".." gap or a {group*} filler
_EN_LINK = re.compile(r"\s*(\.\.|\{[^{}]*\*\s*\})\s*")
_ZH_LINK = _EN_LINK
_GROUP_SPLIT = re.compile(r"(\{[^{}*]*\})")  # a {group} (not a {group*} filler) in a part
_ZH_STOP = frozenset("。！？!?.")
ZH_STOP_AT = re.compile("[" + re.escape("".join(sorted(_ZH_STOP))) + "]")  # one C pass
# A plain negation just before an English phrase stands it down ("not hopeless", "never felt
# trapped"); the words allowed between the negation and the phrase.
_EN_NEGATIONS = frozenset({"not", "dont", "never", "isnt", "wasnt", "arent", "doesnt", "didnt",
                           "havent", "hasnt", "aint", "no"})
_EN_FILLERS = frozenset({"really", "feel", "feeling", "felt", "am", "a", "that", "so", "too",
                         "very", "being", "be", "been", "actually", "even", "at", "all", "im",
                         "i", "think", "like", "ever", "any", "more"})
# A phrase that starts with a negation ("no hope", 冇希望) says what it means already.
_ZH_NEGATIONS = frozenset("不唔没冇无别未咪")
# between a negation and a phrase: 冇有, 唔系, 不会, 没觉得
_ZH_SOFT = frozenset("有是系会觉得想过谂")
_ZH_ASKING = frozenset({"是不是", "系唔系", "是唔是", "会不会", "会唔会", "有没有", "有冇", "系咪",
                        "是咪"})
_ZH_ASKING_LAST = frozenset(word[-1] for word in _ZH_ASKING)  # read the words only after one


@dataclass(frozen=True)
class Signal:
    """One list of phrases from ``content/crisis/signals/``: what they mean and where from."""

    name: str
    lang: str
    answer: Answer
    kind: str
    source: str
    phrases: tuple[str, ...]
    in_questions: bool = True  # False: a general question ("can ket cause ...?") stands it down
    file: str = ""
    line: int = 0
    # phrases that stand a match down where they overlap it ("can't wake" but not "i can't
    # wake up"; "not responding" but not "not responding to my texts")
    unless: tuple[str, ...] = ()
    guard: bool = False  # one of another signal's ``unless`` phrases, never an answer itself
    # an offer from a wide net of single words (死, "die"): it stands only when the risk model
    # does not judge the whole message ordinary ("开心死了", "my plant died")
    weighed: bool = False
    # a body offer whose sign adds up with another body offer's at another place in the message
    # ("grey ... barely a pulse"): two signs of the body in danger route to the emergency page
    adds_up: bool = False
    # ``adds_up: with others``: two places of this signal are one sign said twice, adding up
    # only with another signal ("mix k and valium, im prescribed diazepam": blind set 41)
    adds_up_alone: bool = True

    @cached_property
    def key(self) -> tuple[str, int, str]:
        """The signal an ``unless`` phrase belongs to (read at every place a phrase is found:
        made once)."""
        return self.file, self.line, self.name


@dataclass(frozen=True)
class Example:
    text: str
    expect: Expect
    kind: str | None
    source: str
    file: str
    line: int


class Hit(NamedTuple):
    """A phrase found: a tuple, since a 4,096-character message may make hundreds (each
    place of a route phrase is reported) and a frozen dataclass is several times slower."""

    signal: Signal
    start: int  # index of the first word (English) or character (Chinese)
    end: int = -1  # index of the last one


@dataclass(frozen=True)
class Filler:
    """A ``{name*}`` link between two phrase parts: up to ``MAX_FILLERS`` entries of a named
    group, or none ("isn't really breathing", 心跳得好快), never any other word. Checking one
    gap costs a bounded number of look-ups: the gap is short and the entries few."""

    name: str
    entries: frozenset[tuple[str, ...] | str]
    lengths: tuple[int, ...]  # the entries' lengths in symbols, longest first
    # the symbols entries start and end with: most gaps are turned down on these alone
    firsts: frozenset[str] = field(init=False, repr=False, compare=False)
    lasts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(entry[0] for entry in self.entries))
        object.__setattr__(self, "lasts", frozenset(entry[-1] for entry in self.entries))

    def fits(self, symbols: list[str] | str, low: int, high: int) -> bool:
        """Whether ``symbols[low:high]`` is at most ``MAX_FILLERS`` entries, one after another."""
        if high == low:
            return True
        if not self.entries or high - low > MAX_FILLERS * self.lengths[0] \
                or symbols[low] not in self.firsts or symbols[high - 1] not in self.lasts:
            return False
        english = not isinstance(symbols, str)
        piece = symbols[low:high]
        if (tuple(piece) if english else piece) in self.entries:  # one entry: the usual case
            return True
        if high - low == 1:
            return False
        reach = {low}
        for _ in range(MAX_FILLERS):
            after: set[int] = set()
            for at in reach:
                for length in self.lengths:
                    if at + length <= high:
                        piece = symbols[at:at + length]
                        if (tuple(piece) if english else piece) in self.entries:
                            after.add(at + length)
            if high in after:
                return True
            reach = after
            if not reach:
                return False
        return False


Link = Filler | None  # None: a ".." gap

NO_END = (-1, -1)  # no second end yet
# the ends of a chain no part that may follow it is in the message: never kept, never read
UNREAD = (NO_END, NO_END)

# Two parts right next to each other ("{not}" then "breathing"): a filler of nothing.
ADJACENT = Filler("=", frozenset(), (1,))
# whether a route phrase's place counts: (signal, index of its first and last symbol)
Judge = Callable[[Signal, int, int], bool]


MASK = EVERYDAY  # what an everyday phrase's words become: no phrase or pattern matches it


@dataclass
class Ordinary:
    """Everyday phrases that are never a crisis sign (笑死, 攰到死, "killing time", "dying to
    try"), from ``ordinary:`` in a signals file. Their words are masked before anything reads
    the message, so no phrase list or pattern in code can take them for a sign. A phrase with
    a gap masks both its parts, not what is between: 笑到..死 masks 笑到 and 死 in 笑到我死咗,
    and "kill for .. pizza" leaves "a big" of "kill for a big pizza". Found with ``str.find``,
    never a regular expression: linear in the message."""

    english: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)
    chinese: list[tuple[str, ...]] = field(default_factory=list)
    # English phrases by their first word (apostrophes dropped), made on first use
    _by_first_word: dict[str, list[tuple[tuple[str, ...], ...]]] = field(
        default_factory=dict, repr=False)
    # Chinese phrases by their first two characters (one, for a first part of one), and
    # those keys of two characters and of one; made on first use
    _by_first_char: dict[str, list[tuple[str, ...]]] = field(default_factory=dict, repr=False)
    # (keys of two characters, keys of one, the pattern of every pair that may be a key)
    _chinese_keys: tuple[frozenset[str], tuple[str, ...], re.Pattern[str]] | None = field(
        default=None, repr=False)

    def add(self, lang: str, phrase: str) -> str | None:
        """Keep one phrase; the problem in plain words if it cannot be used."""
        if lang == "en":
            text = fold(phrase).replace("\u2019", "'")
            parts = [part.split() for part in text.split("..")]
            if any(not part or not all(_EN_WORD.fullmatch(w.replace("'", "")) for w in part)
                   for part in parts):
                return (f"'{phrase}': write everyday phrases as plain words, with at most one "
                        "'..' between words")
            if len(parts) > 2:
                return f"'{phrase}': at most one gap ('..') in an everyday phrase"
            forms = {tuple(tuple(part) for part in parts),
                     tuple(tuple(w.replace("'", "") for w in part) for part in parts)}
            self.english.extend(sorted(forms))
            self._by_first_word.clear()
            return None
        parts_zh = "".join(fold(phrase).translate(MORE_VARIANTS).split()).split("..")
        if any(not part for part in parts_zh) or len(parts_zh) > 2:
            return f"'{phrase}': characters, with at most one '..' between them"
        if any(ch in _ZH_STOP for part in parts_zh for ch in part):
            return f"'{phrase}': leave out full stops, '!' and '?'"
        self.chinese.append(tuple(parts_zh))
        self._by_first_char.clear()
        self._chinese_keys = None
        return None

    def mask(self, english: str, chinese: str) -> tuple[str, str]:
        """The two views of a message (see ``crisis._views``) with everyday phrases masked."""
        if english and self.english:
            english = self._mask_english(english)
        if chinese and self.chinese:
            chinese = self._mask_chinese(chinese)
        return english, chinese

    def _mask_english(self, view: str) -> str:
        plain = view.replace("'", "") if "'" in view else view
        if not self._by_first_word:
            for parts in self.english:
                self._by_first_word.setdefault(parts[0][0].replace("'", ""), []).append(parts)
        if self._by_first_word.keys().isdisjoint(plain.split()):
            return view
        words = view.split()
        bare = [w.replace("'", "") for w in words]
        masked = list(words)
        # One pass over the words: at each, only the phrases that start with it.
        for at, word in enumerate(bare):
            for parts in self._by_first_word.get(word, ()):
                size = len(parts[0])
                if tuple(words[at:at + size]) != parts[0] \
                        and tuple(bare[at:at + size]) != parts[0]:
                    continue
                if len(parts) == 1:
                    masked[at:at + size] = [MASK] * size
                    continue
                last = parts[1]
                for begin in range(at + size, min(at + size + EN_GAP, len(words)) + 1):
                    span = slice(begin, begin + len(last))
                    if tuple(words[span]) == last or tuple(bare[span]) == last:
                        masked[span] = [MASK] * len(last)
                        masked[at:at + size] = [MASK] * size
                        break
        return " " + " ".join(masked) + " "

    def _mask_chinese(self, view: str) -> str:
        if self._chinese_keys is None:
            # keyed by their first two characters (one for a one-character first part): a
            # place is looked up, not compared with every phrase that starts alike
            for parts in self.chinese:
                self._by_first_char.setdefault(parts[0][:2], []).append(parts)
            pairs = frozenset(key for key in self._by_first_char if len(key) == 2)
            # every two characters that may be a key: a first character of one, then a second
            # (single characters, escaped: no editor's text is read as a pattern)
            firsts = "".join(sorted({re.escape(key[0]) for key in pairs}))
            seconds = "".join(sorted({re.escape(key[1]) for key in pairs}))
            self._chinese_keys = (
                pairs, tuple(key for key in self._by_first_char if len(key) == 1),
                re.compile(f"(?=([{firsts}][{seconds}]))" if pairs
                           else "(?!)"))  # never matches: no key of two characters
        # Which keys the message holds: the pairs that may be one, found in one pass in C and
        # compared as sets; then each key found by str.find. One pattern of every key cost up
        # to 1 ms on a long message of Chinese, trying the keys one after another at every
        # place; so did making every pair of characters in Python.
        pairs, singles, may_be_pair = self._chinese_keys
        keys = [*pairs.intersection(may_be_pair.findall(view)),
                *(key for key in singles if key in view)]
        spans: list[tuple[int, int]] = []  # found on the text as typed, masked together
        stop_at = ZH_STOP_AT.search
        for key in keys:
            bucket = self._by_first_char[key]
            at = view.find(key)
            while at >= 0:
                for parts in bucket:
                    first = parts[0]
                    if len(first) > 2 and not view.startswith(first, at):
                        continue
                    end = at + len(first)
                    if len(parts) == 1:
                        spans.append((at, end))
                        continue
                    # the second part within the gap, with no full stop before it (a part
                    # holds no full stop, so none can fall inside it)
                    found = view.find(parts[1], end, end + ZH_GAP + len(parts[1]))
                    if found >= 0 and (found == end or stop_at(view, end, found) is None):
                        spans += [(at, end), (found, found + len(parts[1]))]
                at = view.find(key, at + 1)
        if not spans:
            return view
        chars = list(view)  # one copy, however many places: no slicing per place
        for start, stop in spans:
            chars[start:stop] = MASK * (stop - start)
        return "".join(chars)


class _Automaton:
    """Aho-Corasick over words (English) or characters (Chinese): every phrase part found in
    one left-to-right pass, each step a dictionary look-up (plus failure links, amortised O(1)).

    A phrase with gaps is a chain of parts; a part may have alternatives (a ``{group}``'s
    entries), which share one chain key, so a group costs one chain node, not one per entry.
    ``scan`` keeps the last two places where the chain up to a part ended, so a later part only
    looks back at those: O(1) per part found, whatever the number of phrases. A phrase already
    found, that no longer phrase goes on from, is not looked at again, so a message repeating
    it costs one look-up per character; a phrase whose every place matters (route phrases,
    whose negation code reads, and phrases with ``unless``) is reported at each place instead.
    """

    def __init__(self) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.out: list[tuple[int, ...]] = [()]  # symbol strings (part ids) ending at this state
        self.part_lengths: list[int] = []
        self.part_ids: dict[tuple[str, ...], int] = {}
        # chain keys: a part of one alternative is keyed by its own id; a set of alternatives
        # gets a key of its own, after every part id
        self.alternatives: dict[frozenset[int], int] = {}
        self.part_keys: dict[int, tuple[int, ...]] = {}  # part id -> the chain keys it is in
        # chain nodes: (chain key, parent node or -1, negatable); signals complete at some nodes
        self.nodes: list[tuple[int, int, bool]] = []
        self.node_links: list[Link] = []  # how each node's part follows its parent's
        self.node_ids: dict[tuple[object, ...], int] = {}
        self.finals: dict[int, list[Signal]] = {}
        self.every: set[int] = set()  # nodes reported at every place, not only the first
        self.built = False
        self.parents: frozenset[int] = frozenset()  # chain nodes another part follows
        self.starts: frozenset[int] = frozenset()  # chain keys that start a longer chain
        self.single_uses: dict[int, list[int]] = {}
        self.followers: dict[int, list[tuple[int, int]]] = {}
        self.links: list[tuple[int, int, bool, bool, Link] | None] = []
        self.keys_out: list[tuple[tuple[int, int], ...]] = []  # per state: (chain key, length)
        # per state, made from keys_out so the scan reads no more than it needs, in its order:
        # (chain key, length, its longest entry's length - 1 where the key starts a longer
        # chain and is first met here, else -1, whether some node may wait on it: a phrase
        # of one part, or a later part)
        self.steps_out: list[tuple[tuple[int, int, int, bool], ...]] = []
        # what may follow a chain's first key (by ``_first``) or a chain node: the symbols one
        # of its parts needs, each alternative's as a set (a message lacking every one of them
        # never reads where the chain up to here ended, so its ends are not kept)
        self.follow_needs: dict[int, tuple[frozenset[str], tuple[frozenset[str], ...]]] = {}
        self.places: list[tuple[Place, ...]] = []
        # per chain node: (link, negatable phrase of one part, others follow it, its signals
        # or None, read at every place)
        self.node_info: list[tuple[tuple[int, int, bool, bool, Link] | None, bool, bool,
                                   list[Signal] | None, bool]] = []
        self.last_work = 0
        self.last_kept = 0  # chain starts whose ends the last scan kept (a test reads it)

    def _part(self, symbols: tuple[str, ...]) -> int:
        part_id = self.part_ids.get(symbols)
        if part_id is None:
            part_id = self.part_ids[symbols] = len(self.part_lengths)
            self.part_lengths.append(len(symbols))
            self.part_keys[part_id] = (part_id,)
            state = 0
            for symbol in symbols:
                nxt = self.goto[state].get(symbol)
                if nxt is None:
                    nxt = len(self.goto)
                    self.goto[state][symbol] = nxt
                    self.goto.append({})
                    self.fail.append(0)
                    self.out.append(())
                state = nxt
            self.out[state] = (*self.out[state], part_id)
        return part_id

    def _key(self, alternatives: list[tuple[str, ...]]) -> int:
        ids = frozenset(self._part(symbols) for symbols in alternatives)
        if len(ids) == 1:
            return next(iter(ids))
        key = self.alternatives.get(ids)
        if key is None:
            key = self.alternatives[ids] = -2 - len(self.alternatives)  # never a part id
            for part_id in ids:
                self.part_keys[part_id] = (*self.part_keys[part_id], key)
        return key

    def add(self, signal: Signal, parts: list[list[tuple[str, ...]]], negatable: bool,
            links: list[Link] | None = None, every: bool = False) -> None:
        """One phrase: ``parts`` in order, each a list of alternatives, ``links[i]`` between
        part i and part i + 1 (None: a ".." gap)."""
        chain: list[object] = [int(negatable)]
        parent = -1
        for number, alternatives in enumerate(parts):
            key = self._key(alternatives)
            link = links[number - 1] if links and number else None
            chain.append((link.name if link else "", key))
            chain_id = tuple(chain)
            node = self.node_ids.get(chain_id)
            if node is None:
                node = self.node_ids[chain_id] = len(self.nodes)
                self.nodes.append((key, parent, negatable and parent == -1))
                self.node_links.append(link)
            parent = node
        self.finals.setdefault(parent, []).append(signal)
        if every:
            self.every.add(parent)
        self.built = False

    def build(self) -> None:
        """Failure links, breadth first; each state's output includes its failure chain's."""
        queue = list(self.goto[0].values())
        for state in queue:
            self.fail[state] = 0
        # every part ending at a state, its failure chain's too: only while building (``out``
        # keeps each state's own parts, so building again after more phrases stays right)
        full = list(self.out)
        head = 0
        while head < len(queue):
            state = queue[head]
            head += 1
            for symbol, nxt in self.goto[state].items():
                queue.append(nxt)
                back = self.fail[state]
                while back and symbol not in self.goto[back]:
                    back = self.fail[back]
                found = self.goto[back].get(symbol, 0)
                self.fail[nxt] = found if found != nxt else 0
                full[nxt] = (*self.out[nxt], *full[self.fail[nxt]])
        used = {key for key, _, _ in self.nodes}
        # one tuple per distinct output (most states share a few): the trie has thousands
        shared: dict[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = {}
        pairs: dict[tuple[int, int], tuple[int, int]] = {}
        self.keys_out = []
        # a key that only starts chains (or is a whole phrase) needs its longest entry ending
        # at a state, not each ("嘴唇" and "唇" both end at 唇): one step, not two; a later
        # part keeps every length, since what comes before it must end just before it
        later = {key for key, parent, _ in self.nodes if parent >= 0}
        for parts in full:
            longest: dict[int, int] = {}
            every_length: list[tuple[int, int]] = []
            for part in parts:
                for key in self.part_keys[part]:
                    if key not in used:
                        continue
                    if key in later:
                        every_length.append((key, self.part_lengths[part]))
                    else:
                        longest[key] = max(longest.get(key, 0), self.part_lengths[part])
            keys = tuple(pairs.setdefault(pair, pair) for pair in dict.fromkeys(
                [*every_length, *longest.items()]))
            self.keys_out.append(shared.setdefault(keys, keys))
        self.parents = frozenset(parent for _, parent, _ in self.nodes if parent >= 0)
        self.starts = frozenset(self.nodes[node][0] for node in self.parents
                                if self.nodes[node][1] < 0)
        # phrases of one part, by key; and what may follow each chain node (a chain's first
        # node is keyed by ``-1 - key`` when key >= 0, else by ``key - 10**9``: its ends are
        # kept per key, whatever its negation)
        self.single_uses = {}
        self.followers = {}
        # for a later part of a chain: (parent node, parent's key, whether the parent is the
        # chain's first node, whether that may be negated, the link)
        self.links = [None if parent < 0 else (
            parent, self.nodes[parent][0], self.nodes[parent][1] < 0, self.nodes[parent][2],
            self.node_links[node])
            for node, (_, parent, _) in enumerate(self.nodes)]
        for node, (key, parent, _) in enumerate(self.nodes):
            if parent < 0:
                if node in self.finals:
                    self.single_uses.setdefault(key, []).append(node)
                continue
            parent_key, grandparent, _ = self.nodes[parent]
            follow = _first(parent_key) if grandparent < 0 else parent
            self.followers.setdefault(follow, []).append((key, node))
        waited = set(self.single_uses) | {key for key, parent, _ in self.nodes if parent >= 0}
        steps_shared: dict[tuple[tuple[int, int, int, bool], ...],
                           tuple[tuple[int, int, int, bool], ...]] = {}
        self.steps_out = []
        for outputs in self.keys_out:
            start_length: dict[int, int] = {}
            for key, length in outputs:
                if key in self.starts:
                    start_length[key] = max(start_length.get(key, 0), length)
            steps = []
            for key, length in outputs:
                back = start_length.pop(key, 0) - 1
                if back >= 0 or key in waited:
                    steps.append((key, length, back, key in waited))
            self.steps_out.append(steps_shared.setdefault(tuple(steps), tuple(steps)))
        symbols_of = {part_id: frozenset(symbols) for symbols, part_id in self.part_ids.items()}
        key_needs: dict[int, set[frozenset[str]]] = {}
        for part_id, part_keys in self.part_keys.items():
            for key in part_keys:
                key_needs.setdefault(key, set()).add(symbols_of[part_id])
        self.follow_needs = {}
        for follow, children in self.followers.items():
            needs = {need for child_key, _ in children for need in key_needs[child_key]}
            # the fewest: a set that holds another is never the only one there
            fewest = [need for need in needs if not any(other < need for other in needs)]
            # one symbol is enough for most: those are looked up at once, the rest one by one
            self.follow_needs[follow] = (
                frozenset(next(iter(need)) for need in fewest if len(need) == 1),
                tuple(need for need in fewest if len(need) > 1))
        # per node reported at every place: each signal's (signal, key, an unless: phrase,
        # has unless: phrases, a route)
        self.places = [tuple((signal, signal.key, signal.guard, bool(signal.unless),
                              signal.answer == "route")
                             for signal in self.finals.get(node, ()))
                       for node in range(len(self.nodes))]
        self.node_info = [(self.links[node], parent < 0 and negatable, node in self.parents,
                           self.finals.get(node), node in self.every)
                          for node, (_, parent, negatable) in enumerate(self.nodes)]
        self.built = True

    def scan(self, symbols: list[str] | str, gap: int, stops: frozenset[str],
             negated: Callable[[int], bool],
             judge: Judge | None = None) -> Iterator[Hit]:
        """Signals whose phrases occur in ``symbols``; ``negated(start)`` stands a chain's
        first part down; a gap is at most ``gap`` symbols and never holds one of ``stops``.
        A route phrase is reported where ``judge(signal, start, end)`` says its place counts
        (code reads negation for it), once; with ``unless:`` phrases, at each such place."""
        if not self.built:
            self.build()
        goto, fail, steps_out, node_info = self.goto, self.fail, self.steps_out, self.node_info
        parents, followers, links = self.parents, self.followers, self.links
        follow_needs, places = self.follow_needs, self.places
        present: frozenset[str] | None = None  # the message's symbols, read once if need be
        root = goto[0]
        # Nodes a part may complete: phrases of one part from the start; a later part of a
        # chain only once the chain up to it has been seen (so a part that no chain has
        # reached costs nothing).
        # Copied on first change only: most parts are never reached in a message, and copying
        # every list up front cost more than the scan of a short message.
        active: dict[int, list[int]] = dict(self.single_uses)
        owned: set[int] = set()
        # a chain's first key, or a later chain node -> its last two ends, each with where
        # its chain starts
        part_ends: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
        last: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
        found: set[int] = set()  # chain nodes already reported, and no longer looked at
        start_negated: dict[int, bool] = {}  # read once per place a chain starts
        last_stop = -1
        state = 0
        work = 0  # failure steps and chain updates: a test holds it to a multiple of the length
        # unless: phrases found so far, per signal (start, end); matches of signals that have
        # them wait in ``pending`` (ready at, node, signal, start, end) until no unless: phrase
        # can still overlap them, then count or not: so a match is reported once, not at
        # every place, and unless: phrases are never reported at all
        guards: dict[tuple[str, int, str], deque[tuple[int, int]]] = {}
        pending: deque[tuple[int, int, Signal, int, int]] = deque()
        done: set[tuple[str, int, str]] = set()  # signals found where they count: enough
        for index, symbol in enumerate(symbols):
            while pending and pending[0][0] <= index:
                hit = self._release(pending.popleft(), guards, found, done)
                if hit is not None:
                    yield hit
            if state == 0:
                state = root.get(symbol, 0)
                if state == 0:
                    if symbol in stops:
                        last_stop = index
                    continue
            else:
                nxt = goto[state].get(symbol)
                while nxt is None and state:
                    work += 1
                    state = fail[state]
                    nxt = goto[state].get(symbol)
                state = nxt or 0
                if state == 0:  # a stop is never part of a phrase, so it ends here
                    if symbol in stops:
                        last_stop = index
                    continue
            for part, length, start_back, waits in steps_out[state]:
                if start_back >= 0:  # where a chain may start: negation is read only if one goes on
                    previous = part_ends.get(part)
                    if previous is None:
                        follow = _first(part)
                        if present is None:
                            present = frozenset(symbols)
                        part_ends[part] = ((index, index - start_back), NO_END) if _wake(
                            followers[follow], follow_needs[follow], present, active, owned
                        ) else UNREAD  # nothing that follows it is here
                    elif previous is not UNREAD:
                        part_ends[part] = ((index, index - start_back), previous[0])
                if not waits:
                    continue
                waiting = active.get(part)
                if not waiting:
                    continue
                if part not in owned:  # it may grow while it is walked, as it always could
                    waiting = active[part] = list(waiting)
                    owned.add(part)
                begin = index - length + 1
                reported = False
                for node in waiting:
                    work += 1
                    link, negatable, is_parent, signals, each_place = node_info[node]
                    chain_start = begin
                    if link is None:  # a phrase of one part
                        if negatable and negated(begin):
                            continue
                    else:
                        parent, parent_part, first, parent_negatable, how = link
                        ends = part_ends.get(parent_part) if first else last.get(parent)
                        if ends is None:
                            continue
                        end = -1
                        for candidate, candidate_start in ends:
                            if candidate < 0 or candidate >= begin or candidate <= last_stop:
                                continue
                            if how is None:  # the nearest end is the best for a plain gap
                                if begin - candidate - 1 <= gap:
                                    end, chain_start = candidate, candidate_start
                                break
                            # right next to it: a filler of nothing; a gap that cannot start
                            # an entry (ADJACENT has none) is turned down without a call
                            if candidate + 1 == begin or (
                                    symbols[candidate + 1] in how.firsts
                                    and how.fits(symbols, candidate + 1, begin)):
                                end, chain_start = candidate, candidate_start
                                break
                        if end < 0:
                            continue
                        if first and parent_negatable:
                            negation = start_negated.get(chain_start)
                            if negation is None:
                                negation = start_negated[chain_start] = negated(chain_start)
                            if negation:
                                continue
                        if is_parent:
                            previous_end = last.get(node)
                            if previous_end is None:
                                if present is None:
                                    present = frozenset(symbols)
                                last[node] = ((index, chain_start), NO_END) if _wake(
                                    followers[node], follow_needs[node], present, active, owned
                                ) else UNREAD
                            elif previous_end is not UNREAD and previous_end[0][0] != index:
                                last[node] = ((index, chain_start), previous_end[0])
                    if signals is not None and node not in found:
                        if each_place:  # each place counts: route phrases, unless: phrases
                            here, settled = _each_place(places[node], node, chain_start, index,
                                                        guards, done, pending, judge)
                            if here:
                                yield from here
                            if settled:
                                found.add(node)
                                reported = True
                        else:
                            found.add(node)
                            reported = True
                            for signal in signals:
                                yield Hit(signal, chain_start, index)
                if reported:  # once per phrase: what is found is not looked at again, unless
                    # a longer chain goes on from it (a chain's first part: see part_ends)
                    active[part] = [node for node in waiting if node not in found
                                    or (node in parents and links[node] is not None)]
        while pending:
            hit = self._release(pending.popleft(), guards, found, done)
            if hit is not None:
                yield hit
        self.last_work = work
        self.last_kept = sum(ends is not UNREAD for ends in part_ends.values())

    def _release(self, waiting: tuple[int, int, Signal, int, int],
                 guards: dict[tuple[str, int, str], deque[tuple[int, int]]], found: set[int],
                 done: set[tuple[str, int, str]]) -> Hit | None:
        """A held match, once every unless: phrase that could overlap it has been seen: the
        hit, unless one does (``judge`` read its place before it was held). A match that
        counts settles its signal (one is enough), so a message repeating it holds at most a
        window's worth of places."""
        _, node, signal, start, end = waiting
        if node in found or signal.key in done:
            return None
        for guard_start, guard_end in reversed(guards.get(signal.key, ())):
            if guard_start <= end and guard_end >= start:
                return None
            if guard_end < start:
                break  # ends come in order: none further back can overlap
        if len(self.finals[node]) == 1:
            found.add(node)
        done.add(signal.key)
        return Hit(signal, start, end)

    def fan_out(self) -> int:
        """The most chain nodes one symbol can touch: chain keys ending at one state times the
        chains using each. Work per symbol is bounded by this (plus amortised failure steps)."""
        if not self.built:
            self.build()
        uses: dict[int, int] = {}
        for node, (key, parent, _) in enumerate(self.nodes):
            if parent >= 0 or node in self.finals:
                uses[key] = uses.get(key, 0) + 1
        return max((sum(1 + uses.get(key, 0) for key, _ in keys) for keys in self.keys_out),
                   default=0)


def _wake(children: list[tuple[int, int]],
          needs: tuple[frozenset[str], tuple[frozenset[str], ...]], present: frozenset[str],
          active: dict[int, list[int]], owned: set[int]) -> bool:
    """Where a chain has just been seen for the first time: whether one of the parts that may
    follow it can be in the message (``present``: its symbols), and if so, those parts wait
    in ``active`` from now on (each list copied on its first change, see ``scan``)."""
    singles, several = needs
    if singles.isdisjoint(present) and not any(need <= present for need in several):
        return False
    for child_part, child in children:
        if child_part not in owned:
            active[child_part] = list(active.get(child_part, ()))
            owned.add(child_part)
        active[child_part].append(child)
    return True


Place = tuple[Signal, tuple[str, int, str], bool, bool, bool]


def _each_place(rows: tuple[Place, ...], node: int, start: int, end: int,
                guards: dict[tuple[str, int, str], deque[tuple[int, int]]],
                done: set[tuple[str, int, str]],
                pending: deque[tuple[int, int, Signal, int, int]],
                judge: Judge | None) -> tuple[list[Hit], bool]:
    """A phrase read at each place (see ``scan``): an unless: phrase is kept for the signal it
    guards; a match of a signal with unless: phrases is held, if ``judge`` lets its place
    count (see ``_Automaton._release``); any other route match is reported where ``judge``
    says its place counts, and its signal is then done. Also whether the node is settled:
    every signal of it done (its unless: places are never read again), so it is not looked
    at again."""
    here: list[Hit] = []
    skipped = 0
    for signal, key, guard, unless, route in rows:
        if key in done:
            skipped += 1
            continue  # found at a place that counts already
        if guard:
            spans = guards.get(key)
            if spans is None:
                spans = guards[key] = deque()
            spans.append((start, end))
            if len(spans) > _KEPT_GUARDS:
                spans.popleft()
            continue
        if unless:  # held until no unless: phrase can overlap it
            spans = guards.get(key)
            if spans and spans[-1][1] >= start and spans[-1][0] <= end:
                continue  # one found already overlaps it ("i can't" of "i can't wake")
            if route and judge is not None and not judge(signal, start, end):
                continue  # code stands this place down (a negation before it): not held
            if len(pending) < _KEPT_GUARDS:
                pending.append((end + _LONGEST_GUARD, node, signal, start, end))
            continue
        if route and judge is not None:
            if not judge(signal, start, end):
                continue  # code stood this place down: look on
            done.add(key)
        here.append(Hit(signal, start, end))
    settled = skipped == len(rows) or (
        bool(here) and judge is not None and len(here) == len(rows)
        and all(hit.signal.key in done for hit in here))
    return here, settled


def _first(key: int) -> int:
    """Where the followers of a chain's first key are kept: apart from chain nodes (>= 0)."""
    return -1 - key if key >= 0 else key - 10**9



@dataclass
class PhraseIndex:
    """The phrases of every signal, in one automaton per language, and each language's named
    word groups (``groups:`` in a signals file)."""

    english: _Automaton = field(default_factory=_Automaton)
    chinese: _Automaton = field(default_factory=_Automaton)
    groups: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    _fillers: dict[tuple[str, str], Filler] = field(default_factory=dict, repr=False)

    def parse(self, lang: str, phrase: str) -> tuple[list[list[str]], list[Link], str | None]:
        """``phrase`` as parts and the links between them: each part a list of alternatives,
        its ``{group}``s written out (``{not} breathing``: "can't breathing", "isn't
        breathing", ...), each link None for ``..`` or the ``{group*}`` filler; or the problem
        in plain words."""
        pieces = _EN_LINK.split(phrase) if lang == "en" else _ZH_LINK.split(phrase)
        parts: list[list[str]] = []
        links: list[Link] = []
        for number, piece in enumerate(pieces):
            if number % 2:
                link: Link = None
                if piece != "..":
                    found = self._filler(lang, phrase, piece.strip()[1:-1])
                    if isinstance(found, str):
                        return [], [], found
                    link = found
                links.append(link)
                continue
            runs = self._runs(lang, piece)
            for at, run in enumerate(runs):
                if at:
                    links.append(ADJACENT)
                alternatives, trouble = self._write_out(lang, phrase, run)
                if trouble:
                    return [], [], trouble
                parts.append(alternatives)
        return parts, links, None

    def _runs(self, lang: str, piece: str) -> list[str]:
        """English: a part whose groups would write out to more than ``MAX_WRITTEN`` word
        sequences is cut into parts that sit right next to each other, so "{not} {adv}
        {pee}" is a few trie paths per group, not every combination (memory); small
        combinations stay one part (a common word as a part of its own costs time)."""
        if lang != "en":
            return [piece]
        groups = self.groups.get(lang, {})
        runs: list[str] = []
        size = 0
        for token in _GROUP_SPLIT.split(piece):
            if not token.strip():
                continue
            name = token.strip()[1:-1].strip() if token.strip().startswith("{") else None
            count = len(groups.get(name, ())) or 1 if name is not None else 1
            if runs and size * count <= MAX_WRITTEN:
                runs[-1] += " " + token
                size *= count
            else:
                runs.append(token)
                size = count
        return runs or [piece]  # empty: reported as a gap without words on one side

    def _write_out(self, lang: str, phrase: str, piece: str) -> tuple[list[str], str | None]:
        groups = self.groups.get(lang, {})
        done: list[str] = []
        todo = [piece]
        while todo:
            text = todo.pop()
            found = _GROUP_REF.search(text)
            if found is None:
                done.append(text)
                continue
            name = found.group(1).strip()
            if name not in groups:
                return [], _unknown_group(phrase, name.rstrip("*"), groups)
            for entry in groups[name]:
                todo.append(text[:found.start()] + entry + text[found.end():])
            if len(done) + len(todo) > MAX_EXPANSIONS:
                return [], (f"'{phrase}' writes out to more than {MAX_EXPANSIONS} phrases in "
                            "one part; split it, or use smaller groups")
        return sorted(set(done)), None

    def expand(self, lang: str, phrase: str) -> list[str]:
        """Written-out phrases that use every entry of every group at least once (not every
        combination): what benchmarks build adversarial messages from."""
        parts, links, trouble = self.parse(lang, phrase)
        if trouble or not parts:
            return []
        joints = [" .. " if link is None else " " if link is ADJACENT else f" {{{link.name}*}} "
                  for link in links]
        out = []
        for row in range(max(len(part) for part in parts)):
            text = parts[0][row % len(parts[0])]
            for joint, part in zip(joints, parts[1:], strict=True):
                text += (joint if lang == "en" else joint.strip()) + part[row % len(part)]
            out.append(" ".join(text.split()) if lang == "en" else text)
        return out

    def add(self, signal: Signal, phrase: str, *, negatable: bool = True,
            every: bool = False) -> str | None:
        """Index one phrase; the problem in plain words if it cannot be used.
        ``negatable=False``: the engine never stands it down for a negation before it (route
        phrases: the code reads negation for them; ``unless`` phrases)."""
        parts, links, trouble = self.parse(signal.lang, phrase)
        if trouble:
            return trouble
        english = signal.lang == "en"
        symbols: list[list[tuple[str, ...]]] = []
        for alternatives in parts:
            written: list[tuple[str, ...]] = []
            for text in alternatives:
                if english:
                    words = fold(text).replace("'", "").replace("\u2019", "").split()
                    if not all(_EN_WORD.fullmatch(word) for word in words):
                        return (f"'{phrase}': write English phrases as plain words (letters, "
                                "digits, apostrophes), '..' for a gap and {group} or {group*} "
                                "for a group")
                    written.append(tuple(map(sys.intern, words)))  # shared, not copied
                else:
                    chars = "".join(fold(text).translate(MORE_VARIANTS).split())
                    if any(ch in _ZH_STOP or ch in "{}" for ch in chars):
                        return f"'{phrase}': leave out full stops, '!', '?' and lone braces"
                    written.append(tuple(map(sys.intern, chars)))
            if any(not one for one in written):
                return (f"'{phrase}': a '..' gap or a {{group*}} filler needs "
                        f"{'words' if english else 'characters'} on both sides")
            symbols.append(written)
        trouble = _link_trouble(phrase, links)
        if trouble:
            return trouble
        negations = _EN_NEGATIONS if english else _ZH_NEGATIONS
        negatable = negatable and not any(one[0] in negations for one in symbols[0])
        automaton = self.english if english else self.chinese
        automaton.add(signal, symbols, negatable, links, every)
        return None

    def _filler(self, lang: str, phrase: str, name: str) -> Filler | str:
        name = name.rstrip("*").strip()
        groups = self.groups.get(lang, {})
        if name not in groups:
            return _unknown_group(phrase, name, groups)
        filler = self._fillers.get((lang, name))
        if filler is None:
            entries: set[tuple[str, ...] | str] = set()
            for entry in groups[name]:
                if lang == "en":
                    entries.add(tuple(fold(entry).replace("'", "").replace("\u2019", "").split()))
                else:
                    entries.add("".join(fold(entry).translate(MORE_VARIANTS).split()))
            entries.discard(())
            entries.discard("")
            lengths = tuple(sorted({len(entry) for entry in entries}, reverse=True))
            filler = self._fillers[(lang, name)] = Filler(name, frozenset(entries), lengths)
        return filler

    def english_hits(self, words: list[str],
                     judge: Judge | None = None) -> Iterator[Hit]:
        """Phrases found in ``words`` (the English view, apostrophes removed), not negated."""
        return self.english.scan(words, EN_GAP, frozenset(), partial(_en_negated, words),
                                 judge)

    def chinese_hits(self, text: str,
                     judge: Judge | None = None) -> Iterator[Hit]:
        """Phrases found in ``text`` (the Chinese view), not right after a negation."""
        return self.chinese.scan(text, ZH_GAP, _ZH_STOP, partial(_zh_negated, text), judge)


def _unknown_group(phrase: str, name: str, groups: dict[str, tuple[str, ...]]) -> str:
    known = ", ".join(sorted(groups)) or "none"
    return (f"'{phrase}': no group '{name}' in this file's 'groups:' (groups: {known})")


def _link_trouble(phrase: str, links: list[Link]) -> str | None:
    if sum(link is None for link in links) > MAX_GAPS:
        return f"'{phrase}': at most {MAX_GAPS} gaps ('..') in a phrase"
    if sum(link is not ADJACENT for link in links) > MAX_LINKS:
        return f"'{phrase}': at most {MAX_LINKS} gaps and fillers in a phrase"
    return None


def _en_negated(words: list[str], at: int) -> bool:
    """A negation right before ``words[at]``, perhaps with a few filler words between."""
    for back in range(1, 4):
        if at - back < 0:
            return False
        word = words[at - back]
        if word in _EN_NEGATIONS:
            return True
        if word not in _EN_FILLERS:
            return False
    return False


def _zh_negated(text: str, at: int) -> bool:
    """不/唔/冇/没... right before ``text[at]``, perhaps with 有, 是, 系, 会, 觉得 between."""
    back = at - 1
    if back < 0:
        return False
    last = text[back]
    if last not in _ZH_NEGATIONS and last not in _ZH_SOFT:
        return False
    if last in _ZH_ASKING_LAST and (text[max(0, at - 3):at] in _ZH_ASKING
                                    or text[max(0, at - 2):at] in _ZH_ASKING):
        return False  # 是不是消失比较好: a question word, not a negation
    while back >= 0 and at - back <= 3 and text[back] in _ZH_SOFT:
        back -= 1
    return back >= 0 and text[back] in _ZH_NEGATIONS and not asks_zh(text, back)


def asks_zh(text: str, at: int) -> bool:
    """Whether the negation at ``text[at]`` is the middle of a question whether one has
    something (有没有, 是不是有, 会不会有, 系咪有): 我是不是有自杀风险 asks, it does not deny.
    Not 想不想死 or 系咪想死呀你: said to someone, those scold. Nor asking someone else
    (问朋友是不是有自杀的念头: how to ask, left as it was read before). Called for every
    negated place of a phrase: the cheap tests first."""
    if not 0 < at < len(text) - 1:
        return False
    before, after = text[at - 1], text[at + 1]
    if before == after:
        if after != "有" and text[at + 2:at + 3] != "有":
            return False
    elif not (after == "有" and text[at] == "咪" and before in "系是"):
        return False
    asked = text.rfind("问", max(0, at - 5), at - 1)
    return asked < 0 or text[asked + 1] in "我下吓一"


@dataclass
class CrisisRules:
    """Everything in ``content/crisis/``: pages per kind, signals, examples, sources."""

    route_pages: dict[str, str]
    offer_pages: dict[str, str]
    signals: list[Signal]
    examples: list[Example]
    sources: dict[str, dict[str, str]]
    index: PhraseIndex
    problems: list[Problem] = field(default_factory=list)
    ordinary: Ordinary = field(default_factory=Ordinary)
    model: RiskModel | None = None  # crisis/model.txt: offers for what no phrase names
    folder: Path | None = None  # where they were read from (resolved)

    def written_out(self, signal: Signal) -> list[str]:
        """A signal's phrases with their groups written out, each entry at least once (see
        ``PhraseIndex.expand``): what benchmarks build adversarial messages from."""
        return [one for phrase in signal.phrases
                for one in self.index.expand(signal.lang, phrase)]

    def as_messages(self, signal: Signal) -> list[str]:
        """``written_out``, as someone would type each: fillers ({adv*}) left out, gaps closed
        (a space between English words, nothing between Chinese characters)."""
        if signal.lang == "en":
            return [" ".join(_GROUP_REF.sub(" ", one).replace("..", " ").split())
                    for one in self.written_out(signal)]
        return [_GROUP_REF.sub("", one).replace("..", "") for one in self.written_out(signal)]

    def mask(self, english: str, chinese: str) -> tuple[str, str]:
        """Everyday phrases (``ordinary:``) masked, before anything reads the message."""
        return self.ordinary.mask(english, chinese)

    def hits(self, english_words: list[str], chinese: str,
             judge: Judge | None = None) -> list[Hit]:
        """Every phrase found, less those an ``unless`` phrase overlaps; route phrases only
        where ``judge(signal, start, end)`` says their place counts (see ``_Automaton.scan``)."""
        found: list[Hit] = []
        if english_words:
            found.extend(self.index.english_hits(english_words, judge))
        if chinese:
            found.extend(self.index.chinese_hits(chinese, judge))
        return found


def load_crisis_rules(crisis_dir: Path, *, strict: bool = True) -> CrisisRules:
    """Read ``crisis_dir``; with ``strict``, any problem raises ContentError (the bot refuses
    to start on broken crisis rules), otherwise problems are kept for ``check`` to report."""
    problems: list[Problem] = []
    root = crisis_dir.parent

    def read(path: Path) -> tuple[object, dict[tuple[str | int, ...], int]]:
        name = display_path(path, root)
        try:
            doc = parse_yaml(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problems.append(Problem(name, 0, "file missing: the crisis rules need it"))
            return None, {}
        except YamlSyntaxError as exc:
            problems.append(Problem(name, exc.line, exc.message))
            return None, {}
        for line, key in doc.duplicates:  # a group written twice would silently lose one
            problems.append(Problem(name, line, f"'{key}' is written twice in one map; "
                                                "keep one"))
        return doc.data, doc.lines

    pages_path = crisis_dir / "answers.yaml"
    pages_name = display_path(pages_path, root)
    data, lines = read(pages_path)
    route_pages: dict[str, str] = {}
    offer_pages: dict[str, str] = {}
    if isinstance(data, dict):
        for section, kinds, target in (("route", ROUTE_KINDS, route_pages),
                                       ("offer", OFFER_KINDS, offer_pages)):
            given = data.get(section)
            if not isinstance(given, dict):
                problems.append(Problem(pages_name, lines.get((section,), 1),
                                        f"'{section}:' must map each kind to a page id"))
                continue
            optional = OPTIONAL_ROUTE_PAGES if section == "route" else ()
            for kind in (*kinds, *optional):  # each kind needs a page; an optional one if given
                page = given.get(kind)
                if isinstance(page, str) and page:
                    target[kind] = page
                elif kind in kinds or kind in given:
                    problems.append(Problem(pages_name,
                                            lines.get((section, kind)) or lines.get((section,), 1),
                                            f"'{section}: {kind}:' needs a page id"))
            for extra in sorted(set(given) - set(kinds) - set(optional)):
                problems.append(Problem(pages_name, lines.get((section, extra), 1),
                                        f"unknown kind '{extra}' under '{section}:'; the kinds "
                                        f"are {', '.join(kinds)}"))
    elif data is not None:
        problems.append(Problem(pages_name, 1, "expected 'route:' and 'offer:' maps"))

    sources_path = crisis_dir / "sources.yaml"
    data, lines = read(sources_path)
    sources: dict[str, dict[str, str]] = {}
    if isinstance(data, dict):
        sources = {str(k): v for k, v in data.items() if isinstance(v, dict)}

    index = PhraseIndex()
    signals: list[Signal] = []
    ordinary = Ordinary()
    for path in sorted((crisis_dir / "signals").glob("*.yaml")):
        name = display_path(path, root)
        data, lines = read(path)
        if data is None:
            continue
        if not isinstance(data, dict) or data.get("lang") not in LANGS \
                or not isinstance(data.get("signals"), list):
            problems.append(Problem(name, 1, "expected 'lang: en' or 'lang: zh' and a "
                                             "'signals:' list"))
            continue
        lang = str(data["lang"])
        index.groups[lang] = groups = {}
        for group, entries, trouble in _groups(data.get("groups")):
            if trouble:
                problems.append(Problem(name, lines.get(("groups", group) if group else
                                                        ("groups",), 1), trouble))
            else:
                groups[group] = entries
        everyday = data.get("ordinary", [])
        if not isinstance(everyday, list):
            problems.append(Problem(name, lines.get(("ordinary",), 1),
                                    "'ordinary:' must be a list of everyday phrases"))
            everyday = []
        for number, phrase in enumerate(everyday):
            line = lines.get(("ordinary", number), lines.get(("ordinary",), 1))
            trouble = (ordinary.add(lang, phrase) if isinstance(phrase, str) and phrase.strip()
                       else "each everyday phrase is words or characters, in quotes if need be")
            if trouble:
                problems.append(Problem(name, line, trouble))
        for number, entry in enumerate(data["signals"]):
            line = lines.get(("signals", number), 1)
            signal, problem = _signal(entry, lang, name, line, sources)
            if problem:
                problems.append(Problem(name, line, problem))
                continue
            assert signal is not None
            # route phrases: the code reads negation (absent, not suicidal) at every place
            route = signal.answer == "route"
            every = route or bool(signal.unless)
            guard = dataclasses.replace(signal, guard=True, phrases=signal.unless, unless=())
            for field_name, owner, written_phrases in (("phrases", signal, signal.phrases),
                                                       ("unless", guard, signal.unless)):
                for k, phrase in enumerate(written_phrases):
                    at = lines.get(("signals", number, field_name, k), line)
                    trouble = index.add(owner, phrase, negatable=not route and not owner.guard,
                                        every=every)
                    if trouble:
                        problems.append(Problem(name, at, trouble))
            signals.append(signal)

    examples: list[Example] = []
    path = crisis_dir / "examples.yaml"
    name = display_path(path, root)
    data, lines = read(path)
    if isinstance(data, dict):
        expectations: tuple[Expect, ...] = ("route", "offer", "none")
        for expect in expectations:
            for number, entry in enumerate(data.get(expect) or []):
                line = lines.get((expect, number), 1)
                if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
                    problems.append(Problem(name, line, "each example needs 'text:'"))
                    continue
                example_kind = entry.get("kind")
                source = str(entry.get("source", ""))
                if source not in sources:
                    problems.append(Problem(name, line, f"source '{source}' is not in "
                                                        "crisis/sources.yaml"))
                examples.append(Example(entry["text"], expect,
                                        str(example_kind) if example_kind else None, source,
                                        name, line))
    model: RiskModel | None = None
    path = crisis_dir / "model.txt"
    if path.is_file():
        try:
            model = RiskModel.from_text(path.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            problems.append(Problem(display_path(path, root), 1,
                                    f"the risk model cannot be read ({exc}): make it again "
                                    "with `python -m bot crisis-model`"))
    if strict and problems:
        raise ContentError(problems)
    return CrisisRules(route_pages, offer_pages, signals, examples, sources, index, problems,
                       ordinary, model, crisis_dir.resolve())


def _signal(entry: object, lang: str, file: str, line: int,
            sources: dict[str, dict[str, str]]) -> tuple[Signal | None, str | None]:
    if not isinstance(entry, dict):
        return None, "each signal is a map with name, answer, kind, source and phrases"
    answer = entry.get("answer")
    kind = entry.get("kind")
    kinds = ROUTE_KINDS if answer == "route" else OFFER_KINDS
    if answer not in ("route", "offer"):
        return None, "answer: must be 'route' or 'offer'"
    if kind not in kinds:
        return None, f"kind: must be one of {', '.join(kinds)} for answer: {answer}"
    source = str(entry.get("source", ""))
    if source not in sources:
        return None, f"source '{source}' is not in crisis/sources.yaml; every signal needs one"
    phrases = entry.get("phrases")
    if not isinstance(phrases, list) or not phrases \
            or not all(isinstance(p, str) and p.strip() for p in phrases):
        return None, "phrases: must be a list of words or characters"
    in_questions = entry.get("in_questions", True)
    if not isinstance(in_questions, bool):
        return None, "in_questions: must be true or false"
    unless = entry.get("unless", [])
    if not isinstance(unless, list) or not all(isinstance(p, str) and p.strip() for p in unless):
        return None, "unless: must be a list of phrases"
    weighed = entry.get("weighed", False)
    if not isinstance(weighed, bool):
        return None, "weighed: must be true or false"
    if weighed and answer != "offer":
        return None, "weighed: only an offer can be weighed by the risk model; a route stands"
    adds_up = entry.get("adds_up", answer == "offer" and kind == "body")
    adds_up_alone = adds_up != "with others"
    if not adds_up_alone:
        adds_up = True
    if not isinstance(adds_up, bool):
        return None, "adds_up: must be true, false or 'with others'"
    if adds_up and (answer != "offer" or kind != "body"):
        return None, ("adds_up: only a body offer adds up with another to a route; "
                      "a route stands on its own")
    return Signal(str(entry.get("name", "")), lang, answer, str(kind), source,
                  tuple(phrases), in_questions, file, line, tuple(unless),
                  weighed=weighed, adds_up=adds_up, adds_up_alone=adds_up_alone), None


def _groups(data: object) -> Iterator[tuple[str, tuple[str, ...], str | None]]:
    """A signals file's ``groups:``: each name with its entries, or what is wrong with it."""
    if data is None:
        return
    if not isinstance(data, dict):
        yield "", (), "groups: must map each group's name to a list of words"
        return
    for name, entries in data.items():
        if not isinstance(name, str) or not _GROUP_NAME.fullmatch(name):
            yield str(name), (), (f"group name '{name}': use lower-case letters, digits and _, "
                                  "starting with a letter")
        elif not isinstance(entries, list) or not entries:
            yield name, (), f"group '{name}' is empty: list at least one word or phrase"
        elif not all(isinstance(e, str) and e.strip() for e in entries):
            yield name, (), (f"group '{name}': every entry must be a word or phrase (quote "
                             "\"on\", \"off\", \"no\", \"yes\": YAML reads them as true/false)")
        elif any("{" in e or "}" in e or ".." in e for e in entries):
            yield name, (), (f"group '{name}': entries are plain words, without '..' or other "
                             "groups")
        else:
            yield name, tuple(entries), None


def rules_for(content_dir: Path) -> CrisisRules:
    """The crisis rules of a content folder (its ``crisis/``, read strictly: a broken rule is a
    content error, so a reload keeps the last good content), built and ready; this
    repository's own rules when the folder is this repository's, or has none (a test's tree)."""
    crisis_dir = content_dir / "crisis"
    if not crisis_dir.is_dir() or crisis_dir.resolve() == SHIPPED_DIR:
        return shipped_rules()
    rules = load_crisis_rules(crisis_dir)
    rules.index.english.build()
    rules.index.chinese.build()
    return rules


@lru_cache(maxsize=1)
def shipped_rules() -> CrisisRules:
    """The rules in this repository's ``content/crisis``, read once (automata built too, so
    the first message does not wait for them)."""
    rules = load_crisis_rules(SHIPPED_DIR)
    rules.index.english.build()
    rules.index.chinese.build()
    return rules
