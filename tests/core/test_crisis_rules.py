"""The editors' crisis rules (content/crisis/): the phrase engine, loading errors with file and
line, the examples and pages `check` holds, and bounded work on any text."""

from __future__ import annotations

import dataclasses
import shutil
import textwrap
import time
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checking.check import check_partly
from bot.checking.crisis_check import check_crisis, example_problems, shadowed_problems
from bot.conversation import crisis
from bot.conversation import crisis_rules as crisis_rules_module
from bot.conversation.crisis import CrisisMatch, CrisisOffer, assess, detect_crisis
from bot.conversation.crisis_rules import (
    MORE_VARIANTS,
    SHIPPED_DIR,
    CrisisRules,
    load_crisis_rules,
    shipped_rules,
)
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.search.text import fold
from bot.model.problems import ContentError
from tests.conftest import ROOT

SOURCES = "C1: {title: A crisis line's warning signs, url: 'https://example.org/signs'}\n"
ANSWERS = """\
route: {emergency: emergency, suicide: mental_crisis, urinary: selfcheck_urgent}
offer: {mind: mental_crisis, body: emergency}
"""


def write_rules(root: Path, en: str = "", zh: str = "", examples: str = "route: []\n",
                answers: str = ANSWERS) -> Path:
    crisis_dir = root / "crisis"
    (crisis_dir / "signals").mkdir(parents=True)
    (crisis_dir / "answers.yaml").write_text(answers, encoding="utf-8")
    (crisis_dir / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (crisis_dir / "examples.yaml").write_text(examples, encoding="utf-8")
    for lang, body in (("en", en), ("zh", zh)):
        if body:
            (crisis_dir / "signals" / f"{lang}.yaml").write_text(
                f"lang: {lang}\nsignals:\n" + textwrap.indent(textwrap.dedent(body), "  "),
                encoding="utf-8")
    return crisis_dir


def rules_with(tmp_path: Path, en: str = "", zh: str = "") -> CrisisRules:
    return load_crisis_rules(write_rules(tmp_path, en, zh))


def offered(text: str, rules: CrisisRules) -> tuple[str, ...]:
    answer = assess(text, rules)
    return answer.kinds if isinstance(answer, CrisisOffer) else ()


MIND = """\
- name: test
  answer: offer
  kind: mind
  source: C1
  phrases: [{phrases}]
"""


def test_a_phrase_is_whole_words_and_ignores_apostrophes_and_case(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, en=MIND.format(phrases="can't go on, no point"))
    assert offered("I CANT GO ON, sorry", rules) == ("mind",)
    assert offered("there's no point", rules) == ("mind",)
    assert offered("no pointing at people", rules) == ()
    assert offered("i can go on", rules) == ()


def test_a_gap_takes_up_to_three_words_in_english_and_eight_characters_in_chinese(
        tmp_path: Path) -> None:
    rules = rules_with(tmp_path, en=MIND.format(phrases="how much .. would kill"),
                       zh=MIND.format(phrases="多少..会死"))
    assert offered("how much would kill", rules) == ("mind",)
    assert offered("how much ket and pills would kill", rules) == ("mind",)
    assert offered("how much ket and two pills would kill", rules) == ()
    assert offered("吸多少K会死", rules) == ("mind",)
    assert offered("多少一二三四五六七八会死", rules) == ("mind",)
    assert offered("多少一二三四五六七八九会死", rules) == ()
    assert offered("多少。会死", rules) == ()  # not across a sentence


def test_two_gaps_and_overlapping_parts_are_joined(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, en=MIND.format(phrases="saving .. ket .. one dose"))
    assert offered("saving saving my ket for one dose", rules) == ("mind",)
    assert offered("saving ket ket ket ket ket one dose", rules) == ("mind",)
    assert offered("one dose ket saving", rules) == ()


def test_a_plain_negation_right_before_a_phrase_stands_it_down(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, en=MIND.format(phrases="hopeless, no hope"),
                       zh=MIND.format(phrases="绝望, 冇希望"))
    assert offered("I feel hopeless", rules) == ("mind",)
    assert offered("I'm not hopeless", rules) == ()
    assert offered("I don't really feel hopeless", rules) == ()
    assert offered("there's no hope", rules) == ("mind",)  # the phrase is the negation
    assert offered("我好绝望", rules) == ("mind",)
    assert offered("我唔係絕望", rules) == ()
    assert offered("我冇絕望", rules) == ()
    assert offered("完全冇希望", rules) == ("mind",)


def test_phrases_are_written_once_for_both_scripts(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, zh=MIND.format(phrases="撐不下去"))
    assert offered("我撐不下去了", rules) == ("mind",)
    assert offered("我撑不下去了", rules) == ("mind",)


def test_a_general_question_stands_down_a_body_sign_marked_so(tmp_path: Path) -> None:
    body = """\
    - name: bleeding
      answer: offer
      kind: body
      source: C1
      in_questions: false
      phrases: [bleeding]
    """
    rules = rules_with(tmp_path, en=body)
    assert offered("my head is bleeding", rules) == ("body",)
    assert offered("can ket cause bleeding in your pee?", rules) == ()
    assert offered("can ket cause bleeding? my head is bleeding right now", rules) == ("body",)


def test_route_phrases_route_and_mind_comes_before_body(tmp_path: Path) -> None:
    signals = """\
    - name: jump
      answer: route
      kind: suicide
      source: C1
      phrases: [on the ledge]
    - name: stash
      answer: offer
      kind: mind
      source: C1
      phrases: [stockpiling]
    - name: pills
      answer: offer
      kind: body
      source: C1
      phrases: [sleeping pills]
    """
    rules = rules_with(tmp_path, en=signals)
    assert assess("I'm on the ledge", rules) == CrisisMatch("suicide", "mental_crisis")
    answer = assess("I've been stockpiling sleeping pills", rules)
    assert answer == CrisisOffer(("mind", "body"), ("mental_crisis", "emergency"))


@pytest.mark.parametrize(("body", "message"), [
    ("- {name: x, answer: offer, kind: mind, source: C9, phrases: [a b]}\n", "source 'C9'"),
    ("- {name: x, answer: maybe, kind: mind, source: C1, phrases: [a b]}\n", "answer:"),
    ("- {name: x, answer: offer, kind: suicide, source: C1, phrases: [a b]}\n", "kind:"),
    ("- {name: x, answer: offer, kind: mind, source: C1, phrases: []}\n", "phrases:"),
    ("- {name: x, answer: offer, kind: mind, source: C1, phrases: ['.. a']}\n", "'..' gap"),
    ("- {name: x, answer: offer, kind: mind, source: C1, phrases: ['a*b']}\n", "plain words"),
    ("- {name: x, answer: offer, kind: mind, source: C1, phrases: [a .. b .. c .. d]}\n",
     "at most 2 gaps"),
    ("- {name: x, answer: offer, kind: mind, source: C1, weighed: yes please, phrases: [a]}\n",
     "weighed: must be true or false"),
    ("- {name: x, answer: route, kind: suicide, source: C1, weighed: true, phrases: [a]}\n",
     "only an offer can be weighed"),
    ("- {name: x, answer: offer, kind: body, source: C1, adds_up: 2, phrases: [a]}\n",
     "adds_up: must be true, false or 'with others'"),
    ("- {name: x, answer: offer, kind: mind, source: C1, adds_up: true, phrases: [a]}\n",
     "only a body offer adds up"),
])
def test_a_bad_signal_is_refused_with_its_file_line_and_what_to_fix(
        tmp_path: Path, body: str, message: str) -> None:
    crisis_dir = write_rules(tmp_path, en="- {name: fine, answer: offer, kind: mind, "
                                          "source: C1, phrases: [ok]}\n" + body)
    with pytest.raises(ContentError) as raised:
        load_crisis_rules(crisis_dir)
    [problem] = raised.value.problems
    assert problem.file.endswith("/crisis/signals/en.yaml")
    assert problem.line == 4
    assert message in problem.message


def test_an_unknown_kind_or_a_missing_page_id_in_answers_is_refused(tmp_path: Path) -> None:
    crisis_dir = write_rules(tmp_path, answers="route: {emergency: emergency, suicide: x, "
                                               "urinary: y, panic: z}\noffer: {mind: x}\n")
    problems = load_crisis_rules(crisis_dir, strict=False).problems
    messages = " | ".join(problem.message for problem in problems)
    assert "unknown kind 'panic'" in messages
    assert "'offer: body:' needs a page id" in messages


@pytest.fixture(scope="module")
def shipped_builder() -> ScreenBuilder:
    return ScreenBuilder.load(ROOT / "content", ROOT / "locales", drafts=True)


def copy_of_shipped_rules(tmp_path: Path) -> Path:
    target = tmp_path / "content" / "crisis"
    shutil.copytree(SHIPPED_DIR, target, ignore=shutil.ignore_patterns("measure"))
    return target


def test_the_shipped_rules_pass_check(shipped_builder: ScreenBuilder) -> None:
    assert check_crisis(shipped_builder, SHIPPED_DIR) == []
    assert len(shipped_rules().examples) >= 40


def test_check_refuses_a_crisis_page_that_is_missing_or_shows_no_number(
        tmp_path: Path, shipped_builder: ScreenBuilder) -> None:
    """Issue #22: deleting mental_crisis sent suicidal messages to the emergency page while
    check passed. Now the page a kind opens must exist and head itself with the numbers."""
    crisis_dir = copy_of_shipped_rules(tmp_path)
    answers = crisis_dir / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8")
                       .replace("suicide: mental_crisis", "suicide: gone_page")
                       .replace("mind: mental_crisis", "mind: what"), encoding="utf-8")
    messages = [p.message for p in check_crisis(shipped_builder, crisis_dir)]
    assert any("'route: suicide' opens page 'gone_page', which does not exist" in m
               for m in messages)
    assert any("'offer: mind' opens page 'what', which does not show" in m for m in messages)


