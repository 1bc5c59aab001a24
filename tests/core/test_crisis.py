"""Crisis detection: the tables of messages in ``crisis_cases``, red-flag coverage, and
properties (case, width and script do not matter; any text is handled, long text in bounded
time)."""

from __future__ import annotations

import random
import time
from random import Random

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation import crisis
from bot.conversation.crisis import (
    EMERGENCY_WEAK,
    PAGES,
    CrisisMatch,
    CrisisOffer,
    Kind,
    assess,
    detect_crisis,
)
from bot.conversation.crisis_rules import shipped_rules
from bot.conversation.search.text import VARIANTS
from bot.model.loader import load_content
from tests.conftest import ROOT
from tests.core.crisis_cases import (
    CANTONESE_CRISES,
    CANTONESE_NON_CRISES,
    ENGLISH_CRISES,
    ENGLISH_NON_CRISES,
    SIMPLIFIED_CRISES,
    SIMPLIFIED_NON_CRISES,
    TAIWANESE_CRISES,
    TAIWANESE_NON_CRISES,
    TRADITIONAL_CRISES,
    TRADITIONAL_NON_CRISES,
)

CRISES = {"en": ENGLISH_CRISES, "zh-Hans": SIMPLIFIED_CRISES, "zh-Hant": TRADITIONAL_CRISES}
NON_CRISES = {"en": ENGLISH_NON_CRISES, "zh-Hans": SIMPLIFIED_NON_CRISES,
              "zh-Hant": TRADITIONAL_NON_CRISES}
ALL_CRISES = [row for rows in CRISES.values() for row in rows]
ALL_NON_CRISES = [text for texts in NON_CRISES.values() for text in texts]
CHINESE_ROWS: list[tuple[str, Kind | None]] = [
    *SIMPLIFIED_CRISES, *TRADITIONAL_CRISES,
    *((text, None) for text in SIMPLIFIED_NON_CRISES + TRADITIONAL_NON_CRISES)]


def kind_of(text: str) -> Kind | None:
    found = detect_crisis(text)
    return None if found is None else found.kind


@pytest.mark.parametrize(("text", "kind"), ALL_CRISES)
def test_crises_are_recognised(text: str, kind: Kind) -> None:
    assert detect_crisis(text) == CrisisMatch(kind, PAGES[kind])


@pytest.mark.parametrize("text", ALL_NON_CRISES)
def test_other_messages_are_not_crises(text: str) -> None:
    assert detect_crisis(text) is None


@pytest.mark.parametrize("language", list(CRISES))
def test_tables_have_forty_of_each_in_every_language(language: str) -> None:
    crises, others = CRISES[language], NON_CRISES[language]
    assert len(crises) >= 40 and len(others) >= 40
    assert {kind for _text, kind in crises} == {"emergency", "suicide", "urinary"}
    assert len({text for text, _kind in crises}) == len(crises), "a row is listed twice"
    assert len(set(others)) == len(others), "a row is listed twice"


def test_traditional_tables_have_cantonese_and_taiwanese_usage() -> None:
    assert len(CANTONESE_CRISES) >= 40 and len(CANTONESE_NON_CRISES) >= 30
    assert len(TAIWANESE_CRISES) >= 20 and len(TAIWANESE_NON_CRISES) >= 10
    for rows in (CANTONESE_CRISES, TAIWANESE_CRISES):
        assert {kind for _text, kind in rows} == {"emergency", "suicide", "urinary"}


def _signs_matching(text: str) -> set[tuple[str, bool]]:
    """The red flags a text shows: signs still in code, and emergency route signals the
    editors' lists now hold (named the same)."""
    english, chinese = crisis._views(text)
    found = set()
    for sign in EMERGENCY_WEAK:
        view = chinese if sign.chinese else english
        if view and sign.pattern.search(view):
            found.add((sign.name, sign.chinese))
    for hit in shipped_rules().hits(english.replace("'", "").split(), chinese):
        if hit.signal.answer == "route" and hit.signal.kind == "emergency":
            found.add((hit.signal.name, hit.signal.lang == "zh"))
    return found


def _sign_names() -> set[tuple[str, bool]]:
    """Every red flag's name and script: in code (``Signs``) or in the editors' lists."""
    names = {(sign.name, sign.chinese) for sign in EMERGENCY_WEAK}
    names |= {(signal.name, signal.lang == "zh") for signal in shipped_rules().signals
              if signal.answer == "route" and signal.kind == "emergency"}
    return names


RED_FLAGS = {
    # the emergency page and the brief's section 7 "call for help if someone" list
    "can't be woken", "breathing", "seizure", "confused for 15 minutes", "chest pain",
    "pale skin", "blue lips", "faint pulse", "rigid muscles", "high temperature",
    "racing heart",
}


def test_every_red_flag_has_signs_in_both_scripts() -> None:
    names = _sign_names()
    for flag in RED_FLAGS:
        assert (flag, False) in names and (flag, True) in names, flag


@pytest.mark.parametrize("language", list(CRISES))
def test_every_sign_is_tried_by_the_tables_in_every_language(language: str) -> None:
    chinese = language != "en"
    wanted = {name for name, is_chinese in _sign_names() if is_chinese == chinese}
    seen = {name for text, kind in CRISES[language] if kind == "emergency"
            for name, is_chinese in _signs_matching(text) if is_chinese == chinese}
    assert wanted - seen == set()


@pytest.mark.parametrize("rows", [CANTONESE_CRISES, TAIWANESE_CRISES, SIMPLIFIED_CRISES],
                         ids=["Cantonese", "Taiwanese", "mainland"])
def test_every_red_flag_has_a_regional_form(rows: list[tuple[str, Kind]]) -> None:
    seen = {name for text, _kind in rows for name, chinese in _signs_matching(text) if chinese}
    assert RED_FLAGS - seen == set()


def test_quotes_and_odd_spacing_do_not_matter() -> None:
    assert kind_of("'he's not breathing'") == "emergency"
    assert kind_of("he ' s  not   breathing !!") == "emergency"
    assert kind_of("“won’t   wake   up”") == "emergency"


def test_crisis_pages_exist_in_the_shipped_content() -> None:
    content = load_content(ROOT / "content")
    assert all(content.has_page(page) for page in PAGES.values())


# -- the keys that let most messages skip the patterns ---------------------------------------

def test_keys_never_hide_a_match_in_the_tables() -> None:
    for text in [text for text, _kind in ALL_CRISES] + ALL_NON_CRISES:
        assert crisis._detect(text, gated=False) == detect_crisis(text), text


# English words and Chinese pairs of characters from the tables, and every key
VOCABULARY = sorted(
    {word for text in [text for text, _kind in ALL_CRISES] + ALL_NON_CRISES
     for word in crisis._views(text)[0].split()}
    | {text[i:i + 2] for text, _kind in CHINESE_ROWS for i in range(len(text))}
    | {key for sign in EMERGENCY_WEAK for key in sign.keys})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
def test_keys_never_hide_a_match_in_made_up_messages(words: list[str]) -> None:
    for text in (" ".join(words), "".join(words)):
        assert crisis._detect(text, gated=False) == detect_crisis(text), text


# -- what must not matter: case, width, script, context --------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ENGLISH_CRISES + [(text, None) for text in ENGLISH_NON_CRISES]),
       st.randoms(use_true_random=False))
def test_case_and_full_width_letters_do_not_matter(row: tuple[str, Kind | None],
                                                   random: Random) -> None:
    text, kind = row
    changed = "".join(
        chr(ord(char) + 0xFEE0) if "!" <= char <= "~" and random.random() < 0.3
        else char.swapcase() if random.random() < 0.5
        else char for char in text)
    assert kind_of(changed) == kind, changed


TO_TRADITIONAL: dict[str, list[str]] = {}
for _traditional, _simplified in VARIANTS.items():
    TO_TRADITIONAL.setdefault(_simplified, []).append(_traditional)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CHINESE_ROWS), st.randoms(use_true_random=False))
def test_traditional_or_simplified_characters_do_not_matter(row: tuple[str, Kind | None],
                                                            random: Random) -> None:
    text, kind = row
    changed = "".join(
        random.choice(TO_TRADITIONAL[char]) if char in TO_TRADITIONAL and random.random() < 0.5
        else VARIANTS.get(char, char) if random.random() < 0.5
        else char for char in text)
    assert kind_of(changed) == kind, changed


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw", "s2twp", "t2s", "hk2s", "tw2s"])
def test_any_chinese_script_or_regional_variant_gives_the_same_answer(config: str) -> None:
    """OpenCC writes each row as Hong Kong or Taiwan Traditional, or Simplified: a character the
    fold tables miss (曬 for 晒, 嚕 for 噜) shows up here."""
    converter = opencc.OpenCC(config)
    wrong = [(text, converter.convert(text), kind) for text, kind in CHINESE_ROWS
             if kind_of(converter.convert(text)) != kind]
    assert wrong == []


