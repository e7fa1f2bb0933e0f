"""Skill sheets attached as .docx / .xlsx: their text reaches the email's text and profile."""

from __future__ import annotations

import base64
import io
import zipfile
from datetime import date

from pipeline.emails.attachments import office_text
from pipeline.emails.extraction import extract_candidate
from pipeline.emails.parsing import parse_email


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


DOCX = _zip(
    {
        "word/document.xml": (
            "<w:document><w:body><w:p><w:r><w:t>スキルシート</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>スキル：Java、</w:t></w:r><w:r><w:t>k8s &amp; AWS</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>経験年数：7年</w:t></w:r></w:p></w:body></w:document>"
        )
    }
)
XLSX = _zip(
    {
        "xl/sharedStrings.xml": (
            "<sst><si><t>氏名</t></si><si><t>Skills: Python, Postgres</t></si></sst>"
        ),
        "xl/worksheets/sheet1.xml": "<worksheet><sheetData/></worksheet>",
    }
)


def _with_attachment(name: str, content_type: str, data: bytes) -> bytes:
    encoded = base64.encodebytes(data)
    return (
        b"From: a@example.com\r\nSubject: =?utf-8?B?5Lq65p2Q5oOF5aCx?=\r\nMessage-ID: <att@x>\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "弊社社員のご紹介です。スキルシートを添付いたします。\r\n".encode()
        + b"--B\r\nContent-Type: "
        + content_type.encode()
        + b'\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="'
        + name.encode()
        + b'"\r\n\r\n'
        + encoded
        + b"--B--\r\n"
    )


def test_docx_text_is_read_paragraph_by_paragraph() -> None:
    assert office_text(
        DOCX, "docx"
    ) == "スキルシート\nスキル:Java、k8s & AWS\n経験年数:7年".replace(":", "：")


def test_xlsx_shared_strings_are_read() -> None:
    assert office_text(XLSX, "xlsx") == "氏名\nSkills: Python, Postgres"


def test_attached_skill_sheet_feeds_the_candidate_profile() -> None:
    raw = _with_attachment(
        "skill.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DOCX,
    )
    parsed = parse_email(raw)
    assert parsed.attachments[0].filename == "skill.docx"
    assert "k8s & AWS" in parsed.full_text
    profile = extract_candidate(parsed.subject, parsed.full_text, parsed.language, date(2025, 1, 1))
    assert profile.skills == ["Java", "Kubernetes", "AWS"]
    assert profile.experience_years == 7.0


def test_corrupt_office_attachment_is_a_note_not_a_crash() -> None:
    parsed = parse_email(_with_attachment("cv.xlsx", "application/octet-stream", b"PK\x03\x04junk"))
    assert any("unreadable xlsx" in note for note in parsed.decode_notes)
