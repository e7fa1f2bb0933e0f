"""Skills, their families and years, from the vocabulary in `pipeline/emails/vocabulary`.

The vocabulary is data (skills.yaml): canonical names with ja / zh / en synonyms. One regex of
every synonym, longest first, finds the skills of a line; forms that are also ordinary words
(Go, C, R, PM) count only on a line that reads like a skill list. Years attach to the skill
written next to them ("Java 8年", "7+ years Python", "5年 iOS 开发", "Python：6年").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from pipeline.emails.extraction.text import Prepared, prepare


@dataclass(frozen=True)
class Vocabulary:
    family: dict[str, str]  # canonical name -> family
    synonyms: dict[str, str]  # casefolded synonym -> canonical name
    context_only: dict[str, str]  # case-sensitive form -> canonical name


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


@cache
def vocabulary() -> Vocabulary:
    """The skill vocabulary, loaded once from the package's skills.yaml."""
    source = resources.files("pipeline.emails").joinpath("vocabulary/skills.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    context = {form: name for name, forms in data["context_only"].items() for form in forms}
    context_names = {name for name in data["context_only"] if name in context.values()}
    family: dict[str, str] = {}
    synonyms: dict[str, str] = {}
    for family_name, skills in data["families"].items():
        for name, forms in skills.items():
            family[name] = family_name
            own = list(forms or [])
            if name not in context_names or name not in context:
                own.append(name)
            for form in own:
                synonyms.setdefault(_fold(form), name)
    return Vocabulary(family, synonyms, context)


def canonical_skill(name: str) -> str | None:
    """The canonical name for any synonym, in any case or width; None for an unknown name."""
    vocab = vocabulary()
    folded = _fold(name)
    if folded in vocab.synonyms:
        return vocab.synonyms[folded]
    if name.strip() in vocab.context_only:
        return vocab.context_only[name.strip()]
    lower_context = {form.casefold(): n for form, n in vocab.context_only.items()}
    return lower_context.get(folded)


def skill_family(name: str) -> str | None:
    """The family (language, database, cloud, ...) of a skill named by any synonym."""
    canonical = canonical_skill(name)
    return vocabulary().family.get(canonical) if canonical else None


_BEFORE = r"(?<![A-Za-z0-9+#.])"
_AFTER = (
    r"(?:\d+(?:\.\d+)*(?!\s*(?:\+|年|ヶ月|か月|カ月|个月|years?|yrs?)))?"
    r"(?![A-Za-z+#]|\.(?:js|net)\b)"
)
# Go, C and R have their own traps ("Go live", "C-level", "R&D").
_SPECIAL_CONTEXT = {
    "Go": r"(?<![A-Za-z0-9.])Go(?![A-Za-z0-9#+]|\s+(?:to|live|ahead|back|for|on|out)\b)",
    # not "Series C", "Plan C"
    "C": r"(?<![A-Za-z0-9.#+/-])(?<!Series )(?<!Plan )C"
    r"(?![A-Za-z0-9#+&]|\s*[-/]\s*[A-Za-z]{2,}|\.\s*[A-Z])",
    # not "Daniel R., just", nor the initials "R.N"
    "R": r"(?<![A-Za-z0-9.&])R(?![A-Za-z0-9&#+]|\s+&|\.,|\.\s+[a-z]|\.[A-Z])",
    "PM": r"(?<![A-Za-z0-9.:])(?<![0-9] )PM(?![A-Za-z0-9])",  # not "6:12 PM"
    # the certificate, not the heading "基本情報" (basic information)
    "基本情報": r"(?:(?<=資格[:：])|(?<=資格[:：] ))基本情報|"
    r"基本情報(?![:：】\]])(?=[^\n]*(?:応用情報|試験|合格|取得|資格))",
}
SKILL_LINE = re.compile(
    r"スキル|技術|言語|環境|経験|技能|技术|语言|要求|資格|ツール|熟悉|精通|掌握|使用|开发|開発|"
    r"得意|擅长|擅長|会用|熟练|熟練|经验|經驗|"
    r"skills?|stack|tech|languages?|tools?|required|must|nice|preferred|experience|proficien|"
    r"knowledge|familiar|加分|优先|尚可|歓迎|必須|必须|[/、,・|]|\d\s*\+?\s*(?:years?|yrs?|年)",
    re.IGNORECASE,
)


def trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words, as a trie: Python's re tries alternatives one by one, so a
    thousand-synonym alternation is slow; shared prefixes make it fast. Longest match first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + emit(trie) + ")"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    vocab = vocabulary()
    normal = re.compile(rf"{_BEFORE}{trie_pattern(vocab.synonyms)}{_AFTER}", re.IGNORECASE)
    plain = [form for form in vocab.context_only if form not in _SPECIAL_CONTEXT]
    context = re.compile(
        "|".join(
            [
                *_SPECIAL_CONTEXT.values(),
                # after a slash only when a word precedes it: "S3/Lambda", not "/Lambda"
                rf"(?<![A-Za-z0-9.#+-])(?<![^\w]/){trie_pattern(plain)}"
                r"(?![A-Za-z0-9#+&])",
            ]
        )
    )
    return normal, context


_VERSION = re.compile(r"\d+(?:\.\d+)*$")
Hit = tuple[int, int, str]


@lru_cache(maxsize=8192)  # split_skills, years and clauses read the same lines
def skill_hits(line: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every skill on a normalised line, in order."""
    normal, context = _patterns()
    synonyms = vocabulary().synonyms
    line = _ADDRESS.sub(lambda m: " " * len(m.group(0)), line)  # offsets kept
    hits: list[tuple[int, int, str]] = []
    for m in normal.finditer(line):
        word = m.group(0).casefold()
        name = synonyms.get(word) or synonyms.get(_VERSION.sub("", word))
        if name and not _a_name_not_a_skill(line, m.start(), m.end(), word):
            hits.append((m.start(), m.end(), name))
    if hits or SKILL_LINE.search(line):
        context_only = vocabulary().context_only
        for m in context.finditer(line):
            if _a_name_not_a_skill(line, m.start(), m.end(), m.group(0).casefold()):
                continue
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _ in hits):
                hits.append((m.start(), m.end(), context_only[m.group(0)]))
    return sorted(hits)


# Web and mail addresses ("https://example.com/react", "sales@java-works.example") name no skill.
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
# "Swift Solutions Inc.", "Oracle Corporation", "株式会社ネットJava", "Ruby Tower 5F": a company
# or a building named after a skill.
_COMPANY_AFTER = re.compile(
    r"\s+(?:Solutions?|Corporation|Corp\b|Inc\b|Ltd\b|LLC|Co\.,? Ltd|Technologies|Consulting|"
    r"Holdings|Tower|Building|Bldg)|\s*(?:株式会社|有限会社|\(株\)|ビル\b|大厦)|"
    # a vendor's partner status: "AWSパートナー", "Salesforce認定コンサルティングパートナー"
    r"\s*(?:認定)?(?:コンサルティング|セレクト|アドバンスド|ゴールド|プレミア)?\s*パートナー|"
    r"\s+(?i:(?:(?:select|advanced|premier|gold|silver|consulting|certified|registered)\s+)*"
    r"(?:partner|reseller)s?\b(?!'s))",
)
_COMPANY_BEFORE = re.compile(r"(?:株式会社|有限会社|\(株\))\s*[^\s、,/]{0,8}$")
# "Spring 2026", "in spring", "this spring": the season, not the framework.
_SEASON = re.compile(r"\s*(?:20\d\d|'\d\d|semester|term|season|break|intake)\b", re.I)
_SEASON_BEFORE = re.compile(r"\b(?:in|this|next|last|early|late|by|from|until|the)\s+$", re.I)


def _a_name_not_a_skill(line: str, start: int, end: int, word: str) -> bool:
    if _COMPANY_AFTER.match(line, end) or _COMPANY_BEFORE.search(line[:start]):
        return True
    if word == "phoenix":  # the city, "Phoenix AZ"
        return bool(re.match(r",?\s*(?:AZ|Arizona)\b", line[end:]))
    return word == "spring" and bool(
        _SEASON.match(line, end) or _SEASON_BEFORE.search(line[:start])
    )


_ROLE = re.compile(  # "SAPエンジニア", "Azure Data Engineer", "iOS developer"
    r"\s*(?:(?:data|cloud|backend|back-end|frontend|front-end|full[- ]?stack|platform|"
    r"infrastructure|integration|solutions?|qa|test|mobile|web|software|application|security|"
    r"network|database|devops|データ|インフラ|クラウド|アプリ)\s*){0,2}"
    r"(?:エンジニア|技術者|コンサルタント|工程师|顾问|engineers?|developers?|consultants?)",
    re.I,
)


def extract_skills(text: str | Prepared) -> list[str]:
    """Canonical skill names in order of first mention, synonyms merged.

    A skill named only as a role ("SAPエンジニア", "iOS developer") is left out: the skills
    themselves are listed elsewhere in the mail when the sender means them.
    """
    order: list[str] = []
    named: set[str] = set()  # mentioned as a skill at least once, not only as a role
    for line in prepare(text).prose.splitlines():  # a name cut by a wrap ("Check\nPoint")
        for _, end, name in skill_hits(line):
            if name not in order:
                order.append(name)
            if not _ROLE.match(line, end):
                named.add(name)
    return [name for name in order if name in named] or order


_PREFERRED = re.compile(
    r"尚可|歓迎|あれば尚|あると(?:尚|望|嬉|良)|優遇|加分|优先|プラス|"
    r"nice[- ]to[- ]have|good[- ]to[- ]have|preferred|desired|desirable|bonus|optional|"
    r"\ba (?:big |huge |strong )?plus\b|(?<!-)\bplus\s*(?:[.!:：]|$)|"  # not "MyBatis-Plus"
    r"advantage|ideally|preferably|helpful|beneficial|an asset|would be (?:great|nice)|"
    r"望ましい|あれば|できれば|\bWANT\b|更佳|为佳|更好|優先|優遇|"
    r"なお可|嬉しい|必須では(?:な|ありません)|任意|最好|不是必[须需]|非必[须需]|者佳|为宜|"
    r"secondary(?: skills?)?\s*[:：]|not (?:required|mandatory|a must|essential)|extra credit|"
    r"would love|(?:good|nice)[- ]to[- ]know|"
    r"^\W{0,3}(?:nice|welcome|good)\s*(?:[:：\]]|\s[-–]\s|$)",
    re.I,
)
_REQUIRED = re.compile(
    r"必須|必要|要求|要件|任职|必备|must|required|mandatory|requirements?|スキル|技能|skills?",
    re.I,
)
_HEADING = re.compile(r"^\s*(?:【|■|◆|●|\[|<|#)")
_SKILLISH = re.compile(r"スキル|経験|技能|技术|技術|条件|要件|skill|experience|qualif", re.I)


def split_skills(text: str | Prepared) -> tuple[list[str], list[str]]:
    """(required, preferred) skills: lines under 尚可/歓迎/优先/nice to have are preferred.

    A line that holds both ("要求Unity 3年以上、C#扎实，有Shader经验加分") is read clause by
    clause, and only the clause with the marker is preferred.
    """
    required: list[str] = []
    preferred: list[str] = []
    described: list[str] = []  # skills named only where the work is described
    mode = "required"
    describing = False
    lines = prepare(text).lines
    for whole in lines:
        if _DESCRIPTION_HEADING.match(whole):
            describing = True
            continue
        # a blank line or the next heading ("――必要スキル――", "<必須>", "■条件") ends it
        describing = describing and bool(whole.strip()) and not re.match(r"\s*[^\w\s]", whole)
        if describing or _DESCRIPTION.match(whole) or _FORWARDED_HEADER.match(whole):
            described.extend(name for _, _, name in skill_hits(whole) if name not in described)
            continue
        clauses = _clauses(whole)
        clause_mode = mode
        for line in clauses:  # within a line the marker carries on; the next line starts afresh
            clause_mode = _skills_of_clause(line, clause_mode, required, preferred)
        if len(clauses) == 1:
            mode = clause_mode
    if not required and not preferred:  # no requirement lines: the description is all we have
        required = described
    # "自动化测试工程师一名", "the following mainframe project": a role or the kind of project,
    # not a skill asked for, unless the mail names that skill as such somewhere else.
    named = {
        name
        for line in lines
        for _, end, name in skill_hits(line)
        if not _ROLE.match(line, end) and not _KIND_OF_PROJECT.match(line, end)
    }
    if any(name in named for name in required + preferred):
        required = [name for name in required if name in named]
        preferred = [name for name in preferred if name in named]
    return required, [s for s in preferred if s not in required]


_KIND_OF_PROJECT = re.compile(r"\s+projects?\b(?!\s*(?:experience|work))", re.I)
# The header lines of a forwarded mail ("Subject: 【案件】Go/gRPC ...") restate, not require.
_FORWARDED_HEADER = re.compile(r"^\W{0,2}(?:Subject|件名|主题|主題|Fw|Fwd)\s*[:：]", re.I)


# "業務内容：…マイクロサービス開発", "What you'll do: build APIs in Go on GCP": what the work
# is, not what it asks for, when the mail also lists its requirements.
_DESCRIPTION = re.compile(
    r"^\W{0,3}(?:業務内容|作業内容|案件内容|案件概要|プロジェクト概要|概要|内容|仕事内容|"
    r"工作内容|项目描述|项目内容|项目概要|项目介绍|岗位职责|工作职责|职责|案件名|项目名[称稱]?|"
    r"プロジェクト名|project name|"
    r"what you(?:'ll| will) do|responsibilities|overview|"
    r"about (?:the )?(?:role|project|client|team))"
    r"\s*(?:[】\]>)]\s*[:：]?|[:：])",
    re.I,
)
# "<案件概要>" or "【業務内容】" on a line of its own: the lines under it describe the work.
_DESCRIPTION_HEADING = re.compile(
    r"^\W{0,3}(?:業務内容|作業内容|案件内容|案件概要|プロジェクト概要|概要|仕事内容|工作内容|项目描述|"
    r"项目内容|项目概要|项目介绍|岗位职责|工作职责|overview|project overview)\W{0,3}$",
    re.I,
)


# Clause ends: punctuation, and a Japanese "、" after a predicate ("3年以上ある方が対象で、").
# A one-line offer's cells ("Go/GCP｜渋谷｜～85万｜Go経験3年以上必須、GKE尚可") are clauses too.
_CLAUSE = re.compile(
    r"(?:(?<=[，。；;,|｜])|(?<=\.)(?=\s)|(?<=[でがしく]、)|(?<=必須、)|(?<=必要、)|(?<=要件、)|"
    r"\s(?=(?:and|but)\s+(?:nice|good|preferred|ideally|bonus)))\s*",
    re.I,
)


def _clauses(line: str) -> list[str]:
    """A line with a 尚可 / 优先 / nice-to-have marker inside it, split into its clauses."""
    marker = _PREFERRED.search(line)
    if marker is None or not skill_hits(line[: marker.start()]):
        return [line]
    clauses = _CLAUSE.split(line)
    if line.count(" / ") >= 3:  # "VHDL 5年以上 / FPGA设计 / … / 会 Verilog、C 优先": cells
        clauses = [cell for clause in clauses for cell in clause.split(" / ")]
    return [c for c in clauses if c.strip()] or [line]


def _skills_of_clause(line: str, mode: str, required: list[str], preferred: list[str]) -> str:
    """Adds the clause's skills to the list its mode says; returns the mode for what follows."""
    names = [name for _, _, name in skill_hits(line)]
    marker = _PREFERRED.search(line)
    indent = len(line) - len(line.lstrip())
    # 尚可 heads a skills line or list, not "外国籍の方も歓迎します".
    if marker and (names or _SKILLISH.search(line) or marker.start() <= indent + 2):
        mode = "preferred" if names else "preferred-heading"  # "Good to Have" above its list
    elif not line.strip():  # a blank line ends a list, not the heading that opens one
        mode = mode if mode == "preferred-heading" else "required"
    elif _REQUIRED.search(line) or _HEADING.match(line):
        mode = "required"
    elif mode == "preferred-heading":
        mode = "preferred"
    target = preferred if mode.startswith("preferred") else required
    target.extend(s for s in names if s not in target)
    return mode


# --- years ---------------------------------------------------------------------------

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_KANJI_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}  # fmt: skip
_YEARS = re.compile(
    r"(?<![\d.])(?P<num>\d{1,2}(?:\.\d)?|半|(?<![第每今去明昨前後后上下同数數十百千万])[一二两兩三四五六七八九十]{1,3}|"
    rf"(?<![A-Za-z])(?:{'|'.join(_WORD_NUMBERS)}|a(?=\s+decade))(?![A-Za-z]))\s*(?P<plus>\+|＋)?\s*"
    r"(?P<unit>年半?|years?|yrs?|yoe\b|y(?![a-z])|decades?|ヶ月|か月|カ月|ケ月|个月|months?)"
    r"(?:\s*(?P<months>\d{1,2})\s*(?:ヶ月|か月|カ月|ケ月|个月))?",
    re.I,
)
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\s*(?:[月生卒目後后内度次制]|[间間](?!\s*(?:[にで]?(?:従事|携わ|担当|从事|從事)))|前(?![端台])|"
    r"old|ago|contract|project|extension|duration|以内|"
    r"程度の(?:案件|期間)|の(?:案件|プロジェクト)|保証|毎)",
    re.I,
)
_DURATION_LINE = re.compile(
    r"期間|duration|contract|契約|工期|周期|项目周期|長期|长期|long[- ]term|extension|"
    r"length|設立|创立|founded|since|年齢|年龄|\bage\b|歳|岁|卒業|毕业",
    re.I,
)
# Within one item only the words that make its figure a duration or an age ("毕业后从事Java开发8年"
# is experience; "since" and 卒業 mark dates elsewhere on the line).
_DURATION_ITEM = re.compile(
    r"期間|duration|contract|契約|工期|周期|長期|长期|long[- ]term|extension|length|設立|创立|"
    r"founded|年齢|年龄|\bage\b|预计|預計|为期|為期",  # "预计半年以上": the project's length
    re.I,
)
_TOTAL_LABEL = re.compile(
    r"経験年数|実務経験年数|IT経験|エンジニア(?:歴|経験)|社会人歴|工作年限|工作经验|从业(?:年限|经验)?|"
    r"年资|工作年数|総経験|经验\s*[:：]|経験\s*[:：]|total(?: experience)?|overall(?: experience)?|"
    r"experience\s*[:：\-–]|exp\s*[:：\-–]",
    re.I,
)
_SAYS_TOTAL = re.compile(
    r"\btotal\b|\boverall\b|通算|総(?:経験|年数|計)|合計|总(?:共|计|经验|年限)|累计|整体", re.I
)
_BARE_TOTAL = re.compile(
    r"(?:years of experience|(?:years?|yrs?) of exp(?:erience)?|total experience|experience|"
    r"経験年数|工作年限|年资|工作经验)"
    r"\s*[:：]\s*"
    r"(\d{1,2}(?:\.\d)?)\s*\+?\s*$",
    re.I | re.M,
)
_YEARS_CONTEXT = re.compile(
    r"経験|経歴|年以上|年数|实务|工作|从业|开发|年资|经验|經驗|experience|exp\b|\+|must|minimum|"
    r"at least|"
    r"以上|years? in|years? of|years? with|years? on|years? working|over|more than|nearly|around|"
    r"about|approximately|almost|roughly|約|约|業界|キャリア|携わ|从事|career|industry|yoe\b|decade",
    re.I,
)
_SEGMENT = re.compile(r"[,，、;；|]|\s/\s|\s{2,}|\band\b|&")
_LIST_SEPARATOR = re.compile(r"[,，、;；|]|\s/\s|\s{2,}")  # not "routing & switching"
_TABLE_ROW = re.compile(r"[|│┃｜][^|│┃｜]+[|│┃｜]")  # cells between bars
_CELL_GAP = re.compile(r"\s*[|│┃｜]\s*")
_GAP_LEFT = re.compile(
    r"^[\s:：\-=()（）\[\]【】]*(?:経験|実務|開発|歴|约|約|开发|经验|工作|实务|:|：|\s)*$"
)
_GAP_RIGHT = re.compile(
    r"^[\s:：\-()（）]*(?:以上|超|程度|くらい|ほど)?\s*(?:の|的)?[\s\w.:'-]{0,28}$", re.I
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    years: float


# The items of a one-line profile ("28歳/React 3年・TypeScript 2年"): an age or a contract
# length in one item says nothing of the figure in the next.
_ITEM = re.compile(r"[/／|｜・、,，;；]|\s{2,}|\s(?=[^\s:：]{1,10}[:：])")  # "期間：長期 必須：…"


def _duration_around(line: str, start: int, end: int) -> bool:
    """The figure is a duration, an age or a date: said so in its item or in the line's label."""
    label = re.match(r"[^:：]{1,16}[:：]", line)
    if (
        label
        and _DURATION_LINE.search(label.group(0))
        and not _TOTAL_LABEL.search(line)
        and not any(
            label.end() <= h[0] < start for h in skill_hits(line)
        )  # "周期：6个月，Java 5年"
    ):
        return True
    left = ([0] + [m.end() for m in _ITEM.finditer(line, 0, start)])[-1]
    right = _ITEM.search(line, end)
    item = line[left : right.start() if right else len(line)]
    if _DURATION_ITEM.search(item) and not _TOTAL_LABEL.search(item):
        return True
    near = line[max(left, start - 24) : min(right.start() if right else len(line), end + 16)]
    return bool(_NOT_WORK.search(near)) and not _WORK.search(near)


# Years of living or studying somewhere ("8 years in Japan", "lived here 8 years", 在日歴10年,
# 留学3年) are not experience.
_NOT_WORK = re.compile(
    r"\bin (?:japan|the (?:us|usa|uk)|tokyo|china|india|canada)\b|\b(?:lived|living|resided|"
    r"residing|studied|studying)\b|\bat (?:university|college|school)\b|来日|在日|滞在|在住|"
    r"留学|在日本生活|学習歴|学习",
    re.I,
)
_WORK = re.compile(r"\bwork(?:ed|ing)?\b|experience|\bexp\b|経験|実務|开发|開発|工作|从事", re.I)


@lru_cache(maxsize=8192)
def _mentions(line: str) -> list[_Mention]:
    found = []
    for m in _YEARS.finditer(line):
        if _NOT_EXPERIENCE_AFTER.match(line, m.end()) or _duration_around(line, *m.span()):
            continue
        unit = m.group("unit").lower()
        number = _number(m.group("num"))
        if number is None or (m.group("num")[0] in _KANJI_DIGITS and not unit.startswith("年")):
            continue
        if unit.startswith("decade"):
            years = number * 10
        elif unit.startswith(("年", "y")):  # 年, year, yr, y, yoe
            years = number + (0.5 if unit == "年半" else 0) + int(m.group("months") or 0) / 12
        else:
            years = number / 12
        low = _RANGE_BEFORE.search(line, 0, m.start())  # "3-5 years": at least the lower one
        if low and unit.startswith(("年", "y")) and float(low.group(1)) < years:
            years = float(low.group(1))
        if 0 < years < 50:
            found.append(_Mention(m.start(), m.end(), round(years, 2)))
    return found


_RANGE_BEFORE = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:-|~|–|to|から|到|至)\s*$")


def _number(text: str) -> float | None:
    """A figure as written: 6, 1.5, 半 (a half), 十二 (12), eight."""
    if text == "半":
        return 0.5
    if text.lower() == "a":  # "a decade"
        return 1.0
    if text.lower() in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[text.lower()])
    if text[0] in _KANJI_DIGITS or text[0] == "十":
        tens, _, ones = text.partition("十")
        if "十" not in text:
            return float(_KANJI_DIGITS[text]) if len(text) == 1 else None
        if len(tens) > 1 or len(ones) > 1:
            return None
        return float(_KANJI_DIGITS.get(tens, 1) * 10 + _KANJI_DIGITS.get(ones, 0))
    return float(text)