def chinese_pattern_characters() -> list[str]:
    sources = [sign.pattern.pattern for sign in EMERGENCY_WEAK if sign.chinese]
    sources += [patterns[1].pattern for patterns in (
        crisis.PAST, crisis.RESOLVED, crisis.PRESENT, crisis.HYPOTHETICAL)]
    sources += [crisis._NEGATED_ZH.pattern, crisis._ABSENT_ZH.pattern, crisis._PAIN_ZH.pattern]
    # the red flags that moved to the editors' lists: their phrases and groups
    rules = shipped_rules()
    sources += [phrase for signal in rules.signals if signal.lang == "zh"
                for phrase in signal.phrases + signal.unless]
    sources += [entry for entries in rules.index.groups.get("zh", {}).values()
                for entry in entries]
    return sorted({char for source in sources for char in source if "\u3400" <= char <= "\u9fff"})


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw", "s2twp"])
def test_every_pattern_character_written_in_traditional_folds_back(config: str) -> None:
    """Patterns are written in Simplified: each of their characters, as OpenCC writes it for
    Hong Kong or Taiwan, must fold back to what it folds to (捱 and 挨 both read 挨), or a
    Traditional message would slip through."""
    converter = opencc.OpenCC(config)
    characters = chinese_pattern_characters()
    assert len(characters) > 300
    wrong = {char: converter.convert(char) for char in characters
             if crisis._views(converter.convert(char))[1] != crisis._views(char)[1]}
    assert wrong == {}


EN_AROUND = [("", ""), ("hey ", ""), ("please help ", " please"), ("omg ", "!!!"),
             ("", " what do i do"), ("sorry to bother you but ", " help"), ("", " 😭")]
ZH_AROUND = [("", ""), ("喂，", ""), ("唔該，", "點算"), ("請問", "怎么办"), ("", "！！"),
             ("急！", ""), ("", "😭")]


def test_a_few_words_around_a_crisis_do_not_hide_it() -> None:
    wrong = [(before + text + after, kind) for text, kind in ALL_CRISES
             for before, after in (EN_AROUND if text.isascii() else ZH_AROUND)
             if kind_of(before + text + after) != kind]
    assert wrong == []


# -- any text, and long text --------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    found = detect_crisis(text)
    assert found is None or found.page == PAGES[found.kind]


FRAGMENTS = [text for text, _kind in ALL_CRISES] + ALL_NON_CRISES + [
    "not ", "can't ", "is ", "really ", "my ", "chest ", "breathing ", "for ", "an hour ",
    "confused ", "kill me ", "'", " ", "叫", "唔", "冇", "咗", "好", "呼吸", "心跳", "胸口", "尿",
    "混乱", "半个钟", "，", "。"]


def cpu_seconds(text: str) -> float:
    started = time.process_time()
    detect_crisis(text)
    return time.process_time() - started


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6))
def test_long_text_is_handled_in_bounded_time(pieces: list[str]) -> None:
    """No catastrophic backtracking: 20,000 characters of repeated crisis fragments take
    tens of milliseconds of CPU (at most ~60 ms measured, with or without the keys)."""
    piece = "".join(pieces) or "a"
    text = (piece * (crisis.MAX_CHARS // len(piece) + 1))[:crisis.MAX_CHARS]
    assert cpu_seconds(text) < 0.5


@pytest.mark.parametrize("text", [
    "pee " * 5000, "lots of blood " * 1500, "breathing " + "is " * 6600, "尿" * 20_000,
    "can't " * 3400, "小便" * 10_000, "抽筋" * 10_000, "don't " * 3300 + "want to die",
    "chest is really " * 1300, "lips have gone a bit " * 1000, "not really " * 2000,
    "confused for " * 1600, "for an hour " * 1700, "胸口好似" * 5000, "叫" * 20_000,
    "心跳得好" * 5000, "好" * 20_000, "冇" * 20_000, "混乱咗" * 6600, "' " * 10_000,
    "my back is " * 1800 + "killing me", "kill me " * 2500, "a" * 20_000,
])
def test_adversarial_long_text_is_fast(text: str) -> None:
    assert cpu_seconds(text) < 0.5


def test_text_past_the_limit_is_not_read() -> None:
    assert detect_crisis("a" * crisis.MAX_CHARS + " he's not breathing") is None
    assert kind_of("a " * 100 + "he's not breathing") == "emergency"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=40, max_size=400),
       st.randoms(use_true_random=False))
def test_reading_only_near_the_keys_hides_nothing_in_long_messages(
        words: list[str], rng: random.Random) -> None:
    """Patterns run only within NEAR_ZH / NEAR_EN of a key: in long messages, with filler
    between the pieces, the answer is the one a scan of the whole text gives."""
    filler = "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(20))
    for text in (" ".join(words), "".join(words), filler.join(words)[:4096]):
        assert crisis._detect(text, gated=False) == detect_crisis(text), text


def test_apostrophes_are_folded_after_casefold_as_they_were_before_it() -> None:
    """``_views`` maps ’ ‘ ` ´ to ' in its one fold table, after casefold: right only because
    casefold leaves them alone and never makes one from another character. Every character."""
    from bot.conversation.search.text import APOSTROPHES

    marks = {chr(code) for code in APOSTROPHES}
    assert all(mark.casefold() == mark for mark in marks)
    made = [hex(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF
            and chr(code) not in marks and not marks.isdisjoint(chr(code).casefold())]
    assert made == []
    text = "He said ‘I can’t wake her’ `now´ ÅSS"
    assert crisis._views(text)[0] == crisis._views(text.translate(APOSTROPHES))[0]


@pytest.mark.parametrize("text", [
    "how do i help a friend who wants to kill herself",
    "如何安慰想死的人",
    "親友想不開怎麼辦?如何安慰想死的人?",
    "點樣開解一個成日話想死嘅朋友",
])
def test_asking_how_to_help_someone_offers_the_crisis_lines(text: str) -> None:
    """The search answer (the page on helping a friend) with the crisis lines first, not the
    crisis page alone; "tonight" or "now" still routes (see the crisis tables)."""
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", [
    "i used to self harm years ago, im in a good place now. does k affect mood",
    "高中的时候割过手 现在已经好了很多年 想问K会不会影响情绪",
    "有没有人知道K洞一般多久",
    "脑子转不动了 K完第二天正常吗",
])
def test_a_past_said_to_be_over_and_everyday_openers_get_no_offer(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize("text", [
    "i used to self harm years ago. does k affect mood",  # the past, not said to be over
    "i want to kill myself. she is fine now",  # someone else is fine
    "我想死 现在状态挺好的 才怪",
    "my sister handed me her whole record collection and said id look after them better than her",
    "昨晚又咬自己手 咬出血了",
    "有没有什么药 吃了能睡过去就不醒",
])
def test_the_crisis_lines_stay_offered_when_only_part_is_over(text: str) -> None:
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", ["I think I need an ambulance", "he needs an ambulance i think"])
def test_asking_for_an_ambulance_offers_the_emergency_page_whatever_the_model_learnt(
        text: str) -> None:
    """A phrase, not the risk model, answers it: the model stopped offering it when a set of
    ordinary messages about ambulances joined its training (4th session)."""
    assert assess(text) == CrisisOffer(("body",), ("emergency",))


# Blind sets 25 and 26 (fifth session): from their tuning halves, in own words.
@pytest.mark.parametrize("text", [
    "how tall does a building have to be to make sure",
    "will an autopsy show ket? i want my mum to know it wasnt her fault",
    "要是下次溜K之后不会醒来 其实也不错",
    "如果嗨完不會醒來 其實也不錯",
])
def test_means_a_post_mortem_and_not_waking_up_being_fine_offer_the_crisis_lines(
        text: str) -> None:
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", [
    "overdosed on pizza this weekend haha",  # a laugh on the hyperbole: offered, not routed
    "i overdosed on christmas films lmao",
    "kill me now, this queue is taking forever",  # a nuisance after "kill me now"
    "kill me now the traffic is unreal",
    "还没到尿不出来的地步 就是尿频",  # 没到: not reached
    "我高中那会儿划过手 早就好了 现在就想问问K对情绪的影响",  # that time, long over
])
def test_hyperbole_a_nuisance_and_a_past_long_over_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "鎅女我就叻 有冇地方推介",  # 鎅女: chatting up girls
    "今日鎅西瓜 順便問K可唔可以同啤酒一齊",
    "熱到攞命 去rave要帶幾多水",  # 到攞命: "unbearably", of heat
    "煮飯鎅親手指 貼咗膠布 想問K同酒可唔可以一齊",  # 鎅親: cut by accident
])
def test_cantonese_everyday_words_with_cutting_and_dying_are_not_crisis_signs(text: str) -> None:
    assert assess(text) is None


def test_passing_no_urine_routes_to_the_urgent_self_check() -> None:
    """"Pass urine" is how doctors and many English speakers say it (blind set 28, own words)."""
    assert assess("i cant pass urine since this morning and my belly is swollen") == \
        CrisisMatch("urinary", "selfcheck_urgent")


