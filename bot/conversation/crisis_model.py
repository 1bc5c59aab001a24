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
``check`` warns when they are stale. Reading is linear in the message and capped (MODEL_WORDS,
MODEL_CHARS): a chat message says what it is about early on.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

OfferKind = Literal["mind", "body"]

MODEL_WORDS = 120  # English words read
MODEL_CHARS = 600  # Chinese characters read
SMOOTHING = 0.5  # added to every count (Lidstone): a feature seen once is weak evidence
MIN_COUNT = 1  # a feature seen once still counts: dropping those lost recall on unseen writers
FORMAT = 2
BUCKETS = 1 << 16  # features are hashed into this many weights: no strings kept in memory
EVERYDAY = "_"  # crisis_rules.MASK: what an everyday phrase becomes in the views


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def features(english: str, chinese: str) -> set[str]:
    """What the model reads of a message's two views (see ``crisis._views``): English words and
    pairs of words, Chinese characters and pairs of characters (other characters split runs)."""
    found: set[str] = set()
    words = english.replace("'", "").split()[:MODEL_WORDS]
    found.update(words)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    if EVERYDAY in english or EVERYDAY in chinese[:MODEL_CHARS]:
        found.add(EVERYDAY)  # an everyday phrase (笑死, "killing time") was masked: it says a lot
    previous = ""
    for char in chinese[:MODEL_CHARS]:
        if _is_cjk(char):
            found.add(char)
            if previous:
                found.add(previous + char)
            previous = char
        else:
            previous = ""
    return found


@dataclass(frozen=True)
class Example:
    text: str
    risk: bool
    kind: OfferKind | None = None  # for a risky message: which help its first button opens


def buckets(found: Iterable[str]) -> set[int]:
    """Where each feature's weights are kept: a stable hash (CRC-32, the same in every
    process), so the model holds two arrays of floats rather than thousands of strings.
    Features that share a bucket are learnt together, as one."""
    return {zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1) for feature in found}


