"""Messages that are and are not crises, in English, Simplified Chinese (mainland usage) and
Traditional Chinese (Hong Kong Cantonese and Taiwanese usage). ``tests/core/test_crisis.py``
checks every row; add a row for each new phrasing a tester or a user report brings up.

Crisis rows carry the kind the message must be routed to. Non-crisis rows must not be routed
at all: ordinary questions, pain talk ("my back is killing me"), signs in the past or negated.
"""

from __future__ import annotations

from bot.conversation.crisis import Kind

ENGLISH_CRISES: list[tuple[str, Kind]] = [
    ("my friend is out of it in the bath, his head keeps going under the water", "emergency"),
    # awake now, but not over: still in danger (blind set 9's tuning half, own words)
    ("he had a seizure a few mins ago, hes awake now but really confused and keeps nodding off",
     "emergency"),
    # a year is not the past when it is "since" (4th session)
    ("he overdosed and hes not breathing, hes been using since 2019", "emergency"),
    # a laugh is no stand-down for "i want to kill myself", nor with pills taken (4th session)
    ("i want to kill myself 😂", "suicide"),
    ("watched a film and now i want to jump off a roof too", "suicide"),
    ("i want to kill myself lol", "suicide"),
    ("kill me now lol i took all my pills", "emergency"),
    # a role is no stand-down when it is happening (4th session)
    ("im a nurse and my patient is not breathing", "emergency"),
    ("youth worker here, one of our lads is not breathing", "emergency"),
    # someone else's intent routes, also asked as "how do i help" when it is now (4th session)
    ("my friend says shell kill herself tonight, how do i help", "suicide"),
    ("he told me he is going to kill himself", "suicide"),
    ("i think my brother wants to end his life", "suicide"),
    # a joke denied, or a joke with "now", still routes (set 11 review)
    ("im not joking, i want to kill myself", "suicide"),
    ("no jk i want to end it all", "suicide"),
    ("i want to end it all right now, jk? no", "suicide"),
    # a word of a story or of asking ahead never hides a crisis now (review, 6 Dec)
    ("nobody is coming to help me, im going to kill myself", "suicide"),
    ("i got bad news today and i want to kill myself", "suicide"),
    ("watched a sad film and now i want to kill myself", "suicide"),
    ("watched a film and i want to kill myself", "suicide"),
    ("my friend isnt breathing, just asking so i know what to do", "emergency"),
    ("he keeps throwing up stuff like coffee grounds", "emergency"),
    # danger now, in other words (the second blind set's kinds of wording)
    ("his eyes rolled back and hes fading out", "emergency"),
    ("hes face down on the bathroom floor", "emergency"),
    # can't be woken, unconscious
    ("my friend wont wake up", "emergency"),
    ("I can't wake him up", "emergency"),
    ("we can't get her to wake up", "emergency"),
    ("he's been unresponsive for ten minutes", "emergency"),
    ("he collapsed and isn't responding", "emergency"),
    ("he fell and hit his head and now he's unconscious", "emergency"),
    ("she passed out and we cant wake her", "emergency"),
    ("he passed out an hour ago and we still can't wake him", "emergency"),
    ("we've been trying to wake him for 10 minutes", "emergency"),
    ("tried for ages to wake her", "emergency"),
    ("not sure if he's conscious", "emergency"),
    ("my friend is unconscious", "emergency"),
    ("took too much and hes unresponsive", "emergency"),
    ("gurgling noises and he won't come round", "emergency"),
    ("she's breathing weird and won't respond", "emergency"),
    # breathing
    ("he's not breathing", "emergency"),
    ("she's not really breathing", "emergency"),
    ("he isn't breathing normally", "emergency"),
    ("she is barely breathing", "emergency"),
    ("his breathing is really shallow", "emergency"),
    ("his breathing sounds funny", "emergency"),
    ("he's making gurgling noises", "emergency"),
    ("she's making weird snoring sounds and won't answer", "emergency"),
    ("he's only gasping every now and then", "emergency"),
    ("he keeps stopping breathing", "emergency"),
    ("she's choking on her vomit", "emergency"),
    ("I can’t breathe", "emergency"),
    ("struggling to breathe after mixing ket and alcohol", "emergency"),
    ("not sure if he's breathing", "emergency"),
    ("is he still breathing? how do i check", "emergency"),
    ("I don't think she's breathing", "emergency"),
    ("ＭＹ ＦＲＩＥＮＤ ＩＳ ＮＯＴ ＢＲＥＡＴＨＩＮＧ", "emergency"),
    # seizures
    ("my mate is having a fit", "emergency"),
    ("my mate is fitting what do i do", "emergency"),
    ("friend having a seizure on the floor", "emergency"),
    ("she's shaking uncontrollably and foaming at the mouth", "emergency"),
    ("my friend had a seizure 5 minutes ago", "emergency"),
    ("he's twitching all over", "emergency"),
    # confused or agitated for over 15 minutes
    ("he's been confused for over 20 minutes", "emergency"),
    ("she's still really agitated after half an hour", "emergency"),
    ("he doesn't know where he is and it's been an hour", "emergency"),
    # chest pain
    ("my chest is really tight", "emergency"),
    ("my chest hurts", "emergency"),
    ("my chest is killing me", "emergency"),
    ("pain in my chest after a line of coke", "emergency"),
    ("chest pain from coke and ket mixing?", "emergency"),
    ("tight chest and can't catch my breath", "emergency"),
    # pale skin, blue lips
    ("his lips have gone a bit blue", "emergency"),
    ("her lips are purple", "emergency"),
    ("my boyfriend is turning blue", "emergency"),
    ("his lips are turning blue", "emergency"),
    ("his face has gone grey", "emergency"),
    ("he looks really pale and clammy", "emergency"),
    # faint pulse
    ("his pulse is really weak", "emergency"),
    ("i can't find a pulse", "emergency"),
    # rigid muscles, high temperature
    ("her muscles have gone rigid", "emergency"),
    ("she's really hot to the touch and rigid", "emergency"),
    ("he's burning up and won't stop sweating", "emergency"),
    ("she has a really high temperature", "emergency"),
    # fast or racing heart
    ("my heart is racing", "emergency"),
    ("my heart is beating so fast", "emergency"),
    ("heart rate 160 and rising", "emergency"),
    ("palpitations won't stop", "emergency"),
    ("my heart won't slow down", "emergency"),
    ("did a line and now my heart is racing, does that mean something is wrong?", "emergency"),
    # overdose, dying, calling for help
    ("I think he overdosed", "emergency"),
    ("i think i overdosed", "emergency"),
    ("friend OD'd on ket", "emergency"),
    ("should I call an ambulance? he won't come round", "emergency"),
    ("should we call 999, she's gone really floppy", "emergency"),
    ("I think I'm dying", "emergency"),
    ("i want to die and my friend isn't breathing", "emergency"),
    # suicide
    ("i want to die", "suicide"),
    ("I want to kill myself", "suicide"),
    ("kill me", "suicide"),
    ("just kill me now", "suicide"),
    ("I'm suicidal", "suicide"),
    ("thinking about killing myself", "suicide"),
    ("i don't want to live anymore", "suicide"),
    ("wanna kms", "suicide"),
    ("life isn't worth living", "suicide"),
    ("i want to overdose on purpose", "suicide"),
    ("I'm going to end it tonight", "suicide"),
    ("my bladder pain makes me want to die", "suicide"),
    ("I wish I was dead", "suicide"),
    ("everyone would be better off dead without me, better off dead", "suicide"),
    ("i just want to end it all", "suicide"),
    ("no one would miss me", "suicide"),
    ("i want to take all my pills", "suicide"),
    ("i just want it all to stop", "suicide"),
    ("i've been cutting again", "suicide"),
    ("cutting again", "suicide"),
    ("im cutting and i cant stop", "suicide"),
    # choking, and injuries ketamine can hide (the emergency page: "might be injured")
    ("he choked on his vomit", "emergency"),
    ("he fell and hit his head", "emergency"),
    ("she banged her head and it won't stop bleeding", "emergency"),
    ("he's bleeding heavily from his arm", "emergency"),
    # an overdose that happened, and feeling about to die
    ("i took all my pills", "emergency"),
    ("she swallowed a whole packet of sleeping pills", "emergency"),
    ("i've taken too much", "emergency"),
    ("I feel like I'm going to die", "emergency"),
    ("scared i'm gonna die", "emergency"),
    # urinary
    ("i can't pee at all", "urinary"),
    ("I really can't pee", "urinary"),
    ("lots of blood in my pee", "urinary"),
    ("peeing pure blood", "urinary"),
    ("haven't peed in 12 hours", "urinary"),
    ("only a few drops come out when i try", "urinary"),
    ("haven't peed since yesterday", "urinary"),
    # the body failing, the 38th and 39th sets' words (eighth session)
    ("he threw up lying on his back and its still in his mouth", "emergency"),
    ("her face is in the water in the bath", "emergency"),
    # the body failing, the 40th and 41st sets' words
    ("my toddler ate some of my k", "emergency"),
    # the body failing, the 42nd and 43rd sets' words (ninth session)
    ("her breathing is an effort, she took k and pills", "emergency"),
    # the body failing, the 44th and 45th sets' words
    ("he went under in the bath, coughing up water now", "emergency"),
    # the body failing, the 46th and 47th sets' words
    ("she swallowed like 20 tablets an hour ago", "emergency"),
    # the body failing, the 49th set's words
    ("i think ive been spiked, my legs wont hold me up", "emergency"),
    # the body failing, the 51st set's words
    ("he hit his head and keeps asking the same question", "emergency"),
    # the body failing, the 52nd set's words
    ("woke up on the kitchen floor, no idea how long i was out", "emergency"),
    # the body failing, the 53rd set's words
    ("found him in the park soaked and freezing", "emergency"),
    # the body failing, the 55th and 56th sets' words
    ("he fell off the wall, landed on his head and doesnt know where he is", "emergency"),
    ("my chest feels like someones sat on it and my left arm is tingly", "emergency"),
]

