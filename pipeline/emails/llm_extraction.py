"""Profile fields read by an LLM (structured outputs), checked against the mail and the rules.

When `LLM_MODEL` is set, each candidate / project mail is also read by the model, with a
strict JSON schema per profile kind, `EMAIL_BATCH_SIZE` mails per request. The rules'
profile stays the base: a field the model leaves empty keeps the rules' value (fallback),
and a value the model gives that the mail does not support — a rate whose figures are not
written in it, a currency whose unit is not, a skill never mentioned, a date no phrase of the
mail resolves to — is dropped and noted in `extracted["llm_dropped"]`, so a recruiter can see
what the model claimed and why it was not believed. Answers are cached by the mail's content
hash, the model and the prompt version: a rerun sends nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from pipeline.emails.extraction import (
    CandidateProfile,
    Money,
    ProjectProfile,
    canonical_place,
    canonical_skill,
    country_code,
    extract_skills,
    money_fields,
    parse_date,
)
from pipeline.llm.batching import answer_all
from pipeline.llm.cache import LLMCache, cache_key, content_hash
from pipeline.llm.client import LLMConfig
from pipeline.llm.structured import LLMError, StructuredLLM

log = logging.getLogger(__name__)

PROMPT_VERSION = "extract-v1"
_MAX_TEXT_CHARS = 6000
_MAX_NOTE_CHARS = 80

Kind = Literal["candidate", "project"]
Profile = CandidateProfile | ProjectProfile


@dataclass(frozen=True)
class EmailForExtraction:
    """One classified mail to read: its kind, text, language and date (for 来月, ASAP)."""

    kind: Kind
    subject: str
    text: str
    language: str | None
    reference: date

    @property
    def content_hash(self) -> str:
        return content_hash(
            self.kind, self.subject, self.text, self.language, self.reference.isoformat()
        )


# --- the schemas the model answers in ------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MoneyAnswer(_Strict):
    minimum: float | None
    maximum: float | None
    currency: Literal["JPY", "CNY", "USD"] | None
    period: Literal["month", "hour", "day", "year"] | None


class SkillYearsAnswer(_Strict):
    skill: str
    years: float


JapaneseLevel = Literal["N1", "N2", "N3", "N4", "N5", "native", "business", "conversational"]
Remote = Literal["full", "partial", "none"]


class CandidateFields(_Strict):
    name: str | None
    skills: list[str]
    skill_years: list[SkillYearsAnswer]
    experience_years: float | None
    rate: MoneyAnswer | None
    location: str | None
    remote: Remote | None
    remote_only: bool | None
    available_from: str | None
    japanese_level: JapaneseLevel | None
    nationality: str | None
    commercial_depth: int | None
    age: int | None


class ProjectFields(_Strict):
    title: str | None
    required_skills: list[str]
    preferred_skills: list[str]
    skill_years: list[SkillYearsAnswer]
    min_experience_years: float | None
    budget: MoneyAnswer | None
    location: str | None
    remote: Remote | None
    start_date: str | None
    japanese_level: JapaneseLevel | None
    foreign_nationals_ok: bool | None
    max_commercial_depth: int | None
    interview_count: int | None


class CandidateAnswer(_Strict):
    index: int
    candidate: CandidateFields


class CandidateAnswers(_Strict):
    """One candidate per mail, by index."""

    emails: list[CandidateAnswer]


class ProjectAnswer(_Strict):
    index: int
    projects: list[ProjectFields]


class ProjectAnswers(_Strict):
    """The projects of each mail (a mail may list several), by index."""

    emails: list[ProjectAnswer]


_COMMON_RULES = (
    "Copy facts only from the mail; use null (or an empty list) for anything it does not state, "
    "never a guess. Skills: the technologies, products and certifications named, one per entry, "
    "in their usual English name (Java, Spring Boot, AWS, JSTQB). skill_years: years written "
    "next to a skill. Money: amounts in full units (50万円 is 500000, 2.5万 is 25000, $85 is "
    "85), minimum and maximum as written (a lower bound alone has maximum null; one figure is "
    "both), currency from the unit written (円/万円/日元/JPY: JPY; 元/人民币/RMB: CNY; $/USD: "
    "USD), period from what is written (月/人月/month, 時給/hr/hour, 日/day, 年/year). Dates: "
    "YYYY-MM-DD, resolved against the mail's date sent_on (即日/ASAP/immediately: sent_on; "
    "来月/next month: the first of next month; a month without a year: its next occurrence). "
    "remote: full, partial (hybrid, some days) or none (onsite). japanese_level: N1-N5 when a "
    "JLPT level is written, else native / business / conversational. Numbers of years as "
    "numbers (7+ years is 7)."
)
SYSTEM_PROMPTS: dict[Kind, str] = {
    "candidate": (
        "You read a staffing firm's mail (Japanese, Chinese or English) that introduces an "
        "engineer or consultant, and return the candidate's profile for each mail index. "
        "nationality: ISO 3166 alpha-2 (a naturalised Japanese is JP). commercial_depth: "
        "companies between the sender and the engineer (the sender's own employee 0, a "
        "partner's employee 1, a partner's partner 2). remote_only: true when the person only "
        "works fully remote, false when onsite is accepted. rate: the asked rate or salary. "
        + _COMMON_RULES
    ),
    "project": (
        "You read a staffing firm's mail (Japanese, Chinese or English) that offers one or "
        "more projects or positions, and return one entry per project for each mail index, "
        "in the order the mail lists them. required_skills: must-haves (必須), "
        "preferred_skills: nice-to-haves (尚可, 歓迎, 优先, plus). budget: the rate offered. "
        "foreign_nationals_ok: false for 外国籍不可 / citizens only, true for 外国籍可. "
        "max_commercial_depth: companies allowed between the reader and the engineer "
        "(貴社社員まで 0, 一社先まで 1). " + _COMMON_RULES
    ),
}
_ANSWER_SCHEMAS: dict[Kind, type[BaseModel]] = {
    "candidate": CandidateAnswers,
    "project": ProjectAnswers,
}


# --- asking, with the cache -----------------------------------------------------------


class LLMExtractor:
    """Reads candidate and project mails with an LLM and merges the checked answers."""

    def __init__(
        self,
        llm: StructuredLLM,
        cache: LLMCache | None = None,
        batch_size: int = 10,
        concurrency: int = 1,
        prompt_version: str = PROMPT_VERSION,
    ) -> None:
        self.llm = llm
        self.cache = cache
        self.batch_size = max(1, batch_size)
        self.concurrency = max(1, concurrency)
        self.prompt_version = prompt_version

    def extract(
        self, items: Sequence[EmailForExtraction], rules_profiles: Sequence[Sequence[Profile]]
    ) -> list[list[Profile]]:
        """The profiles of each item: the rules' ones with the LLM's checked values merged in.

        `rules_profiles[i]` are the rules' profiles of `items[i]` (one candidate, or the
        project blocks). An item the model could not answer keeps its rules' profiles, with
        the reason in `extracted["llm_error"]`.
        """
        if len(items) != len(rules_profiles):
            raise ValueError("one list of rules' profiles per item")
        answers = self.answers(items)
        return [
            _merge(item, list(profiles), answer, self.llm.name)
            for item, profiles, answer in zip(items, rules_profiles, answers, strict=True)
        ]

    def answers(self, items: Sequence[EmailForExtraction]) -> list[BaseModel | LLMError]:
        """The model's answer per item (CandidateFields or ProjectAnswer), cached."""
        keys = [self._key(item) for item in items]
        cached = self.cache.get_many(keys) if self.cache is not None else {}
        results: list[BaseModel | LLMError | None] = [None] * len(items)
        for i, (item, key) in enumerate(zip(items, keys, strict=True)):
            if key in cached:
                results[i] = _parse_cached(item.kind, cached[key])
        for kind in ("candidate", "project"):
            todo = [i for i, item in enumerate(items) if item.kind == kind and results[i] is None]
            if not todo:
                continue
            asked = answer_all(
                [items[i] for i in todo],
                lambda batch, kind=kind: self._ask(kind, batch),
                self.batch_size,
                self.concurrency,
            )
            fresh = []
            for i, answer in zip(todo, asked, strict=True):
                results[i] = answer
                if not isinstance(answer, LLMError):
                    fresh.append((keys[i], answer.model_dump(mode="json")))
            if self.cache is not None:
                self.cache.put_many(f"extract-{kind}", self.llm.model, self.prompt_version, fresh)
        return [r for r in results if r is not None]  # every item was cached or asked

    def _key(self, item: EmailForExtraction) -> str:
        return cache_key(
            f"extract-{item.kind}", self.llm.model, self.prompt_version, item.content_hash
        )

    def _ask(self, kind: Kind, batch: Sequence[EmailForExtraction]) -> list[BaseModel]:
        payload = [
            {
                "index": i,
                "subject": item.subject[:300],
                "sent_on": item.reference.isoformat(),
                "text": item.text[:_MAX_TEXT_CHARS],
            }
            for i, item in enumerate(batch)
        ]
        schema = _ANSWER_SCHEMAS[kind]
        answer = self.llm.ask(SYSTEM_PROMPTS[kind], payload, schema, name=f"{kind}_profiles")
        by_index = {entry.index: entry for entry in answer.emails}  # type: ignore[attr-defined]
        if sorted(by_index) != list(range(len(batch))):
            raise LLMError(f"answers for {sorted(by_index)[:20]}, expected {len(batch)}")
        if kind == "candidate":
            return [by_index[i].candidate for i in range(len(batch))]
        return [by_index[i] for i in range(len(batch))]


