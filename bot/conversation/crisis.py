"""Spot messages that describe an emergency, suicidal thoughts or an urgent bladder problem, so
the bot can answer with the right page at once instead of search results.

Two answers (issue #22, ``docs/crisis.md``): a *route* (``CrisisMatch``) is the crisis page at
once; an *offer* (``CrisisOffer``) is a risk signal not clear enough to route, answered with the
search results plus one line and a first button to the crisis lines or the emergency page.
Every phrase that routes or offers, red flags included, is in the editors' lists in
``content/crisis/signals/`` (matched by ``crisis_rules``, with their sources; ``docs/crisis.md``).
This module keeps what only a programmer can maintain: tense, general questions, negation and
absence (read by ``_judge`` for route phrases at the place they match), pain and everyday talk,
a shy bladder, and the numbers (degrees, beats a minute, the 15-minute threshold for confusion)
that phrases cannot say. ``detect_crisis`` gives routes only (what may pass the flood limit);
``assess`` gives either.

The text is folded (``search.text.fold``: lower case, full-width to half-width, Traditional to
Simplified, plus the few Traditional characters of crisis words that search does not fold, in
``MORE_VARIANTS``). The English view has everything but letters, digits and inner apostrophes
turned into single spaces ("O.D." -> "o d", "佢OD咗" -> " od "); the regular expressions left
here start with a literal space, so the scan only tries word starts.

Red flags are the emergency page's and the brief's section 7 "call for help if someone" list:
can't be woken, breathing difficulty or not breathing normally (shallow, gurgling, snoring
noises, gasping), seizures, confused or agitated for over 15 minutes, chest pain, pale skin or
blue lips, a faint pulse, rigid muscles, a high temperature, a fast or racing heart; and
choking, overdose, collapse, and an injury (a knock to the head, bleeding that will not stop),
which ketamine can hide by numbing pain. The editors' lists write each in English, mainland
Chinese, Taiwanese usage (沒有呼吸, 叫不醒) and Cantonese (佢冇咗呼吸, 叫極都唔醒, 塊面好青,
佢郁都唔郁), with named groups of linking words and adverbs between their parts ("my chest is
really tight", "心跳得好快"), never "any words".

Judgement calls, in order of precedence:

- **Emergency** beats everything. Strong signs: not breathing or breathing strangely, cannot be
  woken or unconscious, a seizure (抽筋 only with signs like 口吐白沫, 全身, 翻白眼 — alone it
  means cramp; 癫痫 only with 发作 — alone it is a condition someone may ask about), chest pain,
  blue or grey lips and skin, a faint or missing pulse, choking, dying, asking whether to call
  an ambulance. Chest pain counts even when asked as a question ("chest pain from coke and
  ket?"): better safe.
- Weaker signs stand down for a general question ("can you overdose on ket", "does ket make your
  heart race", "如果", "会不会"): passed out, collapsed, overdose, 过量, 晕倒, and the signs
  people also ask about out of curiosity or that often pass: a racing heart, a high
  temperature, pale skin, rigid muscles, confusion. Not when the message also says it is
  happening now ("my heart is racing right now, can ket do that?"), and "what should I do" /
  "点算" asks for help, it is not a general question. A weak sign that happens "every time"
  (每次), with nothing saying now, is offered too; signs that only add up, asked about as
  withdrawal (戒断), are offered. Confusion and agitation count only with
  a time of 15 minutes or more ("confused for half an hour", "混乱咗成个钟") or "still": the
  brief's threshold, and a K-hole confuses everyone for a while. A bare "fever" / 发烧 and
  snoring on its own are not red flags; snoring noises, gurgling and 鼾声好怪 are.
- A sign imagined ahead, inside "if" / 假如 in a question said to be asked to be ready ("asking
  so im prepared", 想预早知), with nothing saying now and not "again" / 再, offers the emergency
  page rather than opening it; said outside the condition, it routes.
- A sign placed in the past with no sign it is still happening ("passed out last week",
  "上星期叫唔醒") is not an emergency now, nor one said to be over ("he passed out but he's
  fine now", "而家冇事"). "Since yesterday" / "由昨天" is not the past, and neither are
  minutes or hours ago ("collapsed an hour ago", "半个钟以前").
- A red flag right after a plain negation is absent, not present: "no chest pain", "he's not
  unconscious", "never had a seizure", "冇胸口痛", "唔系抽搐". Signs that carry their own
  negation ("not breathing", "冇反应") are unaffected.
- "I can't wake up" (in the morning) is the writer, who is awake: only someone else who can't be
  woken counts ("can't wake him", "he won't wake up").
- Pain talk is not suicide: a body or pain word just before "kill" ("my back is killing me",
  "this headache is killing me", "kcramps are killing me"; "my bladder kills" has no "me" at
  all) is not a suicide signal; nor is a thing that "is killing me" ("this set is killing me",
  "this album is killing me"). "Kill me" and "I want to kill myself" still are: better a gentle
  crisis page too many. A laugh on the hyperbole ("kill me now lol") takes back that place
  only. The same for 杀我 after 膀胱, 腰, 痛 and so on. "My chest is killing me" is chest
  pain: emergency. 想死 stays suicide even in "痛到想死": it says "want to die" outright.
- **Suicide** is its own kind; simple negations right before the words stand it down ("I don't
  want to die from this", "not suicidal", "I'm not going to kill myself", "唔系想死",
  "我冇谂过自杀"), but "I don't want to live" is a trigger, and so are Cantonese 唔想再做人
  ("don't want to be a person any more") and cutting, 𠝹手 / 鎅手 (often typed 界手), "I've been
  cutting again" (not cutting down, back or lines), "no one would miss me", and wanting to take
  all one's pills (having taken them is an emergency). Past tense does not stand it down.
  Planning an overdose ("I want to OD") is suicide, not the emergency of an overdose that
  happened.
- **Urinary** (cannot pee at all, a lot of blood in the pee, peeing blood now) comes last.
  "Can't pee in front of people" / "without it burning" is not retention, and "blood in my
  pee sometimes" is a question for the self-check, not an urgent sign.

Speed: this runs on every typed message (twice: flood control lets crises through first). The
phrase engine reads a message in one pass; the few signs left here are grouped (``Signs``) and
skipped when none of their ``keys`` (plain substrings) is in the text. Tense and question words
are read only when a sign matched.

Nothing is stored or logged: the text is only read. Every pattern is compiled once at import;
gaps between words are bounded, so a 20,000-character message is scanned in linear time.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.conversation.crisis_rules import (
    MASK,
    MORE_VARIANTS,
    ZH_STOP_AT,
    CrisisRules,
    Hit,
    Judge,
    Signal,
    asks_zh,
    shipped_rules,
)
from bot.conversation.search.text import APOSTROPHES, FOLD_TABLE

Kind = Literal["emergency", "suicide", "urinary"]
OfferKind = Literal["mind", "body"]
PAGES: dict[Kind, str] = {
    "emergency": "emergency",
    "suicide": "mental_crisis",
    "urinary": "selfcheck_urgent",
}
_OFFER_PAGES: dict[OfferKind, str] = {"mind": "mental_crisis", "body": "emergency"}
# Telegram messages are at most 4096 characters. What is read is cut after folding too: NFKC
# turns one symbol into several letters ('㎉' is "kcal"), and a message must not grow fourfold.
MAX_CHARS = 4_096


@dataclass(frozen=True)
class CrisisMatch:
    """Route: the crisis page is the whole answer, at once."""

    kind: Kind
    page: str


@dataclass(frozen=True)
class CrisisOffer:
    """Offer: a risk signal not clear enough to route. The search answer comes with one short
    line on top and a first button to ``pages[0]`` (``kinds[0]`` says which line); a second kind
    found in the same message gets the second button."""

    kinds: tuple[OfferKind, ...]
    pages: tuple[str, ...]


# Traditional characters of crisis words that search's fold table leaves alone (打呼嚕, 渾身,
# 胡言亂語, 厭世, 成身滾熱, 嘴唇發藍, 諗過, 變曬, 準備, 攢藥, 頂樓, 冇辦法), and regional variants
# OpenCC writes (揾, 説): one table, shared with the editors' phrase lists.
# The English view: runs of anything but letters, digits and apostrophes inside words are one
# space, and the text is padded with spaces so every word has a space on each side.
_NOT_WORD = re.compile(r"[^a-z0-9']+")
_EDGE_APOSTROPHES = re.compile(r"(?<![a-z0-9])'+|'+(?![a-z0-9])")
_SPACES = re.compile(" {2,}")
# Zero-width and soft-hyphen characters inside a word ("not bre\u200bathing") are dropped, so
# they hide nothing.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Full-width ASCII forms and the ideographic space (，？！ in most Chinese typing) to what NFKC
# makes of them: NFKC would map them the same way, and a message with no other
# compatibility form is then normalized already, without a slow NFKC of every character.
_FULL_WIDTH = {chr(code): unicodedata.normalize("NFKC", chr(code))
               for code in (*range(0xFF01, 0xFF5F), 0x3000)}
_HAS_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
# Search's folding and the crisis words' own variants in one table: one pass over the text.
_FOLD_ALL = {**{code: MORE_VARIANTS.get(ord(to), to) if isinstance(to, str) and len(to) == 1
                else to for code, to in FOLD_TABLE.items()},
             **{code: to for code, to in MORE_VARIANTS.items() if code not in FOLD_TABLE}}
# with the apostrophes too, read after casefold (which leaves them and never makes one: a
# test compares every character): one pass over the text fewer
_FOLD_VIEW = {**_FOLD_ALL, **{code: "'".translate(_FOLD_ALL) for code in APOSTROPHES}}
_HAS_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_HAS_LATIN = re.compile("[a-z]")


def _words(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


# -- English building blocks, written into patterns as <name> --------------------------------

_EN_PARTS = {
    # up to three adverbs between a negation and its verb: "isn't really breathing"
    "adv": "(?:" + _words(
        "really", "even", "properly", "fully", "quite", "actually", "just", "still", "totally",
        "completely", "literally", "normally", "seem to", "seems to", "seem to be",
        "seems to be", "appear to be", "appears to be", "be able to", "able to", "manage to",
        "kinda", "kind of", "sort of", "like", "at all", "ever", "very", "so", "that", "barely",
        "hardly", "get to", "make") + " ){0,3}",
    # up to four linking words between a body part and its state: "lips have gone a bit blue"
    "link": "(?:" + _words(
        "is", "are", "am", "was", "were", "be", "been", "being", "'s", "'re", "s", "has", "have",
        "had", "gone", "going", "went", "goes", "go", "gotten", "turned", "turning", "turns",
        "turn", "looks", "look", "looking", "looked", "feels", "feel", "feeling", "felt",
        "seems", "seem", "getting", "gets", "get", "got", "becoming", "become", "all", "so",
        "really", "very", "a bit", "bit", "a little", "little", "kinda", "kind of", "sort of",
        "quite", "pretty", "super", "totally", "completely", "like", "slightly", "rather", "too",
        "still", "now", "more", "keeps", "keep", "kept", "started", "starting", "extremely",
        "incredibly", "fucking", "fuckin", "literally", "actually", "just", "also", "even",
        "sounds", "sound", "sounding", "way", "suddenly", "properly") + " ){0,4}",
    # someone else as the subject: "he's", "my friend is"
    "they": _words("he", "she", "they", r"he'?s", r"she'?s", r"they'?re", "hes", "shes",
                   "theyre", "he is", "she is", "they are", r"(?:my|our|the) [a-z']+(?: is)?",
                   "it"),
}
_PART = re.compile(r"<([a-z]+)>")


def _expand(pattern: str, parts: dict[str, str]) -> str:
    return _PART.sub(lambda found: parts[found.group(1)], pattern)


def _en(*alternatives: str) -> re.Pattern[str]:
    """English alternatives as whole words on the English view (see the module docstring)."""
    body = "|".join(_expand(alternative, _EN_PARTS) for alternative in alternatives)
    return re.compile(r" (?:" + body + r")(?= )")


# -- Chinese building blocks, written into patterns as <g> -----------------------------------

# Adverbs, particles and aspect words that sit inside a Chinese red flag: 心跳得好快, 块面好青,
# 胸口好似有啲闷, 呼吸变得好浅. Up to three, from this list only.
_ZH_GAP = "(?:" + _words(
    "好似", "好像", "似乎", "像", "好", "很", "非常", "超级", "超", "劲", "极", "都", "又", "仲",
    "还", "已经", "开始", "越来越", "愈来愈", "越嚟越", "有啲", "有点", "有些", "有d", "啲",
    "d", "变得", "变咗", "变", "得", "咗", "了", "着", "住", "到", "真系", "真的", "十分", "太",
    "咁", "特别", "突然", "忽然", "一直", "不停", "唔停", "一阵阵", "阵阵", "有", "系", "是",
    "的", "嘅", "好鬼", "几", "蛮", "挺", "相当", "明显", "完全", "真", "实在", "比较", "发",
    "转", "晒", "成个", "个") + "){0,3}"
_ZH_PARTS = {
    "g": _ZH_GAP,
}


def _zh(*alternatives: str) -> re.Pattern[str]:
    """Chinese alternatives, led by a look-ahead for the characters a match can start with
    when ``first_chars`` can tell: ``re`` then skips to those in C (several times faster on
    4,096 characters: a pattern led by a look-behind or a group gets no such skip of its own)."""
    body = "|".join(_expand(alternative, _ZH_PARTS) for alternative in alternatives)
    firsts = first_chars(body)
    if not firsts:
        return re.compile(body)
    return re.compile("(?=[" + "".join(map(re.escape, sorted(firsts))) + "])(?:" + body + ")")


_SPECIAL = frozenset(".^$*+?{}[]\\|()")


def _top_level(pattern: str, at: int = 0) -> tuple[list[str], int]:
    """``pattern``'s alternatives from ``at`` up to its closing bracket (or the end), and
    where that bracket is."""
    alternatives: list[str] = []
    depth = 0
    start = index = at
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = pattern.index("]", index + 2)
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
        index += 1
    alternatives.append(pattern[start:index])
    return alternatives, index


def _optional(pattern: str, at: int) -> bool:
    """Whether the atom that ends before ``at`` may be left out (``?``, ``*``, ``{0,n}``)."""
    return pattern[at:at + 1] in ("?", "*") or pattern.startswith("{0", at)


def _skip_quantifier(pattern: str, at: int) -> int:
    if pattern[at:at + 1] in ("?", "*", "+"):
        at += 1
    elif pattern[at:at + 1] == "{":
        at = pattern.index("}", at) + 1
    return at + 1 if pattern[at:at + 1] in ("?", "+") else at


def first_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with, or None when it cannot tell
    (a class with ranges, an escape, a dot, or a match that may be empty). Reads the plain
    subset the patterns here are written in; anything else answers None (no look-ahead)."""
    found: set[str] = set()
    for alternative in _top_level(pattern)[0]:
        firsts = _sequence_firsts(alternative)
        if firsts is None or firsts[1]:
            return None
        found |= firsts[0]
    return frozenset(found)


