"""Rates and budgets as people write them, with the currency of the unit written.

"50万円～" is a lower bound (maximum None), "～65万" an upper one (minimum None), "60-70万円" a
range and "65万円" one figure (minimum = maximum). The currency comes from the unit on the line
(円 / 万円 / 日元 / JPY, 元 / 人民币 / RMB, $ / USD), then from a unit elsewhere in the mail, and
only as a last resort from the mail's language; the period from what is written (月 / 人月 /
month, 時給 / hr / hour, 日 / 人天 / day, 年 / 年薪 / year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.emails.extraction.text import Prepared, prepare

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


def money_fields(money: Money | None, prefix: str) -> dict[str, Any]:
    """A profile's six money columns (`<prefix>_min` … `monthly_<prefix>_max`), None if absent."""
    return {
        f"{prefix}_min": money.minimum if money else None,
        f"{prefix}_max": money.maximum if money else None,
        f"{prefix}_currency": money.currency if money else None,
        f"{prefix}_period": money.period if money else None,
        f"monthly_{prefix}_min": money.monthly_min if money else None,
        f"monthly_{prefix}_max": money.monthly_max if money else None,
    }


_PREFIX = r"(?P<pre>US\$|\$|USD|JPY|CNY|RMB|¥|￥|人民币)"
_AMOUNT = (  # "2.5W" is 2.5万 in Chinese mail
    r"(?P<num{n}>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*"
    r"(?P<mult{n}>万|千|[kK](?![a-z])|[mM](?=\b|/)|[wW](?=\s*(?:/|元|每|以|起|左右|$|[-~])))?"
)
_UNIT = (
    r"(?P<unit{n}>万日元|万日円|万日圆|万円|日元|日圆|日币|円|yen|JPY|美元|美金|人民元|元|人民币|RMB|CNY|"
    r"USD|dollars?|ドル|\$)?"
)
_RANGE = r"\s*(?:~|-|–|—|〜|から|到|至|to|ー)\s*"
_PERIOD = (
    r"(?:\s*(?:/|／|per|an|a|每|\bp\.?)?\s*"
    r"(?P<per>人月|月額|ヶ月|か月|月|month|mo|monthly|人天|人日|天|日|day|daily|"
    r"小时|時間|时|hr|hour|hourly|h(?![a-z])|年|year|yr|annum|annual|annually|pa)"
    r"(?![a-z本文语語齢龄収收])"  # not 日本語 / 年齢 / 年収 after "45万円 / "
    r")?"
)
_MONEY = re.compile(
    rf"{_PREFIX}?\s*{_AMOUNT.format(n=1)}\s*{_UNIT.format(n=1)}"
    rf"(?:{_RANGE}(?:US\$|\$|¥|￥)?\s*{_AMOUNT.format(n=2)}\s*{_UNIT.format(n=2)})?"
    rf"{_PERIOD}",
    re.I,
)
_LABEL = re.compile(
    r"単価|希望単価|予算|報酬|金額|月額|時給|日給|精算額|想定|上限|单价|预算|預算|薪资|薪資|薪酬|薪水|月薪|時薪|"
    r"日薪|时薪|日单价|"
    # (an English label as a word: not the "rate" of "MicroStrategy" or "integrate")
    r"年薪|期望|费用|报价|价格|待遇|(?<![A-Za-z])(?:rate|budget|salary|pay|compensation|expected|ctc|"
    r"billing|bill rate)",
    re.I,
)
# Lines whose figures are not a rate: company facts, settlement hours, headcounts, dates.
_NOT_RATE = re.compile(
    # (a head count: "120 employees", not "own employees only" in a one-line posting)
    r"資本金|资本金|売上|従業員|注册资本|capital|revenue|\d[\d,]*\+?\s*employees|employees\s*[:：]\s*\d|"
    r"設立|成立",
    re.I,
)
# Shift_JIS and ISO-2022-JP write the yen sign with the byte of the backslash, which decodes
# as one: "単価：\600,000～\700,000／月" is yen.
_BACKSLASH_YEN = re.compile(r"\\(?=\s*\d)")
_NEGOTIABLE = re.compile(
    r"スキル見合い|応相談|面議|面议|可议|negotiable|\bDOE\b|TBD|"
    # "Rate: open", "単価：ご相談", "薪资：面谈" (after a money label only: 面談 is an interview)
    r"(?:rate|budget|単価|予算|单价|薪资|薪資|预算|預算|报价)\s*[:：]\s*"
    r"(?:open\b|ご相談|相談|面谈|协商|協商|可谈|to be discussed)",
    re.I,
)
_OPEN_LOW = re.compile(r"^\s*(?:~|〜|から|以上|起|\+|or more|and up|以上可|up)")
_OPEN_HIGH_BEFORE = re.compile(
    r"(?:~|〜|上限|最大|max(?:imum)?|up to|最高|以内|under|not to exceed|cap(?:ped at)?|below|"
    r"(?:no|not) more than|less than|不超过|不超過|不高于|最多)"
    r"\s*(?:[:：]|は|额|額)?\s*$",
    re.I,
)
_OPEN_HIGH_AFTER = re.compile(
    r"^\s*(?:(?:on\s+)?(?:c2c|w-?2|1099|corp[- ]to[- ]corp)\s+)?"  # "$65/hr C2C max"
    r"(?:まで|以下|以内|迄|max\b|上限|or (?:less|below|under)|封顶)",
    re.I,
)
_JPY_UNITS = {
    "万日元",
    "万日円",
    "万日圆",
    "万円",
    "日元",
    "日圆",
    "日币",
    "円",
    "yen",
    "jpy",
    "¥",
    "￥",
}
_CNY_UNITS = {"元", "人民币", "人民元", "rmb", "cny"}
_USD_UNITS = {"usd", "dollar", "dollars", "$", "us$", "美元", "美金", "ドル"}
_PERIODS = {
    "人月": "month", "月額": "month", "ヶ月": "month", "か月": "month", "月": "month",
    "month": "month", "mo": "month", "monthly": "month",
    "人天": "day", "人日": "day", "天": "day", "日": "day", "day": "day", "daily": "day",
    "小时": "hour", "時間": "hour", "时": "hour", "hr": "hour", "hour": "hour",
    "hourly": "hour", "h": "hour",
    "年": "year", "year": "year", "yr": "year", "annum": "year", "annual": "year",
    "annually": "year", "pa": "year",
}  # fmt: skip
_LABEL_PERIODS = (
    (re.compile(r"時給|hourly|per hour|/\s*h(?:ou)?r|[时時]薪|每小[时時]", re.I), "hour"),
    (re.compile(r"日給|日額|日当|daily|per day|日薪|day rate|per diem|人天|日单价", re.I), "day"),
    (re.compile(r"年収|年俸|年薪|annual|per year|salary|/\s*y(?:ea)?r", re.I), "year"),
    (re.compile(r"月額|月単価|月薪|人月|monthly|per month", re.I), "month"),
)
_FOREIGN = re.compile(
    # (S$, A$, C$ alone: "US$85/hr" is dollars)
    r"港[币幣元]|HKD|HK\$|新?台[币幣]|NTD|TWD|NT\$|SGD|(?<![A-Za-z])S\$|EUR|€|£|GBP|INR|₹|\bLPA\b|"
    r"lakhs?|VND|₫|AUD|(?<![A-Za-z])A\$|CAD|(?<![A-Za-z])C\$|MYR|THB|฿|KRW|₩|欧元|英镑|卢比|越南盾|"
    r"韩元|澳元|加元|新加坡元",
    re.I,
)
_LANGUAGE_CURRENCY = {"ja": "JPY", "zh": "CNY", "en": "USD"}
# What a bare figure may count instead of money: "~40k concurrent connections", "2M users".
_COUNTED = re.compile(
    r"\s*(?:concurrent|connections?|users?|requests?|records?|rows?|transactions?|devices?|"
    r"sessions?|[TQR]PS|messages?|events?|people|members?|lines|repos(?:itories)?|servers?|"
    r"nodes?|stores?|customers?|tickets?)\b",
    re.I,
)
# "単価：1日 950元", "1ヶ月 60万円": the period before the figure (not the 1st of a month,
# "10月1日 60万円", nor January).
_PERIOD_FIRST = re.compile(
    r"(?<![\d.,月/])(?:1|一)\s*(日|天|時間|小时|ヶ月|か月|カ月|个月)\s*(?:あたり|当たり)?\s*[:：]?\s*"
    r"(\d[\d,.]*\s*(?:万|千|[kK])?\s*(?:円|元|日元|人民币|ドル|美元|USD|JPY|CNY)?)"
)


