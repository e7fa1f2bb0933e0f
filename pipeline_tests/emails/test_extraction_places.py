"""Places (pipeline/emails/extraction/places.py): a home said in prose, the writer's own name
that is also a prefecture, and the Taiwanese spelling of Yokohama."""

from __future__ import annotations

from pipeline.emails.extraction.places import HOME_LABELS, WORK_LABELS, find_place


def test_a_home_in_prose_after_a_name_that_is_a_prefecture() -> None:
    text = (
        "はじめまして。フリーランスの宮城と申します。\n"
        "沖縄県那覇市に住んでおり、リモートの案件に限らせていただいております。"
    )
    assert find_place(text, HOME_LABELS) == "Okinawa"  # not 宮城 (Miyagi), the writer's name


def test_the_taiwanese_yokohama_before_a_signature_city() -> None:
    text = "橫濱的SRE案件，9月中旬開始，遠端為主。\n\n謝謝。\n新竹雲端科技　許文豪"
    assert find_place(text, WORK_LABELS) == "Kanagawa"


def test_a_home_label_and_a_chinese_place_label_name_the_place() -> None:
    assert find_place("Home: Ikoma, Nara\nRate: USD 27 per hour", HOME_LABELS) == "Nara"
    assert find_place("- 场所：横滨市西区（港未来），需要每天到现场", WORK_LABELS) == "Kanagawa"


def test_where_a_candidate_lives_beats_where_the_role_is_based() -> None:
    text = (
        "I know your logistics DB role is based in Hakata with two days from home, but he\n"
        "lives in Kumamoto City and takes fully remote work only."
    )
    assert find_place(text, HOME_LABELS) == "Kumamoto"
    assert find_place("他人在杭州，没法去上海坐班。", HOME_LABELS) == "Hangzhou"
    # "from home:" is no label
    assert (
        find_place(
            "- Based in Setagaya, Tokyo\n- nothing but 100% from home: no relocation to Aomori",
            HOME_LABELS,
        )
        == "Tokyo"
    )


def test_a_person_who_has_lived_somewhere_for_years_lives_there() -> None:
    text = "Grace (born in Busan) has lived in Setagaya, Tokyo, for three years."
    assert find_place(text, HOME_LABELS) == "Tokyo"
    assert find_place("Nakamura is a U.S. citizen in Honolulu; no on-site work", HOME_LABELS) == (
        "Honolulu"
    )


def test_a_home_said_with_osumai_and_a_writer_named_like_a_city() -> None:
    text = (
        "株式会社ミナミ・ソリューションズの大河内でございます。\n"
        "王さんは34歳の男性で、福岡市早良区にお住まいです。"
    )
    assert find_place(text, HOME_LABELS) == "Fukuoka"
    assert find_place("株式会社アオバの大河内です。ご確認ください。", HOME_LABELS) is None


def test_i_live_in_and_an_office_that_is_somewhere() -> None:
    assert find_place("Hello, I live in Nagoya and work from home.", HOME_LABELS) == "Aichi"
    text = "Good morning from Singapore.\nThe office is in Tenjin, Fukuoka. Start: November."
    assert find_place(text, WORK_LABELS) == "Fukuoka"


def test_a_home_said_as_settled_in_or_changzhu() -> None:
    text = "Lukas Brenner is settled in Sendai with his family.\n\nOwen, Northline, Tokyo office"
    assert find_place(text, HOME_LABELS) == "Miyagi"
    assert (
        find_place("推荐工程师一名：T.K，男，常住冲绳县那霸市。经验9年", HOME_LABELS) == "Okinawa"
    )


def test_a_where_row_an_office_named_with_its_city_and_a_team_that_sits_somewhere() -> None:
    where = "| Where | Marunouchi, Tokyo: three days a week in the office |\n\nAlex, Melbourne"
    assert find_place("Southern Cross (Melbourne) is hiring.\n" + where, WORK_LABELS) == "Tokyo"
    office = "Work style: Hybrid, 2 days a week at our Ebisu office, Tokyo\n\nJo, Austin TX"
    assert find_place(office, WORK_LABELS) == "Tokyo"
    team = "The team sits in the Nakanoshima office on Mondays.\n\nSam, Denver"
    assert find_place(team, WORK_LABELS) == "Osaka"


def test_a_home_said_as_dingju_beats_the_clients_city() -> None:
    text = "王工一家定居在福冈，每周去大阪客户那边坐班做不到。"
    assert find_place(text, HOME_LABELS) == "Fukuoka"


def test_a_home_said_as_the_citys_jitaku_beats_the_office_it_refuses() -> None:
    text = "名古屋の自宅から全日リモートでの参画を前提とします。日本橋へ出向く形は難しい状況です。"
    assert find_place(text, HOME_LABELS) == "Aichi"


def test_a_home_under_kyoju_or_zhuzhi_beats_the_projects_city_above_it() -> None:
    text = "東京の案件を拝見しました。\n居住：宮城県名取市\n勤務：東京への出社はできかねます"
    assert find_place(text, HOME_LABELS) == "Miyagi"
    text = "您好，看到东京的案件。\n住址：大阪府吹田市（江坂）\n开始：1月"
    assert find_place(text, HOME_LABELS) == "Osaka"


def test_a_home_as_one_item_of_a_one_line_profile() -> None:
    text = "北京云途推荐：Java 8年 / 日语N2 / 住埼玉县川口市 / 可全远程 / 单价55万"
    assert find_place(text, HOME_LABELS) == "Saitama"


def test_san_diego_and_arlington_in_the_ways_mail_writes_them() -> None:
    assert find_place("所在地：圣地亚哥，可以每周去两天", HOME_LABELS) == "San Diego"
    assert find_place("彼はサンディエゴに住んでいます。", HOME_LABELS) == "San Diego"
    assert find_place("Location: Arlington, VA - onsite", WORK_LABELS) == "Washington DC"


def test_world_twenty_threes_homes_and_a_cantonese_work_place() -> None:
    text = "Please see one engineer for the Osaka project.\nLives in: Naka-ku, Yokohama\nRate: 70"
    assert find_place(text, HOME_LABELS) == "Kanagawa"
    assert find_place("您好，看到东京的项目。\n■ 现住：大阪市淀川区", HOME_LABELS) == "Osaka"
    text = "我哋係香港的公司，客戶嘅工作地點係名古屋市中區，每日返工。"
    assert find_place(text, WORK_LABELS) == "Aichi"
    assert find_place("▼居住地：バージニア州アーリントン", HOME_LABELS) == "Washington DC"
    assert find_place("- 所在地：威斯康星州密尔沃基（Milwaukee）", HOME_LABELS) == "Milwaukee"