def test_check_refuses_a_draft_crisis_page(tmp_path: Path,
                                           shipped_builder: ScreenBuilder) -> None:
    content = shipped_builder.content
    draft = content.pages["mental_crisis"].model_copy(update={"status": "draft"})
    pages = {**content.pages, "mental_crisis": draft}
    builder = ScreenBuilder(dataclasses.replace(content, pages=pages), shipped_builder.ui)
    messages = [p.message for p in check_crisis(builder, SHIPPED_DIR)]
    assert any("'mental_crisis', which is a draft" in m for m in messages)


def test_check_runs_every_example_and_names_the_failing_line(tmp_path: Path) -> None:
    crisis_dir = write_rules(tmp_path, en=MIND.format(phrases="hopeless"), examples=(
        "offer:\n  - {text: I feel hopeless, kind: mind, source: C1}\n"
        "  - {text: I feel trapped, kind: mind, source: C1}\n"
        "none:\n  - {text: a hopeless case of the giggles, source: C1}\n"))
    problems = example_problems(load_crisis_rules(crisis_dir))
    assert [p.line for p in problems] == [3, 5]
    assert all(p.file.endswith("/crisis/examples.yaml") for p in problems)
    assert "must get offer (mind) but gets none" in problems[0].message


def test_check_warns_of_a_phrase_an_everyday_phrase_masks_away(tmp_path: Path) -> None:
    """一睡不醒 under the everyday 睡不醒 could never match (eleventh session): check says so,
    with the signal's file and line; a phrase the everyday list leaves whole is not named."""
    crisis_dir = write_rules(tmp_path, zh=MIND.format(phrases="一睡不醒, 不想活"))
    path = crisis_dir / "signals" / "zh.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "ordinary: [睡不醒]\n", encoding="utf-8")
    rules = load_crisis_rules(crisis_dir)
    [problem] = shadowed_problems(rules)
    assert problem.file.endswith("/crisis/signals/zh.yaml") and problem.line == 3
    assert "'一睡不醒'" in problem.message and "can never match" in problem.message
    assert problem.severity == "warning"


