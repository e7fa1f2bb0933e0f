"""Cut an email's text into chunks for the vectorizer.

Sizes are in characters, chosen per script: one CJK character carries roughly what three or
four Latin characters do, and multilingual encoders truncate around 128-512 tokens. Quoted
replies and signatures are trimmed only where the markers are unambiguous.
"""

from __future__ import annotations

import re

CJK_CHUNK_CHARS = 400
LATIN_CHUNK_CHARS = 1200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Lines that begin quoted history in replies and forwards (only when followed by history).
_REPLY_HEADERS = re.compile(
    r"^(?:-{3,}\s*(?:Original Message|Forwarded message|元のメッセージ|原始邮件|转发的邮件)\s*-{3,}"
    r"|On .{5,200} wrote:"
    r"|.{1,120}(?:さんは書きました|のメッセージ:|写道)[:：]?)\s*$",
    re.IGNORECASE,
)


def trim_reply_and_signature(text: str) -> str:
    """Drop a trailing quoted reply and an RFC 3676 signature ("-- " line) when present."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _cut_signature(lines)
    lines = _cut_reply(lines)
    trimmed = "\n".join(lines).strip()
    return trimmed or text.strip()


def _cut_signature(lines: list[str]) -> list[str]:
    # "-- " on its own line is the only signature marker mail clients agree on.
    for index in range(len(lines) - 1, -1, -1):
        if lines[index] == "-- " and len(lines) - index <= 15:
            return lines[:index]
    return lines


def _cut_reply(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if index > 0 and _REPLY_HEADERS.match(line.strip()):
            return lines[:index]
    # A block of ">" lines running to the end is quoted history.
    end = len(lines)
    while end > 0 and (lines[end - 1].startswith(">") or not lines[end - 1].strip()):
        end -= 1
    quoted = [line for line in lines[end:] if line.startswith(">")]
    return lines[:end] if end > 0 and len(quoted) >= 2 else lines


def chunk_size_for(text: str) -> int:
    """Characters per chunk: smaller when the text is mostly CJK."""
    sample = text[:2000]
    letters = sum(1 for c in sample if not c.isspace()) or 1
    cjk = len(_CJK.findall(sample))
    return CJK_CHUNK_CHARS if cjk / letters > 0.3 else LATIN_CHUNK_CHARS


def chunk_text(text: str, max_chars: int | None = None) -> list[str]:
    """Paragraph-packed chunks of at most `max_chars`; long paragraphs split at sentences."""
    text = text.strip()
    if not text:
        return []
    limit = max_chars or chunk_size_for(text)
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        pieces.extend(_split_long(paragraph.strip(), limit))
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if not piece:
            continue
        if current and len(current) + 2 + len(piece) > limit:
            chunks.append(current)
            current = piece
        else:
            current = f"{current}\n\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks


def _split_long(paragraph: str, limit: int) -> list[str]:
    if len(paragraph) <= limit:
        return [paragraph]
    sentences = re.split(r"(?<=[。！？!?.\n])", paragraph)
    out: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # no sentence boundary at all: cut hard
            out.extend([current] if current else [])
            current = ""
            out.append(sentence[:limit])
            sentence = sentence[limit:]
        if len(current) + len(sentence) > limit:
            out.append(current)
            current = sentence
        else:
            current += sentence
    if current:
        out.append(current)
    return [s.strip() for s in out if s.strip()]


def email_chunks(subject: str, text: str) -> list[str]:
    """Chunks for an email's document: the subject leads the first chunk for context."""
    body = trim_reply_and_signature(text)
    chunks = chunk_text(body)
    if subject.strip():
        head = f"{subject.strip()}\n\n"
        if chunks and len(head) + len(chunks[0]) <= chunk_size_for(body or subject) * 1.2:
            chunks[0] = head + chunks[0]
        else:
            chunks.insert(0, subject.strip())
    return chunks
