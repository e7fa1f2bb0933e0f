"""Spoken languages, the Japanese level, nationality, and whether a project takes foreigners."""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.emails.extraction.skills import (
    trie_pattern,
)
from pipeline.emails.extraction.text import (
    Prepared,
    labelled,
    prepare,
)

_LANGUAGES = {
    "ja": r"日本語|japanese|日语|日文|JLPT",
    "en": r"英語|english|英语|英文|TOEIC|TOEFL|IELTS",
    "zh": r"中国語|chinese|mandarin|中文|普通话|汉语",
    "ko": r"韓国語|korean|韩语",
}


def languages(text: str | Prepared) -> list[str]:
    body = prepare(text).text
    return [code for code, pattern in _LANGUAGES.items() if re.search(pattern, body, re.I)]


_JAPANESE_LINE = re.compile(
    r"日本語|日语|日語|日文|japanese|JLPT|語学|语言|language|能力試験|能力考试", re.I
)
_JLPT = re.compile(
    r"(?<![A-Za-z0-9])N\s?([1-5])(?![0-9])|(?:JLPT|能力試験|能力考试)\s*(?:level\s*)?([1-5])\s*級?"
)
# (within the clause: "日语，外籍可，可接受二级合作" is a tier of the chain, not 二级)
_OLD_LEVEL = re.compile(
    r"(?:日本語|日语|日語|JLPT|能力考试)[^\n,，、;；。]{0,8}?([1-4一二三四])\s*[級级]"
)
# A sentence on Japanese that says the person is Japanese: "日本人ですので、日本語での設計書作成も
# 問題ございません", "他是日本人，日语没有问题", "日本人で、日本語での会議も問題ございません",
# "日本生まれ日本育ちで", "born and raised in Japan" (not "日本人のためのサービス", "客户是日本人";
# nor English, whose "he is a Japanese national" names no language).
_JAPANESE_PERSON = (
    r"日本人(?:です|なので|ですので|であり|のため(?!の))|(?:他|她|本人)是日本人|"
    # (opening the sentence, or of the person: not "お客様は日本人で、")
    r"(?:^|(?<=[。、,，・\s(（])|(?<=本人は)|(?<=彼は)|(?<=彼女は))日本人で(?=[、,，])|"
    r"日本生まれ[、・]?日本育ち|日本で生まれ育|\b(?:born and raised|grew up) in Japan\b"
)
_DESCRIPTIVE = (
    (
        "native",
        r"ネイティブ|母国語|母語|native|母语|first language|mother tongue|"
        # "日本語は日本人と変わりません", "日本人と遜色ない日本語", "日语和日本人没有区别"
        r"日本人と(?:変わ(?:り|ら)|遜色(?:の)?(?:ない|なく|ありません))|"
        r"(?:和|跟|與|与)日本人(?:一样|一樣|没有区别|沒有區別|无异|無異)|"
        # "日本語は第一言語です", "日语是第一语言", "日本語は生まれたときから使っている言葉",
        # "从小说日语长大", "has spoken Japanese since birth"
        r"第一(?:言語|语言|語言)|生まれ(?:た時から|たときから|てからずっと)|"
        r"从小(?:就)?(?:说|講|讲)|從小(?:就)?(?:說|講)|since birth|from birth|" + _JAPANESE_PERSON,
    ),
    (
        "business",
        r"ビジネス|business|商务|商務|流暢|流利|fluent|上級|高级|熟练|无障碍|精通|proficient|堪能|"
        # "業務上問題ございません"
        r"(?:問題|支障|不自由)(?:なし|ありません|ございません)|"
        # "生活和工作都没问题", "工作上沒有問題"
        r"(?:工作|业务|業務|会议|會議|开会|開會)(?:上|中)?(?:也|都)?(?:完全)?(?:没|沒)(?:有)?(?:问题|問題)|"
        # "仕事で不自由のないレベル", "業務上支障のない日本語", "会議でも問題がない",
        # "打ち合わせを日本語で不自由なくこなせる方" (not "日本語で問題なく日常会話ができる")
        # "仕事の場面で不自由なく日本語を使える方"
        # "開発チームとの打ち合わせが問題なくこなせる日本語力"
        r"(?:(?:仕事|業務|会議|打ち合わせ|打合せ|ミーティング)(?:の(?:場面|場|中)で|上|で|に|が)?|"
        r"日本語で)(?:は|も)?"
        r"(?:問題|支障|不自由)(?:が|の)?"
        r"(?:ない|なく)(?![^\n、。]{0,4}(?:日常|雑談|簡単))|"
        # "仕事で通用するレベル", "業務でも十分通用する日本語"
        r"(?:仕事|業務|ビジネス)(?:の場)?で(?:も)?(?:十分)?通用する",
    ),
    (
        "conversational",
        r"日常会話|日常会话|conversational|会話可|日常交流|basic|初級|初级|中級|"
        r"daily conversation|会話レベル|应付日常|"
        # "簡単なやり取りなら可能", "日常生活的交談沒問題", "日常对话",
        # "ちょっとした雑談や日々のやり取りはこなせます"
        r"(?:簡単な|ちょっとした|日々の)(?:会話|やり取り|やりとり|雑談)|"
        # "日常聊天、买东西没问题"
        r"日常(?:生活)?的?(?:对话|對話|交谈|交談|聊天)|"
        # "口语只到简单聊天", "可以應付簡單的生活溝通", "能进行简单的日常交流"
        r"[简簡][单單]的?(?:生活|日常)?(?:聊天|对话|对話|對話|交流|会话|会話|會話|[沟溝]通)|"
        r"can hold a conversation|\bgets by\b|"
        # "everyday conversation", "chats comfortably about everyday things",
        # "comfortable chatting with colleagues", "small talk"
        r"(?:everyday|day-to-day) (?:conversation|things|topics|matters)|"
        r"comfortabl[ey] chatting|chats? comfortably|casual chat|small talk|"
        # "能打招呼、点餐这种程度的对话", "挨拶や買い物程度の会話", "greetings and ordering food"
        r"打招呼|寒暄|[点點]餐|挨拶程度|あいさつ程度|(?:挨拶|あいさつ)や|"
        r"\bgreetings and\b|ordering (?:food|in restaurants)",
    ),
)
# Text up to a clause end that names no other level ("N2, 差几分没过" and not "N2, 现在N3").
_NO_LEVEL = r"(?:(?!(?<![A-Za-z])N\s?[1-5])[^\n。；;])"
# A level aimed at is not held: "N3（正在准备N2考试）", "N2受験予定", "preparing for the N1".
_ASPIRED_LEVEL = re.compile(
    # "准备考N2", "打算今年12月考N1", "计划明年参加N1"
    rf"(?:正在|目前|现在|現在)?(?:准备|準備|备考|備考|报考|報考|考取中|打算|计划|計劃)"
    rf"(?:{_NO_LEVEL}{{0,8}}?(?:考|参加))?\s*(?:JLPT\s*)?N\s?[1-5]|"
    r"N\s?[1-5]\s*(?:は|を)?[^\n、。,()（）]{0,10}?"
    # "N2受験予定", "N2 はこの12月の試験で受ける予定です", "N2は来年受けるつもり"
    r"(?:受(?:験|ける|験する|験の)(?:予定|つもり)|受験準備中|勉強中|取得(?:を)?目指|目指|挑戦中|备考中|準備中)|"
    # "N2准备今年12月再考", "N1打算明年参加"
    rf"N\s?[1-5]\s*(?:准备|準備|打算|计划|計劃){_NO_LEVEL}{{0,10}}?(?:考|参加|报考)|"
    r"(?:目標|目标)\s*[:：]?\s*N\s?[1-5]|"
    # "not yet N1", "does not hold N1 yet", "hasn't passed the N1", "doesn't have N1"
    # "has not taken N1", "hasn't sat the N1"
    r"(?:\bnot|n't) (?:yet )?(?:(?:at|hold|have|pass|passed|got|gotten|obtained|taken|sat) "
    r"(?:the )?(?:JLPT )?)?N\s?[1-5]|"
    # "今年12月会去考N2", "明年要考N1" (not "只要考N2", "需要考过N2")
    r"(?<![需只必])(?:会|會|要|将|將)\s*去?\s*(?:考|参加|报考)\s*(?:JLPT\s*)?N\s?[1-5]|"
    # refused or not reached: "N2的就不考虑了", "N1は未取得です", "ご要件のN1には届いておりません"
    r"N\s?[1-5]\s*(?:的)?(?:就|则|也)?\s*(?:不考虑|不行|不可|不接受)|N\s?[1-5]\s*(?:は|を)?\s*未取得|"
    # "Candidates at N2 will not be considered", "those with N2 or below won't be accepted"
    r"\b(?:at|with|holding)\s+(?:only\s+)?(?:the\s+)?(?:JLPT\s+)?N\s?[1-5](?:\s+or\s+(?:below|lower))?"
    r"\s+(?:will not|won't|cannot|can't|would not|wouldn't|are not|aren't)\s+be\s+"
    r"(?:considered|accepted)|"
    r"N\s?[1-5]\s*(?:に|には)\s*届い(?:ておりません|ていません|ていない)|"
    # "document-heavy work at N1 level would be a stretch for him", "N1 is beyond her"
    r"N\s?[1-5](?:[ -]level)?\s+(?:would be|is|will be)\s+(?:a (?:stretch|challenge)|beyond|"
    r"too (?:much|hard|difficult)|out of (?:reach|his|her))|"
    # "N1は来年の受験を予定", "N2 还没有考过", "N1はまだ取得しておりません"
    r"N\s?[1-5]\s*(?:は)?[^\n、。,()（）]{0,8}?受験を予定|"
    # "N1目前还没有考过", "N1 現在還沒考過"
    r"N\s?[1-5]\s*(?:目前|现在|現在|今年|去年)?\s*(?:还|還|尚)?(?:没有|没|沒有|沒|未)"
    r"(?:考过|考過|通过|通過|取得|过|過)|"
    # "雖然還沒拿到 N1", "还没有考到N1"
    r"(?:还|還|尚)(?:[没沒](?:有)?|未)(?:拿到|取得|考到|考[过過]|通[过過])\s*(?:JLPT\s*)?N\s?[1-5]|"
    # sat and failed: "考了N2,差几分没过", "N2は不合格でした", "N1に落ちました",
    # "he sat N2 this July but missed the pass mark", "failed the N2"
    # "去年考N2差几分没过" (not "参考"), "N1考了两次都没过"
    rf"(?:(?<![参參])考了?|参加了|报考了)\s*(?:JLPT\s*)?N\s?[1-5]{_NO_LEVEL}{{0,12}}?"
    # "去年考 N2 沒過"
    r"(?:[没沒](?:有)?(?:通)?[过過]|未通[过過]|不合格|落榜)|"
    # "N1去年7月考过一次,差几分没过", "N1 去年考過一次沒有通過"
    rf"N\s?[1-5]{_NO_LEVEL}{{0,8}}?(?:也|都|还)?(?:考了|考[过過]|参加了|挑[战戰]了)"
    rf"{_NO_LEVEL}{{0,10}}?"
    r"(?:[没沒](?:有)?(?:通)?[过過]|未通[过過]|不合格|落榜)|"
    # "7月に N1 にも挑戦しましたが、今回は合格点に届きませんでした",
    # "N1 は昨年12月に受験しましたが、あと数点届かず不合格でした"
    rf"N\s?[1-5]\s*(?:は|に|を)?{_NO_LEVEL}{{0,30}}?(?:不合格|落ちました|落ちた|合格できず|"
    r"合格でき(?:ませんでした|なかった)|届(?:きませんでした|かなかった|かず))|"
    r"\bfailed\s+(?:the\s+)?(?:JLPT\s+)?N\s?[1-5]|"
    r"\b(?:sat|took|attempted|tried|retook)\s+(?:the\s+)?(?:JLPT\s+)?"
    rf"N\s?[1-5]\b{_NO_LEVEL}{{0,40}}?"
    r"\b(?:did not pass|didn't pass|not pass|failed|missed (?:the|it|by|passing)|fell short)|"
    # "N1は持っておらず", "N1は保有していません"
    # "N1は受けておりません" (not taken, so not held)
    r"N\s?[1-5]\s*(?:は)?\s*(?:まだ)?\s*(?:取得し|保有し|所持し|持っ|受け)て(?:おりません|いません|"
    r"おらず|いない)|"
    # "preparing for the N1", "he is retaking N3 in December", "will sit N2",
    # "registered for N1 in December", "signed up for the N1"
    r"(?:preparing|studying|aiming|working towards?|sitting|re-?taking|re-?sitting|"
    r"registered|enrolled|signed up|booked|"
    r"will (?:re-?)?(?:take|sit))\s+(?:for\s+)?(?:the\s+)?"
    r"(?:JLPT\s+)?N\s?[1-5]",
    re.I,
)
# A level said not to be held: "ビジネスでの日本語使用は難しい", "not business level", "商务还不行".
_DENIED_LEVEL = re.compile(
    r"(?:ビジネス|business|商务|商務|流暢|fluent)[^\n、。,，()（）]{0,14}?"
    r"(?:難しい|むずかしい|厳しい|不可|できません|できない|不行|不够|不夠|困难|困難|吃力)|"
    r"\bnot (?:yet )?(?:at )?(?:a )?(?:business|fluent)|"
    # "I am still learning Japanese business writing"
    r"\b(?:learning|studying)\s+(?:japanese\s+)?(?:business|fluen)",
    re.I,
)
_LEVEL_RANK = {"native": 0, "N1": 1, "business": 2, "N2": 3, "conversational": 4, "N3": 5,
               "N4": 6, "N5": 7}  # fmt: skip


