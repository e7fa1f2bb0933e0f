"""Candidate and project profiles assembled from the field readers, by rules, in ja / zh / en.

Each block is normalised once (`Prepared`) and every field reads that. Fields that are not
stated stay None: a guess would mislead the matcher more than a gap does.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from pipeline.emails.extraction.chain import commercial_depth, max_commercial_depth
from pipeline.emails.extraction.dates import start_date
from pipeline.emails.extraction.money import is_negotiable, money_fields, parse_money
from pipeline.emails.extraction.nationality import (
    citizenship_required,
    foreign_nationals_ok,
    japanese_level,
    languages,
    nationality,
    visa,
)
from pipeline.emails.extraction.places import (
    HOME_LABELS,
    WORK_LABELS,
    find_place,
    location_value,
    nearest_station,
)
from pipeline.emails.extraction.remote import remote, remote_only
from pipeline.emails.extraction.skills import (
    extract_skills,
    split_skills,
    years_of_experience,
)
from pipeline.emails.extraction.text import (
    Prepared,
    block_heading,
    labelled,
    prepare,
    split_project_blocks,
    unquoted_lines,
)

# --- small fields --------------------------------------------------------------------


_COUNT = r"(\d|[一二两兩三四五]|one|two|three|four|single)"
_COUNT_VALUE = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                "one": 1, "two": 2, "three": 3, "four": 4, "single": 1, "once": 1,
                "twice": 2}  # fmt: skip
_INTERVIEWS = re.compile(
    rf"面[談接]\s*(?:回数)?\s*(?:[:：]|は)?\s*(?:[^\s\d]{{0,6}}?)\s*{_COUNT}\s*回|{_COUNT}\s*回(?:の)?面[談接]|"
    # "面试：两轮", and in Chinese mail the Japanese word too: "面談：兩次", "面谈两次"
    rf"面[试試谈談]\s*(?:[:：]|共)?\s*(?:[^\s\d]{{0,4}}?)\s*{_COUNT}\s*[轮次关輪關]|{_COUNT}\s*[轮次关輪關](?:的)?面[试試]|"
    rf"\b{_COUNT}\s*(?:rounds?|stages?)\s*(?:of\s*)?interviews?|interviews?\s*[:：]\s*{_COUNT}\b|"
    rf"\b{_COUNT}[- ](?:round|step|stage) interview|"
    rf"\b{_COUNT}\s+(?:technical\s+|video\s+|onsite\s+|virtual\s+)?interviews?\b|"
    rf"interview rounds?\s*[:：]\s*{_COUNT}\b|interviews?\s*\(\s*{_COUNT}\s*\)|"
    rf"interviews?\b[^\n]{{0,40}}?\b{_COUNT}\s*(?:technical\s*)?(?:rounds?|stages?)|"
    r"interviews?\s*[:：]?\s*(once|twice)\b",
    re.I,
)


def interview_count(text: str | Prepared) -> int | None:
    match = _INTERVIEWS.search(prepare(text).prose_fields)
    if match is None:
        return None
    value = next(g for g in match.groups() if g).lower()
    return _COUNT_VALUE.get(value) or int(value)


def age(text: str | Prepared) -> int | None:
    fields = prepare(text).fields
    match = re.search(
        r"年齢\s*[:：]\s*(\d{2})|(\d{2})\s*歳|年龄\s*[:：]?\s*(\d{2})|(\d{2})\s*岁|"
        r"\bage\s*[:：]?\s*(\d{2})\b|(\d{2})\s*(?:years?\s*old|y/?o\b)",
        fields,
        re.I,
    )
    if match is None:
        return None
    value = int(next(g for g in match.groups() if g))
    return value if 15 <= value <= 100 else None


def person_name(text: str | Prepared) -> str | None:
    value = labelled(
        prepare(text).fields,
        r"氏名|名前|イニシャル|姓名|候选人|name|consultant(?: name)?|candidate(?: name)?",
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


def employment_type(text: str | Prepared) -> str | None:
    body = prepare(text).text
    for name, pattern in _EMPLOYMENT.items():
        if re.search(pattern, body, re.I):
            return name
    return None


def settlement_range(text: str | Prepared) -> str | None:
    match = re.search(
        r"精算(?:幅)?\s*[:：]?\s*(\d{2,3})\s*(?:h|H|時間)?\s*[~-]\s*(\d{2,3})\s*(?:h|H|時間)?",
        prepare(text).fields,
    )
    return f"{match.group(1)}-{match.group(2)}h" if match else None


_TITLE_LABELS = r"案件名|件名|案件|项目名称|岗位名称|岗位|职位|position|role|title|job title"


def title(text: str | Prepared, fallback: str) -> str:
    prepared = prepare(text)
    heading = re.search(r"^\s*【\s*案件名?\s*[\d\s・]*】\s*(.+)$", prepared.text, re.M)
    if heading and heading.group(1).strip():
        return heading.group(1).strip()[:200]
    value = labelled(prepared.fields, _TITLE_LABELS)
    return (value or fallback.strip() or "untitled")[:200]


# --- profiles ------------------------------------------------------------------------


@dataclass
class ProjectProfile:
    block_index: int
    title: str
    required_skills: list[str]
    preferred_skills: list[str]
    skill_years: dict[str, float]
    min_experience_years: float | None
    budget_min: float | None
    budget_max: float | None
    budget_currency: str | None
    budget_period: str | None
    monthly_budget_min: float | None
    monthly_budget_max: float | None
    settlement_range: str | None
    location: str | None
    place: str | None
    remote: str | None
    start_date: date | None
    languages: list[str]
    japanese_level: str | None
    foreign_nationals_ok: bool | None
    max_commercial_depth: int | None
    interview_count: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)
    citizenship: str | None = None  # the one a closed project names: "U.S. citizens only"

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CandidateProfile:
    block_index: int
    name: str | None
    skills: list[str]
    skill_years: dict[str, float]
    experience_years: float | None
    rate_min: float | None
    rate_max: float | None
    rate_currency: str | None
    rate_period: str | None
    monthly_rate_min: float | None
    monthly_rate_max: float | None
    location: str | None
    nearest_station: str | None
    place: str | None
    remote: str | None
    remote_only: bool | None
    available_from: date | None
    languages: list[str]
    japanese_level: str | None
    nationality: str | None
    commercial_depth: int | None
    employment_type: str | None
    age: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _first_stated(reader: Any, *texts: Prepared) -> Any:
    """The first value `reader` finds among the prepared texts (the body, then the subject)."""
    for text in texts:
        value = reader(text)
        if value is not None:
            return value
    return None


# A signature: a rule line near the end, then the sender's company and contacts ("事業内容：SES、
# Java/AWS開発" there is what the vendor sells, not what this mail offers).
_RULE_LINE = re.compile(r"^\s*(?:-- |[-=_*~━─＝■◆※]{4,})\s*$")
_CONTACT = re.compile(r"TEL|電話|电话|〒|E-?mail|Mail|邮箱|URL|https?://|www\.", re.I)
_OFFER = re.compile(
    r"単価|单价|予算|预算|スキル|必須|要件|技能|要求|\b(?:rate|budget|skills?|requirements?)\b|"
    # the start, said below the profile's closing rule: "到岗时间需要说明：…8月16日以后才能进场"
    r"到[岗崗]|[进進入]场|[进進入]場|開始|稼[働動]|参画|\b(?:available|availability|start)\b|"
    # and the terms: "週の半分程度の出社は問題ございません" below the profile's rule
    r"出社|在宅|リモート|常駐|[远遠]程|[驻駐]场|\b(?:remote|on-?site|hybrid)\b|国籍|日本語|日语|商流",
    re.I,
)


def _without_signature(lines: list[str]) -> list[str]:
    for index in range(len(lines) - 1, max(len(lines) - 14, 0), -1):
        if _RULE_LINE.match(lines[index]):
            tail = "\n".join(lines[index + 1 :])
            if _CONTACT.search(tail) and not _OFFER.search(tail):
                return lines[:index]
            if _CONTACT.search(tail):  # a paragraph of the offer below the rule, then the
                return _without_last_paragraph(lines)  # signature after a blank line
    return lines


def _without_last_paragraph(lines: list[str]) -> list[str]:
    """`lines` less a last paragraph of contacts with nothing of the offer in it."""
    for index in range(len(lines) - 1, max(len(lines) - 10, 0), -1):
        if not lines[index].strip():
            tail = "\n".join(lines[index + 1 :])
            if _CONTACT.search(tail) and not _OFFER.search(tail):
                return lines[:index]
            return lines
    return lines


def _own(block: Prepared) -> Prepared:
    """The block without its '>' quoted lines (when it says enough of its own) and without a
    signature: skills, years and money are the sender's offer, not those of the mail it
    answers nor the vendor's line of business."""
    lines = block.text.splitlines()
    own = _without_signature(unquoted_lines(lines))
    return block if own == lines else Prepared("\n".join(own))