ENGLISH_NON_CRISES: list[str] = [
    # a laughing face, a past said to be over these days, a drill, a bungee jump, a song "literally
    # about" it, the 70s (blind sets 22 and 24, own words)
    "kill me now 😂 my flatmate ate my leftovers",
    "the queue is 3 hours lol kill me now",
    "my brother was suicidal a few years ago, he's doing great now. how do i spot signs early",
    "used to self harm ages ago, totally fine these days. does k mess with your mood",
    "we did suicide sprints at training today and i nearly threw up",
    "going to bungee jump off a bridge in the summer, how long before should i stop k",
    "this song is literally about wanting to die but its such a tune",
    "reading about a singer who overdosed in the 70s, what counts as an overdose on k",
    # someone cross when they find out; a class on prevention (blind set 21, own words)
    "my dad is gonna kill me when he sees the phone bill, anyway how long does k stay in you",
    "our psych class covered suicide prevention today, how does ketamine treatment work",
    # a year long gone; whether a claim is true (blind set 18, own words)
    "a friend of mine died of an overdose in 2018, heroin not k. is k with opioids that risky",
    "is it true you can choke on your own sick on k",
    # the news, told of others (4th session, own words)
    "saw on the news a guy jumped off a bridge last night, awful. anyway is k and weed ok",
    # a laugh on the hyperbole itself; "killing me with"; "they say" names nobody (blind sets 13
    # and 15, own words)
    "kill me now lol, my train is cancelled again. how long does k last",
    "my gran is killing me with the questions about my weekend, anyway can k and weed mix",
    "what does not breathing normally actually mean? they say gasping doesnt count",
    # asking for work, a course or first aid; what a term means (blind set 15, own words)
    "youth worker here, what should we watch for with ket and overheating at festivals",
    "first aid question: what does not breathing normally actually mean",
    "training to be a peer supporter, what do you say if someone tells you they are suicidal",
    # a loss by suicide years ago is not intent now (4th session)
    "he killed himself in 2019 and i still miss him, does k make grief worse",
    # a thing that "is gonna kill me", a fall to avoid, a song, "jk", a settled past, asking
    # whether something is true (blind set 11, own words)
    "honestly this humidity is going to kill me",
    "my exam deadline is honestly killing me, should i skip the party",
    "how do i not fall over and hurt myself when im on k",
    "that song is about someone who wants to die, sad tune. anyway is k ok with weed",
    "this revision makes me want to end it all jk, how long is k in your system",
    "my cousin used to self harm but she's sorted now, does k affect mood",
    "my mate had a seizure at a rave years ago, still think about it. what do you do if it happens",
    "heard you can overdose on k and just stop, is that actually true",
    # asked ahead, a story, a chore, a past now settled (blind sets 5-9, own words)
    "if a mate ever told me they were suicidal what would i even say? nobody has, just want to "
    "be ready",
    "in the film he jumps off the roof at the end, so bleak",
    "what is a k-hole",
    "how long does a k hole last",
    "can I mix ket and alcohol",
    "is ket bad for your heart",
    "is breathing through your mouth bad",
    "he passed out but he's fine now",
    "blood pressure",
    "K-cramps",
    # pain talk, not suicide
    "my bladder kills",
    "my back is killing me",
    "this headache is killing me",
    "kcramps are killing me",
    "my kidneys are literally killing me after a weekend on ket",
    "the pain in my bladder is killing me",
    "the comedown is killing me",
    "I'm dying for a drink",
    # questions about signs
    "is it an emergency if I pee often",
    "can you overdose on ket",
    "what are the signs of an overdose",
    "does ket make your heart race?",
    "can ket give you a fever",
    "breathing exercises for anxiety",
    "slow breathing helps me calm down",
    # in the past, negated, or the writer
    "how to help a friend who passed out last week",
    "my friend had a seizure last year, is ket risky for her?",
    "I had a racing heart last weekend after coke",
    "I don't want to die from this, how do I stay safe",
    "i'm not suicidal, just curious about the law",
    "no chest pain, just a sore bladder",
    "I'm not having chest pain any more",
    "I can't wake up in the mornings since I started using",
    # other meanings of the same words
    "fitting in at parties without using",
    "i can't go on the trip this weekend",
    "I'm still confused about the law in Hong Kong",
    "I've been confused for hours about how much is safe",
    "my stomach keeps gurgling after ket",
    "my boyfriend snores, is that a k thing",
    "can't breathe through my nose since snorting",
    "my phone is dead, can I still use the bot",
    "he's not responding to my texts",
    "will the police come if i call an ambulance",
    "her hair has gone grey",
    "she's so hot",
    "pale ale or lager with ket?",
    "my muscles are stiff after the gym",
    # bladder, not urgent
    "blood in my pee sometimes",
    "i pee a lot at night",
    "i wee a lot at night",
    "I can't pee in front of other people",
    "",
    # look like the newer signs, and are not
    "i've been cutting down on ket",
    "been cutting lines with a bank card",
    "cutting back slowly",
    "i took all my pills for the week",
    "what if i've taken too much?",
    "i'm dying to know if ket shows up in tests",
    "i want everything to stop spinning",
    "i feel like i'm going to die of boredom",
    "he hit his head last week, could ket have made it worse?",
    "I choked up when I told my mum",
    "my nose bleeds a bit after a line",
]