def _currency(units: list[str]) -> str | None:
    for unit in units:
        unit = unit.lower()
        if unit in _JPY_UNITS:
            return "JPY"
        if unit in _CNY_UNITS:
            return "CNY"
        if unit.rstrip("s") in _USD_UNITS or unit in _USD_UNITS:
            return "USD"
    return None


def _written_currency(text: str) -> str | None:
    """The currency of the first unit written anywhere in the text (円, 元, $ …)."""
    match = re.search(
        r"万日元|日元|日圆|万円|円|JPY|人民币|RMB|CNY|美元|美金|ドル|\d\s*元|\$|USD", text, re.I
    )
    return _currency([match.group(0).lstrip("0123456789 ")]) if match else None


def parse_money(text: str | Prepared, language: str | None) -> Money | None:
    """The first rate/budget: rate-labelled lines first, then any line with a money unit."""
    prepared = prepare(text)
    if "\\" in prepared.text:
        prepared = Prepared(_BACKSLASH_YEN.sub("¥", prepared.text))
    written = _written_currency(prepared.text)
    fallback = _Fallback(
        written or _LANGUAGE_CURRENCY.get(language or "", "USD"),
        guessed=written is None,
        chinese=language == "zh",
    )
    lines = [li for li in _ranges_joined(prepared.field_lines) if not _NOT_RATE.search(li)]
    labelled = [line for line in lines if _LABEL.search(line)]
    past: Money | None = None  # "現単価：60万" above "希望単価：65万": the asked one wins
    for line, needs_unit in [*((li, False) for li in labelled), *((li, True) for li in lines)]:
        found = _parse_line(line, fallback, needs_unit)
        if found is not None and not found[1]:
            return found[0]
        past = past or (found[0] if found else None)
    return past