def _summary(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines)[:400]


def extract_projects(
    subject: str, text: str, language: str | None, reference: date
) -> list[ProjectProfile]:
    """One profile per project block of the mail."""
    blocks = split_project_blocks(text, language)
    # One project: its subject ("【フルリモート・1社先まで】") states constraints the body may not.
    heads = (prepare(subject, language),) if len(blocks) == 1 else ()
    profiles = [
        _project(Prepared(block), i, subject, language, reference, heads)
        for i, block in enumerate(blocks)
    ]
    if len(blocks) > 1:  # each block's own heading line names it better than the subject
        for profile, block in zip(profiles, blocks, strict=True):
            if profile.title == subject.strip():
                profile.title = block_heading(block)[:200]
    return profiles


def _project(
    block: Prepared,
    index: int,
    subject: str,
    language: str | None,
    reference: date,
    heads: tuple[Prepared, ...] = (),
) -> ProjectProfile:
    own = _own(block)
    required, preferred = split_skills(own)
    years = years_of_experience(own, minimums=True)
    remote_value = _first_stated(remote, block, *heads)
    foreign_ok = _first_stated(foreign_nationals_ok, block, *heads)
    return ProjectProfile(
        block_index=index,
        title=title(block, subject),
        required_skills=required,
        preferred_skills=preferred,
        skill_years=years.per_skill,
        min_experience_years=years.total,
        **money_fields(parse_money(own, language), "budget"),
        settlement_range=settlement_range(block),
        location=location_value(block, WORK_LABELS),
        # A fully remote role runs nowhere in particular: only a labelled place or a sentence
        # ("onsite in Osaka") names one, not the sender's firm in a greeting or a signature.
        place=find_place(block, WORK_LABELS, anywhere=remote_value != "full"),
        remote=remote_value,
        start_date=_first_stated(lambda t: start_date(t, reference), block, *heads),
        languages=languages(block),
        japanese_level=_first_stated(lambda t: japanese_level(t, minimum=True), block, *heads),
        foreign_nationals_ok=foreign_ok,
        citizenship=_first_stated(citizenship_required, block, *heads)
        if foreign_ok is False
        else None,
        max_commercial_depth=_first_stated(max_commercial_depth, block, *heads),
        interview_count=interview_count(block),
        summary=_summary(block.text),
        extracted={
            "visa": visa(block),
            "employment_type": employment_type(block),
            "negotiable": is_negotiable(block),
        },
    )


