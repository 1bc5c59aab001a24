"""Search for "ask in your own words": find the pages that best answer what someone typed.

Plain Python, built once when content loads. Pages are indexed per language from four fields:
keywords and titles (what people type, so they weigh most), the summary, and the visible body
text. Matching is forgiving because people type on phones, in slang, in a hurry:

- English words are lower-cased and lightly stemmed (pees, peeing, peed -> pee), glued words are
  split when both halves are known ("kcramps" -> k + cramps), and unknown words match a known word
  one edit away (two for long words: "bladdder", "alcohl").
- Chinese is indexed as single characters and pairs of characters, so no word segmentation is
  needed and text without spaces works. Traditional characters are folded to Simplified ones
  (a fixed table below) so "尿頻" and "尿频" are the same. Latin letters next to Chinese make pairs
  too, so "K仔" is one term.
- Terms are weighted by rarity (IDF per language); a keyword or title fully covered by the query
  earns a bonus, so "blood in pee" beats "pee", less so for tags many pages share (嗑K).
- The person's language is searched first; the others count OTHER_LANGUAGE as much. The main
  menu ranks low. A best score under MIN_SCORE (tuned on tests/core/search_cases.py) means no
  real match, and the answer is [] rather than noise.

Nothing typed is stored, logged or cached: ``search`` keeps the query only for the call.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, cast

from bot.core.markup import visible_text
from bot.core.model import FALLBACK_LOCALE, HOME, LOCALES, Content, PageText
from bot.core.render import Renderer

Field = Literal["title", "keyword", "summary", "body"]


@dataclass(frozen=True)
class SearchHit:
    """One page that answers the query. ``matched`` is content text (never the query), so a
    front end can say "Matches: blood in pee" without echoing what the person typed."""

    page: str
    score: float
    matched: str
    field: Field
    locale: str


# -- text normalisation ---------------------------------------------------------------------

# Traditional -> Simplified, written as pairs, for characters in the content and those people
# commonly type about health, drugs and feelings. Both the index and the query are folded, so
# the direction only matters for consistency. Hand-checked rather than derived at load time:
# aligning zh-Hans with zh-Hant text pairs up regional words (K粉/K仔, 嗑/索) as if they were
# the same character. A few non-variants are folded on purpose (甚/什 for 甚麼/什么).
_VARIANT_PAIRS = (
    "並并亂乱亞亚來来個个們们倫伦側侧傷伤傾倾價价償偿優优儲储兒儿內内兩两冊册凍冻別别刪删"
    "剛刚創创劃划劑剂劇剧動动勁劲務务勢势勵励區区協协厲厉參参員员問问啟启單单嗎吗嘔呕噁恶"
    "嚇吓嚨咙嚴严國国圍围園园圖图團团堅坚報报場场塊块壓压壞坏壯壮夠够夢梦奪夺姦奸媽妈嬰婴"
    "學学寧宁實实審审寫写寶宝專专將将尋寻對对導导屬属島岛師师帳账帶带幫帮幣币幹干乾干幾几"
    "庫库廁厕廣广廳厅張张強强彈弹後后徑径從从復复徵征恆恒恥耻悶闷惡恶惱恼愛爱態态慘惨慣惯"
    "慮虑慶庆憂忧憶忆應应懷怀懼惧戀恋戰战戲戏戶户拋抛掃扫掙挣換换損损搖摇搶抢撐撑撥拨擇择"
    "擊击擔担據据擠挤擬拟擴扩擺摆擾扰攜携敗败敵敌數数斷断於于時时晉晋暈晕暫暂曆历書书會会"
    "東东條条極极構构槍枪樂乐樓楼標标樣样橋桥機机檢检櫃柜權权歐欧歡欢歲岁歷历歸归殘残殺杀"
    "氣气決决沒没況况淚泪淨净淺浅減减測测湯汤溝沟溫温滅灭滿满漢汉潔洁濃浓濕湿濟济濫滥瀉泻"
    "灣湾災灾為为烏乌無无煙烟煩烦熱热燈灯燒烧燙烫營营爭争爾尔牆墙狀状猶犹獄狱獨独獲获獸兽"
    "現现瑪玛環环產产畢毕畫画異异當当瘋疯療疗癇痫癒愈癢痒癮瘾癲癫發发盡尽監监盤盘睏困確确"
    "礙碍禮礼稱称穩稳窩窝竅窍節节範范簡简糧粮糞粪紀纪約约紅红紓纾純纯紙纸級级細细終终組组"
    "結结絕绝絞绞給给絡络統统經经綜综綠绿維维網网緊紧緒绪線线締缔編编緩缓練练縣县縮缩總总"
    "織织繼继續续罰罚義义習习聞闻聯联聲声聽听肅肃脅胁脈脉脫脱腎肾腦脑腫肿腳脚腸肠膚肤膠胶"
    "膽胆臉脸臟脏臥卧臨临與与興兴舉举艱艰藝艺華华萬万葉叶蒼苍蓋盖蔥葱藥药蘇苏蘭兰處处號号"
    "蟲虫術术衛卫衞卫補补製制複复裏里裡里裝装見见規规視视親亲覺觉覽览觀观觸触計计訂订訊讯"
    "討讨訓训託托記记訪访設设許许診诊註注証证評评詞词詢询試试詩诗話话該该詳详誇夸認认誌志"
    "誤误說说誰谁課课調调談谈請请諒谅論论諧谐諮咨講讲謊谎謝谢謹谨證证識识議议護护讀读變变"
    "讓让豬猪貓猫負负貨货貴贵費费資资賣卖質质賴赖購购賽赛贊赞跡迹蹤踪躍跃車车軍军軟软較较"
    "載载輔辅輕轻輪轮輸输轉转這这連连週周進进遊游運运過过達达違违遠远適适遲迟遺遗選选還还"
    "邊边鄉乡醫医釋释針针鈔钞銀银鋼钢錄录錢钱錯错鍵键鎮镇鏡镜鐘钟鐵铁長长門门閃闪閉闭開开"
    "間间閱阅闊阔關关陸陆陰阴陽阳隊队際际隨随險险隱隐雖虽雙双雜杂雞鸡離离難难電电靈灵靜静"
    "響响頁页項项順顺須须預预頓顿領领頭头頸颈頻频題题額额顏颜願愿類类顧顾顫颤顯显風风飄飘"
    "飛飞飯饭飲饮飽饱餅饼養养餓饿餘余館馆馬马駕驾駛驶驗验驚惊骯肮髒脏體体鬆松鬥斗鬧闹鬱郁"
    "魚鱼鳥鸟鹹咸鹽盐麗丽麥麦麵面麼么麽么黃黄點点齊齐齡龄齒齿龍龙龜龟著着係系繫系甚什憑凭"
    "勸劝啞哑嘗尝噴喷嚐尝囉啰嶼屿廢废徹彻懶懒撲扑撿捡擁拥攤摊攝摄暢畅殼壳毀毁溼湿滯滞獎奖"
    "瘡疮癡痴皺皱盜盗碼码磚砖禍祸穀谷窮穷筆笔籤签紐纽紮扎絲丝綁绑綿绵縫缝繩绳罷罢羅罗脹胀"
    "膩腻蝦虾襪袜詐诈誕诞謀谋謠谣譯译豐丰貝贝貧贫貼贴賠赔賬账賺赚贈赠趕赶趨趋軌轨輩辈轟轰"
    "辭辞遞递郵邮鄰邻鈴铃銷销鋪铺鍋锅鎖锁鑰钥閒闲闖闯陣阵陳陈隻只雲云韓韩颱台臺台檯台餵喂"
    "驅驱鬍胡鬚须鴉鸦鴨鸭鵝鹅嗆呛痺痹痙痉攣挛癱瘫瘓痪膿脓鈣钙譽誉懲惩糾纠紋纹濾滤滲渗沖冲"
    "衝冲涼凉潤润澀涩瀨濑灑洒爐炉爛烂牽牵獵猎瓊琼甦苏癥症眾众衆众睜睁瞞瞒矯矫祕秘稅税穫获"
    "竊窃簽签紛纷縱纵聖圣職职脣唇臍脐莊庄薦荐虛虚覓觅謎谜賊贼賭赌贏赢軀躯迴回遷迁釀酿鉤钩"
    "鏈链霧雾頌颂飢饥餃饺騙骗騰腾驟骤鮮鲜鳴鸣黨党"
)
VARIANTS: dict[str, str] = {
    _VARIANT_PAIRS[i]: _VARIANT_PAIRS[i + 1] for i in range(0, len(_VARIANT_PAIRS), 2)}
_FOLD_TABLE = str.maketrans(VARIANTS)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def fold(text: str) -> str:
    """Case, width and script folded: "ＫＥＴ", "Ket" and "ket" are equal, as are 尿頻 and 尿频."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold().translate(
        _FOLD_TABLE)