def _attach(line: str, mention: _Mention, hits: list[Hit]) -> tuple[Hit, str] | None:
    """The skill a years figure belongs to, written just before it or just after it."""
    left = [h for h in hits if h[1] <= mention.start]
    right = [h for h in hits if h[0] >= mention.end]
    if left:
        gap = line[left[-1][1] : mention.start]
        if len(gap) <= 12 and _GAP_LEFT.match(gap):
            return _outer(line, left), "left"
        if _TABLE_ROW.search(line) and _CELL_GAP.fullmatch(gap):  # "│Python   │6年   │"
            return left[-1], "left"
        # "Terraformによるコード化（4年）", "AWS design/build experience (3 years or more)": a
        # figure in brackets annotates what the clause before it names.
        if (
            re.search(r"[(（]\s*$", line[: mention.start])
            and len(gap) <= 32
            and not _LIST_SEPARATOR.search(gap)
            and not _TOTAL_LABEL.search(gap)
        ):
            return _outer(line, left), "left"
    if right:
        gap = line[mention.end : right[0][0]]
        if len(gap) <= 30 and not _SEGMENT.search(gap) and _GAP_RIGHT.match(gap):
            return right[0], "right"
    if left:  # "Java、Spring Boot での開発経験3年以上": the nearest skill of the same clause
        gap = line[left[-1][1] : mention.start]
        if len(gap) <= 16 and not _SEGMENT.search(gap) and not _TOTAL_LABEL.search(gap):
            return _outer(line, left), "left"
    return None


