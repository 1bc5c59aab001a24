"""Questions real people posted (tests/data/real_questions.yaml): the set is sound, its split is
the one made once, and search keeps its floors on the held-out half.

The floors are the figures as they came out with the ranking tuned on the tuning half and
the content of 6 Dec 2026 (93 pages; batches 1 and 2, measured end to end as the bot answers,
a crisis route showing its page), less one question: a change that loses more than that
on questions nobody tuned on must say why. Never raise a floor by tuning on the held-out
half; see the data file's header.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.model.model import LOCALES
from tests.core.real_questions import (
    WRITTEN,
    RealQuestion,
    Score,
    bot_answers,
    evaluate,
    load,
)

ROOT = Path(__file__).resolve().parents[2]

# Batches -> (locale, half) -> (top-1, top-3) at least, out of the questions that have a right
# page. Batch 3 (38 Chinese questions, 6 Dec 2026, fourth session) came out, before any tuning
# on it: held zh-Hans 6/9 top-1, 7/9 top-3; held zh-Hant 9/10, 9/10; floors are one below the
# whole. Batch 4 (7 Dec 2026: en 70, zh-Hans 37, zh-Hant 35) has floors of its own: as it
# came out before any tuning on it, less one.
FLOORS = {
    (1, 2, 3): {
        ("en", "held"): (64, 72),
        ("zh-Hans", "held"): (21, 25),
        ("zh-Hant", "held"): (21, 26),
        # 70 -> 69 (tenth session): a section below its own page that matched nearly as well
        # won 13 tuning questions and lost this one ("What can ketamine bladder look like?")
        ("en", "tune"): (69, 82),
        ("zh-Hans", "tune"): (23, 25),
        ("zh-Hant", "tune"): (26, 28),
    },
    (4,): {
        ("en", "held"): (18, 26),
        ("zh-Hans", "held"): (5, 8),
        ("zh-Hant", "held"): (1, 9),
        ("en", "tune"): (17, 26),
        ("zh-Hans", "tune"): (5, 10),
        ("zh-Hant", "tune"): (5, 10),
    },
    # Batch 5 (sixth session: en 64, zh-Hant 41; mostly titles and FAQ headings, few posts),
    # measured whole before any tuning on it: en top-1 63%, top-3 80%; zh-Hant 52%, 68%.
    (5,): {
        ("en", "held"): (18, 21),
        ("zh-Hant", "held"): (7, 7),
        ("en", "tune"): (15, 21),
        ("zh-Hant", "tune"): (4, 8),
    },
}


@pytest.fixture(scope="module")
def questions() -> list[RealQuestion]:
    return load()


@pytest.fixture(scope="module")
def shipped() -> ScreenBuilder:
    return ScreenBuilder.load(ROOT / "content", ROOT / "locales")


def test_every_question_has_a_source_and_pages_that_exist(
        questions: list[RealQuestion], shipped: ScreenBuilder) -> None:
    assert len(questions) >= 100
    assert {q.locale for q in questions} == set(LOCALES)
    assert len({(q.locale, q.query) for q in questions}) == len(questions), "a duplicate"
    for question in questions:
        assert question.url.startswith(("https://", "http://")), question
        assert question.half in ("tune", "held"), question
        unknown = [page for page in question.pages if not shipped.content.has_page(page)]
        assert not unknown, (question.query, unknown)


def test_the_split_is_the_one_made_once(questions: list[RealQuestion]) -> None:
    """Per language, one source page's questions are all in one half, and the halves were
    dealt by the rule in the data file's header: batch by batch, groups in order of their
    URL's SHA-256, each to the half with fewer questions so far. Moving a question breaks this;
    a question added later comes in a new batch and does not move the old ones."""
    for locale in LOCALES:
        counts = Counter({"tune": 0, "held": 0})
        for batch in sorted({q.batch for q in questions}):
            groups: dict[str, list[RealQuestion]] = defaultdict(list)
            for question in questions:
                if question.locale == locale and question.batch == batch:
                    groups[question.url].append(question)
            for url in sorted(groups, key=lambda u: hashlib.sha256(u.encode()).hexdigest()):
                halves = {q.half for q in groups[url]}
                assert len(halves) == 1, f"{url} feeds both halves"
                expected = "tune" if counts["tune"] <= counts["held"] else "held"
                counts[expected] += len(groups[url])
                assert halves == {expected}, f"{url}: dealt to {halves}, the rule gives {expected}"


def assert_floors(questions: list[RealQuestion], shipped: ScreenBuilder,
                  floors: dict[tuple[str, str], tuple[int, int]]) -> None:
    scores = evaluate(questions, bot_answers(shipped))
    report = "\n".join(f"{locale} {half}: {score.line()}"
                       for (locale, half), score in sorted(scores.items()))
    print(report)
    for key, (top1, top3) in floors.items():
        score = scores.get(key, Score())
        assert score.top1 >= top1 and score.top3 >= top3, f"{key} fell below its floor:\n{report}"


@pytest.mark.parametrize("batches", sorted(FLOORS))
def test_held_out_and_tuning_floors(questions: list[RealQuestion], shipped: ScreenBuilder,
                                    batches: tuple[int, ...]) -> None:
    assert {q.batch for q in questions} == {b for group in FLOORS for b in group}
    assert_floors([q for q in questions if q.batch in batches], shipped, FLOORS[batches])


# -- the independent tester's written questions (tests/data/written_questions.yaml) ----------

# Per batch (one independent tester each), (locale, half) -> (top-1, top-3) at least.
# Batch 1: as it came out on 6 Dec 2026 (README), less one question; the tuning half's
# vocabulary work (same day) left the held-out half where it was before any tuning.
# Batches 2 and 3 (two more testers, 7 Dec 2026): as they came out before any tuning on
# them, less one. Then keywords proposed for every page by a writer who saw only the pages
# (never a question) were kept for what they did on the tuning halves (top-1 +15, top-3 +3);
# the held-out halves as they came out: top-1 +22, top-3 +4 over all sets, but batch 1's
# zh-Hans top-3 fell from 40 to 38 and batch 2's English top-3 from 14 to 12 (floors lowered
# by those counts; counts only, never rows).
WRITTEN_FLOORS = {
    1: {
        ("en", "held"): (24, 29),
        ("zh-Hans", "held"): (28, 37),
        ("zh-Hant", "held"): (30, 34),
        ("en", "tune"): (37, 45),
        ("zh-Hans", "tune"): (28, 34),
        ("zh-Hant", "tune"): (30, 35),
    },
    2: {
        ("en", "held"): (8, 11),
        ("zh-Hans", "held"): (10, 14),
        ("zh-Hant", "held"): (7, 11),
        ("en", "tune"): (14, 16),
        ("zh-Hans", "tune"): (16, 18),
        ("zh-Hant", "tune"): (11, 15),
    },
    3: {  # third tester, 7 Dec 2026: as it came out before any tuning on it, less one
        ("en", "held"): (7, 11),
        ("zh-Hans", "held"): (15, 17),
        ("zh-Hant", "held"): (10, 14),
        ("en", "tune"): (15, 16),
        ("zh-Hans", "tune"): (7, 13),
        ("zh-Hant", "tune"): (12, 15),
    },
}
WRITTEN_FLOORS[4] = {  # fourth tester (short, hurried), 7 Dec 2026: as it came out, less one
    ("en", "held"): (20, 21),
    ("zh-Hans", "held"): (8, 12),
    ("zh-Hant", "held"): (12, 13),
    ("en", "tune"): (11, 12),
    ("zh-Hans", "tune"): (15, 20),
    ("zh-Hant", "tune"): (15, 18),
}
WRITTEN_FLOORS[5] = {  # fifth tester, end of the fifth session: as it came out, less one
    ("en", "held"): (17, 19),
    ("zh-Hans", "held"): (14, 17),
    ("zh-Hant", "held"): (13, 20),
    ("en", "tune"): (9, 12),
    ("zh-Hans", "tune"): (13, 15),
    ("zh-Hant", "tune"): (11, 14),
}
WRITTEN_FLOORS[6] = {  # sixth tester, start of the sixth session: as it came out, less one
    ("en", "held"): (15, 16),
    ("zh-Hans", "held"): (11, 15),
    ("zh-Hant", "held"): (14, 18),
    ("en", "tune"): (16, 19),
    ("zh-Hans", "tune"): (13, 16),
    ("zh-Hant", "tune"): (12, 13),
}
WRITTEN_FLOORS[7] = {  # seventh tester (older and very online voices), sixth session: less one
    ("en", "held"): (10, 11),
    ("zh-Hans", "held"): (14, 14),
    ("zh-Hant", "held"): (19, 20),
    ("en", "tune"): (21, 22),
    ("zh-Hans", "tune"): (15, 17),
    ("zh-Hant", "tune"): (10, 12),
}
WRITTEN_FLOORS[8] = {  # eighth tester (worried, in a hurry), end of the sixth session: less one
    ("en", "held"): (10, 12),
    ("zh-Hans", "held"): (13, 16),
    ("zh-Hant", "held"): (13, 15),
    ("en", "tune"): (15, 17),
    ("zh-Hans", "tune"): (12, 14),
    ("zh-Hant", "tune"): (12, 15),
}
WRITTEN_FLOORS[9] = {  # ninth tester (young weekend users, older bladder), 7th session: less one
    ("en", "held"): (12, 17),
    ("zh-Hans", "held"): (15, 16),
    ("zh-Hant", "held"): (9, 14),
    ("en", "tune"): (15, 16),
    ("zh-Hans", "tune"): (13, 14),
    ("zh-Hant", "tune"): (14, 15),
}
WRITTEN_FLOORS[10] = {  # tenth tester (long-time users, partners, peer workers), 7th session
    ("en", "held"): (11, 11),
    ("zh-Hans", "held"): (16, 17),
    ("zh-Hant", "held"): (12, 17),
    ("en", "tune"): (13, 14),
    ("zh-Hans", "tune"): (9, 13),
    ("zh-Hant", "tune"): (11, 13),
}
WRITTEN_FLOORS[11] = {  # eleventh tester (30-55, long-time users, parents, partners), 8th session
    ("en", "held"): (13, 15),
    ("zh-Hans", "held"): (14, 16),
    ("zh-Hant", "held"): (18, 20),
    ("en", "tune"): (13, 17),
    ("zh-Hans", "tune"): (17, 18),
    ("zh-Hant", "tune"): (12, 15),
}
WRITTEN_FLOORS[12] = {  # twelfth tester (teenagers, students, first-timers, typing high), 8th
    ("en", "held"): (7, 10),
    ("zh-Hans", "held"): (14, 18),
    ("zh-Hant", "held"): (14, 18),
    ("en", "tune"): (18, 23),
    ("zh-Hans", "tune"): (11, 16),
    ("zh-Hant", "tune"): (11, 13),
}
WRITTEN_FLOORS[13] = {  # thirteenth tester (outreach workers, people new to a place), 9th session
    ("en", "held"): (13, 15),
    ("zh-Hans", "held"): (16, 16),
    ("zh-Hant", "held"): (12, 16),
    ("en", "tune"): (14, 16),
    ("zh-Hans", "tune"): (14, 15),
    ("zh-Hant", "tune"): (14, 17),
}
WRITTEN_FLOORS[14] = {  # fourteenth tester (long-time users, 40-60, typing badly), 9th session
    ("en", "held"): (10, 11),
    ("zh-Hans", "held"): (14, 15),
    ("zh-Hant", "held"): (16, 18),
    ("en", "tune"): (20, 22),
    ("zh-Hans", "tune"): (17, 18),
    ("zh-Hant", "tune"): (9, 14),
}
WRITTEN_FLOORS[15] = {  # fifteenth tester (services, law, privacy, formal and code-switched), 9th
    ("en", "held"): (16, 21),
    ("zh-Hans", "held"): (15, 17),
    ("zh-Hant", "held"): (10, 11),
    ("en", "tune"): (12, 13),
    ("zh-Hans", "tune"): (13, 14),
    ("zh-Hant", "tune"): (15, 19),
}
WRITTEN_FLOORS[16] = {  # sixteenth tester (mixing, brand and street names, K-hole, doses), 9th
    ("en", "held"): (15, 19),
    ("zh-Hans", "held"): (15, 18),
    ("zh-Hant", "held"): (14, 17),
    ("en", "tune"): (11, 13),
    ("zh-Hans", "tune"): (11, 14),
    ("zh-Hant", "tune"): (11, 14),
}
WRITTEN_FLOORS[17] = {  # seventeenth tester (the body in everyday words, parents, a scare), 9th
    ("en", "held"): (17, 19),
    ("zh-Hans", "held"): (13, 15),
    ("zh-Hant", "held"): (12, 15),
    ("en", "tune"): (12, 14),
    ("zh-Hans", "tune"): (14, 16),
    ("zh-Hant", "tune"): (13, 16),
}
WRITTEN_FLOORS[18] = {  # eighteenth tester (stopping, helping a friend, practical; regional), 9th
    ("en", "held"): (9, 12),
    ("zh-Hans", "held"): (8, 10),
    ("zh-Hant", "held"): (18, 22),
    ("en", "tune"): (19, 19),
    ("zh-Hans", "tune"): (18, 22),
    ("zh-Hant", "tune"): (5, 11),
}
WRITTEN_FLOORS[19] = {  # nineteenth tester (nights out, mixing, bladder in slang, spelling by
    # sound), 10th session: both halves as they came out at the split, less one
    ("en", "held"): (11, 14),
    ("zh-Hans", "held"): (14, 16),
    ("zh-Hant", "held"): (10, 13),
    ("en", "tune"): (18, 19),
    ("zh-Hans", "tune"): (17, 17),
    ("zh-Hant", "tune"): (10, 13),
}
WRITTEN_FLOORS[20] = {  # twentieth tester (formal and careful, help near me, law, travel, work
    # tests, pregnancy, asked in the negative), 10th session: as they came out, less one
    ("en", "held"): (16, 22),
    ("zh-Hans", "held"): (17, 19),
    ("zh-Hant", "held"): (14, 18),
    ("en", "tune"): (9, 10),
    ("zh-Hans", "tune"): (10, 14),
    ("zh-Hant", "tune"): (10, 14),
}
WRITTEN_FLOORS[21] = {  # twenty-first tester (very short fragments, pasted symptom lists, three
    # things and one point, a friend or partner), 10th session: as they came out, less one
    ("en", "held"): (13, 17),
    ("zh-Hans", "held"): (14, 17),
    ("zh-Hant", "held"): (13, 15),
    ("en", "tune"): (11, 14),
    ("zh-Hans", "tune"): (18, 19),
    ("zh-Hant", "tune"): (8, 16),
}
WRITTEN_FLOORS[22] = {  # twenty-second tester (Hong Kong and Taiwan above all, mainland regions,
    # Singapore, Malaysian, Irish, Scottish and Australian English; recovery and healing times),
    # 10th session: as they came out, less one
    ("en", "held"): (14, 15),
    ("zh-Hans", "held"): (13, 15),
    ("zh-Hant", "held"): (16, 19),
    ("en", "tune"): (20, 21),
    ("zh-Hans", "tune"): (17, 19),
    ("zh-Hant", "tune"): (11, 13),
}
WRITTEN_FLOORS[23] = {  # twenty-third tester (feelings rather than names, "is this normal", what
    # if I keep going, for a friend, slang from games and music), 10th session: less one
    ("en", "held"): (16, 22),
    ("zh-Hans", "held"): (14, 15),
    ("zh-Hant", "held"): (12, 18),
    ("en", "tune"): (10, 10),
    ("zh-Hans", "tune"): (12, 16),
    ("zh-Hant", "tune"): (6, 9),
}
WRITTEN_FLOORS[24] = {  # twenty-fourth tester (two questions at once, money, work, school, law,
    # help in a named city, "sorry, dumb question", panic typing), 10th session: less one
    ("en", "held"): (14, 17),
    ("zh-Hans", "held"): (13, 15),
    ("zh-Hant", "held"): (12, 15),
    ("en", "tune"): (12, 14),
    ("zh-Hans", "tune"): (16, 19),
    ("zh-Hant", "tune"): (12, 17),
}
WRITTEN_FLOORS[25] = {  # twenty-fifth tester (forum-style posts: a title line, details,
    # "throwaway", 求助, 在线等, 請問各位大大), 10th session: as they came out, less one
    ("en", "held"): (14, 17),
    ("zh-Hans", "held"): (15, 17),
    ("zh-Hant", "held"): (16, 20),
    ("en", "tune"): (11, 14),
    ("zh-Hans", "tune"): (15, 18),
    ("zh-Hant", "tune"): (12, 13),
}
WRITTEN_FLOORS[26] = {  # twenty-sixth tester (misspelt and sound-alike characters, abbreviations,
    # answering their own question, asking about the bot), 10th session: less one
    ("en", "held"): (14, 18),
    ("zh-Hans", "held"): (19, 20),
    ("zh-Hant", "held"): (13, 17),
    ("en", "tune"): (12, 15),
    ("zh-Hans", "tune"): (13, 14),
    ("zh-Hant", "tune"): (16, 16),
}
WRITTEN_FLOORS[27] = {  # twenty-seventh tester (the body after months of use in vague words,
    # healing times, comparing with a friend), 10th session: as they came out, less one
    ("en", "held"): (17, 20),
    ("zh-Hans", "held"): (16, 19),
    ("zh-Hant", "held"): (14, 17),
    ("en", "tune"): (13, 13),
    ("zh-Hans", "tune"): (13, 15),
    ("zh-Hant", "tune"): (15, 16),
}
WRITTEN_FLOORS[28] = {  # twenty-eighth tester (planning a night, the law and drug tests, a named
    # place, prescribed medicines by brand name), 10th session: as they came out, less one
    ("en", "held"): (12, 13),
    ("zh-Hans", "held"): (20, 23),
    ("zh-Hant", "held"): (11, 15),
    ("en", "tune"): (11, 13),
    ("zh-Hans", "tune"): (8, 11),
    ("zh-Hant", "tune"): (11, 13),
}
WRITTEN_FLOORS[29] = {  # twenty-ninth tester (long-time users, partners and parents, clubbers,
    # recovery; the body, mixing, help by region), 11th session: as they came out, less one
    ("en", "held"): (11, 13),
    ("zh-Hans", "held"): (16, 18),
    ("zh-Hant", "held"): (11, 14),
    ("en", "tune"): (14, 18),
    ("zh-Hans", "tune"): (13, 16),
    ("zh-Hant", "tune"): (14, 17),
}
WRITTEN_FLOORS[30] = {  # thirtieth tester (typing fast on a phone, short with typos, short
    # worried stories; money, work, law, testing, the bot itself), 11th session: less one
    ("en", "held"): (10, 11),
    ("zh-Hans", "held"): (13, 16),
    ("zh-Hant", "held"): (11, 12),
    ("en", "tune"): (14, 15),
    ("zh-Hans", "tune"): (14, 14),
    ("zh-Hant", "tune"): (13, 16),
}
WRITTEN_FLOORS[31] = {  # thirty-first tester (typing high, asking for a friend, older long-time
    # users, Hong Kong and Taiwan services and law, the body in everyday words), 11th session:
    # as they came out, less one
    ("en", "held"): (20, 22),
    ("zh-Hans", "held"): (15, 17),
    ("zh-Hant", "held"): (15, 18),
    ("en", "tune"): (9, 10),
    ("zh-Hans", "tune"): (13, 15),
    ("zh-Hant", "tune"): (10, 12),
}
WRITTEN_FLOORS[32] = {  # thirty-second tester (nights out, mixing by brand and street names,
    # cutting down, partners and parents, the bot and privacy, clauses that rule something out),
    # 11th session: as they came out, less one
    ("en", "held"): (15, 16),
    ("zh-Hans", "held"): (18, 20),
    ("zh-Hant", "held"): (10, 13),
    ("en", "tune"): (14, 17),
    ("zh-Hans", "tune"): (13, 13),
    ("zh-Hant", "tune"): (16, 17),
}
WRITTEN_SIZES = {1: {"en": 80, "zh-Hans": 80, "zh-Hant": 80},
                 2: {"en": 40, "zh-Hans": 40, "zh-Hant": 40},
                 3: {"en": 40, "zh-Hans": 40, "zh-Hant": 40},
                 4: {"en": 39, "zh-Hans": 40, "zh-Hant": 40},
                 5: {"en": 40, "zh-Hans": 38, "zh-Hant": 40},
                 6: {"en": 40, "zh-Hans": 38, "zh-Hant": 39},
                 7: {"en": 40, "zh-Hans": 40, "zh-Hant": 40},
                 8: {"en": 40, "zh-Hans": 40, "zh-Hant": 39},
                 9: {"en": 40, "zh-Hans": 40, "zh-Hant": 38},
                 10: {"en": 39, "zh-Hans": 38, "zh-Hant": 40},
                 11: {"en": 39, "zh-Hans": 40, "zh-Hant": 40},
                 12: {"en": 38, "zh-Hans": 39, "zh-Hant": 40},
                 13: {"en": 39, "zh-Hans": 39, "zh-Hant": 39},
                 14: {"en": 39, "zh-Hans": 39, "zh-Hant": 38},
                 15: {"en": 40, "zh-Hans": 39, "zh-Hant": 39},
                 16: {"en": 40, "zh-Hans": 39, "zh-Hant": 38},
                 17: {"en": 39, "zh-Hans": 39, "zh-Hant": 40},
                 18: {"en": 40, "zh-Hans": 39, "zh-Hant": 40},
                 19: {"en": 39, "zh-Hans": 39, "zh-Hant": 37},
                 20: {"en": 40, "zh-Hans": 38, "zh-Hant": 39},
                 21: {"en": 39, "zh-Hans": 39, "zh-Hant": 39},
                 22: {"en": 40, "zh-Hans": 38, "zh-Hant": 39},
                 23: {"en": 40, "zh-Hans": 38, "zh-Hant": 38},
                 24: {"en": 40, "zh-Hans": 40, "zh-Hant": 39},
                 25: {"en": 38, "zh-Hans": 40, "zh-Hant": 40},
                 26: {"en": 40, "zh-Hans": 38, "zh-Hant": 38},
                 27: {"en": 40, "zh-Hans": 39, "zh-Hant": 38},
                 28: {"en": 40, "zh-Hans": 39, "zh-Hant": 37},
                 29: {"en": 40, "zh-Hans": 40, "zh-Hant": 38},
                 30: {"en": 37, "zh-Hans": 39, "zh-Hant": 39},
                 31: {"en": 39, "zh-Hans": 40, "zh-Hant": 39},
                 32: {"en": 39, "zh-Hans": 37, "zh-Hant": 39}}


def test_the_written_set_is_split_once_and_its_pages_exist(shipped: ScreenBuilder) -> None:
    written = load(WRITTEN)
    assert len({(q.locale, q.query) for q in written}) == len(written), "a duplicate"
    for question in written:
        digest = hashlib.sha256(f"{question.locale}\n{question.query}".encode()).digest()
        assert question.half == ("held" if digest[0] % 2 == 0 else "tune"), question
        assert all(shipped.content.has_page(page) for page in question.pages), question
    for batch, sizes in WRITTEN_SIZES.items():
        assert Counter(q.locale for q in written if q.batch == batch) == sizes, batch
    assert {q.batch for q in written} == set(WRITTEN_FLOORS) == set(WRITTEN_SIZES)


@pytest.mark.parametrize("batch", sorted(WRITTEN_FLOORS))
def test_written_questions_hold_their_floors(shipped: ScreenBuilder, batch: int) -> None:
    assert_floors([q for q in load(WRITTEN) if q.batch == batch], shipped,
                  WRITTEN_FLOORS[batch])
