"""Raw mail bytes to a `ParsedEmail`: decoded headers, readable body, attachments, notes.

`parse_email` never raises. Whatever it cannot decode or had to guess is written to
`decode_notes`, so a reader of the row knows how far to trust the text; the notes that record
an error the parser caught (part of the mail was not read) are also in `parse_errors`.
"""

from __future__ import annotations

import email.errors
import email.header
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import Any

from bs4.builder import ParserRejectedMarkup

from pipeline.emails.attachments import office_kind, office_text
from pipeline.emails.decoding import (
    clean_text,
    decode_bytes,
    detect,
    looks_binary,
    normalise_charset,
)

# Text parts beyond this are recorded but not decoded: nobody writes a 2 MB cover letter.
MAX_TEXT_PART_BYTES = 2_000_000
# Text kept per attachment in the row (the document gets the same text).
MAX_ATTACHMENT_TEXT_CHARS = 50_000
_MAX_HEADER_CHARS = 2_000
_TEXT_ATTACHMENT_SUFFIXES = (".txt", ".csv", ".md", ".tsv", ".log")
# What the standard library's email package raises on malformed input (its own errors, and
# the codec, index and attribute errors of its less travelled paths, recursion on deep
# nesting), and BeautifulSoup on markup it rejects: caught per part and per message, where
# a step reads whatever the sender wrote, and turned into notes.
_MALFORMED = (
    email.errors.MessageError,
    ParserRejectedMarkup,
    LookupError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
)


@dataclass
class Attachment:
    filename: str | None
    content_type: str
    size: int
    text: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "text_extracted": self.text is not None,
        }


@dataclass
class ParsedEmail:
    """One message, decoded as far as possible. `message_id` is None when the header is missing."""

    raw_sha256: str
    message_id: str | None
    subject: str = ""
    from_address: str = ""
    to_addresses: list[str] = field(default_factory=list)
    sent_at: datetime | None = None
    headers: dict[str, Any] = field(default_factory=dict)
    body_text: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    decode_notes: list[str] = field(default_factory=list)
    parse_errors: list[str] = field(default_factory=list)
    language: str | None = None

    @property
    def key(self) -> str:
        """The identity of the stored mail, 'sha256:<hex of the raw bytes>'.

        The same bytes again are a duplicate; two different mails that share a Message-ID are
        two mails (the Message-ID is kept as data, not as the key). Email documents are named
        by this key, so there is one document per stored mail.
        """
        return f"sha256:{self.raw_sha256}"

    @property
    def full_text(self) -> str:
        """Body plus the text of text attachments (skill sheets often come attached)."""
        parts = [self.body_text]
        for attachment in self.attachments:
            if attachment.text:
                parts.append(f"[attachment: {attachment.filename or 'unnamed'}]\n{attachment.text}")
        return "\n\n".join(p for p in parts if p.strip())

    def note(self, text: str) -> None:
        if text not in self.decode_notes:
            self.decode_notes.append(text)

    def error(self, text: str) -> None:
        """A note for an error the parser caught: that part of the mail was not read."""
        self.note(text)
        if text not in self.parse_errors:
            self.parse_errors.append(text)


def parse_email(raw: bytes) -> ParsedEmail:
    """Parse and decode one message; never raises (a failure becomes a decode note)."""
    parsed = ParsedEmail(raw_sha256=hashlib.sha256(raw).hexdigest(), message_id=None)
    if not raw.strip():
        parsed.note("empty message")
        return parsed
    try:
        message = BytesParser(policy=compat32).parsebytes(raw)
    except (email.errors.MessageError, RecursionError) as e:  # lenient but for deep nesting
        parsed.error(f"unparseable MIME ({type(e).__name__}); raw bytes kept")
        parsed.body_text = clean_text(decode_bytes(raw).text)
        return parsed
    try:
        _read_headers(message, parsed)
        _read_parts(message, parsed)
    except _MALFORMED as e:
        parsed.error(f"parse error ({type(e).__name__}: {str(e)[:200]}); partial result kept")
    if parsed.message_id is None:
        parsed.note("no Message-ID header")
    for defect in _defects(message):
        parsed.note(f"MIME defect: {defect}")
    if not parsed.body_text.strip() and not parsed.attachments:
        parsed.note("no readable body")
    parsed.language = detect_language(f"{parsed.subject}\n{parsed.full_text}")
    return parsed


