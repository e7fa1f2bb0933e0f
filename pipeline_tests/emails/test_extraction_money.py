"""Money (pipeline/emails/extraction/money.py): a range the line wrap cut in two."""

from __future__ import annotations

from pipeline.emails.extraction import Money, parse_money


def test_a_range_cut_by_the_wrap_is_one_range() -> None:
    text = "The engagement starts in August and pays 750,000 to\r\n900,000 JPY per month."
    assert parse_money(text, "en") == Money(750_000, 900_000, "JPY", "month")


def test_a_wrapped_sentence_does_not_lend_its_figures_to_the_rate() -> None:
    text = "Rate: $85/hr on C2C, and he has 10 years of experience in total, most of it\n1099."
    assert parse_money(text, "en") == Money(85, 85, "USD", "hour")