SIMPLIFIED_CRISES: list[tuple[str, Kind]] = [
    ("他摔倒了 后脑撞到地 在流血", "emergency"),
    ("朋友K完躺着 胸口起伏特别小", "emergency"),
    ("朋友晕死过去了", "emergency"),
    ("室友倒在厕所里，怎么喊都没回应", "emergency"),
    # danger now, in other words (the second blind set's kinds of wording)
    ("他眼睛往上翻了", "emergency"),
    # can't be woken, unconscious
    ("朋友叫不醒", "emergency"),
    ("我朋友怎么叫都叫不醒", "emergency"),
    ("他没反应了", "emergency"),
    ("朋友失去意识了", "emergency"),
    ("昏迷了", "emergency"),
    ("要不要叫救护车，他一直不醒", "emergency"),
    # breathing
    ("他没有呼吸了", "emergency"),
    ("他好像没有呼吸", "emergency"),
    ("呼吸困难", "emergency"),
    ("他呼吸很浅", "emergency"),
    ("她呼吸变得很慢", "emergency"),
    ("喉咙里有咕噜声", "emergency"),
    ("喘不上气", "emergency"),
    ("他吐了然后呛到", "emergency"),
    ("他一动不动", "emergency"),
    ("他摔倒了，头撞到地上", "emergency"),
    ("朋友流血不止", "emergency"),
    ("他已经没气了", "emergency"),
    # seizures
    ("他全身抽搐", "emergency"),
    ("朋友抽搐口吐白沫", "emergency"),
    ("他突然癫痫发作了", "emergency"),
    ("全身抽筋停不下来", "emergency"),
    # confused or agitated for over 15 minutes
    ("神志不清", "emergency"),
    ("他意识模糊已经半个小时了", "emergency"),
    ("胡言乱语一个多小时了", "emergency"),
    # chest pain
    ("胸口很闷", "emergency"),
    ("胸口疼得厉害", "emergency"),
    ("我胸口好痛", "emergency"),
    ("心脏病发", "emergency"),
    # pale skin, blue lips
    ("他嘴唇发紫", "emergency"),
    ("脸色发青", "emergency"),
    ("脸色苍白，出冷汗", "emergency"),
    ("他脸都紫了", "emergency"),
    ("他全身软绵绵的，怎么办", "emergency"),
    # faint pulse
    ("摸不到脉搏", "emergency"),
    ("脉搏很弱", "emergency"),
    ("没有心跳", "emergency"),
    # rigid muscles, high temperature, racing heart
    ("他浑身僵硬", "emergency"),
    ("发高烧，身体很烫", "emergency"),
    ("心跳很快", "emergency"),
    ("心跳加速停不下来", "emergency"),
    ("K粉用多了，现在心跳好快", "emergency"),
    # overdose, calling for help
    ("朋友用过量了", "emergency"),
    ("快叫救护车", "emergency"),
    ("要不要打120", "emergency"),
    # suicide
    ("我想死", "suicide"),
    ("我想自杀", "suicide"),
    ("不想活了", "suicide"),
    ("活着没有意义", "suicide"),
    ("想结束自己的生命", "suicide"),
    ("我想去死", "suicide"),
    ("有轻生的念头", "suicide"),
    ("想一了百了", "suicide"),
    ("我想杀了自己", "suicide"),
    # urinary
    ("尿不出来", "urinary"),
    ("尿血很多", "urinary"),
    ("小便全是血", "urinary"),
    ("一滴尿都没有", "urinary"),
    ("排尿困难", "urinary"),
    # the body failing, the 38th and 39th sets' words (eighth session)
    ("他平躺着 嘴里都是呕吐物", "emergency"),
    ("胸口都没起伏了", "emergency"),
    ("孩子吃了我的药 叫不醒", "emergency"),
    # the body failing, the 42nd and 43rd sets' words (ninth session)
    ("K完推他怎么都不动", "emergency"),
    # the body failing, the 44th and 45th sets' words
    ("他没在正常呼吸", "emergency"),
    # the body failing, the 46th and 47th sets' words
    ("他摔了一跤 后脑勺一直在流血", "emergency"),
    # the body failing, the 48th set's words
    ("他眼珠子往上翻 叫也不应", "emergency"),
    # the body failing, the 49th set's words
    ("我觉得我被人下药了 腿软站不住", "emergency"),
    # the body failing, the 50th set's words
    ("他在卫生间半小时了 敲门一直没反应", "emergency"),
    # the body failing, the 51st set's words
    ("他吞了半瓶安眠药 叫也叫不太醒", "emergency"),
    # the body failing, the 52nd set's words
    ("她躺着不动 偶尔才喘一口气", "emergency"),
    # the body failing, the 53rd set's words
    ("他躺在雪里 嘴唇都冻紫了 拽不起来", "emergency"),
    # the body failing, the 54th set's words
    ("他刚才抽了一阵 现在不动了 眼睛半开", "emergency"),
    # the body failing, the 56th set's words
    ("鼻子流了快一个小时 止不住 眼前发黑", "emergency"),
    # the body failing, the 57th and 58th sets' words
    ("他摔了头 一直问同样的问题", "emergency"),
]