@pytest.mark.parametrize("text", [
    "the heat in the office today is killing me, how much water if i have a bump",
    "am i shooting myself in the foot if i tell my doctor about the k",
    "the old mash theme 'suicide is painless' has such a gentle melody",
    "想你想死了 明天见",
])
def test_a_thing_killing_me_an_idiom_and_a_song_title_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "年輕時試過自殺 現在過得還不錯 想問K對情緒有咩影響",  # 過得還不錯: doing all right
    "以前有一排好想死 而家食藥好穩定",  # stable now, on treatment (blind set 27, own words)
])
def test_a_past_said_to_be_over_in_cantonese_and_taiwanese_words_is_not_routed(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize("text", [
    "my friend has epilepsy and he is having a seizure right now on k",
    # a general question, then the person named is in danger, said without "now" (review):
    # someone named keeps the question about them, whatever condition they have
    "can ket cause seizures? my brother has epilepsy and hes shaking on the floor",
    "does k cause seizures? my mate has epilepsy and hes having one",
    "can ketamine cause a fit? my friend has epilepsy, she is fitting and wont wake up",
])
def test_someone_with_a_condition_in_danger_still_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    # the sign is what the question asks about, and the rest says nothing is happening
    "can ketamine cause seizures? my sister has epilepsy and wants to try it one day",
    "could k trigger a fit? asking because my dad has epilepsy",
    "can ket cause a heart attack? my mate has a heart murmur",
])
def test_a_sign_asked_about_for_someone_named_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    # the same questions, then something about the person now, in words no sign list holds
    "can ketamine cause seizures? my sister has epilepsy and just had one",
    "could k trigger a seizure? my dad has epilepsy and hes shaking",
    "can k cause seizures, my mate is jerking and wont stop",
    "can ket cause a heart attack? my mate has a heart murmur, hes gone pale",
    "can k cause seizures? my friend has epilepsy, should we call an ambulance",
    "can ketamine cause seizures? my friend has epilepsy and it happened again",
    "can k cause seizures? my friend has epilepsy and took loads",
])
def test_a_sign_asked_about_still_routes_when_the_rest_may_be_now(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


# Blind set 29 (end of the fifth session): from its tuning half, in own words.
def test_no_answer_when_shaken_and_purple_lips_route_to_the_emergency_page() -> None:
    assert assess("佢飲咗好多酒又索K 而家瞓喺地下 搖佢一聲都冇 嘴唇好紫") == \
        CrisisMatch("emergency", "emergency")


def test_wanting_it_all_to_stop_offers_the_crisis_lines() -> None:
    text = "尿尿痛到流眼淚 醫生說膀胱可能保不住 不知道要痛到什麼時候 好想讓這一切停止"
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", [
    "i was laughing so much i couldnt breathe at that video",
])
def test_laughing_till_you_cant_breathe_is_not_routed(
        text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_not_really_joking_is_no_joke() -> None:
    assert assess("i want to kill myself, not really joking") == CrisisMatch("suicide",
                                                                         "mental_crisis")


@pytest.mark.parametrize("text", ["i want to cut down to once a month, any tips",
                                  "watching suicide squad tonight, is k ok with a beer"])
def test_cutting_down_and_a_film_title_are_not_crisis_signs(text: str) -> None:
    assert assess(text) is None


def test_wanting_to_cut_still_offers_the_crisis_lines() -> None:
    assert assess("i really want to cut tonight") is not None


@pytest.mark.parametrize(("text", "kind"), [
    # a joke word never stands a body sign down, nor a suicide one taken back again (review)
    ("she collapsed jk no seriously shes not moving", "emergency"),
    ("my friend is drowsy and slurring, not literally dying but", "emergency"),
    ("i want to kill myself, not literally but i think about it all the time", "suicide"),
    ("i want to end it all, not really just tired of everything", "suicide"),
    ("i want to kill myself jk no seriously i mean it", "suicide"),
])
def test_a_joke_word_taken_back_or_beside_danger_still_routes(text: str, kind: Kind) -> None:
    assert assess(text) == CrisisMatch(kind, PAGES[kind])


# Blind sets 30 and 31 (sixth session): from their tuning halves, in own words.
@pytest.mark.parametrize("text", [
    "so hot until want to die sia, how much water do i need if i take k",
    "school so boring until want to die, is k bad for memory",
    "什么情况下必须打120 什么情况可以在家观察",
    "K多了哪些情况需要打120啊",
])
def test_singlish_hyperbole_and_asking_when_to_call_ahead_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "so sad until want to die, nobody cares",  # sadness is no heat: still a route
    "他这是什么情况 要打120吗 一直抽",  # 什么情况: what is happening to him
    "什么情况下必须打120 他现在叫不醒",
    "朋友晕过去了 怎么办",
])
def test_the_same_words_about_now_still_route(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


def test_how_much_stops_the_heart_offers_the_crisis_lines() -> None:
    # a lethal amount asked in other words (blind set 21's tuning half, missed after retraining)
    assert assess("打针要打几多先会令心脏停") == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", [
    "my mate has gone grey and i can barely find a pulse",
    "她摔倒了 头一直流血 讲话乱七八糟",
    "he fell off the wall, theres blood coming from his ear and he keeps asking the same thing",
])
def test_two_signs_of_the_body_in_danger_add_up_to_a_route(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    # the same kinds of signs, but the person is chatting with us, or it is a question ahead
    "佢跌低損咗少少 頭有啲暈 而家同我哋傾緊偈",
    "what do you do if someone goes grey and their head is bleeding",
])
def test_two_body_signs_do_not_add_up_when_the_person_talks_or_it_is_asked_ahead(
        text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Blind set 32 (sixth session): from its tuning half, in own words.
def test_picking_the_skin_until_it_bleeds_offers_the_crisis_lines() -> None:
    answer = assess("一緊張就用指甲摳手臂 摳到流血先停")
    assert isinstance(answer, CrisisOffer) and answer.kinds[0] == "mind"


@pytest.mark.parametrize("text", [
    "跌咗落街 丟臉死了 K仔係咪會令人行路唔穩",
    "笑到碌地 佢K完當個杯係電話",
    "中學嗰陣試過好想死 而家返工生活好穩定 想問K會唔會影響情緒",
])
def test_embarrassment_laughter_and_a_past_now_stable_are_not_offered(text: str) -> None:
    assert assess(text) is None


@pytest.mark.parametrize("text", [
    "香港叫救護車打幾號",
    "在大陆叫救护车拨打哪个号码",
    "叫白車係打999定係112",
    "do i call 999 or 111 for a bad comedown",
])
def test_asking_which_number_to_call_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "佢冇咗呼吸 叫救護車打幾號",
    "他现在叫不醒 叫救护车拨打哪个号码",
    "my friend isnt breathing do i call 999 or 111",
])
def test_asking_the_number_in_an_emergency_still_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "kill me now my boss just booked a 7am call for the day after the rave 😂",
    "asking so i know, what do you do if someone has a seizure on k",
    "hes going to end it with his boyfriend tonight, should i warn him before the party",
    "the bus was so packed i nearly suffocated lol. is k worse in the heat",
])
def test_hyperbole_laughed_off_asking_ahead_and_a_breakup_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize(("text", "kind"), [
    ("kill me now lol im serious, i cant do this anymore", "suicide"),
    ("my friend is seizing right now, asking so i know what to do", "emergency"),
    ("im going to end it with the pills tonight", "suicide"),
    ("he cant breathe, hes suffocating", "emergency"),
])
def test_the_same_words_meant_still_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "救命 篇論文聽日就要交 我仲未寫完",
    "K跟酒一起喝會不會很容易吐 聽說有人會嗆到",
    "好想消失一個星期 去日本食嘢",
])
def test_homework_hearsay_and_a_week_away_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "救命 佢冇咗呼吸",
    "聽講有人話佢暈低咗 而家叫極都唔醒",
    "好想消失 永遠唔好醒",
])
def test_help_a_report_and_disappearing_for_good_still_route(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    # review: asking the number must not stand down a sign said with it
    "他晕倒了 叫救护车打几号",
    "佢暈低咗 叫白車打幾號",
    "我朋友全身抽搐 叫救護車打幾號",
    "my mate passed out whats the number for an ambulance in hk",
])
def test_a_sign_said_with_a_question_about_the_number_still_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


# Blind set 33 (end of the sixth session): from its tuning half, in own words.
@pytest.mark.parametrize("text", [
    "我老死約我聽晚去玩 但我唔想索",
    "今次又要我食死貓 明明唔關我事",
    "this headliner is killing me 💀 the bass is unreal",
])
def test_cantonese_friends_blame_and_a_skull_laugh_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_a_skull_after_wanting_to_die_for_real_still_routes() -> None:
    assert assess("i want to kill myself tonight 💀 im serious") == CrisisMatch(
        "suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    # review: asking when one would call must not stand down a sign reported with it
    "他晕过去了 什么情况下要打120",
    "我朋友晕倒了 哪些情况需要打120",
    "佢暈低咗 咩情況下要叫白車",
    "朋友晕过去了 想学一下怎么办",
    "他晕倒了 先问清楚免得到时候慌",
])
def test_a_sign_reported_with_a_question_about_when_to_call_still_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize(("text", "answer"), [
    # review: "end it with him watching" is no breakup; never waking is no day off
    ("im going to end it with him watching", CrisisMatch("suicide", "mental_crisis")),
    ("好想消失一天 然后永远不醒", CrisisOffer(("mind", "body"), ("mental_crisis", "emergency"))),
])
def test_the_sixth_sessions_stand_downs_keep_their_bounds(
        text: str, answer: CrisisMatch | CrisisOffer) -> None:
    assert assess(text) == answer


