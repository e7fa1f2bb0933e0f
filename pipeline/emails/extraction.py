"""Profile fields from the text of a candidate or project mail, by rules, in ja / zh / en.

Text is NFKC-normalised first, so full-width digits, colons and tildes look like ASCII. Each
field has its own small function; the profile builders only assemble them. Fields that are
not stated stay None: a guess would mislead the matcher more than a gap does.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# --- skills --------------------------------------------------------------------------

# canonical name -> synonyms (matched case-insensitively at word boundaries)
SKILL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "JavaScript": ("javascript", "js", "ecmascript"),
    "TypeScript": ("typescript",),
    "Java": ("java",),
    "Python": ("python",),
    "Ruby": ("ruby",),
    "Ruby on Rails": ("ruby on rails", "rails", "ror"),
    "PHP": ("php",),
    "C#": ("c#", "c sharp"),
    "C++": ("c++", "cpp"),
    ".NET": (".net", "dotnet", "asp.net"),
    "VB.NET": ("vb.net",),
    "VBA": ("vba",),
    "Kotlin": ("kotlin",),
    "Swift": ("swift",),
    "Scala": ("scala",),
    "Rust": ("rust",),
    "COBOL": ("cobol",),
    "Perl": ("perl",),
    "React": ("react", "react.js", "reactjs"),
    "Vue.js": ("vue", "vue.js", "vuejs"),
    "Angular": ("angular", "angularjs"),
    "Node.js": ("node.js", "nodejs", "node"),
    "Next.js": ("next.js", "nextjs"),
    "Spring Boot": ("spring boot", "springboot", "spring"),
    "Django": ("django",),
    "Flask": ("flask",),
    "FastAPI": ("fastapi",),
    "Laravel": ("laravel",),
    "AWS": ("aws", "amazon web services"),
    "Azure": ("azure",),
    "GCP": ("gcp", "google cloud"),
    "Docker": ("docker",),
    "Kubernetes": ("kubernetes", "k8s"),
    "Terraform": ("terraform",),
    "Linux": ("linux",),
    "PostgreSQL": ("postgresql", "postgres", "psql"),
    "MySQL": ("mysql",),
    "Oracle": ("oracle", "oracle db"),
    "SQL Server": ("sql server", "mssql"),
    "MongoDB": ("mongodb", "mongo"),
    "Redis": ("redis",),
    "SQL": ("sql",),
    "Salesforce": ("salesforce",),
    "SAP": ("sap",),
    "iOS": ("ios",),
    "Android": ("android",),
    "Flutter": ("flutter",),
    "Spark": ("spark", "pyspark"),
    "Kafka": ("kafka",),
    "TensorFlow": ("tensorflow",),
    "PyTorch": ("pytorch",),
    "Machine Learning": ("machine learning", "機械学習", "机器学习"),
    "Git": ("git", "github", "gitlab"),
    "Jenkins": ("jenkins",),
    "Go": ("golang", "go言語", "go语言"),
    "Airflow": ("airflow", "apache airflow"),
    "dbt": ("dbt",),
    "gRPC": ("grpc",),
    "Selenium": ("selenium",),
    "Microservices": ("microservices", "マイクロサービス", "微服务"),
    "C": ("c言語", "c语言"),
    "R": ("r言語", "r语言"),
    "要件定義": ("要件定義", "需求分析"),
    "基本設計": ("基本設計", "概要设计"),
    "詳細設計": ("詳細設計", "详细设计"),
}

# Go, C and R are also ordinary words and letters: accept the bare form only, case-sensitive,
# on a line that reads like a skill list (a label or list separators), never before a word.
_AMBIGUOUS = {
    "Go": re.compile(r"(?<![A-Za-z0-9.])Go(?![A-Za-z0-9#+]|\s+(?:to|live|ahead|back|for)\b)"),
    "C": re.compile(r"(?<![A-Za-z0-9.#+/-])C(?![A-Za-z0-9#+&]|\s*[-/]\s*[A-Za-z]{2,})"),
    "R": re.compile(r"(?<![A-Za-z0-9.&])R(?![A-Za-z0-9&#+]|\s+&)"),
}
_SKILL_LINE = re.compile(
    r"スキル|技術|言語|環境|経験|技能|技术|语言|要求|skills?|stack|tech|languages?|"
    r"required|must|nice|[/、,・|]",
    re.IGNORECASE,
)


def _synonym_pattern() -> re.Pattern[str]:
    alternatives = sorted(
        ((syn, name) for name, syns in SKILL_SYNONYMS.items() for syn in syns),
        key=lambda pair: -len(pair[0]),
    )
    body = "|".join(re.escape(syn) for syn, _ in alternatives)
    return re.compile(rf"(?<![A-Za-z0-9+#.])(?:{body})(?![A-Za-z0-9+#]|\.(?:js|net)\b)", re.I)


_SKILL_PATTERN = _synonym_pattern()
_CANONICAL = {syn.lower(): name for name, syns in SKILL_SYNONYMS.items() for syn in syns}


def normalise(text: str) -> str:
    """NFKC (full-width to ASCII), with wave dashes unified to '~' for ranges."""
    return unicodedata.normalize("NFKC", text).replace("〜", "~").replace("～", "~")


_BRACKET_LABEL = re.compile(
    r"^(\s*)(?:【\s*([^】\n]{1,12}?)\s*】|[■◆●・]\s*([^:：\n]{1,12}?)\s*[:：])"
)


def fields_form(text: str) -> str:
    """Normalised text with SES-style labels (【単価】, ■勤務地：) rewritten as 'label: '."""
    lines = []
    for line in normalise(text).splitlines():
        lines.append(
            _BRACKET_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2) or m.group(3)}: ", line)
        )
    return "\n".join(lines)


def extract_skills(text: str) -> list[str]:
    """Canonical skill names in order of first mention, synonyms merged."""
    found: list[str] = []
    for line in normalise(text).splitlines():
        hits: list[tuple[int, str]] = [
            (m.start(), _CANONICAL[m.group(0).lower()]) for m in _SKILL_PATTERN.finditer(line)
        ]
        if _SKILL_LINE.search(line):
            for name, pattern in _AMBIGUOUS.items():
                hits.extend((m.start(), name) for m in pattern.finditer(line))
        for _, name in sorted(hits):
            if name not in found:
                found.append(name)
    return found


_PREFERRED = re.compile(
    r"尚可|歓迎|あれば尚|あると(?:尚|望)|優遇|加分|优先|"
    r"nice[- ]to[- ]have|preferred|\bplus\b|bonus",
    re.I,
)
_REQUIRED = re.compile(r"必須|必要|要求|要件|任职|必备|must|required|mandatory|requirements?", re.I)
_HEADING = re.compile(r"^\s*(?:【|■|◆|●|\[|<|#)")


def split_skills(text: str) -> tuple[list[str], list[str]]:
    """(required, preferred) skills: lines under 尚可/歓迎/优先/nice to have are preferred."""
    required: list[str] = []
    preferred: list[str] = []
    mode = "required"
    for line in normalise(text).splitlines():
        if _PREFERRED.search(line):
            mode = "preferred"
        elif _REQUIRED.search(line) or _HEADING.match(line) or not line.strip():
            mode = "required"
        target = preferred if mode == "preferred" else required
        target.extend(s for s in extract_skills(line) if s not in target)
    return required, [s for s in preferred if s not in required]


# --- money ---------------------------------------------------------------------------

HOURS_PER_MONTH = 160
DAYS_PER_MONTH = 20
_PERIOD_FACTOR = {"hour": HOURS_PER_MONTH, "day": DAYS_PER_MONTH, "month": 1, "year": 1 / 12}


@dataclass(frozen=True)
class Money:
    """A rate or budget as written, and its monthly equivalent in the same currency."""

    minimum: float | None
    maximum: float | None
    currency: str
    period: str

    @property
    def monthly_min(self) -> float | None:
        return _monthly(self.minimum, self.period)

    @property
    def monthly_max(self) -> float | None:
        return _monthly(self.maximum, self.period)


def _monthly(amount: float | None, period: str) -> float | None:
    return None if amount is None else round(amount * _PERIOD_FACTOR[period], 2)


_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_RANGE = r"\s*(?:~|-|–|—|から|到|至|to)\s*"
_JPY = re.compile(
    rf"{_NUM}\s*(万円|万|円)?(?:{_RANGE}{_NUM}\s*(万円|万|円)?)?\s*(?:/\s*(月|h|時間|日))?"
)
_CNY = re.compile(
    rf"{_NUM}\s*(万|k|K|千)?(?:{_RANGE}{_NUM}\s*(万|k|K|千)?)?\s*(元|RMB|人民币)?"
    r"\s*(?:/|每)?\s*(人月|月|人天|天|日|小时|时|年)?"
)
_USD = re.compile(
    rf"(?:\$|USD\s*)\s*{_NUM}\s*(k|K)?(?:{_RANGE}\$?\s*{_NUM}\s*(k|K)?)?\s*(?:USD)?\s*"
    r"(?:/|per|an|a)?\s*(hr|hour|h|day|month|mo|year|yr|annum)?",
    re.I,
)
_RATE_LABEL = re.compile(
    r"単価|予算|報酬|金額|月額|時給|精算|单价|预算|薪资|薪酬|月薪|年薪|期望|费用|报价|"
    r"rate|budget|salary|pay|"
    r"compensation|\$",
    re.I,
)
_NEGOTIABLE = re.compile(r"スキル見合い|応相談|面議|面议|negotiable|DOE", re.I)


_MONEY_LABEL_PREFIX = r"^.*?(?:単価|予算|预算|单价|薪资|月薪|报价|rate|budget)\s*[:：]?"


def _to_float(text: str | None) -> float | None:
    return None if text is None else float(text.replace(",", ""))


def _money_fields(money: Money | None, prefix: str) -> dict[str, Any]:
    """A profile's six money columns (`<prefix>_min` … `monthly_<prefix>_max`), None if absent."""
    return {
        f"{prefix}_min": money.minimum if money else None,
        f"{prefix}_max": money.maximum if money else None,
        f"{prefix}_currency": money.currency if money else None,
        f"{prefix}_period": money.period if money else None,
        f"monthly_{prefix}_min": money.monthly_min if money else None,
        f"monthly_{prefix}_max": money.monthly_max if money else None,
    }