# "pays 750,000 to" / "900,000 JPY per month", "is USD" / "105,000-120,000 per year": an amount
# cut by the wrap is one line again.
_RANGE_CUT = re.compile(
    rf"\d[\d,.]*\s*(?:万|千|[kK])?\s*(?:~|-|–|to|から|到|至)\s*$|(?<![A-Za-z]){_PREFIX}\s*$"
)


def _ranges_joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _RANGE_CUT.search(out[-1]) and line[:1].isdigit():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def is_negotiable(text: str | Prepared) -> bool:
    """The rate is stated but open (スキル見合い, 面议, negotiable)."""
    return bool(_NEGOTIABLE.search(prepare(text).text))


@dataclass(frozen=True)
class _Fallback:
    """The currency of a figure written without a unit, and whether the mail names none."""

    currency: str
    guessed: bool
    chinese: bool = False  # a Chinese mail: ¥ is yuan unless the figure is yen-sized


_PAST = re.compile(
    r"現(?:在の?)?単価|現在|前回|以前|前職|現状|\b(?:current(?:ly)?|previous|last|present)\b|"
    r"目前|当前|现在|现单价|前职|上一份",
    re.I,
)
_CLAUSE_START = re.compile(r".*[、,，;；/]")


def _parse_line(line: str, fallback: _Fallback, needs_unit: bool) -> tuple[Money, bool] | None:
    """The line's first figure that is a rate, and whether it is a past or current one."""
    label = _LABEL.search(line)
    body = line[label.end() :] if label and not needs_unit else line
    if re.match(r"^.{0,4}精算", body) or re.search(r"精算\s*[:：]?\s*\d{2,3}\s*[~-]", body):
        body = re.sub(
            r"精算[^\n]*?\d{2,3}\s*(?:h|H|時間)?\s*[~-]\s*\d{2,3}\s*(?:h|H|時間)?", "", body
        )
    body = _BETWEEN.sub(r"\1 - ", _KANJI_AMOUNT.sub(_kanji_amount, body))
    body = _PERIOD_FIRST.sub(r"\2/\1", body)
    body = _PER_EACH.sub(r"\g<a> \g<r> \g<b>/\g<p>", _TEN_THOUSANDS_AND.sub(_ten_thousands, body))
    prefix = line[: label.end()] if label and not needs_unit else ""
    first: tuple[Money, bool] | None = None
    for m in _MONEY.finditer(body):
        money = _money(m, body, line, prefix, fallback, needs_unit)
        if money is None:
            continue
        before = _CLAUSE_START.sub("", prefix + body[: m.start()])
        if not _PAST.search(before):
            return money, False
        first = first or (money, True)
    return first


