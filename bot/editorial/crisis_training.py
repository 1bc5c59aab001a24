"""Making the crisis risk model (``bot.conversation.crisis_model``): what it learns from, the
threshold it offers help at, and how well it does on writers it never saw.

It learns from what was written by others and may be tuned on, nothing held out (a message
that is also in a held-out half is left out wherever it comes from):
- every *tuning* half in ``content/crisis/measure`` (crisis messages and tricky ordinary ones),
- the examples in ``content/crisis/examples.yaml``,
- the tuning halves of the question sets (``tests/data/real_questions.yaml`` and
  ``written_questions.yaml``): what people ask about ketamine, as ordinary messages (less those
  a crisis page of ``crisis/answers.yaml`` answers).

The thresholds are set by cross-validation on those alone: each blind set's tuning half is left
out in turn (a writer the model never saw), with a fifth of the questions; for messages with
Chinese and for those without, the threshold is the lowest on a grid at which at most
MAX_ORDINARY_OFFERED of the left-out ordinary messages and questions of that script that the
phrase lists and code leave to the model (``crisis.left_to_the_model``: the only ones it ever
reads) are offered help. One threshold for both was set by the English ones, which score lower:
it offered help on 10% of the Chinese ones it read. ``python -m bot crisis-model`` prints
those figures and writes ``content/crisis/model.txt``; ``--check`` only says whether the shipped
one is up to date.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.conversation.crisis import left_to_the_model, read_views
from bot.conversation.crisis_model import (
    MIN_KNOWN,
    Example,
    OfferKind,
    RiskModel,
    Script,
    features,
    train,
)
from bot.conversation.crisis_rules import load_crisis_rules

ROOT = Path(__file__).resolve().parents[2]
QUESTION_SETS = ("real_questions.yaml", "written_questions.yaml")
MAX_ORDINARY_OFFERED = 0.10
GRID = tuple(step / 2 for step in range(0, 17))  # 0.0 to 8.0
QUESTION_FOLDS = 5
BODY_KINDS = frozenset({"emergency", "urinary", "body"})
SCRIPTS: tuple[Script, ...] = ("en", "zh")


def script_of(chinese_view: str) -> Script:
    """As the model judges a message: one with a Chinese view is "zh" (RiskModel.threshold_for)."""
    return "zh" if chinese_view else "en"


@dataclass(frozen=True)
class Named:
    """A training message and which group it came from (a blind set, the questions...)."""

    example: Example
    group: str


def _kind(kind: str | None) -> OfferKind:
    return "body" if kind in BODY_KINDS else "mind"


def training_messages(content_dir: Path, questions_dir: Path | None = None) -> list[Named]:
    measure = content_dir / "crisis" / "measure"
    # A message also in a held-out half (an example quoting the issue, as a blind writer
    # may have too) is left out: nothing held out is learnt from.
    held_out = {row["text"] for path in measure.glob("*heldout.yaml")
                for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []}
    found: list[Named] = []
    for path in sorted(measure.glob("*tuning.yaml")):
        group = path.stem.removesuffix("_tuning") if path.stem != "tuning" else "own"
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            risk = row["expect"] != "none"
            if row["text"] in held_out:  # two writers wrote the same words ("I can't take it")
                continue
            found.append(Named(Example(row["text"], risk,
                                       _kind(row.get("kind")) if risk else None), group))
    examples = yaml.safe_load((content_dir / "crisis" / "examples.yaml").read_text(
        encoding="utf-8"))
    for answer, rows in examples.items():
        for row in rows or []:
            risk = answer in ("route", "offer")
            if row["text"] in held_out:
                continue
            found.append(Named(Example(row["text"], risk,
                                       _kind(row.get("kind")) if risk else None), "examples"))
    # A question a crisis page answers ("my friend has suicidal thoughts, what do I do?") is
    # not an ordinary message: it teaches the model nothing about everyday talk.
    answers = yaml.safe_load((content_dir / "crisis" / "answers.yaml").read_text(
        encoding="utf-8"))
    crisis_pages = {page for pages in answers.values() for page in pages.values()}
    questions = questions_dir or ROOT / "tests" / "data"
    for name in QUESTION_SETS:
        path = questions / name
        if not path.is_file():
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            if item["half"] == "tune" and item["q"] not in held_out \
                    and crisis_pages.isdisjoint(item.get("pages") or ()):
                found.append(Named(Example(item["q"], False), "questions"))
    return found


def fingerprint(messages: list[Named]) -> str:
    rows = sorted((m.example.text, m.example.risk, m.example.kind or "") for m in messages)
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass
class Figures:
    """Left-out messages offered help at one threshold, by kind of message."""

    crisis: int = 0
    crisis_offered: int = 0
    ordinary: int = 0
    ordinary_offered: int = 0
    questions: int = 0
    questions_offered: int = 0

    def line(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({part / whole:.0%})" if whole else "-"
        return (f"crisis offered {share(self.crisis_offered, self.crisis)}, tricky ordinary "
                f"{share(self.ordinary_offered, self.ordinary)}, questions "
                f"{share(self.questions_offered, self.questions)}")


def cross_validate(messages: list[Named], read: dict[str, set[str]],
                   silent: set[str] | None = None, scripts: dict[str, Script] | None = None,
                   ) -> dict[Script, dict[float, Figures]]:
    """Each blind set left out in turn, with a fifth of the questions; the model alone; per
    script. ``read``: each message's features; ``silent``: the messages no phrase or code has
    a say on, the only ones the model ever reads (``crisis.left_to_the_model``; all when None);
    ``scripts``: each message's script (read with the shipped rules when None)."""
    blind = sorted({m.group for m in messages if m.group.startswith("blind")})
    questions = [m for m in messages if m.group == "questions"]
    figures = {script: {threshold: Figures() for threshold in GRID} for script in SCRIPTS}
    if scripts is None:
        scripts = {m.example.text: script_of(read_views(m.example.text)[1]) for m in messages}
    for turn in range(max(len(blind), QUESTION_FOLDS)):
        left_set = blind[turn] if turn < len(blind) else None
        left_questions = {id(m) for i, m in enumerate(questions)
                          if i % QUESTION_FOLDS == turn % QUESTION_FOLDS} \
            if turn < QUESTION_FOLDS else set()
        test = [m for m in messages if (m.group == left_set or id(m) in left_questions)
                and (silent is None or m.example.text in silent)]
        kept = [m for m in messages if m.group != left_set and id(m) not in left_questions]
        model = train((read[m.example.text], m.example) for m in kept)
        for m in test:
            risk, _body, known = model.evidence(read[m.example.text])
            for threshold, got in figures[scripts[m.example.text]].items():
                offered = known >= MIN_KNOWN and risk > threshold
                if m.group == "questions":
                    got.questions += 1
                    got.questions_offered += offered
                elif m.example.risk:
                    got.crisis += 1
                    got.crisis_offered += offered
                else:
                    got.ordinary += 1
                    got.ordinary_offered += offered
    return figures