_CLAUSE_BREAK = re.compile(r"[,，、;；。]|\.\s")


# In a candidate's mail, the level the project asks: "日本語要件が N1 とのことで恐縮ですが",
# "贵司要求N1，但是", "N1必須と伺っておりますが".
_ASKED_LEVEL = re.compile(
    r"(?:要件|要求|条件|ご要望|必須)\s*(?:が|は|の|是)?\s*(?:JLPT\s*)?N\s?[1-5]\s*(?:以上)?\s*"
    r"(?:とのこと|と(?:伺|お聞き|聞))|"
    r"N\s?[1-5]\s*(?:以上)?\s*(?:が|の)?\s*(?:要件|条件|必須)\s*(?:とのこと|と(?:伺|お聞き|聞))|"
    r"(?:贵司|贵方|贵社|项目|案件|客户)(?:的)?(?:要求|需要|需求)(?:是)?\s*(?:JLPT\s*)?N\s?[1-5]",
    re.I,
)
_QUOTED = re.compile(r"[ \t]*[>＞]")
# "日语: 商务水平" of a table that the unwrap joined to its header row in the prose lines.
_JAPANESE_LABEL = re.compile(r"^[ \t・]*(?:日本語|日语|日語|japanese|JLPT)[^:：\n]{0,8}[:：]", re.I)


def japanese_level(text: str | Prepared, minimum: bool = False) -> str | None:
    """N1..N5 / native / business / conversational: the best stated, or the minimum asked."""
    prepared = prepare(text)
    lines = [line for line in prepared.prose_lines if _JAPANESE_LINE.search(line)]
    if not minimum:  # a candidate's reply quotes the project's ask ("> 日本語：N1必須"): its own
        # lines say the level held, the quoted one only where none other names Japanese
        lines = [line for line in lines if not _QUOTED.match(line)] or lines
    levels = _levels(lines or prepared.prose_lines, lines, minimum)
    if not levels:  # a labelled line as written, where the prose lines joined it to another
        # (not one a wrap cut, "日本語: N2は" of "日本語: N2は受験予定": a prose line holds it)
        labels = [
            line
            for line in prepared.field_lines
            if _JAPANESE_LABEL.match(line) and not any(line in p for p in prepared.prose_lines)
        ]
        levels = _levels(labels, labels, minimum)
    if not levels:
        return None
    ranked = sorted(set(levels), key=_LEVEL_RANK.__getitem__)
    return ranked[-1] if minimum else ranked[0]


def _levels(read: list[str], lines: list[str], minimum: bool) -> list[str]:
    """The levels `read` states in JLPT terms, else those `lines` (about Japanese) describe."""
    levels: list[str] = []
    for line in read:
        line = _ASPIRED_LEVEL.sub(" ", line if minimum else _ASKED_LEVEL.sub(" ", line))
        levels += [f"N{a or b}" for a, b in _JLPT.findall(line)]
        levels += [
            f"N{'一二三四'.find(d) + 1 if d in '一二三四' else d}" for d in _OLD_LEVEL.findall(line)
        ]
    if not levels:  # "Japanese business level, Chinese native": the clause about Japanese
        # (not "语言：英语可作为工作语言（书面流利）", a language line about English alone)
        for line in lines:
            clauses = [c for c in _CLAUSE_BREAK.split(line) if _about_japanese(c)]
            for clause in clauses or ([line] if _about_japanese(line) else []):
                clause = _DENIED_LEVEL.sub(" ", clause)
                levels += [lvl for lvl, pat in _DESCRIPTIVE if re.search(pat, clause, re.I)]
        if not minimum:  # "日本生まれ日本育ちで、日本語はもちろん問題ありません": a sentence on
            # Japanese that says the person is Japanese says native, whatever its clause on
            # Japanese says
            levels += [
                "native"
                for line in lines
                for sentence in _SENTENCE_BREAK.split(line)
                if _about_japanese(sentence) and re.search(_JAPANESE_PERSON, sentence, re.I)
            ]
    if not levels:  # "Japanese citizen, native speaker": the level in the clause after
        levels = [lvl for line in lines for lvl in _level_after_japanese(line)]
    if not levels:  # "日語: 能用日語開會、寫週報，商務程度": a later clause of the sentence
        levels = [lvl for line in lines for lvl in _level_in_sentence(line)]
    return levels