def _sequence_firsts(pattern: str) -> tuple[set[str], bool] | None:
    """The first characters of one alternative (its atoms in turn, while each may be left
    out), and whether it may match nothing at all; None when it cannot tell."""
    found: set[str] = set()
    at = 0
    while at < len(pattern):
        char = pattern[at]
        if pattern.startswith(("(?<!", "(?<=", "(?!", "(?="), at):  # takes no character
            at = _top_level(pattern, at + (4 if pattern[at + 2] == "<" else 3))[1] + 1
            continue
        if pattern.startswith("(?:", at):
            inner, close = _top_level(pattern, at + 3)
            empty = False
            for one in inner:
                firsts = _sequence_firsts(one)
                if firsts is None:
                    return None
                found |= firsts[0]
                empty = empty or firsts[1]
            at = close + 1
            may_skip = empty or _optional(pattern, at)
        elif char == "[":
            close = pattern.index("]", at + 2)
            members = pattern[at + 1:close]
            if members.startswith("^") or "-" in members or "\\" in members:
                return None
            found |= set(members)
            at = close + 1
            may_skip = _optional(pattern, at)
        elif char in _SPECIAL:
            return None
        else:
            found.add(char)
            at += 1
            may_skip = _optional(pattern, at)
        if not may_skip:
            return found, False
        at = _skip_quantifier(pattern, at)
    return found, True


# Things that "are dying" or "are killing me" in everyday talk: my phone is dying, the plants are
# dying, this heat is killing me (issue #22's tricky ordinary messages).
_THINGS = ("phone", "battery", "laptop", "computer", "car", "plant", "plants", "flowers", "tree",
           "fish", "signal", "series", "show", "party", "conversation", "trend", "vibe", "heat",
           "weather", "humidity", "suspense", "wait", "waiting", "traffic", "commute", "work",
           "job", "boss", "exam", "exams", "essay", "homework", "deadline", "deadlines", "queue",
           "noise", "song", "music", "class", "lecture", "meeting", "uni", "school", "cold",
           "hangover", "diet", "shoes", "kids", "shift", "shifts", "rota", "overtime",
           "dissertation", "thesis", "assignment", "assignments", "coursework", "revision")

# Words for a time of 15 minutes or more, for confusion and agitation (the brief's threshold).
_EN_LONG = _words(
    r"(?:1[5-9]|[2-9]\d|[1-9]\d\d)(?: odd| or so)? ?(?:mins?|minutes?)",
    r"(?:fifteen|twenty|thirty|forty|fifty|sixty|ninety)(?: [a-z]+)? ?(?:mins?|minutes?)",
    "half an hour", "quarter of an hour", "an hour", "hours", "ages", "a while", "a long time",
    "so long", "too long", "all night", "forever",
    r"(?:one|two|three|four|five|several|few|couple|couple of|\d+) (?:hours?|hrs?)")
_EN_CONFUSED = _words(
    "confused", "agitated", "disoriented", "disorientated", "delirious", "incoherent",
    "out of it", "not making (?:any )?sense", "talking (?:nonsense|gibberish|rubbish)",
    r"doesn'?t know where (?:he|she|they) (?:is|are)",
    r"doesn'?t recogni[sz]e (?:me|us|anyone|anybody)")
_ZH_LONG = _words(
    r"(?:1[5-9]|[2-9]\d|\d{3,})(?:几|多)?分钟?",
    "(?:十[五六七八九]|[二三四五六]十|廿|卅|几十)(?:几|多)?分钟?",
    "(?:[三四五六七八九十]|十一|十二)个字", "半(?:个)?(?:钟头|钟|小时|粒钟)",
    "(?:一|两|二|几|成|1|2|3)(?:个)?(?:多|半)?(?:钟头|小时|粒钟|钟)", "个几钟", "好耐", "好久",
    "很久", "蛮久", "一段时间", "成晚", "整晚", "一整晚", "整夜")
_ZH_CONFUSED = _words(
    "混乱", "错乱", "烦躁", "躁动", "糊涂", "迷糊", "懵", "唔清醒", "不清醒", "激动", "胡言乱语",
    "语无伦次", "认(?:唔|不)(?:到|出|得)人", "(?:唔|不)认得人", "发癫", "发狂", "乱讲嘢", "乱说话")


@dataclass(frozen=True)
class Signs:
    """One red flag's patterns, in one language. Every text they match contains one of
    ``keys`` (plain substrings of the folded text), so a message without any key skips the
    regular expression: most messages are about something else."""

    name: str
    chinese: bool
    keys: tuple[str, ...]
    pattern: re.Pattern[str]
    gate: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # one search in C for all the keys: faster than a loop of ``in`` tests
        object.__setattr__(self, "gate", re.compile("|".join(map(re.escape, self.keys))))


def _en_signs(name: str, keys: str, *alternatives: str) -> Signs:
    return Signs(name, False, tuple(keys.split("|")), _en(*alternatives))


def _zh_signs(name: str, keys: str, *alternatives: str) -> Signs:
    return Signs(name, True, tuple(keys.split("|")), _zh(*alternatives))


# Strong signs (an emergency now, even when asked as a question) are all in the editors' lists
# (content/crisis/signals/, route phrases with in_questions: true).
# Weak signs: stood down by a general question ("can you overdose on ket") unless the message
# also says it is happening now. Only what needs a programmer is left here: numbers (degrees,
# beats a minute) and the brief's 15-minute threshold for confusion; their words are in the
# editors' lists.
EMERGENCY_WEAK: tuple[Signs, ...] = (
    _en_signs(
        # the words are in the editors' lists; a number of degrees is read here
        "high temperature",
        "temp|fever",
        r"(?:temperature|temp|fever) (?:of |is |at |around |like |about |over |above )*"
        r"(?:3[89]|4[0-4]|10[1-9]|11\d)(?: \d)?(?: ?(?:c|f|degrees?))?(?! outside)",
    ),
    _en_signs(
        # the words are in the editors' lists; a number of beats a minute is read here
        "racing heart",
        "heart|pulse",
        r"(?:heart ?beat|heart ?rate|heart|pulse) <link>(?:1[2-9]\d|2\d\d)(?: ?bpm)?",
    ),
    _en_signs(
        "confused for 15 minutes",
        "confused|agitated|disorient|delirious|incoherent|out of it|sense|talking"
        "|know where|recogni",
        _EN_CONFUSED + r"(?! (?:about|by|with|why|how|what|whether|as to|if|at))"
        r" (?:(?!about |by |why |how |what |whether )[a-z']+ ){0,6}?" + _EN_LONG
        + r"(?! (?:about|whether|as to|over))",
        _EN_LONG + r" (?:[a-z']+ ){0,6}?(?:still )?" + _EN_CONFUSED,
        r"<they>(?: 's| 're|'s|'re)? (?:still|been|has been|have been|'s been|is still"
        r"|are still) <adv>" + _EN_CONFUSED
        + r"(?! (?:about|by|with|why|how|what|whether|as to|if|at))",
    ),
    _zh_signs(
        # the words are in the editors' lists; a number of degrees is read here
        "high temperature",
        "烧|热|烫|体温",
        r"(?:烧|体温|发热|烫)<g>(?:3[89]|4[0-3]|三十九|四十)(?:\.\d)?(?:度|℃)?",
    ),
    _zh_signs(
        # the words are in the editors' lists; a number of beats a minute is read here
        "racing heart",
        "心",
        r"心跳(?:每分钟|有)?(?:1[2-9]\d|2\d\d)",
    ),
    _zh_signs(
        "confused for 15 minutes",
        "神志|神智|意识|知觉|自己|混乱|错乱|烦躁|躁动|糊涂|迷糊|懵|清醒|激动|胡言乱语|语无伦次"
        "|认|发癫|发狂|乱讲|乱说",
        r"(?:神志|神智|意识|知觉)<g>(?:不清|混乱|模糊|唔清|不清醒|唔清醒|错乱|迷糊)"
        r"|(?:唔|不)知(?:道)?自己(?:喺|在)(?:边|哪)",
        _ZH_CONFUSED + "[^。！？!?.]{0,12}?" + _ZH_LONG,
        _ZH_LONG + "[^。！？!?.]{0,12}?" + _ZH_CONFUSED,
        r"(?:仲|仍然|还是|依然|一直)<g>" + _ZH_CONFUSED,
    ),
)

