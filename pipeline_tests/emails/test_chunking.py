"""Chunks sized per script; quoted replies and signatures trimmed only on clear markers."""

from __future__ import annotations

from pipeline.emails.chunking import (
    CJK_CHUNK_CHARS,
    LATIN_CHUNK_CHARS,
    chunk_text,
    email_chunks,
    trim_reply_and_signature,
)


def test_cjk_text_gets_smaller_chunks_than_english() -> None:
    japanese = "\n\n".join(["案件の詳細です。必須スキルはJavaです。" * 8] * 20)
    english = "\n\n".join(["The requirement is a Java developer in Dallas. " * 8] * 20)
    assert max(len(c) for c in chunk_text(japanese)) <= CJK_CHUNK_CHARS
    assert max(len(c) for c in chunk_text(english)) <= LATIN_CHUNK_CHARS
    assert len(chunk_text(japanese)) > len(chunk_text(english)) / 2


def test_text_without_any_break_is_cut_hard_and_nothing_is_lost() -> None:
    text = "あ" * 1000
    chunks = chunk_text(text)
    assert "".join(chunks) == text and all(len(c) <= CJK_CHUNK_CHARS for c in chunks)


def test_signature_after_dash_dash_space_is_trimmed() -> None:
    text = "Java案件のご紹介です。\n\n-- \n株式会社テック 佐藤\nTEL 03-0000-0000"
    assert trim_reply_and_signature(text) == "Java案件のご紹介です。"


def test_quoted_reply_history_is_trimmed() -> None:
    text = "Yes, the consultant is available.\n\nOn Mon, Nov 3, 2025 Bob wrote:\n> Is he free?\n"
    assert trim_reply_and_signature(text) == "Yes, the consultant is available."
    text = "承知しました。\n\n-----Original Message-----\nFrom: x\n前回の案件の件"
    assert trim_reply_and_signature(text) == "承知しました。"


def test_a_lone_quoted_line_in_the_middle_is_kept() -> None:
    text = "> 単価60万円\nについて、65万円まで可能です。"
    assert trim_reply_and_signature(text) == text


def test_subject_leads_the_first_chunk() -> None:
    chunks = email_chunks("【案件】Java", "本文です。")
    assert chunks == ["【案件】Java\n\n本文です。"]
    assert email_chunks("", "") == []
