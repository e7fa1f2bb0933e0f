"""Normalised text and its 'label: value' form (pipeline/emails/extraction/text.py): wrapped
prose joined, labels written with spaces, colons or a value on the next line."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction import prepare
from pipeline.emails.extraction.text import fields_form, labelled, normalise, unquoted_lines, unwrap


def test_hard_wrapped_prose_is_joined_and_items_are_not() -> None:
    text = (
        "Our client in Osaka needs an SAP ABAP consultant with at least 6 years of ABAP\r\n"
        "development and S/4HANA experience. Business-level Japanese is required.\r\n"
        "Name: John\r\n"
        "Rate: $80/hr\r\n"
        "インフラエンジニアとして6年の経験があり、AWS設計構築と運用を担当してまいりました\n"
        "埼玉県川口市在住で、出社・在宅いずれも対応可能です。\n"
        "・Java\n"
    )
    joined = unwrap(normalise(text)).splitlines()
    assert joined[0].endswith("of ABAP development and S/4HANA experience. Business-level "
                              "Japanese is required.")  # fmt: skip
    assert "Name: John" in joined and "Rate: $80/hr" in joined  # short label lines stay
    assert "担当してまいりました埼玉県川口市在住で" in joined[3]  # CJK joins without a space
    assert joined[-1] == "・Java"


def test_money_and_skills_read_the_lines_as_written() -> None:
    prepared = prepare("Rate is open for the right person; he worked on Java for a\nlong time.")
    assert "Java for a long time" in prepared.prose_fields
    assert "Java for a long time" not in prepared.fields


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("国籍 日本", "国籍: 日本"),  # one space after a CJK label
        ("稼働  即日", "稼働: 即日"),
        ("Nationality   Japanese", "Nationality: Japanese"),  # column-aligned English
        ("Experience with Java", "Experience with Java"),  # one space: prose, left alone
        ("国 籍: 日本", "国籍: 日本"),  # "国　籍" after NFKC
        ("【氏 名】K.S", "氏名: K.S"),
    ],
)
def test_labels_written_with_spaces(line: str, expected: str) -> None:
    assert fields_form(line) == expected


def test_a_short_label_line_takes_the_next_line_as_its_value() -> None:
    assert fields_form("Total experience:\n9 years") == "Total experience: 9 years"
    # a heading over labelled lines keeps them apart
    assert fields_form("候选人信息:\n姓名:王先生") == "候选人信息:\n姓名:王先生"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("国籍・・・日本", "国籍: 日本"),  # middle dots as leaders
        ("稼働 ーー 即日", "稼働: 即日"),
        ("Start ⇒ June", "Start: June"),
        ("〔単価〕60万円", "単価: 60万円"),
        ("・Nationality ...... Polish", "Nationality: Polish"),
        ("----------", "----------"),  # a rule line has no label
    ],
)
def test_leaders_arrows_and_brackets_stand_for_the_colon(line: str, expected: str) -> None:
    assert fields_form(line) == expected


def test_a_hotlist_header_of_english_fields_pairs_with_its_values() -> None:
    # an HTML table's header cells, then its value cells, one per line
    header = ["Nationality", "Japanese", "Location", "Available", "Work style", "Engagement"]
    values = ["Chinese", "Business level", "Yokohama", "July 20, 2026", "Onsite only", "Partner"]
    form = fields_form("\n".join([*header, "", *values]))
    assert "Engagement: Partner" in form.splitlines()
    assert "Japanese: Business level" in form.splitlines()


@pytest.mark.parametrize("header", ["Home", "Age", "Initials", "City", "Notes", "居住", "報價"])
def test_a_profile_tables_header_cells_pair_with_its_values(header: str) -> None:
    """An HTML table renders its header cells as one block of lines and its values as the next:
    every header a known label, or the table stays unpaired."""
    text = (
        f"Citizenship\nJapanese\n{header}\nAvailable\n\nJapanese citizen\nnative\nX1\nearly October"
    )
    form = fields_form(normalise(text))
    assert "Available: early October" in form.splitlines()
    assert f"{normalise(header)}: X1" in form.splitlines()  # 報價 reads as 报价


def test_a_wrapped_line_goes_on_with_a_lower_case_word_that_looks_like_a_label() -> None:
    text = (
        "G. Moreau is a .NET developer with 7 years of C# and 2 years of Blazor Server. He lives"
        " in\nMeguro, Tokyo, and is happy with three days a week in Osaki. His Japanese is\n"
        "conversational: fine for lunch and stand-ups, but he would struggle to run a meeting.\n"
    )
    (line,) = prepare(text).prose_lines
    assert "His Japanese is conversational: fine for lunch" in line


def test_quoted_lines_below_a_forward_marker_are_the_forwarded_mail() -> None:
    lines = [
        "パートナー各位", "元請様からの依頼を転送いたします。", "単価は上限70万円です。",
        "---------- 転送メッセージ ----------", "> 必須：Go（3年以上）", "> 開始：11月1日〜",
    ]  # fmt: skip
    assert unquoted_lines(lines) == lines
    reply = ["Thanks, we have someone.", "Rate 700k.", "Free from November.", "> Need a Go dev?"]
    assert unquoted_lines(reply) == reply[:3]


def test_a_traditional_chinese_forward_marker_keeps_its_quoted_mail() -> None:
    lines = [
        "各位夥伴好：", "轉寄一則日本客戶的需求，請協助找人。", "補充：推薦時請寫明國籍。",
        "---------- 轉寄的郵件 ----------", "> 必要技能：Scala（4年以上）、Akka",
    ]  # fmt: skip
    assert unquoted_lines(lines) == lines
    simplified = [line.replace("轉寄的郵件", "转寄的邮件") for line in lines]
    assert unquoted_lines(simplified) == simplified


def test_a_dash_stands_for_a_colon_only_at_the_start_of_a_line() -> None:
    assert labelled("  Rate - 740,000 yen / month", "rate") == "740,000 yen / month"
    assert labelled("engagements that are 100% remote - no travel to Osaka", "remote") is None


def test_a_rule_and_a_row_of_spaced_columns_are_not_wrapped_prose() -> None:
    text = (
        "-" * 64 + "\n"
        "イニシャル  最寄駅                  経験  スキル              単価    稼働開始\n"
        "T.H         中目黒（東京都目黒区）  8年   Go 5年／Memcached 3年  78万円  来年1月～\n"
    )
    lines = prepare(text).fields.splitlines()
    assert len(lines) >= 3
    assert "稼働開始: 来年1月~" in prepare(text).fields


def test_a_rule_around_a_forward_word_marks_a_forward() -> None:
    lines = [
        "敬啟者：", "補充：單價上限 85 萬日圓／月。", "麻煩各位了。",
        "——以下轉寄自客戶窗口——", "> 物流客戶要把批次處理改寫成 Dataflow 串流管線。",
    ]  # fmt: skip
    assert unquoted_lines(lines) == lines


def test_a_profile_table_whose_header_says_xianzhu_it_jingyan_and_zhuyao_jineng() -> None:
    text = (
        "国籍 | 年龄 | 现住 | IT经验 | 主要技能 | 日语 | 单价 | 可开始\n"
        "中国 | 35 | 千叶县 | 9年 | Java 9年 / Spring 5年 | N1 | 65万日元/月 | 2027年3月1日"
    )
    assert "可开始: 2027年3月1日" in fields_form(text).splitlines()


def test_an_html_tables_header_block_pairs_with_its_values_whole() -> None:
    # the cells render as a block of header lines over a block of value lines; the header goes
    # on in cells the label vocabulary does not know (a skill, "Salary ask")
    text = (
        "Consultant\nCitizenship\nBased in\nOracle\nSalary ask\nAvailable\n\n"
        "M. Reyes\nCanada\nSendai\n7 years\nCAD 95,000 / year\nOctober 5"
    )
    lines = fields_form(text).splitlines()
    assert "Citizenship: Canada" in lines and "Available: October 5" in lines


def test_a_value_that_spells_a_label_still_pairs_in_a_wide_row() -> None:
    text = (
        "Candidate\nResidence\nNationality\nSkills\nRate\nStart\n\n"
        "K. Sato\nChiba\nJapanese\nGo 5 yrs\nJPY 700,000 / month\n1 March"
    )
    assert "Nationality: Japanese" in fields_form(text).splitlines()


def test_a_space_aligned_table_with_a_dashed_rule_under_its_header() -> None:
    text = "姓名    年龄    国籍    日语\n----    ----    ----    ----\n刘某    34      中国    N2"
    lines = fields_form(text).splitlines()
    assert "国籍: 中国" in lines and "日语: N2" in lines