# General questions: these stand weak signs down ("can you overdose on ket").
HYPOTHETICAL = (
    _en(r"(?<! not sure )(?<! unsure )(?<! dunno )(?<! don't know )(?<! dont know )"
        r"(?<! wondering )(?<! wonder )(?<! idk )(?<! tell )(?<! check )(?<! see )if",
        # asking the number to call is no general question ("he passed out whats the number")
        r"what (?:is|are|does|happens|counts|should)(?! the number)(?! the ambulance number)",
        r"what'?s(?! the number)(?! the ambulance number)",
        # not "no idea how long i was out" (blind set 52): a report, no question
        r"(?<! no idea )(?<! not sure )(?<! don't know )(?<! dont know )(?<! idk )(?<! dunno )"
        r"(?<! unsure )how (?:do|does|can|to|much|many|long|would|should|are|is)",
        r"are there", r"is there",
        r"can (?:you|u|people|someone)", r"is it possible",
        r"signs? of", r"symptoms? of", r"risks? of", r"chances? of", r"meaning of",
        r"(?:does|do|can|could|will|would|might|may|why does|why do|why would|why can) "
        r"(?:ket|ketamine|k|special k|mixing|using|taking|snorting|drugs?"
        r"|alcohol|coke|cocaine|mdma|ghb)",
        # whether a claim heard somewhere is true
        r"is (?:that|it|this) (?:actually |really |even )?(?:true|a thing|real)", r"true or not",
        r"(?:watch|look) (?:out )?for"),
    _zh(r"如果|假如|若果|万一|几多|多少|会(?:不|唔)会|会否|是否会|会(?:怎样|怎么样|点样?)|是什么|什么是|咩系"
        r"|系咩|(?:可|能)(?:不|唔)(?:可以?|能)|点知|怎么知道|怎样知道|有什么|有咩|有哪些|哪些征兆|征兆"
        r"|(?:怎么|怎样|点样?|如何)(?:去)?(?:分|区分|分辨|判断)"
        r"|会(?:令|让|使|导致|引起|造成)|会[^。！？!?.，,]{0,6}(?:吗|(?<![怎什那这多])么)|有可能|可不可能"
        r"|只是好奇|纯粹好奇|好奇问|出于好奇|一般来说|一般而言|真的假的|真定假|系咪真|是不是真的|是真的吗|真唔真"
        # whether it makes something likelier (k完是不是更容易中暑啊): blind set 53
        r"|更容易|比较容易|容不容易|易唔易|更易"
        # why it is dangerous (喝了酒再K到底为什么危险): blind set 56
        r"|为什么(?:会)?危险|为啥(?:会)?危险|点解(?:会)?危险|有多危险"),
)

# A general question about what ketamine can do stands even strong signs down, when nobody is
# named and nothing says it is happening now: "can ketamine cause seizures?", "K會唔會令人停止
# 呼吸". Issue #22 measured these as false alarms; the search answer covers them.
GENERAL = (
    _en(r"(?:can|could|does|do|will|would|might|may|is|why does|why do|why would) (?:ket"
        r"|ketamine|k|special k|it|mixing|using|taking|snorting|drugs?|alcohol|coke|cocaine"
        r"|mdma|ghb)(?: [a-z']+){0,4} (?:cause|causes|make|makes|give|gives|lead|leads"
        r"|trigger|triggers|bring on|stop|result in)",
        r"can (?:you|u|people|someone|a person) (?:get|have|die|stop|go into|end up)",
        r"is it possible", r"(?:risks?|chances?) of", r"is it (?:actually |really )?true",
        r"what (?:does|do) (?:[a-z']+ ){1,6}(?:actually |really )?mean"),
    _zh(r"(?:怎么|怎样|点样?|如何)(?:去)?(?:分|区分|分辨|判断)"
        r"|会(?:不|唔)?会?(?:令|让|使|导致|引起|引致|引发|造成)|会(?:不|唔)会就|(?:可|能)(?:不|唔)?(?:可以|能)?"
        r"(?:令|导致|引起|引致|引发)|会[^。！？!?.，,]{0,6}(?:吗|(?<![怎什那这多])么)$"
        # "just curious": the person says it is a general question
        r"|只是好奇|纯粹好奇|好奇问|出于好奇|一般来说|一般而言"
        # hearsay about others ("听说有人会呛到"): set 32
        r"|听说有人|听讲有人|据说有人|听人讲|听人说"),
)
# Someone named in the message: then a question may be about them now.
_SOMEONE = (
    _en(r"he|she|they(?! say)(?! said)(?! tell)(?! reckon)|him|her|them|my|i|i'm|im|i've|ive|we"
        r"|we're|our|his|their|mate|friend"),
    # 他 of K他命 / 愷他命 is the drug's name (Taiwan), not a person
    _zh(r"他(?!命)|她|佢|朋友|我(?:而家|现在|宜家|依家|已经|开始|啱啱|刚刚)|男朋友|女朋友|老公|老婆"
        r"|室友"),
)
# A general question about a sign, asked for someone named ("can ketamine cause seizures? my
# friend has epilepsy"): the sign is what is asked about, not a report (blind sets 18, 25, 28).
# It stands down only when every route phrase is the question's object (a few words after "can
# ketamine cause") and nothing else in the message may say something is happening: no verb in
# -ing ("hes shaking"), no word of time, help or change ("just had one", "call an ambulance",
# "took loads"). Anything else routes, as before: a wrong route costs one tap back.
_ASKED_ABOUT_WORDS = 6
_CALM_ING = frozenset(("thinking", "wondering", "asking", "planning", "going", "trying",
                       "wanting", "hoping", "considering", "worrying", "anything", "something",
                       "nothing", "everything", "thing", "things", "during", "morning",
                       "evening"))
_UNCALM = frozenset((
    "just", "had", "having", "now", "again", "happen", "happens", "happened",
    "started", "start", "starts", "wont", "cant", "isnt", "not", "no", "keep", "keeps", "still",
    "help", "hospital", "ambulance", "ambo", "999", "911", "000", "112", "119", "120", "call",
    "called", "right", "tonight", "today", "currently", "wake", "woke", "breathe", "breath",
    "blue", "grey", "gray", "pale", "floor", "ground", "took", "taken", "did", "done", "used",
    "passed", "collapsed", "fell", "hit", "went", "gone", "turned", "looks", "look", "seems",
    "feels", "feel", "felt", "hurts", "pain", "said", "says", "rn", "atm", "asap", "omg",
    "emergency", "urgent", "scared", "worried", "panicking", "please", "pls", "plz"))


# What happens every time, not now ("my heart races every time i take k", 每次玩完K心都跳得很快):
# a weak sign in it is offered, not routed (written batch 16); a strong one still routes.
_HABITUAL = (_en(r"every ?time", r"whenever i"), _zh(r"每一?次"))
# Signs that add up, asked about as withdrawal after stopping ("停咗K一個禮拜 出晒汗 心跳快
# 係咪戒斷"): offered, not routed; a sign that routes alone still does (blind sets 43, 44).
_WITHDRAWAL = (_en(r"withdrawals?(?: symptoms?)?", r"withdrawing"), _zh(r"戒断|戒段|断瘾"))
# Someone said to be talking with the writer, or breathing normally: two body signs do not add
# up to a route then ("scraped his knee ... now sitting down chatting with us"); a route phrase
# still routes.
_TALKING_EN = (r"(?:talking|chatting) (?:to|with) (?:us|me)(?! nonsense)(?! gibberish)",
               r"(?:awake|alert) and talking")
_TALKING_ZH = r"同我(?:哋|们|地)?(?:倾紧?偈|聊紧?天|倾紧)|跟我(?:们)?聊(?:天|紧)"
_TALKING_FINE = (
    _en(*_TALKING_EN, r"breathing (?:fine|normally|normal|ok|okay)"),
    _zh(_TALKING_ZH + r"|呼吸(?:正常|畅顺|顺畅)"),
)
# Sitting and talking with the writer (not "breathing ok", which a collapse can be too)
_TALKING = (_en(*_TALKING_EN), _zh(_TALKING_ZH))


# A condition ("if", 如果, 万一, 的话): the sign is imagined, not reported.
_CONDITIONAL = (_en(r"if", r"in case", r"whether",
                    r"when(?:ever)? (?:someone|somebody|people|a person|you)"),
                _zh(r"如果|假如|万一|要是|若果|若然|如若|假设|一旦|的话"))
# Read only for a sign imagined ahead (_in_condition), not as "if" elsewhere: "to what degree
# would one..." (人被k到什么程度会没意识, blind set 49), "when someone..." (急救课作业 有人抽搐的
# 时候要不要..., blind set 50)
_WHEN_ZH = re.compile(r"什么程度|咩程度|乜嘢程度|的时候|嘅时候")
_WHEN_AFTER_ZH = re.compile(r"(?:的|嘅)?时候?(?!间)")  # right after the sign: 抽搐的时候
# A sign imagined ahead: said inside a condition ("if my friend stopped breathing", 假如朋友叫唔醒)
# of a question the person says is asked to be ready ("asking so im prepared", 想提前了解, or
# any of _AHEAD), and nothing else says it is happening: the emergency page is offered (the first
# button), not opened (blind sets 44 and 45: seven such questions routed). A sign said outside a
# condition still routes ("my friend isnt breathing, just asking so i know", 他晕倒了 先问清楚).
_PREPARED = (
    _en(r"(?:asking |ask )?hypothetically",
        r"so (?:i'?m|im|we'?re|were|i am|we are) (?:prepared|ready)",
        r"making a plan(?: for)?", r"(?:there'?s |theres )?nothing(?:'?s| is)? happening"
        r"(?: rn| right now| now| atm)?", r"(?:no ?one|nobody)(?:'?s| is) hurt"),
    _zh(r"想?提前了解|想?提前知道|想?提前有个数|先问清楚|提前问|提前学|先学一下|想?预早知|免得到时候?慌|费事到时|到时手忙脚乱|急救课|急救班"))
_IMAGINED_WORDS = 8  # words (English) before a sign that a condition must be within
_IMAGINED_CHARS = 24  # characters (Chinese)
# "again", "another", 又, 再: it has happened already
_AGAIN = (_en(r"again", r"another"), _zh(r"又|再"))


def _imagined_ahead(english: str, chinese: str, words: list[str], hits: list[Hit]) -> bool:
    """Whether every emergency route phrase is imagined ahead (see _PREPARED)."""
    if not (_any(_PREPARED, english, chinese) or _any(_ASKED_AHEAD, english, chinese)):
        return False
    # what says "ready", "nothing happening rn", is not "now"; anything else that does is
    calm_en = _PREPARED[0].sub(" ", english) if english else english
    calm_zh = _PREPARED[1].sub("，", chinese) if chinese else chinese
    if _any(PRESENT, calm_en, calm_zh) or _any(_AGAIN, english, chinese):
        return False
    routes = [hit for hit in hits if hit.signal.answer == "route"]
    if not routes or any(hit.signal.kind != "emergency" for hit in routes):
        return False
    return all(_in_condition(hit, words, chinese) for hit in routes)


def _in_condition(hit: Hit, words: list[str], chinese: str) -> bool:
    """Whether a phrase is said inside a condition: "if", 如果... a few words before it, in the
    same sentence ("what do i do if he passes out", not "he passed out, what if it happens")."""
    if hit.signal.lang == "en":
        before = " " + " ".join(words[max(0, hit.start - _IMAGINED_WORDS):hit.start]) + " "
        return bool(_CONDITIONAL[0].search(before)) or " hypothetically " in before
    # after the last full stop before the sign
    clause = ZH_STOP_AT.split(chinese[max(0, hit.start - _IMAGINED_CHARS):hit.start])
    return bool(_CONDITIONAL[1].search(clause[-1]) or _WHEN_ZH.search(clause[-1])
                or _WHEN_AFTER_ZH.match(chinese, hit.end + 1))


