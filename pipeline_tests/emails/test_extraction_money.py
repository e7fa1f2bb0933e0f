"""Money (pipeline/emails/extraction/money.py): a range the line wrap cut in two."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction import Money, is_negotiable, parse_money


def test_a_range_cut_by_the_wrap_is_one_range() -> None:
    text = "The engagement starts in August and pays 750,000 to\r\n900,000 JPY per month."
    assert parse_money(text, "en") == Money(750_000, 900_000, "JPY", "month")


def test_a_wrapped_sentence_does_not_lend_its_figures_to_the_rate() -> None:
    text = "Rate: $85/hr on C2C, and he has 10 years of experience in total, most of it\n1099."
    assert parse_money(text, "en") == Money(85, 85, "USD", "hour")


@pytest.mark.parametrize(
    ("text", "language", "money"),
    [
        ("予算：上限80万", "ja", Money(None, 800_000, "JPY", "month")),
        ("上限：80万円", "ja", Money(None, 800_000, "JPY", "month")),
        ("单价：2万5千元/月", "zh", Money(25_000, 25_000, "CNY", "month")),
        ("Day rate: USD 700-800", "en", Money(700, 800, "USD", "day")),
        ("単価：65（精算140-180h）", "ja", Money(650_000, 650_000, "JPY", "month")),
        ("単価 55~60", "ja", Money(550_000, 600_000, "JPY", "month")),
        ("単価 50〜", "ja", Money(500_000, None, "JPY", "month")),
        ("单价：2.5-3万/人月", "zh", Money(25_000, 30_000, "CNY", "month")),
        ("期望：~65万日元", "zh", Money(None, 650_000, "JPY", "month")),
        ("$85/hr C2C", "en", Money(85, 85, "USD", "hour")),
    ],
)
def test_money_as_people_write_it(text: str, language: str, money: Money) -> None:
    assert parse_money(text, language) == money


def test_a_yen_sized_figure_in_no_written_currency_is_not_read_as_yuan_or_dollars() -> None:
    assert parse_money("单价：65万/月", "zh") == Money(650_000, 650_000, "JPY", "month")
    assert parse_money("单价：3万/月", "zh") == Money(30_000, 30_000, "CNY", "month")
    assert parse_money("Rate: 700,000 per month", "en") == Money(700_000, 700_000, "JPY", "month")
    assert parse_money("年薪：30万", "zh") == Money(300_000, 300_000, "CNY", "year")
    # a unit written anywhere in the mail decides it
    assert parse_money("单价：65万/月\n交通费另付 5000元", "zh").currency == "CNY"


def test_a_bare_figure_needs_a_rate_label_to_be_ten_thousands_of_yen() -> None:
    assert parse_money("年齢：45\n稼働：即日", "ja") is None
    assert parse_money("予算：45名", "ja") is None


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("Rate: $70/hr - $80/hr", Money(70, 80, "USD", "hour")),
        ("単価：60万/月~70万/月", Money(600_000, 700_000, "JPY", "month")),
        ("Budget: below $100/hr", Money(None, 100, "USD", "hour")),
        ("Rate: no more than $90/hr", Money(None, 90, "USD", "hour")),
        ("Budget: $80/hr or less", Money(None, 80, "USD", "hour")),
        ("预算：不超过80万日元", Money(None, 800_000, "JPY", "month")),
    ],
)
def test_ranges_with_a_period_on_both_ends_and_upper_bounds_in_words(
    text: str, money: Money
) -> None:
    assert parse_money(text, None) == money


def test_open_rates_are_negotiable_only_after_a_money_label() -> None:
    for text in ("Rate: open", "薪资：面谈", "単価：ご相談", "単価：スキル見合い", "面议"):
        assert is_negotiable(text), text
    assert not is_negotiable("面談：1回\nThe position is open.")


@pytest.mark.parametrize(
    ("text", "language", "money"),
    [
        ("薪资：2.5W/月", "zh", Money(25_000, 25_000, "CNY", "month")),
        ("单价：￥25,000/月", "zh", Money(25_000, 25_000, "CNY", "month")),  # ¥ in Chinese mail
        ("单价：¥650,000/月", "zh", Money(650_000, 650_000, "JPY", "month")),  # yen-sized
        ("単価：¥25,000/日", "ja", Money(25_000, 25_000, "JPY", "day")),
        ("日薪800-1000", "zh", Money(800, 1000, "CNY", "day")),
        ("Rate: $60/hr W2", "en", Money(60, 60, "USD", "hour")),
    ],
)
def test_chinese_ways_of_writing_money(text: str, language: str, money: Money) -> None:
    assert parse_money(text, language) == money


@pytest.mark.parametrize(
    "text", ["单价：港币50,000/月", "薪资：新台币12万/月", "CTC: 25 LPA", "Rate: S$8,000/month"]
)
def test_a_currency_the_profile_cannot_hold_is_no_rate(text: str) -> None:
    assert parse_money(text, None) is None


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("单价：六十五万日元", Money(650_000, 650_000, "JPY", "month")),
        ("预算：两万五千元", Money(25_000, 25_000, "CNY", "month")),
        ("単価：五十五万～六十万円", Money(550_000, 600_000, "JPY", "month")),
    ],
)
def test_amounts_in_kanji(text: str, money: Money) -> None:
    assert parse_money(text, None) == money
    assert parse_money("万一有问题请联系", "zh") is None


def test_a_range_in_words() -> None:
    text = "They can pay between 700,000 and 800,000 yen a month."
    assert parse_money(text, "en") == Money(700_000, 800_000, "JPY", "month")


@pytest.mark.parametrize(
    ("text", "language", "money"),
    [
        ("現単価：60万円\n希望単価：65万円", "ja", Money(650_000, 650_000, "JPY", "month")),
        ("前回単価60万、今回希望65万", "ja", Money(650_000, 650_000, "JPY", "month")),
        ("Current rate: $60/hr\nExpected rate: $70/hr", "en", Money(70, 70, "USD", "hour")),
        ("目前薪资：2万/月\n期望薪资：2.5万/月", "zh", Money(25_000, 25_000, "CNY", "month")),
        ("現単価：60万円", "ja", Money(600_000, 600_000, "JPY", "month")),  # the only one stated
    ],
)
def test_the_asked_rate_wins_over_the_current_one(text: str, language: str, money: Money) -> None:
    assert parse_money(text, language) == money


@pytest.mark.parametrize(
    "text",
    ["国籍：日本　／　単価：４５万円　／　日本語：母語", "月額：45万円 / 年齢：30歳"],
)
def test_the_next_labels_first_character_is_no_period(text: str) -> None:
    money = parse_money(text, "ja")
    assert money is not None and (money.minimum, money.period) == (450000, "month")


def test_yuan_after_the_yen_named_first_is_yen() -> None:
    assert parse_money("希望時薪日幣4,000元。", "zh") == Money(4000.0, 4000.0, "JPY", "hour")
    assert parse_money("月薪8000元", "zh") == Money(8000.0, 8000.0, "CNY", "month")


def test_a_currency_code_wrapped_away_from_its_amount_is_read() -> None:
    text = (
        "The start date is Monday, January 4, 2027. Compensation for the contract is USD\n"
        "105,000-120,000 per year depending on certifications."
    )
    assert parse_money(text, "en") == Money(105000.0, 120000.0, "USD", "year")


def test_dollars_written_in_katakana_are_dollars() -> None:
    assert parse_money("・単価：時給70ドル", "ja") == Money(70.0, 70.0, "USD", "hour")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("● 時薪：US$70/hr（C2C）", "zh", Money(70, 70, "USD", "hour")),
        ("希望報酬：月額22,000人民元", "ja", Money(22000, 22000, "CNY", "month")),
        ("‧ 時薪：¥3,800 – ¥4,200（按實際工時）", "zh", Money(3800, 4200, "JPY", "hour")),
        # Shift_JIS mail decodes its yen sign as a backslash
        ("□ 単価：\\550,000～\\650,000／月", "ja", Money(550000, 650000, "JPY", "month")),
        (
            "Java dev | Osaka | ¥600K-700K/month | our own employees only | 1 interview",
            "en",
            Money(600000, 700000, "JPY", "month"),
        ),
    ],
)
def test_us_dollars_renminbi_in_japanese_an_hourly_yen_and_the_shift_jis_yen(
    text: str, language: str, expected: Money
) -> None:
    assert parse_money(text, language) == expected


def test_a_head_count_is_still_no_rate() -> None:
    assert parse_money("Founded 2009, 120 employees, capital 10,000,000 JPY", "en") is None


def test_a_skill_that_spells_rate_is_no_rate_label() -> None:
    line = "李工 / MicroStrategy 6年、SQL 10年 / 日语N1 / 4月1日到岗 / 期望65万日元每月"
    assert parse_money(line, "zh") == Money(650000, 650000, "JPY", "month")


def test_a_period_written_before_its_figure_and_a_count_that_is_no_budget() -> None:
    assert parse_money("▽単価：1日 800元", "zh") == Money(800, 800, "CNY", "day")
    text = "Build a gateway for ~25k concurrent connections.\nRate: $60-75/hr C2C"
    assert parse_money(text, "en") == Money(60, 75, "USD", "hour")


def test_the_first_of_a_month_beside_a_rate_is_no_period() -> None:
    assert parse_money("開始: 10月1日 60万円", "ja") == Money(600000, 600000, "JPY", "month")
