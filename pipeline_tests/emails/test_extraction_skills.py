"""Skills and years (pipeline/emails/extraction/skills.py): forms added with the third dev set."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction import (
    canonical_skill,
    extract_skills,
    split_skills,
    years_of_experience,
)
from pipeline.emails.extraction.skills import Years
from pipeline_tests.emails.heldout_predictions import predict
from pipeline_tests.fixtures.heldout import (
    field_scores,
    load_dev2,
    load_dev3,
    load_dev4,
    load_dev5,
    load_dev6,
    load_heldout,
    to_eml,
)
from pipeline_tests.fixtures.test_heldout import _check_truth


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


@pytest.mark.parametrize(
    ("text", "per_skill", "total"),
    [
        ("工作经验：八年", {}, 8.0),
        ("■経験年数：十二年", {}, 12.0),
        ("拥有三年以上的Python开发经验", {"Python": 3.0}, None),
        ("Java（五年）、Spring Cloud（三年）", {"Java": 5.0, "Spring Cloud": 3.0}, None),
        ("Maria has been building data pipelines for about eight years.", {}, 8.0),
        ("第一年は研修でした", {}, None),  # an ordinal, not a figure
        ("one year contract", {}, None),
    ],
)
def test_years_written_in_kanji_or_words(
    text: str, per_skill: dict[str, float], total: float | None
) -> None:
    years = years_of_experience(text)
    assert (years.per_skill, years.total) == (per_skill, total)


def test_an_age_in_a_one_line_profile_spoils_only_its_own_item() -> None:
    years = years_of_experience("K.M/28歳/ベトナム/React 3年・TypeScript 2年・Next.js 1年")
    assert years.per_skill == {"React": 3.0, "TypeScript": 2.0, "Next.js": 1.0}
    assert years_of_experience("契約期間：2年").per_skill == {}
    assert years_of_experience("期間：長期（Java 3年の方）").total is None


def test_table_rows_give_each_skill_its_cell() -> None:
    box = "│スキル    │経験  │\n│Python    │6年   │\n│GCP       │半年  │"
    assert years_of_experience(box).per_skill == {"Python": 6.0, "GCP": 0.5}
    pipes = "| C++   | 10 yrs |\n| Qt    | 6 yrs  |"
    assert years_of_experience(pipes) == Years({"C++": 10.0, "Qt": 6.0}, None)


def test_a_total_with_each_skills_share_in_brackets() -> None:
    years = years_of_experience("Experience ....... 12 years (C# 12, .NET 10, Azure 5)")
    assert years == Years({"C#": 12.0, ".NET": 10.0, "Azure": 5.0}, 12.0)
    assert years_of_experience("Experience: 8 years (Python 5, some Go)") == Years({}, 8.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Total 10 years, of which React 4. Lives in Tokyo.", Years({"React": 4.0}, 10.0)),
        (
            "a C# / .NET developer, 8+ yrs of C#; 5 in .NET, available",
            Years({"C#": 8.0, ".NET": 5.0}, None),
        ),
        ("12 years in total, of which 4 on AWS", Years({"AWS": 4.0}, 12.0)),
        ("Java 8 years; 3 in Tokyo", Years({"Java": 8.0}, None)),  # a place, not a skill
        ("Team of 5, including React 4 people", Years({}, None)),  # no figure with a unit first
    ],
)
def test_a_share_of_a_figure_with_its_unit_left_out(text: str, expected: Years) -> None:
    assert years_of_experience(text) == expected


@pytest.mark.parametrize(
    "text", ["9月15日开始，预计半年以上。预算最高90万日元/月。", "项目為期一年，需要Java 5年以上。"]
)
def test_a_projects_expected_length_is_not_a_minimum_of_experience(text: str) -> None:
    assert years_of_experience(text, minimums=True).total is None


def test_a_figure_in_brackets_after_a_skill_and_its_words() -> None:
    line = "Mandatory: CCNA, Cisco routing & switching (5 yrs), Fortinet firewalls"
    assert years_of_experience(line).per_skill == {"Cisco": 5.0}


def test_dots_in_names_and_plus_in_names_are_not_markers() -> None:
    assert split_skills("- Next.js experience preferred") == ([], ["Next.js"])
    assert split_skills("熟悉SpringBoot、SpringCloud、MyBatis-Plus") == (
        ["Spring Boot", "Spring Cloud", "MyBatis"],
        [],
    )
    assert split_skills("Must: Go\nKafka is a plus") == (["Go"], ["Kafka"])


def test_a_context_form_after_a_slash_in_a_list() -> None:
    assert extract_skills("AWS（EC2/S3/Lambda）运维经验") == ["AWS", "EC2", "S3", "AWS Lambda"]


# --- the sixth dev set: skills, years and money in many layouts --------------------------

DEV6_FIELDS = (
    "skills",
    "skill_years",
    "experience_years",
    "rate",
    "required_skills",
    "preferred_skills",
    "min_experience_years",
    "budget",
)


def test_the_sixth_dev_set_is_dev_only_with_canonical_skills_in_every_language() -> None:
    mails = load_dev6()
    assert len({m["id"] for m in mails}) == len(mails) >= 36
    assert {m["split"] for m in mails} == {"dev"}
    others = {
        m["id"]
        for loader in (load_heldout, load_dev2, load_dev3, load_dev4, load_dev5)
        for m in loader()
    }
    assert not {m["id"] for m in mails} & others
    for language in ("ja", "zh", "en"):
        labels = [m["label"] for m in mails if m["lang"] == language]
        assert labels.count("candidate") >= 6 and labels.count("project") >= 6, language
    for mail in mails:
        _check_truth(mail)
        assert set(mail["truth"]) <= set(DEV6_FIELDS), mail["id"]
        truth = mail["truth"]
        named = [
            *truth.get("skills", ()),
            *truth.get("required_skills", ()),
            *truth.get("preferred_skills", ()),
        ]
        assert all(canonical_skill(s) == s for s in named), mail["id"]


def test_every_field_and_language_of_the_sixth_dev_set_reads_at_least_090() -> None:
    mails = load_dev6()
    fields = [predict(mail, to_eml(mail))[1] for mail in mails]
    scores = field_scores(fields, mails, canonical=lambda s: canonical_skill(s) or s)
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, by_field in scores["by_language"].items()
        for field, s in by_field.items()
        if s["tp"] + s["fn"] and s["f1"] < 0.9
    }
    assert low == {}


@pytest.mark.parametrize(
    "text",
    [
        "Go to https://example.com/react for details",
        "mail: java.dev@example.com",
        "Thanks & Regards, Swift Solutions Inc.",
        "株式会社ネットJava 営業部",
        "Visit us at Ruby Tower 5F",
        "Spring 2026 start",
        "Harsha - 6 yrs, Phoenix AZ",
        "Series C healthtech company",
        "No.3 R.N(男性・35歳)",
        "弊社はAWSパートナーです",
        "We are an AWS Advanced Partner",
    ],
)
def test_addresses_companies_seasons_and_initials_name_no_skill(text: str) -> None:
    assert extract_skills(text) == []


def test_years_for_five_years_of_work_and_short_units() -> None:
    assert years_of_experience("Javaを用いた開発に5年間従事").per_skill == {"Java": 5.0}
    assert years_of_experience("1年間の契約").total is None
    assert years_of_experience("Skills: Java(8y), Python(3y)").per_skill == {
        "Java": 8.0,
        "Python": 3.0,
    }
    # a figure after a list with its own words is the list's, "Python：6年" the skill's own
    assert years_of_experience("AWS/Terraform 経験10年") == Years({}, 10.0)
    assert years_of_experience("Java、Python：6年").per_skill == {"Python": 6.0}


def test_a_skills_table_with_a_years_column_of_bare_figures() -> None:
    html_cells = "Skill\nYears\n\nPython\n7\n\nAWS\n5\n\nRate: $80/hr"
    assert years_of_experience(html_cells).per_skill == {"Python": 7.0, "AWS": 5.0}
    pipes = "| Skill | Years |\n| Python | 7 |\n| Go | 3 |"
    assert years_of_experience(pipes).per_skill == {"Python": 7.0, "Go": 3.0}
    # no years column, no years
    assert years_of_experience("| Skill | Level |\n| Python | 3 |").per_skill == {}


def test_the_cells_of_a_one_line_offer_are_clauses() -> None:
    line = "【案件】Go/GCP/マイクロサービス｜渋谷｜～85万｜Go経験3年以上必須、GKE尚可"
    assert split_skills(line) == (["Go", "GCP", "Microservices"], ["GKE"])


def test_a_project_name_describes_and_does_not_require() -> None:
    text = "项目名称：电商平台微服务改造\n技术要求：Java 5年以上、Docker"
    assert split_skills(text) == (["Java", "Docker"], [])


@pytest.mark.parametrize(
    "text",
    [
        "Must: Java\nSecondary skills: Kafka",
        "Must: Java\nKafka - not mandatory",
        "Must have Java and nice to have Kafka",
        "Key skills: Java\nGood to know: Kafka",
        "必須：Java\nなお可：Kafka",
        "必須：Java\nKafkaは必須ではありません",
        "要求：Java\n最好有Kafka经验",
        "要求：Java\nKafka（非必须）",
    ],
)
def test_preferred_in_more_words(text: str) -> None:
    assert split_skills(text) == (["Java"], ["Kafka"])


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("over a decade of experience", 10.0),
        ("6+ YOE in backend", 6.0),
        ("3-5 years of experience", 3.0),  # a range asks for at least its lower end
        ("经验：3~5年", 3.0),
        ("a year of travel", None),
    ],
)
def test_decades_yoe_and_ranges_of_years(text: str, total: float | None) -> None:
    assert years_of_experience(text).total == total


@pytest.mark.parametrize(
    ("text", "per_skill"),
    [
        ("毕业后从事Java开发8年", {"Java": 8.0}),
        ("项目周期：6个月，Java 5年以上", {"Java": 5.0}),
        ("期間：長期　必須：Java3年以上", {"Java": 3.0}),
        ("期間：1年（延長あり）", {}),
        ("Contract: 2 years, Java", {}),
    ],
)
def test_a_duration_label_spoils_only_figures_it_owns(
    text: str, per_skill: dict[str, float]
) -> None:
    assert years_of_experience(text).per_skill == per_skill


def test_a_signature_and_a_quoted_mail_lend_no_skills_to_the_offer() -> None:
    from datetime import date

    from pipeline.emails.extraction import extract_candidate

    mail = (
        "お世話になっております。\n下記要員をご紹介します。\n・スキル：Python、Django\n"
        "・単価：60万円\nよろしくお願いいたします。\n━━━━━━━━━━━━━━━━\n"
        "株式会社サンプルテック 営業部 田中\n事業内容：SES（Java/AWS/Salesforce開発）\n"
        "TEL：03-1234-5678 Mail：tanaka@example.co.jp\n━━━━━━━━━━━━━━━━\n"
        "> 【案件】必須：Flutter 2年以上\n> 単価：～70万"
    )
    profile = extract_candidate("要員", mail, "ja", date(2026, 5, 1))
    assert profile.skills == ["Python", "Django"]
    assert (profile.rate_min, profile.rate_max, profile.skill_years) == (600_000, 600_000, {})


def test_a_project_keeps_its_required_years_a_candidate_its_largest() -> None:
    ask = "必須：Java 3年以上\n尚可：Java 5年以上のリーダー経験"
    assert years_of_experience(ask, minimums=True).per_skill == {"Java": 3.0}
    assert years_of_experience("Java 8年\n直近2年はJava").per_skill == {"Java": 8.0}


def test_a_figure_labelled_total_wins_over_other_labels() -> None:
    assert years_of_experience("Relevant experience: 6 yrs; total: 9 yrs").total == 9.0
    assert years_of_experience("Yrs of exp: 9").total == 9.0


def test_short_names_count_after_words_that_introduce_skills() -> None:
    assert extract_skills("得意：Go") == ["Go"]
    assert extract_skills("擅长R和Python") == ["R", "Python"]
    assert extract_skills("Let's go ahead, R&D team") == []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("8 years in Japan, Java 5 years", None),
        ("He has lived here 8 years and has 6 years of experience", 6.0),
        ("He worked 5 years in Japan", 5.0),  # working there is experience
        ("在日歴10年、Java 5年", None),
    ],
)
def test_years_of_living_or_studying_are_not_experience(text: str, total: float | None) -> None:
    assert years_of_experience(text).total == total


def test_figures_after_one_with_its_unit_share_it() -> None:
    years = years_of_experience("with 4 years of Databricks, 6 of Python and 9 of SQL.")
    assert years.per_skill == {"Databricks": 4.0, "Python": 6.0, "SQL": 9.0}
    # without a figure that names its unit first, a bare "6 of" is no years
    assert "Python" not in years_of_experience("a team of 6 of Python developers").per_skill


def test_shares_of_a_total_given_a_line_below_it() -> None:
    text = "Infrastructure engineer, 9 years in total\n  6 of those years on AWS, 4 on Terraform"
    assert years_of_experience(text).per_skill == {"AWS": 6.0, "Terraform": 4.0}


def test_a_one_line_offers_cells_keep_required_apart_from_the_preferred_cell() -> None:
    line = "Rust 4年以上 / 嵌入式Linux / 大阪驻场 / 2027年1月开始 / 会 Python、Go 优先 / 面试1次"
    assert split_skills(line) == (["Rust", "Linux"], ["Python", "Go"])


def test_a_skill_name_cut_by_the_line_wrap_is_one_skill() -> None:
    text = (
        "She has run the firewall estate for a regional bank for years, mostly on Check\n"
        "Point appliances, and some Fortinet boxes as well."
    )
    assert "Check Point" in extract_skills(text)


def test_shell_scripts_written_with_a_space_and_pi_po_alone() -> None:
    assert canonical_skill("Shell 脚本") == "Shell Script"
    assert canonical_skill("PI/PO") == "SAP PI/PO"