_DONE_EN = frozenset(("passed", "went", "gone", "took", "fell", "keeled", "dropped"))
_DONE_ZH = ("了", "咗", "过去")


def _word_at(english: str, at: int) -> int:
    """The index in ``words`` (the English view split, apostrophes dropped) of the word that
    starts at character ``at`` of the view."""
    return len(english[:at].replace("'", "").split())


def _said_over_after(english: str, chinese: str, hits: list[Hit], kind: str) -> bool:
    """Whether every route phrase of ``kind`` is followed, in its own view, by words saying it
    is over: a story is told in order ("he stopped breathing for a bit but hes fine now", "i
    wanted to die in uni, doing well now"); "im fine now, my friend isnt breathing" and "im
    doing well now. i want to kill myself" do not say the danger is over."""
    routes = [hit for hit in hits if hit.signal.answer == "route" and hit.signal.kind == kind]
    if not routes:
        return False
    en_over = [_word_at(english, found.start()) for found in RESOLVED[0].finditer(english)] \
        if english else []
    zh_over = [found.start() for found in RESOLVED[1].finditer(chinese)] if chinese else []
    return all(any(at > hit.end for at in (en_over if hit.signal.lang == "en" else zh_over))
               for hit in routes)


def _first_named(view: str, lang: int) -> int | None:
    """Where the first person is named (_SOMEONE) in a view (``lang``: 0 English, 1 Chinese),
    outside the words that say the question is asked ahead: the "i" of "asking so i know"
    names nobody in danger."""
    if not view:
        return None
    ahead = [found.span() for found in _AHEAD[lang].finditer(view)]
    for found in _SOMEONE[lang].finditer(view):
        if not any(start <= found.start() < end for start, end in ahead):
            return found.start()
    return None


def _names_someone(english: str, chinese: str) -> bool:
    return _first_named(english, 0) is not None or _first_named(chinese, 1) is not None


def _reported(english: str, chinese: str, words: list[str], hits: list[Hit]) -> bool:
    """Whether a weak sign in a question is an event reported of someone named, not imagined
    or asked about in general: "my friend passed out what should i do", 我朋友晕倒了 会不会有事
    (a sign said as done, someone named, no "if"); not "what does an overdose look like".
    With "if", only a sign said outside the condition, in a message asking what to do if it
    happens again: "he collapsed 10 mins ago, what do i do if he passes out again", 他晕倒了
    如果再晕要怎么办 (a report, then a question about the next time)."""
    conditional = _any(_CONDITIONAL, english, chinese)
    if conditional and (not _any(_AGAIN, english, chinese) or _any(GENERAL, english, chinese)):
        return False
    named = _first_named(english, 0)
    en_at = _word_at(english, named) if named is not None else None
    zh_at = _first_named(chinese, 1)
    for hit in hits:
        if hit.signal.answer != "route" or hit.signal.kind != "emergency" \
                or hit.signal.in_questions or (conditional and _in_condition(hit, words, chinese)):
            continue
        # the person named first, then the sign said as done: "my friend passed out"
        if hit.signal.lang == "en":
            if en_at is not None and en_at < hit.start and any(
                    word.endswith("ed") or word in _DONE_EN
                    for word in words[hit.start:hit.end + 1]):
                return True
        elif zh_at is not None and zh_at < hit.start \
                and any(mark in chinese[hit.start:hit.end + 3] for mark in _DONE_ZH):
            return True
    return False


def _adds_up(offered: list[Hit]) -> bool:
    """Whether two body signs that add up (``adds_up`` lists) are found at two places that do
    not overlap: "gone grey ... can barely find a pulse", 头一直流血 ... 讲话乱七八糟. Each alone
    may be everyday talk; together, described now, they are an emergency (blind sets 2-31:
    39 tuning rows routed, one ordinary one, a scraped knee 'do we still need a hospital')."""
    first: Hit | None = None
    for hit in offered:
        if not hit.signal.adds_up:
            continue
        if first is None:
            first = hit
        elif (hit.signal.lang != first.signal.lang or hit.end < first.start
              or hit.start > first.end) \
                and (hit.signal is not first.signal or hit.signal.adds_up_alone):
            return True
    return False


def _asked_about(words: list[str], english: str, hits: list[Hit]) -> bool:
    """Whether every route phrase in ``hits`` is the object of an English general question and
    the rest of the message is calm (see ``_ASKED_ABOUT_WORDS``)."""
    routes = [hit for hit in hits if hit.signal.answer == "route"]
    if not routes or any(hit.signal.kind != "emergency" or hit.signal.lang != "en"
                         for hit in routes):
        return False
    spans = []  # (first word of the question, last word its object may reach)
    for match in GENERAL[0].finditer(english):
        first = _word_at(english, match.start())
        last = _word_at(english, match.end())
        spans.append((first, last + _ASKED_ABOUT_WORDS - 1))
    if not all(any(last_q - _ASKED_ABOUT_WORDS < hit.start and hit.end <= last_q
                   for _, last_q in spans) for hit in routes):
        return False
    asked: set[int] = set()
    for hit in routes:
        asked.update(range(hit.start, hit.end + 1))
    for first, last_q in spans:
        asked.update(range(first, last_q - _ASKED_ABOUT_WORDS + 1))
    for at, word in enumerate(words):
        if at in asked:
            continue
        if word in _UNCALM or (word.endswith("ing") and len(word) > 4
                               and word not in _CALM_ING):
            return False
    return True


# The person says the question is asked ahead ("asking so i know", 问一下而已, 先存起来以防
# 万一), and nothing says it is happening now: weak signs in it stand down as in any question,
# and a suicide word in it is offered the crisis lines rather than routed (fifth blind set).
# Strong signs still route ("my friend isn't breathing, just asking so i know").
_ROLE_EN = (
    # asking for work, a course or first-aid knowledge (a role, not a person in danger)
    r"training (?:to be|as|for)",
    r"(?:peer|youth|outreach|welfare|support) (?:worker|supporter)s?(?: here)?",
    r"for (?:an? |my )?(?:assignment|essay|homework|course|class|project"
    r"|dissertation|training)", r"first aid (?:terms|course|class|training|knowledge)",
    r"(?:my|our|a) (?:psych|psychology|nursing|health|first aid) (?:class|course|lecture|unit"
    r"|module)",
    # a student of a caring profession asking what they were taught (blind set 36)
    r"(?:nursing|medical|med|paramedic|paramedicine|pharmacy|midwifery) students?",
    r"student (?:nurse|paramedic|midwife)s?",
    # on a placement, for a course (blind set 44)
    r"(?:psych|psychiatric|mental health|nursing|clinical|hospital|social work) placement",
    r"for (?:uni|university|college)", r"my (?:lecturer|tutor|professor) (?:said|says|told)")
_ROLE_ZH = (r"培训|辅导员|社工|外展|急救知识|急救常识|急救课|作业|功课|论文"
            # a student of a caring profession (护理专业大三, 规培中): blind set 36
            r"|护理专业|护理系|医学生|医学院|药学专业|规培|实习护士|课上讲|上课讲"
            # working the door (在夜店当保安 想知道K过量长啥样): blind set 56
            r"|当保安|做保安|系保安|是保安|做security")
_ASKED_AHEAD_EN = (
    r"asking so i know", r"just asking", r"just curious", r"asking for (?:the )?future",
    # "my cousin has epilepsy and wants to know before a party" (blind set 53)
    r"wants? to know before", r"wanna know before",
    r"for future reference",
    r"(?:want|wanna|like) to be (?:ready|prepared)", r"just (?:want|wanna) to know",
    r"before (?:festival|party|uni|the) season", r"in case it ever")
_ASKED_AHEAD_ZH = (r"问一下而已|只是问问|随便问问|先问起来|问起来放着|先存起来|存起来以防|以防万一"
                   r"|没有人晕倒|没人晕倒|没有人受伤|纯粹想知道|想先了解|学校有教|问下而已|问吓啫"
                   r"|想知多啲|想学定先|学定先|想先学|先学起来|想学起来|想知定|知定先"
                   # "just asking, nobody is hurt" (blind set 46)
                   r"|就是问问|没人出事|没有人出事|冇人出事")
_AHEAD = (_en(*_ASKED_AHEAD_EN, *_ROLE_EN), _zh(_ASKED_AHEAD_ZH + "|" + _ROLE_ZH))
# A role alone (a student, a peer worker) does not stand down a suicide phrase said of oneself:
# "im a nursing student and i want to kill myself" routes (seventh session's review).
_ASKED_AHEAD = (_en(*_ASKED_AHEAD_EN), _zh(_ASKED_AHEAD_ZH))
# The person speaking of themselves, in English words (_FIRST_PERSON reads them in the view).
_FIRST_PERSON_WORDS = ("i", "i'm", "im", "i've", "ive", "i'll", "ill", "me", "my", "myself")
_SELF_WORDS = frozenset(_FIRST_PERSON_WORDS)


def _said_of_self(words: list[str], chinese: str, hits: list[Hit]) -> bool:
    """Whether a suicide route phrase is said in the first person: "i" right before it or in
    it, 我 right before it."""
    for hit in hits:
        if hit.signal.answer != "route" or hit.signal.kind != "suicide":
            continue
        if hit.signal.lang == "en":
            if not _SELF_WORDS.isdisjoint(words[max(0, hit.start - 2):hit.end + 1]):
                return True
        elif "我" in chinese[max(0, hit.start - 5):hit.end + 1]:
            return True
    return False


# A story in a film, a series, a novel or lyrics, told of others, with nothing saying it is
# happening now: a suicide word in it is offered the crisis lines, not routed ("that film
# where he jumps off the roof", 电影最后主角跳楼那段). Only words that name a story: "bad news",
# "not a game" and "this song" come with real crises too (and then the first person routes).
_FICTION = (
    _en(r"(?:film|movie|series|episode|novel|lyrics|documentary|theme tune|theme from)", r"til",
        # a song or theme by its title: "the mash theme 'suicide is painless'" (blind set 28)
        # ("my top song is literally called suicide s...": blind set 55)
        r"(?:theme|tune|song|track|album) (?:is |was )?(?:literally |actually |just )?"
        r"(?:called|named|titled|that goes)", r"the (?:[a-z*']+ ){1,3}theme",
        r"songs? (?:is |was )?(?:literally |basically |all |kind of )?about",
        # what someone posted online (blind set 46)
        r"(?:someone|somebody|people|a guy|a girl|a user|a post) on (?:reddit|twitter|tiktok|x"
        r"|discord|youtube|insta|instagram|a forum|the forums?|the internet)"),
    _zh(r"电影|电视剧|剧里|剧情|小说|歌词|纪录片|漫画|动漫|套戏|部戏|剧本杀|狼人杀"
        # the news, told of others (新闻话有人跳楼); "睇完新闻 我都想死" is first person
        r"|新闻(?:话|说|讲|报道|报导|视频)|新闻上|新闻里|的新闻"
        # what someone posted online (看贴吧有人说下头的时候想死): blind set 46
        r"|(?:贴吧|网上|知乎|小红书|微博|论坛|抖音|连登|脸书|ig)(?:上|里|度)?有人(?:说|讲|话|发)"),
)
# A jump for sport ("蹦极了！！从桥上跳下去那一刻吓死宝宝了", blind set 55): the crisis lines are
# offered rather than opened, unless something says now
_SPORT_JUMP = (_en(r"bungee|bungy|skydiv\w*|base jump\w*|cliff jump\w*|cliff div\w*|parachut\w*"),
               _zh(r"蹦极|笨猪跳|高空弹跳|跳伞|跳水"))