def choose_threshold(figures: dict[float, Figures]) -> float:
    """For one script: the lowest threshold that keeps left-out ordinary offers within the cap."""
    for threshold in GRID:
        got = figures[threshold]
        ordinary = got.ordinary + got.questions
        if ordinary and (got.ordinary_offered + got.questions_offered) \
                <= MAX_ORDINARY_OFFERED * ordinary:
            return threshold
    return GRID[-1]


def build(content_dir: Path, questions_dir: Path | None = None,
          ) -> tuple[RiskModel, dict[Script, dict[float, Figures]]]:
    rules = load_crisis_rules(content_dir / "crisis", strict=False)
    messages = training_messages(content_dir, questions_dir)
    # each message's two views read once: its features (used 10x) and its script come from them
    views = {m.example.text: read_views(m.example.text, rules) for m in messages}
    found = {text: features(*view) for text, view in views.items()}
    scripts = {text: script_of(view[1]) for text, view in views.items()}
    # The threshold is set on what the model is asked: messages the phrase lists and code
    # leave to it. Judged on every message, it paid for ordinary messages the phrase lists
    # already answer or stand down, and rose with each set of tricky ones (4th session).
    silent = {m.example.text for m in messages if left_to_the_model(m.example.text, rules)}
    figures = cross_validate(messages, found, silent, scripts)
    model = train(((found[m.example.text], m.example) for m in messages),
                  choose_threshold(figures["en"]), fingerprint(messages),
                  zh_threshold=choose_threshold(figures["zh"]))
    return model, figures


def is_current(model: RiskModel, content_dir: Path, questions_dir: Path | None = None) -> bool:
    """Whether ``model`` was made from the messages in ``content_dir`` now."""
    return model.trained_on == fingerprint(training_messages(content_dir, questions_dir))
