"""Text from office attachments: skill sheets come as .docx, .xlsx, .xls and .ods.

Workbooks are read with python-calamine (a maintained reader of .xlsx, .xlsm, .xls and .ods):
every non-empty row of every sheet becomes one "a | b | c" line, in row order, with numbers
and dates written out (`経験年数 | 7`), whether the strings live in sharedStrings.xml or inline.
A .docx is a zip of XML whose text runs are read with a regex, paragraph by paragraph, which
cannot be tricked into fetching external entities. A broken, encrypted or oversized file
gives None and the caller records a note.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import date, datetime, time, timedelta

from python_calamine import CalamineError, CalamineWorkbook

MAX_XML_BYTES = 20_000_000  # a zip bomb guard: uncompressed XML read per attachment
MAX_SHEET_CHARS = 200_000  # text read per workbook; the caller keeps less

_DOCX_PARAGRAPH = re.compile(r"</w:p>")
_DOCX_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_WORKBOOK_SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
_WORKBOOK_TYPES = {
    "spreadsheetml": "xlsx",
    "application/vnd.ms-excel": "xls",
    "opendocument.spreadsheet": "ods",
}
_ZIPPED_WORKBOOKS = {"xlsx", "ods"}


def office_kind(filename: str | None, content_type: str) -> str | None:
    """'docx', 'xlsx', 'xls' or 'ods' from the file name or content type; None otherwise."""
    name = (filename or "").lower()
    if name.endswith(".docx") or "wordprocessingml" in content_type:
        return "docx"
    for suffix, kind in _WORKBOOK_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    for marker, kind in _WORKBOOK_TYPES.items():
        if marker in content_type:
            return kind
    return None


def office_text(data: bytes, kind: str) -> str | None:
    """The text of a .docx (one paragraph per line) or a workbook (one row per line).

    None when the file cannot be read: not the format it claims, encrypted, or over the size
    guard.
    """
    if kind == "docx":
        return _docx_text(data)
    return workbook_text(data, zipped=kind in _ZIPPED_WORKBOOKS)


def workbook_text(data: bytes, zipped: bool = True) -> str | None:
    """Every non-empty row of every sheet as "a | b | c", a "[sheet: name]" line before each
    sheet when there are several; None when calamine cannot read the bytes."""
    if zipped and not _zip_within_budget(data):
        return None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = workbook.sheet_names
        lines: list[str] = []
        size = 0
        for index, name in enumerate(names):
            if len(names) > 1:
                lines.append(f"[sheet: {name}]")
            for row in workbook.get_sheet_by_index(index).iter_rows():
                line = " | ".join(c for c in (_cell(v) for v in row) if c)
                if line:
                    lines.append(line)
                    size += len(line) + 1
                if size > MAX_SHEET_CHARS:
                    return "\n".join(lines)
    except (CalamineError, ValueError, OSError):
        return None
    return "\n".join(lines)


def _cell(value: object) -> str:
    """A cell as a person reads it: 7 not 7.0, dates as ISO dates, no surrounding blanks."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def _zip_within_budget(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist()) <= MAX_XML_BYTES
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _docx_text(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _runs(_read(archive, ["word/document.xml"]), _DOCX_TEXT, _DOCX_PARAGRAPH)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
        return None


def _read(archive: zipfile.ZipFile, names: list[str]) -> str:
    parts, budget = [], MAX_XML_BYTES
    for name in names:
        info = archive.getinfo(name)
        if info.file_size > budget:
            raise ValueError("attachment XML too large")
        budget -= info.file_size
        parts.append(archive.read(name).decode("utf-8", errors="replace"))
    return "\n".join(parts)


def _runs(xml: str, text: re.Pattern[str], breaks: re.Pattern[str]) -> str:
    lines = []
    for block in breaks.split(xml):
        line = "".join(html.unescape(t) for t in text.findall(block)).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)