def _outer(line: str, left: list[Hit]) -> Hit:
    """The skill a figure follows; for "PHP（Laravel）実務2年" the outer one, PHP (the bracket
    closed before the figure), but for "SQL Server（C# 5年以上）" the inner one, C#."""
    if len(left) > 1 and re.match(r"\s*[)）]", line[left[-1][1] :]):
        # "AWS（EC2/VPC/IAM）構築経験3年": the skill before the bracket the list sits in
        opened = max(line.rfind("(", 0, left[-1][0]), line.rfind("（", 0, left[-1][0]))
        before = [h for h in left if h[1] <= opened]
        inside = line[opened + 1 : left[-1][0]]
        if before and not line[before[-1][1] : opened].strip() and not re.search(r"[)）]", inside):
            return before[-1]
    return left[-1]


# Joined prose is read a sentence at a time: "contract" in one sentence says nothing of the
# "6 years on Python" in the next.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|(?<=[。！？])")


@dataclass(frozen=True)
class Years:
    per_skill: dict[str, float]
    total: float | None


def years_of_experience(text: str | Prepared, minimums: bool = False) -> Years:
    """Per-skill years and the total: a labelled figure, else unattached mentions, else skills.

    A skill named with years twice keeps its largest figure, the experience a person has; with
    `minimums` (a project's ask) the first, the requirement: "尚可：Java 5年以上" below
    "必須：Java 3年以上" is a wish, not the minimum."""
    keep = (lambda old, new: old) if minimums else max
    prepared = prepare(text)
    per_skill: dict[str, float] = {}
    labelled_total: list[float] = []
    loose_total: list[float] = []
    for line in (s for prose in prepared.prose_lines for s in _SENTENCE_END.split(prose)):
        mentions = _mentions(line)
        if not mentions and not _FIGURE_WITH_UNIT.search(line):  # "6 of those years on AWS"
            continue
        hits = skill_hits(line)
        for mention in mentions:
            label = _total_label(line, mention, hits) or bool(
                _OVERALL_AFTER.match(line, mention.end)
            )
            found = None if label else _attach(line, mention, hits)
            for name, years in _bracketed_years(line, mention, hits).items():
                per_skill[name] = keep(per_skill.get(name, years), years)
            if found is None:
                if label and _SAYS_TOTAL.search(
                    line[max(0, mention.start - 24) : mention.end + 24]
                ):
                    labelled_total.insert(0, mention.years)  # "Relevant: 6 yrs; total: 9 yrs"
                elif label:
                    labelled_total.append(mention.years)
                elif _YEARS_CONTEXT.search(line):
                    loose_total.append(mention.years)
                continue
            owner, side = found
            if _shared_by_a_list(line, hits, owner, side, mention):
                loose_total.append(mention.years)  # "React、TypeScript、Next.jsでの経験3年以上"
                continue
            per_skill[owner[2]] = keep(per_skill.get(owner[2], mention.years), mention.years)
        for name, years in _elliptical_shares(line, hits).items():
            per_skill.setdefault(name, years)
    tables = _table_of_years(prepared.lines) if _YEARS_HEADER.search(prepared.text) else {}
    for name, years in tables.items():
        per_skill.setdefault(name, years)
    if not labelled_total:  # "Years of experience: 11" with the unit left out
        bare = _BARE_TOTAL.search(prepared.prose_fields)
        labelled_total += [float(bare.group(1))] if bare else []
    total = labelled_total[0] if labelled_total else (max(loose_total) if loose_total else None)
    return Years(per_skill, total)