def parse_money(text: str, language: str | None) -> Money | None:
    """The first rate/budget on a rate-labelled line, normalised to currency and period."""
    text = normalise(text)
    lines = [line for line in text.splitlines() if _RATE_LABEL.search(line)]
    for line in lines:
        line = re.sub(_MONEY_LABEL_PREFIX, "", line, count=1, flags=re.I)
        money = _parse_money_line(line, language)
        if money is not None:
            return money
    return None


def _parse_money_line(line: str, language: str | None) -> Money | None:
    if "$" in line or "USD" in line.upper():
        return _usd(line)
    if language == "zh" or re.search(r"元|RMB|人民币|人月|人天", line):
        return _cny(line)
    return _jpy(line)


def _jpy(line: str) -> Money | None:
    for m in _JPY.finditer(line):
        low, unit_low, high, unit_high, per = m.groups()
        units = [u for u in (unit_low, unit_high) if u]
        if not units:
            continue
        multiplier = 10_000 if any(u.startswith("万") for u in units) else 1
        period = {"h": "hour", "時間": "hour", "日": "day"}.get(per or "", "month")
        if "時給" in line:
            period = "hour"
        lo = _to_float(low) * multiplier
        hi = _to_float(high) * multiplier if high else None
        return _ordered(lo, hi, "JPY", period)
    return None


