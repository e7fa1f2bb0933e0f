"""Skills and years (pipeline/emails/extraction/skills.py): forms added with the third dev set."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction import extract_skills, split_skills, years_of_experience


def test_the_heading_kihon_joho_is_not_the_certificate() -> None:
    assert extract_skills("・基本情報\n   外国籍（ベトナム）、29歳") == []
    assert extract_skills("資格：基本情報、応用情報") == ["基本情報技術者", "応用情報技術者"]


@pytest.mark.parametrize(
    ("text", "per_skill", "total"),
    [
        ("【必須】AWS（EC2/VPC/IAM）構築経験3年以上、Terraform", {"AWS": 3.0}, None),
        ("・必須：Playwright または Selenium の実務経験2年以上", {}, 2.0),  # either: the list's
        (
            "She's wrapping up her contract. She's spent the last 6 years on Python and Airflow.",
            {},
            6.0,
        ),
    ],
)
def test_years_in_brackets_alternatives_and_sentences(
    text: str, per_skill: dict[str, float], total: float | None
) -> None:
    years = years_of_experience(text)
    assert (years.per_skill, years.total) == (per_skill, total)


def test_nice_with_a_dash_is_a_preferred_label() -> None:
    required, preferred = split_skills("Exp - 6+ years React, Next.js\nNice - GraphQL")
    assert required == ["React", "Next.js"] and preferred == ["GraphQL"]