SIMPLIFIED_NON_CRISES: list[str] = [
    # feeling someone means harm after long use: paranoia, not a threat now (4th session)
    "用了很久之后总觉得有人要害我 正常吗",
    # a film that made me sad, a laugh, a news video, exasperation, now doing well (blind sets 22
    # and 23, own words)
    "电影最后主角跳楼了 看得我好难受 不过只是电影",
    "又要加班 不想活了哈哈哈",
    "群里又有人发跳楼的新闻视频 别发了",
    "堵车三个小时 想死的心都有了",
    "我同学以前说过想死 那是好几年前了 现在结婚了过得挺好",
    # embarrassment, a fairground ride, a worry about heat, twenty years ago (blind set 19, own
    # words)
    "开会忘词了 尴尬到想死",
    "周末去坐跳楼机 有点怕",
    "音乐节太热了 怕中暑 要带多少水",
    "我舅舅说他二十年前在舞厅见过有人K完倒地",
    # a past said to be over; "now, seriously" after a joke (blind set 13, own words)
    "我表哥前年自杀未遂 现在状态挺好的 想问他能不能用K",
    "不想活了这题也太难了 好了说正经的 K和酒能一起吗",
    # a role or a course; a loss years back recalled now; first aid (blind set 15, own words)
    "我是社工 培训时问到 有自杀念头的人一般有哪些表现",
    "前几年有个朋友过量走了 现在想起来还是难受 想知道混药风险有多大",
    "学点急救知识 有人吐了怎么防止被呕吐物呛到",
    # a game, a match, a settled past, asking whether something is true (blind set 12, own words)
    "这关老是掉下去 死了又死 我是真的菜",
    "点球大战看得我心脏骤停",
    "以前会想死 现在不会了 只想知道怎么慢慢减量",
    "听说k吸多了会死人 真的假的",
    # asked ahead, a story, a chore, a past now settled (blind sets 5-9, own words)
    "那部电影最后男主跳楼，拍得好压抑",
    "去年在派对晕倒过一次，现在想知道当时应该怎么做",
    "洗手间排队好多人看着我，紧张到尿不出",
    "尿频",
    "尿血是什么原因",
    "膀胱炎怎么治",
    "小便有点痛",
    "K粉会导致膀胱出血吗",
    "怎么戒K",
    "K粉和酒一起用安全吗",
    "氯胺酮对心脏有什么影响",
    "朋友吸了K后很兴奋，正常吗",
    # pain talk and other meanings
    "膀胱痛死我了",
    "腰痛得要命",
    "头痛死了",
    "笑死我了",
    "累死了",
    "想死你了",
    "脚抽筋",
    "K粉会让人抽筋吗",
    "肚子咕噜咕噜叫",
    "他打呼噜很响",
    "深呼吸练习",
    "深呼吸可以减慢心跳吗",
    "心跳慢下来就好了",
    "胸部X光检查要多少钱",
    "刺青后胸口有点痒",
    "心情不好",
    "肌肉酸痛怎么办",
    "感冒发烧可以用K吗",
    "皮肤很白",
    "脸上长青春痘",
    "面色红润",
    "身高一米七",
    "高热量食物",
    "他身体很硬朗",
    "血压高怎么办",
    "呼吸道感染",
    "尿不湿",
    # questions, the past, negations
    "K粉过量会怎样",
    "K粉会不会让心跳加速",
    "上个月朋友晕倒过，怎么帮他",
    "我没有胸口痛，只是膀胱不舒服",
    "我不想死，怎么才能安全一点",
    "我没想过自杀",
    "我不会自杀的，只是想了解",
    "叫救护车会不会被抓",
]

