"""The fields the matcher's hard constraints and filters read, in the layouts people write.

Remote / remote-only / location, availability and start, nationality and 外国籍, 商流 depth and
limits, and the Japanese level: each case is a form seen in staffing mail, and the fifth dev
set (intake_dev5.yaml) scores them all through the real intake path.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipeline.emails.extraction.chain import commercial_depth, max_commercial_depth
from pipeline.emails.extraction.dates import parse_date, start_date
from pipeline.emails.extraction.nationality import (
    foreign_nationals_ok,
    japanese_level,
    nationality,
)
from pipeline.emails.extraction.places import HOME_LABELS, WORK_LABELS, find_place
from pipeline.emails.extraction.remote import remote, remote_only
from pipeline.emails.extraction.text import prepare
from pipeline_tests.emails.heldout_predictions import predict
from pipeline_tests.fixtures.heldout import (
    CONSTRAINT_FIELDS,
    field_scores,
    load_dev2,
    load_dev3,
    load_dev4,
    load_dev5,
    load_dev8,
    load_dev10,
    load_dev11,
    load_heldout,
    to_eml,
)
from pipeline_tests.fixtures.test_heldout import _check_truth

REFERENCE = date(2026, 5, 20)


# --- layouts ---------------------------------------------------------------------------


def test_a_row_of_labels_over_one_row_of_values_is_one_record() -> None:
    text = "| 氏名 | 国籍 | 日本語 | 稼働 |\n| T.K | 日本 | ネイティブ | 6/2~ |"
    assert nationality(text) == "JP"
    assert japanese_level(text) == "native"
    assert start_date(text, REFERENCE) == date(2026, 6, 2)


def test_a_slash_separated_header_over_one_row_and_arrows_for_colons() -> None:
    text = "Name / Nationality / Location / Available\nK.S / Indian / Tokyo / Apr 1\n"
    assert nationality(text) == "IN"
    assert start_date(text, REFERENCE) == date(2027, 4, 1)
    assert start_date("- start -> May 1, 6 months", date(2026, 3, 28)) == date(2026, 5, 1)
    assert start_date("- start date 2026-07-01", REFERENCE) == date(2026, 7, 1)


def test_html_header_cells_over_value_cells_pair_up() -> None:
    # How an HTML table with a header row renders: one block of labels, one of values.
    text = "推荐如下:\n\n国籍\n日语\n所在城市\n到岗\n\n越南\n日常会话\n上海\n5月中旬\n"
    assert nationality(text) == "VN"
    assert japanese_level(text) == "conversational"
    assert find_place(text, HOME_LABELS) == "Shanghai"
    assert start_date(text, REFERENCE) == date(2026, 5, 11)


def test_a_header_over_several_rows_stays_a_list() -> None:
    # A skills table (one skill per row) is not one record: its rows are left as they are.
    fields = prepare("|スキル|経験|\n|Python|6年|\n|GCP|半年|").fields
    assert "スキル: Python" not in fields


@pytest.mark.parametrize(
    "line",
    [
        "■国籍　日本",
        "◎国籍 日本",
        "（国籍）日本",
        "国籍＝日本",
        "★国籍=日本",
        "〇国籍：日本",
        "│国籍│日本│",
        "国　籍　日本",
        "国 籍：日本",
    ],
)
def test_a_labelled_nationality_in_many_layouts(line: str) -> None:
    assert nationality(f"お世話になっております。\n{line}\n以上") == "JP"


def test_a_bulleted_label_before_an_equals_sign() -> None:
    text = "★国籍=中国\n★日本語=N2\n★稼働=6/2~\n"
    assert nationality(text) == "CN"
    assert japanese_level(text) == "N2"
    assert start_date(text, REFERENCE) == date(2026, 6, 2)


@pytest.mark.parametrize("mark", ["■", "◆", "▼", "● "])
def test_a_bulleted_label_alone_on_its_line_takes_the_next_line(mark: str) -> None:
    text = f"{mark}日本語\nN1\n{mark}稼働\n6月2日\n"
    assert japanese_level(text) == "N1"
    assert start_date(text, REFERENCE) == date(2026, 6, 2)


# --- availability and start ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年6月2日以降であれば参画可能です。", date(2026, 6, 2)),
        ("稼働開始可能日は6月2日です。", date(2026, 6, 2)),
        ("参画は最短で6月2日から可能です。", date(2026, 6, 2)),
        ("稼働可能時期は2026年6月2日頃。", date(2026, 6, 2)),
        ("9月中旬からご参画いただけます。", date(2026, 9, 11)),
        ("下个月开始，为期半年。", date(2026, 6, 1)),
        ("He can join from the 18th of May.", date(2026, 5, 18)),
        ("Available 18th June onwards", date(2026, 6, 18)),
        ("She can begin working from the middle of June.", date(2026, 6, 15)),
        ("Kicking off on the 24th of August.", date(2026, 8, 24)),
        ("Can join within 30 days", date(2026, 6, 19)),
        ("He could start next month.", date(2026, 6, 1)),
        ("He rolls off his current project at the end of June.", date(2026, 7, 1)),
        ("He will be free after June.", date(2026, 7, 1)),
        ("Open to new projects from July.", date(2026, 7, 1)),
        ("Ready for a new project in August.", date(2026, 8, 1)),
        ("Available two months from now.", date(2026, 7, 20)),
        ("She is available now.", date(2026, 5, 20)),
        ("Looking at a July start.", date(2026, 7, 1)),
        ("Beginning mid-July, 6 months+", date(2026, 7, 15)),
    ],
)
def test_availability_in_sentences(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("24 October 2026", date(2026, 10, 24)),
        ("the 2nd of June", date(2026, 6, 2)),
        ("June 2", date(2026, 6, 2)),
        ("5 years Java, free June", date(2026, 6, 1)),  # "5 years" is no day
    ],
)
def test_english_dates_with_the_day_first_or_last(value: str, expected: date) -> None:
    assert parse_date(value, REFERENCE) == expected


# --- nationality ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("出身は中国で、日本語はビジネスレベル。", "CN"),
        ("6月2日入場可。国籍日本。", "JP"),
        ("Passport: India", "IN"),
        ("Citizen of the Republic of Korea.", "KR"),
        ("He is a national of India.", "IN"),
        ("Indian by nationality.", "IN"),
        ("She's Korean and has lived in Japan for 8 years.", "KR"),
        ("Quick intro: she's South Korean, lives in Fukuoka.", "KR"),
        ("Indian citizen, not naturalized.", "IN"),
        ("国籍：中国（帰化申請中）", "CN"),
        ("国籍：中国（未帰化）", "CN"),
        ("国籍：日本（帰化済）", "JP"),
        ("国籍（在留資格）：中国（永住者）", "CN"),
        ("国籍/在留資格：ベトナム / 技術・人文知識・国際業務", "VN"),
        ("Wei Zhang (Chinese, 34) is based in Osaka and speaks fluent Japanese.", "CN"),
        ("Priya S. - Indian - 8 yrs - based in Tokyo", "IN"),
        ("Min-jun (Korean) lives in Yokohama.", "KR"),
        ("Ji-ho Park, South Korean, JLPT N1", "KR"),
        ("A Korean developer living in Osaka", "KR"),
        ("Indian (H1B)", "IN"),
        ("Visa status: Permanent Resident (Japan), Chinese national", "CN"),
    ],
)
def test_nationality_as_written(text: str, expected: str) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is Japanese (native speaker) and currently employed.", "JP"),
        ("on behalf of Emily Clarke, a British full-stack engineer living in Fukuoka.", "GB"),
        ("國籍：馬來西亞", "MY"),  # traditional characters folded, then the country
        ("國籍：韓國", "KR"),
        ("國籍：菲律賓", "PH"),
    ],
)
def test_nationality_in_prose_and_in_traditional_characters(text: str, expected: str) -> None:
    assert nationality(prepare(text, "zh" if "國" in text else None)) == expected


def test_a_language_list_or_a_place_is_not_a_nationality() -> None:
    assert nationality("Skills: Java\nLanguages: English / Japanese\n") is None
    assert nationality("Based in Tokyo, Japan. Skills: Java") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("外籍人士也可以，日语要求N3即可。", True),
        ("Candidates of any nationality are welcome.", True),
        ("国籍：日本国籍の方のみ", False),
        ("Japanese nationals only (naturalized citizens are fine)", False),
    ],
)
def test_foreign_nationals(text: str, expected: bool) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本国籍者のみ", False),
        ("外国籍の方のご提案はご遠慮ください", False),
        ("不接受外国籍", False),  # a refusal, not the 接受外国籍 it contains
        ("Must hold Japanese citizenship", False),
        ("Only Japanese citizens", False),
        ("No foreign nationals", False),
        ("Foreign nationals not accepted", False),
        ("国籍制限なし", True),
        ("国籍：問わない", True),
        ("无国籍限制", True),
        ("Nationality: no restriction", True),
        ("外国人也可以", True),
        ("Non-Japanese candidates are welcome", True),
        ("Foreigners OK", True),
        ("外国籍の方も、日本語が日常会話レベル以上であればご提案いただけます。", True),
        ("外国籍の方は日本語ネイティブ並みであれば可とします。", True),
        ("・国籍：問いません（日本語N2レベル以上）", True),
        ("Nationality: open to non-Japanese candidates", True),
        ("Citizens of Japan only.", False),
    ],
)
def test_foreign_nationals_phrase_families(text: str, expected: bool) -> None:
    assert foreign_nationals_ok(text) is expected


# --- 商流 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("エンド直の案件ですが、再委託は不可のため貴社所属の方のみでお願いします。", 0),
        ("※ 1社先所属の方までご提案可能", 1),
        ("商流：仅限贵司员工", 0),
        ("商流は二次請けまで可となります。", 2),
        ("We accept consultants up to one company away from you.", 1),
    ],
)
def test_commercial_limits(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商流：贵司员工或一社先为止", 1),  # own staff OR one company away: the wider limit
        ("商流制限：貴社社員または1社先まで", 1),
        ("商流：1社先まで（2社先不可）", 1),  # an allowance capped by a refusal
        ("商流：貴社社員まで（1社先不可）", 0),
        ("一社先不可", 0),  # a refused hop alone allows one fewer
        ("商流：2社先不可", 1),
        ("再々委託不可", 1),
        ("最多接受二层", 2),
        ("外包層級：最多一層", 1),
        ("限贵司员工及一级合作方", 1),
        ("仅限贵司员工或贵司直接合作公司员工", 1),
        ("Layers: max 1", 1),
        ("Up to 2 layers between you and the consultant", 2),
        ("No more than two vendors in between.", 2),
        ("Your employees or your direct subcontractors only", 1),
        ("商流：貴社社員様まで", 0),  # between 貴社 and まで: no partner word, own staff
        ("貴社の協力会社まで", 1),  # a partner word between them: one company away
        ("貴社直個人まで", 1),  # a freelancer under contract to the reader is a company
        ("【商流】貴社社員、または貴社と直接契約の個人事業主の方まで", 1),
        (
            "No subcontracting beyond your direct partners: your own staff or your partner's staff",
            1,
        ),
        ("We can accept partner employees (1 company away) but no deeper chains.", 1),
        ("Your own staff only, please.", 0),
        ("No re-subcontracting: your company's employees only.", 0),
        ("ご提案は貴社社員もしくは貴社BP様所属まで", 1),
        ("商流：貴社＋1社まで", 1),
        ("Subcontracting: not allowed", 0),
        ("One level of subcontracting allowed", 1),
        ("We accept your subcontractors but not theirs", 1),
        ("Layer restriction: up to 2", 2),
        ("2社下まで", 2),  # 社下 counts as 社先 does
        ("下請けは1社まで", 1),
        ("商流：貴社BPまで（3次請け不可）", 1),  # the allowance, within the refusal
        ("商流制限：貴社の先まで", 1),
    ],
)
def test_commercial_limit_phrase_families(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "日语一级",
        "办公室在3层",
        "商流不問",
        "本案件は貴社にのみご案内しております",
        "貴社限定のご案内",
    ],
)
def test_levels_and_floors_are_not_a_commercial_limit(text: str) -> None:
    assert max_commercial_depth(text) is None


def test_end_direct_alone_says_nothing_about_the_limit() -> None:
    assert max_commercial_depth("エンド直案件です。勤務地：東京") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("弊社と業務委託契約のフリーランス（個人事業主）をご紹介いたします。", 0),
        ("敝司為台北的軟體公司，以下為我們的正式員工：", 0),
        ("Sharing the profile of one of our in-house engineers.", 0),
        ("Please find below a candidate from our partner company.", 1),
        ("所属会社：パートナー企業", 1),
        ("Employer: our partner company", 1),
        ("The consultant is on our partner's payroll.", 1),
    ],
)
def test_commercial_depth_of_a_candidate(text: str, expected: int) -> None:
    assert commercial_depth(prepare(text, "zh" if "敝司" in text else None)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商流：弊社→BP→本人", 1),  # a written chain: the companies after the sender
        ("商流：弊社 - 協力会社 - 本人", 1),
        ("商流：エンド→弊社→BP→BP→本人", 2),
        ("商流：弊社→本人", 0),
        ("当社の正社員です", 0),
        ("弊社のプロパー社員", 0),
        ("雇用形態：正社員（弊社）", 0),
        ("フリーランス（弊社と直接契約）", 0),
        ("所属：我司", 0),
        ("雇佣关系：我司直签", 0),
        ("W2 with our company", 0),
        ("Independent contractor working directly with us", 0),
        ("所属：弊社パートナー", 1),
        ("所属：协力公司", 1),
        ("He works for our implementation partner", 1),
        ("Through our vendor partner, one layer", 1),  # not a possessive: one company
        ("所属：弊社二次BP", 2),
        ("二级合作公司员工", 2),
        ("Employed by a partner of our partner", 2),
        ("本人選為合作公司的下游合作公司員工（距敝司兩層）。", 2),  # layers from us, said outright
        ("▲ 所属：我司正式社员", 0),
        ("推薦一位合作廠商的員工（一層）：", 1),
        ("He is a W2 employee of our company.", 0),
        ("a profile from a vendor we work with (so one company away from us).", 1),
        ("Chain: employee of our direct partner", 1),
        ("所属：二社下", 2),
        ("所属：BP（二次）", 2),
        ("a subcontractor of our subcontractor", 2),
        ("他是我们的直签员工", 0),
        ("Employed directly by us (W2)", 0),
        ("H1B with us", 0),
        ("He works directly for us", 0),
        ("We are his employer", 0),
        ("Employer: XYZ Tech (our partner)", 1),
        ("He is a contractor with our partner", 1),
        ("from our vendor network", 1),
        ("two tiers away", 2),
        ("tier 2 vendor", 2),
        ("パートナー様の社員", 1),
        ("所属：個人事業主（弊社直）", 0),
        ("所属：フリーランス（弊社と契約）", 0),
        ("所属会社：弊社", 0),
        ("弊社の業務委託", 0),
    ],
)
def test_commercial_depth_phrase_families(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


def test_a_chain_above_the_sender_says_nothing_about_the_engineer() -> None:
    assert commercial_depth("商流：エンド→元請→弊社") is None


# --- remote and location --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Location: Marunouchi, Tokyo - five days a week in the office", "none"),
        ("Onsite only, he does not want to work from home.", "none"),
        ("He prefers remote but can come to the office two days a week.", "partial"),
        ("每周三天去客户公司，其余时间在家办公。", "partial"),
        ("办公：远程或现场均可", "partial"),
        ("遠端：不可", "none"),
        ("Looking for a fully-remote contract.", "full"),
        ("工作方式：灵活办公", "partial"),
        ("办公方式：混合", "partial"),
        ("到岗/居家均可", "partial"),
        ("每周需进场两天", "partial"),
        ("可離岸也可赴日", "partial"),
        ("遠距工作", "full"),
        ("遠距：不可", "none"),
        ("每周两到三天到岗", "partial"),
        ("每周可以到岗2天", "partial"),
        ("每周五天到岗", "none"),
        ("週5日出社", "none"),
    ],
)
def test_remote_as_written(text: str, expected: str) -> None:
    chinese = re.search("[遠远办岗家赴]", text) is not None
    assert remote(prepare(text, "zh" if chinese else None)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "只接受完全远程",
        "僅接受遠端",
        "只接受遠距工作",
        "出社：不可",  # the office refused under its own label
        "Onsite: not possible",
        "驻场：不可",
        "完全リモート必須",
        "希望：フルリモート（必須）",
        "フルリモートが条件です",
        "Fully remote required",
        "100% remote (hard requirement)",
        "通勤不可",
        "不去客户现场",
        "无法到岗办公",
        "フルリモートでなければ参画できません",
        "必须远程",
        "Needs a fully remote role",
        "Remote work is a requirement",
        "He can only work from home",
        "Not willing to relocate or commute",  # not 'willing to relocate'
        "fully remote, no office visits",
    ],
)
def test_remote_only_phrase_families(text: str) -> None:
    assert (remote_only(text), remote(text)) == (True, "full")


@pytest.mark.parametrize(
    "text",
    [
        "只接受远程面试",  # how the interview runs, not the work
        "フルリモート希望ですが、月1回の出社は対応可能です",
        "两周内无法立即到岗",
        "到岗：不能马上到岗，需两周",
    ],
)
def test_not_remote_only(text: str) -> None:
    assert remote_only(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "勤務：出社",
        "働き方：出社メイン",
        "Work style: onsite 5 days",
        "全日出社",
        "Must work from the client office",
        "No WFH",
        "在宅NG（常駐のみとなります）",  # remote named to be refused
        "常駐のみ可（リモートの案件は希望されていません）",
        "常駐のみ（ご本人が在宅での作業を希望しておりません）",
        "本人希望继续在现场工作，不接受居家办公。",
        "He wants a fully on-site role and will not take remote work.",
        "Onsite: yes, 5 days a week is fine; not looking for remote",
        "工作地点：东京都中央区，全部现场",
        "地点：大连软件园，需到公司办公",
        "项目地点：千叶县千叶市（现场作业）",
        "リモートワークは希望しません",
        "The work is at the customer's office in Shinagawa.",
        "Daily commute to the office in Umeda",
        "出社前提の案件です",
        "毎日出社",
        "在宅勤務なし",
        "需每天到公司",
        "無遠端",
        "不提供远程",
        "需進駐客戶端",
        "可以去日本现场",
        "Office-based only",
        "Remote: N/A",
        "remote: not available",
    ],
)
def test_onsite_only_phrase_families(text: str) -> None:
    assert remote(text) == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("リモート：フル", "full"),
        ("リモート：完全", "full"),
        ("リモート：フル（月1出社）", "partial"),
        ("Remote: fully remote only, cannot go onsite", "full"),
        ("テレワーク：週3日", "partial"),  # a number of days is part-time
        ("出社頻度：週2回", "partial"),
        ("出社：月1回程度", "partial"),
        ("出社：週5", "none"),
        ("出社：なし", "full"),
        ("是否远程：否", "none"),
        ("远程：可以", "partial"),  # one of the ways, as リモート可 is
        ("居家办公：可", "partial"),
        ("Remote possible", "partial"),
        ("原則出社", "none"),
        ("In office Tue-Thu", "partial"),
        ("主要远程，每月去一次公司", "partial"),
        ("支持远程", "partial"),
        ("无法接受远程", "none"),
    ],
)
def test_remote_values_and_office_days_under_a_label(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("フルリモート希望（出社も月1回程度なら可）", "partial"),  # the office on terms
        ("远程：可以远程，也可以去现场", "partial"),
        ("◇リモート：フルリモート案件のみ希望（出社不可）", "full"),  # the office refused
        ("工作地点：深圳（完全远程，不需要去现场）", "full"),
    ],
)
def test_remote_either_way_or_with_the_office_refused(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_a_work_style_naming_both_is_not_onsite_only() -> None:
    assert remote("勤務形態：出社・リモート併用") == "partial"


def test_remote_only_with_a_hyphen() -> None:
    assert remote_only("She wants a remote-only contract.") is True
    assert remote_only("Remote or onsite, either is fine.") is None


def test_a_wish_for_full_remote_is_not_a_refusal_of_onsite() -> None:
    # 希望 states a preference: fully remote, but not the remote-only hard constraint.
    assert remote("働き方：フルリモート希望") == "full"
    assert remote_only("働き方：フルリモート希望") is None
    assert remote_only("働き方：フルリモートのみ（出社不可）") is True


def test_a_fully_remote_project_runs_nowhere_but_where_a_label_or_sentence_says() -> None:
    from pipeline.emails.extraction import extract_projects

    remote_only_firm = "有一个远程项目：\n1. 工作方式：完全远程\n2. 技能：Python\n上海澜海科技 何静"
    (project,) = extract_projects("需求", remote_only_firm, "zh", REFERENCE)
    assert project.place is None
    said = "稼働は5月からで、場所は渋谷区ですがフルリモートでの参画が可能です。"
    (project,) = extract_projects("案件", said, "ja", REFERENCE)
    assert (project.place, project.remote) == ("Tokyo", "full")


def test_the_senders_firm_is_not_where_the_engineer_lives() -> None:
    text = "您好，我是大连星海软件的刘洋，推荐一位工程师。\n目前在横滨，技能：Java"
    assert find_place(text, HOME_LABELS) == "Kanagawa"


def test_a_projects_client_firm_still_names_where_it_runs() -> None:
    text = "深圳南山区某互联网公司招数据分析师1名。\n薪资预算：300-400元/天"
    assert find_place(text, WORK_LABELS) == "Shenzhen"


# --- the fifth dev set ---------------------------------------------------------------


def test_the_fifth_dev_set_is_dev_only_and_states_constraint_fields_only() -> None:
    mails = load_dev5()
    assert len({m["id"] for m in mails}) == len(mails) >= 40
    assert {m["split"] for m in mails} == {"dev"}
    for language in ("ja", "zh", "en"):
        labels = [m["label"] for m in mails if m["lang"] == language]
        assert labels.count("candidate") >= 6 and labels.count("project") >= 4, language
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 3
    assert sum(1 for m in mails if m.get("html")) >= 4
    others = {
        m["id"] for loader in (load_heldout, load_dev2, load_dev3, load_dev4) for m in loader()
    }
    assert not {m["id"] for m in mails} & others
    for mail in mails:
        _check_truth(mail)
        assert set(mail["truth"]) <= set(CONSTRAINT_FIELDS), mail["id"]


def test_the_fifth_dev_set_reads_every_constraint_field_in_every_language() -> None:
    mails = load_dev5()
    predictions = []
    for mail in mails:
        category, fields, _ = predict(mail, to_eml(mail))
        assert category == mail["label"], mail["id"]
        predictions.append(fields)
    scores = field_scores(predictions, mails, fields=CONSTRAINT_FIELDS)
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, fields in scores["by_language"].items()
        for field, s in fields.items()
        if s["tp"] + s["fn"] + s["fp"] and s["f1"] < 0.9
    }
    assert low == {}


# --- the eighth dev set --------------------------------------------------------------


def test_the_eighth_dev_set_reads_every_constraint_field_and_money_in_every_language() -> None:
    """dev8 (written blind to the rules for the near misses a match let through): every
    constraint field and rate / budget at F1 0.95 or more per language where it has 3 or more
    cases (all reach 0.96 or more: one 'Bengaluru' is the vocabulary's Bangalore)."""
    mails = load_dev8()
    predictions = []
    for mail in mails:
        category, fields, _ = predict(mail, to_eml(mail))
        assert category == mail["label"], mail["id"]
        predictions.append(fields)
    scores = field_scores(predictions, mails, fields=(*CONSTRAINT_FIELDS, "rate", "budget"))
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, fields in scores["by_language"].items()
        for field, s in fields.items()
        if s["tp"] + s["fn"] >= 3 and s["f1"] < 0.95
    }
    assert low == {}