# "Total 10 years, of which React 4", "8+ yrs of C#; 5 in .NET", "12 years, of which 4 on AWS",
# "4 years of Databricks, 6 of Python and 9 of SQL": after a figure with its unit, a share of
# it (or a figure in the same unit) with the unit left out, tied to a skill by "of which",
# "in" or "of".
_SHARE_OF_WHICH = re.compile(r"\b(?:of which|of them|including)\s+$", re.I)
_SHARE_FIGURE_AFTER = re.compile(r"\s+(\d{1,2})(?:\s*\+)?(?![\d%万$]|[.,]\d)(?=\s*(?:[.;,)]|$))")
_SHARE_FIGURE_BEFORE = re.compile(
    r"(?:[;,]|\band|\bof which|\bincluding|^)\s*(\d{1,2})(?:\s*\+)?\s+"
    r"(?:of (?:those|these|them|which)\s+(?:years\s+)?)?(?:in|on|with|of)\s+$",
    re.I,
)
# "9 years in total / 6 of those years on AWS, 4 on Terraform": the unit may be a line above
_FIGURE_WITH_UNIT = re.compile(r"\d\s*\+?\s*(?:years?|yrs?)\b|\bof (?:those|these) years\b", re.I)


def _elliptical_shares(line: str, hits: list[Hit]) -> dict[str, float]:
    """Skills given a bare figure that shares the unit of a figure before it on the line."""
    shares: dict[str, float] = {}
    for start, end, name in hits:
        before = line[max(0, start - 24) : start]
        after = _SHARE_FIGURE_AFTER.match(line, end)
        if after and _SHARE_OF_WHICH.search(before):
            shares[name] = float(after.group(1))
            continue
        figure = _SHARE_FIGURE_BEFORE.search(before)
        if figure and 0 < float(figure.group(1)) < 50 and _FIGURE_WITH_UNIT.search(line[:start]):
            shares[name] = float(figure.group(1))
    return shares