_LAUGH_EN = "lol|lmao|lmfao|haha+"  # a laugh in words (a laughing face is read as "lol")
# Someone else's words quoted, and laughed at ("my dad shouted 'i want to die' when the ref gave
# that penalty lmao", 他喊'我不想活了'是因为外卖又送错了 哈哈哈): offered, not routed (blind 46).
_QUOTED_LAUGHING = (
    # exclaimed, not told: "my sister texted 'i want to die' lol" is a report (still routes);
    # not screamed either, which may be distress
    _en(r"(?:shouted|yelled|goes|went) (?:[a-z']+ ){0,3}"
        r"(?:want to die|wanna die|kill myself|kms|end it all)(?: [a-z']+){0,15} "
        rf"(?:{_LAUGH_EN})"),
    _zh(r"(?:喊|叫|嗌)着?[^。！？!?]{0,4}(?:不想活了|想死|去死)[^。！？!?]{0,20}(?:哈哈+|233+|lol)"))
# Asking how to lay someone down: an emergency then opens the recovery position page (answers.yaml
# "recovery"), which shows the numbers too, rather than the emergency page a tap away from it.
_LAYING_DOWN = (
    _en(r"recovery position", r"on (?:his|her|their|its) side",
        r"(?:lay|lie|put|roll|turn|position|place) (?:him|her|them|my mate|my friend)"
        r"(?: down)? (?:on|onto)",
        r"how (?:do|should|can|would) (?:i|we|you) (?:lay|lie|position|put) (?:him|her|them)",
        # written batch 29-30 tuning halves: "which way do u lie someone down", "what position
        # do they go in"
        r"which way (?:do|should|can) (?:i|we|you|u) (?:lay|lie|put|turn)",
        r"(?:lay|lie|put) (?:someone|somebody|a mate|a friend|them|him|her) down",
        r"what position (?:do|should) (?:they|he|she) (?:go|be|lie)"),
    _zh(r"侧躺|侧卧|侧身|复原卧式|复原姿势|复苏姿势|复甦姿势|稳定侧卧|恢复体位|复原位"
        r"|(?:怎么|咋|点样|点|如何|怎样|要怎么|应该怎么)(?:让|帮|将|俾|把)?(?:他|她|佢|人)?"
        r"(?:躺|瞓|摆|放|翻)"),
)
# Seen on a screen, told of others ("刷抖音看到有人K完口吐白沫抽搐 是摆拍吧", "saw a tiktok of
# someone seizing"): a sign of the body stands down when nothing says now and the writer is not
# in it (blind set 38). What was seen, not what someone was watching: "他在看抖音 突然抽搐" and
# "watching a film and he started fitting" are now.
_ON_SCREEN = (
    _en(r"saw (?:a|this|that|some|the) (?:tiktok|video|vid|reel|clip|post|documentary)",
        r"(?:on|in) (?:the news|tiktok|youtube|instagram|reddit|twitter)",
        r"in (?:a|the|this|that) (?:film|movie|series|show|episode|documentary)",
        r"(?:a|this|that) (?:tiktok|reel|clip|documentary) (?:of|where|about|showing)",
        # making one: "shooting a horror short film, need a scene where a char overdoses"
        r"(?:shooting|filming|writing|making) (?:a|an|my|our) (?:[a-z]+ ){0,2}(?:film|movie|short"
        r"|script|scene|play|novel|story|episode)",
        # "watching casualty with mum and every other scene is someone overdosing" (blind set 51);
        # not "watching a film and he started fitting"
        r"(?:every|each) (?:other )?scene",
        r"(?:a|the|that|this|one) scene (?:where|in which|of|with|from)"),
    _zh(r"(?:刷|看|睇)(?:抖音|快手|小红书|b站|tiktok|youtube|新闻|视频)(?:上|里|时|嘅时候)?"
        r"(?:看到|刷到|见到|睇到)"
        r"|(?:抖音|快手|小红书|b站|tiktok|youtube|网上|微博|视频|电影|剧)(?:上|里|入面)"
        r"(?:看到|刷到|见到|睇到|有人|有个|话|说)"
        r"|刷到(?:有人|一个|个|一条)|新闻(?:话|说|讲|报道|报导)"),
)
# The person says it was a joke ("makes me want to end it all jk"): the crisis lines are offered
# rather than opened, unless something says now or that it is no joke ("not joking").
_JOKING = (
    _en(r"(?<! not )(?<! no )(?<! never )(?:jk|jks|j k|just kidding|only kidding|just joking"
        r"|only joking|i'?m joking|i'?m kidding|joking lol|kidding lol"
        # "i joke about wanting to die at work but its just banter" (blind set 43)
        r"|i joke about|we joke about|joking about|just banter"
        # "kms this lag is unreal (obviously not literally)" (blind set 49); not "not literally
        # but i think about it all the time"
        r"|not literally(?! but))"),
    _zh(r"(?<!不是)(?<!唔系)(?<!冇)(?<!没)(?<!无)(?<!唔好)(?<!不要)(?<!别)(?<!唔)(?<!不)"
        r"(?:开玩笑(?:的|啦|嘅|咋|啫|而已|罢了)|[都只就]是开玩笑|讲笑|说笑|玩笑而已|说正经的|讲正经|讲真啲"
        # just talk, not to be taken seriously (都是口嗨 别当真): blind set 55
        r"|口嗨|别当真|唔好当真|不要当真|说说而已|讲下啫|讲吓啫)"),
)
# The joke taken back again ("jk no seriously i mean it"): no joke then.
_NOT_A_JOKE = (
    _en(r"seriously", r"i mean it", r"for real", r"not joking", r"i'?m serious",
        r"no really",
        # "i joke about wanting to die but lately i really do" (ninth session review)
        r"(?:really|actually|genuinely|truly) do", r"but (?:lately|recently|these days|nowadays)"),
    _zh(r"冇讲笑|没开玩笑|没有开玩笑|唔系讲笑|不是开玩笑|认真的|我系认真|我是认真"),
)
# Asking how to help someone else ("如何安慰想死的人", "how do i support a friend who wants to
# die"): the crisis lines are offered above the page for helping a friend, rather than opened,
# unless something says now ("she says tonight").
_HELPING = (
    _en(r"how (?:do|can|should|would) (?:i|we|you|u|people) (?:help|support|comfort|talk to"
        r"|be there for|reach out to)(?! myself)(?! me)",
        r"how to (?:help|support|comfort|talk to|be there for|reach out to)(?! myself)(?! me)"),
    _zh(r"(?:如何|怎么|怎样|点样?|点可以|可以点)(?:去)?(?:安慰|帮助?|支持|陪伴?|开解|劝|同|与|跟|和"
        # how to answer a friend who says it (万一有朋友跟我说想不开 我该怎么回): blind set 46
        r"|回应|回答|回复|回|接话|搭话)"
        r"(?!自己|我)"),
)
# A laugh on the hyperbole itself ("kill me now lol my boss booked an 8am meeting"): that
# place is offered, not routed, even with its own "now". Only that place: a suicide phrase
# said apart from it still routes ("lol kill me now. anyway i want to kill myself tonight").
_HYPERBOLE_EN = "kill me|killing me|kms|end me|unalive me|jump off a bridge|jump out the window"
_HYPERBOLE_ZH = "杀了我吧|不想活了|活不下去了|想死了?"
_HYPERBOLES = (re.compile(rf"(?<= )(?:{_HYPERBOLE_EN})(?= )"), re.compile(_HYPERBOLE_ZH))
# a laugh right before it ("lol kill me now"), or after it, at once or later in the same
# message ("kill me now lol", "i'll jump off a bridge 😂 the dj...")
_LAUGH_BEFORE_EN = _en(rf"(?:{_LAUGH_EN}) (?:kill me|kms|end me|unalive me)")
_LAUGH_AFTER = (_en(rf"(?:{_HYPERBOLE_EN})(?: [a-z']+){{0,12}} (?:{_LAUGH_EN}|hehe)"),
                _zh(rf"(?:{_HYPERBOLE_ZH})(?:啊|呀|啦)?(?:哈哈+|hhh+|233+|lol)"))


def _laughed_off(english: str, chinese: str) -> tuple[list[tuple[int, int]],
                                                      list[tuple[int, int]]]:
    """Where a laugh takes a hyperbole back: its places in the English words (as ``_judge``
    numbers them: apostrophes dropped) and in the Chinese view; none when the joke is taken
    back too ("kill me now lol im serious"). Read only when a suicide route phrase is judged."""
    if _any(_NOT_A_JOKE, english, chinese):
        return [], []
    in_words: list[tuple[int, int]] = []
    if english and (_LAUGH_AFTER[0].search(english) or _LAUGH_BEFORE_EN.search(english)):
        for said in _HYPERBOLES[0].finditer(english):
            before = english.rfind(" ", 0, said.start() - 1)
            if _LAUGH_AFTER[0].match(english, said.start() - 1) or (
                    before >= 0 and _LAUGH_BEFORE_EN.match(english, before)):
                first = len(english[:said.start()].replace("'", "").split())
                last = len(english[:said.end()].replace("'", "").split()) - 1
                in_words.append((first, last))
    in_chinese: list[tuple[int, int]] = []
    if chinese:
        for laugh in _LAUGH_AFTER[1].finditer(chinese):
            hyperbole = _HYPERBOLES[1].match(chinese, laugh.start())
            if hyperbole is not None:
                in_chinese.append((hyperbole.start(), hyperbole.end() - 1))
    return in_words, in_chinese


# A laughing face is a laugh ("kill me now 😂"): read as "lol" in both views.
# The skull is "I'm dead (laughing)" ("the drop had the whole room dead 💀"): blind set 33.
_LAUGH_FACES = re.compile("[\U0001F602\U0001F923\U0001F606\U0001F639\U0001F605\U0001F480]+")
# The person speaking of themselves: then a story word does not make a suicide word a story's
# ("watched a film and i want to kill myself" routes).
# 我 as the object of a feeling the story gave ("看得我难受", "令我好唔开心") is not the writer
# speaking of themselves.
_FIRST_PERSON = (_en(*_FIRST_PERSON_WORDS), _zh(r"(?<![得让令给把叫])我"))
# Can't pee with people around is a shy bladder, not retention (issue #22's false alarm).
_SHY = (
    _en(r"urinal|public (?:toilets?|loos?|restrooms?|bathrooms?)|in front of|next to me"
        r"|shy bladder|stage fright|paruresis|people (?:around|watching|nearby)"),
    _zh(r"公厕|公共厕所|小便斗|小便池|尿兜|(?:旁边|隔篱|身边)有人|有人(?:在|喺)?(?:旁边|隔篱|身边"
        r"|附近)|有人企|人多|害羞|怕羞|尿遁|(?:一堆|好多|很多|一大班)人|(?:看着|望住)我|人走(?:了|咗)"
        r"|人少啲|紧张到(?:尿|屙)"),
)
# "Overdosed on easter eggs this weekend lmao" (blind sets 25, 26): a weak sign laughed off is
# offered, not routed.
_OVERDOSE_LAUGHED_OFF = (_en(r"(?:overdosed|od'?d|oded) on (?:[a-z']+ ){1,5}"
                             rf"(?:{_LAUGH_EN}|hehe)"),
                         re.compile(r"(?!)"))  # no Chinese form seen yet

# Doing well now, a few characters after 现在: "现在状态挺好", "现在结婚了过得挺好". Read by
# PRESENT (then 现在 is not "now") and by RESOLVED (then the past is over).
_ZH_WELL_NOW = (r"[^。！？!?，,]{0,8}?(?:状态|情况|状况|过得|生活|食紧?药|吃着?药|覆诊|复诊)"
                r"(?:挺|很|几|都|好|蛮|还|还算|算)?(?:好|稳定|稳|不错|幸福|ok)")