CANTONESE_CRISES: list[tuple[str, Kind]] = [
    ("我老公跌低咗 成个人唔郁", "emergency"),
    # someone means harm, now (4th session)
    ("有人要害我 佢拎住刀喺門口", "emergency"),
    # the news, and then the writer (4th session)
    ("睇完新聞 我都想跳樓", "suicide"),
    # an age is not "now"; tonight is (4th session)
    ("佢而家三十歲 今晚話要自殺", "suicide"),
    # a Chinese denial of English words taken back; English words in Chinese talk (4th session)
    ("唔係suicidal 但係其實我好suicidal", "suicide"),
    ("佢overdose咗 叫唔醒", "emergency"),
    ("佢索得太多咗", "emergency"),
    # "this time" is now, whatever happened before; a denial taken back (4th session)
    ("以前佢好快醒 今次成個鐘都叫唔醒", "emergency"),
    ("我唔係想死 我係好想死", "suicide"),
    # no joke; heartache is not a body part's pain (set 10 review)
    ("我想死 唔係講笑", "suicide"),
    ("心痛到想死", "suicide"),
    ("佢暈死咗", "emergency"),
    # a word of a story or of asking ahead never hides a crisis now (review, 6 Dec)
    ("我朋友冇咗呼吸，以防万一問下點做", "emergency"),
    ("睇完新聞好絕望，我想死", "suicide"),
    ("佢一直抽筋停唔到", "emergency"),
    ("佢瞓咗喺地下，點嗌都冇反應", "emergency"),
    # danger now, in other words (the second blind set's kinds of wording)
    ("佢反晒白眼", "emergency"),
    # can't be woken, unconscious
    ("朋友叫唔醒", "emergency"),
    ("佢叫極都唔醒", "emergency"),
    ("叫咗佢好耐都唔醒", "emergency"),
    ("佢冇反應", "emergency"),
    ("佢叫唔醒點算", "emergency"),
    ("朋友冇反應", "emergency"),
    ("佢唔識醒", "emergency"),
    ("朋友昏迷", "emergency"),
    ("昨晚朋友叫唔醒，而家仲未醒", "emergency"),
    # breathing
    ("佢冇咗呼吸", "emergency"),
    ("佢好似冇呼吸", "emergency"),
    ("佢唔呼吸呀", "emergency"),
    ("佢呼吸好急好淺", "emergency"),
    ("佢呼吸好怪", "emergency"),
    ("呼吸困難", "emergency"),
    ("透唔到氣", "emergency"),
    ("唞唔到氣", "emergency"),
    ("佢條氣好弱", "emergency"),
    ("佢扯晒氣", "emergency"),
    ("佢喉嚨有咕嚕聲", "emergency"),
    ("佢嘅鼻鼾聲好怪", "emergency"),
    # seizures
    ("佢全身抽筋唔停", "emergency"),
    ("全身抽筋唔停", "emergency"),
    ("佢發羊吊", "emergency"),
    ("佢成身抽晒筋", "emergency"),
    ("朋友抽筋口吐白沫", "emergency"),
    # confused or agitated for over 15 minutes
    ("佢神智不清成個鐘", "emergency"),
    ("佢亂講嘢講咗半個鐘", "emergency"),
    # chest pain
    ("胸口好翳", "emergency"),
    ("心口好痛", "emergency"),
    ("心口痛", "emergency"),
    ("胸口好痛", "emergency"),
    ("佢心口好似俾人揸住", "emergency"),
    # pale skin, blue lips
    ("塊面好青", "emergency"),
    ("佢塊面白晒", "emergency"),
    ("佢嘴唇變晒紫色", "emergency"),
    # faint pulse
    ("佢好似冇脈搏", "emergency"),
    ("摸唔到脈搏", "emergency"),
    # rigid muscles, high temperature, racing heart
    ("佢成身硬晒", "emergency"),
    ("佢成個人軟晒", "emergency"),
    ("佢成身滾熱", "emergency"),
    ("佢個心好似要跳出嚟", "emergency"),
    ("佢發緊高燒", "emergency"),
    ("佢個身好熱好燙", "emergency"),
    ("心跳得好快", "emergency"),
    ("我個心跳到好犀利", "emergency"),
    # overdose, calling for help
    ("佢OD咗", "emergency"),
    ("佢索K索多咗，而家暈咗", "emergency"),
    ("要唔要叫白車？佢暈咗", "emergency"),
    # suicide
    ("想死", "suicide"),
    ("好想自殺", "suicide"),
    ("真係好想死", "suicide"),
    ("唔想生存", "suicide"),
    ("有輕生念頭", "suicide"),
    ("活唔落去", "suicide"),
    ("我想去死", "suicide"),
    ("不如死咗去", "suicide"),
    ("我唔想再醒返", "suicide"),
    ("我真係唔想再活落去", "suicide"),
    ("唔想再活", "suicide"),
    ("我唔想再做人", "suicide"),
    ("唔想做人喇", "suicide"),
    # self-harm: 𠝹手 / 鎅手, often typed 界手 (𠝹 is missing from many keyboards)
    ("又想𠝹手", "suicide"),
    ("好想鎅手", "suicide"),
    ("成日忍唔住界手", "suicide"),
    ("想𠝹自己", "suicide"),
    # not moving at all: someone who cannot be woken
    ("佢郁都唔郁", "emergency"),
    ("佢一啲都唔郁，點算", "emergency"),
    ("佢完全唔郁", "emergency"),
    ("佢跌親撞到個頭", "emergency"),
    ("佢個頭撞親流緊血", "emergency"),
    ("佢流血唔停", "emergency"),
    # 暈低 is Cantonese for passing out; 扯唔到氣, for not getting breath
    ("佢暈低咗", "emergency"),
    ("佢索K索到暈低", "emergency"),
    ("佢扯唔到氣", "emergency"),
    ("佢死咗", "emergency"),
    ("我覺得我會死", "emergency"),
    ("我好似快死喇", "emergency"),
    # more suicidal thoughts and plans
    ("我想自我了結", "suicide"),
    ("我想瞓咗之後唔好再醒", "suicide"),
    ("我想一覺瞓到唔再醒", "suicide"),
    ("想喺天台跳落去", "suicide"),
    ("我想同個世界講再見", "suicide"),
    ("我儲咗好多藥想一次過食晒", "suicide"),
    ("想一次過食晒啲安眠藥", "suicide"),
    # urinary
    ("尿唔出", "urinary"),
    ("屙唔出尿好辛苦", "urinary"),
    ("屙尿好多血", "urinary"),
    ("小便唔出好辛苦", "urinary"),
    ("小便全部都係血", "urinary"),
    ("一滴尿都冇", "urinary"),
    # precedence: suicide before urinary
    ("想死 尿唔出", "suicide"),
]