# -- tokenising -----------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A run of CJK characters, a word (letters/digits, inner apostrophes), or a punctuation mark,
# which ends a run of Chinese so that pairs never cross it. Spaces are skipped.
_UNIT = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*)|(\S)")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_WORDS = re.compile(rf"[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*")

EN_STOP_WORDS: frozenset[str] = frozenset({
    "a", "an", "the", "i", "me", "my", "mine", "im", "ive", "id", "you", "your", "yours", "youre",
    "u", "ur", "ya", "we", "our", "he", "him", "his", "she", "her", "they", "them", "their",
    "theyre", "it", "its", "this", "that", "these", "those", "is", "am", "are", "was", "were",
    "be", "been", "being", "do", "does", "did", "dont", "doesnt", "didnt", "isnt", "arent",
    "wasnt", "have", "has", "had", "having", "will", "would", "shall", "should", "can", "could",
    "may", "might", "must", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about",
    "as", "into", "onto", "than", "then", "so", "and", "or", "but", "if", "what", "whats",
    "which", "who", "whom", "whose", "when", "where", "why", "how", "there", "here", "just",
    "really", "very", "some", "any", "also", "please", "pls", "plz", "hi", "hello", "hey", "ok",
    "okay", "yeah", "gonna", "wanna", "gotta", "s", "t", "re", "ve", "ll", "d", "m", "thanks",
    "thank", "thx", "ty", "cheers", "bye", "lol", "haha", "sorry",
})
# Chinese particles carry no meaning at all: they are neither terms nor part of pairs.
ZH_PARTICLES: frozenset[str] = frozenset(fold("的了吗嗎呢啊呀吧嘛啦喇囉咯哦喔噢吖嘅咗啲㗎喎噃嘞"))
# Function characters are not terms on their own but still join pairs (叫不醒, 点算, 冇反应).
ZH_FUNCTION_CHARS: frozenset[str] = frozenset(fold(
    "是我你他她它们們这這那个個么麼什甚怎点點样樣喺佢哋咩嘢咪係唔冇乜咁噉嗰就都也还還和与與"
    "或及在有要会會能可以不没沒"))
_ZH_NOT_TERMS = ZH_PARTICLES | ZH_FUNCTION_CHARS
_PARTICLE = re.compile("[" + "".join(sorted(ZH_PARTICLES)) + "]")
_FUNCTION_PAIRS = frozenset(a + b for a in ZH_FUNCTION_CHARS for b in ZH_FUNCTION_CHARS)

_IRREGULAR = {
    "peed": "pee", "weed": "weed", "took": "take", "taken": "take", "dying": "die", "died": "die",
    "lying": "lie", "using": "use", "used": "use", "uses": "use", "woke": "wake", "woken": "wake",
    "felt": "feel", "ate": "eat", "drank": "drink", "went": "go", "gone": "go",
    "cannot": "cant",
}
_VOWELS = frozenset("aeiouy")


def stem(word: str) -> str:
    """A light English stemmer: enough to make pee/pees/peeing/peed one term, kept predictable
    rather than clever, because both the content and the query go through it."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses") or (
            word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "z"))):
        word = word[:-2]  # passes -> pass, mixes -> mix
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ly") and len(word) >= 7:
        word = word[:-2]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and not word.endswith("eed"):
            base = word[:-len(suffix)]
            if len(base) >= 2 and _VOWELS.intersection(base):
                if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeiouylsz":
                    base = base[:-1]  # stopping -> stop
                word = base
            break
    if len(word) >= 4 and word.endswith("e") and word[-2] not in _VOWELS:
        word = word[:-1]  # take/taking, dose/dosing, breathe/breath
    return word


# A piece is a word (key, surface, False), key None for a stop word, or a run of Chinese
# characters (folded, surface, True). Pieces are grouped into runs that punctuation ends.
_Piece = tuple[str | None, str, bool]


def _normal(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def _runs(text: str, stems: dict[str, str | None] | None = None) -> Iterator[list[_Piece]]:
    """Runs of pieces between punctuation. Spaces do not end a run: people put them anywhere
    in Chinese ("K仔 肚痛"). ``stems`` memoises stemming while building the index only."""
    text = _normal(text)
    run: list[_Piece] = []
    for cjk, word, _other in _UNIT.findall(text):
        if cjk:
            run.append((cjk.translate(_FOLD_TABLE), cjk, True))
        elif word:
            run.append((_word_key(word, stems), word, False))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _word_key(word: str, stems: dict[str, str | None] | None) -> str | None:
    raw = word.casefold().replace("'", "")
    if stems is None:
        return None if raw in EN_STOP_WORDS else stem(raw)
    if raw not in stems:
        stems[raw] = None if raw in EN_STOP_WORDS else stem(raw)
    return stems[raw]


# Weights of a term by kind: a Chinese pair says much more than a single character.
_WORD, _CHAR, _PAIR = 1.0, 0.35, 0.65
# A term is (key, weight, surface).
_TermT = tuple[str, float, str]


def _pairs(a: str, b: str) -> bool:
    """Whether two neighbours make a pair term: never with a particle, nor two function
    characters (我的, 是不); but 叫不, 不醒 and 点算 are pairs."""
    return (a not in ZH_PARTICLES and b not in ZH_PARTICLES
            and not (a in ZH_FUNCTION_CHARS and b in ZH_FUNCTION_CHARS))


def _bridges(run: list[_Piece]) -> Iterator[tuple[int, str, str]]:
    """Pairs across piece boundaries (K仔, or Chinese split by a space): (index, key, surface)."""
    for i in range(len(run) - 1):
        key, surface, cjk = run[i]
        next_key, next_surface, next_cjk = run[i + 1]
        if key is None or next_key is None or not (cjk or next_cjk):
            continue
        left = key[-1] if cjk else key
        right = next_key[0] if next_cjk else next_key
        if _pairs(left, right):
            yield i, left + right, (surface[-1] if cjk else surface) + (
                next_surface[0] if next_cjk else next_surface)


def _terms(text: str) -> list[_TermT]:
    """Words, Chinese characters and pairs, with their weight and how the text wrote them."""
    out: list[_TermT] = []
    for run in _runs(text):
        bridges = {i: (key, surface) for i, key, surface in _bridges(run)}
        for i, (key, surface, cjk) in enumerate(run):
            if key is None:
                continue
            if not cjk:
                # A letter inside Chinese (嗑K, K仔) is part of a word, so weighs as a character.
                beside_chinese = (i > 0 and run[i - 1][2]) or (i + 1 < len(run) and run[i + 1][2])
                out.append((key, _CHAR if beside_chinese else _WORD, surface))
            else:
                for j, char in enumerate(key):
                    if char not in _ZH_NOT_TERMS:
                        out.append((char, _CHAR, surface[j]))
                    if j + 1 < len(key) and _pairs(char, key[j + 1]):
                        out.append((key[j:j + 2], _PAIR, surface[j:j + 2]))
            if i in bridges:
                out.append((bridges[i][0], _PAIR, bridges[i][1]))
    return out


def _term_keys(text: str, stems: dict[str, str | None]) -> set[str]:
    """The keys of ``_terms(text)``, built with set operations: bodies are long and the index
    must load fast. Equivalent to ``_terms`` (a test checks this on the shipped content)."""
    if not _HAS_CJK.search(text):
        words = {_word_key(word, stems) for word in set(_WORDS.findall(_normal(text)))}
        words.discard(None)
        return cast(set[str], words)
    keys: set[str] = set()
    for run in _runs(text, stems):
        for key, _surface, cjk in run:
            if key is None:
                continue
            if not cjk:
                keys.add(key)
                continue
            for part in _PARTICLE.split(key):
                keys.update(part)
                keys.update(map(operator.add, part, part[1:]))
        keys.update(key for _i, key, _surface in _bridges(run))
    # Interned, so a term on many pages is one string in memory rather than one per page.
    return {sys.intern(key) for key in keys - _ZH_NOT_TERMS - _FUNCTION_PAIRS}


# -- typo tolerance -------------------------------------------------------------------------


def allowed_edits(word: str) -> int:
    """Edits tolerated for a typed word: none below 4 letters, 1 from 4, 2 from 8."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class _Typos:
    """Deletion neighbourhoods of the vocabulary (the SymSpell idea): a typed word and a known
    word within k edits share a string reachable from both by at most k deletions."""

    def __init__(self, words: Iterable[str]) -> None:
        building: dict[str, set[str]] = {}
        for word in words:
            if len(word) < 3 or not word.isalpha():
                continue
            for variant in _deletions(word, 2 if len(word) >= 6 else 1):
                building.setdefault(variant, set()).add(word)
        # Kept as tuples: a set costs over 200 bytes even for one word, a tuple a quarter.
        self._by_deletion: dict[str, tuple[str, ...]] = {
            variant: tuple(found) for variant, found in building.items()}

    def near(self, word: str, edits: int) -> list[tuple[str, int]]:
        if edits <= 0:
            return []
        candidates: set[str] = set()
        for variant in _deletions(word, edits):
            candidates.update(self._by_deletion.get(variant, ()))
        found = [(c, edit_distance(word, c, edits)) for c in candidates if c != word]
        found = [(c, d) for c, d in found if d <= edits]
        if not found:
            return []
        best = min(d for _, d in found)
        return sorted((c, d) for c, d in found if d == best)[:4]


# -- the index ------------------------------------------------------------------------------

FIELD_WEIGHTS: dict[Field, float] = {"keyword": 1.0, "title": 0.9, "summary": 0.5, "body": 0.2}
BODY_DF = 0.3  # a page that has a term only in its body counts this much towards its rarity
ALSO_IN_FIELD = 0.1  # a term found in several fields of a page counts a little more
ENTRY_BONUS = 0.8  # how much a keyword or title fully covered by the query adds
WHOLE_ENTRY = 0.62  # and a fixed amount when all of it is typed, however common its words
OTHER_LANGUAGE = 0.6  # matches in another language count this much
HOME_WEIGHT = 0.3  # the main menu matches everything a little; rank it low
MIN_SCORE = 0.62  # below this a hit is noise; tuned on tests/core/search_cases.py
RELATIVE_FLOOR = 0.2  # hits far weaker than the best are noise too
MAX_QUERY_CHARS = 500
SPLIT, TYPO_1, TYPO_2 = 0.9, 0.75, 0.6  # how much an inexact match of a word counts


@dataclass
class _Entry:
    """A keyword or title of a page: a phrase someone may type in full."""

    page: str
    field: Field
    text: str
    terms: dict[str, float]
    total: float = 0.0
    specific: float = 1.0  # 1 for a keyword only this page has, less for tags on many pages


@dataclass
class _Language:
    """The index of one language. ``postings`` maps each term to the pages that have it, each
    followed by the weight of the best field the term is in on that page (plus a little for
    every other field it is in): ``(page, (weight, field), page, (weight, field), ...)``. One
    flat tuple per term is a third of the objects of a pair of tuples or a tuple of pairs."""

    postings: dict[str, tuple[str | tuple[float, Field], ...]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    entries: list[_Entry] = field(default_factory=list)
    entries_by_term: dict[str, list[int]] = field(default_factory=dict)
    texts: dict[tuple[str, Field], str] = field(default_factory=dict)
    typos: _Typos = field(default_factory=lambda: _Typos(()))


@dataclass(frozen=True)
class _QueryWord:
    """One term of the query, with what it may match in a language and how well."""

    weight: float
    options: tuple[tuple[str, float], ...]


class SearchIndex:
    """Built once per content load; ``search`` is read-only and safe to share."""

    def __init__(self, languages: dict[str, _Language]) -> None:
        self._languages = languages

    @classmethod
    def build(cls, content: Content, renderer: Renderer) -> SearchIndex:
        languages: dict[str, _Language] = {}
        for locale, texts in content.texts.items():
            languages[locale] = _index_language(
                {page_id: _page_fields(text, renderer.body(page_id, locale))
                 for page_id, text in texts.items()})
        return cls(languages)

    # -- searching ----------------------------------------------------------------------------

    def search(self, query: str, locale: str, limit: int = 3) -> list[SearchHit]:
        """The best pages for ``query``, best first: the person's language first, the others
        as a weaker fallback, each page once. No real match gives []."""
        terms = _terms(query[:MAX_QUERY_CHARS])
        if limit <= 0 or not terms:
            return []
        primary = locale if locale in self._languages else FALLBACK_LOCALE
        order = [primary] + [other for other in LOCALES
                             if other != primary and other in self._languages]
        best: dict[str, _Candidate] = {}
        for language in order:
            for found in self._candidates(terms, language, primary):
                if found.page not in best or found.score > best[found.page].score:
                    best[found.page] = found
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.page))
        if not ranked or ranked[0].score < MIN_SCORE:
            return []
        floor = max(MIN_SCORE, ranked[0].score * RELATIVE_FLOOR)
        return [self._hit(found) for found in ranked[:limit] if found.score >= floor]

    @staticmethod
    def _query_words(terms: list[_TermT], lang: _Language) -> list[_QueryWord]:
        """What each query term may match in one language: itself, or else the two known words
        it glues together, or else the known words one or two typos away."""
        words: dict[str, _QueryWord] = {}
        for key, weight, surface in terms:
            if key in words:
                continue
            if key in lang.idf:
                words[key] = _QueryWord(weight, ((key, 1.0),))
                continue
            if weight != _WORD or not key.isascii():
                continue  # Chinese: no typo model, an unknown pair simply does not match
            raw = fold(surface).replace("'", "")
            split = _split(raw, lang)
            if split:
                for part in split:
                    words.setdefault(part, _QueryWord(weight, ((part, SPLIT),)))
                continue
            near = lang.typos.near(key, allowed_edits(key if len(key) < len(raw) else raw))
            if near:
                options = tuple((word, TYPO_1 if d == 1 else TYPO_2) for word, d in near)
                words[key] = _QueryWord(weight, options)
        return list(words.values())

    def _candidates(self, terms: list[_TermT], locale: str, primary: str) -> list[_Candidate]:
        """Every page with any match in one language, scored: the sum over query words of
        rarity x field weight x match quality, plus a bonus for the best keyword or title in
        proportion to how much of it the query covers and how specific it is."""
        lang = self._languages[locale]
        words = self._query_words(terms, lang)
        if not words:
            return []
        rarity = lang.idf
        if locale != primary:
            # "ket" is rare in Chinese text but common in English: judge a word's rarity by
            # the language the person reads, where it has one.
            own = self._languages[primary].idf
            rarity = {key: min(lang.idf[key], own.get(key, lang.idf[key]))
                      for word in words for key, _quality in word.options}
        by_page: dict[str, dict[int, tuple[float, str]]] = {}
        entry_hits: dict[int, dict[str, float]] = {}
        for number, word in enumerate(words):
            for key, quality in word.options:
                base = rarity[key] * word.weight * quality
                for page_id, (weight, _field) in _pages_with(lang.postings.get(key, ())):
                    value = base * weight
                    scores = by_page.get(page_id)
                    if scores is None:
                        by_page[page_id] = {number: (value, key)}
                    elif number not in scores or value > scores[number][0]:
                        scores[number] = (value, key)
                for entry_number in lang.entries_by_term.get(key, ()):
                    got = entry_hits.get(entry_number)
                    if got is None:
                        entry_hits[entry_number] = {key: quality}
                    elif quality > got.get(key, 0.0):
                        got[key] = quality
        bonus: dict[str, float] = {}
        shown: dict[str, tuple[float, _Entry]] = {}
        idf = lang.idf
        for entry_number, got in entry_hits.items():
            entry = lang.entries[entry_number]
            covered = matched = 0.0
            for k, q in got.items():
                typed = entry.terms[k] * q
                covered += idf[k] * typed
                matched += rarity[k] * typed
            coverage = covered / (entry.total or 1.0)
            value = FIELD_WEIGHTS[entry.field] * matched * coverage
            if coverage >= 0.999:
                # Typed in full: "ketamine" is on every page, but it is the title of one.
                value += FIELD_WEIGHTS[entry.field] * WHOLE_ENTRY
            specific = value * entry.specific
            if specific > bonus.get(entry.page, 0.0):
                bonus[entry.page] = specific
            # The reason shown is the keyword or title the query matches most of ("K-hole"
            # rather than "hole"), however many pages share it.
            if entry.page not in shown or value > shown[entry.page][0]:
                shown[entry.page] = (value, entry)
        factor = 1.0 if locale == primary else OTHER_LANGUAGE
        found_pages: list[_Candidate] = []
        for page_id, scores in by_page.items():
            score = sum(value for value, _key in scores.values())
            score = (score + ENTRY_BONUS * bonus.get(page_id, 0.0)) * factor
            if page_id == HOME:
                score *= HOME_WEIGHT
            reason = shown[page_id][1] if page_id in shown else None
            strongest = max(scores.values())[1]
            found_pages.append(_Candidate(page_id, score, locale, reason, strongest))
        return found_pages

    def _hit(self, found: _Candidate) -> SearchHit:
        """The hit with its reason: the best keyword or title, else the strongest matching word
        of the summary or body, as the content writes it (never the query)."""
        score = round(found.score, 4)
        if found.entry is not None:
            return SearchHit(found.page, score, found.entry.text, found.entry.field, found.locale)
        lang = self._languages[found.locale]
        kind = dict(_pages_with(lang.postings[found.strongest]))[found.page][1]
        text = lang.texts.get((found.page, kind), "")
        surface = next((s for k, _w, s in _terms(text) if k == found.strongest), found.strongest)
        return SearchHit(found.page, score, surface, kind, found.locale)


