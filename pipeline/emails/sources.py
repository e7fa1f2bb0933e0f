"""Where mail comes from: a folder of mail files, an mbox file, a maildir (standard library).

Each source yields `RawMessage`s: the untouched bytes and a label saying where they came from.
A message that cannot be read is yielded with `error` set, so the intake can count it as
failed; a file in a folder that is not mail is yielded with `skipped` set, so the intake can
list it with its reason. Nothing under a folder is left out without a word.

In a folder, `.eml` and `.mail` files are mail by name. Every other file (`.txt`, `.raw`, no
extension, ...) is sniffed: it is mail when it opens with an RFC 5322 header block, an mbox
when it opens with a "From " line. An Outlook `.msg` is not RFC 5322 mail but a binary OLE
compound file (it starts with D0 CF 11 E0); it is passed on so that the intake reports it as
an unsupported format (`unsupported_format`), never stored as an empty mail.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import PipelineError

# Read as mail without sniffing.
EML_SUFFIXES = (".eml", ".mail")
# The signature of an OLE compound file: Outlook .msg, and .doc / .xls of the 97-2003 era.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Bytes read from a file to decide whether it is mail.
SNIFF_BYTES = 16_384
# Header fields of which a mail carries at least one; two fields at least make a header block.
_MAIL_FIELDS = frozenset(
    {"from", "date", "subject", "message-id", "received", "return-path", "mime-version", "to"}
)
_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:")


class MailSourceError(PipelineError):
    """The path is not a folder of mail files, an mbox or a maildir."""


@dataclass(frozen=True)
class RawMessage:
    """One message as read. `error`: it could not be read; `skipped`: a file that is not mail."""

    source: str
    raw: bytes
    error: str | None = None
    skipped: str | None = None


@dataclass
class FolderScan:
    """The mail files under a folder (sorted) and the files left out, each with its reason."""

    mail: list[Path] = field(default_factory=list)
    mboxes: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def is_maildir(path: Path) -> bool:
    return path.is_dir() and all((path / sub).is_dir() for sub in ("cur", "new", "tmp"))


def is_mbox(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def iter_messages(path: Path) -> Iterator[RawMessage]:
    """Every message under `path`, whatever kind of mailbox it is."""
    path = Path(path)
    if not path.exists():
        raise MailSourceError(f"no such mailbox: {path}")
    if is_maildir(path):
        yield from iter_maildir(path)
    elif path.is_dir():
        yield from iter_eml_folder(path)
    elif is_mbox(path):
        yield from iter_mbox(path)
    else:
        yield _read_file(path)


def scan_folder(folder: Path) -> FolderScan:
    """Sort the files under `folder` into mail, mbox files and skipped files (with why)."""
    scan = FolderScan()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        if path.suffix.lower() in EML_SUFFIXES:
            scan.mail.append(path)
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except OSError:
            scan.mail.append(path)  # reading it again fails, and the intake reports why
            continue
        if head.startswith(b"From "):
            scan.mboxes.append(path)
        elif head.startswith(OLE_MAGIC) and path.suffix.lower() == ".msg":
            scan.mail.append(path)  # reported by the intake as an unsupported format
        else:
            reason = not_mail_reason(head)
            if reason is None:
                scan.mail.append(path)
            else:
                scan.skipped.append((path, reason))
    return scan


def list_eml_files(folder: Path) -> list[Path]:
    """The mail files under `folder` (by name or by their header block), sorted."""
    return scan_folder(folder).mail


def iter_eml_folder(folder: Path) -> Iterator[RawMessage]:
    """The mail in a folder, its mbox files' messages, then one `skipped` entry per other file."""
    scan = scan_folder(folder)
    for file in scan.mail:
        yield _read_file(file)
    for file in scan.mboxes:
        yield from iter_mbox(file)
    for file, reason in scan.skipped:
        yield RawMessage(str(file), b"", skipped=reason)


def iter_maildir(folder: Path) -> Iterator[RawMessage]:
    # Read the files directly: mailbox.Maildir would re-serialise messages, and we keep bytes.
    for sub in ("new", "cur"):
        for file in sorted((folder / sub).iterdir()):
            if file.is_file() and not file.name.startswith("."):
                yield _read_file(file)


def iter_mbox(file: Path) -> Iterator[RawMessage]:
    box = mailbox.mbox(file, create=False)
    try:
        for key in box.iterkeys():
            label = f"{file}#{key}"
            try:
                yield RawMessage(label, box.get_bytes(key))
            except OSError as e:  # read lazily: the file can fail under us mid-way
                yield RawMessage(label, b"", error=f"unreadable mbox entry: {type(e).__name__}")
    finally:
        box.close()


def not_mail_reason(head: bytes) -> str | None:
    """None when `head` (a file's first bytes) opens with an RFC 5322 header block, else why not.

    A header block is at least two header fields ("Name: value", folded lines allowed) up to
    the first empty line, one of them a field every mail has (From, Date, Subject, ...).
    """
    if not head.strip():
        return "empty file"
    if head.startswith(OLE_MAGIC):
        return "binary OLE compound file (.doc, .xls or Outlook .msg), not RFC 5322 mail"
    if b"\x00" in head:
        return "binary file, not RFC 5322 mail"
    data = head.removeprefix(b"\xef\xbb\xbf")
    parts = re.split(rb"\r?\n\r?\n", data, maxsplit=1)
    lines = parts[0].splitlines()
    if len(parts) == 1 and len(head) == SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short by the sniff
    names = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and names:
            continue  # a folded continuation line
        match = _FIELD.match(line)
        if match is None:
            return "no RFC 5322 header block at the start"
        names.append(match.group(1).decode("ascii").lower())
    if len(names) < 2 or not _MAIL_FIELDS.intersection(names):
        return "no RFC 5322 header block at the start"
    return None


def unsupported_format(raw: bytes) -> str | None:
    """Why `raw` is mail in a format the intake cannot read, or None.

    An Outlook .msg is a binary OLE compound file, not RFC 5322 text: parsing it as MIME would
    store an empty mail, so it is a failure that says so.
    """
    if raw.startswith(OLE_MAGIC):
        return (
            "unsupported format: Outlook .msg (binary OLE compound file), not RFC 822 mail; "
            "save it as .eml"
        )
    return None


def _read_file(path: Path) -> RawMessage:
    try:
        return RawMessage(str(path), path.read_bytes())
    except OSError as e:
        return RawMessage(str(path), b"", error=f"unreadable file: {e.strerror or e}")
