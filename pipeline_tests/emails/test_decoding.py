"""The decoding chain: wider aliases, ISO-2022-JP with CP932 extensions, fallbacks, notes."""

from __future__ import annotations

import pytest

from pipeline.demo.inbox import encode_iso2022jp
from pipeline.emails.decoding import clean_text, decode_bytes, looks_binary


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