def test_no_shipped_phrase_is_masked_away() -> None:
    assert shadowed_problems(shipped_rules()) == []


def test_check_says_when_the_crisis_rules_are_gone(tmp_path: Path,
                                                   shipped_builder: ScreenBuilder) -> None:
    [problem] = check_crisis(shipped_builder, tmp_path / "content" / "crisis")
    assert "restore content/crisis/" in problem.message


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw", "s2twp"])
def test_every_phrase_character_written_in_traditional_folds_back(config: str) -> None:
    """A Traditional character that search's fold leaves alone (買, 棄) would hide a phrase:
    each needs its place in MORE_VARIANTS."""
    converter = opencc.OpenCC(config)
    rules = shipped_rules()
    phrases = [phrase for signal in rules.signals if signal.lang == "zh"
               for phrase in signal.phrases]
    phrases += ["".join(parts) for parts in rules.ordinary.chinese]  # everyday phrases too
    characters = sorted({char for phrase in phrases
                         for char in fold(phrase).translate(MORE_VARIANTS)
                         if "\u3400" <= char <= "\u9fff"})
    assert len(characters) > 300
    wrong = {char: converter.convert(char) for char in characters
             if crisis._views(converter.convert(char))[1] != char}
    assert wrong == {}


def test_offers_never_open_the_flood_gate() -> None:
    """Flood control lets routes through; an offer is a search answer and waits its turn, so
    an offer can never weaken the route check (it is the same check, run first)."""
    assert isinstance(assess("I feel hopeless"), CrisisOffer)
    assert detect_crisis("I feel hopeless") is None
    assert detect_crisis("my friend isn't breathing") == assess("my friend isn't breathing")