def _money(
    m: re.Match[str], body: str, line: str, prefix: str, fallback: _Fallback, needs_unit: bool
) -> Money | None:
    if _FOREIGN.search(body[max(0, m.start() - 6) : m.end() + 6]):
        return None  # "港币50,000", "NT$120,000", "25 LPA": a currency the profile cannot hold
    units = [u for u in (m.group("pre"), m.group("unit1"), m.group("unit2")) if u]
    if re.search(r"(?:日[币幣元圆]|日本円)\s*$", body[max(0, m.start() - 6) : m.start()]):
        units = ["日币", *units]  # "时薪日币4,000元": 元 after the yen named first is yen
    mults = [u for u in (m.group("mult1"), m.group("mult2")) if u]
    per = (m.group("per") or "").lower()
    after = body[m.end() :]
    if per in ("年", "ヶ月", "か月") and not units and not mults:
        return None  # "3年" / "6ヶ月" is experience or duration
    if re.match(r"\s*(?:歳|岁|名|人(?!月|天|日|民)|回|社|%|件|時|分|号|階|番|代|位)", after):
        return None
    if not units and _COUNTED.match(after):  # "~40k concurrent connections" is no budget
        return None
    implied = _implied_man(m, prefix, after, fallback) if not units and not mults else None
    if not units and not mults and not implied and (needs_unit or not per):
        low = _number(m.group("num1"), None)
        if needs_unit or low < 100 or re.match(r"\s*(?:h|H|時間)", after):
            return None
    currency = _currency(units) or fallback.currency
    mult1 = m.group("mult1") or (m.group("mult2") if m.group("num2") else None) or implied
    low = _number(m.group("num1"), mult1 or _unit_multiplier(m.group("unit1")))
    high = None
    if m.group("num2"):
        mult2 = m.group("mult2") or m.group("mult1") or implied
        high = _number(
            m.group("num2"), mult2 or _unit_multiplier(m.group("unit2") or m.group("unit1"))
        )
        if mult1 is None and m.group("mult2") and low * 1000 <= high:
            low = _number(m.group("num1"), m.group("mult2"))
    period = (
        _PERIODS.get(per) or _label_period(line) or _default_period(currency, low, units, mults)
    )
    if not units and fallback.guessed:
        currency = _plausible_currency(currency, period, low)
    elif fallback.chinese and units and set(units) <= {"¥", "￥"}:  # "￥25,000/月"
        currency = _plausible_currency("CNY", period, low)
    before = prefix + body[: m.start()]  # "予算：上限80万": the label may say the bound
    if high is None:
        if _OPEN_LOW.match(after):
            return Money(low, None, currency, period)
        if _OPEN_HIGH_BEFORE.search(before) or _OPEN_HIGH_AFTER.match(after):
            return Money(None, low, currency, period)
        return Money(low, low, currency, period)
    if high < low:
        low, high = high, low
    return Money(low, high, currency, period)


