"""Crisis signals that editors own: phrase lists, the kind -> page map and the examples, read
from ``content/crisis/`` (see ``docs/crisis.md``). This module is the small engine that matches
the phrases; what a phrase means (route or offer, which page) is in the YAML.

Phrase syntax, the same in every file:

- words are matched whole, on the folded text (lower case, full-width to half-width,
  Traditional to Simplified), so a phrase is written once in either script;
- in English, apostrophes are ignored ("can't" = "cant"); write each form of a word you mean
  ("burden", "burdens");
- ``..`` stands for a short gap: up to 3 other words in English, up to 8 other characters in
  Chinese (not across a full stop, ! or ?); at most two gaps in a phrase.

Matching is linear in the length of the message, whatever the number of phrases: an
Aho-Corasick automaton over words (English) or characters (Chinese) finds every phrase part in
one pass, and a phrase with gaps is joined from its parts by looking back at the last few places
the previous part ended. No regular expression is built from editors' text, so no phrase can make
matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

from bot.conversation.search.text import fold
from bot.model.problems import ContentError, Problem, display_path
from bot.model.yamlfile import YamlSyntaxError, parse_yaml

Answer = Literal["route", "offer"]
Expect = Literal["route", "offer", "none"]
ROUTE_KINDS = ("emergency", "suicide", "urinary")
OFFER_KINDS = ("mind", "body")
LANGS = ("en", "zh")
EN_GAP = 3  # words a ".." may stand for in English
ZH_GAP = 8  # characters a ".." may stand for in Chinese
MAX_GAPS = 2
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "content" / "crisis"

# Traditional characters of crisis words that search's fold table leaves alone, for the patterns
# in ``crisis`` and the phrases here alike (a test finds any a new phrase needs).
MORE_VARIANTS = str.maketrans("嚕渾語厭囑塗訣繃鍾諗曬則喫夾層潑滾繡藍蠻揾説準備攢頂辦"
                              "贅買農棄潰種諾謂執揀醜羨靚饞舊喪",
                              "噜浑语厌嘱涂诀绷钟谂晒则吃夹层泼滚绣蓝蛮搵说准备攒顶办"
                              "赘买农弃溃种诺谓执拣丑羡靓馋旧丧")
_EN_WORD = re.compile(r"[a-z0-9]+")
_ZH_STOP = frozenset("。！？!?.")
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


@dataclass(frozen=True)
class Example:
    text: str
    expect: Expect
    kind: str | None
    source: str
    file: str
    line: int


@dataclass(frozen=True)
class Hit:
    signal: Signal
    start: int  # index of the first word (English) or character (Chinese)


MASK = "_"  # what an everyday phrase's words become: no phrase or pattern matches it


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
        present = set(view)  # one pass in C; most phrases start with a character not there
        spans: list[tuple[int, int]] = []  # found on the text as typed, masked together
        for parts in self.chinese:
            first = parts[0]
            if first[0] not in present or (len(parts) > 1 and parts[1] not in view):
                continue  # a gap phrase whose second part is nowhere: nothing to mask
            at = view.find(first)
            while at >= 0:
                end = at + len(first)
                if len(parts) == 1:
                    spans.append((at, end))
                else:
                    window = view[end:end + ZH_GAP + len(parts[1])]
                    stop = next((i for i, ch in enumerate(window) if ch in _ZH_STOP),
                                len(window))
                    found = window.find(parts[1], 0, stop)
                    if found >= 0:
                        begin = end + found
                        spans += [(at, end), (begin, begin + len(parts[1]))]
                at = view.find(first, at + 1)
        if not spans:
            return view
        chars = list(view)  # one copy, however many places: no slicing per place
        for start, stop_at in spans:
            chars[start:stop_at] = MASK * (stop_at - start)
        return "".join(chars)


class _Automaton:
    """Aho-Corasick over words (English) or characters (Chinese): every phrase part found in
    one left-to-right pass, each step a dictionary look-up (plus failure links, amortised O(1)).

    A phrase with gaps is a chain of parts; ``scan`` keeps the last two places where the chain
    up to a part ended, so a later part only looks back at those: O(1) per part found, whatever
    the number of phrases. A phrase already found, that no longer phrase goes on from, is not
    looked at again, so a message repeating it costs one look-up per character.
    """

    def __init__(self) -> None:
        self.goto: list[dict[str, int]] = [{}]
        self.fail: list[int] = [0]
        self.out: list[tuple[int, ...]] = [()]  # part ids ending at this state
        self.part_lengths: list[int] = []
        self.part_ids: dict[tuple[str, ...], int] = {}
        # chain nodes: (part id, parent node or -1, negatable); signals complete at some nodes
        self.nodes: list[tuple[int, int, bool]] = []
        self.node_ids: dict[tuple[int, ...], int] = {}
        self.finals: dict[int, list[Signal]] = {}
        self.built = False
        self.parents: frozenset[int] = frozenset()  # chain nodes another part follows
        self.starts: frozenset[int] = frozenset()  # parts that start a longer chain
        self.single_uses: dict[int, list[int]] = {}
        self.followers: dict[int, list[tuple[int, int]]] = {}
        self.links: list[tuple[int, int, bool, bool, int] | None] = []
        self.last_work = 0

    def add(self, signal: Signal, parts: list[tuple[str, ...]], negatable: bool) -> None:
        chain: list[int] = []
        parent = -1
        for part in parts:
            part_id = self.part_ids.get(part)
            if part_id is None:
                part_id = self.part_ids[part] = len(self.part_lengths)
                self.part_lengths.append(len(part))
                state = 0
                for symbol in part:
                    nxt = self.goto[state].get(symbol)
                    if nxt is None:
                        nxt = len(self.goto)
                        self.goto[state][symbol] = nxt
                        self.goto.append({})
                        self.fail.append(0)
                        self.out.append(())
                    state = nxt
                self.out[state] = (*self.out[state], part_id)
            chain.append(part_id)
            key = (int(negatable), *chain)
            node = self.node_ids.get(key)
            if node is None:
                node = self.node_ids[key] = len(self.nodes)
                self.nodes.append((part_id, parent, negatable and parent == -1))
            parent = node
        self.finals.setdefault(parent, []).append(signal)
        self.built = False

    def build(self) -> None:
        """Failure links, breadth first; each state's output includes its failure chain's."""
        queue = list(self.goto[0].values())
        for state in queue:
            self.fail[state] = 0
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
                self.out[nxt] = (*self.out[nxt], *self.out[self.fail[nxt]])
        self.parents = frozenset(parent for _, parent, _ in self.nodes if parent >= 0)
        self.starts = frozenset(self.nodes[node][0] for node in self.parents
                                if self.nodes[node][1] < 0)
        # phrases of one part, by part; and what may follow each chain node (a chain's first
        # node is keyed by ``-1 - part``: its ends are kept per part, whatever its negation)
        self.single_uses = {}
        self.followers = {}
        # for a later part of a chain: (parent node, parent's part, whether the parent is the
        # chain's first node, whether that may be negated, the parent part's length)
        self.links = [None if parent < 0 else (
            parent, self.nodes[parent][0], self.nodes[parent][1] < 0, self.nodes[parent][2],
            self.part_lengths[self.nodes[parent][0]]) for _, parent, _ in self.nodes]
        for node, (part, parent, _) in enumerate(self.nodes):
            if parent < 0:
                if node in self.finals:
                    self.single_uses.setdefault(part, []).append(node)
                continue
            parent_part, grandparent, _ = self.nodes[parent]
            key = -1 - parent_part if grandparent < 0 else parent
            self.followers.setdefault(key, []).append((part, node))
        self.built = True

    def scan(self, symbols: list[str] | str, gap: int, stops: frozenset[str],
             negated: Callable[[int], bool]) -> Iterator[Hit]:
        """Signals whose phrases occur in ``symbols``; ``negated(start)`` stands a chain's
        first part down; a gap is at most ``gap`` symbols and never holds one of ``stops``."""
        if not self.built:
            self.build()
        goto, fail, out, nodes = self.goto, self.fail, self.out, self.nodes
        lengths, finals, parents = self.part_lengths, self.finals, self.parents
        starts, followers, links = self.starts, self.followers, self.links
        root = goto[0]
        # Nodes a part may complete: phrases of one part from the start; a later part of a
        # chain only once the chain up to it has been seen (so a part that no chain has
        # reached costs nothing).
        # Copied on first change only: most parts are never reached in a message, and copying
        # every list up front cost more than the scan of a short message.
        active: dict[int, list[int]] = dict(self.single_uses)
        owned: set[int] = set()
        part_ends: dict[int, tuple[int, int]] = {}  # a chain's first part -> its last two ends
        last: dict[int, tuple[int, int]] = {}  # a later chain node -> its last two ends
        found: set[int] = set()  # chain nodes already reported, and no longer looked at
        start_negated: dict[int, bool] = {}  # read once per place a chain starts
        last_stop = -1
        state = 0
        work = 0  # failure steps and chain updates: a test holds it to a multiple of the length
        for index, symbol in enumerate(symbols):
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
            for part in out[state]:
                if part in starts:  # where a chain may start: negation is read only if one goes on
                    previous = part_ends.get(part)
                    if previous is None:
                        part_ends[part] = (index, -1)
                        for child_part, child in followers[-1 - part]:
                            if child_part not in owned:
                                active[child_part] = list(active.get(child_part, ()))
                                owned.add(child_part)
                            active[child_part].append(child)
                    else:
                        part_ends[part] = (index, previous[0])
                waiting = active.get(part)
                if not waiting:
                    continue
                if part not in owned:  # it may grow while it is walked, as it always could
                    waiting = active[part] = list(waiting)
                    owned.add(part)
                begin = index - lengths[part] + 1
                reported = False
                for node in waiting:
                    work += 1
                    link = links[node]
                    if link is None:  # a phrase of one part
                        if nodes[node][2] and negated(begin):
                            continue
                    else:
                        parent, parent_part, first, parent_negatable, parent_length = link
                        ends = part_ends.get(parent_part) if first else last.get(parent)
                        if ends is None:
                            continue
                        end = ends[0] if ends[0] < begin else ends[1]
                        if end < 0 or begin - end - 1 > gap or end <= last_stop:
                            continue
                        if first and parent_negatable:
                            start = end - parent_length + 1
                            negation = start_negated.get(start)
                            if negation is None:
                                negation = start_negated[start] = negated(start)
                            if negation:
                                continue
                        if node in parents:
                            previous = last.get(node)
                            if previous is None:
                                last[node] = (index, -1)
                                for child_part, child in followers[node]:
                                    if child_part not in owned:
                                        active[child_part] = list(active.get(child_part, ()))
                                        owned.add(child_part)
                                    active[child_part].append(child)
                            else:
                                last[node] = (index, previous[0])
                    if node in finals and node not in found:
                        found.add(node)
                        reported = True
                        for signal in finals[node]:
                            yield Hit(signal, begin)
                if reported:  # once per phrase: what is found is not looked at again, unless
                    # a longer chain goes on from it (a chain's first part: see part_ends)
                    active[part] = [node for node in waiting if node not in found
                                    or (node in parents and links[node] is not None)]
        self.last_work = work

    def fan_out(self) -> int:
        """The most chain nodes one symbol can touch: parts ending at one state times the
        chains using each. Work per symbol is bounded by this (plus amortised failure steps)."""
        if not self.built:
            self.build()
        uses: dict[int, int] = {}
        for node, (part, parent, _) in enumerate(self.nodes):
            if parent >= 0 or node in self.finals:
                uses[part] = uses.get(part, 0) + 1
        return max((sum(1 + uses.get(part, 0) for part in parts) for parts in self.out),
                   default=0)


@dataclass
class PhraseIndex:
    """The phrases of every signal, in one automaton per language."""

    english: _Automaton = field(default_factory=_Automaton)
    chinese: _Automaton = field(default_factory=_Automaton)

    def add(self, signal: Signal, phrase: str) -> str | None:
        """Index one phrase; the problem in plain words if it cannot be used."""
        if signal.lang == "en":
            return self._add_en(signal, phrase)
        return self._add_zh(signal, phrase)

    def _add_en(self, signal: Signal, phrase: str) -> str | None:
        text = fold(phrase).replace("'", "").replace("\u2019", "")
        parts: list[list[str]] = [[]]
        for token in text.replace("..", " .. ").split():
            if token == "..":
                parts.append([])
            elif not _EN_WORD.fullmatch(token):
                return (f"'{phrase}': write English phrases as plain words (letters, digits, "
                        "apostrophes) and '..' for a gap")
            else:
                parts[-1].append(token)
        if any(not part for part in parts):
            return f"'{phrase}': a '..' gap needs words on both sides"
        if len(parts) - 1 > MAX_GAPS:
            return f"'{phrase}': at most {MAX_GAPS} gaps ('..') in a phrase"
        negatable = parts[0][0] not in _EN_NEGATIONS
        self.english.add(signal, [tuple(part) for part in parts], negatable)
        return None

    def _add_zh(self, signal: Signal, phrase: str) -> str | None:
        text = "".join(fold(phrase).translate(MORE_VARIANTS).split())
        parts = text.split("..")
        if any(not part for part in parts):
            return f"'{phrase}': a '..' gap needs characters on both sides"
        if len(parts) - 1 > MAX_GAPS:
            return f"'{phrase}': at most {MAX_GAPS} gaps ('..') in a phrase"
        if any(ch in _ZH_STOP for part in parts for ch in part):
            return f"'{phrase}': leave out full stops, '!' and '?'"
        negatable = parts[0][0] not in _ZH_NEGATIONS
        self.chinese.add(signal, [tuple(part) for part in parts], negatable)
        return None

    def english_hits(self, words: list[str]) -> Iterator[Hit]:
        """Phrases found in ``words`` (the English view, apostrophes removed), not negated."""
        return self.english.scan(words, EN_GAP, frozenset(), partial(_en_negated, words))

    def chinese_hits(self, text: str) -> Iterator[Hit]:
        """Phrases found in ``text`` (the Chinese view), not right after a negation."""
        return self.chinese.scan(text, ZH_GAP, _ZH_STOP, partial(_zh_negated, text))


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
    if back < 0 or (text[back] not in _ZH_NEGATIONS and text[back] not in _ZH_SOFT):
        return False
    if text[max(0, at - 3):at] in _ZH_ASKING or text[max(0, at - 2):at] in _ZH_ASKING:
        return False  # 是不是消失比较好: a question word, not a negation
    while back >= 0 and at - back <= 3 and text[back] in _ZH_SOFT:
        back -= 1
    return back >= 0 and text[back] in _ZH_NEGATIONS


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

    def mask(self, english: str, chinese: str) -> tuple[str, str]:
        """Everyday phrases (``ordinary:``) masked, before anything reads the message."""
        return self.ordinary.mask(english, chinese)

    def hits(self, english_words: list[str], chinese: str) -> list[Hit]:
        found: list[Hit] = []
        if english_words:
            found.extend(self.index.english_hits(english_words))
        if chinese:
            found.extend(self.index.chinese_hits(chinese))
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
            for kind in kinds:
                page = given.get(kind)
                if not isinstance(page, str) or not page:
                    problems.append(Problem(pages_name, lines.get((section,), 1),
                                            f"'{section}: {kind}:' needs a page id"))
                else:
                    target[kind] = page
            for extra in sorted(set(given) - set(kinds)):
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
            signals.append(signal)
            for k, phrase in enumerate(signal.phrases):
                trouble = index.add(signal, phrase)
                if trouble:
                    problems.append(Problem(name, lines.get(("signals", number, "phrases", k),
                                                            line), trouble))

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
    if strict and problems:
        raise ContentError(problems)
    return CrisisRules(route_pages, offer_pages, signals, examples, sources, index, problems,
                       ordinary)


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
    return Signal(str(entry.get("name", "")), lang, answer, str(kind), source,
                  tuple(phrases), in_questions, file, line), None


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
