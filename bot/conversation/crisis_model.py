"""A second net under the phrase lists: a small naive Bayes model of risk, learnt from the
tuning halves of the crisis measuring sets (messages written by others) and ordinary questions.

Phrase lists recognise what they were shown: each new writer's messages found new wordings
("像被困在笼子里", "carry it much longer"). Single words and pairs of words (English) or of
characters (Chinese) weigh the whole message instead, so a message in new words that still
sounds like despair or danger gets the offer of help. The model only ever *offers* (the crisis
lines or the emergency page one tap away, above the search answer); routes stay with the
phrase lists and code, where every decision can be read.

The weights are made by ``python -m bot crisis-model`` (``bot.editorial.crisis_training``) and
shipped in ``content/crisis/model.txt`` with a fingerprint of what they were learnt from;
``check`` warns when they are stale. Reading is linear in the message and capped (EN_FEATURES,
ZH_FEATURES): a chat message says what it is about early on.
"""

from __future__ import annotations

import io
import json
import math
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import InitVar, dataclass, field
from typing import Literal

OfferKind = Literal["mind", "body"]

# What it reads: about as much as the longest message it learnt from (145 characters, 26
# words), counted in different features (words and pairs, characters and pairs), so a long
# repeated run says no more than once. Past that it would judge text unlike anything it was
# shown; the phrase lists still read the whole message.
EN_FEATURES = 60
ZH_FEATURES = 300
# A message must have this many features the model knows before it is judged: 謝謝, "thanks"
# and 你好 appear in goodbyes, and two or three features are too little to go on (leaving
# each blind set out in turn, this cost 2 of 529 crisis messages the model alone caught).
MIN_KNOWN = 6
# Added to every count (Lidstone): a feature seen once is weak evidence. 0.25, not 0.5: with each
# blind set's tuning half left out in turn and judged by the whole reader, it offered help on
# 1-2 points fewer ordinary messages in each language (Traditional Chinese 22.1% -> 20.3%) and
# answered the same crisis messages, but one (7th session; 0.1 and 0.05 cost more of those).
SMOOTHING = 0.25
FORMAT = 5
Script = Literal["en", "zh"]  # what a message is judged as: any Chinese character makes it "zh"
BUCKETS = 1 << 16  # features are hashed into this many weights: no strings kept in memory
KEY_MASK = (1 << 24) - 1  # a feature's key: its place (low 16 bits) and a check byte
EVERYDAY = "_"  # what an everyday phrase becomes in the views (crisis_rules.MASK is this)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def features(english: str, chinese: str) -> set[str]:
    """What the model reads of a message's two views (see ``crisis._views``): English words and
    pairs of words, Chinese characters and pairs of characters (other characters split runs),
    up to EN_FEATURES and ZH_FEATURES different ones; an everyday phrase masked (笑死,
    "killing time") is a feature of its own, EVERYDAY, and says a lot."""
    found: set[str] = set()
    previous = ""
    for word in english.replace("'", "").split():
        if len(found) >= EN_FEATURES:
            break
        if EVERYDAY in word:
            found.add(EVERYDAY)
        found.add(word)
        if previous:
            found.add(f"{previous} {word}")
        previous = word
    limit = len(found) + ZH_FEATURES
    previous = ""
    for char in chinese:
        if len(found) >= limit:
            break
        if _is_cjk(char):
            found.add(char)
            if previous:
                found.add(previous + char)
            previous = char
        else:
            if char == EVERYDAY:
                found.add(EVERYDAY)
            previous = ""
    return found


@dataclass(frozen=True)
class Example:
    text: str
    risk: bool
    kind: OfferKind | None = None  # for a risky message: which help its first button opens


def buckets(found: Iterable[str]) -> set[int]:
    """Each feature as a 24-bit key from a stable hash (CRC-32, the same in every process):
    its low 16 bits say where its weights are kept, the high 8 bits check that the feature
    kept there is this one. So the model holds two arrays of floats and a byte array rather
    than thousands of strings, and a word it never saw rarely borrows another's weight (1 in
    256 of those that land on a kept place)."""
    return {zlib.crc32(feature.encode("utf-8")) & KEY_MASK for feature in found}


