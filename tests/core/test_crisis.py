from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.crisis import PAGES, CrisisMatch, Kind, detect_crisis
from bot.core.loader import load_content
from tests.conftest import ROOT

MUST_TRIGGER: list[tuple[str, Kind]] = [
    # English: emergencies
    ("my friend wont wake up", "emergency"),
    ("he's not breathing", "emergency"),
    ("she's breathing weird and won't respond", "emergency"),
    ("my mate is fitting what do i do", "emergency"),
    ("friend having a seizure on the floor", "emergency"),
    ("chest pain from coke and ket mixing?", "emergency"),
    ("i think i overdosed", "emergency"),
    ("friend OD'd on ket", "emergency"),
    ("his lips are turning blue", "emergency"),
    ("took too much and hes unresponsive", "emergency"),
    ("I can’t breathe", "emergency"),
    ("she passed out and we cant wake her", "emergency"),
    ("gurgling noises and he won't come round", "emergency"),
    ("my friend is unconscious", "emergency"),
    ("i want to die and my friend isn't breathing", "emergency"),
    # English: suicide
    ("i want to die", "suicide"),
    ("I'm suicidal", "suicide"),
    ("thinking about killing myself", "suicide"),
    ("i just want to end it all", "suicide"),
    ("i don't want to live anymore", "suicide"),
    ("wanna kms", "suicide"),
    ("everyone would be better off dead without me, better off dead", "suicide"),
    # English: urinary
    ("i can't pee at all", "urinary"),
    ("lots of blood in my pee", "urinary"),
    ("peeing pure blood", "urinary"),
    ("haven't peed in 12 hours", "urinary"),
    ("only a few drops come out when i try", "urinary"),
    ("haven't peed since yesterday", "urinary"),
    # Chinese: emergencies
    ("朋友叫不醒", "emergency"),
    ("佢叫唔醒點算", "emergency"),
    ("朋友冇反應", "emergency"),
    ("他没有呼吸了", "emergency"),
    ("呼吸困難", "emergency"),
    ("佢呼吸好怪", "emergency"),
    ("朋友抽搐口吐白沫", "emergency"),
    ("朋友抽筋口吐白沫", "emergency"),
    ("全身抽筋唔停", "emergency"),
    ("胸口好痛", "emergency"),
    ("心口痛", "emergency"),
    ("嘴唇發紫", "emergency"),
    ("佢OD咗", "emergency"),
    ("朋友用過量了", "emergency"),
    ("朋友昏迷", "emergency"),
    ("佢唔識醒", "emergency"),
    ("昨晚朋友叫唔醒，而家仲未醒", "emergency"),
    # Chinese: suicide
    ("想死", "suicide"),
    ("好想自殺", "suicide"),
    ("我不想活了", "suicide"),
    ("唔想生存", "suicide"),
    ("有輕生念頭", "suicide"),
    ("活唔落去", "suicide"),
    # Chinese: urinary
    ("尿不出来", "urinary"),
    ("尿唔出", "urinary"),
    ("小便唔出好辛苦", "urinary"),
    ("大量血尿", "urinary"),
    ("屙尿好多血", "urinary"),
    ("小便全是血", "urinary"),
    # precedence: suicide before urinary
    ("想死 尿唔出", "suicide"),
]

MUST_NOT_TRIGGER = [
    "what is a k-hole",
    "is it an emergency if I pee often",
    "how to help a friend who passed out last week",
    "I don't want to die from this, how do I stay safe",
    "blood pressure",
    "K-cramps",
    "kcramps are killing me",
    "breathing exercises for anxiety",
    "i'm not suicidal, just curious about the law",
    "can you overdose on ket",
    "my friend had a seizure last year, is ket risky for her?",
    "blood in my pee sometimes",
    "i pee a lot at night",
    "how long does a k hole last",
    "fitting in at parties without using",
    "i can't go on the trip this weekend",
    "can I mix ket and alcohol",
    "尿频",
    "尿血是什么原因",
    "脚抽筋",
    "K仔點樣令人抽筋",
    "血壓高點算",
    "深呼吸練習",
    "我不想死，點樣安全啲",
    "上星期朋友叫唔醒，點樣幫佢",
    "想死你了",
    "K粉过量会怎样",
    "我唔係想死",
    "K痛好辛苦",
    "",
]


@pytest.mark.parametrize(("text", "kind"), MUST_TRIGGER)
def test_crises_are_recognised(text: str, kind: Kind) -> None:
    assert detect_crisis(text) == CrisisMatch(kind, PAGES[kind])


@pytest.mark.parametrize("text", MUST_NOT_TRIGGER)
def test_questions_about_these_things_are_not_crises(text: str) -> None:
    assert detect_crisis(text) is None


def test_tables_cover_every_kind_and_language() -> None:
    assert len(MUST_TRIGGER) >= 30 and len(MUST_NOT_TRIGGER) >= 20
    kinds = {kind for _text, kind in MUST_TRIGGER}
    assert kinds == {"emergency", "suicide", "urinary"}
    chinese = [text for text, _kind in MUST_TRIGGER if not text.isascii()]
    assert len(chinese) >= 15


def test_crisis_pages_exist_in_the_shipped_content() -> None:
    content = load_content(ROOT / "content")
    assert all(content.has_page(page) for page in PAGES.values())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    found = detect_crisis(text)
    assert found is None or found.page == PAGES[found.kind]


@settings(max_examples=20, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_long_text_is_handled_fast(piece: str) -> None:
    text = (piece * (10_000 // len(piece) + 1))[:10_000]
    started = time.perf_counter()
    detect_crisis(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text", [
    "pee " * 2500, "lots of blood " * 800, "breathing " + "is " * 3300, "尿" * 10_000,
    "can't " * 1700, "小便" * 5000, "抽筋" * 5000, "don't " * 1700 + "want to die",
])
def test_adversarial_long_text_is_fast(text: str) -> None:
    started = time.perf_counter()
    detect_crisis(text)
    assert time.perf_counter() - started < 0.5
