"""Everyday phrases editors list as never a crisis sign (``ordinary:`` in a signals file):
笑死, 攰到死, "killing time". They are masked before the phrase lists and the patterns in code
read the message, so one list fixes a false alarm wherever it came from."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.crisis import CrisisMatch, CrisisOffer, assess
from bot.conversation.crisis_rules import load_crisis_rules
from bot.model.problems import ContentError
from tests.core.test_crisis_rules import write_rules

SIGNALS = """\
- {name: death talk, answer: offer, kind: mind, source: C1, phrases: [%s]}
"""


def rules_with(tmp_path: Path, en: str = "", zh: str = "", en_ordinary: str = "",
               zh_ordinary: str = ""):  # type: ignore[no-untyped-def]
    crisis_dir = write_rules(tmp_path, en=SIGNALS % en if en else "",
                             zh=SIGNALS % zh if zh else "")
    for lang, ordinary in (("en", en_ordinary), ("zh", zh_ordinary)):
        if ordinary:
            path = crisis_dir / "signals" / f"{lang}.yaml"
            path.write_text(path.read_text(encoding="utf-8") + f"ordinary: [{ordinary}]\n",
                            encoding="utf-8")
    return load_crisis_rules(crisis_dir)


def test_an_everyday_phrase_hides_the_word_inside_it(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, zh="死", zh_ordinary="笑死, 攰到死, 死線")
    assert isinstance(assess("我想死", rules), (CrisisOffer, CrisisMatch))
    assert assess("笑死我", rules) is None
    assert assess("份功課攰到死", rules) is None
    assert assess("報告死線係聽日", rules) is None  # written in Traditional, listed either way
    # every time it occurs, and a real sign beside it is still read
    assert assess("笑死 笑死 笑死", rules) is None
    assert isinstance(assess("笑死 其實我好想死", rules), (CrisisOffer, CrisisMatch))


def test_a_gap_masks_both_parts_and_stays_in_a_sentence(tmp_path: Path) -> None:
    rules = rules_with(tmp_path, zh="死", zh_ordinary="笑到..死")
    assert assess("笑到我死咗", rules) is None
    assert assess("笑到佢哋都死晒", rules) is None
    # the gap stays within a sentence
    assert isinstance(assess("笑到喊。我想死", rules), (CrisisOffer, CrisisMatch))


def test_english_everyday_phrases_are_whole_words_with_or_without_apostrophes(
        tmp_path: Path) -> None:
    rules = rules_with(tmp_path, en="dying, dead, kill", en_ordinary=(
        "dying to, killing time, phone's dead, kill for .. pizza"))
    assert assess("i'm dying to try it", rules) is None
    assert assess("just killing time before the party", rules) is None
    assert assess("my phones dead lol", rules) is None
    assert assess("my phone's dead lol", rules) is None
    assert assess("i would kill for a big pizza", rules) is None
    assert assess("i feel like i'm dying", rules) is not None
    assert isinstance(assess("killing time, but honestly everyone is dead to me", rules),
                      CrisisOffer)


def test_route_phrases_and_patterns_in_code_do_not_read_a_masked_phrase(
        tmp_path: Path) -> None:
    """Route phrases (now in the YAML, red flags included) and the number patterns left in
    ``crisis.py`` read the masked message too."""
    crisis_dir = write_rules(tmp_path, en="- {name: wanting to die, answer: route, kind: suicide, "
                                          "source: C1, phrases: [want to die]}\n")
    path = crisis_dir / "signals" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "ordinary: [want to die laughing, fever 40]\n", encoding="utf-8")
    rules = load_crisis_rules(crisis_dir)
    assert isinstance(assess("i want to die", rules), CrisisMatch)
    assert assess("that video, i want to die laughing", rules) is None
    assert isinstance(assess("his fever 40 and rising", rules_with(tmp_path / "bare")),
                      CrisisMatch)  # a number of degrees: a pattern in code
    assert assess("playing fever 40 on repeat", rules) is None


@pytest.mark.parametrize(("ordinary", "message"), [
    ("'a .. b .. c'", "at most one gap"),
    ("'a*b'", "plain words"),
    ("''", "each everyday phrase"),
])
def test_a_bad_everyday_phrase_is_refused_with_its_file_and_line(
        tmp_path: Path, ordinary: str, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        rules_with(tmp_path, en="hopeless", en_ordinary=ordinary)
    [problem] = raised.value.problems
    assert problem.file.endswith("/crisis/signals/en.yaml")
    assert problem.line == 4  # the line of the ordinary: list
    assert message in problem.message


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="笑到死我想了 啊。dying to kil", max_size=80))
def test_masking_never_makes_a_message_more_of_a_crisis(text: str) -> None:
    """Masking only takes words away: whatever the text, with the everyday list the answer is
    never stronger than without it."""
    rank = {type(None): 0, CrisisOffer: 1, CrisisMatch: 2}
    with_list = _RULES["with"]
    without = _RULES["without"]
    assert rank[type(assess(text, with_list))] <= rank[type(assess(text, without))]


def _build(tmp: Path, ordinary: bool):  # type: ignore[no-untyped-def]
    return rules_with(tmp, en="dying, kill", zh="死, 想死",
                      en_ordinary="dying to, kill .. time" if ordinary else "",
                      zh_ordinary="笑死, 笑到..死, 想死你" if ordinary else "")


_RULES: dict[str, object] = {}


@pytest.fixture(autouse=True, scope="module")
def _rules(tmp_path_factory: pytest.TempPathFactory) -> None:
    _RULES["with"] = _build(tmp_path_factory.mktemp("with"), True)
    _RULES["without"] = _build(tmp_path_factory.mktemp("without"), False)


# -- long runs of one repeated unit are read short (crisis._collapse) ----------------------

_PIECES = ["死", "想死", "唔想", "冇", "脉", "无", "面青", "笑", "救命", "好", "我", "佢", "叫唔醒",
           "跳", "天台", "。", "k", "储", "药", "尿唔出", "a", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4).map("".join),
       st.integers(min_value=4, max_value=400),
       st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
       st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))
def test_a_long_repeated_run_is_read_short_and_the_answer_is_the_same(
        unit: str, times: int, before: str, after: str) -> None:
    """Cutting a run of a repeated unit changes no answer: every stretch a phrase, a gap or a
    negation can span is still there, at both ends of the run."""
    from bot.conversation.crisis import _assess
    from bot.conversation.crisis_rules import shipped_rules

    text = before + unit * times + after
    rules = shipped_rules()
    assert _assess(text, rules, offers=True) == _assess(text, rules, offers=True,
                                                         collapse=False)


def test_a_repeated_fragment_costs_a_short_message() -> None:
    from bot.conversation.crisis import _collapse, _views

    chinese = _views("脉无面青" * 1024)[1]
    assert len(_collapse(chinese)) < 200
    natural = _views("我真係好攰，唔想再撐落去，覺得冇人會明白我。" * 3)[1]
    assert _collapse(natural) == natural  # no run of a short unit: left as it is


@pytest.mark.parametrize("text", [
    "我先走了，多謝你哋咁耐照顧我", "i would rather die than keep living like this", "他背过气去了",
    "我快挂了 好辛苦", "im so dead inside, nothing matters", "朋友晕死过去了",
])
def test_everyday_phrases_never_mask_a_crisis_worded_the_same_way(text: str) -> None:
    """Everyday phrases that could also be a goodbye or a collapse (先走了, 背过气, 快挂了,
    "rather die than", 晕死) are not in `ordinary:` (review, 6 Dec 2026)."""
    assert assess(text) is not None


# -- the Chinese view is masked wherever an everyday phrase is, found however it is found ----

def _masked_one_by_one(view: str, phrases: list[tuple[str, ...]]) -> str:
    """Every everyday phrase tried at every place, one after another: slow and plain."""
    from bot.conversation.crisis_rules import MASK, ZH_GAP, ZH_STOP_AT

    chars = list(view)
    for parts in phrases:
        for at in range(len(view)):
            if not view.startswith(parts[0], at):
                continue
            end = at + len(parts[0])
            if len(parts) == 1:
                chars[at:end] = MASK * (end - at)
                continue
            found = view.find(parts[1], end, end + ZH_GAP + len(parts[1]))
            if found >= 0 and (found == end or ZH_STOP_AT.search(view, end, found) is None):
                chars[at:end] = MASK * (end - at)
                chars[found:found + len(parts[1])] = MASK * len(parts[1])
    return "".join(chars)


_EVERYDAY = ["笑死", "笑到..死", "想死你", "攰..死", "死", "死线", "好想..你", "哈"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EVERYDAY), min_size=1, max_size=5, unique=True),
       st.text(alphabet="笑到死想你了攰线好哈我。 k", max_size=60))
def test_chinese_masking_finds_every_everyday_phrase(phrases: list[str], view: str) -> None:
    """The everyday phrases of one character first (死, 哈) and of longer ones, with and
    without a gap, are masked exactly where trying each phrase at each place would."""
    from bot.conversation.crisis_rules import Ordinary

    ordinary = Ordinary()
    for phrase in phrases:
        assert ordinary.add("zh", phrase) is None
    view = "".join(view.split())
    assert ordinary._mask_chinese(view) == _masked_one_by_one(view, ordinary.chinese)
