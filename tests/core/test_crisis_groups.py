"""Named word groups and ``unless`` phrases in the editors' signal files: route phrases that
used to be regular expressions in code are now written as ``{not} breathing`` in YAML, and an
editor adds one without touching code (docs/crisis.md)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.conversation.crisis import CrisisMatch, assess, detect_crisis
from bot.conversation.crisis_rules import CrisisRules, load_crisis_rules
from bot.model.problems import ContentError
from tests.core.test_crisis_rules import write_rules

EN = """\
groups:
  not: [can't, cannot, isn't, is not, won't]
  adv: [really, even, seem to]
  who: [him, her, my mate]
signals:
  - name: not breathing
    answer: route
    kind: emergency
    source: C1
    phrases: ["{not} {adv*} breathe", "{not} wake {who}", unconscious]
  - name: won't wake up
    answer: route
    kind: emergency
    source: C1
    phrases: ["{not} {adv*} wake"]
    unless: ["i {not}", "wake up early"]
"""
ZH = """\
groups:
  neg: [不, 唔]
  gap: [好, 有啲, 都]
signals:
  - name: can't pee
    answer: route
    kind: urinary
    source: C1
    phrases: ["尿{gap*}{neg}出"]
"""


def write_files(root: Path, en: str = "", zh: str = "") -> Path:
    crisis_dir = write_rules(root)
    for lang, body in (("en", en), ("zh", zh)):
        if body:
            (crisis_dir / "signals" / f"{lang}.yaml").write_text(
                f"lang: {lang}\n" + textwrap.dedent(body), encoding="utf-8")
    return crisis_dir


def rules_from(tmp_path: Path, en: str = EN, zh: str = ZH) -> CrisisRules:
    return load_crisis_rules(write_files(tmp_path, en, zh))


def kind(text: str, rules: CrisisRules) -> str | None:
    found = detect_crisis(text, rules)
    return found.kind if found else None


def test_a_group_stands_for_each_of_its_entries(tmp_path: Path) -> None:
    rules = rules_from(tmp_path)
    assert kind("he can't breathe", rules) == "emergency"
    assert kind("she is not breathe", rules) == "emergency"  # "is not": an entry of two words
    assert kind("I can't wake my mate", rules) == "emergency"
    assert kind("I wake my mate at eight", rules) is None  # no {not}
    signal = next(s for s in rules.signals if s.lang == "en")
    assert "cant wake him" in {p.replace("'", "") for p in rules.written_out(signal)}


def test_a_filler_takes_up_to_three_entries_of_its_group_and_nothing_else(
        tmp_path: Path) -> None:
    rules = rules_from(tmp_path)
    assert kind("he can't really breathe", rules) == "emergency"
    assert kind("he can't really even seem to breathe", rules) == "emergency"
    assert kind("he can't really even really seem to breathe", rules) is None  # four
    assert kind("he can't sleep and I breathe", rules) is None  # "sleep and I" is not {adv}
    assert kind("尿好唔出", rules) == "urinary"
    assert kind("尿有啲都唔出", rules) == "urinary"
    assert kind("尿急唔出", rules) is None  # 急 is not in {gap}


def test_unless_stands_down_a_match_it_overlaps(tmp_path: Path) -> None:
    rules = rules_from(tmp_path)
    assert kind("he won't wake", rules) == "emergency"
    assert kind("i can't wake up in the mornings", rules) is None  # "i can't" overlaps
    assert kind("i can't wake him", rules) == "emergency"  # another phrase, not overlapped
    assert kind("i can't wake up and he won't wake", rules) == "emergency"  # a later place


def test_code_reads_negation_and_tense_for_route_phrases_from_yaml(tmp_path: Path) -> None:
    rules = rules_from(tmp_path)
    assert kind("he's unconscious", rules) == "emergency"
    assert kind("he's not unconscious", rules) is None  # absent: a negation right before
    assert kind("he's not unconscious, he isn't really breathe", rules) == "emergency"
    assert kind("he couldn't breathe last week, he's fine now", rules) is None  # no {not} entry
    assert kind("he can't breathe last week but he's fine now", rules) is None  # the past


def test_an_editor_adds_a_route_phrase_in_yaml_and_routing_changes(tmp_path: Path) -> None:
    message = "my mate has gone totally floppy"
    assert detect_crisis(message) is None  # shipped rules: not (yet) a route
    rules = rules_from(tmp_path, en=EN.replace("unconscious]", "unconscious, gone totally floppy]"))
    assert assess(message, rules) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize(("body", "line", "message"), [
    (EN.replace("{not} wake {who}", "{nope} wake {who}"), 11, "no group 'nope'"),
    (EN.replace("{adv*} breathe", "{advs*} breathe"), 11, "no group 'advs'"),
    (EN.replace("who: [him, her, my mate]", "who: []"), 5, "group 'who' is empty"),
    (EN.replace("Who: x", "").replace("adv: [really, even, seem to]", "Adv: [really]"), 4,
     "group name 'Adv'"),
    (EN.replace("who: [him, her, my mate]", "who: [him, '{not}']"), 5, "plain words"),
    (EN.replace('"i {not}", ', '"{nope} i", '), 17, "no group 'nope'"),
    (EN.replace('"{not} {adv*} wake"]', '"{adv*} wake"]'), 16, "on both sides"),
])
def test_a_bad_group_or_reference_is_refused_naming_file_and_line(
        tmp_path: Path, body: str, line: int, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_crisis_rules(write_files(tmp_path, en=body))
    problems = raised.value.problems
    assert all(p.file.endswith("/crisis/signals/en.yaml") for p in problems)
    assert (problems[0].line, message in problems[0].message) == (line, True), problems


def test_writing_out_groups_is_bounded(tmp_path: Path) -> None:
    """Chinese parts are written out whole (characters are cheap); past a bound, an error. An
    English part of several large groups is cut into parts side by side, so it stays small."""
    entries = ", ".join(f"字{i}" for i in range(50))
    body = f"groups:\n  a: [{entries}]\n" + ZH[ZH.index("signals:"):]
    body = body.replace('"尿{gap*}{neg}出"', '"{a}{a}{a}x"')
    with pytest.raises(ContentError) as raised:
        load_crisis_rules(write_files(tmp_path / "zh", en=EN, zh=body))
    assert "more than 2000 phrases" in raised.value.problems[0].message
    words = ", ".join(f"w{i}" for i in range(50))
    big = f"groups:\n  a: [{words}]\n" + EN[EN.index("  not:"):]
    rules = load_crisis_rules(write_files(tmp_path / "en",
                                          en=big.replace("unconscious]", '"{a} {a} {a} x"]')))
    assert len(rules.index.english.goto) < 400  # not 50 ** 3 paths
    assert kind("w1 w2 w3 x", rules) == "emergency"


def test_a_group_written_twice_is_refused_naming_its_line(tmp_path: Path) -> None:
    body = EN.replace("  adv: [really", "  not: [nope]\n  adv: [really")
    with pytest.raises(ContentError) as raised:
        load_crisis_rules(write_files(tmp_path, en=body))
    [problem] = raised.value.problems
    assert (problem.line, "'not' is written twice" in problem.message) == (4, True), problem


def test_an_unless_phrase_after_the_match_stands_it_down_and_a_later_place_still_counts(
        tmp_path: Path) -> None:
    """An unless: phrase may end after the match it overlaps (呼吸道 after 冇呼吸): the match is
    held until none can, so every place is judged, however many there are."""
    zh = ZH.replace('phrases: ["尿{gap*}{neg}出"]',
                    'phrases: ["尿{gap*}{neg}出"]\n  - name: breathing\n    answer: route\n'
                    '    kind: emergency\n    source: C1\n    phrases: ["冇呼吸"]\n'
                    '    unless: [呼吸道]')
    rules = rules_from(tmp_path, zh=zh)
    assert kind("佢冇呼吸", rules) == "emergency"
    assert kind("冇呼吸道" * 300, rules) is None
    assert kind("冇呼吸道" * 300 + "，佢冇呼吸", rules) == "emergency"
    assert kind("我冇冇呼吸", rules) is None  # a negation before the place: absent
