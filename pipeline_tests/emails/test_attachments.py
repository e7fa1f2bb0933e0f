"""Skill sheets attached as .docx / .xlsx: their text reaches the email's text and profile."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import date

import openpyxl

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
# A real workbook, written by openpyxl: strings, an integer, a float, a date, a gap in a row.
SKILL_SHEET_ROWS = [
    ["氏名", "山田 太郎"],
    ["経験年数", 7],
    ["スキル", "Java", None, "Spring Boot", "AWS"],
    ["単価", 65.5, "万円"],
    ["稼働開始", date(2025, 4, 1)],
]
SKILL_SHEET_TEXT = (
    "氏名 | 山田 太郎\n経験年数 | 7\nスキル | Java | Spring Boot | AWS\n"
    "単価 | 65.5 | 万円\n稼働開始 | 2025-04-01"
)


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _shared_strings(data: bytes) -> bytes:
    """The same workbook with its strings moved to xl/sharedStrings.xml, as Excel writes them,
    the table in reverse order so that table order is not cell order (openpyxl writes inline
    strings and no sharedStrings.xml)."""
    cell = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*) t="inlineStr"([^>]*)><is>(.*?)</is></c>')
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        sheets = {
            info.filename: source.read(info.filename).decode()
            for info in source.infolist()
            if info.filename.startswith("xl/worksheets/sheet")
        }
        strings = list(dict.fromkeys(m[4] for xml in sheets.values() for m in cell.finditer(xml)))
        table = strings[::-1]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for info in source.infolist():
                text = sheets.get(info.filename) or source.read(info.filename).decode()
                if info.filename in sheets:
                    text = cell.sub(
                        lambda m: f'<c r="{m[1]}"{m[2]} t="s"{m[3]}><v>{table.index(m[4])}</v></c>',
                        text,
                    )
                elif info.filename == "[Content_Types].xml":
                    text = text.replace("</Types>", f"{_SST_TYPE}</Types>")
                elif info.filename == "xl/_rels/workbook.xml.rels":
                    text = text.replace("</Relationships>", f"{_SST_REL}</Relationships>")
                target.writestr(info, text)
            items = "".join(f"<si>{s}</si>" for s in table)
            target.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{items}</sst>')
    return buffer.getvalue()


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_SST_REL = (
    '<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)


XLSX = _workbook({"スキルシート": SKILL_SHEET_ROWS})


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


def test_xlsx_cells_come_out_row_by_row_with_their_numbers() -> None:
    assert office_text(XLSX, "xlsx") == SKILL_SHEET_TEXT


def test_xlsx_without_shared_strings_is_read() -> None:
    with zipfile.ZipFile(io.BytesIO(XLSX)) as archive:
        assert "xl/sharedStrings.xml" not in archive.namelist()  # openpyxl writes inline
    assert office_text(XLSX, "xlsx") == SKILL_SHEET_TEXT


def test_xlsx_shared_strings_come_out_in_cell_order() -> None:
    excel_like = _shared_strings(XLSX)
    with zipfile.ZipFile(io.BytesIO(excel_like)) as archive:
        table = archive.read("xl/sharedStrings.xml").decode()
    assert table.index("AWS") < table.index("氏名")  # the table is not in cell order
    assert office_text(excel_like, "xlsx") == SKILL_SHEET_TEXT


def test_every_sheet_is_read_under_its_name() -> None:
    data = _workbook({"基本情報": [["氏名", "李 明"]], "経歴": [["2019", "Python", 5]]})
    assert (
        office_text(data, "xlsx")
        == "[sheet: 基本情報]\n氏名 | 李 明\n[sheet: 経歴]\n2019 | Python | 5"
    )


def test_attached_xlsx_skill_sheet_reaches_the_mail_text() -> None:
    raw = _with_attachment(
        "skill.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XLSX
    )
    parsed = parse_email(raw)
    assert parsed.decode_notes == []
    assert "[attachment: skill.xlsx]\n" + SKILL_SHEET_TEXT in parsed.full_text
    profile = extract_candidate(parsed.subject, parsed.full_text, parsed.language, date(2025, 1, 1))
    assert profile.skills[:3] == ["Java", "Spring Boot", "AWS"]


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