def extract_candidate(
    subject: str, text: str, language: str | None, reference: date
) -> CandidateProfile:
    block = prepare(text, language)
    heading = prepare(subject, language)  # "【要員】中国籍 N1 即日可": vendors state them up front
    own = _own(block)
    years = years_of_experience(own)
    return CandidateProfile(
        block_index=0,
        name=person_name(block),
        skills=extract_skills(own),
        skill_years=years.per_skill,
        experience_years=years.total,
        **money_fields(parse_money(own, language), "rate"),
        location=location_value(block, HOME_LABELS),
        nearest_station=nearest_station(block),
        place=find_place(block, HOME_LABELS),
        # A reply quoting the project ("> 開始時期：1月〜") states the project's terms there.
        remote=_first_stated(remote, own, heading),
        remote_only=_first_stated(remote_only, own, heading),
        available_from=_first_stated(lambda t: start_date(t, reference), own, heading),
        languages=languages(block),
        japanese_level=_first_stated(japanese_level, own, heading),
        nationality=_first_stated(nationality, own, heading),
        commercial_depth=_first_stated(commercial_depth, own, heading),
        employment_type=employment_type(block),
        age=age(block),
        summary=_summary(f"{subject}\n{block.text}"),
        extracted={"visa": visa(block), "negotiable": is_negotiable(block)},
    )