def _read_headers(message: Message, parsed: ParsedEmail) -> None:
    hints = [c for c in message.get_charsets() if c]
    headers: dict[str, Any] = {}
    # raw_items: compat32's items() turns undeclared 8-bit bytes into U+FFFD before we see them
    for name, value in message.raw_items():
        text = decode_header_value(value, hints, parsed)
        key = clean_text(str(name)).lower()
        if key in headers:
            previous = headers[key]
            headers[key] = [*previous, text] if isinstance(previous, list) else [previous, text]
        else:
            headers[key] = text
    parsed.headers = headers
    parsed.subject = _first(headers.get("subject"))
    parsed.from_address = _first(headers.get("from"))
    recipients = [_first(headers.get(h)) for h in ("to", "cc") if headers.get(h)]
    parsed.to_addresses = [
        f"{name} <{address}>" if name else address
        for name, address in email.utils.getaddresses(recipients)
        if address or name
    ]
    parsed.message_id = _message_id(_first(headers.get("message-id")))
    parsed.sent_at = _date(_first(headers.get("date")), parsed)


def decode_header_value(value: Any, hints: list[str], parsed: ParsedEmail | None = None) -> str:
    """A header as text: raw 8-bit bytes decoded with the message's charsets, then RFC 2047."""
    text = str(value)
    if re.search(r"[\udc80-\udcff]", text):
        # compat32 keeps undeclared 8-bit header bytes as surrogates: recover and decode them.
        data = text.encode("ascii", "surrogateescape")
        text = _decode_raw_header(data, hints, parsed)
    text = re.sub(r"\r?\n[ \t]*", " ", text)
    if "=?" in text:
        text = _decode_encoded_words(text, parsed)
    return clean_text(text)[:_MAX_HEADER_CHARS]


def _decode_raw_header(data: bytes, hints: list[str], parsed: ParsedEmail | None) -> str:
    as_utf8 = decode_bytes(data, "utf-8")
    # Valid UTF-8 wins unless it carries U+FFFD, the mark of a legacy charset mangled upstream.
    if as_utf8.codec == "utf-8" and as_utf8.note is None and "\ufffd" not in as_utf8.text:
        return as_utf8.text
    for charset in hints:
        decoded = decode_bytes(data, charset)
        if decoded.codec == normalise_charset(charset):
            return decoded.text
    if parsed is not None:
        parsed.note("undeclared 8-bit bytes in a header; charset guessed")
    # Mostly-valid UTF-8 beats a detector's guess on a string this short.
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    if sum(1 for c in lenient if "\x7f" < c != "\ufffd") >= 2 * replaced:
        return lenient
    guessed = detect(data)
    if guessed and not guessed[1].startswith("utf_"):
        return guessed[0]
    return data.decode("cp1252", errors="replace")


def _decode_encoded_words(text: str, parsed: ParsedEmail | None) -> str:
    try:
        pieces = email.header.decode_header(text)
    except email.errors.HeaderParseError:  # a base64 encoded-word that is not base64
        if parsed is not None:
            parsed.error("malformed encoded-word in a header; kept as written")
        return text
    out = []
    for piece, charset in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        decoded = decode_bytes(piece, charset)
        if decoded.note and parsed is not None:
            parsed.note(f"header: {decoded.note}")
        out.append(decoded.text)
    return "".join(out)


def _read_parts(message: Message, parsed: ParsedEmail) -> None:
    plain: list[str] = []
    html: list[str] = []
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        try:
            _read_part(part, index, parsed, plain, html)
        except _MALFORMED as e:
            parsed.error(f"part {index}: {type(e).__name__}; skipped")
    body = "\n\n".join(plain) if plain else "\n\n".join(html_to_text(h) for h in html)
    parsed.body_text = clean_text(body).strip()