ZW = "\u200b"


def test_zero_width_characters_hide_nothing() -> None:
    assert detect_crisis(f"he's not bre{ZW}athing") == CrisisMatch("emergency", "emergency")
    assert isinstance(assess(f"撐{ZW}不{ZW}下去"), CrisisOffer)


WORDS = ["how", "much", "would", "kill", "no", "not", "point", "burden", "better", "off",
         "without", "me", "ket", "saving", "for", "one", "big", "dose", "撑", "不", "下去", "多少",
         "会", "死", "冇", "咗", "我", "好", "。", "k", ZW, " ", "'"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.integers(1, 400))
def test_phrase_work_stays_a_small_multiple_of_the_length(pieces: list[str],
                                                          times: int) -> None:
    """Repeated half-matching words, mixed scripts, zero-width characters: the automaton's
    failure steps and chain updates stay within (fan-out + 2) per symbol, so a 4,096-character
    message costs a bounded amount of work."""
    text = (" ".join(pieces) * times)[:4096]
    english, chinese = crisis._views(text)
    index = shipped_rules().index
    words = english.replace("'", "").split()
    list(index.english_hits(words))
    assert index.english.last_work <= (index.english.fan_out() + 2) * max(len(words), 1)
    list(index.chinese_hits(chinese))
    assert index.chinese.last_work <= (index.chinese.fan_out() + 2) * max(len(chinese), 1)
    assert index.english.fan_out() <= 20 and index.chinese.fan_out() <= 30


_STARTS_ONLY = ["脸色", "嘴唇", "脉搏", "心跳", "脸", "面", "唇"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_STARTS_ONLY), min_size=1, max_size=6), st.integers(0, 2**16))
def test_chain_starts_with_nothing_to_follow_them_keep_no_ends(fragments: list[str],
                                                                 seed: int) -> None:
    """A hostile mix of phrase beginnings (脸色, 脉搏...) with none of what may follow them
    (青, 冇, 快...) anywhere in the message: no chain end is kept and no follower woken, so
    each symbol costs a look-up, not an update per chain it could start (4,096 characters of
    脉无面青 / 脉没抽搐 / 冇脉冲 / 蓝见面 took 10 ms before)."""
    import random

    rng = random.Random(seed)
    text = "".join(rng.choice(fragments) for _ in range(2_100))[:4096]
    index = shipped_rules().index
    hits = list(index.chinese_hits(crisis._views(text)[1]))
    assert index.chinese.last_kept == 0
    assert index.chinese.last_work <= len(text) * 2
    assert all(hit.signal.answer == "offer" for hit in hits)  # 脸色 alone is no route


def test_check_of_a_content_tree_runs_its_crisis_rules(tmp_path: Path) -> None:
    """`python -m bot check` (check_partly) refuses content whose crisis example fails or whose
    crisis page is gone, naming the file and line."""
    shutil.copytree(ROOT / "content", tmp_path / "content",
                    ignore=shutil.ignore_patterns("measure"))
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    examples = tmp_path / "content" / "crisis" / "examples.yaml"
    examples.write_text(examples.read_text(encoding="utf-8").replace(
        "none:\n", "none:\n  - {text: I want to kill myself, source: C1}\n"), encoding="utf-8")
    load_problems, report = check_partly(tmp_path / "content", tmp_path / "locales")
    assert load_problems == []
    assert report is not None
    failing = [p for p in report.errors if "I want to kill myself" in p.message]
    assert [p.file for p in failing] == ["content/crisis/examples.yaml"]
    assert "must get none but gets route (suicide)" in failing[0].message


def test_the_benchmarks_adversarial_messages_take_little_cpu() -> None:
    """Timing on a shared machine says little; this only catches a blow-up (the benchmark
    itself reports the worst time against the 5 ms target)."""
    from tests.test_benchmarks import load_script

    for text in load_script("bench_crisis").messages().values():
        started = time.process_time()
        assess(text)
        assert time.process_time() - started < 0.25


def test_a_phrase_and_a_longer_one_that_goes_on_from_it_are_both_found(tmp_path: Path) -> None:
    signals = """\
    - name: short
      answer: offer
      kind: body
      source: C1
      phrases: [took .. pills]
    - name: long
      answer: offer
      kind: mind
      source: C1
      phrases: [took .. pills .. with ket, saving]
    """
    rules = rules_with(tmp_path, en=signals)
    assert offered("took my pills", rules) == ("body",)
    assert offered("took my pills, took my pills with ket", rules) == ("mind", "body")
    assert offered("saving saving", rules) == ("mind",)