# --- the tenth dev set ---------------------------------------------------------------


def test_the_tenth_dev_set_reads_availability_remote_only_and_start_in_every_language() -> None:
    """dev10 (written blind to the rules for availability, remote-only people and projects'
    start and onsite conditions): every constraint field and rate / budget at F1 0.95 or more
    per language where it has 3 or more cases, and availability, remote-only, remote and start
    never read wrong (a wrong one excludes a good candidate)."""
    mails = load_dev10()
    predictions = []
    for mail in mails:
        category, fields, _ = predict(mail, to_eml(mail))
        assert category == mail["label"], mail["id"]
        predictions.append(fields)
    scores = field_scores(predictions, mails, fields=(*CONSTRAINT_FIELDS, "rate", "budget"))
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, fields in scores["by_language"].items()
        for field, s in fields.items()
        if s["tp"] + s["fn"] >= 3 and s["f1"] < 0.95
    }
    assert low == {}
    wrong = {
        field: scores[field]["fp"]
        for field in ("available_from", "remote_only", "remote", "start_date")
        if scores[field]["fp"]
    }
    assert wrong == {}


# --- the eleventh dev set ------------------------------------------------------------


def test_the_eleventh_dev_set_reads_depth_limits_nationality_and_availability() -> None:
    """dev11 (written blind to the rules for English candidates' 商流 depth, Chinese projects'
    limits, English projects' nationality conditions and availability in Japanese and Chinese
    prose): every constraint field and rate / budget at F1 0.95 or more per language where it
    has 3 or more cases (all measured 1.00), and depth, limits, 外国籍, availability, start,
    remote-only and remote never read wrong (a wrong one excludes a good candidate)."""
    mails = load_dev11()
    predictions = []
    for mail in mails:
        category, fields, _ = predict(mail, to_eml(mail))
        assert category == mail["label"], mail["id"]
        predictions.append(fields)
    scores = field_scores(predictions, mails, fields=(*CONSTRAINT_FIELDS, "rate", "budget"))
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, fields in scores["by_language"].items()
        for field, s in fields.items()
        if s["tp"] + s["fn"] >= 3 and s["f1"] < 0.95
    }
    assert low == {}
    never_wrong = (
        "commercial_depth",
        "max_commercial_depth",
        "foreign_nationals_ok",
        "available_from",
        "start_date",
        "remote_only",
        "remote",
    )
    wrong = {field: scores[field]["fp"] for field in never_wrong if scores[field]["fp"]}
    assert wrong == {}