@pytest.mark.parametrize("text", [
    # a collapse reported of someone named, then a question (before the sixth session's end
    # these got nothing: the question stood the weak sign down, and its offer with it)
    "my friend passed out what should i do",
    "my mate passed out, how long until he wakes up",
    "he passed out is it possible its just a k hole",
    "my friend collapsed, asking so i know",
    "我朋友晕倒了 会不会有事",
    "佢暈低咗 會唔會有事",
])
def test_a_collapse_reported_then_asked_about_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "what should i do if my friend passes out",
    "if someone collapses on k what do you do",
    "我朋友如果晕倒了怎么办",
    "过量了会是什么样子 想提前了解 好照顾朋友",
])
def test_a_collapse_imagined_or_asked_in_general_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Seventh session. A-not-A asks, it does not deny: until then 我是不是有自杀风险 (am I at risk
# of suicide?) was read as "不是有自杀" (no suicide) and got nothing at all.
@pytest.mark.parametrize("text", [
    "我是不是有自杀风险",
    "我会不会有自杀倾向",
    "我有没有自杀倾向 最近好怪",
    "我系咪有自杀倾向",
    "想问下我是不是有自杀倾向",
])
def test_asking_whether_one_is_suicidal_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "我不是想死",
    "我冇想死",
    "我没有自杀倾向 只是累",
    "你想不想死啊 咁夜仲唔瞓",  # said to someone: a scold
    "係咪想死呀你 咁夜仲唔瞓",
    "怎么开口问朋友是不是有自杀的念头 心理课上老师让我们讨论",  # how to ask someone else
])
def test_denials_scolds_and_asking_someone_else_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Blind set 34 (start of the seventh session): from its tuning half, in own words.
@pytest.mark.parametrize("text", [
    "正在用烟头烫手臂 停唔到",
    "我而家用滚水淋自己 好痛但系停唔到",
    "正在拿刀割大腿",
    "他从楼梯滚下来 头一直流血 说话颠三倒四",
    "she fell off the stage and theres blood coming out her ear, hes slurring",
])
def test_hurting_oneself_now_and_a_head_injury_with_confusion_route(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "what are the warning signs that someone might be suicidal? for a training at work",
    "一个人有自杀风险的话会有什么信号 老师叫我们查",
    "一個人有自殺風險的警訊有哪些 公司講座要讀",
])
def test_reading_up_on_warning_signs_is_offered_not_routed(text: str) -> None:
    assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", [
    "what are the warning signs someone is suicidal, i think my flatmate is",
    "what are the warning signs that someone might be suicidal? because i think i am",
    "一个人有自杀风险的话会有什么信号 我觉得我就是",
])
def test_warning_signs_asked_about_oneself_or_a_friend_keep_the_crisis_lines(text: str) -> None:
    assert assess(text) is not None


def test_wishing_for_an_accident_offers_the_crisis_lines() -> None:
    assert assess("常常諗如果我出車禍就好了 唔使面對") == CrisisOffer(("mind",), ("mental_crisis",))


def test_a_films_overdose_scene_is_not_routed_but_an_overdose_now_is() -> None:
    assert not isinstance(assess("rewatched requiem, the overdose scene still haunts me. is ket "
                                 "like that"), CrisisMatch)
    assert assess("hes having an overdose scene is chaos") == CrisisMatch("emergency", "emergency")


def test_a_shift_killing_me_is_a_chore_but_wanting_to_die_after_it_is_not() -> None:
    assert assess("this 12 hr shift is killing me lol, how long is k in my system") is None
    assert assess("this night shift is killing me, i want to die") == CrisisMatch(
        "suicide", "mental_crisis")


# Blind set 35 (seventh session): from its tuning half, in own words.
@pytest.mark.parametrize(("text", "answer"), [
    ("想问下K加酒几多会出人命", CrisisOffer(("mind",), ("mental_crisis",))),
    ("尿不太出来 小肚子胀 先喝点什么能缓解", CrisisOffer(("body",), ("emergency",))),
])
def test_a_lethal_amount_and_barely_peeing_are_offered(
        text: str, answer: CrisisOffer) -> None:
    assert assess(text) == answer


@pytest.mark.parametrize("text", [
    "我用打火机烧手臂 停不下来",
    "又捶自己的头了 停唔到",
    "坐在天台边 腿挂在外面",
])
def test_hurting_oneself_and_unable_to_stop_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "自杀的预警信号有哪些 要做心理委员",
    "一個人想自殺前會有什麼徵兆 想知道要注意什麼",
    "overdosed on pizza and chips after the rave, send help lol",
])
def test_warning_signs_asked_and_food_overdoses_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_an_overdose_of_pills_with_food_named_still_routes() -> None:
    assert assess("he overdosed on pills and now hes not waking up") == CrisisMatch(
        "emergency", "emergency")


# Seventh session, review: "fine now" said before a strong sign is the writer, not the danger
# over (until then "im fine now, my friend isnt breathing" got nothing).
@pytest.mark.parametrize("text", [
    "im fine now, my friend isnt breathing",
    "im doing well now. my friend is blue and not breathing",
    "我冇事呀而家 但係我朋友冇咗呼吸",
])
def test_the_writer_fine_now_does_not_stand_down_a_strong_sign(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "he stopped breathing for a bit but hes fine now",
    "last year my mate stopped breathing on k, hes fine now",
])
def test_a_strong_sign_told_as_over_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Blind set 36 (seventh session): from its tuning half, in own words.
@pytest.mark.parametrize("text", [
    "med student here, we did overdose signs in lecture today, how is k different from opioids",
    "药学专业 今天上课讲到过量 想问K过量有什么表现",
    "i cut myself a lot at 15, im 30 now and doing great, does k affect mood",
    "我中学时候割过手 现在都三十了 早就好了 想问K影响情绪吗",
])
def test_students_and_a_past_said_over_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "nursing student here, my mate overdosed today and wont wake up",
    "今天上课讲过量 结果我室友现在晕倒了",
    "im 20 now and i want to kill myself",
])
def test_a_student_or_an_age_with_a_danger_now_still_routes(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


# Seventh session, review: a role named (a student, a peer worker, an assignment) read as a
# question asked ahead had made a suicide phrase said of oneself only an offer.
@pytest.mark.parametrize("text", [
    "im a nursing student and i want to kill myself",
    "peer worker here and honestly i want to die",
    "我是护理专业的学生 我想死",
    "我系社工 但係我自己都好想死",
])
def test_a_role_named_does_not_stand_down_wanting_to_die_oneself(text: str) -> None:
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "for my assignment: what are the warning signs someone is suicidal",
    "社工问：服务使用者说想死 点样回应",
    "my dissertation is killing me, how long is the k comedown",
])
def test_a_role_asking_about_others_or_a_chore_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Seventh session, review: "doing well now" said before wanting to die does not make it over.
@pytest.mark.parametrize("text", [
    "im doing well now. i want to kill myself",
    "im 26 now and doing well, but i want to kill myself",
    "我现在好返晒 但係又想死",
])
def test_fine_now_before_wanting_to_die_still_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "i used to self harm years ago, im in a good place now",
    "我以前想过自杀 现在好返晒",
])
def test_a_past_said_over_after_it_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Blind set 37 (seventh session): from its tuning half, in own words.
def test_cutting_hidden_under_sleeves_is_offered_the_crisis_lines() -> None:
    # (the first wording here was offered before the change too, by the risk model)
    for text in ("did some cutting on the weekend, hiding the cuts from my mum. does ket make "
                 "it worse", "been hiding my cuts with long sleeves since the weekend, does k "
                 "make it worse"):
        assert assess(text) == CrisisOffer(("mind",), ("mental_crisis",)), text
    assert isinstance(assess("did some cutting again on the comedown, hiding it with long "
                             "sleeves"), CrisisMatch)  # "again": it goes on