TAIWANESE_CRISES: list[tuple[str, Kind]] = [
    ("我媽吃錯了K 現在叫不太醒", "emergency"),
    ("他倒在地上，搖他也不會動", "emergency"),
    ("朋友掉水裡 撈上來沒怎麼喘氣", "emergency"),
    ("朋友沒有呼吸了", "emergency"),
    ("他叫不醒", "emergency"),
    ("他一直沒有醒來", "emergency"),
    ("他昏迷了", "emergency"),
    ("他呼吸很奇怪", "emergency"),
    ("他一直抽搐", "emergency"),
    ("渾身抽筋，叫不醒", "emergency"),
    ("他意識不清快一個小時了", "emergency"),
    ("他胸口很痛", "emergency"),
    ("嘴唇發紫", "emergency"),
    ("臉色蒼白", "emergency"),
    ("脈搏很微弱", "emergency"),
    ("全身僵硬", "emergency"),
    ("發高燒", "emergency"),
    ("他全身發燙", "emergency"),
    ("他心跳好快", "emergency"),
    ("朋友用過量了", "emergency"),
    ("他喘不過氣來", "emergency"),
    ("快叫救護車", "emergency"),
    ("我要打119嗎", "emergency"),
    ("我不想活了", "suicide"),
    ("想自我了斷", "suicide"),
    ("好厭世，想消失", "suicide"),
    ("我想自殺", "suicide"),
    ("我想不開", "suicide"),
    ("我想割腕", "suicide"),
    ("想去跳河", "suicide"),
    ("我好想解脫", "suicide"),
    ("我吞了一整盒安眠藥", "emergency"),
    ("我剛吃了整瓶藥", "emergency"),
    ("他吃太多K了", "emergency"),
    ("我快不能呼吸了", "emergency"),
    ("他摔倒撞到頭", "emergency"),
    ("血流不止", "emergency"),
    ("尿不出來", "urinary"),
    ("大量血尿", "urinary"),
    # the body failing, the 38th and 39th sets' words (eighth session)
    ("她滑在浴缸裡 臉泡在水裡", "emergency"),
    ("佢牙關咬實 成身震", "emergency"),
    # the body failing, the 42nd and 43rd sets' words (ninth session)
    ("K完推他怎麼都不動", "emergency"),
    # the body failing, the 44th and 45th sets' words
    ("佢成身一直抽", "emergency"),
    # the body failing, the 46th and 47th sets' words
    ("佢好似冇骨咁 頭都抬唔起", "emergency"),
    # the body failing, the 48th set's words
    ("她渾身一直哆嗦 喊也不應", "emergency"),
    # the body failing, the 49th set's words
    ("推他不動 手腕摸不到跳", "emergency"),
    # the body failing, the 50th set's words
    ("佢撞親個頭 血止不住", "emergency"),
    # the body failing, the 51st set's words
    ("他打呼的聲音很怪 好像喉嚨被東西堵住", "emergency"),
    # the body failing, the 52nd set's words
    ("佢瞓喺度 只剩偶爾大喘一口氣", "emergency"),
    # the body failing, the 53rd set's words
    ("佢成身燙得嚇人 叫佢都唔係好應", "emergency"),
    # the body failing, the 54th set's words
    ("佢鎖咗自己喺廁所 叫極都唔開門", "emergency"),
    # the body failing, the 56th set's words
    ("佢流鼻血流咗成個鐘都止唔到 眼前黑晒", "emergency"),
    # the body failing, the 57th and 58th sets' words
    ("她吞了好多片藥 叫她只會哼一聲", "emergency"),
]