PAST = (
    _en(r"(?<! since )(?<! from )yesterday", r"(?<! since )(?<! from )last (?:night|week|weekend"
        r"|month|year|time|summer|winter|spring|autumn|monday|tuesday|wednesday|thursday|friday"
        r"|saturday|sunday)", r"(?:days?|weeks?|months?|years?|a while|ages|long time) ago",
        r"the other (?:day|night|week)", r"in the past", r"used to", r"back then",
        r"years back", r"once before", r"as a (?:teen|teenager|kid|child)",
        r"(?<! since )(?<! from )in (?:19|20)\d\d", r"in the (?:19|20)?\d0s"),
    _zh(r"(?<![由从自])(?:上(?:个)?(?:星期|礼拜|周|月|次)|昨(?:天|晚|日)|寻(?:日|晚)|琴(?:日|晚)"
        r"|噚(?:日|晚)|前(?:天|日|晚|年)|去年|旧年|上年|(?<!钟)(?<!分)(?<!小时)(?<!钟头)以前|曾经"
        r"|(?:[0123456789一二三四五六七八九十两几]+|好多|很多|多)(?:个)?(?:日|天|星期|礼拜|个月|月|年)前"
        r"|前几(?:年|个月)|前些年|那次|嗰次|当时"
        r"|小时候|细个|十几岁|年轻(?:的)?时(?:候)?|后生(?:嗰阵|时)"
        r"|(?:中学|高中|初中|大学|读书)(?:嗰阵|的时候|时候|时|那会儿?|那时(?:候)?))"
        # since then, ongoing: 昨天半夜开始就尿不出来 (blind set 50)
        r"(?!(?:半夜|晚上|夜里|夜晚|下午|早上|凌晨|中午|晚|夜)?(?:开始|起))"),
)
# Over since, said so: "she's fine now", "he woke up after a few minutes", "in a good place
# now", 而家冇事, 现在醒了, 好多年冇再諗過. The past, and a past suicide or self-harm said to be
# over gets no offer of the crisis lines either (the search answer is still there).
RESOLVED = (
    _en(r"(?:<they>|i'?m|i am|seems?|feels?) <link>(?:fine|ok|okay|alright|all right|better|sorted"
        r"|awake|back to normal|breathing (?:fine|normally|normal|ok|okay)) now"
        # "awake now but really out of it": not over
        r"(?! but)(?! though)(?! although)(?! still)(?! and still)",
        r"(?:woke|came) (?:up|round|around|to) (?:after|a few|later|again)",
        r"(?:been|was) fine for (?:years|ages|a long time)",
        r"(?:in a (?:good|better|much better|safe) place|doing (?:(?:heaps|much|loads|way|a lot|so"
        r" much|really) )?(?:well|fine|ok|okay|better|great|good|amazing)) now",
        r"(?:totally |completely |all )?(?:fine|ok|okay|good|great|well|better) these days",
        # "im 26 now and doing well" (blind set 36)
        r"(?:i'?m|i am) [0-9]+ now and doing (?:really |so |pretty |very )?"
        r"(?:well|fine|ok|okay|good|great)",
        # "havent for over 10 years" (blind set 37)
        r"(?:haven'?t|have not|not) (?:done it |for |in )?(?:over |more than |about )?"
        r"(?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten|a few|many) years",
        r"(?:haven'?t|have not) (?:done it )?(?:for|in) (?:years|ages)",
        # "20 yrs clean now" (blind set 41). Not "but it passes": a fit or a racing heart that
        # passes and comes back is a danger now (tried and dropped, eighth session review)
        r"(?:years?|yrs) clean now"),
    _zh(r"(?:好多|很多|多|几)年(?:冇再|没再|没有再|都冇|都没)",
        r"(?:而家|宜家|依家|现在)" + _ZH_WELL_NOW,
        r"(?<![会唔不])就(?:冇事|没事|好返|好番|正常返|正常了|恢复正常)",
        # it passed by itself (心口有点闷 过一会儿就好了): blind set 53
        r"(?:一会儿?|一阵子?|一下|自己|阵间|一阵间|隔天|第二天|第二日|过两天|过几天)就(?:好了|好返|冇事|没事)",
        # 已经好多年冇 (over for years): blind set 57
        r"(?:好多|很多|多|几)年冇(?!事)",
        r"今天(?:就|已经)?(?:好了|没事|冇事|正常了)",
        r"早(?:就|已|已经)(?:好了|冇事|没事|好返|好番)",
        r"(?:而家|宜家|依家|现在|已经|后来|之后)(?:佢|他|她|我)?(?:都|就)?(?:冇事|没事|好返|好番|好了"
        r"|好好|好多了|好很多|好了很多|好返好多|挺好|很好|几好|醒(?:咗|了|返|过来)|正常|ok|稳定|冇再|没再|不再|唔再|不会了|唔会了|唔会啦"
        r"|开心(?:咗)?(?:好多|很多|多了|了很多|了好多))",
        # a heart back to normal on a watch (现在手环显示76了): blind set 56
        r"(?:而家|宜家|依家|现在)(?:手环|手表|心率)?(?:显示|降到|降回|回落到?)[0-9六七八]"),
)

PRESENT = (
    _en(r"(?<! fine )(?<! ok )(?<! okay )(?<! alright )(?<! better )(?<! awake )(?<! normal )"
        r"(?<! normally )(?<! place )(?<! well )(?<! years )(?<! ages )(?<! sorted )(?<! decade )"
        r"(?<! great )(?<! good )(?<! grand )(?<![0-9] )(?<! yrs )(?<! clean )now",
        r"right now", r"rn",
        r"atm", r"at the moment",
        r"currently",
        # not "is mixing still considered risky" (blind set 43)
        r"still(?! think)(?! remember)(?! considered)(?! recommended)(?! advised)(?! a thing)",
        r"asap", r"hurry", r"urgent", r"tonight",
        # what a class covered today is no danger now ("we covered overdose in class today")
        r"(?<! class )(?<! lecture )(?<! course )(?<! training )today", r"just now",
        # a sign going on as it is told, whatever happened before ("my dad is having chest pain,
        # he had a heart attack last year"): someone named, not "if someone is having a fit"
        r"(?:(?:he|she|they|i) (?:is|are|am)|hes|he'?s|shes|she'?s|theyre|they'?re|im|i'?m"
        r"|(?<!if )my [a-z]+ (?:is|are)) (?:still )?(?:having|fitting"
        r"|seizing|convulsing|bleeding|choking|gasping|turning (?:blue|grey|gray|purple)"
        r"|not breathing|not waking|not responding)"),
    # an age (现在都二十八了), or years since (现在好几年都没事了: blind set 38), is no danger now
    _zh(r"(?<!不是)(?<!唔系)(?<!并非)(?:而家|宜家|依家|现在)(?!(?:都|已经|都已经)?(?:[0-9一二三四五六七八九十两廿卅]+(?:岁|几|多|了)"
        r"|(?:好|很)?(?:几|多)年))"
        r"(?!" + _ZH_WELL_NOW + ")"
        r"(?!(?:佢|他|她|我|人)?(?:都|就|已经|早|早就|早已)?(?:冇事|没事|好返|好番|好了|好好|好多|好很多|挺好|很好|几好"
        r"|还好|还ok|ok了|手环显示|降到|降回|回落|吃得下|睡得着|食得落|瞓得着"
        r"|醒|正常|ok|稳定|想知道"
        r"|想问|想了解|冇再|没再|不再|唔再|不会了|唔会了|唔会啦|想起|谂起|早戒了|早就戒了|戒咗好耐"
        # a habit or a memory, not a danger now (现在偶尔用k, 现在还后怕): blind set 37
        r"|偶尔|间中|有时|还后怕|都后怕|仲后怕|还心有余悸"
        # happier now (佢而家开心好多): blind set 50
        r"|开心|开朗|乐观))"
        # not the writer's own thoughts (我一直在想当时该怎么回她, 一直想知): blind set 50
        r"|仍然|依然|仲(?:系|未|要)|还(?:在|没)"
        # not "would it last" (会不会一直醒不过来: written batch 26)
        r"|(?<!会)一直(?!(?:在|都)?(?:想(?!死|自杀|轻生|结束|消失|不开|了结)|觉得|记得|后悔|内疚|自责"
        # in care (一直在看心理医生), a memory (k洞里一直看到): blind set 54
        r"|看(?:心理)?医生|看医|吃药|食药|复诊|覆诊|治疗|咨询|看到|见到))|马上|立即|快(?:啲|点)"
        r"|今晚|今日(?!上堂|堂课|嘅课)|今天(?!上课|的课|课上|培训|路过|又想起|想起|(?:就|已经)?(?:好了|没事|冇事|正常了))|啱啱|刚刚|刚才|头先|这次|这一次|今次|呢次"
        # a sign going on as it is told (我朋友在抽搐 她去年也抽过一次; 佢抽紧筋)
        r"|(?:他|她|佢|我|朋友)(?:正|而家|现在)?(?:在|喺度)(?:抽|吐|呕|流血|发抖|抖|喘|痉挛|冒血)"
        r"|正在(?:抽|吐|呕|流血|发抖|抖|喘|痉挛|冒血)|(?:抽|吐|呕|喘|抖)紧"),
)

# A negation just before an emergency sign says it is absent ("no chest pain", "冇胸口痛").
_ABSENT_EN = re.compile(
    r" (?:no|not|without|never|isn'?t|wasn'?t|aren'?t|hasn'?t|haven'?t|don'?t|doesn'?t|didn'?t"
    r"|free of|no signs? of|none of the)(?: (?:have|has|had|having|got|get|getting|feel|felt"
    r"|feeling|show|showing|shows|any|a|an|signs? of|sign of|more|real|actual)){0,3} ?$")
_ABSENT_ZH = re.compile(r"(?:冇|没有?|无|唔系|不是|并非|未|唔会|不会|从来冇|从未|并冇|冇咩"
                        r"|没什么|冇乜)(?:有)?$")
_ABSENT_LAST = frozenset("冇没有无系是非未会咩么乜")  # how every negation above ends: a quick test

# A negation just before a suicide phrase ("don't want to die", "not suicidal", "唔系想死").
_NEGATED_EN = re.compile(
    r" (?:don'?t|do not|dont|doesn'?t|didn'?t|never|not|no|won'?t|wouldn'?t)(?: [a-z']+|(?: "
    r"(?:want|wanna|going|gonna|about|planning|plan|trying|try|ever|really|to|think|thinking"
    r"|feel|feeling|am|was|be|being|have|had|been|would|will|actually|seriously)){0,3}) ?$")
_NEGATED_ZH = re.compile(r"(?:不|唔|没|冇|别|咪|并不|不会|唔会|从没|从未|不是|唔系|并非|没有"
                         r"|冇有|并冇|从来冇|从来没有"
                         # 没啥想不开的 (blind set 51)
                         r"|没啥|没什么|没有什么|冇乜|冇咩|冇乜嘢)(?:有)?"
                         # 不是我要寻死 (blind set 55)
                         r"(?:我|话我|说我)?(?:想过|谂过|打算|会|想|要)?$")
