"""Text built to make a bot work hard: what a hostile or careless sender can type.

Shared by the bounded-work tests (tests/core/test_search_bounds.py) and the benchmark
(benchmarks/bench_hostile_text.py), so both measure the same inputs. Each kind targets a cost:
NFKC expansion (one symbol becomes several letters), long words (typo neighbourhoods grow with
the square of a word's length), many distinct words (each one looked up), Chinese (characters
and pairs), and characters that look like nothing (combining, zero-width).
"""

from __future__ import annotations

import random
import string

from hypothesis import strategies as st

TELEGRAM_MESSAGE_CHARS = 4096
INLINE_QUERY_CHARS = 256

# Each of these becomes two to four letters under NFKC.
UNIT_SYMBOLS = "㎉㎏㎎㎖㎞㎝㎜㎡㎥㎐㎑㎒㎓㏄㏈㏎㏖㍱㍲㍳"
LIGATURES = "ﬀﬁﬂﬃﬄﬅﬆ"
COMBINING = "\u0301\u0300\u0308\u0327\u034f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HEX = "0123456789abcdef"
CJK_COMMON = ("我你他的是不了人在有这个上们来到时大地为子中说生国年着就那和要她出也"
              "得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事"
              "把还用第样道想作种开美尿膀胱痛血K仔嗑索")
SCRIPTS = "абвгдежзийклмнопрстуфхцчшщэюяαβγδεζηθικλμνξοπρστυφχψωאבגדהוזחטיכלמנסעפצקרשת"
KNOWN = ("bladder", "ketamine", "alcohol", "cramps", "kidney", "breathing", "emergency", "urine",
         "nosebleed", "tolerance", "withdrawal", "mixing", "blood", "pee", "help")


def crafted(length: int = TELEGRAM_MESSAGE_CHARS, seed: int = 1) -> dict[str, str]:
    """Named hostile messages of ``length`` characters (before normalisation)."""
    rng = random.Random(seed)

    def fill(make: str | list[str], sep: str = "") -> str:
        parts: list[str] = []
        size = 0
        while size < length:
            part = make if isinstance(make, str) else rng.choice(make)
            parts.append(part)
            size += len(part) + len(sep)
        return sep.join(parts)[:length]

    def word(n: int, alphabet: str = string.ascii_lowercase) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    return {
        "one unit symbol": fill("㎉"),
        "unit symbols mixed": "".join(rng.choice(UNIT_SYMBOLS) for _ in range(length)),
        "unit symbols spaced": fill([s * rng.randint(1, 6) for s in UNIT_SYMBOLS], " "),
        "ligatures": "".join(rng.choice(LIGATURES) for _ in range(length)),
        "one letter": fill("a"),
        "random letters": word(length),
        "hex hash": word(length, HEX),
        "24-letter words": fill([word(24) for _ in range(400)], " "),
        "12-letter words": fill([word(12) for _ in range(600)], " "),
        "8-letter words": fill([word(8) for _ in range(800)], " "),
        "near-known words": fill([k[:-1] + word(2) for k in KNOWN for _ in range(20)], " "),
        "known words glued": fill([rng.choice(KNOWN) + rng.choice(KNOWN) for _ in range(300)],
                                  " "),
        "Chinese common": "".join(rng.choice(CJK_COMMON) for _ in range(length)),
        "Chinese rare": "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(length)),
        "mixed scripts": "".join(rng.choice(SCRIPTS + CJK_COMMON + string.ascii_letters + " ")
                                 for _ in range(length)),
        "combining marks": fill([rng.choice(string.ascii_lowercase) + rng.choice(COMBINING)
                                 for _ in range(50)]),
        "zero-width inside words": fill([rng.choice(KNOWN) + rng.choice(ZERO_WIDTH)
                                         for _ in range(50)]),
        "digits": word(length, string.digits),
        "emoji": "".join(rng.choice("🆘💊🍺😵‍💫🫠❤️‍🔥👨‍👩‍👧") for _ in range(length // 3)),
    }


_ALPHABETS = [UNIT_SYMBOLS, LIGATURES, COMBINING + string.ascii_lowercase,
              ZERO_WIDTH + string.ascii_lowercase, HEX, CJK_COMMON, SCRIPTS,
              string.ascii_lowercase, "a", string.ascii_lowercase + " "]


@st.composite
def hostile_text(draw: st.DrawFn, max_size: int = TELEGRAM_MESSAGE_CHARS) -> str:
    """Runs of characters from the alphabets above, of any length, glued or spaced."""
    pieces = draw(st.lists(
        st.tuples(st.sampled_from(_ALPHABETS), st.integers(1, 400), st.sampled_from(["", " "])),
        min_size=1, max_size=20))
    seed = draw(st.integers(0, 2**16))
    rng = random.Random(seed)
    text = "".join("".join(rng.choice(alphabet) for _ in range(n)) + sep
                   for alphabet, n, sep in pieces)
    return text[:max_size]
