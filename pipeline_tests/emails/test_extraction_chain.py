"""商流 (pipeline/emails/extraction/chain.py): a candidate's depth from the sender and a
project's limit, in the words dev10 writes them."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction.chain import commercial_depth, max_commercial_depth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商流：貴社の協力会社の協力会社まで可", 2),  # the reader's partner's partner
        ("貴社BPの先まで", 2),
        ("貴社パートナー様（個人事業主含む）まで", 1),  # one partner, however it is described
        ("貴社BP様の社員まで", 1),
        ("貴社社員まで", 0),
    ],
)
def test_a_limit_through_the_readers_partners(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("弊社の一次パートナー様（協力会社様）所属の社員となります。", 1),  # a first-tier partner
        ("当社在籍のインフラエンジニアです", 0),
        ("外包公司的外包", 2),
    ],
)
def test_depth_of_a_first_tier_partner_an_own_employee_and_a_vendors_vendor(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


def test_a_first_interview_is_no_first_tier() -> None:
    assert commercial_depth("一次面談のみです") is None