# "12 years (C# 12, .NET 10, Azure 5)": a total, then each skill's share with the unit left out.
_BRACKET_AFTER = re.compile(r"\s*[(（]([^()（）]{3,80})[)）]")
_SHARE = re.compile(
    r"\s*(?:うち|内|其中|incl(?:\.|uding)?)?\s*[:：]?\s*(\d{1,2}(?:\.\d)?)\s*"
    r"(?:\+|年|years?|yrs?|y)?\s*",
    re.I,
)


def _bracketed_years(line: str, mention: _Mention, hits: list[Hit]) -> dict[str, float]:
    """Each "skill figure" item of the bracket right after a total, when every item is one."""
    bracket = _BRACKET_AFTER.match(line, mention.end)
    if bracket is None:
        return {}
    shares: dict[str, float] = {}
    start = bracket.start(1)
    for item in re.split(r"[,，、/;；]", bracket.group(1)):
        item_start = line.index(item, start)
        start = item_start + len(item)
        inside = [h for h in hits if item_start <= h[0] and h[1] <= start]
        share = _SHARE.fullmatch(line, inside[-1][1], start) if len(inside) == 1 else None
        if share is None or line[item_start : inside[0][0]].strip(" うち内其中"):
            return {}
        shares[inside[0][2]] = float(share.group(1))
    return shares