_OTHER_LANGUAGE = re.compile(
    r"english|chinese|korean|hindi|vietnamese|英語|英语|中国語|中文|韓国語|韩语|母国|mother", re.I
)


# Japanese by name, not a language in general ("英语是她的工作语言，非常流利" is about English).
_JAPANESE_NAMED = re.compile(rf"{_LANGUAGES['ja']}|日語", re.I)


def _about_japanese(clause: str) -> bool:
    """A clause on Japanese: one naming it, or a language and no other one."""
    named = _JAPANESE_NAMED.search(clause)
    return bool(named or (_JAPANESE_LINE.search(clause) and not _OTHER_LANGUAGE.search(clause)))


def _level_after_japanese(line: str) -> list[str]:
    """A level in the short clause right after one that names Japanese and no level."""
    clauses = _CLAUSE_BREAK.split(line)
    found: list[str] = []
    for clause, after in pairwise(clauses):
        if _about_japanese(clause) and len(after) <= 24 and not _OTHER_LANGUAGE.search(after):
            found += [lvl for lvl, pat in _DESCRIPTIVE if re.search(pat, after, re.I)]
    return found


_SENTENCE_BREAK = re.compile(r"(?<=[。！？!?])|\.\s")


def _level_in_sentence(line: str) -> list[str]:
    """A level in the clauses of a sentence about Japanese that name no other language ("A note
    on Japanese, so nobody is surprised: he copes with everyday conversation")."""
    found: list[str] = []
    for sentence in _SENTENCE_BREAK.split(line):
        # (not "Language: English is his working language, fluent in writing")
        if not _about_japanese(sentence):
            continue
        for clause in _CLAUSE_BREAK.split(sentence):
            if not _OTHER_LANGUAGE.search(clause):
                clause = _DENIED_LEVEL.sub(" ", clause)
                found += [lvl for lvl, pat in _DESCRIPTIVE if re.search(pat, clause, re.I)]
    return found


_COUNTRIES = {
    "JP": r"日本|japan|japanese|日籍",
    "CN": r"中国|中國|china|chinese|中华(?!民国)|中華(?!民國|民国)|华人|prc",
    "KR": r"韓國|大韓民国|大韩民国|韓国|韩国|south korean|south korea|korean|korea",
    "TW": r"台灣|臺灣|台湾|taiwan|taiwanese|中华民国|中華民國|\br\.?o\.?c\b",
    "VN": r"ベトナム|越南|vietnam|vietnamese|viet nam",
    "IN": r"インド(?!ネシア)|印度(?!尼)|india|indian",
    "PH": r"菲律賓|フィリピン|菲律宾|philippines|filipino|philippine",
    "MM": r"緬甸|ミャンマー|缅甸|myanmar|burmese",
    "NP": r"尼泊爾|ネパール|尼泊尔|nepal|nepali|nepalese",
    "US": r"美國|アメリカ|米国|美国|usa|u\.s\.|united states|american|us citizen|\bus\b",
    "TH": r"泰國|タイ(?!プ|ム|トル|ミング)|泰国|thailand|thai",
    "ID": r"インドネシア|印尼|indonesia|indonesian",
    "BD": r"孟加拉國|バングラデシュ|孟加拉|bangladesh|bangladeshi",
    "LK": r"斯里蘭卡|スリランカ|斯里兰卡|sri lanka|sri lankan",
    "MY": r"マレーシア|马来西亚|馬來西亞|malaysia|malaysian",
    "MN": r"モンゴル|蒙古|mongolia|mongolian",
    "RU": r"俄羅斯|ロシア|俄罗斯|russia|russian",
    "UA": r"烏克蘭|ウクライナ|乌克兰|ukraine|ukrainian",
    "BR": r"ブラジル|巴西|brazil|brazilian",
    "GB": r"英國|イギリス|英国|united kingdom|british|\buk\b",
    "CA": r"カナダ|加拿大|canada|canadian",
    "FR": r"法國|フランス|法国|france|french",
    "DE": r"德國|ドイツ|德国|germany|german",
    "SG": r"シンガポール|新加坡|singapore|singaporean",
    "PK": r"パキスタン|巴基斯坦|pakistan|pakistani",
    "HK": r"香港|hong kong",
    "PL": r"波蘭|ポーランド|波兰|poland|polish",
    "IT": r"義大利|イタリア|意大利|italy|italian",
    "ES": r"スペイン|西班牙|spain|spanish",
    "MX": r"メキシコ|墨西哥|mexico|mexican",
    "AU": r"澳大利亞|オーストラリア|澳大利亚|澳洲|australia|australian",
    "NZ": r"紐西蘭|新西蘭|ニュージーランド|新西兰|new zealand",
    "TR": r"トルコ|土耳其|turkey|turkish",
    "EG": r"エジプト|埃及|egypt|egyptian",
    "NG": r"奈及利亞|尼日利亞|ナイジェリア|尼日利亚|nigeria|nigerian",
    "KH": r"カンボジア|柬埔寨|cambodia|cambodian",
    "UZ": r"烏茲別克|ウズベキスタン|乌兹别克|uzbekistan|uzbek",
    "PE": r"秘魯|ペルー|秘鲁|peru|peruvian",
    "IE": r"愛爾蘭|アイルランド|爱尔兰|ireland|irish",
    "ZA": r"南アフリカ|南非|south africa|south african",
    "PT": r"ポルトガル|葡萄牙|portugal|portuguese",
}
_ANY_COUNTRY = re.compile(
    "|".join(f"(?P<{code}>{pattern})" for code, pattern in _COUNTRIES.items()), re.I
)
# The countries' words as one trie, to skip the readers below when none is written: a wide
# alternation scans slowly, a trie only tries the branch of each first character.
_COUNTRY_WORD = re.compile(
    trie_pattern(
        form
        for pattern in _COUNTRIES.values()
        for word in re.sub(r"\(\?!.*?\)", "", pattern).replace("\\b", "").split("|")
        for literal in [word.replace("\\.", ".").replace("?", "").lower()]
        for form in (literal, literal.replace(".", ""))
    ),
    re.I,
)
# "not naturalised", "未帰化", "没有归化", "帰化申請中": still the nationality of origin.
_NOT_NATURALISED = (
    r"(?<!not )(?<!not yet )(?<!never )(?<!未)(?<!没有)(?<!尚未)(?<!未曾)"
    # "但没有加入日本籍", "未取得日本国籍"
    r"(?<!没有加入)(?<!没加入)(?<!未加入)(?<!没有取得)(?<!未取得)(?<!没)"
    # "护照仍是中国护照，未入日本籍"
    r"(?<!未入)(?<!没入)(?<!没有入)(?<!沒入)"
    r"(?!帰化(?:申請|予定|手続|していない|しておりません|はしていない))(?!归化(?:申请|中))"
)
_NATURALISED = re.compile(
    rf"{_NOT_NATURALISED}(?:帰化|归化|入籍|已入籍|日本国籍取得|naturali[sz]ed|日本籍|"
    # "原为中国籍，2021年已加入日本国籍", "2016年に日本国籍を取得しており" (not "取得予定")
    r"加入(?:了)?日本(?:国|國)?籍|日本(?:国|國)?籍を取得(?!予定|申請|見込|を目指))",
    re.I,
)


