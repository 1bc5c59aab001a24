"""Text as search sees it: case, width and script folded (Traditional to Simplified), and cut
into terms: English words (stemmed, stop words left out), Chinese characters and pairs of
characters, so no word segmentation is needed and text without spaces works.

``crisis`` uses ``fold`` too, so its patterns are written once, in Simplified."""

from __future__ import annotations

import operator
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import cast

from bot.conversation.hanzi_table import TO_SIMPLIFIED_PAIRS
from bot.conversation.search.stemming import stem

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
# Every other Traditional-only character by OpenCC's first Simplified form (騎 -> 骑: people
# type words no page has), under the hand-checked pairs above, which win where they differ.
VARIANTS: dict[str, str] = {
    **{TO_SIMPLIFIED_PAIRS[i]: TO_SIMPLIFIED_PAIRS[i + 1]
       for i in range(0, len(TO_SIMPLIFIED_PAIRS), 2)},
    **{_VARIANT_PAIRS[i]: _VARIANT_PAIRS[i + 1] for i in range(0, len(_VARIANT_PAIRS), 2)}}
FOLD_TABLE = str.maketrans(VARIANTS)
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def fold(text: str) -> str:
    """Case, width and script folded: "ＫＥＴ", "Ket" and "ket" are equal, as are 尿頻 and 尿频."""
    return unicodedata.normalize("NFKC", text).translate(APOSTROPHES).casefold().translate(
        FOLD_TABLE)


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


# A piece is a word (key, surface, False), key None for a stop word, or a run of Chinese
# characters (folded, surface, True). Pieces are grouped into runs that punctuation ends.
_Piece = tuple[str | None, str, bool]


# A phone number is one word however it is grouped: "186 186", "186186"; "0800-770-885".
_NUMBER_GAP = re.compile(r"(?<=\d\d\d)[ -](?=\d\d\d)")


def normalise(text: str) -> str:
    """NFKC, one kind of apostrophe, and the groups of a phone number joined. NFKC can make
    text longer ('㎉' is "kcal", 'ﬃ' "ffi"): cut text to a length only after this, or a short
    message can become a long one."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    return _NUMBER_GAP.sub("", text) if "-" in text or " " in text else text



def _runs(text: str, stems: dict[str, str | None] | None = None) -> Iterator[list[_Piece]]:
    """Runs of pieces between punctuation. Spaces do not end a run: people put them anywhere
    in Chinese ("K仔 肚痛"). ``stems`` memoises stemming while building the index only."""
    text = normalise(text)
    run: list[_Piece] = []
    for cjk, word, _other in _UNIT.findall(text):
        if cjk:
            run.append((cjk.translate(FOLD_TABLE), cjk, True))
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
WORD, _CHAR, _PAIR = 1.0, 0.35, 0.65
PAIR = _PAIR
# A term is (key, weight, surface).
TermT = tuple[str, float, str]


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


def split_terms(text: str, most: int | None = None) -> list[TermT]:
    """Words, Chinese characters and pairs, with their weight and how the text wrote them;
    with ``most``, it stops once it has that many different ones (a search reads no more)."""
    out: list[TermT] = []
    seen: set[str] = set()
    for run in _runs(text):
        bridges = {i: (key, surface) for i, key, surface in _bridges(run)}
        for i, (key, surface, cjk) in enumerate(run):
            if key is None:
                continue
            counted = len(out)
            if not cjk:
                # A letter inside Chinese (嗑K, K仔) is part of a word, so weighs as a character.
                beside_chinese = (i > 0 and run[i - 1][2]) or (i + 1 < len(run) and run[i + 1][2])
                out.append((key, _CHAR if beside_chinese else WORD, surface))
            else:
                for j, char in enumerate(key):
                    if char not in _ZH_NOT_TERMS:
                        out.append((char, _CHAR, surface[j]))
                    if j + 1 < len(key) and _pairs(char, key[j + 1]):
                        out.append((key[j:j + 2], _PAIR, surface[j:j + 2]))
                    if most is not None and j % 16 == 15:
                        seen.update(term[0] for term in out[counted:])
                        counted = len(out)
                        if len(seen) >= most:
                            return out
            if i in bridges:
                out.append((bridges[i][0], _PAIR, bridges[i][1]))
            if most is not None:
                seen.update(term[0] for term in out[counted:])
                if len(seen) >= most:
                    return out
    return out


def term_keys(text: str, stems: dict[str, str | None]) -> set[str]:
    """The keys of ``split_terms(text)``, built with set operations: bodies are long and the index
    must load fast. Equivalent to ``terms`` (a test checks this on the shipped content)."""
    if not _HAS_CJK.search(text):
        words = {_word_key(word, stems) for word in set(_WORDS.findall(normalise(text)))}
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