# Laughing hard a few words before a body sign: "laughed so hard at that stand up i stopped
# breathing" (blind set 51)
_LAUGHED_HARD_EN = re.compile(r"\b(?:laughed|laughing|laugh) (?:so|too|that) (?:hard|much)\b")
# A body or pain word just before "kill": pain talk ("my back is killing me"), not suicide.
_PAIN_EN = re.compile(
    r" (?:bladder|back|kidneys?|head|headache|migraine|stomach|tummy|belly|guts?|chest|legs?"
    r"|feet|foot|knees?|neck|shoulders?|teeth|tooth|nose|nostrils?|sinus(?:es)?|throat|eyes?"
    r"|ears?|joints?|muscles?|bones?|side|flank|pelvis|groin|balls|testicles?|dick|penis"
    r"|vagina|bum|butt|arse|ass|bowels?|urethra|liver|body|hips?|wrists?|hands?|arms?|ribs?"
    r"|skin|jaw|pee|peeing|urine|wee|weeing|pissing|cramps?|kcramps|k cramps|k pains?|pains?"
    r"|aches?|hangover|comedown|come down|periods?|uti|utis|cystitis|infection|burning|urges?"
    r"|spasms?|stinging|hurts|hurting|soreness|" + re.escape(MASK) + "|" + "|".join(_THINGS)
    # where or when, between the thing and "is": "the heat in sg today is killing me"
    + r")(?:'s|s)?(?: (?:in|at|on|around|over|from|of|for) [a-z']+(?: [a-z']+)?)?"
    r"(?: (?:today|tonight|lately|rn|now|atm|this week|this morning))?(?: (?:is"
    r"|are|'s|'re|really|so|just|honestly|gonna|going|to|will|would"
    r"|absolutely|literally|actually|totally|fucking|still)){0,4} ?$")
# "suicide" as a word, not a wish: a topic ("a documentary about suicide", blind set 53) or a
# name ("a song literally called suicide s...", blind set 55)
_SUICIDE_AS_A_WORD_EN = re.compile(
    r" (?:(?:documentary|documentaries|film|movie|video|talk|article|book|lecture|podcast"
    r"|episode|series|show|post|thread|assembly|training|course|class|module|essay|story|song"
    r"|leaflet|campaign|stats|statistics|research) (?:about|on|around|regarding)"
    r"|called|titled|named) $")
# A chore ahead right after 想死 (想死呀 聽日又要OT), and a piece of work right after 杀了我吧
# (杀了我吧 这报告改了八遍了甲方还不满意: blind set 53): everyday talk. Two lists, as measured: the
# union read one more message of set 10's tuning half ("好想死" as a group's catchphrase about
# homework) as everyday talk, and changed a held-out answer
_CHORE_AHEAD_ZH = re.compile(r"又要|又系|又是|要加班|要ot|要返工|要上班|要考|要交|deadline|死线"
                             r"|排队|排了|排咗|等了|等咗")
_CHORE_AFTER_ZH = re.compile(r"报告|作业|论文|功课|甲方|老板|客户|加班|开会|改了|ddl|死线"
                             r"|deadline|ppt")
_WORN_OUT_ZH = re.compile(r"(?:累|攰|热|饿|闷|忙|烦|困|冻|冷|无聊|晒|嘈|赶|多|难|痛苦|辛苦|排|等"
                          r"|挤|迫"
                          # embarrassment: 尴尬到想死, paiseh到想死 (blind set 19)
                          r"|尴尬|丢脸|糗|paiseh"
                          # a task that drags: 开会开到想死, 温书温到想死
                          r"|开|做|返|读|温|写|搬|行|跑|听|睇|看|考|操|练|训"
                          # scolded by the boss: 被主管电到想死 (blind set 47)
                          r"|电|骂|闹)(?:到|得)我?$"
                          # a body part's pain: 肚痛到想死, 经痛痛到想死 (not 心痛: heartache)
                          r"|(?:肚|头|经|生理|姨妈|例假|牙|胃|腰|背|脚|膀胱|肾|尿|喉咙|腹|k)[^。！？!?.]{0,6}(?:痛|疼)到$")
_PAIN_ZH = re.compile(r"(?:膀胱|腰|背|头|肚|胃|肾|尿|痛|疼|抽筋|扯筋)[^。！？!?.]{0,4}$")


def _any(patterns: tuple[re.Pattern[str], ...], english: str, chinese: str) -> bool:
    en, zh = patterns
    return bool((english and en.search(english)) or (chinese and zh.search(chinese)))


# A sign's match holds one of its keys and is short (the longest on every table and set:
# 9 Chinese characters, 47 English ones), so its pattern is only run this far around each key:
# on 4,096 characters of anything, a few short stretches rather than the whole text.
NEAR_ZH = 64
NEAR_EN = 160