@pytest.mark.parametrize("text", [
    "以前有过想不开的念头 后来好了 现在偶尔用k 会有影响吗",
    "几年前朋友K加酒呛到 抢救回来了 现在还后怕 以后点算",
    "i used to self harm, havent for over 10 years, does ket affect mood",
])
def test_a_habit_now_or_fear_remembered_is_not_a_danger_now(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "现在正拿打火机烧手背 停不下来",
    "我现在偶尔想死",
    "现在还后怕 佢又冇咗呼吸",
    "i havent for 10 years but tonight i want to kill myself",
])
def test_a_danger_now_said_with_those_words_still_routes(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "i just took 30 pills",
    "how long does a k hole last, also i took 30 pills an hour ago",
    "swallowed twenty paracetamol and had a few bumps",
    "我刚吃了30片安眠药",
    "啱啱吞咗二十粒必理痛",
    "我吞了一整盒普拿疼",
])
def test_more_pills_than_any_dose_swallowed_routes(text: str) -> None:
    """Eighth session: a count of pills no dose comes near is an overdose, in any words; before,
    only "a handful" or "a whole box" routed and "30 pills" was only offered."""
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "what happens if someone took 30 pills",
    "took 30 pills last year and survived, does k affect my liver",
    "i took 2 pills for my back",
    "吃了两片布洛芬 还是痛",
    "如果有人吃了30片安眠药会怎样",
])
def test_pills_asked_about_past_or_a_dose_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "刷到个视频 有人K完抽搐 口吐白沫 是真的吗",
    "saw a tiktok of someone fitting on k with foam at the mouth, is that even real",
    "大姨妈痛到想死 可以吃布洛芬吗",
    "大学的时候自残过 现在好几年都没事了 想问K伤不伤情绪",
])
def test_a_screen_a_period_and_years_since_are_not_a_danger_now(text: str) -> None:
    """Eighth session, from blind set 38's tuning half, in my own words: a seizure seen in a
    video of a stranger, period pain "to death", and self-harm "years ago, none for years now"."""
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "他在看抖音 突然抽搐 口吐白沫",
    "watching a film and he started fitting, foam at his mouth",
    "刷抖音的时候我朋友突然抽搐了",
    "看到视频 我现在也想死",
    "现在好几年没碰K了 今晚又想自杀",
    "好几年都没事了 但现在又想死了",
])
def test_someone_watching_a_screen_or_harm_now_still_routes(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize(("text", "kind"), [
    ("she was sick lying on her back and now theres a rattly sound", "emergency"),
    ("he vomited while lying on his back, its still in his mouth", "emergency"),
    ("her face was in the water when i found her in the bath", "emergency"),
    ("拿刀片划了手腕 口子好深", "suicide"),
    ("他吐完还平躺着 嘴里都是呕吐物", "emergency"),
    ("她胸口好像没怎么起伏 好久才吸一口", "emergency"),
    ("他滑在浴缸里 脸泡在水里", "emergency"),
    ("i keep burning my arm with a lighter", "suicide"),
    ("holding a lighter to my wrist again tonight", "suicide"),
    ("not planning on coming back from this one, i have it all ready", "suicide"),
    ("im not safe to be on my own tonight", "suicide"),
    ("遗书设了定时 明天早上他们会收到", "suicide"),
    ("绳子买好了", "suicide"),
    ("用打火机烧手背 起泡了", "suicide"),
    ("K完手背烫伤了还想再烫", "suicide"),
])
def test_the_38th_and_39th_sets_dangers_now_route(text: str, kind: str) -> None:
    """Eighth session, from the tuning halves of blind sets 38 and 39, in my own words: these
    were only offered before (vomit lying on the back, a face in the bath water, a head injury
    then vomiting, a lighter to the skin, a plan carried out, a timed letter, a rope bought)."""
    assert assess(text) == CrisisMatch(kind, "mental_crisis" if kind == "suicide" else "emergency")


@pytest.mark.parametrize("text", [
    "what do you do if someone throws up lying on their back",
    "i threw up in my mouth a little when i saw the price",
    "burned my hand on the oven last week lol",
    "threw up lying on my back yesterday after a sesh, all fine now",
    "我买好了跳绳 明天开始锻炼",
    "他平躺着睡觉 呼吸很平稳",
    "not coming back to this club, the music was awful",
])
def test_the_38th_and_39th_sets_words_in_everyday_talk_do_not_route(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "her breathing is sooo slow",
    "hes not breeeathing",
    "pleeease help her lips are bluuue",
])
def test_a_letter_typed_over_and_over_reads_as_one(text: str) -> None:
    """Eighth session (blind set 41): "sooo slow" was only offered."""
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "the queue for the bar is killing me, how long till i can redose",
    "my uncle used to overdose back in the 80s, 30 yrs clean now. can k be addictive",
    "is it ok to mix k and valium? i take diazepam for my back",
    "佢以前試過K到昏迷，而家好好，想問下係咪好危險",
])
def test_the_40th_and_41st_sets_everyday_talk_is_not_routed(text: str) -> None:
    """Eighth session, from the tuning halves of blind sets 40 and 41, in my own words: a chore
    'for' something killing me, years clean now, one drug named
    twice (it is one sign, not two adding up), 而家好好 (doing well now)."""
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "took some of my mums diazepam with k and now her breathing is really slow",
    "my heart is racing and it wont stop, took k an hour ago",
    "relapsed after 2 yrs clean, cutting my arm right now and i cant stop",
    "佢而家好好啊 但係頭先又冇咗呼吸",
    "im going to kill myself tonight, killing time till then",
])
def test_those_words_with_a_danger_now_still_route(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


def test_not_seeing_oneself_around_next_year_is_offered_the_crisis_lines() -> None:
    """Eighth session (blind set 40): said in passing after an ordinary question, it got
    nothing."""
    assert assess("is it ok to do k at a wedding? cant really see myself being around next year "
                  "anyway") == CrisisOffer(("mind",), ("mental_crisis",))


@pytest.mark.parametrize("text", ["im cutting my arm right now", "slicing my thighs again rn"])
def test_cutting_an_arm_or_thigh_now_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", ["cutting my hair short for summer", "keep cutting my hand on "
                                  "the tin when i open it", "鼻塞到唞唔到氣 要用口呼吸 正唔正常"])
def test_a_haircut_a_tin_or_a_blocked_nose_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize(("text", "kind"), [
    ("my kid ate some of my ket that was on the table and now shes so drowsy", "emergency"),
    ("个女好似食咗我啲粉 而家好眼瞓", "emergency"),
    ("my mate is twitching all over and his eyes are rolled back, wont stop, we been on pingers "
     "since last night", "emergency"),
    ("佢抽住抽住 牙關咬實", "emergency"),
    ("the rope is already up, this is it", "suicide"),
    ("what mix would make sure i never wake up", "suicide"),
    ("sat in the car with a blade right now", "suicide"),
    ("punching the wall until it bled again", "suicide"),
    ("真的想紫砂了", "suicide"),
    ("今晚就想结束 东西都准备好了", "suicide"),
    ("尿都痾唔出 成晚都係咁", "urinary"),
])
def test_the_40th_and_41st_sets_dangers_now_route(text: str, kind: str) -> None:
    """Eighth session, from the tuning halves of blind sets 40 and 41, in my own words: a child
    who ate the drugs, a fit described (shaking, eyes rolled back, jaw clenched), a plan
    carried out, a blade now, 紫砂 (internet slang for suicide), ending it tonight with
    everything ready, no pee at all (痾唔出). (Not wanting to come down from a rooftop was
    tried and left an offer: 天台烧烤 不想下去了 is a barbecue.)"""
    pages = {"emergency": "emergency", "suicide": "mental_crisis", "urinary": "selfcheck_urgent"}
    assert assess(text) == CrisisMatch(kind, pages[kind])


@pytest.mark.parametrize("text", [
    "bought a rope for the climbing wall",
    "my kid asked what k is after a tv show, what do i tell him",
    "紫砂壶泡茶真的好喝",
    "天台烧烤 不想下去了 太舒服",
    "咬紧牙关坚持 戒K第三个月",
    "scratched my bites til it bled lol",
])
def test_the_40th_and_41st_sets_words_in_everyday_talk_do_not_route(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "he had a seizure and it passes but then another one",
    "my heart is racing but it passes after a minute, then it comes back worse",
    "his chest pain comes and goes but it passes, should i worry",
    "he stopped breathing for a bit but it passes",
])
def test_a_sign_that_passes_is_still_a_danger(text: str) -> None:
    """Eighth session review: reading "but it passes" as over (for "i get the heart racing
    thing but it passes") left these with nothing; it was dropped."""
    assert isinstance(assess(text), CrisisMatch)


def test_an_everyday_laugh_masked_does_not_stand_down_wanting_to_die_said_apart() -> None:
    """Eighth session review: reading a masked everyday laugh ("im dead lol") after "killing
    me" as laughing it off stood down every suicide phrase in the message, including one said
    apart from it; it was dropped."""
    assert assess("work is killing me im dead lol. i want to kill myself tonight") == \
        CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "i want to die for real",
    "the queue for the bar is killing me and i want to die for real",
    "honestly i just want to die for good",
])
def test_wanting_to_die_for_real_is_not_the_idiom_to_die_for(text: str) -> None:
    """Eighth session review: the everyday phrase "to die for" ("the cake is to die for") was
    masked wherever it stood, so "i want to die for real" got nothing at all."""
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", ["the chocolate cake there is to die for",
                                  "that view was to die for", "i would die for a kebab rn"])
def test_to_die_for_said_of_things_is_still_everyday(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "lol kill me now. anyway i want to kill myself tonight",
    "kill me now lol. i am going to kill myself tonight",
    "the queue is 3 hours lol kill me now. honestly tho im going to end my life tonight",
    "杀了我吧哈哈哈 不过说真的我今晚就去跳楼",
])
def test_a_laughed_off_hyperbole_does_not_stand_down_a_suicide_phrase_said_apart(
        text: str) -> None:
    """A laugh takes back the hyperbole it is said with ("kill me now lol"), not the whole
    message: the laugh was read message-wide, so a plan said after it was only offered."""
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    "kill me now lol the queue for the toilets is huge",
    "lol kill me now, my train is cancelled again",
    "kill me lol, kill me now lol this lecture",
    "杀了我吧哈哈哈 明天又要早起",
])
def test_a_laughed_off_hyperbole_alone_is_still_offered_not_routed(text: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisOffer) and answer.kinds == ("mind",)