# Naturalised in a country it names: "2016 年入籍美国，现为美国公民", "归化加拿大",
# "加入了英国国籍", "a naturalised British citizen", "naturalized in Canada", "became a U.S.
# citizen"; the country before: "アメリカに帰化", "米国籍を取得" (not "没有入籍美国",
# "申请入籍美国", "米国籍を取得予定").
_COUNTRY_NAMES = "|".join(_COUNTRIES.values())
_NOT_YET = (
    r"(?!\s*(?:申請|申请|予定|見込|手続|手续|を目指|する予定|"
    r"は?して(?:いない|いません|おらず|おりません)))"
)
_NATURALISED_INTO = re.compile(
    rf"{_NOT_NATURALISED}(?<!申请)(?<!申請)(?<!准备)(?<!準備)(?<!打算)"
    rf"(?:(?:入籍|归化|歸化)(?:了|到|为|為|成为|成為)?\s*({_COUNTRY_NAMES})|"
    rf"(?:加入|取得|获得|獲得)(?:了)?\s*({_COUNTRY_NAMES})\s*(?:国籍|國籍|籍)|"
    rf"\bnaturali[sz]ed\s+(?:(?:as|in)\s+)?(?:an?\s+|the\s+)?({_COUNTRY_NAMES})|"
    rf"\bbecame\s+(?:a|an)\s+({_COUNTRY_NAMES})\s+(?:citizen|national)){_NOT_YET}",
    re.I,
)
# Where a verb of it starts (入籍, 归化, 加入, 取得, naturalized, became), to try the pattern only
# there: it opens with lookbehinds, that no scan skips; a first character set scans fast.
_NATURALISING = re.compile(r"[入归歸加取获獲NnBb](?:籍|化|入|得|aturali[sz]ed|ecame)")
_NATURALISED_AFTER = re.compile(rf"(?:に|へ)帰化{_NOT_YET}|籍を取得{_NOT_YET}")
_COUNTRY_AT_END = re.compile(
    rf"({_COUNTRY_NAMES})\s*(?:(?:に|へ)帰化|の?(?:国|國)?籍を取得)$", re.I
)


def _naturalised_in(text: str) -> str | None:
    """The country a naturalisation names, Japan included ("入籍日本"); None when it names none."""
    found = [
        (verb.start(), next(g for g in into.groups() if g))
        for verb in _NATURALISING.finditer(text)
        if (into := _NATURALISED_INTO.match(text, verb.start()))
    ]
    for after in _NATURALISED_AFTER.finditer(text):
        if before := _COUNTRY_AT_END.search(text[max(0, after.start() - 16) : after.end()]):
            found.append((after.start(), before.group(1)))
    for _, country in sorted(found):
        if code := _exact_country(country):
            return code
    return None


_US_NAMED = re.compile(r"美国|美國|米国|アメリカ|\bU\.\s?S\.|\bUSA?\b|United States|American", re.I)


def country_code(value: str) -> str | None:
    """ISO alpha-2 for a nationality as written (中国, Chinese, ベトナム); naturalised -> JP
    ("韓国（2010年帰化）"), unless the value says it was in the US ("美国。2016年在加州入籍")."""
    if code := _naturalised_in(value):  # "中国（2018年入籍加拿大）"
        return code
    if _NATURALISED.search(value):
        in_the_us = _US_NAMED.search(value) and not re.search(r"日本|japan", value, re.I)
        return "US" if in_the_us else "JP"
    found = _ANY_COUNTRY.search(value)  # the leftmost country named, as written
    return found.lastgroup if found else None


# "国籍は日本です", "国籍 日本", "。国籍日本", "（国籍中国）", "出身は中国で": the label without a
# colon.
# (not the topic: "国籍方面先跟您说明：他在日本生活了十二年", "国籍について")
_NATIONALITY_SAID = re.compile(
    # (a bulleted row too: "◉ 国籍  日本", "■国籍 中国", a box's row "|国籍    ベトナム"; a
    # bracketed label mid-line: "氏名: M.H（38歳） 【国籍】日本 【居住】…"; after a connective:
    # "ただし国籍は日本で、米国にはL-1ビザで滞在しております"; a one-line profile's cell:
    # "K.F／39歳男性／福岡市早良区在住／国籍 日本／NW経験11年")
    r"(?:^|\n|[。、,，(（【／/]|(?:ご)?本人の|(?:ただし|但し|なお|尚|また|ちなみに|因みに))"
    r"\s*[・\-◉●○■□◆◇▼▽▶►•*※|│┃｜]?\s*(?:国籍|出身(?:国|地)?)"
    r"\s*(?:は|が|】|[ \t]+)?\s*"
    r"(?!方面|について|に(?:関|つい)|关于|關於|上|的(?:问题|問題|事))"
    r"([^\n、,。【／/]{1,16})"
)
# The same in English prose: "She is an employee of our company; nationality Indian.", "his
# nationality is Vietnamese" (a country by itself, not "nationality is not a condition").
_NATIONALITY_SAID_EN = re.compile(
    r"\b(?i:nationality|citizenship)(?:\s+is)?\s+((?:South |North |New |Sri |Hong )?[A-Z][a-z]+)\b"
)
_FOREIGN_OF = re.compile(r"外国籍\s*[(（]\s*([^)）\n]{1,12})\s*[)）]")
# The passport held: "持中国护照", "护照仍然是中国护照", "ベトナムのパスポートを所持",
# "パスポートは中国" (not "日本のパスポートをお持ちの方" that a project asks, nor "没有日本护照").
_PASSPORT_HELD = re.compile(
    r"(?<![没沒无無非])(?:持有?|拿(?:着|的是)?|用的是)\s*([^\s、,，。:：]{1,6}?)的?(?:护照|護照)|"
    r"(?:护照|護照)(?:仍然|仍|还|還|依然)?(?:是|为|為)\s*([^\s、,，。]{1,6})|"
    r"([^\s、,，。:：]{1,6}?)の?(?:パスポート|旅券)を(?:所持|保有|持って)|"
    r"(?:パスポート|旅券)は\s*([^\s、,，。]{1,6})"
)
# "帰化済", "帰化しており", "已归化日本", "入籍日本，现为日本国籍", "naturalized", "現在は日本国籍":
# Japanese now, whatever the origin ("帰化申請中" is not).
_NATURALISED_NOW = re.compile(
    # (and in brackets: "日本（帰化）籍のエンジニア", "韓国（帰化）")
    rf"{_NOT_NATURALISED}(?:帰化(?:済|済み|しており|しています|した|しました|取得|[)）])|"
    r"(?:已|已经)?归化|"
    r"入籍済|入籍日本|naturali[sz]ed|現在(?:は|の国籍は)?日本国籍|日本国籍を取得|"
    r"现(?:在)?(?:为|是|已是)日本(?:国)?籍|(?:取得|获得|加入)(?:了)?日本(?:国|國)?籍)",
    re.I,
)
# "中国人、30代", "日本人・男性", "ベトナム出身": the person's country, not "日本人と同等の日本語"
# (an origin stands for the nationality unless the mail says the passport changed).
_PEOPLE = re.compile(
    # (not a firm's "法人": "杭州云栈科技日本法人")
    r"(?<![一-龥ァ-ヴー])([一-龥ァ-ヴー]{2,6}?)(?:(?<!法)人(?![材員员数月日才士力と並同程遜相])|出身|"
    r"の方(?!と))"
)
# "K.S／35歳／ベトナム／N2", "Kenji T. (Japanese, 35)": a bare country or demonym between
# separators, the way one-line profiles and hotlists write it.
# (a two-word one too: "Nuwan P. (Sri Lankan, 31)", "South Korean")
_BARE_COUNTRY = re.compile(
    r"(?:^|[／/|｜・、,(（]|\s[-–]\s)[ \t]*"
    r"([^\s／/|｜・、,()（）\d]{2,12}(?: [^\s／/|｜・、,()（）\d]{2,12})?)[ \t]*"
    r"(?=[／/|｜・、,)）]|$|\s[-–]\s|\s*[(（])",
    re.M,
)


def nationality(text: str | Prepared) -> str | None:
    fields = prepare(text).prose_fields
    value = labelled(fields, r"国籍|nationality(?:\s*/\s*visa)?|citizenship|国家")
    if value:
        iso = re.match(r"\s*([A-Z]{2})\b", value)  # "Nationality: JP"
        return iso.group(1) if iso and iso.group(1) in _COUNTRIES else country_code(value)
    # "a naturalized U.S. citizen (born in Busan)", "2016 年入籍美国": the country naturalised in
    if code := _naturalised_in(fields):
        return code
    # Naturalised is Japanese now, whatever the origin the same sentence names ("元は韓国籍").
    if _NATURALISED_NOW.search(fields):
        return "JP"
    if not _COUNTRY_WORD.search(fields):  # every reader below needs a country named
        return None
    origin = labelled(
        fields, r"出身(?:国|地)?|country of (?:citizenship|origin)|origin|passport|护照|護照"
    )
    if origin and country_code(origin):
        return country_code(origin)
    said = _NATIONALITY_SAID.search(fields)
    if said and country_code(said.group(1)):
        return country_code(said.group(1))
    for said in _NATIONALITY_SAID_EN.finditer(fields):
        if code := _exact_country(said.group(1)):
            return code
    foreign = _FOREIGN_OF.search(fields)
    if foreign and country_code(foreign.group(1)):
        return country_code(foreign.group(1))
    for held in _PASSPORT_HELD.finditer(fields):
        if code := country_code(next(g for g in held.groups() if g)):
            return code
    return _nationality_in_prose(fields)


