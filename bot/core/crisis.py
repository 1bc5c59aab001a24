"""Spot messages that describe an emergency, suicidal thoughts or an urgent bladder problem, so
the bot can answer with the right page at once instead of search results.

The rules are regular expressions per language, matched on folded text (``search.fold``: lower
case, full-width to half-width, Traditional to Simplified, so every Chinese pattern is written
once, in Simplified). English patterns sit between letter/digit boundaries rather than ``\\b``,
because ``\\b`` sees no boundary between "OD" and the Chinese "咗" in "佢OD咗".

Judgement calls, in order of precedence:

- **Emergency** beats everything: someone not breathing or breathing strangely, who cannot be
  woken or is unconscious, a seizure (抽筋 only with signs like 口吐白沫, 全身, 不停 — alone it
  means cramp), chest pain, blue lips, choking, an overdose. Chest pain counts even when asked
  as a question ("chest pain from coke and ket?"): better safe.
- A sign placed in the past with no sign it is still happening ("passed out last week",
  "上星期叫唔醒") is not an emergency now. "Since yesterday" / "由昨天" is not the past.
- Weaker signs (passed out, collapsed, overdose, 过量, 晕倒) also stand down for a general
  question ("can you overdose on ket", "如果", "会不会"); strong ones never do.
- **Suicide** is its own kind; simple negations right before the words stand it down ("I don't
  want to die from this", "not suicidal", "唔系想死"), but "I don't want to live" is a trigger.
- **Urinary** (cannot pee at all, a lot of blood in the pee) comes last.

Nothing is stored or logged: the text is only read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.core.search import fold

Kind = Literal["emergency", "suicide", "urinary"]
PAGES: dict[Kind, str] = {
    "emergency": "emergency",
    "suicide": "mental_crisis",
    "urinary": "selfcheck_urgent",
}
# Telegram messages are at most 4096 characters; this bounds the work for anything longer.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class CrisisMatch:
    kind: Kind
    page: str


def _en(*alternatives: str) -> re.Pattern[str]:
    """English alternatives as whole words: no letter or digit may touch either end."""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + r")(?![a-z0-9])")


def _zh(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives))


_NOT = r"(?:can'?t|cannot|couldn'?t|won'?t|will not|doesn'?t|does not|isn'?t|is not|not|unable to)"
_SOMEONE = r"(?:him|her|them|my \w+|the \w+|\w+ up)"

EMERGENCY_STRONG = (
    _en(
        # breathing
        r"(?:not|isn'?t|is not|aren'?t|stopped|barely|hardly|no longer) breathing",
        r"(?:can'?t|cannot|cant|couldn'?t|unable to|struggling to|struggles to|hard to"
        r"|trouble|difficulty|problems?|fighting to) (?:to )?breath(?:e|ing)?",
        r"breath(?:ing|es)? (?:(?:is|are|'s|sounds?|seems?|looks?|got|gone|went|really|very|so"
        r"|too|all|kind of|kinda) )*(?:weird|strange|strangely|funny|odd|oddly|wrong|slow"
        r"|slowly|shallow|noisy|loud|gurgl\w*|rattl\w*|snor\w*|irregular|laboured|labored"
        r"|off)",
        r"(?:weird|strange|funny|odd|slow|shallow|noisy|gurgling|rattling|laboured|labored"
        r"|irregular) breathing",
        r"gurgling|rattling breath\w*|short(?:ness)? of breath|gasping(?: for (?:air|breath))?",
        r"choking|(?:no|weak) pulse|no heartbeat",
        # cannot be woken
        _NOT + r" (?:be )?(?:wake|waking|woken|woke|come round|come around|coming round"
        r"|respond|responding)(?: " + _SOMEONE + r")?",
        r"(?:can'?t|cannot|couldn'?t) (?:get|make) " + _SOMEONE + r" (?:to )?(?:wake|respond)",
        r"unresponsive|unconscious|not responsive|non-?responsive|out cold|in a coma",
        # seizures
        r"seizures?|seizing|(?:having|had|has|is having) a fit|fitting(?! in)|convuls\w*",
        # chest pain
        r"chest (?:pains?|hurts?|is hurting|hurting|feels tight|is tight|tightness|pressure)",
        r"pains? in (?:my|his|her|their|the) chest|tight chest|heart attack",
        # blue lips
        r"(?:blue|purple|grey|gray) lips",
        r"lips (?:(?:are|have|look|looks|turning|turned|going|gone|went|all|so) )*"
        r"(?:blue|purple|grey|gray)",
        r"(?:turning|turned|gone|going) blue",
        # dying now, calling for an ambulance now
        r"(?:i'?m|i am|im|he'?s|she'?s|they'?re|is|are|am i|think i'?m|feel like i'?m) dying"
        r"(?! (?:to|for|of laughter|laughing))",
        r"(?:should|do) (?:i|we) call (?:an? |the )?(?:ambulance|999|911|112|000|119|120)",
        r"(?:need|call|get) (?:an? |the )?ambulance (?:now|asap|quick|please)",
    ),
    _zh(
        r"叫(?:极都)?(?:不|唔)(?:醒|应)|(?:摇|喊|弄|拍|推)(?:不|唔)醒|醒(?:不|唔)(?:过来|返)"
        r"|唔识醒|(?:冇|没有?|无)(?:反应|知觉)|失去知觉|不省人事|昏迷|晕迷|休克",
        r"(?:唔|冇|没有?|停止|停咗|停了)呼吸|呼吸(?:困难|好辛苦|很辛苦|好怪|很怪|怪怪|奇怪"
        r"|不正常|唔正常|好慢|很慢|好浅|很浅|急促|好弱|很弱)"
        r"|(?:喘|透|唞|抖)(?:不|唔)(?:过|到)气|窒息|噎住|哽住|呛到",
        r"抽搐|癫痫|羊癫疯|发羊吊|口吐白沫|(?:全身|不停|唔停|一直)抽筋"
        r"|抽筋.{0,10}(?:白沫|翻白眼|不停|唔停|停不下|一直|全身|倒地|(?:冇|没有?)反应"
        r"|叫(?:不|唔)醒)",
        r"胸口?(?:好|很|非常)?(?:痛|闷|翳)|心口(?:好|很)?(?:痛|闷|翳)|心脏(?:好|很)?痛"
        r"|心绞痛|心脏病发",
        r"嘴?唇(?:发|变|好|很|都)?(?:紫|青|蓝|黑)",
        r"救命|(?:叫|打|召|call)(?:个)?(?:救护车|白车|120|999|119)",
    ),
)

EMERGENCY_WEAK = (
    _en(
        r"passed out|collapsed|fainted|keeled over|went limp|gone limp",
        r"overdos\w*|o\.d\.?|od(?:'?d|'?ing|'?ed)?",
        r"took (?:way )?too much",
    ),
    _zh(r"过量|晕倒|昏倒|晕咗|晕了过去|倒地"),
)

# General questions: these stand weak signs down ("can you overdose on ket").
HYPOTHETICAL = (
    _en(r"if", r"what (?:is|are|does|happens|should|to do|counts)", r"what'?s", r"how (?:do|does"
        r"|can|to|much|many|long|would)", r"can (?:you|u|people|someone)", r"is it possible",
        r"signs? of", r"symptoms? of", r"risks? of", r"chances? of", r"meaning of"),
    _zh(r"如果|假如|若果|万一|会(?:不|唔)会|会(?:怎样|怎么样|点样?)|是什么|什么是|咩系|系咩"
        r"|(?:可|能)(?:不|唔)(?:可以?|能)|点知|怎么知道|怎样知道|有什么|有咩"),
)

PAST = (
    _en(r"(?<!since )(?<!from )yesterday", r"(?<!since )last (?:night|week|weekend|month|year"
        r"|time|summer|winter|spring|autumn|monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday)", r"(?:days|weeks|months|years|a while|ages) ago", r"ago",
        r"the other (?:day|night|week)", r"in the past", r"used to", r"back then",
        r"years back", r"once before"),
    _zh(r"(?<![由从自])(?:上(?:个)?(?:星期|礼拜|周|月|次)|昨(?:天|晚|日)|寻(?:日|晚)|琴(?:日|晚)"
        r"|噚(?:日|晚)|前(?:天|日|晚)|去年|以前|曾经|几(?:日|天|个月|年)前|那次|嗰次|当时)"),
)

PRESENT = (
    _en(r"now", r"right now", r"rn", r"atm", r"at the moment", r"currently", r"still",
        r"asap", r"hurry", r"urgent", r"tonight", r"today"),
    _zh(r"而家|宜家|依家|现在|仍然|依然|仲(?:系|未|要)|还(?:在|是|没)|一直|马上|立即|快(?:啲|点)"
        r"|今晚|今日|今天"),
)

SUICIDE = (
    _en(
        r"suicid\w*",
        r"(?:want(?:s|ed|ing)?|wanna|wish(?:ing)?|would like|'d like|ready) (?:to )?die",
        r"wish (?:i|i'?d) (?:was|were|had) (?:dead|died|never been born)",
        r"kill(?:ing)? myself|kms|unalive(?: myself)?",
        r"end(?:ing)? (?:it all|my life|my own life|things)|take my (?:own )?life",
        r"(?:want|going|gonna|about|ready) to end it",
        r"better off dead",
        r"(?:no|nothing|not any) (?:reason|point) (?:to|in) (?:live|living|going on)",
        r"(?:don'?t|do not|dont) (?:want|wanna) (?:to )?(?:live|be alive|be here|exist|wake up)"
        r"(?: any ?more)?",
        r"no longer want to (?:live|be alive|be here)",
        r"self[ -]?harm\w*|(?:hurt|hurting|cut|cutting) myself",
        r"can'?t go on(?: any ?more| like this| living)",
    ),
    _zh(
        r"想死(?![你您妳他她佢])|想自杀|自杀|轻生|寻死|不想活|唔想活|(?:不|唔)想(?:再)?生存"
        r"|不想再活|活(?:不|唔)(?:下|落)去|生无可恋|了结(?:自己|生命)|结束(?:自己|生命)"
        r"|自残|割脉|割手|跳楼|烧炭|死(?:了|咗)算|不如死|(?:不|唔)想(?:再)?醒(?:来|返)?"
        r"|想消失",
    ),
)
# A negation just before a suicide phrase ("don't want to die", "not suicidal", "唔系想死").
_NEGATED_EN = re.compile(r"(?<![a-z0-9])(?:don'?t|do not|dont|doesn'?t|didn'?t|never|not|no)"
                         r"(?: [a-z']+)? $")
_NEGATED_ZH = re.compile(r"(?:不|唔|没|冇|别|咪|并不|不会|唔会|从没|从未|不是|唔系|并非)$")

URINARY = (
    _en(
        r"(?:can'?t|cannot|cant|couldn'?t|unable to|not able to|struggling to) (?:pee|wee|piss"
        r"|urinate|go for a (?:pee|wee))",
        r"(?:nothing|no (?:pee|wee|urine)|only (?:a few )?drops?|just drops?)"
        r" (?:comes?|coming|came|will come) out",
        r"(?:haven'?t|have not|hasn'?t|has not|not) (?:peed|urinated|been able to pee)"
        r" (?:in|for|since)",
        r"(?:lots|loads|a lot|heaps|tons|so much|full|masses) of blood (?:[a-z']+ ){0,3}?"
        r"(?:pee|wee|urine|piss)",
        r"(?:pee|wee|urine|piss)(?:ing)? (?:[a-z']+ ){0,3}?(?:lots|loads|a lot|so much|full"
        r"|heaps|tons) of blood",
        r"(?:pee|wee|urine|piss)(?:ing)? (?:is |was |looks )?(?:pure|just|all|only) blood",
        r"(?:peeing|weeing|pissing) (?:out )?(?:pure )?blood clots?",
        r"(?:blood )?clots? (?:[a-z']+ ){0,3}?(?:pee|wee|urine)",
    ),
    _zh(
        r"(?:尿|屙尿|小便|排尿)(?:都)?(?:不|唔)(?:出|到|了)|屙(?:不|唔)出尿|(?:排|解)(?:不|唔)"
        r"(?:出|到)(?:尿|小便)|(?:无法|不能|唔可以)排尿|排尿困难",
        r"(?:大量|好多|很多|一大堆)(?:血尿|尿血)|(?:血尿|尿血)(?:好|很|非常)多",
        r"(?:尿|小便|屙尿).{0,8}(?:好多|很多|大量|满|全(?:系|是)?|都系|都是)血",
        r"(?:好多|很多|大量)血.{0,8}(?:尿|小便)",
        r"(?:尿|小便).{0,6}血块|血块.{0,6}(?:尿|小便)",
    ),
)


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(pattern.search(text) for pattern in patterns)


def _suicidal(text: str) -> bool:
    english, chinese = SUICIDE
    for match in english.finditer(text):
        if not _NEGATED_EN.search(text[max(0, match.start() - 30):match.start()]):
            return True
    for match in chinese.finditer(text):
        if not _NEGATED_ZH.search(text[max(0, match.start() - 3):match.start()]):
            return True
    return False


def detect_crisis(text: str) -> CrisisMatch | None:
    """The crisis page to show for ``text`` at once, or None to carry on with search."""
    folded = fold(text[:MAX_CHARS])
    past_only = _any(PAST, folded) and not _any(PRESENT, folded)
    if not past_only and (_any(EMERGENCY_STRONG, folded) or (
            _any(EMERGENCY_WEAK, folded) and not _any(HYPOTHETICAL, folded))):
        return CrisisMatch("emergency", PAGES["emergency"])
    if _suicidal(folded):
        return CrisisMatch("suicide", PAGES["suicide"])
    if not past_only and _any(URINARY, folded):
        return CrisisMatch("urinary", PAGES["urinary"])
    return None