@dataclass
class RiskModel:
    """Per bucket of features: how much it says "risk" against "ordinary", and how much it
    says "body" against "mind", both log-odds; ``threshold`` is what a message with no Chinese
    must score to be offered help, ``zh_threshold`` one with Chinese (each set by
    cross-validation on the tuning halves, see ``bot.editorial.crisis_training``: Chinese
    ordinary messages score higher, and one threshold for both offered on a fifth of them)."""

    kind_prior: float = 0.0
    threshold: float = 0.0
    zh_threshold: float = 0.0
    # per feature key: (risk, body) weights; kept in the arrays only (a dict of them would
    # cost megabytes)
    weights: InitVar[dict[int, tuple[float, float]] | None] = None
    trained_on: str = ""  # fingerprint of the training messages
    _risk: array[float] = field(default_factory=lambda: array("f"), repr=False, compare=False)
    _body: array[float] = field(default_factory=lambda: array("f"), repr=False, compare=False)
    _check: bytearray = field(default_factory=bytearray, repr=False, compare=False)
    _kept: bytearray = field(default_factory=bytearray, repr=False, compare=False)

    def __post_init__(self, weights: dict[int, tuple[float, float]] | None) -> None:
        self._risk = array("f", [0.0]) * BUCKETS
        self._body = array("f", [0.0]) * BUCKETS
        self._check = bytearray(BUCKETS)
        self._kept = bytearray(BUCKETS)
        for key, (risk, body) in (weights or {}).items():
            self._keep(key, risk, body)

    def _keep(self, key: int, risk: float, body: float) -> None:
        place = key & (BUCKETS - 1)
        self._risk[place] = risk
        self._body[place] = body
        self._check[place] = key >> 16
        self._kept[place] = 1

    def evidence(self, found: Iterable[str]) -> tuple[float, float, int]:
        """(risk, body-over-mind) evidence of a message's features, in log-odds, and how many
        of them the model knows. The risk side has no prior (the training sets' share of
        crisis messages is far above a real chat's): a message with nothing the model knows
        scores 0 and is never offered help for it."""
        risk, body, known = 0.0, self.kind_prior, 0
        risk_of, body_of, check, kept = self._risk, self._body, self._check, self._kept
        for key in buckets(found):
            place = key & (BUCKETS - 1)
            if kept[place] and check[place] == key >> 16:
                known += 1
                risk += risk_of[place]
                body += body_of[place]
        return risk, body, known

    def size(self) -> int:
        """Features kept."""
        return sum(self._kept)

    def _judged(self, english: str, chinese: str) -> tuple[float, float] | None:
        """(risk, body) evidence of a message when the model knows enough of it to judge."""
        if not self.trained_on:
            return None
        risk, body, known = self.evidence(features(english, chinese))
        return (risk, body) if known >= MIN_KNOWN else None

    def judges_ordinary(self, english: str, chinese: str) -> bool:
        """Whether the model knows enough of a message to call it ordinary (no more evidence
        of risk than against it): what stands down an offer from a wide net of death words."""
        judged = self._judged(english, chinese)
        return judged is not None and judged[0] <= 0.0

    def offer(self, english: str, chinese: str) -> OfferKind | None:
        """The help to offer for a message nothing else recognised, or None."""
        judged = self._judged(english, chinese)
        if judged is None or judged[0] <= self.threshold_for(chinese):
            return None
        return "body" if judged[1] > 0 else "mind"

    def threshold_for(self, chinese: str) -> float:
        """The threshold for a message whose Chinese view is ``chinese`` (empty: none)."""
        return self.zh_threshold if chinese else self.threshold

    # -- storing ----------------------------------------------------------------------------

    def to_text(self) -> str:
        """One line of JSON (what it is), then a line per bucket with a weight: "bucket risk
        body". Read line by line, it never needs the megabytes a JSON map of it would."""
        head = {"format": FORMAT,
                "about": "Made by `python -m bot crisis-model` from the tuning halves in "
                         "content/crisis/measure and ordinary questions; do not edit by hand.",
                "trained_on": self.trained_on, "threshold": self.threshold,
                "zh_threshold": self.zh_threshold,
                "kind_prior": self.kind_prior, "buckets": BUCKETS}
        lines = [json.dumps(head, ensure_ascii=False)]
        for place in range(BUCKETS):
            if self._kept[place]:
                lines.append(f"{place} {self._check[place]} {_short(self._risk[place])} "
                             f"{_short(self._body[place])}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> RiskModel:
        lines = (line.rstrip("\n") for line in io.StringIO(text))  # no list of every line
        head = json.loads(next(lines, "{}"))
        if head.get("format") != FORMAT or head.get("buckets") != BUCKETS:
            raise ValueError(f"crisis model format {head.get('format')!r} with "
                             f"{head.get('buckets')!r} buckets, expected {FORMAT} with {BUCKETS}")
        model = cls(float(head["kind_prior"]), float(head["threshold"]),
                    float(head["zh_threshold"]), trained_on=str(head["trained_on"]))
        for number, line in enumerate(lines, start=2):
            parts = line.split()
            if len(parts) != 4:
                raise ValueError(f"line {number}: expected 'place check risk body'")
            place, check = int(parts[0]), int(parts[1])
            if not 0 <= place < BUCKETS or not 0 <= check < 256:
                raise ValueError(f"line {number}: place {place} or check {check} out of range")
            model._keep(place | check << 16, float(parts[2]), float(parts[3]))
        return model

    def same_as(self, other: RiskModel) -> bool:
        return (self.kind_prior, self.threshold, self.zh_threshold, self.trained_on) == (
            other.kind_prior, other.threshold, other.zh_threshold, other.trained_on) \
            and self._risk == other._risk and self._body == other._body \
            and self._check == other._check and self._kept == other._kept


def _short(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"


# -- learning ---------------------------------------------------------------------------------

def _log_odds(yes: int, no: int, yes_total: int, no_total: int) -> float:
    return math.log((yes + SMOOTHING) / (yes_total + 2 * SMOOTHING)) - math.log(
        (no + SMOOTHING) / (no_total + 2 * SMOOTHING))


def train(examples: Iterable[tuple[set[str], Example]], threshold: float = 0.0,
          trained_on: str = "", zh_threshold: float | None = None) -> RiskModel:
    """Naive Bayes over which feature buckets a message has (each counted once a message)."""
    risky: Counter[int] = Counter()
    ordinary: Counter[int] = Counter()
    body: Counter[int] = Counter()
    mind: Counter[int] = Counter()
    counts = Counter[str]()
    for found, example in examples:
        keys = buckets(found)
        if example.risk:
            counts["risk"] += 1
            risky.update(keys)
            if example.kind == "body":
                counts["body"] += 1
                body.update(keys)
            else:
                counts["mind"] += 1
                mind.update(keys)
        else:
            counts["ordinary"] += 1
            ordinary.update(keys)
    if not counts["risk"] or not counts["ordinary"]:
        raise ValueError("the model needs risky and ordinary messages to learn from")
    # one feature a place: the one in most messages (the others there are left out)
    chosen: dict[int, int] = {}
    # (a feature seen once still counts: dropping those lost recall on unseen writers)
    for key in sorted(risky.keys() | ordinary.keys()):
        place = key & (BUCKETS - 1)
        there = chosen.get(place)
        if there is None or risky[key] + ordinary[key] > risky[there] + ordinary[there]:
            chosen[place] = key
    weights: dict[int, tuple[float, float]] = {}
    for key in chosen.values():
        flag = _log_odds(risky[key], ordinary[key], counts["risk"], counts["ordinary"])
        kind = _log_odds(body[key], mind[key], counts["body"] or 1, counts["mind"] or 1)
        weights[key] = (round(flag, 3), round(kind, 3))
    kind_prior = math.log((counts["body"] or 1) / (counts["mind"] or 1))
    return RiskModel(round(kind_prior, 3), threshold,
                     threshold if zh_threshold is None else zh_threshold, weights,
                     trained_on or "untitled")
