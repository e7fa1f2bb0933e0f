"""Each form a recruiter writes, one case per form: years, lists, money, places, labels."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.emails.extraction import (
    commercial_depth,
    extract_candidate,
    extract_projects,
    extract_skills,
    japanese_level,
    max_commercial_depth,
    nationality,
    parse_money,
    remote,
    remote_only,
    split_skills,
    start_date,
    years_of_experience,
)

REFERENCE = date(2025, 11, 10)


@pytest.mark.parametrize(
    ("text", "per_skill", "total"),
    [
        ("7+ years Python", {"Python": 7}, None),
        ("Must have 7+ years", {}, 7),
        ("5+ years in data engineering", {}, 5),
        ("Java 8年, Spring Boot 5年", {"Java": 8, "Spring Boot": 5}, None),
        ("5年 Swift 开发", {"Swift": 5}, None),
        ("Python：6年", {"Python": 6}, None),
        ("ＪＡＶＡ５年、ＳＰＲＩＮＧ　ＢＯＯＴ３年", {"Java": 5, "Spring Boot": 3}, None),
        ("Vue.js（2年）、React", {"Vue.js": 2}, None),
        ("経験年数：10年", {}, 10),
        ("工作年限：8年", {}, 8),
        ("工作经验：6年", {}, 6),
        ("工作經驗：6年", {}, 6),  # traditional
        ("Java、Spring Boot での開発経験3年以上", {}, 3),  # a list shares one figure: overall
        ("3+ years of experience with React and Node.js", {}, 3),
        ("IT経験10年、Java 5年", {"Java": 5}, 10),
        ("年齢：32歳", {}, None),
        ("期間：6ヶ月", {}, None),
        ("React 1年6ヶ月", {"React": 1.5}, None),
        ("Terraformによるコード化（4年）やLinux運用", {"Terraform": 4}, None),  # bracketed
        ("技能：C#、SQL Server（C# 5年以上）", {"C#": 5}, None),  # inner skill, bracket open
        ("Bash (5+ years DevOps overall)", {}, 5),
        ("5年前端经验", {}, 5),  # 年前 is "years ago", 年前端 is not
    ],
)
def test_years_of_experience_in_every_common_form(text, per_skill, total) -> None:
    years = years_of_experience(text)
    assert (years.per_skill, years.total) == (per_skill, total)


@pytest.mark.parametrize(
    "text",
    [
        "①Java ②Spring Boot",
        "■Java\n◆Spring Boot",
        "・Java\n・Spring Boot",
        "1.Java\n2.Spring Boot",
        "(1)Java\n(2)Spring Boot",
        "⑴Java ⑵Spring Boot",
        "❶Java ❷Spring Boot",
        "ＪＡＶＡ、Ｓｐｒｉｎｇ　Ｂｏｏｔ",
    ],
)
def test_enumerated_lists_never_erase_skills(text: str) -> None:
    assert extract_skills(text) == ["Java", "Spring Boot"]


def test_numbered_required_and_preferred_lists() -> None:
    required, preferred = split_skills("【必須】\n①Java\n②Oracle\n【尚可】\n①AWS")
    assert (required, preferred) == (["Java", "Oracle"], ["AWS"])


def test_a_welcome_line_that_is_not_about_skills_does_not_turn_skills_preferred() -> None:
    required, _ = split_skills("外国籍の方も歓迎します。\nJava、Spring Boot")
    assert required == ["Java", "Spring Boot"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("50万円～", "ja", (500_000, None, "JPY", "month")),
        ("～65万", "ja", (None, 650_000, "JPY", "month")),
        ("750,000 JPY per month", "en", (750_000, 750_000, "JPY", "month")),
        ("2.5-3万/人月", "zh", (25_000, 30_000, "CNY", "month")),
        ("$85/hr on C2C", "en", (85, 85, "USD", "hour")),
        ("期望薪资：91万日元/月", "zh", (910_000, 910_000, "JPY", "month")),  # unit, not language
        ("期望薪資：91萬日元/月", "zh", (910_000, 910_000, "JPY", "month")),  # traditional
        ("单价：2万元/月", "ja", (20_000, 20_000, "CNY", "month")),
        ("希望単価：$60/hour", "ja", (60, 60, "USD", "hour")),
        ("時給 3000円", "ja", (3_000, 3_000, "JPY", "hour")),
        ("日給：2万円", "ja", (20_000, 20_000, "JPY", "day")),
        ("報酬：月額50万円以上", "ja", (500_000, None, "JPY", "month")),
        ("予算：80万円まで", "ja", (None, 800_000, "JPY", "month")),
        ("精算：140-180h\n単価：55万", "ja", (550_000, 550_000, "JPY", "month")),
        ("Rate: $65/hr C2C max", "en", (None, 65, "USD", "hour")),
        ("薪資期望：每月3萬元人民幣", "zh", (30_000, 30_000, "CNY", "month")),
    ],
)
def test_money_as_people_write_it(text, lang, expected) -> None:
    money = parse_money(text, lang)
    assert money is not None
    assert (money.minimum, money.maximum, money.currency, money.period) == expected


@pytest.mark.parametrize("text", ["単価：スキル見合い", "薪资：面议", "资本金：1000万円"])
def test_open_or_company_figures_are_not_a_rate(text: str) -> None:
    assert parse_money(text, "ja") is None


def test_a_yen_rate_in_a_chinese_mail_is_stored_in_yen_per_month() -> None:
    body = (
        "您好，推荐一位候选人。\n姓名：李先生\n技能：Java、Spring\n"
        "期望单价：91万日元/月\n到岗：随时"
    )
    profile = extract_candidate("人才推荐", body, "zh", REFERENCE)
    assert (profile.rate_min, profile.rate_currency, profile.rate_period) == (
        910_000,
        "JPY",
        "month",
    )
    assert profile.monthly_rate_min == 910_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("工作地點：臺北市", "Taipei"),
        ("住所：神奈川県川崎市", "Kanagawa"),
        ("居住地：埼玉県", "Saitama"),
        ("最寄駅：東急東横線 日吉駅", "Kanagawa"),
        ("现住址：上海市浦东新区", "Shanghai"),
        ("所在地：大连", "Dalian"),
        ("I am based in Dallas, TX.", "Dallas"),
        ("Currently located in Bangalore", "Bangalore"),
    ],
)
def test_where_people_live_or_work(text: str, expected: str) -> None:
    assert extract_candidate("", text, None, REFERENCE).place == expected


def test_a_signature_address_is_not_the_engineer_s_place() -> None:
    body = (
        "技術者のご紹介です。\nスキル：Java\n\n--\n株式会社サンプル\n"
        "〒105-0001 東京都港区虎ノ門1-1\nTEL: 03-0000-0000"
    )
    assert extract_candidate("", body, "ja", REFERENCE).place is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("稼働：12月～", date(2025, 12, 1)),
        ("参画可能日：2026年1月5日", date(2026, 1, 5)),
        ("到岗时间：随时", REFERENCE),
        ("到職時間：12月", date(2025, 12, 1)),  # traditional
        ("入场时间：2026年1月", date(2026, 1, 1)),
        ("Available from Jan 5", date(2026, 1, 5)),
        ("開始：来月～", date(2025, 12, 1)),
        ("期間：2026/01～長期", date(2026, 1, 1)),
        ("可到職日：4月1日", date(2026, 4, 1)),
        ("到職時間：兩週後", date(2025, 11, 24)),
        ("到職日：越快越好", REFERENCE),
        ("◆時期：12月1日～", date(2025, 12, 1)),
        ("Can join after 2 weeks notice", date(2025, 11, 24)),
        ("Availability: after the current project ends in January", date(2026, 2, 1)),
        ("5月1日起可以参加新项目", date(2026, 5, 1)),
        ("Need a Data Engineer asap.\nstart 12/1", date(2025, 12, 1)),  # the written date wins
    ],
)
def test_availability_and_start(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("remote: full", "full"),
        ("遠端工作", "full"),
        ("部分遠端", "partial"),
        ("フルリモート", "full"),
        ("週3日出社", "partial"),
        ("常駐", "none"),
        ("驻场", "none"),
        ("出社・在宅いずれも対応可能です", "partial"),
        ("居家办公为主，每月到公司1~2次", "partial"),
        ("全程駐場（不可遠端）", "none"),
        ("希望到现场工作（不做远程）", "none"),
        ("Tokyo, remote 2-3 days a week", "partial"),
    ],
)
def test_remote(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("フルリモートのみ希望", True),
        ("出社不可", True),
        ("仅远程", True),
        ("remote only", True),
        ("只考虑全远程的机会（不接受驻场）", True),
        ("He is only open to fully remote positions", True),
        ("出社可", None),  # accepting onsite is not a constraint
        ("スキル：Java", None),
    ],
)
def test_remote_only(text: str, expected) -> None:
    assert remote_only(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【商流】貴社まで", 0),
        ("商流：貴社社員まで", 0),
        ("自社社員のみ", 0),
        ("商流：1社先まで", 1),
        ("貴社BPまで", 1),
        ("2社先まで", 2),
        ("エンド直", None),
        ("商流不問", None),
        ("単価：60万", None),
        ("【商流】エンド直→弊社（1社先まで）", 1),  # the limit, not the chain above the sender
        ("商流：限贵司员工及一层合作方", 1),
        ("Commercial flow: up to one company beyond yours", 1),
        ("employees of your company only", 0),
        ("【商流】僅限貴司員工，感謝你們", 0),  # traditional
    ],
)
def test_project_commercial_chain(text: str, expected) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("弊社社員のご紹介です", 0),
        ("所属：弊社正社員", 0),
        ("弊社プロパー", 0),
        ("This is our own employee", 0),
        ("弊社BPの要員です", 1),
        ("協力会社社員", 1),
        ("所属：一社先", 1),
        ("partner's employee", 1),
        ("an engineer employed by our partner company", 1),
        ("以下為合作夥伴公司的工程師", 1),  # traditional
        ("二社先の個人事業主", 2),
        ("スキル：Java", None),
    ],
)
def test_candidate_commercial_depth(text: str, expected) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        ("日本語：N1", False, "N1"),
        ("日本語能力：JLPT N2", False, "N2"),
        ("日语一级", False, "N1"),
        ("日本語：ネイティブ\n英語：ビジネス", False, "native"),
        ("英語：ネイティブ\n日本語：日常会話", False, "conversational"),
        ("日本語：ビジネスレベル", False, "business"),
        ("日本語：N2以上", True, "N2"),
        ("JLPT N1 or N2", True, "N2"),
        ("スキル：Java", False, None),
        ("日本語\nN1", False, "N1"),  # an HTML table's label cell above its value
        ("日語：日常會話", False, "conversational"),  # traditional
    ],
)
def test_japanese_level(text: str, minimum: bool, expected) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍：中国", "CN"),
        ("国籍：日本（帰化）", "JP"),
        ("国籍：日本（已入籍）", "JP"),
        ("国籍：ベトナム", "VN"),
        ("Nationality: Indian", "IN"),
        ("韓国籍", "KR"),
        ("国籍：台灣", "TW"),
        ("國籍：中華民國（台灣）", "TW"),
        ("He is a US citizen based in Denver", "US"),
        ("Nationality .. Vietnamese (Engineer visa)", "VN"),  # dot leaders
        ("スキル：Java", None),
    ],
)
def test_nationality_is_an_iso_code(text: str, expected) -> None:
    assert nationality(text) == expected


def test_project_rows_carry_skill_years_and_place() -> None:
    body = (
        "【案件名】決済基盤\n【必須】Java 5年以上、AWS 3年以上\n【勤務地】品川駅\n【商流】1社先まで"
    )
    (project,) = extract_projects("案件", body, "ja", REFERENCE)
    row = project.as_row()
    assert row["skill_years"] == {"Java": 5.0, "AWS": 3.0}
    assert (row["place"], row["max_commercial_depth"]) == ("Tokyo", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("面談は2回（弊社・エンド）です。", 2),
        ("面接：1回", 1),
        ("面试两轮", 2),
        ("面試共三關", 3),
        ("> 面談：兩次", 2),
        ("面谈：一次（线上）", 1),
        ("Interview: 2 rounds", 2),
        ("Mode of interview : 2 technical rounds", 2),
        ("start April 1st, 3 interviews.", 3),
        ("Three interviews.", 3),
        ("[Interview] once", 1),
        ("Interviews: Phone screen + final onsite (2 rounds)", 2),
    ],
)
def test_interview_count(text: str, expected: int) -> None:
    (project,) = extract_projects("", text, None, REFERENCE)
    assert project.interview_count == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("外国籍の方はご遠慮いただいております。", False),
        ("外国籍：N1相当であれば可", True),
        ("Foreign nationals welcome (visa support available)", True),
        ("Must be a US citizen", False),
        ("国籍：外籍不可（需日本国籍）", False),
        ("◆国籍：不問", True),
        ("Visa: USC, GC, GC-EAD only", False),
        ("[Nationality] Japanese nationals only", False),
        ("Work Authorization: Open to H1B transfers", True),
        ("本案件は外国籍の方もご提案いただけます", True),
        ("外籍人员：可以接受（需中文流利）", True),
    ],
)
def test_foreign_nationals_in_prose(text: str, expected: bool) -> None:
    (project,) = extract_projects("", text, None, REFERENCE)
    assert project.foreign_nationals_ok is expected


def test_description_lines_do_not_add_required_skills_when_requirements_are_listed() -> None:
    body = "What you'll do: build payment APIs in Go with gRPC on GCP.\nRequirements\n- Go, gRPC"
    (project,) = extract_projects("", body, "en", REFERENCE)
    assert project.required_skills == ["Go", "gRPC"]


def test_a_nice_to_have_heading_keeps_its_list_across_blank_lines() -> None:
    required, preferred = split_skills("Must Have\nApex, LWC\n\nGood to Have\n\nSalesforce CPQ")
    assert (required, preferred) == (["Apex", "Lightning Web Components"], ["Salesforce CPQ"])


def test_a_nice_to_have_clause_inside_a_requirement_line() -> None:
    required, preferred = split_skills("要求Unity 3年以上、C#扎实，有Shader经验加分。")
    assert (required, preferred) == (["Unity", "C#"], ["Shader"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Start: 1st week of April", date(2026, 4, 1)),
        ("Start: April", date(2026, 4, 1)),
        ("Start: mid-April", date(2026, 4, 15)),
        ("Availability: 30 days notice", date(2025, 12, 10)),
        ("Target start date - May 4", date(2026, 5, 4)),
    ],
)
def test_english_start_forms(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("面談：リモート\n勤務地：品川（常駐）", "none"),
        ("面试：远程视频", None),
        ("Remote interview, then onsite in Dallas", "none"),
    ],
)
def test_a_remote_interview_is_not_remote_work(text: str, expected) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Remote roles only", "She cannot work onsite", "出社は難しいです", "无法驻场",
     "Not open to onsite or hybrid"],
)  # fmt: skip
def test_more_ways_to_say_remote_only(text: str) -> None:
    assert remote_only(text) is True