def _near_keys(sign: Signs, text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` around ``sign``'s keys, merged where they overlap."""
    width = NEAR_ZH if sign.chinese else NEAR_EN
    spans: list[tuple[int, int]] = []
    for key in sign.gate.finditer(text):
        start, end = max(0, key.start() - width), min(len(text), key.end() + width)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _present(signs: tuple[Signs, ...], english: str, chinese: str, gated: bool = True) -> bool:
    """Whether a sign matches without a plain negation right before it ("no chest pain").
    ``gated=False`` runs every pattern whatever its keys, for tests of the keys."""
    for sign in signs:
        text = chinese if sign.chinese else english
        if not text:
            continue
        spans = _near_keys(sign, text) if gated else [(0, len(text))]
        for match in (found for start, end in spans
                      for found in sign.pattern.finditer(text, start, end)):
            start = match.start()
            if sign.chinese:
                if not _ABSENT_ZH.search(text, max(0, start - 5), start):
                    return True
            elif not _ABSENT_EN.search(text, max(0, start - 40), start + 1):
                return True
    return False


_IS_WORDS = frozenset(("is", "are", "was", "were", "its", "thats", "theyre", "isnt", "s"))
_SO_WORDS = frozenset(("actually", "really", "literally", "honestly", "lowkey", "so", "just"))


def _judge(words: list[str], english: str, chinese: str, laughed: list[bool]) -> Judge:
    """What only code reads for a route phrase from the editors' lists, at the place it
    matched (the engine asks, so a place stood down is never reported, and the first place
    that counts is enough): a negation right before an emergency sign says it is absent ("no
    chest pain", "冇反应"); before a suicide phrase, that it is denied ("don't want to die",
    "唔系想死"); pain or tiredness before "kill me" / 杀我 / 想死 is everyday talk; a laugh on
    the hyperbole takes that place back ("kill me now lol"; each such place is noted in
    ``laughed``). Urinary signs have none. Called for every place of every route phrase in a
    message: kept lean."""
    absent_en, absent_zh, negated_en = _ABSENT_EN.search, _ABSENT_ZH.search, _NEGATED_EN.search
    negated_zh, pain_en, pain_zh = _NEGATED_ZH.search, _PAIN_EN.search, _PAIN_ZH.search

    # phrase -> where it starts in the English words, and where it is in the Chinese view:
    # found once per phrase, so a message repeating it costs one pass, not one per place
    places: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
    jokes: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = []  # read once, if asked

    def laughed_at(english_place: bool, start: int, end: int) -> bool:
        if not jokes:
            jokes.append(_laughed_off(english, chinese))
        if any(first <= end and last >= start for first, last in jokes[0][not english_place]):
            laughed.append(True)
            return True
        return False

    def denied_in_chinese(start: int, end: int, absent: bool) -> bool:
        """English words in Chinese talk: 唔係suicidal, 冇overdose. The Chinese view holds
        the same letters without spaces; the same place there (the n-th time these words
        come) is read for a Chinese negation right before it."""
        if not chinese:
            return False
        phrase = tuple(words[start:end + 1])
        found = places.get(phrase)
        if found is None:
            size, joined = len(phrase), "".join(phrase)
            in_words = [at for at in range(len(words) - size + 1)
                        if tuple(words[at:at + size]) == phrase]
            in_chinese: list[int] = []
            at = chinese.find(joined)
            while at >= 0 and len(in_chinese) < len(in_words):
                in_chinese.append(at)
                at = chinese.find(joined, at + 1)
            found = places[phrase] = (in_words, in_chinese)
        nth = bisect.bisect_left(found[0], start)
        if nth >= len(found[1]):
            return False
        at = found[1][nth]
        if at == 0 or not "\u4e00" <= chinese[at - 1] <= "\u9fff":
            return False  # no Chinese right before it: English negation is read as English
        if absent:
            return chinese[at - 1] in _ABSENT_LAST and bool(absent_zh(chinese, max(0, at - 5), at))
        return bool(negated_zh(chinese[max(0, at - 8):at]))

    def counts(signal: Signal, start: int, end: int) -> bool:
        kind = signal.kind
        if kind == "urinary":
            return True
        if signal.lang == "en":
            before = " " + " ".join(words[max(0, start - 8):start]) + " "
            if kind == "emergency":
                return not absent_en(before) and not denied_in_chinese(start, end, absent=True) \
                    and not _LAUGHED_HARD_EN.search(" ".join(words[max(0, start - 12):start]))
            if negated_en(before) or denied_in_chinese(start, end, absent=False):
                return False
            if words[end] == "me" and pain_en(before):
                return False
            # the word as a topic: "a documentary about suicide" (blind set 53)
            if words[start] == "suicide" and start == end and _SUICIDE_AS_A_WORD_EN.search(before):
                return False
            # a thing "is killing me" (this set, the heat, work): everyday talk, not a plea
            if words[start] == "killing" and start > 0 and (
                    words[start - 1] in _IS_WORDS
                    or (words[start - 1] in _SO_WORDS and start > 1
                        and words[start - 2] in _IS_WORDS)):
                return False
            return not laughed_at(True, start, end)
        if kind == "emergency":
            return start == 0 or chinese[start - 1] not in _ABSENT_LAST \
                or not absent_zh(chinese, max(0, start - 5), start)
        before = chinese[max(0, start - 8):start]
        denial = negated_zh(before)
        if denial is not None and not asks_zh(chinese, max(0, start - 8) + denial.start()):
            return False
        first = chinese[start]
        if first == "杀" and (pain_zh(before)
                             or _CHORE_AFTER_ZH.search(chinese, end + 1, end + 16)):
            return False
        # 累到想死; 想死呀 聽日又要OT: a chore ahead, everyday talk
        if first == "想" and chinese[start + 1:start + 2] == "死" and (
                _WORN_OUT_ZH.search(before) or _CHORE_AHEAD_ZH.search(chinese, end + 1, end + 14)):
            return False
        return not laughed_at(False, start, end)

    return counts


def _full_width(mark: re.Match[str]) -> str:
    return _FULL_WIDTH[mark.group()]


# A letter typed three times or more in a row (no English word has one): typed in a panic or
# for stress ("sooo slow", "not breeeathing", "pleeease"), read as one.
_STRETCHED = re.compile(r"([a-z])\1{2,}")


def _views(text: str) -> tuple[str, str]:
    """The English view (words between single spaces) and the Chinese view (no whitespace);
    either is empty when the text has no letters of that kind."""
    text = text[:MAX_CHARS]
    if _LAUGH_FACES.search(text):
        text = _LAUGH_FACES.sub(" lol ", text)
    if _HAS_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    if not unicodedata.is_normalized("NFKC", text):  # most text is: a quick check in C
        # a few marks in a message: a call per mark is cheaper than a table for every char
        text = _HAS_FULL_WIDTH.sub(_full_width, text)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    folded = text.casefold()
    folded = folded[:MAX_CHARS].translate(_FOLD_VIEW)  # == fold(text), then MORE_VARIANTS
    english = chinese = ""
    if _HAS_LATIN.search(folded):
        english = " " + _NOT_WORD.sub(" ", folded) + " "
        if _STRETCHED.search(english):  # "sooo slow", "not breeeathing", "hellllp"
            english = _STRETCHED.sub(r"\1", english)
        if "'" in english:  # quotes, not "won't": "'not breathing'" -> " not breathing "
            english = _EDGE_APOSTROPHES.sub("", english)
            # "OD'd" would read as the word "odd" once apostrophes go (phrases are matched
            # without them): it is "OD'ed"
            english = english.replace(" od'd ", " oded ")
            if "  " in english:
                english = _SPACES.sub(" ", english)
    if _HAS_CJK.search(folded):
        chinese = "".join(folded.split())
    return english, chinese


def detect_crisis(text: str, rules: CrisisRules | None = None) -> CrisisMatch | None:
    """The crisis page to show for ``text`` at once (a route), or None. Flood control lets a
    route through; an offer does not need to be. ``rules`` default to the shipped content."""
    answer = _assess(text, rules or shipped_rules(), offers=False)
    return answer if isinstance(answer, CrisisMatch) else None


def assess(text: str, rules: CrisisRules | None = None) -> CrisisMatch | CrisisOffer | None:
    """Route, offer, or None (search alone). ``rules`` default to the shipped content."""
    return _assess(text, rules or shipped_rules(), offers=True)


def _detect(text: str, gated: bool = True) -> CrisisMatch | None:
    """``gated=False`` runs every pattern whatever its keys, for tests of the keys."""
    answer = _assess(text, shipped_rules(), offers=False, gated=gated)
    return answer if isinstance(answer, CrisisMatch) else None


# A run of one short unit repeated many times ("脉无面青" x 1,000) says nothing its first
# repetitions do not, but every pattern and phrase pays for each character of it: such a run
# is cut to KEEP_RUN characters or so, in whole units, so any stretch of up to KEEP_RUN
# characters that lies in the run, or overlaps either end of it, is still there as typed (no
# phrase, gaps included, nor what negation and tense look back at, is that long). One pass
# of the expression below per view: at each place it tries units of 1 to MAX_UNIT
# characters, each failing at once on text that does not repeat.
MAX_UNIT = 8
KEEP_RUN = 96
_RUN = re.compile(rf"(.{{1,{MAX_UNIT}}}?)\1{{3,}}", re.DOTALL)


def _shorter_run(match: re.Match[str]) -> str:
    unit, whole = match.group(1), match.group(0)
    keep = unit * (KEEP_RUN // len(unit) + 2)
    return keep if len(keep) < len(whole) else whole


def _collapse(view: str) -> str:
    """``view`` with every long run of a repeated unit cut short (see KEEP_RUN). Chinese text
    rarely has 8 different characters or fewer in 32: only there is the expression run. A run
    long enough to be cut (over KEEP_RUN characters) fills every window of 32 it covers, so
    it lies within a window of the first and last such window: the expression reads those
    stretches only, not the whole message (a mix of a few phrase fragments flags some)."""
    if len(view) <= KEEP_RUN:
        return view
    step = 4 * MAX_UNIT
    flagged = [at for at in range(0, len(view) - step, step)
               if len(set(view[at:at + step])) <= MAX_UNIT]
    if not flagged:
        return view
    pieces: list[str] = []
    done = 0
    first = last = flagged[0]
    for at in [*flagged[1:], -1]:
        if at == last + step:
            last = at
            continue
        low, high = max(done, first - step), min(len(view), last + 3 * step)
        if last > first:  # two windows or more: room for a run long enough to be cut
            pieces += [view[done:low], _RUN.sub(_shorter_run, view[low:high])]
            done = high
        first = last = at
    return "".join([*pieces, view[done:]]) if pieces else view


def read_views(text: str, rules: CrisisRules | None = None, *,
               collapse: bool = True, mask: bool = True) -> tuple[str, str]:
    """The two views of a message as every reader here sees them: folded, long repeats cut,
    everyday phrases masked (the risk model learns from these too; ``check`` compares with
    ``mask=False`` to find phrases the masking hides)."""
    english, chinese = _views(text)
    if not english and not chinese:
        return english, chinese
    if collapse:  # tests compare with ``collapse=False``: the answer is the same
        chinese = _collapse(chinese)  # English is read by the word: repeats cost it little
    return (rules or shipped_rules()).mask(english, chinese) if mask else (english, chinese)


def left_to_the_model(text: str, rules: CrisisRules | None = None) -> bool:
    """Whether no phrase and no code has a say on ``text``, so that only the risk model reads
    it: the messages its threshold is set on (``bot/editorial/crisis_training.py``)."""
    asked: list[bool] = []
    _assess(text, dataclasses.replace(rules or shipped_rules(), model=None), offers=True,
            asked=lambda: asked.append(True))
    return bool(asked)


def _assess(text: str, rules: CrisisRules, *, offers: bool,
            gated: bool = True, collapse: bool = True,
            asked: Callable[[], None] | None = None) -> CrisisMatch | CrisisOffer | None:
    english, chinese = read_views(text, rules, collapse=collapse)
    if not english and not chinese:
        return None

    def route(kind: Kind) -> CrisisMatch:
        if kind == "emergency" and "recovery" in rules.route_pages \
                and _any(_LAYING_DOWN, english, chinese):
            return CrisisMatch(kind, rules.route_pages["recovery"])
        return CrisisMatch(kind, rules.route_pages.get(kind, PAGES[kind]))

    # Most messages match no sign at all, so tense and questions are only read when one does.
    words = english.replace("'", "").split()
    laughed: list[bool] = []  # a suicide route phrase a laugh took back, at some place
    judge = _judge(words, english, chinese, laughed)
    stood_down = False  # a route phrase code stood down (a negation, pain talk): no model then

    def judging(signal: Signal, start: int, end: int) -> bool:
        nonlocal stood_down
        counts = judge(signal, start, end)
        stood_down = stood_down or not counts
        return counts

    hits: list[Hit] = rules.hits(words, chinese, judging)
    routes: dict[str, bool] = {}  # route kind -> whether a general question leaves it be
    for hit in hits:
        if hit.signal.answer == "route":
            routes[hit.signal.kind] = routes.get(hit.signal.kind, False) or hit.signal.in_questions
    # strong: an emergency route phrase that stands even in a question (in_questions: true)
    strong = routes.get("emergency") is True
    weak = not strong and ("emergency" in routes
                           or _present(EMERGENCY_WEAK, english, chinese, gated))
    urinary = "urinary" in routes
    tense_read = False
    now = over = past_time = past_only = general = hypothetical = resolved = ahead = False

    def read_tense() -> None:
        nonlocal tense_read, now, over, past_time, past_only, hypothetical, general, ahead, \
            resolved
        if tense_read:
            return
        tense_read = True
        now = _any(PRESENT, english, chinese)
        over = not now and _any(RESOLVED, english, chinese)
        past_time = not now and _any(PAST, english, chinese)
        past_only = over or past_time
        # placed in the past AND said to be over ("used to self harm years ago, in a good place
        # now"): "she's fine now" alone may be someone else, and the writer not
        resolved = over and past_time
        ahead = not now and _any(_AHEAD, english, chinese)
        hypothetical = ahead or (not now and _any(HYPOTHETICAL, english, chinese))
        general = (hypothetical and (ahead or _any(GENERAL, english, chinese))
                   and (not _names_someone(english, chinese)
                        or (_asked_about(words, english, hits)
                            and not _present(EMERGENCY_WEAK, english, chinese, gated))))

    if strong or weak or urinary or any(not hit.signal.in_questions for hit in hits):
        read_tense()

    def on_screen() -> bool:
        """A body sign seen on a screen, told of others (_ON_SCREEN)."""
        read_tense()
        return not now and not _any(_FIRST_PERSON, english, chinese) \
            and _any(_ON_SCREEN, english, chinese)

    # A strong sign stands down for a time in the past ("stopped breathing last year") or for
    # words after it saying it is over; not for "fine now" before it, which may be the writer:
    # "im fine now, my friend isnt breathing"
    # an emergency route offered instead of opened: a sign imagined ahead (_PREPARED), or a weak
    # one told of someone sitting and talking with the writer
    offered_instead = False
    if not general and (strong or weak) and not on_screen() and (
            (strong and not past_time
             and not (over and _said_over_after(english, chinese, hits, "emergency")))
            or (weak and not past_only and not (not now and _any(_HABITUAL, english, chinese))
                and (not hypothetical or _reported(english, chinese, words, hits))
                and not _any(_OVERDOSE_LAUGHED_OFF, english, chinese))):
        # a weak sign told of someone sitting and talking with the writer ("朋友说心跳很快 不过
        # 她坐着跟我聊天 脸色正常", blind set 54; issue #22's "breathing fine and talking"): the
        # emergency page is offered first, not opened; a strong sign still opens it
        offered_instead = _imagined_ahead(english, chinese, words, hits) or (
            not strong and _any(_TALKING, english, chinese))
        if not offered_instead:
            return route("emergency")
    past_suicide = False
    if "suicide" in routes:
        read_tense()
        # a role named (a student, a peer worker) with a suicide phrase said of oneself is no
        # question asked ahead: "im a nursing student and i want to kill myself"
        self_in_role = ahead and not _any(_ASKED_AHEAD, english, chinese) \
            and _said_of_self(words, chinese, hits)
        told_ahead = (ahead and not self_in_role) or (not now and (
            (_any(_JOKING, english, chinese) and not _any(_NOT_A_JOKE, english, chinese))
            or _any(_HELPING, english, chinese)
            or (_any(_FICTION, english, chinese) and not _any(_FIRST_PERSON, english, chinese))
            or _any(_QUOTED_LAUGHING, english, chinese)
            or _any(_SPORT_JUMP, english, chinese)))
        # as for a strong sign: a time in the past, or words after it saying it is over
        over_for_suicide = past_time or (
            over and _said_over_after(english, chinese, hits, "suicide"))
        if not over_for_suicide and (not general or self_in_role) and not told_ahead:
            return route("suicide")
        # "used to self harm years ago": not now, but the crisis lines stay one tap away, with
        # any other offer the message carries; not when it is also said to be over ("years
        # ago ... I'm in a good place now"), which the blind writers all read as ordinary
        past_suicide = not resolved
    elif laughed:  # only laughed off ("kill me now lol"): a joke may not be one, lines offered
        read_tense()
        past_suicide = not resolved
    if urinary and not past_only and not _any(_SHY, english, chinese):
        return route("urinary")
    if not offers:
        return None
    kinds: list[OfferKind] = ["mind"] if past_suicide else []
    if any(hit.signal.answer == "offer" for hit in hits):
        read_tense()
    # "can ket cause bleeding?" stands a body offer down; a past said to be over, every offer
    offered = [hit for hit in hits if hit.signal.answer == "offer" and not resolved and (
        hit.signal.in_questions or not (hypothetical or past_only))]
    if offered and not kinds and all(hit.signal.weighed for hit in offered) \
            and rules.model is not None and rules.model.judges_ordinary(english, chinese):
        offered = []  # a bare death word the model reads as everyday talk ("开心死了")
    if offered_instead:  # the emergency page first, as for any body sign in a question
        kinds.append("body")
    if not hypothetical and not past_only and not general and not offered_instead \
            and _adds_up(offered) and not _any(_TALKING_FINE, english, chinese) \
            and not on_screen() and not _any(_WITHDRAWAL, english, chinese):
        return route("emergency")
    for hit in offered:
        kind: OfferKind = "body" if hit.signal.kind == "body" else "mind"
        if kind not in kinds:
            kinds.append(kind)
    if not kinds and not hits and not stood_down:
        # No phrase says anything (a phrase stood down by tense or a question has had its
        # say): the risk model reads the message as a whole, in case it says it in new words.
        if asked is not None:
            asked()
        guess = rules.model.offer(english, chinese) if rules.model is not None else None
        if guess is not None:
            kinds.append(guess)
    if not kinds:
        return None
    kinds.sort(key=lambda k: k != "mind")  # with both, the crisis lines first: they also show
    # the emergency number, and "pills" with "how much would kill" is a plan, not a mix-up
    return CrisisOffer(tuple(kinds), tuple(rules.offer_pages.get(k, _OFFER_PAGES[k])
                                           for k in kinds))