def extract_with_llm(
    items: Sequence[EmailForExtraction],
    rules_profiles: Sequence[Sequence[Profile]],
    llm: StructuredLLM,
    cache: LLMCache | None,
    batch_size: int = 10,
) -> list[list[Profile]]:
    """`LLMExtractor(llm, cache, batch_size).extract(items, rules_profiles)`."""
    return LLMExtractor(llm, cache, batch_size).extract(items, rules_profiles)


def llm_extractor_from_settings(settings: Any, engine: Any) -> LLMExtractor | None:
    """An LLMExtractor cached in `engine`'s database when LLM_MODEL is set, else None."""
    return llm_extractor(LLMConfig.from_settings(settings), engine)


def llm_extractor(config: LLMConfig, engine: Any) -> LLMExtractor | None:
    """An LLMExtractor for the configured model, cached in `engine`'s database, else None."""
    llm = config.structured()
    if llm is None:
        return None
    return LLMExtractor(
        llm, LLMCache(engine), batch_size=config.batch_size, concurrency=config.concurrency
    )


def _parse_cached(kind: Kind, data: Any) -> BaseModel | None:
    schema = CandidateFields if kind == "candidate" else ProjectAnswer
    try:
        return schema.model_validate(data)
    except ValueError:  # an entry written by an older shape: ask again
        return None