TRADITIONAL_CRISES = CANTONESE_CRISES + TAIWANESE_CRISES

CANTONESE_NON_CRISES: list[str] = [
    # the news, told of others (blind set 4, own words)
    "新聞話有人喺天橋跳落去 好慘",
    # a match that nearly stops the heart (blind set 22, own words)
    "睇波睇到心臟病發 又輸",
    # a meeting that drags (blind set 13, own words)
    "開會開到想死 三個鐘都冇得去廁所",
    # a denial before 想 (唔係想自殺, 冇想傷害自己), a Chinese denial of English words, using
    # more is not too much (blind set 14, own words)
    "我唔係suicidal 只係今日好down",
    "唔係想kill myself 係想戒K",
    "冇想死 純粹好悶 所以索多咗 想搵新嗜好",
    "我唔係想自殺 只係想戒K 有冇方法",
    "冇想死 冇想傷害自己 只係好悶",
    # a sale, a joke said to be one, a past now settled, body pain, telling apart (blind set 10,
    # own words)
    "跳樓價大減價 快啲去睇",
    "股票跌到想跳樓 講笑 唔使擔心",
    "我表哥好多年前講過想死 而家佢好返晒 我想知點陪人",
    "頭痛到想死 食咗藥好啲 係咪K引起",
    "點樣分K洞同暈低 有咩徵兆要叫白車",
    # asked ahead, a story, a chore, a past now settled (blind sets 5-9, own words)
    "如果有人同我講想自殺，我應該點答？想學定先",
    "想死呀 聽日又要OT",
    "功課多到想死 不過做完喇",
    "我朋友以前索到暈低過，不過而家冇再掂喇",
    "K仔點樣令人抽筋",
    "血壓高點算",
    "深呼吸練習",
    "尿頻點算",
    "尿痛係咪膀胱炎",
    "點樣戒K",
    "K仔同酒一齊用安全嗎",
    "K痛好辛苦",
    # pain talk and other meanings
    "膀胱痛死我",
    "膀胱痛到殺咗我啦",
    "笑死我",
    "攰到死",
    "想死你了",
    "肚仔咕嚕咕嚕響",
    "我老公扯鼻鼾好大聲",
    "塊面生暗瘡",
    "我皮膚好白",
    "身體好硬朗",
    "高熱量食物",
    "身高170",
    "今日好熱",
    "今日熱到暈",
    "我心情好差",
    "心跳慢落嚟就冇事",
    "抽煙會唔會傷肺",
    "我有癲癇，可唔可以用K",
    "嘴唇好乾",
    "成日好攰",
    # questions, the past, negations, resolved
    "K仔會唔會令心跳加速",
    "K仔會唔會過量",
    "飲酒會唔會令人暈",
    "上星期朋友叫唔醒，點樣幫佢",
    "我上個月暈倒過",
    "佢琴晚暈咗，而家冇事",
    "我不想死，點樣安全啲",
    "我唔係想死",
    "我冇諗過自殺",
    "我冇胸口痛，只係膀胱唔舒服",
    "叫白車會唔會有警察嚟",
    # look like the new crisis words, and are not
    "我唔想郁，成日攰",
    "唔想再活動",
    "佢唔想做人哋嘅工作",
    "世界手機市場",
    "我郁唔到，K洞係咪咁",
    "佢一啲都唔郁得，係咪K洞",
    "我一點都不動心",
    "我攰到快死",
    "佢琴晚瞓咗好耐先醒",
    "我哋上年囤咗好多藥",
    "跳落泳池好凍",
    "佢死咗條心",
    "佢暈低咗之後醒返，而家冇事",
    "以前試過好想死，後來睇輔導，而家穩定好多",
]