def test_check_reports_broken_shipped_crisis_rules_instead_of_crashing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor who breaks content/crisis/ in the repository itself and runs `check` gets
    the file, the line and what to fix, not a traceback."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copytree(ROOT / "locales", site / "locales")
    signals = site / "content" / "crisis" / "signals" / "en.yaml"
    signals.write_text(signals.read_text(encoding="utf-8")
                       + "  - {name: x, answer: offer, kind: mind, source: C1, phrases: [999]}\n",
                       encoding="utf-8")
    monkeypatch.setattr(crisis_rules_module, "SHIPPED_DIR", site / "content" / "crisis")
    shipped_rules.cache_clear()
    try:
        problems, report = check_partly(site / "content", site / "locales")
    finally:
        shipped_rules.cache_clear()
    assert report is not None
    problems = problems + report.problems
    assert any(p.file.endswith("crisis/signals/en.yaml") and "phrases:" in p.message
               for p in problems), problems


def test_two_body_signs_that_add_up_route_and_everyday_ones_do_not(tmp_path: Path) -> None:
    signals = """
    - name: colour
      answer: offer
      kind: body
      source: C1
      phrases: [gone grey]
    - name: pulse
      answer: offer
      kind: body
      source: C1
      phrases: [weak pulse]
    - name: everyday
      answer: offer
      kind: body
      source: C1
      adds_up: false
      phrases: [clammy]
    """
    rules = rules_with(tmp_path, en=signals)
    body = CrisisOffer(("body",), ("emergency",))
    assert assess("hes gone grey and has a weak pulse", rules) == CrisisMatch("emergency",
                                                                           "emergency")
    assert assess("hes gone grey", rules) == body
    assert assess("hes gone grey and clammy", rules) == body
    # the same signs in a question asked ahead, or in the past, are not a route
    assert assess("what if someone has gone grey with a weak pulse", rules) != CrisisMatch(
        "emergency", "emergency")
    assert assess("last year my mate had gone grey with a weak pulse", rules) != CrisisMatch(
        "emergency", "emergency")


@pytest.mark.parametrize("text", [
    "my mate collapsed after a few bumps, how do i lay him on his side",
    "she passed out but shes breathing, should i put her in the recovery position",
    "朋友K完晕倒了 还有呼吸 怎么让他侧躺",
    "佢暈低咗 仲有呼吸 點樣擺佢側瞓",
    # eleventh session
    "my flatmate passed out but is breathing, which way do i lie her",
    "he collapsed after k and vodka, still breathing, what position should he be in",
])
def test_an_emergency_asking_how_to_lay_someone_down_opens_the_recovery_position(
        text: str) -> None:
    """Eighth session: the recovery position page answers "how do i lay him on his side" and
    shows the numbers too; before, the emergency page opened, a tap away from it."""
    assert assess(text) == CrisisMatch("emergency", "emergency_recovery")


@pytest.mark.parametrize("text", ["my friend isn't breathing", "他晕倒了 怎么办",
                                  "he's lying on his side and not breathing"])
def test_other_emergencies_still_open_the_emergency_page(text: str) -> None:
    assert assess(text) == CrisisMatch(
        "emergency", "emergency_recovery" if "side" in text else "emergency")


def test_without_a_recovery_page_the_emergency_page_opens(tmp_path: Path) -> None:
    rules = load_crisis_rules(write_rules(
        tmp_path, en="- {name: out, answer: route, kind: emergency, source: C1, "
                     "phrases: [passed out]}\n"))
    assert "recovery" not in rules.route_pages
    assert assess("he passed out, how do i put him on his side", rules) == CrisisMatch(
        "emergency", "emergency")


def test_a_recovery_page_in_answers_is_optional_but_needs_a_page_id(tmp_path: Path) -> None:
    crisis_dir = write_rules(tmp_path, answers=ANSWERS.replace(
        "urinary: selfcheck_urgent}", "urinary: selfcheck_urgent, recovery: ''}"))
    messages = [p.message for p in load_crisis_rules(crisis_dir, strict=False).problems]
    assert "'route: recovery:' needs a page id" in messages


def test_check_refuses_a_recovery_page_that_does_not_exist(
        tmp_path: Path, shipped_builder: ScreenBuilder) -> None:
    crisis_dir = copy_of_shipped_rules(tmp_path)
    answers = crisis_dir / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8")
                       .replace("recovery: emergency_recovery", "recovery: gone_page"),
                       encoding="utf-8")
    messages = [p.message for p in check_crisis(shipped_builder, crisis_dir)]
    assert any("'route: recovery' opens page 'gone_page', which does not exist" in m
               for m in messages)
