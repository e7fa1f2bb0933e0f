"""Text from office attachments (skill sheets come as .docx and .xlsx), standard library only.

Both formats are zip files of XML: the text runs are read with a regex rather than a full
XML parser, which is enough for search and extraction and cannot be tricked into fetching
external entities. A broken or oversized archive gives None and the caller records a note.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

MAX_XML_BYTES = 20_000_000  # a zip bomb guard: uncompressed XML read per attachment

_DOCX_PARAGRAPH = re.compile(r"</w:p>")
_DOCX_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_XLSX_TEXT = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_XLSX_ROW = re.compile(r"</(?:si|row)>")


def office_kind(filename: str | None, content_type: str) -> str | None:
    name = (filename or "").lower()
    if name.endswith(".docx") or "wordprocessingml" in content_type:
        return "docx"
    if name.endswith(".xlsx") or "spreadsheetml" in content_type:
        return "xlsx"
    return None


def office_text(data: bytes, kind: str) -> str | None:
    """The text of a .docx or .xlsx, one paragraph / shared string per line; None if unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if kind == "docx":
                return _runs(_read(archive, ["word/document.xml"]), _DOCX_TEXT, _DOCX_PARAGRAPH)
            names = ["xl/sharedStrings.xml"] + [
                n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")
            ]
            return _runs(_read(archive, names), _XLSX_TEXT, _XLSX_ROW)
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