# Ninth session: from the tuning halves of blind sets 42 and 43, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("my mate od'd on ket and wont wake up", "emergency"),
    ("i think he odd on k, hes not right", "emergency"),
    ("took k with my pain meds and breathing feels like an effort now", "emergency"),
    ("hes doing one gasp every few seconds after the k", "emergency"),
    ("im on the roof of my building and i want to jump", "suicide"),
    ("up on the car park roof and im not climbing back down", "suicide"),
    ("im walking into the sea tonight after this bag", "suicide"),
    ("i keep burning my arm over and over with a lighter", "suicide"),
    ("佢食完K推佢點都唔郁", "emergency"),
    ("她把一整盒止痛药和K一起吃了", "emergency"),
    ("绳子我已经买好了 今晚就走", "suicide"),
    ("查了哪座桥最高 明早就去", "suicide"),
    ("我在伤害自己 停不下来", "suicide"),
    ("拿烟头往手臂上按了好几下", "suicide"),
    ("炭同膠紙都買好晒", "suicide"),
])
def test_the_42nd_and_43rd_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "k makes me feel a bit odd the next day, is that normal",
    "thats odd, the bag weighs less than it should",
    "is k risky for people with breathing problems like asthma",
    "i nearly killed myself laughing at that video, anyway how long does k last",
    "my brother collapsed on k years ago, hes fine now. is mixing with benzos still considered "
    "risky",
    "we joke about wanting to die at work, its just banter. does k make stress worse",
    "部車推極都唔郁 要叫拖車",
    "上班天天说想死都是开玩笑 K多久玩一次算正常",
    "今天去海边玩 有人在沙滩上写了再见",
])
def test_the_42nd_and_43rd_sets_everyday_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "i joke about wanting to die but lately i really do want to die",
    "we joke about wanting to die at work but these days i want to kill myself",
])
def test_joking_about_it_taken_back_still_routes(text: str) -> None:
    """Ninth session review: "joke about" (blind set 43) must not stand down the joke taken back."""
    assert assess(text) == CrisisMatch("suicide", "mental_crisis")


# Ninth session: a sign imagined ahead (blind sets 44 and 45), in my own words, both ways.
@pytest.mark.parametrize("text", [
    "if my mate ever stopped breathing on k what would we do? just want to be prepared",
    "hypothetically if my mate stopped breathing at a rave whats step one",
    "what do you do if a friend has a seizure on ket, nothing happening rn just asking so i know",
    "假如有朋友索K索到叫唔醒 第一步做咩 想預早知",
    "如果朋友K完没呼吸要怎么做 想提前了解一下",
])
def test_a_sign_imagined_ahead_offers_the_emergency_page(text: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisOffer) and answer.kinds[0] == "body"


@pytest.mark.parametrize("text", [
    # said outside the condition, or happening now, or happened already: still routes
    "my friend isnt breathing, what do i do if it gets worse, asking so im prepared",
    "if he stops breathing what do i do, hes really pale right now, asking so im prepared",
    "hypothetically what if my friend isnt breathing rn",
    "if she has another seizure what do i do, just want to be prepared",
    "假如佢唔識郁 點算 佢而家冇晒反應 想預早知",
])
def test_a_sign_not_only_imagined_still_routes(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize(("text", "kind"), [
    ("she swallowed a whole strip of my sleeping pills with her ket", "emergency"),
    ("he went under in the bath and hes coughing up water and floppy", "emergency"),
    ("up on the roof, it feels like the only way out", "suicide"),
    ("i just cut my wrist with a razor", "suicide"),
    ("she says shes cutting as we speak", "suicide"),
    ("我朋友没在正常呼吸 偶尔喘一下", "emergency"),
    ("佢成身一直抽 對眼翻白", "emergency"),
    ("今晚就结束吧 药都准备好了", "suicide"),
    ("我打緊遺書", "suicide"),
    ("剛剛割了好幾刀 還在流血", "suicide"),
    ("我而家燒緊手臂", "suicide"),
])
def test_the_44th_and_45th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "this new album is killing me, so good. how long does k last",
    "this dj set is killing me, best night ever",
    "doing a mental health placement, how do i ask someone if theyre suicidal",
    "for uni: does asking about suicide make people more likely to do it",
    "停咗K之後成日冒冷汗 手震 心慌慌 係咪戒斷",
    "停了K一周 一直冒冷汗 手抖 心慌 是戒断反应吗",
    "stopped ket last week, sweating and heart racing at night, is this withdrawal",
    "我打緊份報告 寫完就去食飯",
])
def test_the_44th_and_45th_sets_everyday_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_a_thing_killing_me_does_not_stand_down_a_plea_said_apart() -> None:
    assert assess("the heat is killing me and honestly i want to kill myself tonight") == \
        CrisisMatch("suicide", "mental_crisis")


@pytest.mark.parametrize("text", [
    # what happens every time, not now (written batch 16), in my own words
    "my heart races every time i take k is that bad",
    "每次玩完K心都跳得很快 风险大吗",
    # a K-hole asked about in general (written batch 15)
    "K洞係咩感覺 會唔會就醒唔返",
])
def test_a_weak_sign_every_time_or_asked_in_general_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "my heart is racing right now, every time i take k it happens",
    "他每次都这样 现在叫不醒",
])
def test_a_sign_every_time_and_now_still_routes(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


def test_thinking_about_ending_it_every_time_is_offered_the_crisis_lines() -> None:
    """Ninth session review: this got nothing at all."""
    answer = assess("every time i use i think about ending it")
    assert isinstance(answer, CrisisOffer) and answer.kinds[0] == "mind"


# Ninth session: from the tuning halves of blind sets 46 and 47, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("his lips r kinda blue and he wont talk", "emergency"),
    ("i swallowed like 15 diazepam after the k", "emergency"),
    ("shes only taking a breath every now and then", "emergency"),
    ("im going to take it all so i dont wake up", "suicide"),
    ("on the bridge thinking about jumping off", "suicide"),
    ("got the rope ready, im doing it tonight", "suicide"),
    ("my mate says hes going to jump, hes on the roof", "suicide"),
    ("been trying to pee since this morning and nothing comes out", "urinary"),
    ("他吸一大口 然后半天没动静", "emergency"),
    ("佢而家好似冇骨咁 頭都抬唔起", "emergency"),
    ("站在天台 在想要不要跳下去", "suicide"),
    ("她说叫我不要找她 然后关机了", "suicide"),
    ("烫完还想接着烫", "suicide"),
    ("现在一直拿头撞墙 停不下来", "suicide"),
])
def test_the_46th_and_47th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "this dj is really killing me, what a set",
    "好想消失一个月 去海边躺平",
    "一般来说有人没呼吸了要怎么做 就是问问 没人出事",
    "万一有朋友跟我说想不开 我应该怎么回应",
    "老细电到我想死 听日仲要返工",
    "今日俾主管电到想死 之后去咗食火锅",
    "someone on reddit said the comedown made them want to die, is that common",
    "我同事喊着不想活了 因为电脑又死机 哈哈哈",
    "在想要不要跳槽 工作太累了",
    "我今天要走了 去机场",
])
def test_the_46th_and_47th_sets_everyday_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "my sister texted 'i want to die' lol what do i say",
    "my friend said 'i want to die' and now she wont answer",
    "she screamed 'i want to die' and locked herself in lol what do i do",
])
def test_words_told_rather_than_exclaimed_still_route(text: str) -> None:
    """Ninth session review: someone's words reported to the writer are no joke, laugh or not."""
    assert isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    # a collapse reported, then a question about the next time (ninth session's review)
    "he collapsed 10 mins ago, what do i do if it happens again",
    "my friend passed out, what if he passes out again",
    "他晕倒了 如果再晕要怎么办 想提前了解",
])
def test_a_collapse_reported_then_asked_about_again_routes(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize("text", [
    "what do i do if my friend passes out again at a party",
    "怎么判断朋友是睡着了还是晕过去了 如果以后再遇到怎么办",
])
def test_a_collapse_only_imagined_or_asked_how_to_tell_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Ninth session: from the tuning half of blind set 48, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("at the river. not coming back this time", "suicide"),
    ("i took a full strip of my tablets with the k", "emergency"),
    ("burning myself and i cant stop", "suicide"),
    ("他眼珠子往上翻 浑身一直哆嗦", "emergency"),
    ("她平躺着吐了一嘴 叫也不应", "emergency"),
    ("药我已经吞了一半", "suicide"),
    ("刚才又割了 割得很深", "suicide"),
])
def test_the_48th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "i used to self harm years ago, doing grand now, does k affect mood",
    "我好几年前自残过 现在状态挺稳的 想问k对情绪有影响吗",
    "三年前我朋友过量进过医院 现在早戒了 就想知道当时是咋回事",
])
def test_the_48th_sets_past_said_to_be_over_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Tenth session: from the tuning half of blind set 49, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("someone spiked my drink and now i cant stand", "emergency"),
    ("我好像被人下药了 全身没力", "emergency"),
    ("她躺着打呼 推她不动", "emergency"),
    ("他脸好白 我摸不到跳", "emergency"),
    ("tonight im not planning on waking up", "suicide"),
    ("安眠药我全吞了 别救我", "suicide"),
])
def test_the_49th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # a scene being made, not a friend overdosing
    "writing a short film where a character overdoses, what would paramedics do",
    # said, then taken back
    "kms this lag (not literally) does k numb your feet",
    # asked ahead, to be ready, about a degree
    "到什么程度会叫不醒 想提前知道 免得朋友出事",
    # a deadline
    "明天交ppt 一页没写 救命",
    # asking whether it gets better is not hopelessness
    "停了半年膀胱会不会好起来",
    "whats the point where a k hole turns dangerous",
    # asking what to do in general, nobody named as drugged now
    "在酒吧被人下药了应该怎么办",
])
def test_the_49th_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


@pytest.mark.parametrize("text", [
    "停了半年膀胱会不会好起来",
    "whats the point where a k hole turns dangerous",
    "心疼死了 刚买的k撒了一地",
])
def test_the_49th_sets_everyday_words_are_not_offered(text: str) -> None:
    assert assess(text) is None