_CNY_PERIODS = {"人天": "day", "天": "day", "日": "day", "小时": "hour", "时": "hour", "年": "year"}
_USD_PERIODS = {"hr": "hour", "hour": "hour", "h": "hour", "day": "day", "month": "month",
                "mo": "month", "year": "year", "yr": "year", "annum": "year"}  # fmt: skip


def _cny(line: str) -> Money | None:
    factors = {"万": 10_000, "k": 1_000, "K": 1_000, "千": 1_000}
    for m in _CNY.finditer(line):
        low, unit_low, high, unit_high, currency, per = m.groups()
        if not (unit_low or unit_high or currency):  # "10年" is experience, not money
            continue
        unit = unit_high or unit_low
        lo = _to_float(low) * factors.get(unit_low or unit or "", 1)
        hi = _to_float(high) * factors.get(unit or "", 1) if high else None
        default = "year" if "年薪" in line else "month"
        return _ordered(lo, hi, "CNY", _CNY_PERIODS.get(per or "", default))
    return None


def _usd(line: str) -> Money | None:
    m = _USD.search(line)
    if m is None:
        return None
    low, k_low, high, k_high, per = m.groups()
    lo = _to_float(low) * (1000 if (k_low or k_high) else 1)
    hi = _to_float(high) * (1000 if k_high else 1) if high else None
    period = _USD_PERIODS.get((per or "").lower())
    if period is None:  # unstated: an hourly figure is small, a salary large
        period = "hour" if lo < 500 else ("month" if lo < 20_000 else "year")
    return _ordered(lo, hi, "USD", period)