# "$70/hr - $80/hr": the period written on both ends of a range, read as "$70 - $80/hr".
_PER_EACH = re.compile(
    r"(?P<a>\d[\d,.]*\s*(?:万|[kK])?\s*(?:円|元|USD)?)\s*/\s*(?P<p>[A-Za-z]+|月|日|時間)\s*"
    r"(?P<r>~|-|–|to)\s*(?P<b>(?:US\$|\$|¥|￥)?\s*\d[\d,.]*\s*(?:万|[kK])?\s*(?:円|元|USD)?)"
    r"\s*/\s*(?P=p)"
)
# "between 700,000 and 800,000 yen": a range in words.
_BETWEEN = re.compile(r"\bbetween\s+((?:US\$|\$|¥)?\s*\d[\d,.]*\s*[kK万]?)\s+and\s+", re.I)
# "六十五万日元", "月薪三万": a figure in kanji before 万 / 千.
_KANJI_AMOUNT = re.compile(
    r"(?:(?<=万)|(?<![一-龥]))([一二两兩三四五六七八九]?十?[一二三四五六七八九]?)(?=[万萬千])"
)
_KANJI = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
          "九": 9}  # fmt: skip


def _kanji_amount(m: re.Match[str]) -> str:
    text = m.group(1)
    if not text:
        return text
    tens, ten, ones = text.partition("十")
    value = (_KANJI.get(tens, 1) * 10 if ten else _KANJI.get(tens, 0)) + _KANJI.get(ones, 0)
    return str(value) if value else text


# "2万5千元" is 25,000, "1万8000円" 18,000: one figure, written in two parts.
_TEN_THOUSANDS_AND = re.compile(r"(?<![\d.])(\d{1,3})万(?:(\d)千|(\d{4})(?!\d))")


def _ten_thousands(m: re.Match[str]) -> str:
    rest = int(m.group(2)) * 1000 if m.group(2) else int(m.group(3))
    return f"{int(m.group(1)) * 10_000 + rest:,}"


# "単価：65", "単価 55~60": Japanese SES mail leaves 万円 out of a monthly rate.
_MAN_LABEL = re.compile(r"単価|予算|月額|報酬|单价|預算|预算")


def _implied_man(m: re.Match[str], prefix: str, after: str, fallback: _Fallback) -> str | None:
    """'万' when a bare figure under a Japanese rate label can only be ten-thousands of yen."""
    per = (m.group("per") or "").lower()
    if (
        fallback.currency != "JPY"
        or not _MAN_LABEL.search(prefix)
        or _PERIODS.get(per, "month") != "month"
    ):
        return None  # "単価：40h~" is settlement hours
    figures = [float(n.replace(",", "")) for n in (m.group("num1"), m.group("num2")) if n]
    if not all(20 <= f <= 200 for f in figures) or re.match(r"\s*(?:h|H|時間|歳|名|%)", after):
        return None
    return "万"


def _plausible_currency(currency: str, period: str, amount: float) -> str:
    """A figure in no written currency, read in the mail's language's, that no one is paid in
    it: "单价：65万" a month is yen, not 650,000 yuan ("時薪 ¥4,000" an hour neither); "Rate:
    700,000/month" is not dollars."""
    monthly = _monthly(amount, period) or 0
    if currency == "CNY" and monthly >= 150_000 and period in ("month", "day", "hour"):
        return "JPY"
    if currency == "USD" and monthly >= 100_000 and period == "month":
        return "JPY"
    return currency


def _unit_multiplier(unit: str | None) -> str | None:
    return "万" if unit and unit.startswith("万") else None


def _number(text: str, multiplier: str | None) -> float:
    value = float(text.replace(",", ""))
    factor = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "m": 1_000_000}.get(
        (multiplier or "").lower()
    )
    return round(value * (factor or 1), 2)


def _label_period(line: str) -> str | None:
    for pattern, period in _LABEL_PERIODS:
        if pattern.search(line):
            return period
    return None


def _default_period(currency: str, amount: float, units: list[str], mults: list[str]) -> str:
    if currency == "USD":  # unstated: an hourly figure is small, a salary large
        return "hour" if amount < 500 else ("month" if amount < 20_000 else "year")
    if currency == "JPY" and amount < 10_000 and not mults:
        return "hour"
    return "month"