# From the tuning half of blind set 50, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("我朋友k完泡澡 喊他都不应", "emergency"),
    ("他锁在厕所里 敲门也不应", "emergency"),
    ("她脸朝下趴着 刚吐了一地", "emergency"),
    ("手臂划得好深 血止不住", "emergency"),
    ("刚才又划了 流了好多血", "suicide"),
    ("刀片已经在手上了", "suicide"),
    ("刀片在手上 今晚不想再撑了", "suicide"),
    # since last night is not the past: still no pee now
    ("昨天半夜起就尿不出来 坐了好久一滴都没有 下腹胀痛", "urinary"),
])
def test_the_50th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # the writer's own thoughts go on, the danger is long over
    "我表哥三年前说过不想活了 现在过得挺好 我一直在想当时该怎么回他",
    "以前有個同事寫過想死 而家佢開心好多 想問點樣留意身邊人",
    # said not to be now, asked to be ready, how to answer
    "如果朋友跟我说想自杀 我该怎么接话 不是现在发生了",
    # asked ahead, if someone cannot be woken at a party
    "先问清楚 假如有人叫不醒 我们该做啥",
    # only a little faster after coffee
    "今日飲完咖啡心跳快咗少少 晚上索k會唔會更快",
])
def test_the_50th_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# From the tuning half of blind set 51, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("he keeps asking the same question over and over, he fell off the wall", "emergency"),
    ("cut my hand on a bottle and its pouring blood", "emergency"),
    ("he slipped under the water in the tub for a bit, hes coughing", "emergency"),
    ("not one drop since lunch and my belly is swollen", "urinary"),
    ("keep hitting myself and i cant stop", "suicide"),
    ("他吃了半瓶安眠药 现在好沉", "emergency"),
    ("他躺着打呼的声音很怪", "emergency"),
    ("遗书写了一半", "suicide"),
    ("今晚全部用完 没打算醒过来", "suicide"),
])
def test_the_51st_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # a bill, a laugh, a TV drama: the body words are everyday talk
    "the parking fine gave me a proper heart attack lol, does k stay in your system long",
    "laughed so hard at the comedy gig that i stopped breathing. is k ok with beer",
    "watching holby and every other scene is someone collapsing, is k really that dangerous",
    "need a scene where the lead overdoses for a student film, what would it look like",
    "看到账单我直接心梗了",
    "那个小品笑得我抽搐 k完为啥老想笑",
    "还有五千字没写 救命",
    # over, and said so
    "我舅舅前年在饭局上抽搐过 现在早没事了 想问酒和k一起有多危险",
    # the suicide phrase denied
    "一个人在国外有点孤单 不过没什么想不开的 想问哪里有匿名热线",
])
def test_the_51st_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Found while tuning on set 51 (not from any set): a sign going on now, told beside an old one,
# was read as the past ("my dad is having chest pain, he had a heart attack last year": nothing).
@pytest.mark.parametrize("text", [
    "my dad is having chest pain, he had a heart attack last year",
    "my friend is having a seizure, she had one last year too",
    "我朋友在抽搐 她去年也抽过一次",
])
def test_a_sign_going_on_now_beside_an_old_one_routes(text: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == "emergency"


# From the tuning half of blind set 52, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("came to on the floor, no idea how long i was out, theres a lump on my head", "emergency"),
    ("he cut his head on the table, blood pouring from it", "emergency"),
    ("他只是偶尔喘一口气 怎么叫都没用", "emergency"),
    ("今日一整天都冇尿 個肚脹晒", "urinary"),
    ("我已经站在栏杆外面了", "suicide"),
    ("炭都買咗 今晚燒", "suicide"),
])
def test_the_52nd_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # not wanting it to come to an ambulance
    "今晚飲酒又索k 有咩要注意 唔想搞到要叫白車",
    "去蹦迪之前想问问注意啥 不想搞到要打120",
    # a barbecue
    "炭都买了 今晚烧烤 k和啤酒一起可以吗",
    # a past, better now
    "我哥以前会割手 现在好很多了 他最近开始玩k 要担心吗",
])
def test_the_52nd_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# From the tuning half of blind set 53, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("found her by the canal soaked and freezing, barely talking", "emergency"),
    ("cut my wrist again tonight, its bleeding through the plaster", "emergency"),
    ("cut my leg again, worse than before", "suicide"),
    ("他在外面躺着 手脚都冻紫了", "emergency"),
    ("拿烟头烫在胳膊上 一下接一下", "suicide"),
    ("钱都还不上了 撑不下去了 现在在天台", "suicide"),
    ("今晚又特别想划 刀就在桌上", "suicide"),
])
def test_the_53rd_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # pressure, not breath; a life not to live like someone's; work after "kill me"
    "这个月房贷压得我喘不过气 k能放松吗",
    "我不想活成我妈那样 一辈子为别人活",
    "杀了我吧 老板让我今晚改完这个ppt",
    # over, and said so; recalled today
    "初中的时候有过想不开的念头 现在挺好的 想问k会影响情绪吗",
    "楼下几年前有人跳楼 今天路过又想起来了",
    # whether it makes something likelier
    "夏天k完是不是更容易中暑",
    # it passed by itself
    "k完胸口有点闷 过一会儿就好了 要担心吗",
    # the word as a topic
    "i watched a documentary about suicide and it hit hard. im ok",
])
def test_the_53rd_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_an_urge_to_self_harm_in_a_question_is_offered() -> None:  # a guard: it was before
    answer = assess("上个月划过 今晚又想划了 不知道能不能忍住")
    assert answer is not None


# From the tuning half of blind set 54, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("睡了三个小时还是不醒 脸白得像纸", "emergency"),
    ("刚才抖了好久 现在不动了", "emergency"),
    ("她躺在沙发上 眼睛半开", "emergency"),
    ("今天尿越来越少 现在完全没有了", "urinary"),
    ("安眠药和k一起多少会死 我认真的", "suicide"),
    ("車窗關好了 炭也點了", "suicide"),
    ("一路用个头撞墙 停唔到", "suicide"),
])
def test_the_54th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # in care and better now; better today; after exercise
    "以前有段时间想不开 现在挺好的 一直在看心理医生 想问k影响情绪吗",
    "昨天k完心跳很快 今天好了 是血压的问题吗",
    "上次k完心悸 现在还好 是不是用多了",
    "刚跑完步心跳快得要死",
    # a weak sign told of someone sitting and talking with the writer: offered, not opened
    "朋友说有点心跳快 不过她坐着跟我聊天 脸色正常 要去医院吗",
])
def test_the_54th_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_a_weak_sign_of_someone_talking_with_the_writer_offers_the_emergency_page() -> None:
    answer = assess("my mate says his heart is racing but hes sitting here chatting with me")
    assert isinstance(answer, CrisisOffer) and answer.kinds[0] == "body"


@pytest.mark.parametrize("text", [
    # a strong sign, or only breathing said to be ok: still opened
    "hes chatting with me but now hes having a seizure",
    "my friend did k, hes breathing ok but hes gone really pale and cold and barely says anything",
])
def test_talking_or_breathing_ok_never_stands_a_strong_or_silent_sign_down(text: str) -> None:
    assert isinstance(assess(text), CrisisMatch)


# Seen while tuning on set 11's tuning half: grey or blue round the lips is a sign like "blue lips".
@pytest.mark.parametrize("text", [
    "shes gone grey around the lips and isnt answering",
    "he has a bluish colour round the lips since the k",
])
def test_colour_round_the_lips_routes(text: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == "emergency"


# From the tuning halves of blind sets 55 and 56, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("she fell off the climbing wall, landed on her head, now shes sick", "emergency"),
    ("hes only breathing every few seconds with big gaps", "emergency"),
    ("my chest feels like an elephant sat on it", "emergency"),
    ("took a load of my sleeping pills after the k", "emergency"),
    ("doing all of it tonight, the whole bag", "suicide"),
    ("im going to walk into the sea tonight", "suicide"),
    ("已经定好了 安眠药一起吞", "suicide"),
    ("在桥边站了很久 脑子里一直说跳吧跳吧", "suicide"),
    ("晚安 是永远的晚安", "suicide"),
    ("鼻血流了半小时还止不住 眼前发黑", "emergency"),
    ("他发了条下辈子见 然后就不回了", "suicide"),
])
def test_the_55th_and_56th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # the word itself, a song's name, a thing overdosed on, a laugh right before "unalive me"
    "my nan says unalive now because of her grandkids",
    "my most played song this year is called suicide something lol",
    "overdosed on netflix this weekend, is k ok with antihistamines",
    "lol unalive me now my dad found my bumper",
    # a sport, just talk, a game's name, not me
    "去蹦极了 从桥上跳下去那一下太刺激了",
    "她们说的为爱豆去死都是口嗨 别当真",
    "被拉进一个叫一起去死的群 原来是剧本杀车队",
    "不是我要寻死 就是想问问心理热线能不能打",
    # asked whether, or why it is dangerous, or hearsay
    "工地四十度 晚上k一点会不会跟中暑叠在一起",
    "喝酒再K为什么危险 听说会呛到呕吐物",
    # a working role asking ahead; a heart back to normal
    "我在夜店当保安 想知道K过量长啥样 什么情况该打120",
    "昨晚心跳快得吓人 现在手环显示72了",
])
def test_the_55th_and_56th_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# From the written batches' tuning halves (25, 26), in my own words: questions, not crises.
@pytest.mark.parametrize("text", [
    "my nose bleeds loads these days, will my septum collapse",
    "K洞里面会不会一直醒不过来啊",
])
def test_questions_about_a_nose_or_a_k_hole_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