def _ordered(lo: float, hi: float | None, currency: str, period: str) -> Money:
    if hi is not None and hi < lo:
        lo, hi = hi, lo
    return Money(lo, hi if hi is not None else lo, currency, period)


# --- other fields --------------------------------------------------------------------


def _labelled(text: str, labels: str) -> str | None:
    match = re.search(rf"(?:{labels})[ \t]*[:：][ \t]*([^\n]+)", text, re.I)
    if match is None:
        return None
    value = match.group(1).strip(" \t・-")
    return value[:120] or None


def experience_years(text: str) -> float | None:
    """Years of experience: a labelled figure first, else the largest 'N years' mention."""
    text = fields_form(text)
    labelled = re.search(
        r"(?:経験年数|実務経験|開発経験|工作年限|工作经验|从业年限|experience)\s*[:：]?\s*"
        r"(\d+(?:\.\d+)?)\s*\+?\s*(?:年|years?|yrs?)",
        text,
        re.I,
    )
    if labelled:
        return float(labelled.group(1))
    found = re.findall(
        r"(\d+(?:\.\d+)?)\s*\+?\s*(?:年以上|年の(?:実務)?経験|年(?:以上)?(?:的)?(?:\S{0,6})?经验|"
        r"\+?\s*(?:years?|yrs?)(?:'s)?\s*(?:of\s*)?(?:[\w./#+-]+\s*){0,3}?(?:experience|exp)\b)",
        text,
        re.I,
    )
    values = [float(v) for v in found if float(v) < 50]
    return max(values) if values else None


_LOCATION_LABELS = (
    r"勤務地|作業場所|就業場所|勤務場所|場所|居住地|現住所|住所|工作地点|驻场地点|地点|所在城市|"
    r"现居|location|work location|based in"
)


def location(text: str) -> str | None:
    value = _labelled(fields_form(text), _LOCATION_LABELS)
    return re.split(r"\s*[（(]|\s{2,}", value)[0] if value else None


def nearest_station(text: str) -> str | None:
    return _labelled(fields_form(text), r"最寄(?:り)?駅|最寄")


_REMOTE_FULL = re.compile(
    r"フルリモート|完全リモート|フル在宅|完全在宅|リモート\s*(?:100%|のみ)|"
    r"(?:100%|fully|full)\s*remote|remote\s*only|全远程|完全远程|远程办公|纯远程",
    re.I,
)
_REMOTE_PARTIAL = re.compile(
    r"リモート併用|一部リモート|リモート可|週\s*\d\s*日\s*(?:リモート|出社|在宅)|ハイブリッド|"
    r"hybrid|remote\s*\d\s*days|部分远程|混合办公|可远程",
    re.I,
)
_REMOTE_NONE = re.compile(
    r"リモート\s*(?:不可|なし|無し|NG)|フル出社|完全出社|常駐|出社のみ|"
    r"on-?site(?:\s*only)?|no\s*remote|驻场|现场办公|不可远程",
    re.I,
)


def remote(text: str) -> str | None:
    """full / partial / none, or None when the mail does not say."""
    text = normalise(text)
    for value, pattern in (("full", _REMOTE_FULL), ("partial", _REMOTE_PARTIAL)):
        if pattern.search(text):
            return value
    if _REMOTE_NONE.search(text):
        return "none"
    if re.search(r"\bremote\b|远程", text, re.I):
        return "full"
    if "リモート" in text:
        return "partial"
    return None


_START_LABELS = (
    r"開始時期|開始日|開始|稼働(?:可能)?(?:日|時期)?|稼働開始|参画(?:可能)?(?:日|時期)|入場|期間|"
    r"到岗(?:时间|日期)?|入职(?:时间)?|开始时间|start(?:\s*date)?|availability|available(?:\s*from)?"
)
_START_IN_SENTENCE = re.compile(
    r"(?:available|start(?:ing)?)\s+(?:from|on|in)\s+([^.\n]{2,30})|"
    r"([^\s、,。]{1,12})(?:から|より)稼働|可于?([^\s,，。]{1,10})到岗",
    re.I,
)
_IMMEDIATE = re.compile(r"即日|即時|即稼働|asap|immediate|immediately|随时|立即|即可", re.I)
_NEXT_MONTH = re.compile(r"来月|翌月|下个?月|next month", re.I)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})


