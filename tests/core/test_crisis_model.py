"""The crisis risk model (bot/conversation/crisis_model.py): what it reads, that it only ever
offers, that it never overrules the editors' stand-downs, and that the shipped weights are the
ones the training command makes from the content as it is."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checking.check import check_partly
from bot.conversation.crisis import (
    CrisisOffer,
    assess,
    detect_crisis,
    left_to_the_model,
    read_views,
)
from bot.conversation.crisis_model import (
    EN_FEATURES,
    EVERYDAY,
    MIN_KNOWN,
    ZH_FEATURES,
    Example,
    RiskModel,
    buckets,
    features,
    train,
)
from bot.conversation.crisis_rules import MASK, CrisisRules, shipped_rules
from bot.editorial.crisis_training import (
    GRID,
    Figures,
    build,
    choose_threshold,
    cross_validate,
    is_current,
    training_messages,
)

ROOT = Path(__file__).resolve().parents[2]


def with_model(model: RiskModel | None) -> CrisisRules:
    return dataclasses.replace(shipped_rules(), model=model)


def test_the_shipped_model_is_what_the_training_command_makes() -> None:
    """Made again from content/crisis and the question sets, it is the shipped file byte for
    byte: nobody edited it by hand, and nothing it learns from changed without it."""
    model, _figures = build(ROOT / "content")
    assert model.to_text() == (ROOT / "content" / "crisis" / "model.txt").read_text(
        encoding="utf-8")
    assert shipped_rules().model is not None
    assert is_current(shipped_rules().model, ROOT / "content")


def test_it_learns_from_nothing_held_out() -> None:
    texts = {m.example.text for m in training_messages(ROOT / "content")}
    for half in (ROOT / "content" / "crisis" / "measure").glob("*heldout.yaml"):
        held = {row["text"] for row in yaml.safe_load(half.read_text(encoding="utf-8"))}
        assert not texts & held, half
    for name in ("real_questions.yaml", "written_questions.yaml"):
        data = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        assert not texts & {q["q"] for q in data["questions"] if q["half"] == "held"}, name


@pytest.mark.parametrize(("text", "left"), [
    ("how long does a k hole last", True),  # no phrase: the model's to read
    ("i want to die", False),  # a route
    ("can ketamine cause seizures?", False),  # a sign stood down by a general question
    ("考完试了 开心死了 今晚去吃火锅", False),  # the death-word net has its say (weighed)
])
def test_what_is_left_to_the_model(text: str, left: bool) -> None:
    """The threshold is set on these messages only: the model reads nothing else."""
    assert left_to_the_model(text) is left


def test_cross_validation_counts_only_what_the_model_reads() -> None:
    messages = training_messages(ROOT / "content")[::8]
    read = {m.example.text: features(*read_views(m.example.text)) for m in messages}
    everything = cross_validate(messages, read)
    nothing = cross_validate(messages, read, silent=set())
    for script in ("en", "zh"):
        assert sum(f.crisis + f.ordinary + f.questions
                   for f in everything[script].values()) > 0, script
        assert all(f.crisis + f.ordinary + f.questions == 0 for f in nothing[script].values())


def test_a_question_a_crisis_page_answers_is_not_learnt_as_ordinary() -> None:
    """"朋友出現了自殺念頭,該怎麽辦?" is answered by the crisis lines: learnt as everyday talk it
    would teach the model that 自殺 is ordinary."""
    ordinary = {m.example.text for m in training_messages(ROOT / "content")
                if m.group == "questions"}
    data = yaml.safe_load((ROOT / "tests" / "data" / "real_questions.yaml").read_text(
        encoding="utf-8"))
    crisis = {q["q"] for q in data["questions"] if q["half"] == "tune"
              and {"mental_crisis", "emergency", "selfcheck_urgent"} & set(q["pages"])}
    assert "朋友出現了自殺念頭,該怎麽辦?" in crisis
    assert ordinary and not ordinary & crisis


def test_the_mask_the_model_reads_is_the_rules_mask() -> None:
    assert EVERYDAY == MASK
    assert EVERYDAY in features(*read_views("lol killing time before the club"))


def test_a_broken_model_file_says_which_line() -> None:
    good = RiskModel(trained_on="t").to_text()
    with pytest.raises(ValueError, match="line 2"):
        RiskModel.from_text(good + "12 0.5\n")
    with pytest.raises(ValueError, match="out of range"):
        RiskModel.from_text(good + "99999999 1 0.5 0.1\n")
    with pytest.raises(ValueError, match="format"):
        RiskModel.from_text('{"format": 1}\n')


def test_it_reads_words_pairs_and_characters_and_no_more_than_its_cap() -> None:
    found = features(" i feel trapped ", "我好攰")
    assert {"i", "feel", "trapped", "i feel", "feel trapped", "我", "好", "攰", "我好",
            "好攰"} <= found
    assert "我攰" not in features("", "我,攰")  # a pair never spans a comma
    long_english = " ".join(f"w{i}" for i in range(EN_FEATURES))
    read = features(long_english, "")
    assert len(read) <= EN_FEATURES + 1 and "w1" in read and f"w{EN_FEATURES - 1}" not in read
    assert len(features("", "".join(chr(0x4E00 + i) for i in range(ZH_FEATURES)))) \
        <= ZH_FEATURES + 1
    # a repeated run counts once: what follows it is read however long the run
    assert "尾" in features("", "好" * 3000 + "尾")


def _saying(text: str, risk: float, body: float) -> RiskModel:
    """A model that knows the features of ``text`` only, each with these weights."""
    weights = {key: (risk, body) for key in buckets(features(*read_views(text)))}
    return RiskModel(weights=weights, trained_on="test")


def test_training_and_storing_keep_what_was_learnt() -> None:
    messages = [Example("i just cant go on like this any more", True, "mind"),
                Example("i give up on everything i cant go on", True, "mind"),
                Example("he is grey and floppy and his lips look blue", True, "body"),
                Example("my mate is grey and floppy and wont wake", True, "body"),
                Example("how long does it last after a bump", False),
                Example("can i mix it with beer at a party", False),
                Example("where can i get help to cut down", False)]
    model = train(((features(*read_views(m.text)), m) for m in messages), threshold=0.0,
                  trained_on="x")
    again = RiskModel.from_text(model.to_text())
    assert again.same_as(model) and again.size() > 10
    assert again.offer(*read_views("honestly i cant go on like this")) == "mind"
    assert again.offer(*read_views("he is grey and floppy now")) == "body"
    assert again.offer(*read_views("how long does it last after a bump")) is None
    with pytest.raises(ValueError, match="risky and ordinary"):
        train((features(*read_views(m.text)), m) for m in messages if m.risk)


def test_the_model_only_ever_offers() -> None:
    rules = with_model(_saying("hello there my old friend", 5.0, -1.0))
    assert assess("hello there my old friend", rules) == CrisisOffer(("mind",), ("mental_crisis",))
    assert detect_crisis("hello there my old friend", rules) is None  # the flood limit's: no route


def test_a_message_with_chinese_is_judged_by_the_chinese_threshold() -> None:
    """Chinese ordinary messages score higher than English ones: each script has its own
    threshold, set by cross-validation (one for both offered on a tenth of the Chinese)."""
    english, chinese = "hello there my old friend", "你好呀老朋友今晚食咩"
    model = _saying(english + " " + chinese, 1.0, -1.0)
    model.threshold, model.zh_threshold = 0.0, 100.0
    rules = with_model(model)
    assert assess(english, rules) == CrisisOffer(("mind",), ("mental_crisis",))
    assert assess(chinese, rules) is None  # scores above 0.0, not above 100.0
    assert assess(english + " " + chinese, rules) is None  # any Chinese: the Chinese threshold
    again = RiskModel.from_text(model.to_text())
    assert (again.threshold, again.zh_threshold) == (0.0, 100.0) and again.same_as(model)


def test_cross_validation_sets_each_script_its_own_threshold() -> None:
    def figures(offered: dict[float, int]) -> dict[float, Figures]:
        return {t: Figures(ordinary=100, ordinary_offered=offered.get(t, 0)) for t in GRID}
    english = figures({0.0: 5})
    chinese = figures({0.0: 14, 0.5: 11, 1.0: 10})
    assert choose_threshold(english) == 0.0 and choose_threshold(chinese) == 1.0


def test_too_little_known_is_never_an_offer() -> None:
    rules = with_model(_saying("hello there my old friend", 5.0, -1.0))
    assert len(features(*read_views("hello there"))) < MIN_KNOWN
    assert assess("hello there", rules) is None


def test_a_phrase_the_editors_or_code_stood_down_is_not_overruled() -> None:
    """'can ketamine cause seizures?' names a sign in a general question, 我唔係想死 denies one:
    code stands them down, and the model, however sure, does not bring them back."""
    for text in ("can ketamine cause seizures?", "K會唔會令人停止呼吸", "我唔係想死呀，只係好攰",
                 "my friend is not unconscious, she is awake and talking"):
        assert assess(text, with_model(_saying(text, 5.0, 1.0))) is None, text


def test_without_a_model_the_phrase_lists_answer_alone() -> None:
    rules = with_model(None)
    assert assess("這陣子覺得自己很多餘", rules) is None
    assert assess("I want to kill myself", rules) is not None


@pytest.mark.parametrize("text", [
    "i cant see how i keep going with all this, they would manage fine",
    "這陣子覺得自己很多餘",
])
def test_new_words_for_despair_get_the_crisis_lines_offered(text: str) -> None:
    """No phrase list names these; the shipped model still offers the crisis lines first."""
    assert assess(text, with_model(None)) is None
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", ["考完试了 开心死了 今晚去吃火锅", "我的多肉又被我浇死了 哈哈",
                                  "手機冇電 死咗 返到屋企先覆你"])
def test_a_bare_death_word_in_everyday_talk_is_weighed_by_the_model(text: str) -> None:
    """Only the wide net of death words (weighed: true) offers here, and the model reads the
    message as everyday talk: no offer. Without the model the net still offers."""
    assert assess(text) is None
    assert assess(text, with_model(None)) == CrisisOffer(("mind",), ("mental_crisis",))


# "新买了一套厨房刀具 好用" was here until the sixth session: trained on sets 30-32, the model
# reads buying a knife as a sign of risk, so it is offered now (one needless button).
@pytest.mark.parametrize("text", ["跳绳比赛我们班拿了第一", "狼人杀今晚我又被刀了"])
def test_a_single_character_for_a_means_is_weighed_too(text: str) -> None:
    """刀, 绳, 跳, 疤 alone (weighed: true): a knife set, a game. The phrases of means ("拿着刀
    想划下去", "绳子准备好了") are in lists that are not weighed."""
    assert assess(text) is None
    assert assess(text, with_model(None)) == CrisisOffer(("mind",), ("mental_crisis",))
    assert assess("拿着刀 想划下去") is not None and assess("绳子准备好了") is not None


# "今日返工好辛苦 收工去飲嘢" was the second example until the model learnt from set 37 (seventh
# session): it now reads going for a drink after work as a sign of risk and offers help (one
# needless button); the example was a meal instead, until the model learnt from sets 49 to 58
# (tenth session) and offered on that too (one needless button): then a film. Once it learnt from
# sets 59-63 (eleventh session) it offers on 好辛苦 whatever follows (hiking, moving house, a
# half marathon: needless buttons, disclosed): the example is work that makes one want to give up.
@pytest.mark.parametrize("text", ["溫書溫到崩潰 今晚食咗宵夜先", "返工返到想放棄 收工去睇戲",
                                  "分手之後覺得好空虛 想學整麵包"])
def test_everyday_words_of_despair_are_weighed_too(text: str) -> None:
    """崩潰, 好辛苦, 空虛 said of exams, work or a breakup (weighed: true; blind set 27). Self-
    hatred, goodbyes, means and final arrangements are in a list that is not weighed."""
    assert assess(text) is None
    assert assess(text, with_model(None)) == CrisisOffer(("mind",), ("mental_crisis",))
    assert assess("好憎自己 同大家講聲再見") == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", ["最近成日諗死嘅嘢", "i think about dying a lot lately"])
def test_death_words_the_model_reads_as_risk_are_still_offered(text: str) -> None:
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


def test_the_model_never_weighs_down_an_offer_from_a_list_that_is_not_weighed() -> None:
    """'I feel hopeless' is in a list that is not weighed: however sure the model is that the
    message is ordinary, the offer stands."""
    text = "how long does k last? i feel hopeless"
    assert assess(text, with_model(_saying(text, -9.0, 0.0))) is not None


@pytest.mark.parametrize("text", ["how long does a k hole last", "K仔傷唔傷膀胱",
                                  "what is the best way to cut down", "thanks", "謝謝", "你好",
                                  "hello there", "qwertyuiop asdfgh",
                                  "xkqzvbn wprtlmq zzkvhg qqwplk " * 20])
def test_everyday_questions_greetings_and_gibberish_get_no_offer(text: str) -> None:
    """Too little the model knows ("thanks", 謝謝: goodbyes have them), or words it never saw
    (a check byte keeps them from borrowing another word's weight), is never an offer."""
    assert assess(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=700))
