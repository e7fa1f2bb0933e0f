"""Extraction checked field by field on the labelled fixtures, plus the tricky units."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.emails.extraction import (
    extract_candidate,
    extract_projects,
    extract_skills,
    parse_date,
    parse_money,
    split_skills,
)
from pipeline_tests.emails.labelled import by_id

REFERENCE = date(2025, 11, 10)  # the day the fixture mails were "sent"


def _projects(email_id: str):
    email = by_id(email_id)
    return extract_projects(email["subject"], email["body"], email["lang"], REFERENCE)


def _candidate(email_id: str):
    email = by_id(email_id)
    return extract_candidate(email["subject"], email["body"], email["lang"], REFERENCE)


def _assert_fields(profile, expected: dict) -> None:
    row = profile.as_row()
    wrong = {k: (row[k], v) for k, v in expected.items() if row[k] != v}
    assert wrong == {}, "field: (got, expected)"


PROJECTS = {
    "ja-p-01": {
        "title": "金融系基幹システム更改",
        "required_skills": ["Java", "Spring Boot"],
        "preferred_skills": ["AWS", "PostgreSQL"],
        "min_experience_years": 3.0,
        "budget_min": 600_000, "budget_max": 700_000,
        "budget_currency": "JPY", "budget_period": "month",
        "monthly_budget_min": 600_000, "monthly_budget_max": 700_000,
        "settlement_range": "140-180h",
        "location": "東京都千代田区",
        "remote": "partial",
        "start_date": date(2025, 12, 1),
        "place": "Tokyo",
        "foreign_nationals_ok": False,
        "max_commercial_depth": 0,  # 貴社社員まで: only the reader's own staff
        "interview_count": 1,
    },
    "ja-p-04": {
        "required_skills": ["PHP", "Laravel", "MySQL"],
        "preferred_skills": ["Vue.js"],
        "skill_years": {"PHP": 2.0},  # PHP（Laravel）実務2年以上: years of one skill, not overall
        "min_experience_years": None,
        "monthly_budget_max": 600_000,
        "location": "大阪市北区",
        "start_date": REFERENCE,  # 即日
        "japanese_level": "business",
        "foreign_nationals_ok": True,
        "interview_count": 2,
    },
    "ja-p-05": {"settlement_range": "140-180h", "max_commercial_depth": 1},  # 一社先まで
    "ja-p-07": {
        "required_skills": ["Go", "Docker", "Kubernetes"],
        "remote": "full",
        "start_date": date(2025, 12, 1),  # 来月
        "max_commercial_depth": 0,  # 貴社まで
    },
    "zh-p-01": {
        "title": "Java开发工程师",
        "required_skills": ["Java", "Spring Boot", "MySQL", "Redis"],
        "skill_years": {"Java": 3.0},  # 3年以上Java开发经验
        "min_experience_years": None,
        "budget_min": 25_000, "budget_currency": "CNY", "budget_period": "month",
        "remote": "none",  # 驻场
        "interview_count": 2,
    },
    "zh-p-04": {
        "budget_min": 800, "budget_period": "day", "monthly_budget_min": 16_000,
        "min_experience_years": 2.0,
    },
    "zh-p-06": {
        "required_skills": ["Go", "Kubernetes", "PostgreSQL"],
        "budget_min": 25_000, "budget_max": 30_000, "budget_currency": "CNY",
        "remote": "partial",
    },
    "en-p-01": {
        "title": "Senior Java Developer",
        "required_skills": ["Java", "Spring Boot", "Microservices", "AWS"],
        "preferred_skills": ["Kafka", "Kubernetes"],
        "min_experience_years": 10.0,
        "budget_min": 65, "budget_currency": "USD", "budget_period": "hour",
        "monthly_budget_min": 65 * 160,
        "location": "Dallas, TX",
        "remote": "partial",
        "foreign_nationals_ok": False,  # USC/GC only
    },
    "en-p-02": {
        "required_skills": ["GCP", "Python", "SQL", "Spark", "Airflow"],
        "preferred_skills": ["dbt", "Terraform"],
        "min_experience_years": 6.0,
        "budget_min": 70, "budget_max": 75, "monthly_budget_max": 75 * 160,
        "remote": "full",
    },
    "en-p-04": {  # "a DevOps engineer" names the role; the skills line says what it asks for
        "required_skills": ["Kubernetes", "Terraform", "AWS", "CI/CD", "PostgreSQL"],
        "place": "Austin",
        "remote": "none",
        "budget_min": 80,
    },
}  # fmt: skip


@pytest.mark.parametrize("email_id", sorted(PROJECTS))
def test_project_fields_match_the_fixture(email_id: str) -> None:
    _assert_fields(_projects(email_id)[0], PROJECTS[email_id])


CANDIDATES = {
    "ja-c-01": {
        "name": "T.K", "age": 32, "experience_years": 8.0,
        "skills": ["Java", "Spring Boot", "PostgreSQL", "AWS"],
        "rate_min": 650_000, "rate_currency": "JPY", "rate_period": "month",
        "nearest_station": "JR中央線 三鷹駅",
        "available_from": REFERENCE,  # 即日
        "japanese_level": "native",
        "employment_type": "正社員",
    },
    "ja-c-02": {
        "name": "S.Y", "age": 28, "nationality": "CN", "japanese_level": "N1",
        "commercial_depth": 0, "place": None,
        "skills": ["Linux", "AWS", "Terraform", "Docker"],
        "monthly_rate_min": 550_000,
        "available_from": date(2025, 12, 1),
    },
    "ja-c-04": {
        "employment_type": "個人事業主", "age": 45,
        "available_from": date(2026, 1, 1), "nearest_station": "東京メトロ 茗荷谷駅",
    },
    "zh-c-01": {
        "name": "王先生", "age": 33, "experience_years": 8.0,
        "skills": ["Java", "Spring Boot", "MySQL", "Redis", "Kafka"],
        "rate_min": 30_000, "rate_currency": "CNY", "rate_period": "month",
        "available_from": REFERENCE,  # 随时
        "location": "北京朝阳",
    },
    "zh-c-03": {"age": 30, "japanese_level": "N2", "monthly_rate_min": 25_000},
    "zh-c-04": {"experience_years": 5.0, "available_from": date(2025, 12, 1), "rate_min": 18_000},
    "en-c-02": {
        "name": "Ravi K.", "experience_years": 12.0,
        "skills": [".NET", "C#", "Azure", "SQL Server"],
        "rate_min": 70, "rate_currency": "USD", "rate_period": "hour",
        "monthly_rate_min": 11_200, "employment_type": "C2C",
    },
    "en-c-05": {
        "experience_years": 8.0, "employment_type": "W2",
        "available_from": date(2025, 12, 1),
        "skills": ["Kubernetes", "Docker", "Terraform", "AWS", "Jenkins"],
    },
    "en-c-07": {"name": "Li Wei", "skills": ["Go", "PostgreSQL", "Docker", "gRPC"]},
}  # fmt: skip


@pytest.mark.parametrize("email_id", sorted(CANDIDATES))
def test_candidate_fields_match_the_fixture(email_id: str) -> None:
    _assert_fields(_candidate(email_id), CANDIDATES[email_id])


def test_visa_is_kept_in_the_extracted_payload() -> None:
    assert _candidate("en-c-02").extracted["visa"] == "H1B"


def test_several_anken_blocks_become_one_project_each() -> None:
    projects = _projects("ja-p-03")
    assert [p.title for p in projects] == [
        "ECサイトのフロントエンド改修", "物流システムの保守運用", "データ基盤構築",
    ]  # fmt: skip
    assert [p.block_index for p in projects] == [0, 1, 2]
    assert [p.monthly_budget_min for p in projects] == [650_000, 550_000, 800_000]
    assert projects[2].preferred_skills == ["Spark"]
    assert [p.remote for p in projects] == ["partial", None, "full"]


def test_numbered_positions_in_english_and_chinese_split_into_projects() -> None:
    assert len(_projects("en-p-05")) == 2
    zh = _projects("zh-p-05")
    assert [p.monthly_budget_min for p in zh] == [40_000, 20_000]


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Skills: JS, k8s, Postgres", ["JavaScript", "Kubernetes", "PostgreSQL"]),
        ("スキル：JavaScript／Kubernetes／PostgreSQL", ["JavaScript", "Kubernetes", "PostgreSQL"]),
        ("Skills: Java, JavaScript", ["Java", "JavaScript"]),
        ("言語：C / C++ / C#", ["C", "C++", "C#"]),
        ("Skills: Go, R, Python", ["Go", "R", "Python"]),
        ("Let's go to the R&D meeting at C building", []),
        ("We will Go live in March", []),
        ("Node.js と Vue.js の経験", ["Node.js", "Vue.js"]),
    ],
)
def test_skill_synonyms_merge_and_short_names_need_a_skill_context(text, skills) -> None:
    assert extract_skills(text) == skills


def test_required_and_preferred_skills_are_separated() -> None:
    required, preferred = split_skills("必須：Java\n尚可：AWS、Java\n")
    assert (required, preferred) == (["Java"], ["AWS"])


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        ("単価：60~70万円", "ja", (600_000, 700_000, "JPY", "month", 600_000)),
        ("時給：3,500円", "ja", (3_500, 3_500, "JPY", "hour", 560_000)),
        ("预算：2.5万元/人月", "zh", (25_000, 25_000, "CNY", "month", 25_000)),
        ("单价：800元/人天", "zh", (800, 800, "CNY", "day", 16_000)),
        ("年薪：36万", "zh", (360_000, 360_000, "CNY", "year", 30_000)),
        ("Rate: $65/hr C2C", "en", (65, 65, "USD", "hour", 10_400)),
        ("Salary: $120k per year", "en", (120_000, 120_000, "USD", "year", 10_000)),
        ("Rate: $60-$70 per hour", "en", (60, 70, "USD", "hour", 9_600)),
    ],
)
def test_rates_normalise_unit_currency_and_period_to_monthly(line, lang, expected) -> None:
    money = parse_money(line, lang)
    assert money is not None
    assert (money.minimum, money.maximum, money.currency, money.period, money.monthly_min) == (
        expected
    )


def test_skill_dependent_rate_is_not_a_number() -> None:
    assert parse_money("単価：スキル見合い", "ja") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("即日", REFERENCE),
        ("ASAP", REFERENCE),
        ("来月～", date(2025, 12, 1)),
        ("2026年2月1日", date(2026, 2, 1)),
        ("1月中旬", date(2026, 1, 11)),
        ("12/15/2025", date(2025, 12, 15)),
        ("December 1", date(2025, 12, 1)),
        ("相談", None),
    ],
)
def test_start_dates_resolve_against_the_mail_date(value: str, expected) -> None:
    assert parse_date(value, REFERENCE) == expected