TAIWANESE_NON_CRISES: list[str] = [
    # K-cramps, army drills, a denial with 要 (blind set 17, own words)
    "K痛痛到想死 有沒有人知道怎麼緩解",
    "當兵操到想死 腿都不是自己的",
    "我沒有要輕生 只是想知道1925是什麼",
    # tired of queueing, period pain, world-weary slang (blind sets 10 and 13, own words)
    "超想死的啦 排隊排了一個鐘",
    "等公車等到想死 已經半小時了",
    "生理痛痛到想死 吃了止痛藥有好一點",
    "好厭世喔 明天又要上班",
    "你別想不開",
    "吃藥前要先吃飯嗎",
    "這次考試終於解脫了",
    "我想解脫K癮",
    "上個月撞到頭，現在沒事",
    "我們明天碰頭",
    "頭碰頭傾偈",
    "我想不開車去",
    "他死了這條心",
    "K他命會不會傷膀胱",
    "K他命對膀胱有什麼影響",
    "頻尿怎麼辦",
    "腳抽筋怎麼辦",
    "心跳慢下來就好",
    "臉上長青春痘",
    "愷他命跟酒一起用安全嗎",
    "背痛到快死掉",
    "呼吸道感染",
    "頭很暈",
    "我肚子很痛",
    "怎麼幫朋友戒K",
    "他昨天昏倒了，現在醒了",
    "我沒有想過自殺",
    # a general question said to be one, and a past crisis now settled (fourth blind set)
    "K他命有可能引起休克嗎？只是好奇問問",
    "高中時曾經想不開，後來看諮商，現在穩定多了",
]

TRADITIONAL_NON_CRISES = CANTONESE_NON_CRISES + TAIWANESE_NON_CRISES
