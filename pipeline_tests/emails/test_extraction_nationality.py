"""Japanese level and 外国籍 (pipeline/emails/extraction/nationality.py) in the words dev10
writes them."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction.nationality import (
    citizenship_required,
    foreign_nationals_ok,
    japanese_level,
    nationality,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("需要商务级日语，外籍可，可接受二级合作（两层）", "business"),  # 二级 is the chain's
        ("日语二级", "N2"),  # the old JLPT grade, in the same clause
        ("日语：二级", "N2"),
    ],
)
def test_an_old_grade_is_read_within_the_clause_only(text: str, expected: str) -> None:
    assert japanese_level(text, minimum=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nationality: open to all", True),
        ("open to all nationalities", True),
        ("Nationality: open", True),
        ("Nationality: open to discussion", None),  # not a statement that anyone is fine
    ],
)
def test_a_nationality_open_to_all(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Clearance requires Japanese citizenship: do not submit foreign nationals.",
            False,
        ),
        ("Nationality: Japanese nationality required", False),
        ("Nationality: Japanese only", False),
        ("US citizenship is mandatory for this program.", False),
        ("We do not accept foreign nationals.", False),
        ("Foreign nationals cannot be accepted for this role.", False),
        ("This role does not require Japanese citizenship.", None),  # no condition
        ("Japanese nationality preferred", None),  # a preference, not a refusal
        ("Candidates are welcome regardless of nationality.", True),
        ("We accept foreign nationals.", True),
    ],
)
def test_a_nationality_required_in_prose_and_accepted_regardless(
    text: str, expected: bool | None
) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This client does not accept foreign nationals.", False),
        ("Foreign nationals: not allowed", False),
        ("Foreign nationals: No", False),
        ("Foreign nationals: OK", True),
        ("Foreign nationality is acceptable.", True),
        ("Nationality: Japanese", None),  # a value, no condition on others
    ],
)
def test_foreign_nationals_under_their_own_label(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    "text", ["● 國籍：限日本", "国籍：仅限日本", "【國籍：限日本】（客戶資安規定）"]
)
def test_a_nationality_label_limited_to_japan_refuses_foreign_nationals(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [("■ 持永住签证（国籍中国）", "CN"), ("永住者（国籍：ベトナム）", "VN")],
)
def test_a_nationality_in_brackets_after_a_residence_status(text: str, expected: str) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "元は韓国籍ですが2019年に帰化しており、現在は日本国籍です。",
        "出身は中国ですが、現在は日本国籍です。",
        "ベトナム出身、2020年に日本国籍を取得しました。",
        "原为中国籍，2016年入籍日本，现为日本国籍，日语N1。",
        "出生于大连，2018年取得日本国籍。",
    ],
)
def test_a_naturalised_engineer_is_japanese_whatever_the_origin_named_first(text: str) -> None:
    assert nationality(text) == "JP"


@pytest.mark.parametrize(
    "text",
    ["日语需要N1，并且只接受日本国籍的人选。", "僅考慮日本國籍的候選人", "仅接受持有日本国籍者"],
)
def test_only_japanese_nationals_accepted_in_chinese_prose_refuses_foreign_nationals(
    text: str,
) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Because the work sits inside the base, the candidate must be a U.S. citizen.", "US"),
        ("U.S. citizenship is mandatory; green card holders cannot be considered.", "US"),
        ("USC only", "US"),
        ("日本国籍の方のみ（お客様のセキュリティ規定による）", "JP"),
        ("仅限日本国籍（已归化的可以）", "JP"),
        ("外国籍不可", None),  # names no citizenship: the matcher takes the project's country
        ("citizens only", None),
    ],
)
def test_a_closed_project_names_the_citizenship_it_takes(text: str, expected: str | None) -> None:
    assert citizenship_required(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日语：JLPT N3（正在准备N2考试）", "N3"),  # a level being prepared for is not held
        ("日本語：N3（N2受験予定）", "N3"),
        ("Japanese: N3, preparing for the N2", "N3"),
        ("日本語：N2取得を目指しています（現在N3）", "N3"),
        ("日本語：N2", "N2"),
    ],
)
def test_a_level_aimed_at_is_not_the_level_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "◎国籍：お客様のセキュリティ規定により、日本国籍をお持ちの方に限ります",
        "― 国籍：公共案件のため、日本国籍保持者に限ります",
        "因为最终用户是政府相关机构，只能安排持有日本国籍的人员，外籍人员这次确实没办法；",
    ],
)
def test_japanese_nationals_only_in_more_words(text: str) -> None:
    assert foreign_nationals_ok(text) is False


def test_a_level_booked_for_later_is_not_held() -> None:
    assert japanese_level("日本語：日本語能力試験N2（N1は12月に受験予定）") == "N2"


@pytest.mark.parametrize(
    "text",
    [
        "【国籍】外国籍の方は今回対象外とさせてください（お客様のご要望）",
        "八、国籍：因客户涉及通信基础设施，人员必须持有日本国籍（归化的也可以）",
    ],
)
def test_more_ways_to_refuse_foreign_nationals(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("●日本語：会話レベル（JLPT未受験。仕様書の読解には翻訳ツールを併用）", "conversational"),
        ("◆ 日文：只能应付日常生活的对话，技术讨论需要靠英文或翻译", "conversational"),
        ("Japanese: JLPT N2 (passed 2024); comfortable in meetings but not yet at N1", "N2"),
        ("・日本語：日常会話程度（ビジネスでの日本語使用は難しいです）", "conversational"),
        ("日语：日常会话没问题，商务还不行", "conversational"),
        ("Japanese: everyday conversation, not business level", "conversational"),
    ],
)
def test_a_conversational_level_and_a_level_not_reached(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


def test_naturalised_in_the_us_is_american() -> None:
    text = "Grace is a naturalized U.S. citizen (born in Busan, naturalized in 2015)."
    assert nationality(text) == "US"


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        ("◎ 日语：N1水平，要跟日方负责人直接开会，N2的就不考虑了", True, "N1"),
        ("◎ 日本語：日本語能力試験N2（N1は未取得です）", False, "N2"),
        ("ご要件のN1には届いておりませんが、日本語：N2です。", False, "N2"),
    ],
)
def test_a_level_refused_or_not_reached_is_not_read(
    text: str, minimum: bool, expected: str
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


def test_foreign_nationals_not_permitted_by_the_clients_rules() -> None:
    text = "(7) 国籍：外国籍の方のご参画は、お客様の情報管理規程上認められておりません"
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "・エンド様のセキュリティ規程上、日本国籍をお持ちの方でないとご参画いただけません。",
        "◎その他：日本国籍であることが参画条件です",
        "国籍条件\n日本国籍保持者（金融機関の方針によるもの）",
        "【國籍】本案屬公部門委託，參與人員須具日本國籍（歸化者亦可）",
        "3. U.S. citizen. Required for facility access; no other nationality can be badged",
    ],
)
def test_nationals_only_as_a_condition_of_taking_part(text: str) -> None:
    assert foreign_nationals_ok(text) is False


def test_a_nationality_said_after_the_projects_condition_and_naturalised_elsewhere() -> None:
    reply = "米国籍の方限定と伺っておりますので申し上げますと、本人の国籍は日本のみでございます。"
    assert nationality(reply) == "JP"
    assert nationality("国籍：美国。2016年在加州入籍，现在只持美国护照") == "US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本語：N2取得済み（N1は来年の受験を予定）", "N2"),
        ("日语能力：三级（N3），N2 还没有考过", "N3"),
        ("日本語：日本語能力試験N2を保有しております。N1はまだ取得しておりません。", "N2"),
        (
            "- Japanese: she can hold a conversation in Japanese but has no JLPT certificate",
            "conversational",
        ),
    ],
)
def test_levels_planned_or_missing_are_not_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "八、国籍要求：本次参与人员必须是日本国籍（已经取得日本国籍的归化者也可以）",
        "七、國籍：因客戶資安規定，參與成員必須是日本國民（歸化者可）",
        "▍國籍：最終客戶的規定，本案只接受擁有日本國籍的人員",
    ],
)
def test_chinese_nationals_only_in_more_words(text: str) -> None:
    assert foreign_nationals_ok(text) is False


def test_getting_by_in_everyday_conversation_is_conversational() -> None:
    text = "Being transparent about the Japanese: he gets by fine in everyday conversation."
    assert japanese_level(text) == "conversational"


def test_naturalised_without_naming_japan_is_japanese_unless_it_was_in_the_us() -> None:
    assert nationality("国籍：韓国（2010年帰化）") == "JP"
    assert nationality("国籍：美国。2016年在加州入籍") == "US"


@pytest.mark.parametrize(
    "text",
    [
        "◇国籍：エンド様のセキュリティ規程上、日本国籍の方でお願いします。外国籍の方はご提案をお控えください。",
        "因为客户合同的规定，这次只能用日本国籍的人员，外籍的同事很抱歉不能参加。",
    ],
)
def test_foreign_nationals_asked_to_hold_back(text: str) -> None:
    assert foreign_nationals_ok(text) is False


def test_a_level_not_passed_this_year_is_not_held() -> None:
    assert japanese_level("· 日语：N2（N1今年没考过）") == "N2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "・日本語：仕事で不自由のないレベル（仕様の議論もレビューもすべて日本語です）",
            "business",
        ),
        ("日本語：業務上支障のないレベル", "business"),
        ("■日本語：会議でも問題がない程度", "business"),
    ],
)
def test_japanese_good_enough_for_work_is_business_level(text: str, expected: str) -> None:
    assert japanese_level(text, minimum=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Japanese ...... chats comfortably about everyday things, but has never taken the JLPT",
        "One honest point on Japanese: he is comfortable chatting with colleagues and ordering "
        "at the izakaya, but he has never led or followed a client meeting in Japanese.",
        "Japanese: small talk only, meetings would need an interpreter",
        "Japanese: fine for day-to-day topics in the office",
    ],
)
def test_chatting_about_everyday_things_is_conversational(text: str) -> None:
    assert japanese_level(text) == "conversational"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三、日语：目前是N2，打算今年12月考N1，开会基本能听懂", "N2"),  # a plan, not held
        ("日语：N3，计划明年7月参加N2考试", "N3"),
        ("日语：N2（N1没过）", "N2"),
        ("【日语】\n今年七月考了N2，差几分没过，目前持有的是N3证书。", "N3"),
        ("日语：去年考了N1，差一点没过，现有N2", "N2"),
        ("日本語：N2（7月にN1を受験しましたが不合格でした）", "N2"),
        ("日本語：N3保有、N2に落ちました", "N3"),
        (
            "- Japanese: passed N3 last year; he sat N2 this July but missed the pass mark by a few"
            " points, so he is at N3 for now",
            "N3",
        ),
        (
            "On Japanese: he sat N3 in July and did not pass, so the certificate he holds is N4."
            " He is retaking N3 in December.",
            "N4",
        ),
        ("Japanese: N2 (failed the N1 last winter)", "N2"),
        ("Japanese: took N1 twice and failed, holds N2", "N2"),
        ("Japanese: N3; retaking N2 in July", "N3"),
        ("Japanese: N2, will sit N1 in December", "N2"),
        ("Japanese: sat N2 in 2023 and passed", "N2"),  # sat and passed is held
    ],
)
def test_a_level_sat_and_failed_or_planned_is_not_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "【国籍】エンド様のセキュリティ規定上、"
            "日本の国籍をお持ちの方でないとお受けできません。",
            False,
        ),
        ("国籍：日本の国籍をお持ちの方に限ります", False),
        ("工場の入構審査の関係で国籍が日本の方に限らせていただきます、面談1回。", False),
        ("◆国籍は日本人に限ります", False),
        (
            "| 項目 | 内容 |\n|------|------|\n| 作業 | SQL変換 |\n"
            "| 国籍 | 日本（帰化により日本国籍を取得された方は可） |\n| 面談 | 2回 |",
            False,
        ),
        ("国籍：日本（归化者也可以）", False),
        ("Nationality: Japanese (naturalized citizens are fine)", False),
        (
            "这家保险公司规定委托方派来的人员必须拥有日本国籍；后来改入日本国籍的工程师没有问题。",
            False,
        ),
        ("參與人員必須擁有日本國籍", False),
    ],
)
def test_japanese_nationals_only_as_the_nationality_asked(text: str, expected: bool) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "> 2. 外国籍的工程师可以参加吗？\n很遗憾，这次不行。客户规定委托方的人员要有日本国籍。",
            False,
        ),
        ("> 外国籍の方は可能でしょうか？\n申し訳ございませんが、今回はお受けできかねます。", False),
        ("> Would the client consider foreign nationals?\nSorry, not on this one.", False),
        ("> Can the client accept foreign nationals?\nYes, with a valid work visa.", True),
        ("> 外籍工程师可以参加吗？\n可以的，日语N2以上就行。", True),
        ("> 外国籍的工程师可以参加吗？\n我确认一下客户再回复您。", None),  # asked, no answer
        ("Do foreign nationals need a visa?\nNo, the client sponsors it.", None),  # not asked
    ],
)
def test_a_question_on_foreign_nationals_is_read_by_its_answer(
    text: str, expected: bool | None
) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "【日本語】簡単なやり取りなら可能。会議やチケットの読解は翻訳ツール頼みです",
            "conversational",
        ),
        ("日本語：簡単なやりとり程度はできます", "conversational"),
        ("・日語：日常生活的交談沒問題，但開會、寫信這類工作上的日語還不太行", "conversational"),
        ("日语：日常交谈可以，技术讨论要靠英文", "conversational"),
    ],
)
def test_simple_exchanges_and_everyday_talk_are_conversational(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a higher level booked for a later sitting
        ("日本語の資格は N3 までで、N2 はこの12月の試験で受ける予定です。", "N3"),
        ("日本語：N3（N2は来年7月に受験する予定）", "N3"),
        ("- 日语：目前是N3，今年12月会去考N2；现在工作中主要用英语沟通", "N3"),
        ("日语N2，明年要考N1", "N2"),
        # a higher level sat and failed
        ("去年考N2差几分没过，目前持有的是N3，看得懂邮件。", "N3"),
        ("日语：前年考JLPT N1差一点没通过，现有N2", "N2"),
        ("日语：N2（N1考了两次都没过）。日常工作交流没有问题", "N2"),
        ("日语N3，N2也考过一次但没通过", "N3"),
        ("- 日本語：N2。7月に N1 にも挑戦しましたが、今回は合格点に届きませんでした", "N2"),
        ("日本語：N3、昨年N2を受けましたが合格ラインに届かなかったです", "N3"),
    ],
)
def test_a_higher_level_booked_or_failed_is_not_the_level_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "> 外国籍のエンジニアでも提案は可能でしょうか。\n\n申し訳ございません。"
            "官公庁向けの案件のため、参画できるのは日本の国籍を持つ方だけとなります。",
            False,
        ),
        (
            "> 外国籍のエンジニアでも提案は可能でしょうか。\n申し訳ございません。見送りです。",
            False,
        ),
        ("> 外国籍の方でも参画可能でしょうか。\n確認のうえ改めてご連絡します。", None),  # no answer
        ("> 外国籍の方も大丈夫ですか。\nはい、問題ありません。", True),
    ],
)
def test_a_japanese_question_without_a_question_mark_is_read_by_its_answer(
    text: str, expected: bool | None
) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("官公庁向けの案件のため、参画できるのは日本の国籍を持つ方だけとなります。", False),
        ("日本国籍の方だけご提案ください", False),
        ("日本国籍の方だけでなく、外国籍の方もご提案いただけます。", True),  # not only
        ("永住権をお持ちであっても、国籍が日本以外の方は対象になりません。", False),
        ("外国籍の方は対象とはなりません", False),
        ("● 條件一：基於客戶的資安規定，參與人員必須是日本公民", False),
        ("参与人员必须是日本公民", False),
        ("国籍：须为日本国籍（归化者可）", False),
        ("The program is export-controlled, so the engineer has to be a U.S. citizen.", False),
        ("The candidate has to be a citizen, no exceptions.", False),
        ("The engineer doesn't have to be a U.S. citizen; green card is fine.", None),
        ("Permanent residents and visa holders can't be considered, unfortunately.", False),
        ("H-1B visa holders cannot be considered for this role.", False),
    ],
)
def test_nationals_only_said_as_who_alone_may_take_part(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "国籍について：入館証を発行できるのは日本のパスポートをお持ちの方だけです",
        # a quoted line wrapped in the middle of the sentence
        "> ・国籍：入館証の発行は日本のパスポートを\n>   お持ちの方だけです（永住者は不可）",
        "ご参画いただけるのは日本の国籍をお持ちの方に限られます。",
        "・客先規定により、日本の旅券をお持ちの方のみとさせていただきます",
        "⑦ 国籍条件：日本の国籍をお持ちの方（帰化された方は問題ございません）",
        "駐場人員的國籍必須是日本，非日籍人士恕無法安排。",
        "现场人员的国籍须为日本",
        "非日本籍的工程师这次无法安排",
        "客户方明确要求只考虑持日本国籍的工程师，拿其他国家护照的请不要推荐。",
        "| Eligibility | Base access: U.S. passport holders only. |",
        "Japanese passport holders only, per the client's security office.",
    ],
)
def test_nationals_only_said_by_the_passport_or_the_nationality_held(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreign nationals OK; Japanese passport holders need no visa.", True),
        ("日本のパスポートをお持ちでない方も、外国籍の方もご提案可能です", True),
        ("国籍条件：特になし（外国籍可）", True),
    ],
)
def test_a_passport_named_without_a_limit_refuses_no_one(text: str, expected: bool) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected", "minimum"),
    [
        ("/~60万/打ち合わせと文書作成を日本語で不自由なくこなせる方。", "business", True),
        ("日本語：お客様とのやり取りも日本語で問題なく対応できます", "business", False),
        ("日本語は日常会話なら問題なく話せます", "conversational", False),
        # "problem-free" said of everyday talk is not business
        ("日本語：日本語で問題なく日常会話ができる程度", "conversational", False),
        (
            "日本語は、ちょっとした雑談や日々のやり取りはこなせますが、仕様の読み込みには英語での"
            "フォローが必要です。",
            "conversational",
            False,
        ),
        ("日本語：ちょっとした会話なら大丈夫です", "conversational", False),
        ("【日语程度】能看懂邮件，口语只到简单聊天，商务场合还不太行", "conversational", False),
        ("日語能力：可以應付簡單的生活溝通，但用日語開會討論規格還有困難", "conversational", False),
        ("日语：能进行简单的日常交流", "conversational", False),
    ],
)
def test_work_without_difficulty_is_business_and_small_talk_is_conversational(
    text: str, expected: str, minimum: bool
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5）日语：目前持有N3，N2准备今年12月再考", "N3"),
        ("日语：N2，N1打算明年7月参加", "N2"),
        ("日语N2（N1去年7月考过一次，差几分没过）", "N2"),
        ("日语：N3，N2前年12月也考过，可惜没通过", "N3"),
        ("日语：N1去年考过了，工作沟通没问题", "N1"),  # sat and passed is held
        (
            "日本語：日本語能力試験は N2 まで取得済み。N1 は昨年12月に受験しましたが、"
            "    あと数点届かず不合格でした。",
            "N2",
        ),
    ],
)
def test_a_level_planned_or_failed_after_a_time_is_not_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本語：N2\n日本語要件が N1 とのことで恐縮ですが、ご検討いただければ幸いです。", "N2"),
        ("日本語：N2 取得。N1必須と伺っておりますが、会議は問題なくこなせます。", "N2"),
        ("日语：N2。虽然贵司要求N1，但日常工作沟通没有问题。", "N2"),
    ],
)
def test_the_level_a_project_asks_is_not_the_candidates(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


def test_the_level_a_project_asks_is_its_minimum() -> None:
    assert japanese_level("日本語要件が N1 とのことです", minimum=True) == "N1"


def test_a_table_joined_to_its_header_row_is_read_as_written() -> None:
    text = (
        "条件见下表：\n\n"
        "技能                     | 日语     | 工作方式 | 开始     | 单价\n"
        "Python、Milvus（1年以上）| 商务水平 | 全程远程 | 10月15日 | 面议\n\n"
        "- 日语要能独立参加与客户的需求讨论；"
    )
    assert japanese_level(text, minimum=True) == "business"


@pytest.mark.parametrize(
    "text",
    [
        "お客様の規程により、日本の国籍をお持ちの方に限って参画いただけます。",
        "本件は日本国籍の方に限ってご紹介をお願いします。",
    ],
)
def test_nationals_only_said_as_limited_to_those_holding_it(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "日本語は普段のちょっとしたやりとりができる程度で、N2は来年受けるつもりとのことです。",
            "conversational",
        ),
        ("日本語N2、N1は12月に受けるつもりです。", "N2"),
        ("日文：目前持有 N2；N1 去年考過一次沒有通過，今年12月會再挑戰", "N2"),
        ("日文 N2；N1 今年7月也考過，可惜沒過", "N2"),
        ("日文方面持有N2，雖然還沒拿到 N1，文件閱讀沒問題", "N2"),
        ("日语N2，还没有考到N1", "N2"),
        ("Japanese: JLPT N2 (passed 2025); registered for N1 in December, not held yet", "N2"),
        ("Japanese N3 held, signed up for the N2 this July", "N3"),
    ],
)
def test_a_level_meant_to_be_sat_or_not_yet_got_is_not_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A note on Japanese, so nobody is surprised later: he copes comfortably with everyday "
            "conversation (lunch, small talk), but he has never worked in Japanese. Portuguese and "
            "English are both fluent.",
            "conversational",
        ),
        ("Japanese, in short: she manages everyday conversation without trouble", "conversational"),
        ("日本語：会議に出て議事録を書ける、ビジネスレベル", "business"),
    ],
)
def test_a_level_in_a_later_clause_of_a_sentence_on_japanese(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


def test_a_level_in_a_later_clause_asked_by_a_project() -> None:
    assert japanese_level("(2) 日語：能用日語開會、寫週報，商務程度", minimum=True) == "business"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "His Japanese is solid for work: he passed JLPT N2 in 2023 but does not hold N1 yet.",
            "N2",
        ),
        ("Japanese: N3, she hasn't passed the N2 so far", "N3"),
        ("JLPT N2; he doesn't have N1", "N2"),
        ("Japanese N2 (has not yet obtained JLPT N1)", "N2"),
    ],
)
def test_a_level_said_not_to_be_held_in_english(text: str, expected: str) -> None:
    assert japanese_level(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "◇国籍　　：個人情報を扱う案件のため日本国籍の方でお願いします",
        "国籍：セキュリティ上の理由により日本国籍保有者をお願いいたします",
        "國籍　　　　客戶要求僅限具日本國籍者，外國籍恕不受理",
        "国籍：仅限持有日本国籍的人员",
        "外國籍人士恕不接受",
        "Eligibility ... the client's government contract limits this seat to holders of US\n"
        "citizenship.",
        "The role is restricted by the client to US citizens.",
        "Green card holders and visa holders will be rejected.",
    ],
)
def test_nationals_only_asked_politely_or_by_limiting_the_seat(text: str) -> None:
    assert foreign_nationals_ok(text) is False


def test_a_citizen_who_did_not_take_japanese_nationality_keeps_his_own() -> None:
    text = "吴先生，42岁，中国公民，在日本生活已经十年，持有永住资格，但没有加入日本籍"
    assert nationality(text) == "CN"
    assert nationality("他是越南国民，住在大阪") == "VN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍：原为中国籍，2021年已加入日本国籍", "JP"),
        ("国籍：越南，前年加入了日本籍", "JP"),
        ("国籍：中国（没加入日本国籍）", "CN"),
        ("He holds British and Irish passports only - no US citizenship.", "GB"),
        ("She has Canadian or French citizenship, not US citizenship.", "CA"),
    ],
)
def test_a_nationality_taken_or_several_passports_held(text: str, expected: str) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "備考：お客様のご指示により日本国籍を有する方でなければ入場できません。",
        "■国籍\n　輸出管理上の制約から、日本の国籍でない方はお受けできません",
        "日本国籍の方でなければご参画いただけません",
        "因客戶的資安規範，只能由擁有日本國籍的人員參與。",
        "本项目只能由持有日本国籍的人员参加",
        "- United States citizenship (base access; no other passports can be processed)",
        "US citizens only, as no other citizenships will be cleared.",
    ],
)
def test_nationals_only_by_who_may_enter_or_take_part(text: str) -> None:
    assert foreign_nationals_ok(text) is False


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        (
            "LANGUAGE: the client requires JLPT N1. Candidates at N2 will not be considered.",
            True,
            "N1",
        ),
        ("Japanese: N1 only - engineers with N2 or below won't be accepted.", True, "N1"),
        ("Japanese N2 or higher; applicants with N3 cannot be considered.", True, "N2"),
        ("＊日文：去年考 N2 沒過，目前持有 N3", False, "N3"),
        ("日語：前年參加了N1，差一點沒有通過，現在是N2", False, "N2"),
        ("日语的话，日常聊天、买东西没问题，写正式文档和开会还比较吃力。", False, "conversational"),
        ("日文：日常聊天可以，商务场合还不行", False, "conversational"),
    ],
)
def test_a_level_turned_down_or_failed_and_everyday_chat(
    text: str, minimum: bool, expected: str
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("入館の都合上、日本のパスポートを持っている方にしか許可が下りません。", False),
        ("日本国籍の方しかご参画いただけません", False),
        ("セキュリティ審査の関係で、日本以外の国籍の方はお受けできません。", False),
        ("国籍が日本以外だと入構申請が通りません", False),
        ("国籍：因客户审查，只接收持有日本国籍的人员（已归化的外籍人士可以）", False),
        ("国籍：外籍工程师也完全没问题", True),
        ("外国籍の方でも全く問題ありません", True),
        ("外籍工程师没问题吗？", None),  # a question, no answer
        ("外国籍の方でも問題ありませんか？", None),
        ("Nationality: not a condition", True),
        ("Citizenship is not a factor; nationality is not a restriction here.", True),
        ("Nationality: not a condition we can waive", None),  # the opposite
        ("国籍は条件ではありません。", True),
        ("国籍不是限制，欢迎推荐", True),
    ],
)
def test_nationals_only_said_by_whom_entry_is_given_and_nationality_no_condition(
    text: str, expected: bool | None
) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        ("日本語：お客様との打ち合わせなど、業務の場で不自由なく使える方", True, "business"),
        ("日本語：仕事の中で問題なく読み書きできること", True, "business"),
        ("日本語は第一言語で、英語は読み書き程度です。", False, "native"),
        ("日语是他的第一语言（日本出生长大）", False, "native"),
        ("日本語は生まれたときから話している言葉です", False, "native"),
        ("日文方面，他从小就说日语，没有任何问题", False, "native"),
        ("Japanese: has spoken it since birth", False, "native"),
        ("日本語：中国で生まれ、大学で日本語を学んだ。日常会話レベル", False, "conversational"),
        # the other language's clause is not about Japanese ("工作语言" names English)
        ("日语只能应付打招呼、点餐这类简单交流。英语是他的工作语言,非常流利。", False,
         "conversational"),
        ("日语：N2，N1目前还没有考过", False, "N2"),
        ("日文：N2，N1 現在還沒考過", False, "N2"),
    ],
)  # fmt: skip
def test_a_first_language_and_japanese_without_trouble_at_work(
    text: str, minimum: bool, expected: str
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍方面先说明一下：他在日本住了十年，持有永住资格，但护照还是越南护照。", "VN"),
        ("陈先生持中国护照，2015年来日，现住大阪", "CN"),
        ("他没有日本护照，持越南护照", "VN"),  # the passport not held is not read
        ("> 入館：日本のパスポートをお持ちの方のみ", None),  # the passport a project asks
        ("本人はベトナムのパスポートを所持しており、日本在住8年です", "VN"),
        ("国籍について：日本に長く住んでいますが、パスポートは韓国です", "KR"),
        ("弊社に在籍する社員（男性・40歳、日本国籍）をご提案します", "JP"),
        ("» Nationality: Irish", "IE"),
        ("Ann Walsh, an Irish engineer based in Osaka", "IE"),
        ("Our consultant is a U.S. citizen (born in Ohio) living in Yokosuka.", "US"),
        ("Kenji Sato, 41, Japanese by birth and by citizenship.", "JP"),
        ("Ruwan Silva (Sri Lankan, 29) lives in Fukuoka.", "LK"),
        ("Meet Lucie Bernard, a French lighting TD who lives in Nakano.", "FR"),
        ("4th Floor, 12 Park Road, Chennai 600002, India", None),  # a signature's address
        ("Unit 1801, 18/F, Harbour Centre, Hong Kong", None),
    ],
)
def test_a_passport_held_a_demonym_in_brackets_and_an_address_is_no_nationality(
    text: str, expected: str | None
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A.B｜29歳｜韓国籍｜横浜市在住｜Java 6年", "KR"),  # a profile row's cell
        ("T.N｜31歳｜日本国籍｜川崎市在住", "JP"),
        ("国籍：ブラジル出身ですが、2019年に日本国籍を取得しました", "JP"),
        ("国籍：中国（日本国籍を取得予定）", "CN"),  # not yet
        ("■ 国籍　ベトナム（日本の永住権あり）", "VN"),  # a bulleted row without a colon
        ("◉ 国籍　日本（韓国籍は離脱済み）", "JP"),
        ("Account Director - Japan, Example Systems Pvt. Ltd.", None),  # the firm's desk
        ("5th Floor, 20 Tran Hung Dao, Hanoi, Vietnam | +84 24 0000 0000", None),
        ("T.N / 31 / Vietnamese / N2", "VN"),  # a one-line profile still
    ],
)
def test_a_profile_cell_a_naturalised_label_a_bullet_and_a_signature_line(
    text: str, expected: str | None
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        ("日本語：業務でも十分通用するレベルが必要", True, "business"),
        ("日本語：JLPT N2取得済み、N1は保有しておりません", False, "N2"),
        ("日本語はN2です。N1はまだ持っていません。", False, "N2"),
        ("Japanese: JLPT N2 (2022); she has not taken N1 yet.", False, "N2"),
        ("Japanese: N2, hasn't sat the N1", False, "N2"),
        ("日语：只会打招呼、点餐这种程度", False, "conversational"),
        ("日本語：挨拶程度です", False, "conversational"),
        ("Japanese: greetings and ordering food, not much more", False, "conversational"),
        ("日本人ですので、日本語での顧客折衝も問題ございません。", False, "native"),
        ("他是日本人，日语的沟通完全没有障碍。", False, "native"),
    ],
)
def test_work_grade_japanese_a_level_not_held_greetings_and_a_japanese_speaker(
    text: str, minimum: bool, expected: str
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    "text",
    [
        "语言：英语可作为工作语言（书面流利）",  # a language line about English alone
        "Language: English is his working language, fluent in writing",
        "日本人のためのサービスを日本語サイトで開発",  # not that the person is Japanese
        "I should add that he is a Japanese national and holds no U.S. citizenship.",
    ],
)
def test_no_japanese_level_from_another_language_or_a_nationality(text: str) -> None:
    assert japanese_level(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("④ 国籍：日本以外の国籍の方もご提案いただけます", True),
        ("外国人の方も参画可能です", True),
        ("外国籍の方もご提案いただけますか？", None),  # a question, no answer
        ("The client limits the seat to people who hold U.S. citizenship.", False),
        ("Base rules restrict the role to those who have Japanese nationality.", False),
        ("We can only submit U.S. citizens to this contract.", False),
        ("Per the end client, only American citizens can be put forward.", False),
    ],
)
def test_foreign_nationals_taken_or_refused_in_more_words(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Access restricts this seat to people who hold U.S. citizenship. Japanese nationals "
            "and U.S.\n  green-card holders cannot be badged, so please do not submit them.",
            "US",
        ),
        ("We can only submit U.S. citizens. Japanese nationals will not be considered.", "US"),
    ],
)
def test_the_citizenship_taken_not_the_one_turned_away(text: str, expected: str) -> None:
    assert citizenship_required(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国　　籍：中華人民共和国（永住者）", "CN"),  # the traditional 中華
        ("国籍：中华民国（台湾）", "TW"),
        ("国籍：越南。持有永住签证，护照仍为越南护照，未入日本籍", "VN"),  # not naturalised
        ("国籍：韩国，已入日本籍", "JP"),
        ("弊社社員（日本人、40歳）です。", "JP"),
        ("Greetings from Lionheart IT Services (Singapore). Our engineer lives in Chiba.", None),
        ("Candidate: Arjun K. (Indian, 33)", "IN"),  # a person's brackets still
    ],
)
def test_traditional_china_a_passport_kept_an_origin_and_a_firms_country(
    text: str, expected: str | None
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        ("His mother tongue is Japanese.", False, "native"),
        ("Japanese is her mother tongue; English at business level.", False, "native"),
        ("日本語：日本人と変わらないレベルで話せます", False, "native"),
        ("日語：跟日本人一樣，沒有任何問題", False, "native"),
        ("日本語：顧客との打ち合わせが問題なく行える方", True, "business"),
        ("日本語：N3程度、打ち合わせは通訳が必要", False, "N3"),
        # a candidate's reply quoting the project's ask: the level held, not the one asked
        ("> 日本語：N1必須\n\n日本語はN2で、N1は受けておりません。", False, "N2"),
        ("> 日本語：N2以上\n\n弊社社員をご紹介します。", False, "N2"),  # only the quote says it
    ],
)
def test_a_mother_tongue_a_meeting_without_trouble_and_a_quoted_ask(
    text: str, minimum: bool, expected: str
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍：機密案件のため、日本国籍者で固める方針です", False),
        ("体制はすべて日本国籍の方のみで構成します", False),
        ("Non-citizens cannot be considered for this badge.", False),
        ("The clearance is only granted to U.S. citizens.", False),
        ("Non-citizens are welcome; visa sponsorship is available.", True),  # no refusal
    ],
)
def test_a_team_of_nationals_and_non_citizens_turned_away(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a connective, before a stay in another country that grants no citizenship
        (
            "ただし国籍は日本で、米国にはL-1ビザで滞在しております。米国市民権は持っておりません",
            "JP",
        ),
        ("氏名: M.H（38歳・女性） 【国籍】日本 【居住】福岡県春日市", "JP"),  # a label mid-line
        ("|氏名    N.V.H（32歳・男性）\n|国籍    ベトナム\n|日本語   JLPT N1", "VN"),  # a box's row
        ("J.Qさんは日本（帰化）籍のエンジニアで、経験は10年です。", "JP"),
        ("対象者は上海市長寧区在住の中国籍エンジニア（32歳）です。", "CN"),  # not the place before
        ("日本在住の外国籍エンジニアです。", None),
    ],
)
def test_a_nationality_after_a_connective_a_label_mid_line_and_the_country_before_seki(
    text: str, expected: str | None
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daniel Kruger (D.K.), a South African national, has lived in Nagoya for years.", "ZA"),
        ("Mr. N. Perera is a Sri Lankan national living in Hakata-ku, Fukuoka.", "LK"),
        ("Her rate is USD 58 an hour. She is a Portuguese citizen.", "PT"),
        ("Tanya Okafor, Raleigh NC, works remotely, American by birth.", "US"),
        ("She is an employee of our company; nationality Indian.", "IN"),
        ("Japanese: native speaker (she is Japanese)", "JP"),
        ("T.M., male, 36, Japanese (native speaker)", "JP"),  # a cell, then the language
    ],
)
def test_a_two_word_demonym_a_nationality_by_birth_and_one_said_in_english_prose(
    text: str, expected: str
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "我是鼎峰资訊(日本)股份有限公司的业务陳柏宇。",  # a firm's name
        "瀚川信息技術(日本)株式会社",
        "陈佳\n杭州云栈科技 日本法人",  # a firm's branch
        "  Japanese - JLPT N1",  # a language's label
        "Tableau - 5 years | SQL - 8 years | Japanese - JLPT N2 (comfortable in meetings)",
        "Japanese (JLPT N1) | Lives in Osaka",
        "Sandeep Kulkarni\nAccount Manager - Japan",  # the sender's territory
        "Base: Bangalore, India - remote only, no relocation",  # where, not who
        "14F, 311 Teheran-ro, Gangnam-gu, Seoul 06151, Korea",  # a signature's address
        "Looker developer - fully remote (Japan) - 1 December start",
    ],
)
def test_no_nationality_from_a_firm_a_language_label_a_territory_or_a_place(text: str) -> None:
    assert nationality(text) is None


@pytest.mark.parametrize(
    ("text", "minimum", "expected"),
    [
        (
            "・日本人、52歳男性\n・日本生まれ日本育ちで、日本語はもちろん問題ありません",
            False,
            "native",
        ),
        ("日本人で、日本語での会議・資料作成はもちろん問題ございません。", False, "native"),
        ("お客様は日本人で、日本語での会話が必要です", False, None),  # not the person
        ("日本語 :業務上問題ございません", False, "business"),
        ("日语: 生活和工作都没问题", False, "business"),
        # the sender's own Japanese, still being learnt
        ("I am writing in English as I am still learning Japanese business writing.", True, None),
    ],
)
def test_a_japanese_born_person_is_native_and_work_without_trouble_is_business(
    text: str, minimum: bool, expected: str | None
) -> None:
    assert japanese_level(text, minimum=minimum) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国籍は問いませんが、上記の日本語要件は厳守でお願いいたします。", True),
        ("◇国籍：上記の日本語要件を満たしていれば、どちらの国の方でも歓迎です", True),
        ("Nationality: the client does not mind where the engineer comes from", True),
        ("■Nationality: foreign nationality OK", True),
        ("國籍：歡迎外籍人士，只要日文達標即可", True),
        ("Foreign nationality OK?", None),  # a question, no answer
    ],
)
def test_foreign_nationals_welcome_whatever_the_country(text: str, expected: bool | None) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # naturalised in the country named after the verb, not in Japan
        ("2）身份：出生于四川成都，2016 年入籍美国，现为美国公民（可提供护照复印件）", "US"),
        ("国籍：中国（2018年入籍加拿大）", "CA"),
        ("他原来是中国国籍，后来加入了英国国籍。", "GB"),
        ("韓国出身で、2012年にアメリカに帰化しております。", "US"),
        ("Ama is a naturalised British citizen, born in Accra.", "GB"),
        ("He was born in Pune and naturalized in Canada in 2014.", "CA"),
        ("原为中国籍，2016年入籍日本，现为日本国籍。", "JP"),
        ("中国籍で、米国籍を取得予定です。", "CN"),  # not yet
        ("越南国籍，没有入籍美国，持H-1B签证。", "VN"),
        # a one-line profile's cell
        ("K.F／39歳男性／福岡市早良区在住／国籍 日本／NW経験11年／単価65万", "JP"),
    ],
)
def test_naturalised_in_a_named_country_and_a_nationality_cell_of_a_one_line_profile(
    text: str, expected: str
) -> None:
    assert nationality(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("●　其他：不限國籍", True),  # no limit, not 限國籍
        ("国籍：不限国籍，日语N2以上", True),
        ("国籍：客户要求日本国籍（已归化的可以），持外国护照的人员不行", False),
        ("客户要求日本国籍。", False),
        ("持外国护照的人员不行", False),
        ("本项目不要求日本国籍。", None),  # no condition
        ("The bill rate is $70-80/hr, C2C or W2, and H-1B transfers are fine.", True),
        ("Foreigners -> welcome", True),
        ("Foreigners -> no", False),
    ],
)
def test_no_nationality_limit_a_japanese_nationality_asked_and_foreigners_under_an_arrow(
    text: str, expected: bool | None
) -> None:
    assert foreign_nationals_ok(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japanese: JLPT N2. He is comfortable in meetings but reads long Japanese design "
            "documents slowly, so document-heavy work at N1 level would be a stretch for him.",
            "N2",
        ),
        ("Japanese: N2 (N1 is beyond her for now)", "N2"),
    ],
)
def test_a_level_said_to_be_a_stretch_is_not_held(text: str, expected: str) -> None:
    assert japanese_level(text) == expected
