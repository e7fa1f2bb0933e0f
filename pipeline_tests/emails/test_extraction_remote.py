"""Remote and onsite (pipeline/emails/extraction/remote.py): the phrase families a candidate
uses to refuse the office and a project uses to require it, each with the near miss that must
not be read as the refusal or the requirement."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction.remote import remote, remote_only


@pytest.mark.parametrize(
    "text",
    [
        "出社はできかねます。",
        "沖縄在住のため出社は対応できかねます。",
        "出社には対応できません",
        "出社は致しかねます",
        "常駐は不可です。",
        "通勤は困難です。",
        "出社可否：不可",
        "She only accepts remote work.",
        "Candidate requires a fully remote arrangement.",
        "Remote (mandatory)",
        "He prefers fully remote and will not come to the office.",
        "Unable to attend the office.",
        "Not available for onsite work.",
        "No onsite possible.",
        "Onsite is not an option for him.",
        "Work style: fully remote (no office)",
        "不方便到现场",
        "不便驻场",
        "僅限遠端",
        "無法進駐客戶",
        "远程：必须",
        "Remote: mandatory",
        "只接受全程远程的工作，不能去名古屋现场。",
    ],
)
def test_the_office_refused_or_remote_required_is_remote_only(text: str) -> None:
    assert remote_only(text) is True
    assert remote(text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "毎日の出社は難しいですが、週2程度であれば可能です。",  # not every day: part-time
        "フル出社は難しいです。リモート併用希望。",
        "週5日の出社は難しい",
        "He cannot come to the office every day, but 2 days a week is fine.",
    ],
)
def test_refusing_only_a_full_week_in_the_office_is_part_time(text: str) -> None:
    assert remote_only(text) is None
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "フルリモート希望です。",  # a wish, not a refusal of the office
        "完全在宅希望",
        "出社：可",
        "出社可否：可",
        "出社は可能です。",
        "通勤は問題ありません。",
        "远程：可",
        "出社は必須ではありません",
    ],
)
def test_a_wish_or_an_office_accepted_is_not_remote_only(text: str) -> None:
    assert remote_only(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "基本的に客先での作業となります。",
        "当面は出社となります。",
        "原則として出社をお願いしております",
        "現地作業",
        "現場での作業がメインです",
        "リモート有無：無",
        "出社：必須",
        "Remote is not possible.",
        "Remote work is not allowed on this project.",
        "Must work from the Osaka office.",
        "The team is in the office every day.",
        "Office attendance required five days a week.",
        "每天到岗",
        "必须到岗办公",
    ],
)
def test_a_project_at_the_office_is_onsite(text: str) -> None:
    assert remote(text) == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("参画当初は出社、慣れたらリモート併用", "partial"),  # the office first, then hybrid
        ("基本的に出社、週1リモート可", "partial"),
        ("常駐は不要です", "full"),  # names the office to waive it
        ("出社：必須（週1）", "partial"),
    ],
)
def test_the_office_with_remote_days_or_waived(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize("text", ["办公：每周5天现场", "每周5天在客户现场"])
def test_five_days_a_week_at_the_site_is_onsite(text: str) -> None:
    assert remote(text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Onsite work is not possible for her.",
        "No office work.",
        "He does not do onsite.",
        "只能接受远程工作",
        "驻场：否",
        "到现场：不可以",
        "出社が一切できません",
        "出社は一切不可",
    ],
)
def test_more_refusals_of_the_office(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Attendance at the Tokyo office is required.",
        "The role requires being in the office.",
        "作業場所：客先（新宿）",
        "出社率：100%",
        "每周五天到客户现场",
        "现场：必须",
        "工作方式：到岗办公",
        "須到場辦公",
    ],
)
def test_more_projects_at_the_office(text: str) -> None:
    assert remote(text) == "none"


@pytest.mark.parametrize("text", ["フルリモート以外は不可", "リモート以外NG"])
def test_anything_but_remote_refused_is_remote_only(text: str) -> None:
    assert remote_only(text) is True
    assert remote(text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "No onsite interview needed; interviews are by Zoom.",  # where the interview is held
        "He cannot come to the office for the interview, so please arrange a video call.",
        "不方便到现场面试，希望线上面试",
        "无法到现场面试",
        "Hybrid OK. Fully onsite is not an option.",  # the full week refused, not the office
    ],
)
def test_an_interview_or_a_full_week_refused_is_not_remote_only(text: str) -> None:
    assert remote_only(text) is None


@pytest.mark.parametrize(
    "text",
    ["Offshore only (based in Hanoi).", "オフショアのみ対応", "只做离岸项目", "仅接受离岸开发"],
)
def test_offshore_only_is_remote_only(text: str) -> None:
    assert remote_only(text) is True
    assert remote(text) == "full"


def test_offshore_or_onsite_is_part_time() -> None:
    assert remote_only("可离岸也可赴日") is None
    assert remote("可离岸也可赴日") == "partial"


def test_never_in_the_office_is_remote_only() -> None:
    assert remote_only("不進辦公室") is True
    assert remote_only("不进办公室") is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("千葉県市川市在住、出社・在宅どちらでも問題ございません。", "partial"),  # either way
        ("名古屋的车载软件项目，每周出勤3天、其余远程。", "partial"),  # the rest remote
        ("其余时间远程办公", "partial"),
        ("沖縄県那覇市に住んでおり、リモートの案件に限らせていただいております。", "full"),
    ],
)
def test_either_way_the_rest_remote_and_remote_cases_only(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_limiting_oneself_to_remote_cases_is_remote_only() -> None:
    assert remote_only("リモートの案件に限らせていただいております。") is True
    assert remote_only("出社・在宅どちらでも問題ございません。") is None


@pytest.mark.parametrize(
    "text",
    [
        "家庭の事情で東京への出社は一切できず、フルリモートの案件のみお受けしております。",
        "He lives in Sendai and only takes fully remote engagements: he won't relocate or commute.",
    ],
)
def test_taking_only_fully_remote_work_is_remote_only(text: str) -> None:
    assert remote_only(text) is True and remote(text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "工作地点在大连市甘井子区软件园，每周可以居家办公一天，其余时间在现场。",
        "Office: Umeda, Osaka. Tuesdays and Thursdays in the office, the rest from home.",
    ],
)
def test_some_days_at_home_and_the_rest_at_the_office_is_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【場所】渋谷区道玄坂　※出社は火・木の週2日、他は在宅", "partial"),
        ("・工作地点：东京都中央区（京桥），每周出社2天左右", "partial"),
        ("◇ Office in Tenjin 2 days/week, remote otherwise", "partial"),
        ("» Location: Sasebo, Nagasaki Prefecture. On site, full time, no telework", "none"),
    ],
)
def test_office_days_said_in_other_words(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "工作方式：本人只考虑百分之百居家的项目，去横浜现场这一点做不到，一周一次也不行",
        "ご本人の希望として、在宅勤務100%が条件となります。",
        "大阪・東京いずれも通勤や出張はお受けできませんので、ご検討ください。",
        "静岡県浜松市在住で、通勤はせず在宅での稼働に限らせていただいております。",
    ],
)
def test_more_ways_to_say_remote_only(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "由于家庭原因不能离开仙台，只能做100%居家的项目，出差和去客户公司都不行",
        "罗女士家里有小孩，不考虑任何需要出勤的项目，只能全程在家办公。",
        "【要員】Jenkins・Java／長野県在住・出社なしの案件に限ります",
        "すべて在宅で完結する形であればお受けできます。",
        "He lives in Hamamatsu and will only accept engagements that are 100% remote.",
        "- He is turning down anything that isn't 100% from home: no relocation to Aomori",
        "Power Apps / Azure developer - home-based only - from November",
    ],
)
def test_remote_only_said_as_a_condition(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("要求全程驻场（客户的安全规定，不能在家办公）。", "none"),
        ("* 工作方式：每周二、四可以居家，其余三天在客户现场", "partial"),
        ("・办公：高新园区，每月第一周在家办公，其他时间到公司", "partial"),
    ],
)
def test_office_days_in_chinese_prose(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "工作方式：本人住在大阪，没办法每周去大手町，只能做百分之百远程的工作。",
        "・勤務形態：完全在宅の案件に絞って探しております。福岡への通勤・出張は対応いたしかねます。",
        "＊働き方：ご家族の事情で京都を離れられないため、出社の必要がない案件のみ",
        "Hiroshi will not accept a role with any office days. He works entirely from home.",
        "He does no on-site work of any kind - it is home office or nothing for him.",
        "She works from home in Sapporo and turns down anything that needs her in an office.",
    ],
)
def test_remote_only_said_by_what_the_person_turns_down(text: str) -> None:
    assert remote_only(text) is True


def test_onsite_only_is_not_remote_only() -> None:
    assert remote_only("■ 工作形式：只能现场常驻，不做远程") is None


@pytest.mark.parametrize(
    "text",
    [
        "名古屋市中村区（名古屋駅） 月〜水は出社、木金は在宅",
        "工作方式：一周三天在我们办公室，另外两天可以远程",
        "◎ 地点：大阪市北区梅田，每周到办公室两次",
        "Location: our office in Chatan, Okinawa; three days on site, two remote",
    ],
)
def test_some_office_days_are_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "He says no to anything that requires commuting. Fully remote engagements are the only "
        "ones he will accept.",
        "She only accepts work that is done entirely from her home office; no office days.",
        "・勤務条件：自宅での作業が前提です。名古屋など遠方への出社はお受けできません。",
        "他家里有老人需要照顾，所以只做在自己家里完成的项目，去东京上班这一点做不到。",
    ],
)
def test_remote_only_said_by_where_the_work_is_done(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "[Place] Tenjin, Fukuoka City; office twice a week, remote on other days",
        "Where: Otemachi, Tokyo. Three office days a week, two remote",
    ],
)
def test_office_days_counted_in_words_are_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "出社を伴う案件は、週1日であっても今回は辞退させていただく方針です。",
        "月に数日であっても出社が発生する案件はお受けしておりません。在宅だけで完結するお仕事に絞って",
        "DynamoDB / TypeScript engineer - work-from-home engagements only",
    ],
)
def test_remote_only_said_by_what_is_declined(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "- Tenjin, Chuo-ku, Fukuoka; one week a month in the office, the other weeks from home",
        "Location : Marunouchi, Tokyo - in the office Monday to Thursday, Fridays at home",
    ],
)
def test_office_weeks_and_home_days(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "・働き方：福岡から動けないため、出社のない完全在宅の案件に限ってお受けしています。",
        "He works from home full time and is not open to roles with office days.",
    ],
)
def test_remote_only_limited_to_home_work(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "The team sits in the Nakanoshima office on Mondays and Thursdays and works from home.",
        "11月2日开始，工作地点在东京都千代田区神田，每周至少来现场三天。",
    ],
)
def test_office_days_on_named_weekdays_or_at_least_a_count(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "場所は東京都渋谷区（代々木駅）で、週2日は出社、ほかは自宅からの作業になります。",
        "The team sits in Tenjin, Fukuoka: three days a week at the desk, two at home.",
        "Location: Urasoe, Okinawa. Two days a week from home are allowed; the rest on site.",
        "地点：杭州市滨江区，每周至少三天在公司办公，其余时间可在家",
        "勤務地は大阪市北区、週3日は出社でお願いします（残りはテレワーク）。",
    ],
)
def test_office_days_with_a_topic_particle_a_desk_or_a_minimum(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "横浜への出張や、週に何日かの現場出社が含まれる場合はお受けできかねます。",
        "オフィスへ出向く日が月に1日でも発生する案件はお断りされています。",
        "作業がすべてご自宅で完結する案件に限り、ご検討いただけますでしょうか。",
        "【要員情報】Java　仙台在住・在宅案件限定",
        "She lives in Nagoya and works from home exclusively.",
        "Every engagement she takes is done 100% from her home office in Osaka.",
        "He turns down anything that needs him at a desk outside his home.",
    ],
)
def test_remote_only_said_by_the_office_days_declined_or_home_work(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "The office is in Tenjin, Fukuoka. Expect to be there on two fixed weekdays; the remaining "
        "three are worked remotely.",
        "(5) 地点：神奈川县横滨市西区（港未来），一周出勤两到三天",
        "地点在福冈市博多区，一周去两次现场，其余时间居家。",
        "> 場所：東京都中央区日本橋、月に数回出社（基本は在宅）",
        "勤務地：大阪市中央区（月2回程度の出社、ほかはリモート）",
    ],
)
def test_office_days_counted_per_week_or_month_with_the_rest_at_home(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "■居住地：福岡県福岡市早良区\n　品川への出社や東京への出張はお受けできません。",
        "I'm in Denver, I don't relocate and I don't commute to client sites: every engagement I "
        "take is done entirely from my home office.",
        "He lives in Sendai and only signs on to engagements that are remote from the first day.",
        "I live in Nagoya and I only accept roles that are fully remote.",
    ],
)
def test_remote_only_said_by_the_commute_declined_or_the_roles_accepted(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "| 場所 | 大阪市中央区 本町（月水金は本町のオフィス、火木は自宅で作業） |",
        "│場所　　│名古屋市中区栄　出社は火・水・木、月・金は在宅　　　│",
        "渋谷、出社は毎週金曜のみ／〜60万",
        "勤務地：福岡市博多区（出社は月・木、ほかは在宅）",
    ],
)
def test_office_and_home_days_named_by_weekday(text: str) -> None:
    assert remote(text) == "partial"


def test_no_office_day_at_all_is_full_remote_and_this_month_is_no_weekday() -> None:
    assert remote("作業はすべてリモートで、出社していただく日はありません（PCは郵送）。") == "full"
    assert remote("今月は在宅で対応します") == "full"
    assert (
        remote("▶ 工作方式：本人长期居住大连，只接受百分之百线上的合作方式，无法赴日驻场") == "full"
    )


@pytest.mark.parametrize(
    "text",
    [
        "宮崎から通える現場はないため、出社のない完全リモートのお仕事だけを探しております。",
        "月1回の出社でも難しい、とご本人から伺っております。",
        "本人只接受百分之百线上的合作方式。",
    ],
)
def test_remote_only_said_as_the_only_work_sought_or_even_one_office_day_refused(
    text: str,
) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "作業場所は大阪市中央区の本町で、セキュリティの都合上、在宅勤務はありません（フル出社）。",
            "none",
        ),
        ("◎場所：大阪市北区中之島（肥後橋駅）　※客先常駐、在宅勤務はありません", "none"),
        ("［勤務形態］　出社は週1〜2日、その他は自宅から", "partial"),
        (
            "- Location: near Yodoyabashi Station, Osaka. Two days on site each week, the "
            "remainder from home.",
            "partial",
        ),
        (
            "she lives in Fukuoka and will only take engagements that are 100% remote - no "
            "travel to Osaka, and that includes the two site days.",
            "full",
        ),
    ],
)
def test_no_home_work_a_weekly_count_and_a_dash_inside_a_sentence(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_remote_only_with_a_colon_inside_the_sentence_and_home_work_said_as_complete() -> None:
    text = "He only takes fully remote work: no office days at all, not even occasional ones."
    assert remote(text) == "full"
    assert remote("是否远程：否") == "none"
    assert (
        remote_only(
            "働き方：札幌から上京しての作業はできず、自宅だけで作業が完結する案件に限ってお受けしています"
        )
        is True
    )
    assert (
        remote("in Tenjin, Fukuoka: in the office Mon & Wed, home the rest; from Oct 1")
        == "partial"
    )


@pytest.mark.parametrize(
    "text",
    [
        "地点：福冈市博多区，原则上在现场，每周可以有一天在家",
        "办公：杭州市滨江区，一周在公司三天，两天居家",
        "| Site | Otemachi, Tokyo - roughly half the week at the desk |",
    ],
)
def test_one_day_at_home_a_count_in_the_office_or_half_the_week(text: str) -> None:
    assert remote(text) == "partial"


def test_remote_only_said_as_contracts_done_from_home() -> None:
    text = "Caleb only takes contracts he can do start to finish from his home in Austin."
    assert remote_only(text) is True


def test_office_days_counted_loosely_and_remote_contracts_only() -> None:
    assert remote("地点福冈市博多区，每周来两三天即可；10月1日开工") == "partial"
    text = "Work is mostly at their Umeda office, with two remote days each week."
    assert remote(text) == "partial"
    assert remote_only("Important: she works on fully remote contracts only.") is True


@pytest.mark.parametrize(
    "text",
    [
        "勤務：週2日は客先、残り3日は在宅作業",
        "勤務：基本は現地。作業のない週は1日まで在宅OK",
        "Office: Umeda. Two office days per week; the other days are remote.",
        "办公：一周五天里两天在家做，另外三天到客户处坐班",
        "上班安排：每星期返中環寫字樓三日，其餘日子在家工作",
        "勤務：横浜DCへの出勤、作業のない週の在宅、どちらも対応可",
        "happy to be at the Umeda office every Thursday; home on other days",
    ],
)
def test_some_days_at_the_client_and_the_rest_at_home_is_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "勤務：毎日工場へ出勤。機器を扱うため在宅はできません",
        "勤務形態：全日お客様先に常駐（在宅日はありません）",
        "工作形態：全程在客戶現場作業，不提供在家工作",
    ],
)
def test_remote_refused_in_so_many_words_is_onsite(text: str) -> None:
    assert remote(text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Work mode: she will deliver only from her home in Pune.",
        "He works from his home in Dalian and nowhere else.",
        "He takes on remote engagements exclusively.",
        "Please consider him only if the client can accommodate a 100% offshore arrangement.",
        "働き方：福岡の自宅からの作業に限ります。",
        "大阪へ通う形はお受けできかねます。",
        "本人は自宅からの作業のみを希望しており、出社が必要な案件はお断りしております。",
    ],
)
def test_remote_only_said_as_home_and_nowhere_else(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "勤務：毎週月曜は梅田オフィスで定例、それ以外は自宅からの作業",
        "Location: Sasebo - 3 days a week in the NOC, 2 days telework once badged",
        "Where: our studio three days a week for reviews; the other two days can be from home.",
    ],
)
def test_the_other_days_at_home_or_on_telework_is_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Lives in Kobe; three days a week in Sannomiya is fine",
        "Office days: two a week is fine",
        "Office ...... three days on site per week works for her",
        "Can be on site four days a week; available from May 11",
        "Work style: happy to be in Umeda two days a week",
        "happy to be in the office a couple of days a week",
        "▶ 工作方式：一週三天進場沒有問題",
        "可以按每周3天出勤",
        "出勤 ｜ 每周两天到 NOC 没问题",
        "週2日以上の出社：可",
        "勤務：週何日かの出社にも対応",
        "出社：火・木の出社に対応できます",
    ],
)
def test_a_candidate_accepting_some_office_days_a_week_is_partial(text: str) -> None:
    assert remote(text) == "partial"


@pytest.mark.parametrize(
    "text", ["Weekly meetings three days a week.", "He works five days a week in the office."]
)
def test_days_a_week_without_an_office_or_all_five_are_no_hybrid(text: str) -> None:
    assert remote(text) != "partial"


@pytest.mark.parametrize(
    "text",
    [
        "本人は仙台に住んでおり、オンサイトの日が1日でも入る案件は辞退しております。",
        "週に何日かでも横浜へ出向く形ですと、お引き受けが難しい状況です。",
        "福岡への出社は月1回であっても難しい状況です。",
        "大阪への出社は週1日でも難しい状況です。",
        "名古屋の自宅から全日リモートでの参画を前提とさせていただいております。",
        "すべて自宅での作業とさせていただくことが参画の前提になります。",
        "自宅からのリモート作業となる案件に絞ってお受けしております。",
        "熊本の自宅を離れずに作業できる案件に限らせていただいております。",
        "She lives in Sendai and works only from home.",
        "工作方式：本人家在大连，不能赴日，所有工作都必须在大连远程完成。",
    ],
)
def test_remote_only_said_as_not_one_office_day(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("勤務形態：全日オンサイト（在宅勤務の制度はございません）", "none"),
        ("作业方式：全程在客户研发中心作业，没有远程", "none"),
        ("勤務形態：客先での常駐勤務で問題ございません（在宅希望なし）", "none"),
        ("勤務：客先常駐を希望（在宅はなくても構いません）", "none"),
        ("工作方式：全程远程，不用去客户那里，也不用到我们的办公室", "full"),
        ("勤務：自宅からのリモートで対応いたします", "full"),
        ("勤務：在宅は週1日まで、残り4日は新横浜の事業所に出社", "partial"),
        ("勤務：出社・在宅の組み合わせで問題ありません", "partial"),
        ("働き方：月・木の現地出社、その他在宅というご条件で問題ございません", "partial"),
        ("Attendance: In the office Mon-Thu; Fridays remote", "partial"),
        ("勤務：月〜木の出社、金曜在宅の形で問題ありません", "partial"),
        ("勤務：月水金の工場出社、火木の在宅で問題ございません", "partial"),
        ("Onsite: Mon/Wed/Fri at the plant is fine", "partial"),
        ("a 6+ month remote contract. Work: 100% remote (US time zones)", "full"),
    ],
)
def test_office_days_and_remote_in_more_words(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_three_days_a_week_going_to_the_office_is_partial() -> None:
    assert remote("办公方式：一周三天去大手町没问题") == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Location: lives in Kobe and works exclusively from her home office.",
        "She does not take roles that involve going into a client site.",
        "Mode: he takes assignments delivered from Pune only; no travel to Japan",
        "本人只在大连家中办公；凡是要去客户办公室的安排（哪怕每周一天）都无法接受。",
        "働き方：仙台の自宅で作業することが条件です。",
        "横浜への通勤や出張を伴う案件は辞退させていただいております。",
        "ご自宅からの作業で\n完結する案件に限ってご紹介いただけますと助かります。",
    ],
)
def test_remote_only_said_as_home_only_or_no_client_site(text: str) -> None:
    assert remote_only(text) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("作業はすべて現地で行い、在宅での作業はございません。", "none"),
        ("Place: Shibuya - in the office Mon/Wed/Fri and working from home Tue/Thu", "partial"),
        (
            "He is happy to come into the office on set days and work from home otherwise.",
            "partial",
        ),
        ("世田谷区在住で、週数回の出社にも対応できます。", "partial"),
        ("Lives in Seattle; happy with the 2-days-onsite pattern", "partial"),
        ("勤務：水曜出社・他日在宅で可", "partial"),
        ("He can start on 15 October 2027, remotely from Hanoi.", "full"),
    ],
)
def test_world_twenty_ones_office_and_home_wordings(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("作業場所は客先（名古屋駅前）で、リモートワークはございません。", "none"),
        ("場所　　渋谷区（出社週3・在宅週2）", "partial"),
        ("地點：香港島中環，每星期返 office 2日，其餘 WFH", "partial"),
        ("Location: Reston, VA - onsite 5 days, no remote or hybrid option", "none"),
        ("Osaka | 3 days office / 2 days WFH | Start: March", "partial"),
        ("勤務：フルリモート希望ですが、月に数日なら出社も可能です", "partial"),
        ("远程或到场都可以，听从客户安排。", "partial"),
        ("【工作方式】可以接受每周2天驻场", "partial"),
        ("週の半分くらいの出社であれば問題ありません。", "partial"),
        ("He lives in Kobe and can come in every Tuesday.", "partial"),
    ],
)
def test_world_twenty_twos_office_and_home_wordings(text: str, expected: str) -> None:
    assert remote(text) == expected


def test_home_only_with_travel_refused_is_remote_only() -> None:
    text = "勤務：完全在宅のみ（札幌からの移動は不可）"
    assert (remote(text), remote_only(text)) == ("full", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work style: OK with office 2 days + home 3 days", "partial"),
        ("■工作方式：進辦公室或遠端皆可配合", "partial"),
        ("办公方式：每周2天出社没问题", "partial"),
        ("Working on site every day is fine with him.", "none"),
        (
            "He can only take fully remote work, so he cannot come in on Mondays and Fridays.",
            "full",
        ),
    ],
)
def test_world_twenty_threes_office_and_home_wordings(text: str, expected: str) -> None:
    assert remote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("札幌市中央区、週1リモ可／9月〜長期", "partial"),
        ("Location: Sendai. On site Tue–Fri, remote on Mondays", "partial"),
        ("where: Umeda office on Thursdays only - everything else WFH", "partial"),
        ("需要全程驻场，客户不接受任何形式的远程。", "none"),
        ("Place -> Sapporo - fully on site (the client does not allow remote access)", "none"),
        ("9月〜稼働OK。在宅は週2で問題なしとのこと。", "partial"),
        ("8．出勤：可以每周去品川3天", "partial"),
        ("大阪市在住で、金曜日の梅田出社も問題ございません。", "partial"),
        ("办公：周一到周三驻场OK", "partial"),
        ("| Work mode | onsite 3 days a week is OK |", "partial"),
        ("勤務形態　：月〜水の出社可", "partial"),
        ("Office: Tuesdays in Umeda are OK", "partial"),
    ],
)
def test_world_twenty_fours_office_and_home_wordings(text: str, expected: str) -> None:
    assert remote(text) == expected