# --- merging and checking --------------------------------------------------------------


def _merge(
    item: EmailForExtraction,
    profiles: list[Profile],
    answer: BaseModel | LLMError,
    by: str,
) -> list[Profile]:
    if isinstance(answer, LLMError):
        return [_note(p, {"llm_error": str(answer)[:200]}) for p in profiles]
    evidence = Evidence(item)
    if isinstance(answer, CandidateFields):
        return [_merge_one(profiles[0], answer, evidence, by), *profiles[1:]]
    assert isinstance(answer, ProjectAnswer)
    merged = [
        _merge_one(profile, fields, evidence, by)
        for profile, fields in zip(profiles, answer.projects, strict=False)
    ]
    merged += profiles[len(answer.projects) :]
    if len(answer.projects) > len(profiles) and merged:
        note = _dropped("projects", len(answer.projects), f"rules split {len(profiles)} blocks")
        merged[-1] = _note(merged[-1], {"llm_dropped": [*_dropped_of(merged[-1]), note]})
    return merged


def _merge_one(profile: Profile, fields: BaseModel, evidence: Evidence, by: str) -> Profile:
    """The rules' profile with every LLM value that the mail supports."""
    accepted: dict[str, Any] = {}
    dropped: list[dict[str, Any]] = []
    own = {f.name for f in dataclasses.fields(profile)}
    for name, value in fields:
        if value is None or value == []:
            continue
        checked, notes = _check(name, value, evidence, profile)
        dropped += notes
        if checked is not None:
            accepted.update(checked)
    accepted = {name: value for name, value in accepted.items() if name in own}
    extracted = {
        **profile.extracted,
        "extracted_by": by,
        "llm_fields": sorted(accepted),
    }
    if dropped:
        extracted["llm_dropped"] = [*_dropped_of(profile), *dropped]
    return dataclasses.replace(profile, **accepted, extracted=extracted)