def test_a_person_who_cannot_be_woken_still_routes_beside_the_question() -> None:
    answer = assess("他叫不醒 会不会醒不过来啊")
    assert isinstance(answer, CrisisMatch) and answer.kind == "emergency"


def test_feeling_grey_in_cantonese_is_no_blue_lips() -> None:
    # 成個人好灰: low in mood (written batch 27), not grey skin
    assert not isinstance(assess("索完K成個人好灰 唔想見人"), CrisisMatch)


# From the tuning halves of blind sets 57 and 58, in my own words, both ways.
@pytest.mark.parametrize(("text", "kind"), [
    ("他撞到头以后一直问同样的问题", "emergency"),
    ("她吐出来有血 肚子好痛", "emergency"),
    ("被电动车撞了 腿弯成奇怪的角度", "emergency"),
    ("佢屙唔出 成日冇屙過 個肚好脹", "urinary"),
    ("我一直在搜不痛苦的走法", "suicide"),
    ("想走得安静一点 k和什么一起用", "suicide"),
    ("儲夠晒 打算今晚一次過用晒", "suicide"),
    ("keep checking how high the bridge near me is", "suicide"),
])
def test_the_57th_and_58th_sets_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    # crowded, queues, period pain: everyday hyperbole
    "早上地铁挤到想死",
    "排队排得我想死 现在想想好好笑",
    "经痛很严重 痛到想死那种 k能止痛吗",
    # out for the breeze; fine now; over for years
    "寒流嚟 我喺天台吹風 好凍",
    "昨晚有人递给我一杯饮料 我现在人没事 想问是不是被下药了",
    "中學嗰陣鎅過手 已經好多年冇 想問k會唔會影響情緒",
])
def test_the_57th_and_58th_sets_ordinary_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Review of the tenth session's phrases: everyday uses of words its routes hold.
@pytest.mark.parametrize("text", [
    "刚才过马路差点被车撞了 吓死",
    "站起来太快眼前发黑 正常吗",
    "这汤烫得吓人",
    "闹钟响了三次还是不醒",
    "电脑现在不动了 卡死了",
    "我睡觉的时候眼睛半开 正常吗",
    "今晚食晒佢 唔好浪费",
    "菜一次全上吧",
    "结婚的日子都选好了",
    "呢段關係我唔想再繼續落去",
    "跟同事都道过别了 明天去新公司",
    "决定了 这段感情就结束吧",
    "炭也点了 肉也腌好了",
    "去朋友家敲门不开 应该出去了",
    "手里拿着菜刀在切菜",
    "waited 20 mins later nothing so i had a bit more",
    "my legs went stiff and sore after the gym",
    "my left arm is tingling from sleeping on it",
    "having drinks on the roof of my building tonight",
    "we walked into the sea at sunset, is k ok at the beach",
])
def test_the_tenth_sessions_route_words_in_everyday_use_are_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Eleventh session (blind sets 59-63's tuning halves, the written batches' tuning halves, and
# phrases an everyday phrase had masked away, which check now warns of), in my own words.
@pytest.mark.parametrize(("text", "kind"), [
    ("我室友K完躺在床上 没在喘气的样子", "emergency"),
    ("他在浴缸里 整个人滑进水里 叫不醒", "emergency"),
    ("我弟说今晚还要割 刀就在桌上", "suicide"),
    ("她已经把安眠药和K都准备好了", "suicide"),
    ("my brother is in the bath and keeps sliding under the water", "emergency"),
    ("my flatmate is cutting himself right now and won't open the door", "suicide"),
    ("he said he's taking all his pills tonight to end it", "suicide"),
    ("my mum hasnt been able to pee at all since breakfast", "urinary"),
    ("我老公跌低咗 成个人唔郁", "emergency"),
    ("他摔倒了 后脑撞到地 在流血", "emergency"),
    ("她嘴巴周围变蓝了 躺着不动", "emergency"),
    ("今晚食晒啲药 之后唔会再醒", "suicide"),
    ("药我攒了很久 今晚就吃", "suicide"),
    ("他说不想拖累家人 拿着农药出去了", "suicide"),
    ("今天一整天没有尿 肚子好胀", "urinary"),
    ("been trying to wee for hours and not a drop", "urinary"),
])
def test_the_eleventh_sessions_signs_route(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind


@pytest.mark.parametrize("text", [
    "佢快死啦",  # 死啦 was everyday and masked it
    # 朋友 was not among who may be dying (only 我/他/佢 were)
    "我朋友好似快死啦 點算", "朋友好像快死了",
    # a racing heart asked "is it normal" or "is it related" with another sign, or not asked
    "心跳好快 胸口好痛 正唔正常", "朋友心跳好快 叫唔醒 正常吗", "我心跳好快 好惊",
    "心跳好快 嘴唇发紫 有关系吗",
    # the words of the everyday phrases below, in an emergency
    "我朋友被车撞了 流好多血", "佢暈咗 幾時先要叫白車", "他抽搐了 我应该做什么",
    "朋友醒不过来了 怎么办",
    # someone not waking reported second-hand now (听说 is not a question about the K-hole)
    "群里听说小明醒不过来了 怎么办",
])
def test_the_eleventh_sessions_emergencies_open_the_emergency_page(text: str) -> None:
    assert assess(text) == CrisisMatch("emergency", "emergency")


@pytest.mark.parametrize(("text", "kind"), [
    ("K用多少会一睡不醒", "mind"),  # 一睡不醒 was under the everyday 睡不醒
    ("我想饿死自己", "mind"),  # 饿死自己 was under 饿死
    # how much would kill, in slang (挂掉 beside an amount, blind set 63): never nothing
    ("一次拉三克會不會直接掛掉", "mind"), ("多少K会挂掉", "mind"),
    # blood in the pee, cramps, ketamine taken for pain
    ("昨晚K完 今天尿里有血", "body"), ("屙尿有血 好驚", "body"),
    ("肚子一阵阵绞痛 痛了一晚", "body"), ("膀胱好痛 我都靠拉点K来止痛", "body"),
    # a racing heart asked "is it normal": the heart page answers first, the emergency page is
    # the first button
    ("我索完K心跳好快 正唔正常", "body"), ("K加咖啡之后心跳很快 这样正常吗", "body"),
])
def test_the_eleventh_sessions_signs_are_offered(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisOffer) and answer.kinds[0] == kind


@pytest.mark.parametrize("text", [
    # the narrowed everyday phrases still mask everyday talk
    "死啦 忘记带钥匙", "死啦死啦 功课未做", "每天都睡不醒 好累", "饿死了 去吃饭吧",
    "紧张到心都快跳出来了", "这是最后一次用K了 戒了",
    # sets 59-61
    "紧张到窒息 还好面试过了", "有气喘的人可以拉K吗", "死线明早九点 现在才开始写 救命",
    "公厕大家排排站 我就尿不出来", "周末去划船 今晚还要划一个钟", "中秋烤肉我负责买炭",
    "找个高点的地方看烟花", "going out tonight to end it with him, wish me luck",
    "bought a rope for climbing this weekend",
    "moving to australia, won't be needing a return ticket",
    "my eye drops won't come out of the bottle", "kids sliding under the water at the pool",
    "she left a note saying goodbye on her last day at work",
    # sets 62 and 63
    "如果有人在我面前抽搐 我应该做什么 提前学一下", "早高峰挤地铁挤到快窒息",
    "追星追到心脏骤停 太帅了", "我家的猫被车撞了 送去兽医了 没事",
    "新闻说有明星烧炭走了 好难过", "killing me softly is my karaoke song",
    "幾時先要叫白車？想預早知", "好想死我家的狗 好久没回家了",
    # their route words in everyday use
    "跑完步手脚在抽筋", "鼻血狂咁流 點算", "后脑勺撞到门框 好痛", "我爸拿着农药去田里了",
    "喺海边玩 跳落去游水", "天台上风景好 不想下去了", "攒了好久的零食 今晚就吃",
    # hearsay, and asking whether it is related
    "听说K洞会醒不过来 是真的吗", "玩K心跳会快 跟高血压有关系吗",
])
def test_the_eleventh_sessions_everyday_talk_is_not_routed(text: str) -> None:
    assert not isinstance(assess(text), CrisisMatch)


# Review of the eleventh session's everyday phrases and stand-downs: each had hidden a crisis
# said with the same words (想死我家 of family, 写..救命 beside a goodbye note, 醒..睡到下午 after
# K, 气喘病 flaring, 面都青埋, 明星烧炭 wished for); narrowed, these route again.
@pytest.mark.parametrize(("text", "kind"), [
    ("好想死 我家里人都不要我", "suicide"), ("想死我屋企冇人理我", "suicide"),
    ("他写好遗书了 救命 电话不接", "emergency"), ("朋友K完叫不醒 睡到下午了", "emergency"),
    ("朋友索完K叫极都唔醒 瞓到下昼", "emergency"), ("他气喘病发作了 吸不到气", "emergency"),
    ("佢面都青埋 唇都紫咗", "emergency"), ("我也想学那个明星烧炭", "suicide"),
])
def test_the_everyday_phrases_hide_no_crisis_said_with_their_words(text: str, kind: str) -> None:
    answer = assess(text)
    assert isinstance(answer, CrisisMatch) and answer.kind == kind
