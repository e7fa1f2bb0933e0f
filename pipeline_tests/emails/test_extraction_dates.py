"""Availability and start dates (pipeline/emails/extraction/dates.py) in the forms of
staffing mail, resolved against the mail's date."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.emails.extraction import start_date

REFERENCE = date(2026, 4, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("稼働：1ヶ月後より", date(2026, 5, 15)),  # the same day a month on
        ("到岗：一个月后", date(2026, 5, 15)),
        ("Notice period: 1 month", date(2026, 5, 15)),
        ("再来月から参画可能です", date(2026, 6, 1)),
        ("来月中旬から稼働可", date(2026, 5, 11)),
        ("入場可能日：即日", REFERENCE),
        ("稼動可能日：5月1日", date(2026, 5, 1)),  # 稼動, the other spelling
        ("空き予定：5月〜", date(2026, 5, 1)),
        ("6月以降参画可能です", date(2026, 6, 1)),
        ("SAP S/4HANA導入です。8月開始予定、単価は70万円。", date(2026, 8, 1)),
        ("7月起可以参加项目", date(2026, 7, 1)),
        ("Available June 1", date(2026, 6, 1)),
        ("Availability — June 1", date(2026, 6, 1)),
        ("Earliest start: May", date(2026, 5, 1)),
        ("The engagement starts in August.", date(2026, 8, 1)),
        ("we'd like them to start mid-May", date(2026, 5, 15)),
        ("She is available May 15.", date(2026, 5, 15)),
    ],
)
def test_start_and_availability_forms(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


def test_a_date_cut_by_the_line_wrap_is_read() -> None:
    text = "He wraps up his current project soon and will be available from\nJune 1, 2026."
    assert start_date(text, REFERENCE) == date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("現在の案件は6月末で終了予定です。", date(2026, 7, 1)),  # free the month after
        ("His current contract ends in June.", date(2026, 7, 1)),
        ("目前项目6月底结束。", date(2026, 7, 1)),
        ("現在待機中です。", REFERENCE),  # on standby: free now
        ("She is currently on the bench.", REFERENCE),
    ],
)
def test_availability_implied_by_an_ending_project_or_the_bench(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月スタート可能です", date(2026, 6, 1)),
        ("稼働スタート：6月", date(2026, 6, 1)),
        ("稼働：令和8年6月1日", date(2026, 6, 1)),  # the Reiwa era: 令和8年 is 2026
        ("参画可能日：R8.6.1", date(2026, 6, 1)),
    ],
)
def test_start_in_katakana_and_in_the_japanese_era(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


# REFERENCE is a Wednesday: next week starts on Monday 20 April.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下周一可以入场", date(2026, 4, 20)),
        ("来週月曜から参画可能です", date(2026, 4, 20)),
        ("下週三可到職", date(2026, 4, 22)),
        ("Available next Monday.", date(2026, 4, 20)),
        ("He can start next week.", date(2026, 4, 20)),
    ],
)
def test_a_day_of_next_week(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("稼働：今月末から", date(2026, 4, 30)),  # the month's last day
        ("到岗：本月中旬", REFERENCE),  # the 11th has passed: free from the mail's date
        ("Notice period: 30 days", date(2026, 5, 15)),
        ("Can start within a week.", date(2026, 4, 22)),
        ("Ready to onboard 1st of June.", date(2026, 6, 1)),
        ("可上工日期：6/1", date(2026, 6, 1)),
        ("報到日：2026/6/15", date(2026, 6, 15)),
        ("可開始日期：兩週後", date(2026, 4, 29)),
        ("项目周期：2026/06 ~ 长期", date(2026, 6, 1)),
        ("Available after his current contract ends on June 30.", date(2026, 7, 1)),
        ("开始工作时间：7月1日", date(2026, 7, 1)),
        ("Joining: 15 days", date(2026, 4, 30)),
        ("Notice: 1 month", date(2026, 5, 15)),
        ("参画可能：7月～(調整可)", date(2026, 7, 1)),
    ],
)
def test_this_month_notice_days_and_more_labels(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("④ 到岗：九月起", date(2026, 9, 1)),  # a month in kanji reads as its digits
        ("◆ 可報到日：八月起", date(2026, 8, 1)),
        ("(4) 可開始：十月", date(2026, 10, 1)),
        ("預計十一月開始", date(2026, 11, 1)),
        ("日籍、日文母語，下個月可以開始。", date(2026, 5, 1)),
        ("這次的案件是完全遠端，九月開始，", date(2026, 9, 1)),
        ("需現場作業，可即刻開始。", REFERENCE),
        ("报到: 隨时", REFERENCE),
        ("Java7年/30代男性/JR川口駅/9/1~/出社NG", date(2026, 9, 1)),  # a one-line offer
        ("His notice period is 1 month.", date(2026, 5, 15)),
        ("a fully remote engagement starting next month.", date(2026, 5, 1)),
        ("an embedded C engineer on-site (no remote) from November.", date(2026, 11, 1)),
        ("available mid-Sept", date(2026, 9, 15)),
        ("月底可以到岗", date(2026, 4, 30)),  # the last day of the mail's month
        ("稼働開始：8月第2週", date(2026, 8, 8)),
        ("Kick-off: 1 September", date(2026, 9, 1)),
    ],
)
def test_kanji_months_one_line_offers_and_notice(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一个月后可以到岗", date(2026, 5, 15)),  # a count of months, not January
        ("Worked at Acme from November 2023 to March 2025.", None),  # a range of the past
        ("発行日 2026/9/1~", None),  # a full date alone, not the 9/1~ of a one-line offer
    ],
)
def test_what_the_new_forms_do_not_take(text: str, expected: date | None) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("現案件が7月末まで。", date(2026, 8, 1)),  # engaged until: free the day after
        ("7月末まで現場がございます。", date(2026, 8, 1)),
        ("7月いっぱいは現場です。", date(2026, 8, 1)),
        ("7月末で現在の案件を終了予定です。", date(2026, 8, 1)),
        ("現在の案件は8月15日まで", date(2026, 8, 16)),
        ("目前项目到8月底", date(2026, 9, 1)),
        ("当前合同到8月15日", date(2026, 8, 16)),
        ("8月31日合同到期", date(2026, 9, 1)),
        ("She is engaged on a project until the end of August.", date(2026, 9, 1)),
        ("He is on the current project until August 31.", date(2026, 9, 1)),
        ("His current contract runs through August.", date(2026, 9, 1)),
        ("Not available until September.", date(2026, 9, 1)),
        ("He won't be available before September 15.", date(2026, 9, 15)),
        # notice to be given that many months ahead: free that many months on
        ("■稼働：退職手続きのため、2ヶ月前の通知が必要です", date(2026, 6, 15)),
        ("稼働時期：1か月前の申告が必要です", date(2026, 5, 15)),
        ("He can join after the current project finishes at the end of June.", date(2026, 7, 1)),
        ("Kick-off mid-June, six months with likely extension.", date(2026, 6, 15)),
    ],
)
def test_free_after_the_current_engagement(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "8月末までに参画できる方を募集",  # "by" the end of August, not engaged until
        "案件は12月末までの予定です",  # how long a project runs
        "12月末まで稼働予定",
        "项目持续到12月底",
        "The project runs until the end of March 2027.",
        "Available until August.",
        "Duration: 6 months",  # a length under a period label is not a start
        "Period: 6 months (extendable)",
        "期間：6ヶ月〜",
        "期间：需要3个月",
    ],
)
def test_an_end_or_a_length_that_is_not_a_start(text: str) -> None:
    assert start_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("离职需要一个月", date(2026, 5, 15)),  # a handover first
        ("目前在职，需要一个月交接", date(2026, 5, 15)),
        ("到岗：需一个月", date(2026, 5, 15)),
        ("引き継ぎに1ヶ月ほどかかります", date(2026, 5, 15)),
        ("就業可能日：9月1日", date(2026, 9, 1)),
        ("Project starts: Sep 1", date(2026, 9, 1)),
        ("Start timing: immediate", REFERENCE),
        ("Onboarding: September 1", date(2026, 9, 1)),
        ("Duration: Sep 2026 - Mar 2027", date(2026, 9, 1)),
        ("工期：9月~12月底", date(2026, 9, 1)),
        ("We need someone from 1 September.", date(2026, 9, 1)),
    ],
)
def test_handover_months_and_more_start_labels(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年内は抜けられないため、年明けからの参画となります", date(2027, 1, 1)),  # the new year
        ("来年初から参画可能です", date(2027, 1, 1)),
        ("明年初可以到岗", date(2027, 1, 1)),
        ("He will be available early next year.", date(2027, 1, 1)),
        ("She can start in the new year.", date(2027, 1, 1)),
    ],
)
def test_the_new_year_is_the_first_of_january(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He will be free after his current project wraps in Q3.", date(2026, 10, 1)),
        ("Available from Q3.", date(2026, 7, 1)),  # a quarter's first day
        ("Her contract ends in Q4.", date(2027, 1, 1)),
    ],
)
def test_a_quarter_and_the_end_of_one(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【9月初から／出社不可】Pythonエンジニア", date(2026, 9, 1)),  # a subject's bare start
        ("Java/9月~/出社NG", date(2026, 9, 1)),
        ("再来月から可能です", date(2026, 6, 1)),
        ("10月頭から可能です", date(2026, 10, 1)),
        ("可于下旬到岗", date(2026, 4, 21)),  # a ten-day part of the mail's month
        ("到岗：月中", REFERENCE),  # the 11th has passed
        ("Avail: 9/1", date(2026, 9, 1)),
        ("Her current assignment ends on 30 September.", date(2026, 10, 1)),
        ("Kick-off is mid-September; the role is hybrid.", date(2026, 9, 15)),
        ("The insurance portal project starts 1 November.", date(2026, 11, 1)),
        ("キックオフ 8/3", date(2026, 8, 3)),
        ("项目8月10日kick-off，人员需同日入场", date(2026, 8, 10)),
        ("專案啟動：2026年9月15日", date(2026, 9, 15)),
    ],
)
def test_subjects_quarters_kick_offs_and_day_first_ends(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "【9月～12月】Java案件",  # a range is a period, not a bare start
        "2019年4月～ 現在",  # a career line
        "He will be available late next year.",
    ],
)
def test_a_range_a_career_line_or_late_next_year_is_no_bare_start(text: str) -> None:
    assert start_date(text, REFERENCE) != date(2026, 9, 1)
    assert start_date(text, REFERENCE) != date(2027, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Current project ends 10/31.", date(2026, 11, 1)),  # free the day after
        ("He needs to serve a 60-day notice.", date(2026, 6, 14)),
        ("Available: beginning of next quarter", date(2026, 7, 1)),
        ("年底可到岗", date(2026, 12, 31)),  # the year's last day, as 月底 is the month's
        ("目前在项目上，12月才能出来", date(2026, 12, 1)),
    ],
)
def test_a_slash_end_day_notices_the_next_quarter_and_the_years_end(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize("text", ["年末年始休暇のお知らせ", "年末まで現場です"])
def test_the_years_end_alone_is_no_start(text: str) -> None:
    assert start_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ready in 2 weeks.", date(2026, 4, 29)),
        ("Available as of October 1.", date(2026, 10, 1)),
        ("Available effective October 1.", date(2026, 10, 1)),
        ("[Avail 10/1] Java dev", date(2026, 10, 1)),
        ("Java dev | Avail. Oct 1 | Remote only", date(2026, 10, 1)),
        ("【10月～】Java 要員", date(2026, 10, 1)),
        ("十月份可以开始", date(2026, 10, 1)),  # 月份 is 月
    ],
)
def test_ready_as_of_avail_and_a_bracketed_month(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He will be released from his current project at the end of September.",
            date(2026, 10, 1),
        ),
        ("Roll-off date: Sep 30", date(2026, 10, 1)),  # the last day on the project
        ("Last working day: 30 Sep", date(2026, 10, 1)),
        ("He is serving his notice period, last working day is September 30.", date(2026, 10, 1)),
        ("現案件は10月末でリリース予定です", date(2026, 11, 1)),
        ("预计10月底释放", date(2026, 11, 1)),
        ("目前还在项目中，预计11月可以释放", date(2026, 11, 1)),  # released in that month
        ("Joining time: 2 months", date(2026, 6, 15)),
        ("稼働可能月：11月", date(2026, 11, 1)),
        ("アサイン可能日：11月1日", date(2026, 11, 1)),
        ("可用时间：11月", date(2026, 11, 1)),
    ],
)
def test_released_from_the_current_engagement_and_more_labels(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "10月末にリリース予定のシステム開発",  # a system's release, not a person's
        "The app will be released at the end of September.",
        "リリース予定：10月末",
    ],
)
def test_a_systems_release_is_no_availability(text: str) -> None:
    assert start_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engagement to commence 1 October.", date(2026, 10, 1)),
        ("10月～長期", date(2026, 10, 1)),  # a start, then how long
        ("项目于10月1日正式开始", date(2026, 10, 1)),
        ("10月からの案件を探しております", date(2026, 10, 1)),
    ],
)
def test_a_projects_start_in_prose(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("来月15日から参画可能", date(2026, 5, 15)),  # a day of next month
        ("下个月15号可以到岗", date(2026, 5, 15)),
        ("Available from the 15th of next month.", date(2026, 5, 15)),
        ("Available mid next month.", date(2026, 5, 15)),
        ("Available end of next month.", date(2026, 5, 31)),
        ("今月20日から参画可能", date(2026, 4, 20)),  # a day of this month
        ("本月20号可到岗", date(2026, 4, 20)),
        ("20日から参画可能です", date(2026, 4, 20)),
        ("5日から参画可能", date(2026, 5, 5)),  # passed this month: the next month's
    ],
)
def test_a_day_of_this_or_next_month(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize("text", ["面談は20日です", "毎月20日締め", "20日に面談可能"])
def test_a_day_that_is_not_a_start(text: str) -> None:
    assert start_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("期間：即日～年末まで", REFERENCE),  # a period to the year's end starts now
        ("期間：即日～年末", REFERENCE),
        ("期間：年末まで", None),
        ("期間：即日～年明けまで", REFERENCE),
        ("到岗：年底", date(2026, 12, 31)),
    ],
)
def test_the_years_end_in_a_period_is_not_its_start(text: str, expected: date | None) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("期間：即日～9月末まで", REFERENCE),  # a period opening now, not its end
        ("期間：来月～12月末まで", date(2026, 5, 1)),
        ("Period: ASAP through December", REFERENCE),
    ],
)
def test_a_period_that_opens_now_or_next_month(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize("text", ["目前專案至8月底", "目前的专案到8月底"])
def test_a_taiwanese_project_until_a_months_end(text: str) -> None:
    assert start_date(text, REFERENCE) == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He can start two weeks from today.", date(2026, 4, 29)),
        ("Available 10 days from today.", date(2026, 4, 25)),
        ("・到職：目前合約到8/31，之後即可", date(2026, 9, 1)),  # the day after the contract
        ("到岗：目前合约到8月31日，之后即可", date(2026, 9, 1)),
        ("現案件が8/31までです", date(2026, 9, 1)),
        ("开始：8/1到12/31", date(2026, 8, 1)),  # a period, not an engagement's end
        ("【稼働】現場が今月で区切りとなるため、月明けから参画できます", date(2026, 5, 1)),
        ("稼働：月明けから", date(2026, 5, 1)),
        ("現在の契約が満了（9月末）となるため、その後の案件を探しております。", date(2026, 10, 1)),
        ("来月中旬以降であれば参画可能です", date(2026, 5, 11)),
    ],
)
def test_from_today_an_end_written_with_a_slash_and_the_months_turn(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected


def test_the_middle_of_this_month_is_never_before_the_mail() -> None:
    text = "弊社社員のAWSエンジニアが、今月中旬以降であれば参画可能です。"
    assert start_date(text, date(2026, 7, 6)) == date(2026, 7, 11)
    assert start_date(text, date(2026, 7, 14)) == date(2026, 7, 14)


def test_the_new_years_holiday_is_no_next_month() -> None:
    assert start_date("正月明けから参画可能", REFERENCE) != date(2026, 5, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He is currently on a project until 31 August.", date(2026, 9, 1)),  # the day after
        ("He is on his current assignment through the 15th of September.", date(2026, 9, 16)),
        ("Period: 1 September until 31 December", date(2026, 9, 1)),  # a period's start
    ],
)
def test_an_engagement_until_a_day_written_before_its_month(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The start date is Monday, January 4, 2027.", date(2027, 1, 4)),
        (
            "She is on a contract that runs through January 31, so the earliest she could start "
            "with you is February 1, 2027.",
            date(2027, 2, 1),
        ),
        ("Her earliest start date would be 3 November.", date(2026, 11, 3)),
    ],
)
def test_a_start_said_in_a_sentence_with_its_weekday(text: str, expected: date) -> None:
    assert start_date(text, date(2026, 10, 23)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("◇ From next month (November), 6 months, renewable", date(2026, 11, 1)),
        ("◎ 開始日：10月15日", date(2026, 10, 15)),
        (
            "离场必须提前三个月告知，今天已经向现场提出了，所以最早要从今天起三个月以后才能入场。",
            date(2027, 1, 23),
        ),
        (
            "As a first step, one of our permanent staff becomes free at the start of next month:",
            date(2026, 11, 1),
        ),
    ],
)
def test_starts_said_relative_to_the_mail(text: str, expected: date) -> None:
    assert start_date(text, date(2026, 10, 23)) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "+ Kick-off: 15 October, running to the end of March with a likely extension",
            date(2026, 9, 22),
            date(2026, 10, 15),
        ),
        (
            "他现在的专案要做到2027年2月底才结束，所以最快要3月1日才能进场。",
            date(2026, 10, 16),
            date(2027, 3, 1),
        ),
        (
            "本人は現在育児休業中で、2月末まで休業のため、復帰は2027年3月からとなります。",
            date(2026, 11, 1),
            date(2027, 3, 1),
        ),
        (
            "Emily, though the timing is later than your November start: she could only begin with "
            "you after that contract is over, in the new year.",
            date(2026, 10, 1),
            date(2027, 1, 1),
        ),
    ],
)
def test_a_start_beside_another_date_or_the_projects(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Although his start date is later than November: he is on parental leave until the end "
            "of January and returns to work on February 1, 2027.",
            date(2027, 2, 1),
        ),
        ("他目前在一家电商公司常驻，合同签到明年1月底，2月1日才能进新项目。", date(2027, 2, 1)),
    ],
)
def test_a_return_to_work_and_a_new_project_after_the_current_one(
    text: str, expected: date
) -> None:
    assert start_date(text, date(2026, 10, 6)) == expected


def test_a_start_day_before_a_tilde_to_the_end_of_the_term() -> None:
    assert start_date("◆ 開始：12/14（月）〜 3月末まで（延長可能性あり）", date(2026, 11, 2)) == (
        date(2026, 12, 14)
    )


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "Derek is on parental leave until the end of December; the first day he can work is "
            "Monday, January 4, 2027.",
            date(2026, 9, 17),
            date(2027, 1, 4),
        ),
        (
            "His client has extended him through the end of January, so the earliest he can move "
            "is 1 February 2027.",
            date(2026, 9, 18),
            date(2027, 2, 1),
        ),
        (
            "現在の案件が2027年3月いっぱいまで延長となり、貴社案件へ合流できるのは2027年4月1日以降です。"
            "11月開始のところ恐縮ですが",
            date(2026, 9, 28),
            date(2027, 4, 1),
        ),
        (
            "到職時間：目前專案12月上旬結束，預計12月中旬起可以參加",
            date(2026, 10, 15),
            date(2026, 12, 11),
        ),
        (
            "可開始時間：現在的合約做到今年年底為止，新年過後就能開始",
            date(2026, 10, 23),
            date(2027, 1, 1),
        ),
        ("他现在参与的银行项目合同签到12月31日，中途撤不出来", date(2026, 9, 9), date(2027, 1, 1)),
        ("◇ 入场日：11月2日（周一）", date(2026, 9, 22), date(2026, 11, 2)),
        ("Two interviews. Starting Wednesday 4 November.", date(2026, 10, 13), date(2026, 11, 4)),
    ],
)
def test_the_first_day_said_outright_beats_an_earlier_end_or_label(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "現在の常駐先との契約が12月末まで残っておりまして、動けるのは年明けの\n1月5日（火）からとなります。",
            date(2026, 9, 12),
            date(2027, 1, 5),
        ),
        (
            "~ timing: he is tied to a launch through December; his first day with you would be\n"
            "  January 4, 2027",
            date(2026, 9, 28),
            date(2027, 1, 4),
        ),
        (
            "With a three-month notice, if I resigned today my first free day would be January 5, "
            "2027.",
            date(2026, 10, 5),
            date(2027, 1, 5),
        ),
        (
            "項目｜內容\n────┼──────\n工作｜電商前端\n開始｜10月1日\n單價｜65萬日圓／月",
            date(2026, 9, 7),
            date(2026, 10, 1),
        ),
    ],
)
def test_a_first_free_day_or_a_start_in_a_pipe_table(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


def test_a_day_in_the_new_year_beats_the_new_year_itself() -> None:
    text = (
        "今の案件の引き継ぎが年内いっぱいかかる見込みで、参画は\n"
        "年明けの1月15日以降になってしまいます。"
    )
    assert start_date(text, date(2026, 10, 16)) == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "2027, so the first day she could start with you is 1 March 2027.",
            date(2026, 10, 8),
            date(2027, 3, 1),
        ),
        (
            "stay until then, so the earliest she could start with a new team is Monday, 4 January",
            date(2026, 9, 11),
            date(2027, 1, 4),
        ),
        (
            "The earliest he could join you is Monday, January 25.",
            date(2026, 10, 19),
            date(2027, 1, 25),
        ),
        (
            "her contract there ends on December 15, so she could start with you from December 15.",
            date(2026, 9, 9),
            date(2026, 12, 15),
        ),
        (
            "he is committed to his client until January 15, so Monday, January 18,\n2027 would be "
            "his first day with you.",
            date(2026, 10, 8),
            date(2027, 1, 18),
        ),
        (
            "誠に恐縮ですが、年明け1/4（月）以降の参画でご検討ください。",
            date(2026, 9, 25),
            date(2027, 1, 4),
        ),
        (
            "現在の現場が年末（12月末）まで続くため、年明け1月からの参画となります。",
            date(2026, 9, 24),
            date(2027, 1, 1),
        ),
        (
            "到岗时间：现项目要支援到明年二月上旬，明年二月中旬到岗",
            date(2026, 11, 5),
            date(2027, 2, 11),
        ),
        (
            "到岗：他目前的项目要做到明年一月底才结束，所以最早二月份才能过去",
            date(2026, 9, 11),
            date(2027, 2, 1),
        ),
        ("她目前的项目要做到今年十二月底。", date(2026, 9, 9), date(2027, 1, 1)),
        (
            "可上工日：目前的專案做到明年一月中旬，1月18日起可以開始",
            date(2026, 10, 9),
            date(2027, 1, 18),
        ),
        (
            "When: we'd love someone in a seat from Monday 16 November.",
            date(2026, 10, 1),
            date(2026, 11, 16),
        ),
    ],
)
def test_the_day_a_person_can_start_said_after_the_end_or_with_whom(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "いまの客先が12月25日までの契約でして、実際に動けるのは年が変わって2027年1月6日（水）\n"
            "からになります。",
            date(2026, 9, 24),
            date(2027, 1, 6),
        ),
        ("◎ 進場日：2026/10/05", date(2026, 9, 18), date(2026, 10, 5)),
        (
            "他目前的合同到12月底，而且年初要休假，最快明年1月5日才能入场",
            date(2026, 9, 30),
            date(2027, 1, 5),
        ),
        (
            "- 进场：他现在的项目延长到了11月中旬，所以11月16日起才能进场",
            date(2026, 9, 22),
            date(2026, 11, 16),
        ),
        (
            "she will not be free until next year.\n\n- Available from February 2027 (committed to "
            "her current client until the end of January)",
            date(2026, 10, 10),
            date(2027, 2, 1),
        ),
        (
            "> Is the role remote?\nFully remote.\n\n> Start date and rate?\nMonday, November 16. "
            "Up to USD 6,000 per month.",
            date(2026, 10, 8),
            date(2026, 11, 16),
        ),
        (
            "イニシャル  最寄駅      経験  単価    稼働開始\n"
            "T.H         中目黒      8年   78万円  来年1月～",
            date(2026, 10, 8),
            date(2027, 1, 1),
        ),
    ],
)
def test_a_first_day_after_a_new_year_a_quoted_question_or_a_spaced_table(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        (
            "ご参画は本日から2ヶ月ほど先、11月16日以降となる見込みです。",
            date(2026, 9, 12),
            date(2026, 11, 16),
        ),
        (
            "現在の案件が年明けまで続くため、ご参画は2027年2月1日からとなります。",
            date(2026, 10, 21),
            date(2027, 2, 1),
        ),
        ("■ 起始日：2026年10月19日", date(2026, 9, 28), date(2026, 10, 19)),
        (
            "| Availability     | his current contract runs until mid-    |\n"
            "|                  | November; first day with you Nov 16     |",
            date(2026, 9, 17),
            date(2026, 11, 16),
        ),
    ],
)
def test_a_first_day_said_after_a_delay_a_start_label_or_in_a_table_row_that_goes_on(
    text: str, reference: date, expected: date
) -> None:
    assert start_date(text, reference) == expected


def test_a_start_not_before_a_day() -> None:
    text = (
        "she has committed to her current contract through mid-November and can't\n"
        "start before Monday, November 16."
    )
    assert start_date(text, date(2026, 9, 22)) == date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the mail's day, or the next: 本日 / 今天 / today, 明日 / 明天 / tomorrow
        ("稼働：本日からでも参画可能です", REFERENCE),
        ("ご希望があれば明日からでも入れます。", date(2026, 4, 16)),
        ("Cocos 6年，今天起就可以开工。", REFERENCE),
        ("- She can start tomorrow", date(2026, 4, 16)),
        ("We have a consultant who is free right now.", REFERENCE),
        ("- Can begin the moment you confirm", REFERENCE),
        ("・稼働：今すぐにでも動けます", REFERENCE),
        ("単価64万、即参画可", REFERENCE),
        ("单价68万日元/月，现在就可以开始。", REFERENCE),
        # a day, then a verb of being free to start
        ("◇ 5月7日から入れます", date(2026, 5, 7)),
        ("5月1日からお入りいただけます", date(2026, 5, 1)),
        ("5月11日から常駐でご参画いただけます。", date(2026, 5, 11)),
        ("5月1日から在宅で稼働できます。", date(2026, 5, 1)),
        ("5月20日以降ならいつでも入れます。", date(2026, 5, 20)),
        ("5月5日可以直接进场", date(2026, 5, 5)),
        ("5月1日起可以全天驻场。\n详细简历可随时补发。", date(2026, 5, 1)),
        ("5月20日以后随时可以进场。", date(2026, 5, 20)),
        ("下个月1号就可以进场", date(2026, 5, 1)),
        ("目前待命，下个星期一就能开始上班", date(2026, 4, 20)),
        ("参加时间：下月1号开始", date(2026, 5, 1)),
        ("＊可上工日：5月15日", date(2026, 5, 15)),
        # the current engagement's end, then the first day
        ("到岗：现项目4月30日结束，5月1日起可以参加", date(2026, 5, 1)),
        (
            "参画時期：現在の現場が4月末で終わりますので、5月1日からお入りいただけます",
            date(2026, 5, 1),
        ),
        ("His current contract ends May 8, so he can start on the 11th.", date(2026, 5, 11)),
        ("Start: her contract wraps on Friday May 8, so she can begin Monday", date(2026, 5, 11)),
        # a part of a month, then its exact day; a range to a named year; this month's day
        ("■開始：5月中旬（5/18〜）", date(2026, 5, 18)),
        ("期間：5月18日開始〜2027年3月（延長あり）", date(2026, 5, 18)),
        ("Start: from the 20th of this month", date(2026, 4, 20)),
        ("Availability: one month's notice, counted from today", date(2026, 5, 15)),
        (
            "  Japanese ......... JLPT N3; sitting the N2 exam in December\n"
            "  Start ............ from May 20",
            date(2026, 5, 20),
        ),
    ],
)
def test_day_words_verbs_of_being_free_and_a_start_after_an_end(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "详细简历可随时补发，期待您的回复。",  # send any time: no availability
        "有问题请随时联系我。",
        "本日はお時間をいただきありがとうございました。",  # a greeting: no start
    ],
)
def test_any_time_to_write_or_a_greeting_is_no_start(text: str) -> None:
    assert start_date(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She is booked until Friday 8 May and can begin with you on Monday, 11 May 2026.",
         date(2026, 5, 11)),
        ("he could join your project from Thursday 14 May 2026", date(2026, 5, 14)),
        ("She is committed to a series, and June 1, 2026\nis the first day she could start "
         "with you.", date(2026, 6, 1)),
        ("客户延长了合同，要做到5月15日（周五），\n所以最早只能5月18日（周一）开始。",
         date(2026, 5, 18)),
        ("he can be at your office every day from the start of next month.", date(2026, 5, 1)),
        ("六、可入场时间\n　2026年6月1日", date(2026, 6, 1)),
        ("| Name | Skills | Location | Rate | Start | Work status |\n"
         "|------|------|-----|------|------|------|\n"
         "| R.S | Okta 3y | Edison, NJ | $85/hr | 05/18/26 | H-1B |", date(2026, 5, 18)),
    ],
)  # fmt: skip
def test_first_days_said_after_a_booking_and_table_starts(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the current engagement's end said as 区切り / 収尾 / 離れる / 卒業 / 抜ける, then a start
        ("■稼働開始：今の現場が4月で一区切りとなるため、5月1日より参画できます", date(2026, 5, 1)),
        ("【可進場】目前的案子四月底收尾，5月1日起可以上工", date(2026, 5, 1)),
        ("【到岗】现在的项目4月30日结束，五月一日就能上", date(2026, 5, 1)),
        ("【開始】4月末で現場を離れるため、5月頭からご参画いただけます。", date(2026, 5, 1)),
        ("・稼働：4月末で現案件を卒業予定のため、来月1日から参画可能です", date(2026, 5, 1)),
        ("●開始：今の現場が5月8日（金）で終わりますので、翌週11日（月）から入場可能です",
         date(2026, 5, 11)),
        ("いまの現場が4月いっぱいで終わりますので、5/7（木）から稼働できます。", date(2026, 5, 7)),
        ("参画可能時期：現案件が5月上旬で一区切りとなるため、5月中旬から", date(2026, 5, 11)),
        ("稼働：5/7から参画できます（今の現場は4月いっぱいで抜けます）", date(2026, 5, 7)),
        ("- Start: from May 4 (his current work finishes at the end of April)", date(2026, 5, 4)),
        # 即可 after a date is "then", not "at once"
        ("▷ 本月底即可入场", date(2026, 4, 30)),
        ("- 到岗：已向现项目提出退场，一个月后即可入场", date(2026, 5, 15)),
        ("到岗时间：目前的项目下个月底结束，之后即可入场", date(2026, 6, 1)),
        # more wordings of a first day
        ("His notice period with his current client is four weeks, counted from today.",
         date(2026, 5, 13)),
        ("・５月から出社可能", date(2026, 5, 1)),
        ("・２０２６年６月～", date(2026, 6, 1)),
        ("◆ 可開工日：5月14日", date(2026, 5, 14)),
        ("开工日期是5月11日（周一），预计做到明年6月。", date(2026, 5, 11)),
        ("Nationality | Experience | Skills | Location | Work mode | Available | Rate\n"
         "Chinese | 4 years | Python | Beijing | hybrid | 1 May 2026 | CNY 41,000 per month",
         date(2026, 5, 1)),
        ("姓名\n国籍\n住址\n技能\n单价\n入场\n\nC.Y\n中国\n福冈市\nGo 3年\n72万日元/月\n5月1日",
         date(2026, 5, 1)),
    ],
)  # fmt: skip
def test_an_end_in_more_words_then_the_start_and_tables_of_one_record(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected


def test_an_end_then_another_engagement_is_read_only_as_its_days() -> None:
    # a sentence that names no start after the end frees the day after, as before
    assert start_date("現案件は4月末で終了予定です。", REFERENCE) == date(2026, 5, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("その点をご了承いただける場合は、5/6以降いつでも開始できます。", date(2026, 5, 6)),
        ("可開始參與日期：2026年7月1日", date(2026, 7, 1)),
        ("| 到任日 | 2026年6月1日（週一） |\n| 預算 | 每月上限 85萬日圓 |", date(2026, 6, 1)),
        ("Availability: his last working day with the current client is May 29, 2026, so he can "
         "take up your project from June 1.", date(2026, 5, 30)),
        ("参画時期：引き継ぎが5月8日まで続くため、ご参画は最短で5月11日（月）となります。",
         date(2026, 5, 11)),
        ("所以最早5月18日以后才能进场，四月份是肯定过不来的。", date(2026, 5, 18)),
        ("Availability: her current contract ends Friday, May 1; Monday the 4th is the first day",
         date(2026, 5, 4)),
        ("┌────┬────┐\n| イニシャル | R.O |\n├────┼────┤\n| 開始可能日 | 2026年7月1日 |\n"
         "└────┴────┘", date(2026, 7, 1)),
        ("| Consultant | Skills (yrs) | Total | Location | Work auth | Rate (C2C) | Start |\n"
         "|---|---|---|---|---|---|---|\n"
         "| R.K. | Okta 5 | 9 | Austin, TX | US citizen | $80/hr | 06/15/2026 |",
         date(2026, 6, 15)),
    ],
)  # fmt: skip
def test_first_days_in_world_twentys_wordings(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


def test_a_window_that_opens_is_a_start() -> None:
    text = "Where\nEntirely remote.\n\nWindow opens\nMonday 7 June 2027 (rolling engagements)\n"
    assert start_date(text, date(2027, 4, 20)) == date(2027, 6, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单价：人民币3.5万元/月\n\n可开始日期\n2026年10月1日\n\n日语\nN1", date(2026, 10, 1)),
        ("  可开始日期    2026年9月15日\n  单价          2.8万人民币/月", date(2026, 9, 15)),
        ("  Can join from ....... 15 August 2026", date(2026, 8, 15)),
    ],
)
def test_can_join_from_and_a_start_date_cell_on_its_own_line(text: str, expected: date) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She is wrapping up a rollout, so the earliest she could start anything new is "
            "3 May 2026.",
            date(2026, 5, 3),
        ),
        ("His notice runs long: June 8, 2026 is the earliest he can start.", date(2026, 6, 8)),
        ("月薪 60万日元，5/18 起即可上工", date(2026, 5, 18)),
    ],
)
def test_the_earliest_start_said_either_way_round_and_a_day_then_jike(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Start: May 4, 2026 / 6 months", date(2026, 5, 4)),  # not 2026/6
        ("▼時期\n2026年6月1日〜（長期）", date(2026, 6, 1)),
        ("可入场时间：目前项目做到5月中旬，5月18日以后才能参加", date(2026, 5, 18)),
    ],
)
def test_a_length_after_the_year_a_start_heading_over_its_day_and_canjia(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected


def test_a_length_heading_over_its_months_is_no_start() -> None:
    assert start_date("▼期間\n6ヶ月", REFERENCE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("［稼働］現案件が5月中旬まで延長となったため、5月25日以降で参画可", date(2026, 5, 25)),
        ("▼開始可能日　2026年6月15日", date(2026, 6, 15)),
        ("She can't start anything new before June 1, 2026.", date(2026, 6, 1)),
    ],
)
def test_a_day_after_an_extension_a_kaishi_kanoubi_heading_and_anything_new(
    text: str, expected: date
) -> None:
    assert start_date(text, REFERENCE) == expected