def test_any_text_gets_an_answer_or_none_never_an_error(text: str) -> None:
    answer = assess(text)
    assert answer is None or answer.__class__.__name__ in ("CrisisMatch", "CrisisOffer")


def _tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path


def test_check_warns_about_a_stale_or_missing_model_and_refuses_a_broken_one(
        tmp_path: Path) -> None:
    site = _tree(tmp_path)
    content, locales = site / "content", site / "locales"
    measure = content / "crisis" / "measure" / "blind4_tuning.yaml"
    measure.write_text(measure.read_text(encoding="utf-8") + "- text: a new message\n"
                       "  lang: en\n  expect: none\n  source: S117\n", encoding="utf-8")
    _problems, report = check_partly(content, locales)
    assert report is not None
    stale = [p for p in report.problems if p.file == "content/crisis/model.txt"]
    assert [p.severity for p in stale] == ["warning"]
    assert "python -m bot crisis-model" in stale[0].message

    (content / "crisis" / "model.txt").write_text("{not json", encoding="utf-8")
    problems, report = check_partly(content, locales)
    assert report is not None
    broken = [p for p in problems + report.problems if p.file == "content/crisis/model.txt"]
    assert broken and all(p.severity == "error" for p in broken)

    (content / "crisis" / "model.txt").unlink()
    _problems, report = check_partly(content, locales)
    assert report is not None
    missing = [p for p in report.problems if p.file == "content/crisis/model.txt"]
    assert [p.severity for p in missing] == ["warning"]