def _check(
    name: str, value: Any, evidence: Evidence, profile: Profile
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """({profile field: value} to take, or None; notes of what was dropped and why)."""
    if name in ("skills", "required_skills", "preferred_skills"):
        kept, notes = evidence.skills(name, value)
        return ({name: kept} if kept else None), notes
    if name == "skill_years":
        kept_years: dict[str, float] = {}
        notes = []
        for entry in value:
            skill = canonical_skill(entry.skill) or entry.skill.strip()
            why = evidence.why_not_skill(entry.skill) or evidence.why_not_years(entry.years)
            if why:
                notes.append(_dropped("skill_years", f"{entry.skill}: {entry.years:g}", why))
            else:
                kept_years[skill] = float(entry.years)
        return ({name: kept_years} if kept_years else None), notes
    if name in ("rate", "budget"):
        why = evidence.why_not_money(value)
        if why:
            return None, [_dropped(name, _money_text(value), why)]
        money = Money(value.minimum, value.maximum, value.currency, value.period or "month")
        return money_fields(money, name), []
    if name == "location":
        return evidence.location(value, getattr(profile, "place", None))
    if name in ("available_from", "start_date"):
        found, why = evidence.date(value, getattr(profile, name, None))
        return ({name: found} if found else None), ([_dropped(name, value, why)] if why else [])
    check = _FIELD_CHECKS.get(name)
    if check is None:
        return None, []
    why = check(evidence, value)
    if why:
        return None, [_dropped(name, value, why)]
    return {name: value.strip()[:200] if isinstance(value, str) else value}, []


def _dropped(field: str, value: Any, why: str) -> dict[str, Any]:
    return {"field": field, "value": str(value)[:_MAX_NOTE_CHARS], "why": why}


def _dropped_of(profile: Profile) -> list[dict[str, Any]]:
    return list(profile.extracted.get("llm_dropped", []))


def _note(profile: Profile, notes: dict[str, Any]) -> Profile:
    return dataclasses.replace(profile, extracted={**profile.extracted, **notes})


def _money_text(money: MoneyAnswer) -> str:
    return f"{money.minimum}-{money.maximum} {money.currency}/{money.period}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CURRENCY_MARKS = {
    "JPY": re.compile(r"円|日元|日圆|日圓|日币|日幣|jpy|yen|[¥￥]"),
    "CNY": re.compile(r"(?<!日)元|人民币|rmb|cny|[¥￥]"),
    "USD": re.compile(r"\$|usd|dollars?|美元|美金|ドル"),
}
_ANY_CURRENCY = re.compile("|".join(p.pattern for p in _CURRENCY_MARKS.values()))
_LANGUAGE_CURRENCY = {"ja": "JPY", "zh": "CNY", "en": "USD"}
_PERIOD_MARKS = {
    "hour": re.compile(r"時給|時間|小时|小時|时薪|時薪|hourly|hour|\bhr\b|/\s*h\b|per h\b"),
    "day": re.compile(r"日給|日額|日额|日单价|人天|人日|/\s*[日天]|per day|daily|a day|\bday\b"),
    "year": re.compile(r"年収|年薪|年俸|annual|per year|a year|/\s*(?:年|yr|year)|p\.?a\.?\b"),
}
_MENTIONS = {
    "remote": r"リモート|在宅|テレワーク|出社|常駐|remote|on-?site|hybrid|office|wfh|offshore|"
    r"work from home|relocat|in person|远程|遠程|遠端|远端|驻场|駐場|常驻|现场|現場|办公|辦公|到岗|"
    r"到崗|坐班",
    "japanese": r"日本語|日语|日語|日文|japanese|jlpt|ネイティブ|母国語|母語|"
    r"\bN[1-5]\b|[1-5]\s*[級级]",
    "nationality": r"国籍|國籍|籍|nationality|citizen|national|帰化|归化|visa|ビザ|签证|"
    r"人(?:エンジニア|技術者|工程师)|日本人|中国人|外国人",
    "chain": r"商流|社先|次請|弊社|自社|当社|貴社|御社|所属|\bBP\b|協力|パートナー|プロパー|社員|"
    r"partner|layer|vendor|\bw-?2\b|\bc2c\b|payroll|employee|in-house|freelanc|directly|"
    r"贵司|我司|本司|公司|合作|员工|員工|直接",
    "foreign": r"外国籍|国籍|國籍|外籍|citizen|visa|sponsor|h-?1b|\bgc\b|\busc\b|日本人",
    "interview": r"面談|面接|面试|面試|interview|轮|輪|round",
}
_COUNT_WORDS = re.compile(r"一|二|两|兩|三|四|五|one|two|three|four|five|single|once|twice", re.I)
_LANGUAGE_LINE = re.compile(r"日本語|日语|日語|japanese|jlpt|語学|语言|language", re.I)
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?"
    r"\s+(20\d{2})",
    re.I,
)
_MONTH_NUMBER = {
    name: i + 1
    for i, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_MENTION_PATTERNS = {key: re.compile(pattern, re.I) for key, pattern in _MENTIONS.items()}


class Evidence:
    """What one mail's text supports: its numbers, skills, currencies, dates and topics."""

    def __init__(self, item: EmailForExtraction) -> None:
        self.item = item
        self.text = unicodedata.normalize("NFKC", f"{item.subject}\n{item.text}")
        self.folded = self.text.casefold()
        self.compact = re.sub(r"\s+", "", self.folded)
        self.numbers = {float(m.replace(",", "")) for m in _NUMBER.findall(self.text)}
        self.rule_skills = set(extract_skills(self.text))

    # numbers ------------------------------------------------------------------------

    def has_number(self, value: float) -> bool:
        return any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in self.numbers)

    def why_not_years(self, years: float) -> str | None:
        if not 0 <= years <= 60:
            return "out of range"
        if self.has_number(years) or self.has_number(years * 12):  # 18ヶ月 is 1.5 years
            return None
        if years % 1 == 0.5 and self.has_number(years - 0.5) and "半" in self.text:
            return None  # 5年半
        return "number not in the mail"

    def why_not_money(self, money: MoneyAnswer) -> str | None:
        amounts = [a for a in (money.minimum, money.maximum) if a is not None]
        if not amounts or money.currency is None:
            return "incomplete"
        for amount in amounts:
            if amount <= 0 or not any(
                self.has_number(amount / unit) for unit in (1, 10_000, 1_000, 1_000_000)
            ):
                return f"{amount:g} not written in the mail"
        written = _CURRENCY_MARKS[money.currency].search(self.folded)
        default = _LANGUAGE_CURRENCY.get(self.item.language or "")
        if not written and (_ANY_CURRENCY.search(self.folded) or money.currency != default):
            return f"no {money.currency} unit in the mail"
        if money.period in _PERIOD_MARKS and not _PERIOD_MARKS[money.period].search(self.folded):
            return f"no '{money.period}' period in the mail"
        return None

    # skills -------------------------------------------------------------------------

    def why_not_skill(self, written: str) -> str | None:
        canonical = canonical_skill(written)
        if canonical is not None and canonical in self.rule_skills:
            return None
        for form in (written, canonical):
            if form and self._mentions(form):
                return None
        return "never mentioned in the mail"

    def _mentions(self, form: str) -> bool:
        folded = _fold(form).strip()
        if not folded:
            return False
        if folded.isascii():
            pattern = rf"(?<![a-z0-9+#.]){re.escape(folded)}(?![a-z0-9+#])"
            return re.search(pattern, self.folded) is not None
        return folded in self.folded

    def skills(self, field: str, written: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
        kept: list[str] = []
        notes = []
        for skill in written:
            why = self.why_not_skill(skill)
            if why:
                notes.append(_dropped(field, skill, why))
                continue
            name = canonical_skill(skill) or skill.strip()[:100]
            if name not in kept:
                kept.append(name)
        return kept, notes

    # dates --------------------------------------------------------------------------

    def date(self, value: str, rules_value: date | None) -> tuple[date | None, str | None]:
        try:
            found = date.fromisoformat(value.strip())
        except ValueError:
            return None, "not a date"
        if found == rules_value or found in self._dates():
            return found, None
        return None, "no phrase of the mail resolves to it"

    def _dates(self) -> set[date]:
        reference = self.item.reference
        found = set()
        for line in self.text.splitlines():
            for piece in _date_pieces(line):
                parsed = parse_date(piece, reference)
                if parsed is not None:
                    found.add(parsed)
        for day, month, year in _DAY_MONTH_YEAR.findall(self.text):  # 2 Mar 2026
            try:
                found.add(date(int(year), _MONTH_NUMBER[month.lower()], int(day)))
            except ValueError:
                continue
        return found

    # places -------------------------------------------------------------------------

    def location(
        self, value: str, rules_place: str | None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """A location written in the mail is taken as written, with its canonical place; a
        canonical name ("Tokyo" for 品川) only sets the place, when the mail names it."""
        place = canonical_place(value)
        if self.contains(value):
            return {"location": value.strip()[:200], "place": place or rules_place}, []
        if place is not None and (place == rules_place or place in self._places()):
            return {"place": place}, []
        return None, [_dropped("location", value, "not written in the mail")]

    def _places(self) -> set[str]:
        found = (canonical_place(piece) for piece in re.split(r"[\n、,，/・]", self.text))
        return {place for place in found if place}

    # text ---------------------------------------------------------------------------

    def contains(self, value: str) -> bool:
        folded = re.sub(r"\s+", "", _fold(value))
        return bool(folded) and folded in self.compact

    def mentions(self, topic: str) -> bool:
        return _MENTION_PATTERNS[topic].search(self.text) is not None


_DATE_START = re.compile(
    r"20\d{2}\s*[年/.-]|\d{1,2}\s*月|\d{1,2}/\d{1,2}|即|随|隨|立即|马上|来月|翌月|下个?月|"
    r"asap|immediate|right away|now\b|next month|\d+\s*(?:周|週間|weeks?|days?|天|日)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s|"
    r"(?:early|mid|middle|late|end|beginning)\b",
    re.I,
)


def _date_pieces(line: str) -> list[str]:
    """Every tail of the line that starts like a date phrase (parse_date reads the first)."""
    return [line[m.start() : m.start() + 40] for m in _DATE_START.finditer(line)] + [line]


def _why_text(evidence: Evidence, value: Any) -> str | None:
    return None if evidence.contains(str(value)) else "not written in the mail"


def _why_years(evidence: Evidence, value: Any) -> str | None:
    return evidence.why_not_years(float(value))


def _topic(topic: str, low: int | None = None, high: int | None = None) -> Any:
    def check(evidence: Evidence, value: Any) -> str | None:
        number = isinstance(value, int) and not isinstance(value, bool)
        if number and low is not None and not low <= value <= (high or value):
            return "out of range"
        return None if evidence.mentions(topic) else f"the mail says nothing of {topic}"

    return check


def _why_nationality(evidence: Evidence, value: Any) -> str | None:
    """A nationality word (国籍, national), or the country named in a phrase ("Indian
    engineer") that is not about languages: "Japanese: N2" says nothing of origin."""
    if not re.fullmatch(r"[A-Z]{2}", str(value)):
        return "not an ISO country code"
    if evidence.mentions("nationality"):
        return None
    pieces = re.split(r"[\n.。;；,，、]", evidence.text)
    if any(country_code(p) == value for p in pieces if not _LANGUAGE_LINE.search(p)):
        return None
    return "the mail says nothing of nationality"


def _why_japanese(evidence: Evidence, value: Any) -> str | None:
    level = re.fullmatch(r"N([1-5])", str(value))
    if level is None:
        return _topic("japanese")(evidence, value)
    digit = level.group(1)
    old_level = {"1": "1", "2": "2", "3": "3|4", "4": "4", "5": "4"}[digit]  # 旧1級..4級
    written = rf"N\s?{digit}(?!\d)|(?:jlpt|能力試験|能力考试)\s*(?:level\s*)?{digit}|"
    written += rf"(?:日本語|日语|日語)[^\n]{{0,8}}?(?:{old_level})\s*[級级]"
    if re.search(written, evidence.text, re.I):
        return None
    return f"no {value} in the mail"


def _why_count(topic: str, low: int, high: int) -> Any:
    def check(evidence: Evidence, value: Any) -> str | None:
        if not low <= value <= high:
            return "out of range"
        if not evidence.has_number(value) and not _COUNT_WORDS.search(evidence.folded):
            return "number not in the mail"
        return _topic(topic)(evidence, value)

    return check


def _why_age(evidence: Evidence, value: Any) -> str | None:
    if not 15 <= value <= 100:
        return "out of range"
    return None if evidence.has_number(value) else "number not in the mail"


_FIELD_CHECKS = {
    "name": _why_text,
    "title": _why_text,
    "experience_years": _why_years,
    "min_experience_years": _why_years,
    "remote": _topic("remote"),
    "remote_only": _topic("remote"),
    "japanese_level": _why_japanese,
    "nationality": _why_nationality,
    "commercial_depth": _topic("chain", 0, 5),
    "max_commercial_depth": _topic("chain", 0, 5),
    "foreign_nationals_ok": _topic("foreign"),
    "interview_count": _why_count("interview", 1, 10),
    "age": _why_age,
}