def start_date(text: str, reference: date) -> date | None:
    """Start or availability date; relative phrases resolved against `reference`."""
    text = fields_form(text)
    value = _labelled(text, _START_LABELS)
    if value is None:  # "available from December 1", "2月から稼働", "可于2月到岗"
        match = _START_IN_SENTENCE.search(text)
        value = next((g for g in match.groups() if g), None) if match else None
    return parse_date(value, reference) if value else None


def parse_date(value: str, reference: date) -> date | None:
    if _IMMEDIATE.search(value):
        return reference
    if _NEXT_MONTH.search(value):
        return _first_of_next_month(reference)
    full = re.search(r"(20\d{2})\s*[年/.-]\s*(\d{1,2})(?:\s*[月/.-]\s*(\d{1,2}))?", value)
    if full:
        return _safe_date(int(full.group(1)), int(full.group(2)), int(full.group(3) or 1))
    us = re.search(r"\b(\d{1,2})/(\d{1,2})/(20\d{2})\b", value)
    if us:
        return _safe_date(int(us.group(3)), int(us.group(1)), int(us.group(2)))
    month_day = re.search(r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(上旬|初|中旬|下旬|末))?", value)
    if month_day:
        part = {"中旬": 11, "下旬": 21, "末": 25}.get(month_day.group(3) or "", 1)
        day = int(month_day.group(2) or part)
        return _upcoming(int(month_day.group(1)), day, reference)
    english = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})?(?:,?\s*(20\d{2}))?", value)
    if english and english.group(1).lower() in _MONTHS:
        month = _MONTHS[english.group(1).lower()]
        day = int(english.group(2) or 1)
        if english.group(3):
            return _safe_date(int(english.group(3)), month, day)
        return _upcoming(month, day, reference)
    return None


def _upcoming(month: int, day: int, reference: date) -> date | None:
    # A month without a year is the next one of that name (mail talks about the near future).
    year = reference.year if month >= reference.month else reference.year + 1
    return _safe_date(year, month, day)


def _first_of_next_month(reference: date) -> date:
    return date(reference.year + reference.month // 12, reference.month % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_LANGUAGES = {
    "ja": r"日本語|japanese|日语|日文|JLPT",
    "en": r"英語|english|英语|英文|TOEIC|TOEFL",
    "zh": r"中国語|chinese|mandarin|中文|普通话|汉语",
    "ko": r"韓国語|korean|韩语",
}


def languages(text: str) -> list[str]:
    text = normalise(text)
    return [code for code, pattern in _LANGUAGES.items() if re.search(pattern, text, re.I)]


def japanese_level(text: str) -> str | None:
    text = normalise(text)
    jlpt = re.search(r"(?:JLPT\s*)?(?<![A-Za-z0-9])N([1-5])(?![0-9])", text)
    if jlpt:
        return f"N{jlpt.group(1)}"
    for level, pattern in (
        ("native", r"ネイティブ|母国語|native|母语"),
        ("business", r"ビジネス(?:レベル)?|business\s*(?:level\s*)?japanese|商务日语"),
        ("conversational", r"日常会話|conversational|日常会话"),
    ):
        if re.search(pattern, text, re.I):
            return level
    return None


_NATIONALITIES = (
    "日本|中国|韓国|台湾|ベトナム|インド|フィリピン|ミャンマー|ネパール|"
    "China|Japan|India|Vietnam|Korea|USA?|American|Chinese|Japanese|Indian"
)


def nationality(text: str) -> str | None:
    text = fields_form(text)
    value = _labelled(text, r"国籍|nationality|citizenship")
    if value:
        return re.split(r"[\s、,/(（]", value)[0]
    match = re.search(rf"({_NATIONALITIES})\s*(?:国)?籍", text)
    return match.group(1) if match else None


def visa(text: str) -> str | None:
    match = re.search(r"\b(US ?Citizen|USC|Green Card|GC(?:-EAD)?|H-?1B|OPT|CPT|EAD|TN)\b", text)
    return match.group(1) if match else None


