"""Profile readers (pipeline/emails/extraction/profiles.py), one case per form a recruiter
writes: nationality, remote, Japanese level, 商流 depth, foreign nationals, with near misses."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.emails.extraction import (
    commercial_depth,
    extract_candidate,
    extract_projects,
    foreign_nationals_ok,
    japanese_level,
    max_commercial_depth,
    nationality,
    remote,
    remote_only,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍は日本です。", "JP"),
        ("国　籍：日本", "JP"),  # a label spaced out to align its colon
        ("帰化済", "JP"),
        ("中国出身、帰化済み", "JP"),
        ("国籍：中国（已归化日本）", "JP"),
        ("外国籍（ベトナム）、29歳", "VN"),
        ("中国人、30代男性", "CN"),
        ("ベトナム出身のエンジニア", "VN"),
        ("中国の方です", "CN"),
        ("K.S／35歳／男性／ベトナム／N2／即日", "VN"),
        ("Priya | Indian | 7 yrs | Python", "IN"),
        ("Kenji T. (Japanese, 35) - Java 8 yrs", "JP"),
        ("She holds Japanese citizenship.", "JP"),
        ("He is a Chinese engineer based in Osaka.", "CN"),
        ("He is from Vietnam and lives in Osaka.", "VN"),
        ("Nationality/Visa: Japanese", "JP"),
        ("Nationality: JP", "JP"),
        ("Nationality — Polish", "PL"),
        ("Citizen of Vietnam", "VN"),
        ("US Citizen", "US"),
    ],
)
def test_nationality_in_the_forms_people_write(text: str, expected: str) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "日本語：日本人と同等レベル",  # a level, not a nationality
        "東京都在住、日本語ネイティブ",  # where, not who
        "勤務地：日本橋",
        "日本語・英語",
        "Location: Tokyo, Japan",
        "帰化申請中",  # applying is not naturalised
        "He is a Java developer.",
    ],
)
def test_nationality_is_not_read_from_places_languages_or_skills(text: str) -> None:
    assert nationality(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("无需驻场，全程线上", "full"),  # onsite named only to waive it
        ("不需要驻场", "full"),
        ("周二、周四到公司", "partial"),
        ("远程+现场", "partial"),
        ("居家办公可，偶尔到公司开会", "partial"),
        ("Remote-first; occasional office visits in Shibuya.", "partial"),
        ("Location: Boston, MA - onsite 4 days/week", "partial"),
        ("Remote: No", "none"),
        ("Remote: Partial", "partial"),
        ("リモート：不可", "none"),
        ("フルリモート希望ですが、月1回程度の出社は対応可能です。", "partial"),
    ],
)
def test_remote_forms(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_remote_only_is_not_claimed_when_onsite_is_accepted() -> None:
    assert remote_only("フルリモート希望ですが、月1回程度の出社は対応可能です。") is None
    assert remote_only("完全在宅のみ（出社不可）") is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese business level, Chinese native.", "business"),  # the clause about Japanese
        ("日本語：堪能", "business"),
        ("日语：日语一级", "N1"),
    ],
)
def test_japanese_level_reads_the_clause_about_japanese(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("所属：パートナー様のBP", 2),
        ("合作公司的合作伙伴的员工", 2),
        ("He is two companies away from us.", 2),
        ("所属：弊社契約社員", 0),
    ],
)
def test_commercial_depth_two_companies_away(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


def test_a_limit_stated_across_a_wrapped_line_is_read() -> None:
    text = "Japanese nationals only, and candidates must be up to one company\naway from you."
    assert max_commercial_depth(text) == 1
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize("text", ["【外籍】不可", "外国籍：不可", "外籍人员：不接受"])
def test_foreign_nationals_refused_under_a_label(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各位合作伙伴：您好，我司有一位工程师", None),  # the greeting names no one's employer
        ("協力会社各位", None),
        ("Dear Partners,", None),
        ("这位是我们合作公司的Java工程师", 1),
        ("以下为合作伙伴公司的工程师", 1),
        ("He works for our partner company.", 1),
        ("She is our partner's vendor's consultant.", 2),
    ],
)
def test_commercial_depth_is_a_person_of_a_partner_not_a_greeting(
    text: str, expected: int | None
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He will only consider fully remote roles.",
        "She is only interested in remote work.",
        "Strictly remote.",
        "不考虑驻场",
        "リモート案件限定でお願いします",
    ],
)
def test_remote_only_forms(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize("text", ["Open to remote or onsite.", "Remote preferred."])
def test_a_preference_is_not_remote_only(text: str) -> None:
    assert remote_only(text) is None


def test_a_single_projects_subject_states_its_constraints() -> None:
    (project,) = extract_projects(
        "【フルリモート・1社先まで・外国籍不可】Java案件",
        "必須：Java 3年以上\n単価：70万円",
        "ja",
        date(2026, 5, 20),
    )
    assert (project.remote, project.max_commercial_depth, project.foreign_nationals_ok) == (
        "full",
        1,
        False,
    )


def test_the_body_wins_over_the_subject() -> None:
    (project,) = extract_projects(
        "【フルリモート】Java案件",
        "必須：Java\n勤務形態：常駐（リモート不可）",
        "ja",
        date(2026, 5, 20),
    )
    assert project.remote == "none"


def test_a_candidates_subject_states_remote_only() -> None:
    profile = extract_candidate(
        "【フルリモートのみ】Javaエンジニアのご紹介", "スキル：Java 5年", "ja", date(2026, 5, 20)
    )
    assert (profile.remote, profile.remote_only) == ("full", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A security engineer based in Nagoya. Japanese citizen, native speaker.", "native"),
        ("Japanese national, English native speaker", None),  # the level is of another language
    ],
)
def test_a_level_in_the_clause_after_japanese(text: str, expected: str | None) -> None:
    assert japanese_level(text) == expected


def test_a_candidate_replying_to_a_project_states_its_own_terms_not_the_quoted_ones() -> None:
    body = (
        "ご紹介いたします。\n"
        "Java 8年、Spring Boot 5年。\n"
        "現案件が2月末までとなっており、ご参画は3月1日からとなります。\n"
        "\n"
        "> ■開始時期：1月〜長期\n"
        "> ■リモート：フルリモート\n"
        "> ■日本語：N1\n"
    )
    profile = extract_candidate("Re: 【案件】Java 1月〜", body, "ja", date(2026, 11, 22))
    assert profile.available_from == date(2027, 3, 1)
    assert profile.remote is None and profile.japanese_level is None


def test_an_indented_angle_bracket_is_the_senders_bullet_not_a_quote() -> None:
    body = (
        "Hello Manabe-san,\n\nThank you for sharing the Go / gRPC payments role.\n\n"
        "Profile\n > Initials: T.K.\n > Japanese national, lives in Setagaya-ku, Tokyo\n"
        " > Go 7 years, gRPC 3 years, Kubernetes 4 years\n > Rate: JPY 820,000 / month\n"
        " > Available from early November\n\n> Required: Go (5 years), gRPC\n> Start: October\n"
    )
    profile = extract_candidate("Re: Go / gRPC", body, "en", date(2026, 10, 1))
    assert profile.nationality == "JP" and profile.available_from == date(2026, 11, 1)
    assert profile.skill_years == {"Go": 7.0, "gRPC": 3.0, "Kubernetes": 4.0}


def test_a_us_citizens_only_project_in_tokyo_names_its_citizenship() -> None:
    body = (
        "Location: Tokyo (onsite)\nRequired: Palo Alto Networks\n"
        "The candidate must be a U.S. citizen; permanent residents cannot be considered.\n"
    )
    (project,) = extract_projects("Network engineer", body, "en", date(2026, 10, 1))
    assert project.foreign_nationals_ok is False and project.citizenship == "US"
    (open_project,) = extract_projects(
        "Network engineer", "Location: Tokyo\n外国籍可", "ja", date(2026, 10, 1)
    )
    assert open_project.citizenship is None


def test_a_start_said_below_the_profiles_closing_rule_is_read_and_the_signature_is_not() -> None:
    body = (
        "推荐一位工程师。\n\n姓名：X.Q，男，34岁\nC++：7年\n所属：我司正式员工\n"
        "---------------------------------\n\n"
        "到岗时间需要说明：他现在负责的项目要做到八月中旬才交接完，\n"
        "所以最早8月16日以后才能进场。\n\n"
        "管博\n衡序软件（日本）株式会社\n〒104-0052 东京都中央区月岛1-14-7\n电话：03-5547-2281\n"
    )
    profile = extract_candidate("推荐", body, "zh", date(2027, 5, 10))
    assert profile.available_from == date(2027, 8, 16)
    assert profile.nationality is None  # not the（日本）of the sender's company name


def test_terms_said_below_the_profiles_closing_rule_are_the_offers() -> None:
    body = (
        "弊社社員をご紹介いたします。\n\n"
        "━━━━━━━━━━━━━━━━\n"
        "氏名：K.T\n"
        "スキル：Java（6年）\n"
        "単価：60万円\n"
        "━━━━━━━━━━━━━━━━\n\n"
        "週3日程度の出社は問題ございません。\n\n"
        "株式会社サンプル 田中\n"
        "TEL 03-0000-0000\n"
    )
    profile = extract_candidate("【人材】Java 6年", body, "ja", date(2026, 10, 1))
    assert profile.remote == "partial"