# A skills table whose years column holds bare figures: "Skill | Years" over "Python | 7", or
# an HTML table rendered a cell a line ("Skill", "Years", "", "Python", "7").
_YEARS_HEADER = re.compile(r"\b(?:years?|yrs)\b|年数|年限|経験|经验|experience", re.I)
_CELL = re.compile(r"\s*[|│┃｜\t]\s*|\s{2,}")
_BARE_FIGURE = re.compile(r"(\d{1,2}(?:\.\d)?)\s*\+?")


def _only_skill(cell: str, line: str) -> str | None:
    """The skill a cell holds and nothing else (read on its whole row, for Go's context)."""
    at = line.find(cell)
    hits = [h for h in skill_hits(line) if at <= h[0] and h[1] <= at + len(cell)]
    if len(hits) != 1 or line[at : hits[0][0]].strip() or line[hits[0][1] : at + len(cell)].strip():
        return None
    return hits[0][2]


def _table_of_years(lines: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    header, pending = False, None  # under a years header; a skill cell awaiting its figure
    for line in lines:
        cells = [c for c in _CELL.split(line.strip(" |│┃｜")) if c]
        if not cells:
            continue
        figure = _BARE_FIGURE.fullmatch(cells[-1])
        skill = _only_skill(cells[0], line) if header else None
        if len(cells) == 2 and skill and figure:
            found[skill] = float(figure.group(1))
        elif len(cells) == 1 and skill:
            pending = skill
            continue
        elif len(cells) == 1 and pending and figure:
            found[pending] = float(figure.group(1))
        elif len(line) <= 40 and _YEARS_HEADER.search(line) and not _mentions(line):
            header = True
        else:  # any other line ends the table
            header = header and bool(figure or skill)
        pending = None
    return found


# "(5+ years DevOps overall)", "通算10年": the figure is the total, whatever it sits next to.
_OVERALL_AFTER = re.compile(
    r"[^,;)）\n]{0,24}?\b(?:overall|in total|total)\b|\s*(?:通算|合計|累计|总计)", re.I
)


def _total_label(line: str, mention: _Mention, hits: list[Hit]) -> bool:
    """經験年数 / 工作年限 / total written just before the figure, in the same clause."""
    window_start = max(0, mention.start - 20)
    clause = _SEGMENT.split(line[window_start : mention.start])[-1]
    label = _TOTAL_LABEL.search(clause)
    if label is None:
        return False
    label_start = mention.start - len(clause) + label.start()
    label_end = mention.start - len(clause) + label.end()
    if any(h[1] <= label_start and _GAP_LEFT.match(line[h[1] : label_start]) for h in hits):
        return False  # "Python开发经验5年": the skill's own experience
    return not any(label_end <= h[0] < mention.start for h in hits)


_LIST_GAP = re.compile(
    r"[\s,，、/・&]*(?:and|or|及び|および|または|もしくは|や|和|与|或者|或|と)?[\s,，、/・]*", re.I
)


def _shared_by_a_list(line: str, hits: list[Hit], owner: Hit, side: str, mention: _Mention) -> bool:
    """A figure after a list ('React、TypeScript での経験3年') belongs to the whole list: the
    experience asked for overall. A figure in brackets right after one skill is that skill's."""
    index = hits.index(owner)
    if side == "left":
        gap = line[owner[1] : mention.start]
        own = re.fullmatch(r"[\s:：\-=]*\S?[\s:：\-=]*", gap) and gap.strip()  # "Python：6年"
        if index == 0 or re.search(r"[(（]", gap) or own:
            return False  # "Vue.js（2年）", "Python：6年": that skill's own figure
        neighbour = hits[index - 1]
        return bool(_LIST_GAP.fullmatch(line[neighbour[1] : owner[0]]))
    if index + 1 >= len(hits):
        return False
    neighbour = hits[index + 1]
    return bool(_LIST_GAP.fullmatch(line[owner[1] : neighbour[0]]))