def foreign_nationals_ok(text: str) -> bool | None:
    """False for 外国籍不可 / citizens only, True for 外国籍可, None when not stated."""
    text = fields_form(text)
    if re.search(
        r"外国籍\s*[:：]?\s*(?:不可|NG|×|お断り)|外国籍(?:の方)?は?不可|日本国籍(?:のみ|限定)|"
        r"不接受外籍|仅限中国籍|citizens?\s*only|USC\s*(?:/\s*GC\s*)?only|no\s*(?:visa\s*)?sponsorship",
        text,
        re.I,
    ):
        return False
    if re.search(
        r"外国籍\s*[:：]?\s*(?:可|OK|相談可|歓迎)|外国籍(?:の方)?も?(?:可|歓迎)|接受外籍|外籍可|"
        r"all\s*visas?|any\s*visa|visa\s*sponsorship\s*available",
        text,
        re.I,
    ):
        return True
    return None


_OWN_STAFF_ONLY = (
    r"貴社\s*(?:社員|所属|プロパー|正社員)?\s*(?:まで|迄|のみ|限定)|再委託不可|一社先不可"
)


def max_commercial_depth(text: str) -> int | None:
    """商流制限 as the number of companies allowed below the sender (貴社社員まで = 1)."""
    text = fields_form(text)
    if re.search(r"商流\s*[:：]?\s*(?:制限)?\s*(?:なし|無し|不問)", text):
        return None
    hops = re.search(r"(\d|一|二|三)\s*社先\s*(?:まで|迄)", text)
    if hops:
        count = {"一": 1, "二": 2, "三": 3}.get(hops.group(1)) or int(hops.group(1))
        return count + 1
    if re.search(_OWN_STAFF_ONLY, text):
        return 1
    if re.search(r"貴社\s*BP\s*(?:まで|迄)", text):
        return 2
    return None


def interview_count(text: str) -> int | None:
    text = fields_form(text)
    match = re.search(
        r"面談\s*(?:回数)?\s*[:：]?\s*(\d)\s*回|(\d)\s*回面談|面试\s*[:：]?\s*(\d)\s*轮|(\d)\s*轮面试|"
        r"(\d)\s*rounds?\s*(?:of\s*)?interviews?|interviews?\s*[:：]\s*(\d)",
        text,
        re.I,
    )
    if match is None:
        return None
    return int(next(g for g in match.groups() if g))


def age(text: str) -> int | None:
    text = fields_form(text)
    match = re.search(
        r"年齢\s*[:：]\s*(\d{2})|(\d{2})\s*歳|年龄\s*[:：]?\s*(\d{2})|(\d{2})\s*岁|\bage\s*[:：]?\s*(\d{2})\b",
        text,
        re.I,
    )
    if match is None:
        return None
    value = int(next(g for g in match.groups() if g))
    return value if 15 <= value <= 100 else None


def person_name(text: str) -> str | None:
    value = _labelled(
        fields_form(text), r"氏名|名前|イニシャル|姓名|候选人|name|consultant(?: name)?|candidate"
    )
    return re.split(r"\s*[（(/、,]", value)[0] if value else None


_EMPLOYMENT = {
    "正社員": r"正社員|弊社社員|プロパー",
    "契約社員": r"契約社員",
    "個人事業主": r"個人事業主|フリーランス|freelance",
    "派遣": r"派遣",
    "C2C": r"\bC2C\b|corp[- ]to[- ]corp",
    "W2": r"\bW-?2\b",
    "1099": r"\b1099\b",
    "全职": r"全职",
}


def employment_type(text: str) -> str | None:
    text = normalise(text)
    for name, pattern in _EMPLOYMENT.items():
        if re.search(pattern, text, re.I):
            return name
    return None


def settlement_range(text: str) -> str | None:
    match = re.search(
        r"精算(?:幅)?\s*[:：]?\s*(\d{2,3})\s*(?:h|H|時間)?\s*[~-]\s*(\d{2,3})\s*(?:h|H|時間)?",
        fields_form(text),
    )
    return f"{match.group(1)}-{match.group(2)}h" if match else None


_TITLE_LABELS = r"案件名|件名|案件|项目名称|岗位名称|岗位|职位|position|role|title|job title"


def title(text: str, fallback: str) -> str:
    text = normalise(text)
    heading = re.search(r"^\s*【\s*案件名?\s*[\d①-⑳]*\s*】\s*(.+)$", text, re.M)
    if heading and heading.group(1).strip():
        return heading.group(1).strip()[:200]
    value = _labelled(fields_form(text), _TITLE_LABELS)
    return (value or fallback.strip() or "untitled")[:200]


