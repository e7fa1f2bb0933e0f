"""The decoding chain: wider aliases, ISO-2022-JP with CP932 extensions, fallbacks, notes."""

from __future__ import annotations

import pytest

from pipeline.demo.inbox import encode_iso2022jp
from pipeline.emails.decoding import clean_text, decode_bytes, looks_binary
from pipeline.emails.parsing import parse_email


def test_iso_2022_jp_with_cp932_extensions_decodes() -> None:
    text = "①㈱髙橋システム 単価60万円"
    decoded = decode_bytes(encode_iso2022jp(text), "ISO-2022-JP")
    assert (decoded.text, decoded.note) == (text, None)


def test_plain_iso_2022_jp_matches_pythons_codec() -> None:
    text = "お世話になっております。案件のご紹介です。"
    assert decode_bytes(text.encode("iso2022_jp"), "iso-2022-jp").text == text


def test_shift_jis_label_is_read_as_cp932() -> None:
    text = "①要員のご紹介 ㈱テック"
    assert decode_bytes(text.encode("cp932"), "Shift_JIS").text == text


def test_gb2312_label_is_read_as_gb18030() -> None:
    text = "简历推荐：王喆，熟悉Java"  # 喆 is outside GB2312, common in names
    decoded = decode_bytes(text.encode("gb18030"), "gb2312")
    assert (decoded.text, decoded.note) == (text, None)


def test_latin1_label_on_utf8_bytes_believes_the_bytes_and_says_so() -> None:
    decoded = decode_bytes("案件です".encode(), "iso-8859-1")
    assert decoded.text == "案件です"
    assert decoded.note == "declared iso-8859-1 but bytes are UTF-8"


def test_unknown_charset_falls_back_to_utf8_with_a_note() -> None:
    decoded = decode_bytes("岗位需求".encode(), "x-unknown")
    assert decoded.text == "岗位需求"
    assert "unknown charset 'x-unknown'" in decoded.note


def test_undeclared_legacy_bytes_go_to_the_detector() -> None:
    text = "お世話になっております。下記の案件について、ご提案をお願いいたします。" * 3
    decoded = decode_bytes(text.encode("cp932"), None)
    assert decoded.text == text
    assert "detected" in decoded.note


@pytest.mark.parametrize("data", [b"\xff\xfe\x00garbage\x80\x81", bytes(range(256))])
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    assert isinstance(decode_bytes(data, "utf-8").text, str)


def test_clean_text_removes_what_postgres_refuses() -> None:
    assert clean_text("a\x00b\ud800c\x07d") == "ab\ufffdcd"


def test_iso_2022_jp_escapes_are_not_mistaken_for_binary() -> None:
    assert not looks_binary(encode_iso2022jp("あA" * 50))
    assert looks_binary(bytes(range(32)) * 10)


RUSSIAN = "Здравствуйте! Предлагаю кандидата: Python, Django, опыт работы семь лет. " * 4


def _damaged(text: str, bad: bytes = b"\xe3\x81") -> bytes:
    """`text` as UTF-8 with `bad` inserted mid-way (default: a character cut short)."""
    data = text.encode()
    middle = len(data) // 2
    while data[middle] & 0xC0 == 0x80:  # land on the first byte of a character
        middle += 1
    return data[:middle] + bad + data[middle:]


@pytest.mark.parametrize("declared", ["utf-8", None])
@pytest.mark.parametrize("bad", [b"\xe3\x81", b"\xff", b"\x80"])
def test_one_invalid_sequence_in_utf8_is_replaced_in_place(
    declared: str | None, bad: bytes
) -> None:
    decoded = decode_bytes(_damaged(RUSSIAN, bad), declared)
    assert decoded.codec == "utf-8"
    assert decoded.text.replace("\ufffd", "", 1) == RUSSIAN
    assert f"{len(bad)} invalid UTF-8 byte" in decoded.note and "replaced in place" in decoded.note


def test_russian_utf8_mail_with_one_bad_byte_stays_russian() -> None:
    raw = (
        b"From: a@example.com\r\nSubject: candidate\r\nMessage-ID: <ru@x>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + _damaged(RUSSIAN)
    )
    parsed = parse_email(raw)
    assert "опыт работы семь лет" in parsed.body_text
    assert parsed.body_text.count("\ufffd") == 1
    assert parsed.language not in ("ja", "zh")


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("お世話になっております。下記の案件について、ご提案をお願いいたします。" * 3, "cp932"),
        ("尊敬的管理员，您好！您的企业成员暂时无法登录邮件客户端，请联系管理员。" * 3, "gb18030"),
    ],
)
def test_mostly_undecodable_bytes_still_go_to_the_detector(text: str, charset: str) -> None:
    decoded = decode_bytes(text.encode(charset), "utf-8")
    assert decoded.text == text
    assert "detected" in decoded.note


def test_euc_jp_read_as_utf8_is_not_taken_for_damaged_utf8() -> None:
    # EUC-JP is the legacy charset closest to the threshold (0.53 of its bytes invalid UTF-8).
    text = "お世話になっております。下記の案件について、ご提案をお願いいたします。" * 3
    decoded = decode_bytes(text.encode("euc_jp"), "utf-8")
    assert "detected" in decoded.note and "\ufffd" not in decoded.text