@dataclass
class RiskModel:
    """Per bucket of features: how much it says "risk" against "ordinary", and how much it
    says "body" against "mind", both log-odds; ``threshold`` is what a message must score to
    be offered help (set by cross-validation on the tuning halves, see
    ``bot.editorial.crisis_training``)."""

    prior: float = 0.0
    kind_prior: float = 0.0
    threshold: float = 0.0
    weights: dict[int, tuple[float, float]] = field(default_factory=dict)
    trained_on: str = ""  # fingerprint of the training messages
    _risk: array[float] = field(default_factory=lambda: array("f"), repr=False, compare=False)
    _body: array[float] = field(default_factory=lambda: array("f"), repr=False, compare=False)

    def __post_init__(self) -> None:
        self._risk = array("f", [0.0]) * BUCKETS
        self._body = array("f", [0.0]) * BUCKETS
        for bucket, (risk, body) in self.weights.items():
            self._risk[bucket] = risk
            self._body[bucket] = body
        self.weights = {}  # kept in the arrays only: a dict of them would cost megabytes

    def score(self, found: Iterable[str]) -> tuple[float, float]:
        """(risk, body-over-mind) log-odds for a message's features."""
        risk, body = self.prior, self.kind_prior
        risk_of, body_of = self._risk, self._body
        for bucket in buckets(found):
            risk += risk_of[bucket]
            body += body_of[bucket]
        return risk, body

    def size(self) -> int:
        """Buckets with a weight."""
        return sum(1 for value in self._risk if value) or sum(1 for value in self._body if value)

    def offer(self, english: str, chinese: str) -> OfferKind | None:
        """The help to offer for a message nothing else recognised, or None."""
        if not self.trained_on:
            return None
        risk, body = self.score(features(english, chinese))
        if risk <= self.threshold:
            return None
        return "body" if body > 0 else "mind"

    # -- storing ----------------------------------------------------------------------------

    def to_text(self) -> str:
        """One line of JSON (what it is), then a line per bucket with a weight: "bucket risk
        body". Read line by line, it never needs the megabytes a JSON map of it would."""
        head = {"format": FORMAT,
                "about": "Made by `python -m bot crisis-model` from the tuning halves in "
                         "content/crisis/measure and ordinary questions; do not edit by hand.",
                "trained_on": self.trained_on, "threshold": self.threshold,
                "prior": self.prior, "kind_prior": self.kind_prior, "buckets": BUCKETS}
        lines = [json.dumps(head, ensure_ascii=False)]
        for bucket in range(BUCKETS):
            risk, body = self._risk[bucket], self._body[bucket]
            if risk or body:
                lines.append(f"{bucket} {_short(risk)} {_short(body)}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> RiskModel:
        lines = (line.rstrip("\n") for line in io.StringIO(text))  # no list of every line
        head = json.loads(next(lines, "{}"))
        if head.get("format") != FORMAT or head.get("buckets") != BUCKETS:
            raise ValueError(f"crisis model format {head.get('format')!r} with "
                             f"{head.get('buckets')!r} buckets, expected {FORMAT} with {BUCKETS}")
        model = cls(float(head["prior"]), float(head["kind_prior"]), float(head["threshold"]),
                    {}, str(head["trained_on"]))
        for number, line in enumerate(lines, start=2):
            parts = line.split()
            if len(parts) != 3:
                raise ValueError(f"line {number}: expected 'bucket risk body'")
            bucket = int(parts[0])
            if not 0 <= bucket < BUCKETS:
                raise ValueError(f"line {number}: bucket {bucket} out of range")
            model._risk[bucket] = float(parts[1])
            model._body[bucket] = float(parts[2])
        return model

    def same_as(self, other: RiskModel) -> bool:
        return (self.prior, self.kind_prior, self.threshold, self.trained_on) == (
            other.prior, other.kind_prior, other.threshold, other.trained_on) \
            and self._risk == other._risk and self._body == other._body


def _short(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"


def load_model(path: Path) -> RiskModel | None:
    """The model at ``path``; None when there is none (the phrase lists still answer)."""
    if not path.is_file():
        return None
    return RiskModel.from_text(path.read_text(encoding="utf-8"))


# -- learning ---------------------------------------------------------------------------------

def _log_odds(yes: int, no: int, yes_total: int, no_total: int) -> float:
    return math.log((yes + SMOOTHING) / (yes_total + 2 * SMOOTHING)) - math.log(
        (no + SMOOTHING) / (no_total + 2 * SMOOTHING))


def train(examples: Iterable[tuple[set[str], Example]], threshold: float = 0.0,
          trained_on: str = "") -> RiskModel:
    """Naive Bayes over which feature buckets a message has (each counted once a message)."""
    risky: Counter[int] = Counter()
    ordinary: Counter[int] = Counter()
    body: Counter[int] = Counter()
    mind: Counter[int] = Counter()
    counts = Counter[str]()
    for found, example in examples:
        held = buckets(found)
        if example.risk:
            counts["risk"] += 1
            risky.update(held)
            if example.kind == "body":
                counts["body"] += 1
                body.update(held)
            else:
                counts["mind"] += 1
                mind.update(held)
        else:
            counts["ordinary"] += 1
            ordinary.update(held)
    if not counts["risk"] or not counts["ordinary"]:
        raise ValueError("the model needs risky and ordinary messages to learn from")
    weights: dict[int, tuple[float, float]] = {}
    for bucket in risky.keys() | ordinary.keys():
        if risky[bucket] + ordinary[bucket] < MIN_COUNT:
            continue
        flag = _log_odds(risky[bucket], ordinary[bucket], counts["risk"], counts["ordinary"])
        kind = _log_odds(body[bucket], mind[bucket], counts["body"] or 1, counts["mind"] or 1)
        weights[bucket] = (round(flag, 3), round(kind, 3))
    prior = math.log(counts["risk"] / counts["ordinary"])
    kind_prior = math.log((counts["body"] or 1) / (counts["mind"] or 1))
    return RiskModel(round(prior, 3), round(kind_prior, 3), threshold, weights,
                     trained_on or "untitled")


def folds(items: list[Example], count: int) -> Iterator[tuple[list[Example], list[Example]]]:
    """``count`` (train, test) splits, every ``count``-th item tested once."""
    for fold in range(count):
        yield ([item for i, item in enumerate(items) if i % count != fold],
               [item for i, item in enumerate(items) if i % count == fold])
