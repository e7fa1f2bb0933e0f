"""Where mail comes from: a folder of .eml files, an mbox file, a maildir (standard library).

Each source yields `RawMessage`s: the untouched bytes and a label saying where they came from.
A message that cannot be read is yielded with `error` set, so the intake can count it.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

EML_SUFFIXES = (".eml", ".msg", ".mail")


class MailSourceError(PipelineError):
    """The path is not a folder of .eml files, an mbox or a maildir."""


@dataclass(frozen=True)
class RawMessage:
    source: str
    raw: bytes
    error: str | None = None


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


def list_eml_files(folder: Path) -> list[Path]:
    """The .eml files under `folder`, sorted, so runs are reproducible."""
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and _is_eml(p))


def iter_eml_folder(folder: Path) -> Iterator[RawMessage]:
    for file in list_eml_files(folder):
        yield _read_file(file)


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
            except Exception as e:
                yield RawMessage(label, b"", error=f"unreadable mbox entry: {type(e).__name__}")
    finally:
        box.close()


def _is_eml(path: Path) -> bool:
    return path.suffix.lower() in EML_SUFFIXES


def _read_file(path: Path) -> RawMessage:
    try:
        return RawMessage(str(path), path.read_bytes())
    except OSError as e:
        return RawMessage(str(path), b"", error=f"unreadable file: {e.strerror or e}")
