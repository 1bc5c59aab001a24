"""Questions as people type them, each with the shipped page that should be in the top three.

Written to sound like real messages: slang, typos, no punctuation, Chinese without spaces, Hong
Kong colloquial Cantonese in zh-Hant. Add a case whenever someone reports a question the bot
could not answer; if it fails, the fix is usually a keyword in content/text/, not code.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    query: str
    locale: str
    page: str


EN = "en"
HANS = "zh-Hans"
HANT = "zh-Hant"

CASES: tuple[Case, ...] = (
    # -- English ----------------------------------------------------------------------------
    Case("blood when I pee", EN, "bladder_signs"),
    Case("can I mix with alcohol", EN, "mix_alcohol"),
    Case("wee hurts", EN, "bladder_signs"),
    Case("ket and booze", EN, "mix_alcohol"),
    Case("kcramps", EN, "body_cramps"),
    Case("how long does a k hole last", EN, "effects_khole"),
    Case("peeing all the time", EN, "bladder_signs"),
    Case("bladdder pain", EN, "bladder_pain"),
    Case("is ket and alcohl dangerous", EN, "mix_alcohol"),
    Case("my mate wont wake up", EN, "emergency"),
    Case("ket and coke together", EN, "mix_stimulants"),
    Case("mixing k with mdma", EN, "mix_mdma"),
    Case("how do i quit ket", EN, "cutting_down"),
    Case("am i addicted to k", EN, "cutdown_signs"),
    Case("stomach ache after ket", EN, "body_cramps"),
    Case("nosebleeds from snorting", EN, "safer_nose"),
    Case("is ketamine illegal in the uk", EN, "what_law"),
    Case("will the police come if i call an ambulance", EN, "emergency_police"),
    Case("think my drink got spiked", EN, "safer_spiking"),
    Case("what number do i call for an ambulance", EN, "emergency_numbers"),
    Case("how do you do the recovery position", EN, "emergency_recovery"),
    Case("will my bladder heal if i stop", EN, "bladder_recovery"),
    Case("what do i tell my gp", EN, "bladder_doctor"),
    Case("feeling really depressed after ket", EN, "mental_mood"),
    Case("how much should i take", EN, "safer_amount"),
    Case("how long till it kicks in", EN, "effects_timing"),
    Case("ket and g", EN, "mix_ghb"),
    Case("mixing with xanax", EN, "mix_benzos"),
    Case("k on sertraline", EN, "mix_ssris"),
    Case("does this bot store my data", EN, "about_privacy"),
    Case("memory loss from ket", EN, "body_memory"),
    Case("ket and weed", EN, "mix_cannabis"),
    Case("bad cravings", EN, "cutdown_cravings"),
    Case("heart racing on k", EN, "body_heart"),
    Case("drug helpline hong kong", EN, "help_hk"),
    Case("antibiotics not working for my uti", EN, "bladder_doctor"),
    Case("using ket at a festival", EN, "higher_risk_clubs"),
    Case("friend freaking out in a k hole", EN, "emergency_panic"),
    Case("kidney damage", EN, "bladder_continue"),
    Case("can i drive after ket", EN, "safer_moving"),
    Case("having a bath on ket", EN, "safer_water_cold"),
    Case("street names for ketamine", EN, "what_names"),
    Case("my piss is pink", EN, "bladder_signs"),
    Case("sore tummy after a sesh", EN, "body_cramps"),
    Case("can i take k on antidepressants", EN, "mix_ssris"),
    Case("whats a bump", EN, "what_forms"),
    Case("how to stop craving ket", EN, "cutdown_cravings"),
    Case("is k addictive", EN, "cutdown_signs"),
    Case("feel like im going crazy and paranoid", EN, "mental_mood"),
    Case("friend is snoring and wont wake", EN, "emergency"),
    Case("whats ketamine", EN, "what"),
    Case("samaritans number", EN, "help_uk"),
    Case("i keep needing to pee at night", EN, "bladder_signs"),
    Case("kitty flipping", EN, "mix_mdma"),
    Case("k and tramadol", EN, "mix_opioids"),
    Case("does the bot save what i type", EN, "about_privacy"),
    Case("where does ket come from", EN, "what_origin"),
    # -- Simplified Chinese -----------------------------------------------------------------
    Case("尿频", HANS, "bladder_signs"),
    Case("尿里有血", HANS, "bladder_signs"),
    Case("朋友叫不醒", HANS, "emergency"),
    Case("K粉加酒会怎样", HANS, "mix_alcohol"),
    Case("嗑K后肚子痛", HANS, "body_cramps"),
    Case("怎么戒K", HANS, "cutting_down"),
    Case("K粉和冰毒一起用", HANS, "mix_stimulants"),
    Case("K洞是什么感觉", HANS, "effects_khole"),
    Case("药效持续多久", HANS, "effects_timing"),
    Case("停了以后膀胱能恢复吗", HANS, "bladder_recovery"),
    Case("怎么跟医生说", HANS, "bladder_doctor"),
    Case("K粉违法吗", HANS, "what_law"),
    Case("叫救护车会不会被抓", HANS, "emergency_police"),
    Case("急救电话打多少", HANS, "emergency_numbers"),
    Case("我是不是上瘾了", HANS, "cutdown_signs"),
    Case("心跳很快心慌", HANS, "body_heart"),
    Case("老是流鼻血", HANS, "safer_nose"),
    Case("记性越来越差", HANS, "body_memory"),
    Case("酒里被下药了", HANS, "safer_spiking"),
    Case("一个人嗑K安全吗", HANS, "safer_not_alone"),
    Case("想死", HANS, "mental_crisis"),
    Case("最近情绪很低落", HANS, "mental_mood"),
    Case("K粉和摇头丸一起", HANS, "mix_mdma"),
    Case("吃抗抑郁药能嗑K吗", HANS, "mix_ssris"),
    Case("尿不出来", HANS, "selfcheck_urgent"),
    Case("在英国怎么求助", HANS, "help_uk"),
    Case("会伤肝吗", HANS, "body_cramps"),
    Case("嗑K后能开车吗", HANS, "safer_moving"),
    Case("药爱", HANS, "higher_risk_sex"),
    Case("朋友昏迷了要侧躺吗", HANS, "emergency_recovery"),
    Case("小便的时候很痛", HANS, "bladder_signs"),
    Case("K粉会让人上瘾吗", HANS, "cutdown_signs"),
    Case("喝酒之后还能嗑K吗", HANS, "mix_alcohol"),
    Case("嗑K会坐牢吗", HANS, "what_law"),
    Case("吸K鼻子疼", HANS, "body_nose"),
    Case("戒不掉怎么办", HANS, "cutting_down"),
    Case("哪里有戒毒热线", HANS, "get_help"),
    Case("K粉是什么", HANS, "what"),
    Case("晚上老起来上厕所", HANS, "bladder_signs"),
    Case("肚子绞痛", HANS, "body_cramps"),
    Case("在美国可以打哪个热线", HANS, "help_us"),
    # -- Traditional Chinese (Hong Kong and Taiwan) -----------------------------------------
    Case("尿頻點算", HANT, "bladder_signs"),
    Case("K仔 肚痛", HANT, "body_cramps"),
    Case("朋友叫唔醒點算", HANT, "emergency"),
    Case("索K飲酒會點", HANT, "mix_alcohol"),
    Case("小便有血", HANT, "bladder_signs"),
    Case("點樣戒K", HANT, "cutting_down"),
    Case("K洞係咪好危險", HANT, "effects_khole"),
    Case("K仔可以維持幾耐", HANT, "effects_timing"),
    Case("膀胱會唔會好返", HANT, "bladder_recovery"),
    Case("報警會唔會被捕", HANT, "emergency_police"),
    Case("香港有咩戒毒熱線", HANT, "help_hk"),
    Case("係咪上癮", HANT, "cutdown_signs"),
    Case("心口痛心跳快", HANT, "body_heart"),
    Case("鼻哥成日流血", HANT, "safer_nose"),
    Case("冇記性成日斷片", HANT, "body_memory"),
    Case("杯嘢俾人落藥", HANT, "safer_spiking"),
    Case("一個人索K安唔安全", HANT, "safer_not_alone"),
    Case("唔想生存", HANT, "mental_crisis"),
    Case("好唔開心好抑鬱", HANT, "mental_mood"),
    Case("K仔同E仔一齊食", HANT, "mix_mdma"),
    Case("食緊抗抑鬱藥可唔可以索K", HANT, "mix_ssris"),
    Case("小便唔出", HANT, "selfcheck_urgent"),
    Case("K仔犯唔犯法", HANT, "what_law"),
    Case("索完K可唔可以揸車", HANT, "safer_moving"),
    Case("用幾多先夠安全", HANT, "safer_amount"),
    Case("浸浴危唔危險", HANT, "safer_water_cold"),
    Case("G水同K仔", HANT, "mix_ghb"),
    Case("點樣幫朋友", HANT, "safer_friend"),
    Case("腎衰竭要洗腎", HANT, "bladder_continue"),
    Case("台灣戒毒專線", HANT, "help_tw"),
    Case("屙尿好痛", HANT, "bladder_signs"),
    Case("成日想去廁所", HANT, "bladder_signs"),
    Case("索K之後肚痛到死", HANT, "body_cramps"),
    Case("飲完酒可唔可以索K", HANT, "mix_alcohol"),
    Case("K仔會唔會上癮", HANT, "cutdown_signs"),
    Case("點知自己係咪藥物濫用", HANT, "cutdown_signs"),  # 濫用 is 上癮's group (5th session)
    Case("點樣可以少索啲", HANT, "cutdown_steps"),
    Case("索K會唔會坐監", HANT, "what_law"),
    Case("成日唔記得嘢", HANT, "body_memory"),
    Case("咩係K洞", HANT, "effects_khole"),
    Case("台灣可以打邊個熱線", HANT, "help_tw"),
    Case("朋友抽筋口吐白沫", HANT, "emergency"),
)

# Messages that have nothing to do with the content: search must return nothing for these.
NO_MATCH: tuple[tuple[str, str], ...] = (
    ("pizza recipe", EN),
    ("football scores tonight", EN),
    ("asdfghjkl", EN),
    ("the and of to", EN),
    ("???", EN),
    ("", EN),
    ("明天会下雨吗", HANS),
    ("我想买手机", HANS),
    ("你好", HANS),
    ("今晚食乜餸", HANT),
    ("聽日落唔落雨", HANT),
)

# Questions people really ask that once found no page on their topic (issue 24): the page on the
# topic must be the FIRST answer, not just in the top three. Written as people post them.
FIRST: tuple[Case, ...] = (
    # -- seventh session: vocabulary from the ninth tester's tuning half, in own words --------
    Case("驗到有咗 之前索過K點算", HANT, "higher_risk_pregnancy"),
    Case("叫白車差人會唔會跟埋嚟", HANT, "emergency_police"),  # 差人: the police
    Case("think i got spiked at the bar", EN, "safer_spiking"),  # "bars" had been xanax
    Case("think i got slipped k last night", EN, "safer_spiking"),  # not a slip in cutting down
    # -- eighth session: vocabulary from the 11th and 12th testers' tuning halves, own words ---
    Case("do the guards show up when you ring for an ambulance", EN,
         "emergency_police"),  # Ireland's police
    Case("my cousin lives in chicago now and uses k a lot, any helpline there", EN, "help_us"),
    Case("咳水 K 一齊", HANT, "mix_opioids"),  # 咳水: codeine cough syrup
    # -- ninth session: vocabulary from the 13th and 14th testers' tuning halves, own words ---
    Case("K粉会不会掺了别的", HANS, "what_origin"),
    Case("pain under my ribs after a ket binge", EN, "body_cramps"),
    # -- ninth session: vocabulary from the 15th and 16th testers' tuning halves, own words ---
    Case("驗到兩條線 之前有索K點算", HANT, "higher_risk_pregnancy"),  # a positive test
    Case("拉K之後都睏袂去", HANT, "body_sleep"),  # 睏袂去: Taiwanese Hokkien, can't sleep
    Case("how can i tell if its actually ket", EN, "what_origin"),
    Case("吃着专注达能玩K吗", HANS, "mix_stimulants"),  # 专注达: Concerta (ADHD)
    Case("呢個bot啲資料邊度嚟", HANT, "about_sources"),
    # -- ninth session: vocabulary from the 17th and 18th testers' tuning halves, own words ---
    Case("拉K又吸安會怎樣", HANT, "mix_stimulants"),  # 吸安: Taiwan, using meth
    Case("以前一点点就够 现在要好几倍才有感觉 正常吗", HANS, "cutdown_signs"),  # tolerance
    # -- English ----------------------------------------------------------------------------
    Case("can I take ibuprofen for ket bladder pain", EN, "bladder_pain"),
    Case("what painkillers can i take for my bladder", EN, "bladder_pain"),
    Case("how much water should i drink for my bladder", EN, "bladder_care"),
    Case("I'm pregnant and I've been using ketamine", EN, "higher_risk_pregnancy"),
    Case("is it safe to use k while pregnant", EN, "higher_risk_pregnancy"),
    Case("can i breastfeed after ketamine", EN, "higher_risk_breastfeeding"),
    Case("what helps k cramps", EN, "body_cramps_relief"),
    Case("how to get rid of k cramps", EN, "body_cramps_relief"),
    Case("hot water bottle for k cramps", EN, "body_cramps_relief"),
    Case("will my memory come back after quitting ket", EN, "body_after"),
    Case("numb feet and hands after years of ket", EN, "body_after"),
    Case("cant sleep after stopping ket", EN, "body_sleep"),
    Case("insomnia", EN, "body_sleep"),
    Case("my friend says she wants to kill herself what do i do", EN, "mental_friend"),
    Case("my friend talks about suicide", EN, "mental_friend"),
    Case("signs someone is suicidal", EN, "mental_friend_signs"),
    Case("my bladder hurts what can i do", EN, "bladder_pain"),
    Case("does coffee make ket bladder worse", EN, "bladder_care"),
    Case("dizzy after quitting k", EN, "body_after"),
    Case("sleeping tablets and ket", EN, "body_sleep"),
    Case("does ketamine affect my baby", EN, "higher_risk_pregnancy"),
    # -- Simplified Chinese -----------------------------------------------------------------
    Case("怀孕期间用过K粉怎么办", HANS, "higher_risk_pregnancy"),
    Case("膀胱痛能吃布洛芬吗", HANS, "bladder_pain"),
    Case("每天要喝多少水", HANS, "bladder_care"),
    Case("K痛怎么缓解", HANS, "body_cramps_relief"),
    Case("停了以后记忆能恢复吗", HANS, "body_after"),
    Case("手脚发麻", HANS, "body_after"),
    Case("停K以后睡不着", HANS, "body_sleep"),
    Case("朋友说想自杀怎么办", HANS, "mental_friend"),
    Case("喂奶期间能用K吗", HANS, "higher_risk_breastfeeding"),
    Case("自杀的前兆有哪些", HANS, "mental_friend_signs"),
    Case("膀胱痛怎么办", HANS, "bladder_pain"),
    Case("K粉会影响胎儿吗", HANS, "higher_risk_pregnancy"),
    Case("戒K后失眠", HANS, "body_sleep"),
    # -- Traditional Chinese (Hong Kong and Taiwan) -----------------------------------------
    Case("懷孕期間用過K仔 點算", HANT, "higher_risk_pregnancy"),
    Case("懷孕了用過K他命怎麼辦", HANT, "higher_risk_pregnancy"),
    Case("有咗BB仲索K", HANT, "higher_risk_pregnancy"),
    Case("膀胱痛可唔可以食布洛芬", HANT, "bladder_pain"),
    Case("要飲幾多水", HANT, "bladder_care"),
    Case("K痛點紓緩", HANT, "body_cramps_relief"),
    Case("停咗K之後記憶會唔會返", HANT, "body_after"),
    Case("手腳麻痺", HANT, "body_after"),
    Case("戒K之後瞓唔著", HANT, "body_sleep"),
    Case("朋友話想死點算", HANT, "mental_friend"),
    Case("朋友說想自殺怎麼辦", HANT, "mental_friend"),
    Case("餵人奶可唔可以索K", HANT, "higher_risk_breastfeeding"),
    Case("膀胱好痛點算", HANT, "bladder_pain"),
    Case("大肚可唔可以索K", HANT, "higher_risk_pregnancy"),
    Case("行路唔穩", HANT, "body_after"),
)


# Everyday words a page never uses, given by vocabulary.yaml (ninth session, from the 13th and
# 14th testers' tuning halves, in own words): the page must be in the top three.
IN_TOP_THREE: tuple[Case, ...] = (
    Case("除咗戒 有咩可以令膀胱好受啲", HANT, "bladder_care"),
    Case("呢包K會唔會掺咗其他嘢", HANT, "what_origin"),
    Case("戒了以后满脑子都是K 怎么办", HANS, "cutdown_cravings"),
    Case("all i can think about is ket since i stopped", EN, "cutdown_cravings"),
    Case("最近好鬱卒 係咪K搞到", HANT, "mental_mood"),  # 鬱卒: Taiwan, low
    Case("想泡个热水澡 溜完可以吗", HANS, "safer_water_cold"),
)