class _Candidate(NamedTuple):
    """A page that matched in one language (a named tuple: a search makes hundreds)."""

    page: str
    score: float
    locale: str
    entry: _Entry | None
    strongest: str  # the term that contributed most


def _pages_with(posting: tuple[str | tuple[float, Field], ...],
                ) -> Iterator[tuple[str, tuple[float, Field]]]:
    """The (page, (weight, field)) pairs of one term's flat posting tuple."""
    pages = cast("tuple[str, ...]", posting[0::2])
    weights = cast("tuple[tuple[float, Field], ...]", posting[1::2])
    return zip(pages, weights, strict=True)


def _page_fields(text: PageText, body: str) -> list[tuple[Field, str]]:
    fields: list[tuple[Field, str]] = [("title", text.title)]
    if text.button and fold(text.button) != fold(text.title):
        fields.append(("title", text.button))
    fields.extend(("keyword", keyword) for keyword in text.keywords)
    if text.summary:
        fields.append(("summary", text.summary))
    fields.append(("body", visible_text(body)))
    return fields


_FIELD_ORDER: tuple[Field, ...] = ("keyword", "title", "summary", "body")


def _combined(mask: int) -> tuple[float, Field]:
    """Weight and best field of a term found in the fields of ``mask`` (bit 3 = keyword)."""
    present = [kind for bit, kind in zip((8, 4, 2, 1), _FIELD_ORDER, strict=True) if mask & bit]
    if not present:
        return 0.0, "body"
    extra = sum(FIELD_WEIGHTS[kind] for kind in present[1:])
    return FIELD_WEIGHTS[present[0]] + ALSO_IN_FIELD * extra, present[0]


