"""Malformed mail the parser catches errors on: each is a note in `parse_errors`, never a raise."""

from __future__ import annotations

from pipeline.emails.parsing import parse_email

HEAD = b"Message-ID: <m@example.test>\r\nFrom: a@example.test\r\n"


def test_mime_nested_past_the_recursion_limit_keeps_the_raw_bytes_as_text() -> None:
    nested = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(3000)
    )
    parsed = parse_email(HEAD + nested + b"Content-Type: text/plain\r\n\r\ndeep body\r\n")
    assert parsed.parse_errors == ["unparseable MIME (RecursionError); raw bytes kept"]
    assert "deep body" in parsed.body_text


def test_a_base64_encoded_word_that_is_not_base64_is_kept_as_written() -> None:
    parsed = parse_email(HEAD + b"Subject: =?utf-8?b?YWJjZ?= offer\r\n\r\nbody\r\n")
    assert parsed.parse_errors == ["malformed encoded-word in a header; kept as written"]
    assert parsed.subject == "=?utf-8?b?YWJjZ?= offer"
    assert parsed.body_text == "body"


def test_an_attachment_name_in_a_charset_python_cannot_decode_is_dropped_not_the_part() -> None:
    raw = HEAD + (
        b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n'
        b"Content-Type: text/plain\r\n\r\ncover letter\r\n--x\r\n"
        b"Content-Type: text/plain\r\n"
        b"Content-Disposition: attachment; filename*=undefined''cv%ff.txt\r\n\r\n"
        b"skill sheet\r\n--x--\r\n"
    )
    parsed = parse_email(raw)
    assert parsed.parse_errors == ["undecodable attachment name"]
    assert "undecodable attachment name" in parsed.decode_notes
    (attachment,) = parsed.attachments
    assert attachment.filename is None and attachment.text == "skill sheet"
    assert parsed.body_text == "cover letter"


def test_a_well_formed_mail_has_no_parse_errors_even_with_guessed_charsets() -> None:
    parsed = parse_email(HEAD + b"Subject: \xe6\xa1\x88\xe4\xbb\xb6\r\n\r\nplain body\r\n")
    assert parsed.parse_errors == []
    assert parsed.subject == "案件"