# The country right before 籍: "上海市長寧区在住の中国籍エンジニア" is CN, whatever place the
# words before it name ("日本在住の中国籍" is not JP).
_COUNTRY_BEFORE_SEKI = re.compile(rf"(?:{_ANY_COUNTRY.pattern})(?=\s*の?\s*(?:国|國)?\s*籍$)", re.I)


def _country_before_seki(words: str) -> str | None:
    """The country of "…中国籍" (naturalised is JP, as `country_code` reads it)."""
    if _NATURALISED.search(words):
        return country_code(words)
    found = _COUNTRY_BEFORE_SEKI.search(words)
    return found.lastgroup if found else None


def _nationality_in_prose(fields: str) -> str | None:
    # every one, not the first: "弊社に在籍する…（女性・35歳、日本国籍）"
    # (a profile row's cell by itself: "Z.Q|34歳|中国籍|江戸川区在住")
    for match in re.finditer(
        r"([^\s:：、,/|｜()（）]{1,8})\s*(?:国籍|籍)(?!\s*[:：])|"
        r"([^\s:：、,，/()（）]{1,6}?)(?:公民|國民|国民)|"  # "中国公民，…但没有加入日本籍"
        r"\b([A-Z][A-Za-z]+)\s+(?:national|citizen)s?\b|([^\s、,]{1,6})人(?:エンジニア|技術者|工程师)",
        fields,
    ):
        if match.group(1):  # the country that 籍 closes, not a place before it
            code = _country_before_seki(match.group(0))
        else:
            code = country_code(next(g for g in match.groups() if g))
        if code:
            return code
    for pattern in (_ENGLISH_NATIONAL, _ENGLISH_DEMONYM, _PEOPLE):
        for found in pattern.finditer(fields):
            code = country_code(next(g for g in found.groups() if g))
            if code:
                return code
    for line in fields.splitlines():
        for found in _BARE_COUNTRY.finditer(line):
            # "based in Tokyo, Japan" is where, not who; "English / Japanese" is what they speak
            before = line[max(0, found.start(1) - 30) : found.start(1)]
            if _PLACE_WORDS.search(before) or _LANGUAGE_WORDS.search(before):
                continue
            if _FIRM_BEFORE.search(before):  # "Merlion QA Services (Singapore)": the firm's desk
                continue
            after = line[found.end(1) :]
            # "杭州启衡网络(日本)株式会社" is a firm's name; "Japanese - JLPT N2" a language
            if _FIRM_AFTER.match(after) or _LEVEL_AFTER.match(after):
                continue
            if _TITLE_BEFORE.search(before):  # "Account Manager - Japan": the sender's territory
                continue
            if _SIGNATURE_LINE.search(line):  # "Client Partner - Japan, Vardhan Datasystems Ltd."
                continue
            code = _exact_country(found.group(1))
            if code:
                return code
    return None


_PLACE_WORDS = re.compile(
    # (and a signature's address: "27 Residency Road, Bengaluru 560025, India", "12/F, Kowloon
    # Bay Centre, Hong Kong")
    # ("14F, 311 Teheran-ro, Gangnam-gu, Seoul 06151, Korea": a floor, a postcode; "Base:
    # Bangalore, India - remote only"; "fully remote (Japan)")
    r"location|based|\bbase\b|live|living|resid|address|office|site|city|road|street|avenue|"
    r"floor|bldg|building|suite|unit|centre|center|tower|plaza|\d+/F\b|\b\d+F\b|"
    r"\b\d{4,}(?:-\d+)?\s*,\s*$|\b(?:remote|onsite|on-site|hybrid)\s*[(（]?\s*$|勤務地|場所|住所|所在|居住|在住|最寄|"
    r"地点|地址|现住|工作地|常驻|驻场|\b(?:in|at|near)\b",
    re.I,
)


# A signature's line, whose country is the firm's desk or address: a company's legal form, a
# phone number, a floor ("12th Floor, 89 Lang Ha, Hanoi, Vietnam | +84 24 3562 7710").
_SIGNATURE_LINE = re.compile(
    r"\b(?:Ltd|Inc|LLC|JSC|Corp|Co\.,? Ltd|GmbH|Pte|Pvt|G\.K|K\.K)\b|\+\d{1,3}[\s-]\d|"
    r"\b(?:tel|phone|mobile|fax)\b|\b\d+(?:st|nd|rd|th)? floor\b",
    re.I,
)


# A firm's name right before a country in brackets: where the firm sits, not who the person is.
_FIRM_BEFORE = re.compile(
    r"\b(?:services|solutions|staffing|systems|technolog(?:y|ies)|consulting|group|partners|"
    r"software|holdings|labs?|works|digital|networks|tech|K\.K\.|Ltd\.?|Inc\.?|LLC)\s*[(（]\s*$",
    re.I,
)


# A firm's legal form right after a country in brackets: "鼎峰资訊(日本)股份有限公司".
_FIRM_AFTER = re.compile(
    r"[ \t]*[)）][ \t]*(?:株式会社|股份有限公司|有限公司|合同会社|有限会社|"
    r"(?:Co\.|Ltd|Inc|LLC|Pte|Pvt|GmbH|K\.K|G\.K)\b)",
    re.I,
)
# A language's level right after the word: "Japanese - JLPT N2", "Japanese (JLPT N1)" (not a
# profile's next cell, "T.N / 31 / Vietnamese / N2", nor "male, 36, Japanese (native speaker)").
_LEVEL_AFTER = re.compile(
    r"[ \t]*(?:[-–:：][ \t]*(?:JLPT|N[1-5]\b|native|fluent|business|conversational|basic|"
    r"ネイティブ|ビジネス|日常会話)|[(（][ \t]*(?:JLPT|N[1-5]\b))",
    re.I,
)
# A sales title right before a country: the sender's territory in a signature ("Account Manager -
# Japan", "Country Head, India"), not a candidate's role ("Project Manager / Vietnamese").
_TITLE_BEFORE = re.compile(
    r"\b(?:(?:account|sales|country|regional|branch|client|delivery|talent|business development)"
    r"\s+(?:manager|director|partner|executive|head|lead|representative)|managing director|"
    r"representative director)\s*[-–,]\s*$",
    re.I,
)
# Words before a country that make it a language or a residence, not a nationality.
_LANGUAGE_WORDS = re.compile(
    r"languages?|speaks?|spoken|fluent|言語|语言|語言|会話|JLPT|permanent resident|永住",
    re.I,
)


def _exact_country(token: str) -> str | None:
    """The country a token names by itself ("ベトナム", "Japanese"), not one it contains."""
    found = _ANY_COUNTRY.fullmatch(token.strip())
    return found.lastgroup if found else None


# "US Citizen", "holds Japanese citizenship", "Chinese passport holder".
_ENGLISH_NATIONAL = re.compile(
    # "holds British and Irish passports only - no US citizenship": the first named, not a denied
    # "a U.S. citizen (born in Ohio)", "a South African national", "a Sri Lankan national"
    r"(?<!\bno )(?<!\bnot )(?<!\bwithout )"
    r"\b(U\.S\.|U\.K\.|(?:(?:South|North|New|Sri|Hong|Saudi)\s+)?[A-Za-z]{2,12})"
    r"(?:\s+(?:and|or)\s+[A-Za-z]{2,12})?"
    r"\s+(?:national|citizen|citizenship|nationality|passport)s?\b|"
    r"\b(?:citizen|national) of (?:the )?(?:(?:People's )?Republic of )?"
    r"([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)|"
    # "Japanese by birth and by citizenship", "American by birth"
    r"\b([A-Z][a-z]{3,12}) by (?:birth and (?:by )?)?(?:nationality|citizenship|birth)\b",
    re.I,
)
# "He is Japanese.", "a Vietnamese developer", "Korean engineer, ...": a demonym after is / a /
# an or opening a sentence, before a role or a clause break.
_ENGLISH_DEMONYM = re.compile(
    r"(?:\b(?:[Ii]s|[Aa]re|[Aa]n?|(?:[Ss]he|[Hh]e)'s)\s+|^|(?<=\n)|[.;]\s+)"
    r"((?:South |North )?[A-Z][a-z]{3,12})"
    # (and at a bracket's end: "Japanese: native speaker (she is Japanese)")
    # (not a language's level in brackets: "Japanese (JLPT N1)")
    r"(?=[,.;)）]|\s+(?:and|with|but|who|living|based)\b|\s*[(（](?!\s*(?:JLPT|N[1-5]\b))|"
    # "a British full-stack engineer": up to two words before the trade
    r"(?:\s+[\w-]+){0,2}?\s+(?:engineer|developer|consultant|programmer|architect|tester|designer|"
    r"analyst|manager|lead|specialist|man|woman|male|female|"
    # "a French FX TD who lives in Setagaya"
    r"artist|TD|scientist|administrator|SRE|DBA|contractor|freelancer)s?\b)|"
    r"\b(?:is|was|comes?|originally|hails|'s) from ((?:South |North )?[A-Z][a-z]+)|"
    r"\b((?:South |North )?[A-Z][a-z]{3,12})-born\b"
)


