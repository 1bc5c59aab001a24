"""Crisis signals that editors own: phrase lists, the kind -> page map and the examples, read
from ``content/crisis/`` (see ``docs/crisis.md``). This module is the small engine that matches
the phrases; what a phrase means (route or offer, which page) is in the YAML.

Phrase syntax, the same in every file:

- words are matched whole, on the folded text (lower case, full-width to half-width,
  Traditional to Simplified), so a phrase is written once in either script;
- in English, apostrophes are ignored ("can't" = "cant") and a word ending in ``*`` matches any
  ending ("burden*" matches "burdens", "burdensome");
- ``..`` stands for a short gap: up to 3 other words in English, up to 8 other characters in
  Chinese (not across a full stop, ! or ?); at most two gaps in a phrase.

Matching is linear in the length of the message: the phrases are indexed by their first word
(English) or first two characters (Chinese), so each place in the text costs one or two
dictionary look-ups, and each candidate phrase is tried over a bounded window. No regular
expression is built from editors' text, so no phrase can make matching slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from bot.core.problems import ContentError, Problem, display_path
from bot.core.search.text import fold
from bot.core.yamlfile import YamlSyntaxError, parse_yaml

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
                              "贅買農棄潰種諾謂",
                              "噜浑语厌嘱涂诀绷钟谂晒则吃夹层泼滚绣蓝蛮搵说准备攒顶办"
                              "赘买农弃溃种诺谓")
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
_ZH_NEGATIONS = frozenset("不唔没冇无别未")
_ZH_NEGATED = re.compile(r"(?:不|唔|没|冇|别|咪|并不|不会|唔会|从没|从未|不是|唔系|并非|没有|冇有"
                         r"|并冇|从来冇|从来没有)(?:有)?(?:想过|谂过|打算|会|觉得|觉|感到)?$")


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
class _Phrase:
    signal: Signal
    parts: tuple[tuple[str, ...], ...]  # English: words per part; Chinese: one string per part


@dataclass(frozen=True)
class Hit:
    signal: Signal
    start: int  # index of the first word (English) or character (Chinese)


@dataclass
class PhraseIndex:
    """Phrases keyed by how they start, so the text is read once, left to right."""

    en_exact: dict[str, list[_Phrase]] = field(default_factory=dict)
    en_stems: dict[str, list[_Phrase]] = field(default_factory=dict)
    stem_lengths: tuple[int, ...] = ()
    zh_two: dict[str, list[_Phrase]] = field(default_factory=dict)
    zh_one: dict[str, list[_Phrase]] = field(default_factory=dict)

    def add(self, signal: Signal, phrase: str) -> str | None:
        """Index one phrase; the problem in plain words if it cannot be used."""
        if signal.lang == "en":
            return self._add_en(signal, phrase)
        return self._add_zh(signal, phrase)

    def _add_en(self, signal: Signal, phrase: str) -> str | None:
        text = fold(phrase).replace("'", "").replace("’", "")
        tokens = text.replace("..", " .. ").split()
        parts: list[list[str]] = [[]]
        for token in tokens:
            if token == "..":
                parts.append([])
                continue
            stem = token[:-1] if token.endswith("*") else token
            if not _EN_WORD.fullmatch(stem):
                return (f"'{phrase}': write English phrases as plain words (letters, digits, "
                        "apostrophes), with '*' only at the end of a word and '..' for a gap")
            parts[-1].append(token)
        if any(not part for part in parts):
            return f"'{phrase}': a '..' gap needs words on both sides"
        if len(parts) - 1 > MAX_GAPS:
            return f"'{phrase}': at most {MAX_GAPS} gaps ('..') in a phrase"
        first = parts[0][0]
        if first.endswith("*") and len(first) < 4:
            return f"'{phrase}': a word with '*' needs at least 3 letters before the '*'"
        entry = _Phrase(signal, tuple(tuple(part) for part in parts))
        if first.endswith("*"):
            self.en_stems.setdefault(first[:-1], []).append(entry)
            self.stem_lengths = tuple(sorted({*self.stem_lengths, len(first) - 1}))
        else:
            self.en_exact.setdefault(first, []).append(entry)
        return None

    def _add_zh(self, signal: Signal, phrase: str) -> str | None:
        text = "".join(fold(phrase).translate(MORE_VARIANTS).split())
        parts = tuple(text.split(".."))
        if any(not part for part in parts):
            return f"'{phrase}': a '..' gap needs characters on both sides"
        if len(parts) - 1 > MAX_GAPS:
            return f"'{phrase}': at most {MAX_GAPS} gaps ('..') in a phrase"
        if any(ch in _ZH_STOP for part in parts for ch in part):
            return f"'{phrase}': leave out full stops, '!' and '?'"
        entry = _Phrase(signal, tuple((part,) for part in parts))
        first = parts[0]
        if len(first) >= 2:
            self.zh_two.setdefault(first[:2], []).append(entry)
        else:
            self.zh_one.setdefault(first, []).append(entry)
        return None

    # -- matching ---------------------------------------------------------------------------

    def english_hits(self, words: list[str]) -> Iterator[Hit]:
        """Phrases found in ``words`` (the English view, apostrophes removed), not negated."""
        for i, word in enumerate(words):
            candidates = self.en_exact.get(word, [])
            for length in self.stem_lengths:
                if len(word) >= length:
                    candidates = candidates + self.en_stems.get(word[:length], [])
            for phrase in candidates:
                if _en_match(phrase.parts, 0, words, i) and (
                        phrase.parts[0][0] in _EN_NEGATIONS or not _en_negated(words, i)):
                    yield Hit(phrase.signal, i)

    def chinese_hits(self, text: str) -> Iterator[Hit]:
        """Phrases found in ``text`` (the Chinese view), not right after a negation."""
        for i in range(len(text)):
            candidates = self.zh_two.get(text[i:i + 2], []) + self.zh_one.get(text[i], [])
            for phrase in candidates:
                if _zh_match(phrase.parts, 0, text, i) and (
                        phrase.parts[0][0][0] in _ZH_NEGATIONS
                        or not _ZH_NEGATED.search(text, max(0, i - 8), i)):
                    yield Hit(phrase.signal, i)


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _en_match(parts: tuple[tuple[str, ...], ...], index: int, words: list[str],
              at: int) -> bool:
    """Whether parts[index:] match at words[at]: each part's words in a row, and up to
    ``EN_GAP`` other words before the next part (at most 4 tries per gap, 2 gaps)."""
    part = parts[index]
    if at + len(part) > len(words):
        return False
    if not all(_word_matches(p, words[at + k]) for k, p in enumerate(part)):
        return False
    if index + 1 == len(parts):
        return True
    after = at + len(part)
    return any(_en_match(parts, index + 1, words, after + skip) for skip in range(EN_GAP + 1))


def _zh_match(parts: tuple[tuple[str, ...], ...], index: int, text: str, at: int) -> bool:
    part = parts[index][0]
    if not text.startswith(part, at):
        return False
    if index + 1 == len(parts):
        return True
    after = at + len(part)
    for skip in range(ZH_GAP + 1):
        if skip and text[after + skip - 1:after + skip] in _ZH_STOP:
            return False
        if _zh_match(parts, index + 1, text, after + skip):
            return True
    return False


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
    return CrisisRules(route_pages, offer_pages, signals, examples, sources, index, problems)


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


@lru_cache(maxsize=1)
def shipped_rules() -> CrisisRules:
    """The rules in this repository's ``content/crisis``, read once."""
    return load_crisis_rules(SHIPPED_DIR)