# --- blocks and profiles -------------------------------------------------------------

_BLOCK_HEADING = re.compile(
    r"^\s*(?:【\s*案件(?:名)?\s*[①-⑳\d]*\s*】|■\s*案件\s*[①-⑳\d]+|"
    r"(?:Position|Requirement|Role)\s*#?\s*\d+\s*[:：]|(?:岗位|项目|职位)\s*[一二三四五六七八九十\d]+\s*[：:、.])",
    re.M | re.I,
)


def split_project_blocks(text: str) -> list[str]:
    """One text per project: split at 【案件名】-style headings, else the whole mail."""
    text = normalise(text)
    starts = [m.start() for m in _BLOCK_HEADING.finditer(text)]
    if len(starts) < 2:
        return [text]
    ends = [*starts[1:], len(text)]
    return [text[s:e].strip() for s, e in zip(starts, ends, strict=True)]


@dataclass
class ProjectProfile:
    block_index: int
    title: str
    required_skills: list[str]
    preferred_skills: list[str]
    min_experience_years: float | None
    budget_min: float | None
    budget_max: float | None
    budget_currency: str | None
    budget_period: str | None
    monthly_budget_min: float | None
    monthly_budget_max: float | None
    settlement_range: str | None
    location: str | None
    remote: str | None
    start_date: date | None
    languages: list[str]
    japanese_level: str | None
    foreign_nationals_ok: bool | None
    max_commercial_depth: int | None
    interview_count: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CandidateProfile:
    block_index: int
    name: str | None
    skills: list[str]
    experience_years: float | None
    rate_min: float | None
    rate_max: float | None
    rate_currency: str | None
    rate_period: str | None
    monthly_rate_min: float | None
    monthly_rate_max: float | None
    location: str | None
    nearest_station: str | None
    remote: str | None
    available_from: date | None
    languages: list[str]
    japanese_level: str | None
    nationality: str | None
    employment_type: str | None
    age: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _summary(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines)[:400]


def extract_projects(
    subject: str, text: str, language: str | None, reference: date
) -> list[ProjectProfile]:
    """One profile per project block of the mail."""
    blocks = split_project_blocks(text)
    profiles = [_project(block, i, subject, language, reference) for i, block in enumerate(blocks)]
    if len(blocks) > 1:  # each block's own heading line names it better than the subject
        for profile, block in zip(profiles, blocks, strict=True):
            if profile.title == subject.strip():
                profile.title = _BLOCK_HEADING.sub("", block.splitlines()[0]).strip()[:200]
    return profiles


def _project(
    block: str, index: int, subject: str, language: str | None, reference: date
) -> ProjectProfile:
    required, preferred = split_skills(block)
    money = parse_money(block, language)
    return ProjectProfile(
        block_index=index,
        title=title(block, subject),
        required_skills=required,
        preferred_skills=preferred,
        min_experience_years=experience_years(block),
        **_money_fields(money, "budget"),
        settlement_range=settlement_range(block),
        location=location(block),
        remote=remote(block),
        start_date=start_date(block, reference),
        languages=languages(block),
        japanese_level=japanese_level(block),
        foreign_nationals_ok=foreign_nationals_ok(block),
        max_commercial_depth=max_commercial_depth(block),
        interview_count=interview_count(block),
        summary=_summary(block),
        extracted={
            "visa": visa(block),
            "employment_type": employment_type(block),
            "negotiable": bool(_NEGOTIABLE.search(block)),
        },
    )


def extract_candidate(
    subject: str, text: str, language: str | None, reference: date
) -> CandidateProfile:
    text = normalise(text)
    money = parse_money(text, language)
    return CandidateProfile(
        block_index=0,
        name=person_name(text),
        skills=extract_skills(text),
        experience_years=experience_years(text),
        **_money_fields(money, "rate"),
        location=location(text),
        nearest_station=nearest_station(text),
        remote=remote(text),
        available_from=start_date(text, reference),
        languages=languages(text),
        japanese_level=japanese_level(text),
        nationality=nationality(text),
        employment_type=employment_type(text),
        age=age(text),
        summary=_summary(f"{subject}\n{text}"),
        extracted={"visa": visa(text), "negotiable": bool(_NEGOTIABLE.search(text))},
    )