def visa(text: str | Prepared) -> str | None:
    body = prepare(text).text
    match = re.search(r"\b(US ?Citizen|USC|Green Card|GC(?:-EAD)?|H-?1B|OPT|CPT|EAD|TN)\b", body)
    return match.group(1) if match else None


_CITIZENSHIP_NAMED = (
    ("US", re.compile(
        r"\b(?:u\.\s?s\.(?:\s?a\.)?|us|usa|united states|american)\s+(?:citizens?(?:hip)?|"
        r"nationals?|nationality|passport)|\bUSC\b|citizens?\s+of\s+(?:the\s+)?(?:u\.\s?s\.|us|"
        r"usa|united states)|米国籍|美国国籍|美國國籍|美国籍|アメリカ国籍", re.I)),
    ("JP", re.compile(
        r"日本(?:国|國)?籍|日本人(?:のみ|限定)|japanese\s+(?:citizens?(?:hip)?|nationals?|"
        r"nationality|passport)|citizens?\s+of\s+japan", re.I)),
    ("CN", re.compile(
        r"中(?:国|國)(?:国|國)?籍(?:のみ|限定|の方のみ)|仅限中国籍|"
        r"chinese\s+citizens?\s+only", re.I)),
)  # fmt: skip


# A sentence's end, not the dots of "U.S." ("hold U.S. citizenship. Japanese nationals ...") nor
# a wrap ("Japanese nationals and U.S.\n  green-card holders cannot be badged").
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<![A-Z])\.\s|\n(?![ \t]*[a-z])")
_TURNED_AWAY = re.compile(
    r"\b(?:cannot|can't|can not|will not|won't|are not|aren't|may not|not eligible|"
    r"do not submit|don't submit)\b|不可|不接受|対象外|お断り|ご遠慮",
    re.I,
)


def citizenship_required(text: str | Prepared) -> str | None:
    """The one citizenship a project's refusal of foreign nationals names: US for "must be a
    U.S. citizen" (a US client hiring into Tokyo), JP for 日本国籍の方のみ; None when it names
    none or several, and the matcher then takes the project's country."""
    fields = prepare(text).prose_fields
    # the sentences that take someone, not one that turns people away ("Japanese nationals and
    # green-card holders cannot be badged"), unless only such a sentence names a citizenship
    taking = " ".join(s for s in _SENTENCE_END.split(fields) if not _TURNED_AWAY.search(s))
    for read in (taking, fields):
        named = {code for code, pattern in _CITIZENSHIP_NAMED if pattern.search(read)}
        if named:
            return named.pop() if len(named) == 1 else None
    return None


# A question whether foreigners may take part ("> 外国籍的工程师可以参加吗?", "外国籍の方は可能で
# しょうか？", "Are foreign nationals OK?") accepts no one; its answer says: a refusal ("很遗憾，
# 这次不行", "申し訳ございませんが", "Unfortunately not") or a yes ("はい", "可以", "Yes"). A
# question that says a refusal itself ("外国籍不可ですか？") or asks something else ("Do
# foreign nationals need a visa?") is none of these: its "no" is no refusal.
_FOREIGNERS_ASKED = (
    r"(?:(?:外国籍|外籍|外国人|foreign|non-japanese)"
    r"(?:(?!不|NG|だめ|ダメ|ません|ない|\bnot?\b|n't|only|のみ|限定|仅|只)[^\n?、,，;；]){0,30}?"
    r"(?:可|OK|参加|参画|大丈夫|提案|接受|accept|allow|consider|eligible|welcome|possible|fine)|"
    # "Would the client accept foreign nationals?"
    r"\b(?:accept|allow|consider|take|welcome)\s+(?:non-japanese|foreign(?:ers|\s+nationals?|"
    r"\s+candidates?|\s+engineers?)))"
    # "外国籍のエンジニアでも提案は可能でしょうか。": a Japanese question needs no "?"
    r"[^\n?、,，;；。.]{0,20}(?:\?|(?:でしょうか|ですか|ますか)(?!ら)。?)"
)
_FOREIGNERS_QUESTION = re.compile(_FOREIGNERS_ASKED, re.I)
_FOREIGNERS_REFUSED_IN_ANSWER = re.compile(
    rf"{_FOREIGNERS_ASKED}[\s>]*(?:很遗憾|遗憾|抱歉|不好意思|对不起|不行|不可以|不能|不可|无法|"
    r"残念|申し訳|恐れ入りますが|恐縮ですが|いいえ|NG\b|no\b(?![ -]problem)|unfortunately|sorry|"
    r"not this time)",
    re.I,
)
_FOREIGNERS_ACCEPTED_IN_ANSWER = re.compile(
    rf"{_FOREIGNERS_ASKED}[\s>]*(?:はい|可以|可能です|没问题|没有问题|大丈夫|問題ありません|OK\b|"
    r"yes\b|no problem)",
    re.I,
)