def _read_part(
    part: Message, index: int, parsed: ParsedEmail, plain: list[str], html: list[str]
) -> None:
    content_type = part.get_content_type()
    filename = _filename(part, parsed)
    disposition = (part.get_content_disposition() or "").lower()
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return
    is_attachment = disposition == "attachment" or filename is not None
    if is_attachment or not content_type.startswith("text/"):
        _read_attachment(part, content_type, filename, payload, parsed)
        return
    if len(payload) > MAX_TEXT_PART_BYTES:
        parsed.note(f"part {index}: text part of {len(payload)} bytes too large; not decoded")
        return
    if looks_binary(payload):
        parsed.note(f"part {index}: binary bytes in a {content_type} part; skipped")
        return
    decoded = decode_bytes(payload, part.get_content_charset())
    if decoded.note:
        parsed.note(f"part {index}: {decoded.note}")
    (html if content_type == "text/html" else plain).append(decoded.text)


def _read_attachment(
    part: Message, content_type: str, filename: str | None, payload: bytes, parsed: ParsedEmail
) -> None:
    attachment = Attachment(filename=filename, content_type=content_type, size=len(payload))
    parsed.attachments.append(attachment)
    name = (filename or "").lower()
    textual = content_type.startswith("text/") or name.endswith(_TEXT_ATTACHMENT_SUFFIXES)
    kind = office_kind(filename, content_type)
    if kind is not None:
        text = office_text(payload, kind)
        if text is None:
            parsed.note(f"attachment {filename or content_type!r}: unreadable {kind}")
        else:
            attachment.text = clean_text(text)[:MAX_ATTACHMENT_TEXT_CHARS]
        return
    if not textual:
        return
    label = filename or content_type
    if len(payload) > MAX_TEXT_PART_BYTES:
        parsed.note(f"attachment {label!r}: {len(payload)} bytes, too large to extract text")
    elif looks_binary(payload):
        parsed.note(f"attachment {label!r}: binary bytes in a text attachment; skipped")
    else:
        decoded = decode_bytes(payload, part.get_content_charset())
        if decoded.note:
            parsed.note(f"attachment {label!r}: {decoded.note}")
        text = decoded.text if content_type != "text/html" else html_to_text(decoded.text)
        attachment.text = clean_text(text)[:MAX_ATTACHMENT_TEXT_CHARS]


def _filename(part: Message, parsed: ParsedEmail) -> str | None:
    try:
        name = part.get_filename()
    except ValueError:  # an RFC 2231 charset Python cannot decode with ('undefined', 'idna')
        parsed.error("undecodable attachment name")
        return None
    if name is None:
        return None
    hints = [c for c in [part.get_content_charset()] if c]
    if "\ufffd" in name:
        name = _raw_filename(part, hints, parsed) or name
    return decode_header_value(name, hints, parsed)


def _raw_filename(part: Message, hints: list[str], parsed: ParsedEmail) -> str | None:
    # get_filename() has already replaced undeclared 8-bit bytes; read the raw header instead.
    for header, value in part.raw_items():
        if header.lower() not in ("content-disposition", "content-type"):
            continue
        text = decode_header_value(value, hints, parsed)
        match = re.search(r'(?:file)?name\s*=\s*"?([^";]+)', text, re.IGNORECASE)
        if match:
            return match.group(1).strip()
    return None


def html_to_text(html: str) -> str:
    """Readable text from an HTML body: scripts and styles dropped, blocks on their own lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def detect_language(text: str) -> str | None:
    """ja when there is kana, zh when Han characters dominate without kana, else en."""
    sample = text[:5000]
    # Kana proper: the middle dot (・, U+30FB) and the long-vowel mark bullet Chinese mail too.
    kana = len(re.findall(r"[\u3041-\u3096\u30a1-\u30fa]", sample))
    han = len(re.findall(r"[\u4e00-\u9fff]", sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if kana >= 3 and kana * 10 >= han:
        return "ja"
    if han >= 4 and han * 4 >= latin / 2:
        return "zh"
    if latin:
        return "en"
    return None


def _defects(message: Message) -> list[str]:
    names = []
    for part in message.walk():
        names.extend(type(d).__name__ for d in getattr(part, "defects", []))
    return sorted(set(names))


def _first(value: Any) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def _message_id(value: str) -> str | None:
    value = value.strip()
    match = re.search(r"<[^<>\s]+>", value)
    if match:
        return match.group(0)
    return value[:500] or None


def _date(value: str, parsed: ParsedEmail) -> datetime | None:
    if not value.strip():
        return None
    try:
        sent = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed.note("unparseable Date header")
        return None
    return sent if sent.tzinfo else sent.replace(tzinfo=UTC)