_BY_FIELDS = tuple(_combined(mask) for mask in range(16))


def _index_language(pages: dict[str, list[tuple[Field, str]]]) -> _Language:
    lang = _Language()
    df: Counter[str] = Counter()
    body_only: Counter[str] = Counter()
    typo_words: set[str] = set()
    stems: dict[str, str | None] = {}
    postings: dict[str, list[str | tuple[float, Field]]] = {}
    for page_id, fields in pages.items():
        keys: dict[Field, set[str]] = {kind: set() for kind in _FIELD_ORDER}
        for kind, value in fields:
            if kind in ("summary", "body"):
                keys[kind] |= _term_keys(value, stems)
                lang.texts[(page_id, kind)] = value
                continue
            entry_terms: dict[str, float] = {}
            for key, weight, _surface in _terms(value):
                entry_terms[key] = max(entry_terms.get(key, 0.0), weight)
            keys[kind].update(entry_terms)
            if entry_terms:
                lang.entries.append(_Entry(page_id, kind, value.strip(), entry_terms))
        # Most terms are only in the body; the few in other fields are set one by one.
        weights = dict.fromkeys(keys["body"], _BY_FIELDS[1])
        keyword, title, summary, body = (keys[kind] for kind in _FIELD_ORDER)
        for key in summary | title | keyword:
            weights[key] = _BY_FIELDS[(key in keyword) << 3 | (key in title) << 2
                                      | (key in summary) << 1 | (key in body)]
        typo_words |= summary | title | keyword
        for key, best in weights.items():
            postings.setdefault(key, []).extend((page_id, best))
        df.update(weights.keys())
        body_only.update(keys["body"] - summary - title - keyword)
    lang.postings = {key: tuple(found) for key, found in postings.items()}
    total = len(pages)
    # Rarity is BM25's idf, as a share of the rarest possible (a term on one page), so scores
    # and MIN_SCORE mean the same with 8 pages or 800.
    rarest = math.log(1.0 + (total - 0.5) / 1.5)
    for key, pages_with in df.items():
        # A page that only mentions the term in passing (in its body) counts for less: "help"
        # or "pain" in every body is still a word people type to find one page.
        count = pages_with - (1.0 - BODY_DF) * body_only[key]
        lang.idf[key] = math.log(1.0 + (total - count + 0.5) / (count + 0.5)) / rarest
    # A keyword listed on many pages (嗑K, "ket bladder") is a tag, not an answer.
    # Titles are counted apart: the page titled "K洞" is the answer even if others tag it.
    listed: Counter[tuple[Field, frozenset[str]]] = Counter()
    for _page, group in itertools.groupby(lang.entries, key=lambda e: e.page):
        listed.update({(entry.field, frozenset(entry.terms)) for entry in group})
    most = math.log(1.0 + total)
    for number, entry in enumerate(lang.entries):
        entry.total = sum(lang.idf[k] * w for k, w in entry.terms.items())
        count = listed[(entry.field, frozenset(entry.terms))]
        entry.specific = math.log(1.0 + total / count) / most
        for key in entry.terms:
            lang.entries_by_term.setdefault(key, []).append(number)
    # Typos are forgiven towards the words people type: those of keywords, titles, summaries.
    lang.typos = _Typos(word for word in typo_words if word.isascii() and word.isalpha())
    return lang


def _split(word: str, lang: _Language) -> list[str]:
    """Two known words typed without a space ("kcramps", "ketbladder"), or []."""
    if len(word) < 4 or not word.isalpha():
        return []
    best: list[str] = []
    best_size = 0
    for cut in range(1, len(word) - 2):
        left, right = word[:cut], word[cut:]
        size = min(cut, len(right))  # the most even split of known words wins
        if size <= best_size or left in EN_STOP_WORDS or right in EN_STOP_WORDS:
            continue
        first = stem(left)
        if first not in lang.idf:
            continue
        second = stem(right)
        if second in lang.idf:
            best, best_size = [first, second], size
    return best