def foreign_nationals_ok(text: str | Prepared) -> bool | None:
    """False for 外国籍不可 / citizens only, True for 外国籍可, None when not stated."""
    fields = prepare(text).prose_fields
    if re.search(
        r"外国籍\s*[:：]?\s*(?:不可|NG|×|お断り|なし)|外国籍(?:の方)?は?(?:不可|NG|ご遠慮|お断り)|"
        r"日本(?:国)?籍(?:保有者|の方)?(?:のみ|限定)|外国人(?:は)?不可|(?:限|需|仅限)日本国籍|"
        # "must be a U.S. citizen", "the engineer has to be a U.S. citizen"
        r"(?<!n't )(?<!not )(?:must|has to|have to) be (?:a )?(?:us |u\.s\. )?citizen|"
        r"citizenship (?:is )?required|"
        r"(?:usc|us citizens?)\s*(?:or|/)\s*(?:gc|green card)(?:\s*holders?)?\s*only|"
        r"日本人(?:のみ|限定)|不接受外籍|外籍不可|仅限中国籍|仅限日本籍|"
        # "国籍：日本のみ", "国籍が日本の方に限らせていただきます", "国籍は日本人に限ります"
        r"国籍\s*(?:[:：]|は|が)\s*日本(?:人|国籍|籍)?(?:の方)?\s*"
        r"(?:のみ|限定|に限(?:ります|る|定|らせ))|"
        # "国籍：日本（帰化により日本国籍を取得された方は可）": a note on the naturalised
        r"(?:国籍|nationality|citizenship)\s*[:：]\s*(?:日本|japan(?:ese)?)(?:人|国籍|籍)?\s*[(（]"
        r"[^)）\n]{0,30}?(?:帰化|归化|naturali[sz])|"
        # "日本国籍をお持ちの方に限ります", "日本国籍保持者に限ります",
        # "参画できるのは日本の国籍を持つ方だけ" (not "日本国籍だけでなく"),
        # "只能安排持有日本国籍的人员",
        # "外籍人员这次确实没办法",
        # "日本の国籍をお持ちの方に限られます", "日本のパスポートを\n> お持ちの方だけです",
        # "日本の国籍をお持ちの方に限って参画いただけます",
        # "日本のパスポートをお持ちの方にしか入館証が出ません"
        r"日本(?:の)?(?:(?:国)?籍|パスポート|旅券)(?:[^\n。、]|(?<=[をがは])\n[>＞ \t]*){0,10}?"
        r"(?:に限(?:ります|る|定|らせ|られ|って)|のみ|限定|だけ(?!で(?:は)?なく)|しか)|"
        # "メンバーは日本国籍者で固める方針です", "日本国籍の方のみで構成します"
        r"日本(?:の)?(?:国)?籍(?:者|の方|の人員|のメンバー)(?:のみ|だけ)?で"
        r"(?:固め|構成|揃え|統一)|"
        # "日本国籍の方でお願いします", "日本国籍保有者をお願いいたします"
        r"日本(?:の)?(?:国)?籍(?:の方|保有者|保持者|をお持ちの方)(?:で|を)\s*お願い(?:し|いた|致)?|"
        # "外国籍の方は今回対象外", "国籍が日本以外の方は対象になりません", "人员必须持有日本国籍",
        # "须日本国籍"
        r"(?:外国籍|国籍が日本以外)(?:の方)?(?:は)?(?:今回)?(?:は)?\s*"
        r"対象(?:外|になりません|とはなりません)|"
        r"外国籍[^\n。]{0,20}?認められ(?:ておりません|ません|ない)|"
        # "日本以外の国籍の方は入館審査が通りません", "国籍が日本以外ですとお受けできません"
        r"(?:日本以外の国籍|国籍が日本以外)(?:の方)?(?:は|だと|ですと|では)[^\n。]{0,16}?"
        r"(?:通りません|通らない|できません|いただけません|不可|NG|お断り)|"
        # "日本国籍をお持ちの方でないとご参画いただけません", "日本の国籍がないと不可",
        # "日本国籍であることが参画条件",
        # "国籍条件 / 日本国籍保持者", "须具日本国籍", "no other nationality can be badged"
        # "日本国籍を有する方でなければ入場できません", "日本の国籍でない方はお受けできません"
        r"日本(?:の)?(?:国)?籍[^\n。]{0,12}?(?:でないと|でなければ|でない方|以外は|がないと)"
        r"[^\n。]{0,12}?"
        r"(?:いただけません|できません|不可|お受けできません|NG)|"
        r"日本(?:国)?籍(?:であること|を持っていること|の保持)?が(?:参画)?条件|"
        # "国籍条件：日本の国籍をお持ちの方"
        r"国籍(?:条件|要件)[^\n]{0,3}\n?[\s・]*日本(?:の)?(?:国)?籍(?:保持|保有)?者?|"
        # "必须持有日本国籍", "必须拥有日本国籍", "参与人员必须是日本公民", "须为日本国籍"
        r"(?:必[须須]|必需|[须須]|需要?)\s*(?:持有|拥有|擁有|具|具有|具备|是|为|為)?日本(?:国|國)?"
        r"(?:籍|民|公民)|"
        # "只考虑持日本国籍的工程师", "只接收日本国籍的人"
        r"(?:只|仅|僅)(?:接受|接收|接纳|接納|考虑|考慮|招|要|开放|開放)(?:持有?|拥有|擁有|具有)?日本(?:国|國)?籍|"
        # "外国籍の方はご提案をお控えください", "只能用日本国籍的人员", "外籍的同事很抱歉不能参加"
        r"外国籍(?:の方)?(?:は|の)?(?:ご提案|ご紹介)?(?:を|は)?\s*(?:お控え|ご遠慮)|"
        # "只能由擁有日本國籍的人員參與"
        r"只能(?:用|使用|安排|由)(?:持有|拥有|擁有|具有)?日本(?:国|國)?籍|外籍[^\n，,。]{0,10}?不能参加|"
        # "no other passports can be processed"
        r"no other (?:nationalit(?:y|ies)|passports?|citizenships?) (?:can|may|will) be|"
        r"(?:必须|必需|须|需要?)\s*(?:持有)?日本(?:国|國)?籍|"
        # "国籍：客户要求日本国籍（已归化的可以）" (not "不要求日本国籍")
        r"(?<![不无無没沒])要求(?:持有|拥有|擁有|具有)?日本(?:国|國)?籍|"
        # "持外国护照的人员不行", "外國護照不能參與"
        r"外(?:国|國)(?:护照|護照)[^\n，,。]{0,8}?(?:不行|不可|不能|不接受|NG)|"
        r"只能(?:安排|接受|提供|考虑)(?:持有)?日本(?:国|國)?籍|"
        # "非日籍人士恕無法安排", "駐場人員的國籍必須是日本"
        # "外國籍恕不受理", "外国籍人员恕不接受"
        r"(?:外(?:国|國)?|非日本?)籍(?:人员|人士)?[^\n，。]{0,8}?(?:没办法|没有办法|[无無]法安排|"
        r"恕不(?:受理|接受))|"
        r"[国國]籍(?:必[须須]|[须須]|需要?)\s*(?:是|为|為)\s*日本|"
        r"外(?:国)?籍(?:人员|人士)?\s*[:：]\s*(?:不可|不行|不接受|NG|×)|"
        r"citizens?\s*only|USC\s*(?:/\s*GC\s*)?only|no\s*(?:visa\s*)?sponsorship|no\s*H-?1B|"
        r"(?:USC|GC(?:-EAD)?|green cards?|citizens?)(?:\s*(?:[,/&]|or|and)\s*"
        r"(?:USC|GC(?:-EAD)?|green cards?|EAD|citizens?)(?:\s*holders?)?)+\s*only|"
        r"only\s+(?:us\s+|u\.s\.\s+)?citizens?|"
        # "U.S. passport holders only"
        r"(?:japanese|us|u\.s\.)\s+(?:nationals?|citizens?|passport(?:\s+holders?)?)\s+only|"
        # "國籍：限日本", "国籍：仅限日本人"
        r"[国國]籍\s*[:：]?\s*(?:仅限|只限|限)\s*日本|"
        # "僅限具日本國籍者", "仅限持有日本国籍的人员"
        # (not "其他：不限國籍", no limit)
        r"(?:仅限|僅限|只限|(?<!不)限)\s*(?:具|具有|持有|持)?(?:日本|中国)?(?:国籍|國籍|籍)(?:人员|人士)?|"
        r"国籍要求\s*[:：]\s*(?:仅限|只限)|"
        # "日本国籍者のみ", "外国籍の方のご提案はご遠慮ください", "不接受外国籍"
        r"日本(?:国)?籍(?:保有)?者(?:のみ|限定)|"
        r"外国籍(?:の方)?(?:の(?:ご)?(?:提案|紹介|参画))?(?:は|も)?\s*(?:ご遠慮|お断り|不可|NG)|"
        r"不(?:接受|考虑|考慮|可)外(?:国|國)?籍|"
        # "只接受日本国籍的人选", "僅考慮日本國籍"
        r"(?:只|仅|僅)(?:接受|考虑|考慮|招|要)(?:持有)?日本(?:国|國)?籍|"
        r"(?:must|need to|needs to|required to)\s+(?:hold|have|be)\s+(?:a\s+)?"
        r"(?:japanese|us|u\.s\.)\s+"
        r"(?:citizenship|nationality|passport|citizen|national)|"
        r"only\s+(?:japanese|us|u\.s\.)\s+(?:citizens?|nationals?)|"
        r"citizens?\s+of\s+(?:japan|the us|the u\.s\.|the united states)\s+only|"
        r"no\s+foreign(?:ers|\s+nationals?|\s+engineers?|\s+candidates?)|"
        # "requires Japanese citizenship", "Japanese nationality required", "Nationality:
        # Japanese only", "please do not submit foreign nationals"
        r"(?<!not )(?<!n't )(?<!no )requir(?:es?|ing)\s+(?:a\s+)?(?:japanese|us|u\.s\.)\s+"
        r"(?:citizenship|nationality|passport)|"
        r"(?:japanese|us|u\.s\.)\s+(?:citizenship|nationality)\s+(?:is\s+)?"
        r"(?:required|mandatory|a must|needed)|"
        r"(?:nationality|citizenship)\s*[:：]\s*(?:japanese|us|u\.s\.|japan)\s*"
        r"(?:nationals?|citizens?|citizenship|nationality)?\s*(?:only|required)\b|"
        r"foreign(?:ers|\s+nationals?|\s+candidates?)\s*(?:[:：]|->|→|=>)\s*(?:not\s+(?:allowed|accepted|ok)|"
        r"no\b|ng\b|none\b|×)|"
        r"(?:do not|don't|does not|doesn't|cannot|can't|can ?not|won't|will not|unable to|"
        r"please do not)\s+"
        r"(?:accept|consider|submit|propose|take|send|put forward|engage)\s+(?:any\s+)?"
        r"(?:foreign(?:ers|\s+nationals?|\s+candidates?|\s+engineers?)|non-japanese)|"
        # "limited to US citizens", "limits this seat to holders of US citizenship"
        # "restrict this seat to people who hold U.S. citizenship"
        r"(?:limit(?:s|ed)?|restrict(?:s|ed)?)\s+(?:[\w-]+\s+){0,3}?to\s+(?:holders\s+of\s+|"
        r"(?:people|those|persons|individuals|candidates|engineers)\s+(?:who|that)\s+(?:hold|have)\s+)?"
        r"(?:japanese|us|u\.s\.|american)\s+(?:nationals|citizens|citizenship|nationality|passports)|"
        # "We can only submit U.S. citizens", "only American citizens can be put forward"
        r"(?:can|may|will)\s+only\s+(?:submit|accept|consider|propose|present|put forward|take|"
        r"engage)\s+(?:japanese|us|u\.s\.|american)\s+(?:citizens|nationals)|"
        r"only\s+(?:american|japanese)\s+(?:citizens|nationals)|"
        # "Permanent residents and visa holders can't be considered"
        r"(?:foreign(?:ers|\s+nationals?|\s+engineers?|\s+candidates?)|(?:(?:permanent residents?|"
        r"(?:h-?1b\s+)?visa holders?|green card holders?)(?:\s*(?:,|and|or)\s*)?)+)\s+"
        r"(?:(?:cannot|can't|can not|will not|won't)\s+be\s+"
        r"(?:accepted|considered|submitted|proposed)|"
        # "Green card holders and visa holders will be rejected"
        r"(?:will\s+be|are)\s+(?:rejected|declined|turned\s+down))|"
        r"foreign(?:ers|\s+nationals?|\s+engineers?|\s+candidates?)\s+(?:are\s+)?not\s+"
        r"(?:accepted|allowed|eligible|considered)|"
        # "Non-citizens cannot be considered", "which the agency only grants to U.S. citizens"
        r"non-?\s?(?:us\s+|u\.s\.\s+)?citizens?\s+(?:cannot|can't|can not|will not|won't|are not|"
        r"aren't)\s+(?:be\s+)?(?:considered|accepted|submitted|eligible)|"
        r"only\s+(?:grants?|granted|issues?|issued|open|available|given)\s+to\s+"
        r"(?:us\s+|u\.s\.\s+)?citizens",
        fields,
        re.I,
    ) or _FOREIGNERS_REFUSED_IN_ANSWER.search(fields):
        return False
    if _FOREIGNERS_ACCEPTED_IN_ANSWER.search(fields):
        return True
    fields = _FOREIGNERS_QUESTION.sub(" ", fields)  # what was asked, not what was said
    if re.search(
        r"外国籍\s*[:：]?\s*(?:可|OK|相談可|歓迎|○)|外国籍(?:の方)?も?(?:可|歓迎|OK)|接受外籍|外籍可|"
        r"国籍不問|国籍不限|all\s*visas?|any\s*visa|visa\s*(?:sponsorship|support)\s*(?:is\s*)?available|"
        r"foreign\s*nationals?\s*(?:are\s*)?(?:welcome|ok|accepted)|外国籍\s*[:：][^\n]*?(?<!不)可(?!能)|"
        r"外国籍[^\n]{0,16}?(?:可能|OK|歓迎|大歓迎)|外国籍(?:[^\n不]{0,16}?)可(?!能)|外国人(?:も)?可|"
        # "H-1B transfers are fine"
        r"h-?1b\s*(?:transfers?\s*)?(?:(?:are|is)\s+)?(?:ok|fine|welcome|accepted)|"
        r"open to (?:all\s+)?(?:visas?|h-?1b)|"
        r"visa\s*[:：]\s*any|国籍\s*[:：]\s*(?:不問|問わず|不限|any)|nationality\s*[:：]\s*any|"
        # "日本以外の国籍の方もご提案いただけます", "外国人の方も参画可能"
        r"(?:外国籍|外国人|日本以外の国籍|国籍が日本以外)(?:の方)?も\s*(?:ご)?(?:提案|紹介|参画)\s*"
        r"(?:可能|可|OK|いただけ)|接受外(?:国)?籍|"
        r"外(?:国)?籍(?:人员|人士)?\s*[:：]?\s*(?:也|亦|均)?\s*(?:可以|可|OK|欢迎|接受)(?!能)|"
        r"(?:any|all)\s+(?:work\s+)?(?:nationalit(?:y|ies)|authorizations?)|"
        # "Nationality: not a condition", "nationality is not a factor"
        r"nationality\s*(?:[:：]\s*|\s+(?:is\s+)?)(?:not\s+(?:an?\s+)?(?:issue|requirement|constraint|"
        r"condition|factor|restriction)|no\s+(?:bar|issue))(?!\s+(?:we|you|that|which|to)\b)|"
        # "国籍は条件ではありません", "国籍不是条件"
        r"国籍(?:は|が)?(?:特に)?(?:条件|要件)(?:では|じゃ)(?:ありません|ない)|"
        r"[国國]籍(?:不是|并非|並非|不作为|不作為)(?:条件|條件|要求|限制)|"
        # "外国籍工程师完全没问题", "外国籍の方でも全く問題ありません" (not "没问题吗？")
        r"外(?:国|國)?籍(?:的)?(?:工程师|工程師|人员|人員|人士|エンジニア|の方)?(?:でも|も|也)?\s*"
        r"(?:完全|全く|まったく)?(?:没问题|沒問題|没有问题|沒有問題|問題(?:ありません|ない|なし)|大丈夫)"
        r"(?![吗嗎か?？])|"
        r"外国籍\s*[:：][^\n]{0,24}?(?:であれば|なら)\s*(?:可|OK)|"
        # "国籍制限なし", "无国籍限制", "nationality: no restriction", "外国人也可以"
        r"国籍(?:制限|要求|限制)?\s*[:：]?\s*(?:なし|無し|問わない|不問|不限)|"
        # "其他：不限國籍"
        r"不限(?:国|國)?籍|"
        r"[无無](?:国籍|國籍)(?:限制|要求)|"
        r"[国國]籍[无無](?:限制|要求)|国籍\s*(?:[:：]|は|を|も)?\s*(?:問いません|問わず)|"
        # "国籍：…どちらの国の方でも歓迎です", "どの国籍の方でもご提案いただけます"
        r"(?:どちら|どこ|どの)の?国(?:籍)?の方(?:でも|も)\s*(?:歓迎|可|OK|ご提案|参画)|"
        # "國籍：歡迎外籍人士", "欢迎外国籍工程师"
        r"(?:欢迎|歡迎|歓迎)外(?:国|國)?籍|"
        # "Nationality: the client does not mind where the engineer comes from"
        r"(?:does not|doesn't|do not|don't) mind (?:where (?:the|a|an|our|your) [\w-]+ "
        r"(?:is|comes) from|(?:the |their |a candidate's |the engineer's )?nationality)|"
        # "外国籍の方も、日本語が日常会話レベル以上であればご提案いただけます": accepted on terms
        r"外国籍(?:の方)?(?:も|は)?[^\n。]{0,30}?(?:であれば|なら|の場合)[^\n。]{0,6}?"
        r"(?:可|OK|ご提案(?:いただけます|可能|ください)|歓迎|受け入れ)|"
        r"open to (?:non-japanese|foreign(?:ers| nationals?| candidates)?)|"
        r"[国國]籍[无無](?:限制|要求)|(?:nationality|citizenship)\s*[:：]?\s*(?:no restrictions?|"
        r"not restricted|unrestricted)|no nationality restrictions?|"
        # "Nationality: open to all", "open to all nationalities"
        r"(?:nationality|citizenship)\s*[:：]\s*open(?: to (?:all|any)(?: nationalit(?:y|ies))?)?"
        r"\s*(?=$|[.,;(（\n])|"
        r"open to (?:all|any) nationalit(?:y|ies)|"
        # "regardless of nationality", "we accept foreign nationals" (a refusal is read first)
        r"regardless of (?:nationality|citizenship)|"
        # (an arrow for the colon too: "Foreigners -> welcome")
        r"foreign(?:ers|\s+nationals?|\s+candidates?)\s*(?:[:：]|->|→|=>)\s*(?:ok|yes|allowed|accepted|"
        r"welcome|acceptable|possible)\b|"
        r"foreign(?:ers|\s+nationals?|\s+nationality|\s+candidates?)\s+(?:is\s+|are\s+)?"
        r"(?:acceptable|accepted|allowed)\b|"
        r"nationality (?:does not|doesn't) matter|"
        r"(?:we |can |happy to )(?:accept|consider|welcome)\s+(?:foreign(?:ers|\s+nationals?|"
        r"\s+candidates?|\s+engineers?)|non-japanese)|"
        r"外[国國]人(?:也|も)?(?:可以|可|OK|歓迎)|"
        # ("■Nationality: foreign nationality OK")
        r"(?:non-japanese|foreign(?:ers|\s+(?:engineers?|candidates?|nationals?|nationality|talent)))\s*"
        r"(?:candidates?|engineers?|nationals?)?\s*(?:are\s+)?(?:ok|welcome|accepted|fine|considered)",
        fields,
        re.I,
    ):
        return True
    return None