def test_the_command_checks_and_makes_the_model(tmp_path: Path) -> None:
    """`python -m bot crisis-model --check` says whether the model is current (exit 0 or 1);
    without --check it prints the left-out figures and writes the file again."""
    from tests.cli import run

    site = _tree(tmp_path)
    env = {"CONTENT_DIR": str(site / "content"), "LOCALES_DIR": str(site / "locales")}
    current = run(["crisis-model", "--check"], env)
    assert current.returncode == 0, current.stdout + current.stderr
    assert "up to date" in current.stdout
    examples = site / "content" / "crisis" / "examples.yaml"
    examples.write_text(examples.read_text(encoding="utf-8").replace(
        "offer:\n", "offer:\n  - {text: nobody would miss me at all, kind: mind, source: C1}\n"),
        encoding="utf-8")
    stale = run(["crisis-model", "--check"], env)
    assert stale.returncode == 1 and "out of date" in stale.stdout
    made = run(["crisis-model"], env)
    assert made.returncode == 0, made.stderr
    assert "<- threshold" in made.stdout and "model.txt" in made.stdout
    assert run(["crisis-model", "--check"], env).returncode == 0


def test_the_bot_start_up_never_reads_the_measuring_sets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the model is stale is for `check` to say: reading every measuring set takes a
    second, and start-up and reloads (load_checked) must not pay it."""
    from bot.editorial import crisis_training
    from bot.runtime.reloading import load_checked

    def forbidden(*_args: object, **_kwargs: object) -> list[object]:
        raise AssertionError("start-up read the measuring sets")

    monkeypatch.setattr(crisis_training, "training_messages", forbidden)
    builder, problems = load_checked(ROOT / "content", ROOT / "locales")
    assert builder is not None and problems == []


def test_check_on_the_command_line_warns_about_a_stale_model(tmp_path: Path) -> None:
    from tests.cli import run

    site = _tree(tmp_path)
    examples = site / "content" / "crisis" / "examples.yaml"
    examples.write_text(examples.read_text(encoding="utf-8").replace(
        "offer:\n", "offer:\n  - {text: nobody would miss me at all, kind: mind, source: C1}\n"),
        encoding="utf-8")
    done = run(["check"], {"CONTENT_DIR": str(site / "content"),
                           "LOCALES_DIR": str(site / "locales")})
    assert "content/crisis/model.txt:1: warning: the risk model was learnt from other" \
        in done.stdout, done.stdout[-2000:]
