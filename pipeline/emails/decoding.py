"""Bytes to text for mail: declared charset with better aliases, then UTF-8, then a detector.

Python's codecs turn a mislabelled charset into mojibake without an error and raise
`LookupError` on names they do not know. Business mail in Japan and China is full of both,
so every decode here returns the text *and* a note when anything was guessed or replaced.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# Legacy labels whose real-world bytes are a superset of what the label promises: GB2312
# mail is really GBK/GB18030, Shift_JIS mail is really Windows CP932 (①, ㈱, 髙 ...).
CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "ascii",
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
}

# Labels that say nothing about non-ASCII bytes: if the bytes are valid UTF-8, believe the
# bytes (a very common mislabel), otherwise fall through to the label.
_WEAK_LABELS = {"ascii", "cp1252"}

_ISO2022JP_LABELS = {"iso-2022-jp", "iso2022_jp", "csiso2022jp", "iso-2022-jp-ms", "cp50220"}


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec that produced it and a note when it was not the clean path."""

    text: str
    codec: str
    note: str | None = None


def normalise_charset(label: str | None) -> str | None:
    """A codec name for a MIME charset label, or None when there is no usable label."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    return CHARSET_ALIASES.get(name, name)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`, trying the declared charset, UTF-8, damaged UTF-8, then charset-normalizer.

    Bytes that are UTF-8 but for a few invalid bytes (at most `MAX_INVALID_UTF8_SHARE` of the
    non-ASCII bytes) keep their text with U+FFFD in place of each bad sequence; only mostly
    undecodable bytes go to the detector. Never raises: the last resort is UTF-8 with
    replacement characters, and a note says so.
    """
    label = (declared or "").strip().strip("\"'").lower()
    codec = normalise_charset(declared)
    problem: str | None = None
    if not data:
        return Decoded("", codec or "utf-8")
    if label in _ISO2022JP_LABELS or (codec is None and b"\x1b$" in data):
        text = decode_iso2022jp(data)
        if text is not None:
            return Decoded(text, "iso-2022-jp+cp932")
        problem = f"invalid {label or 'iso-2022-jp'} bytes"
    elif codec is not None:
        if codec in _WEAK_LABELS and not data.isascii():
            as_utf8 = _try(data, "utf-8")
            if as_utf8 is not None:
                return Decoded(as_utf8, "utf-8", f"declared {label} but bytes are UTF-8")
        if _REPLACED in data and not codec.startswith("utf") and _known(codec):
            return _decode_around_replacements(data, codec, label)
        try:
            return Decoded(data.decode(codec), codec)
        except LookupError:
            problem = f"unknown charset {label!r}"
        except (UnicodeDecodeError, ValueError):
            problem = f"bytes are not valid {label}"
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None:
        return Decoded(as_utf8, "utf-8", f"{problem}; decoded as UTF-8" if problem else None)
    damaged = _mostly_utf8(data)
    if damaged is not None:
        text, invalid = damaged
        replaced = f"{invalid} invalid UTF-8 byte{'s' if invalid > 1 else ''} replaced in place"
        return Decoded(text, "utf-8", f"{problem}; {replaced}" if problem else replaced)
    guessed = detect(data)
    if guessed is not None:
        text, name = guessed
        reason = problem or "no charset declared"
        return Decoded(text, name, f"{reason}; detected {name}")
    text = data.decode(codec if _known(codec) else "utf-8", errors="replace")
    reason = problem or "undecodable bytes"
    return Decoded(text, "utf-8", f"{reason}; replaced undecodable bytes")


_REPLACED = "\ufffd".encode()

# UTF-8 with a few damaged bytes is still UTF-8: replace them in place rather than let the
# detector re-read the whole part in another charset (one bad byte turned Russian into CJK).
# Legacy text read as UTF-8 is mostly invalid: measured on sample sentences, the share of
# non-ASCII bytes that are invalid UTF-8 is 0.53 for EUC-JP, 0.62 GBK, 0.64 CP949, 0.80 CP932,
# 0.81 Big5 and 1.0 for CP1251, KOI8-R and CP1252; above this share the detector decides.
MAX_INVALID_UTF8_SHARE = 0.25


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text with U+FFFD for the invalid bytes, how many) when `data` is damaged UTF-8."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    non_ascii = sum(1 for b in data if b >= 0x80)
    if not invalid or invalid > MAX_INVALID_UTF8_SHARE * non_ascii:
        return None
    return data.decode("utf-8", errors="replace"), invalid


def _decode_around_replacements(data: bytes, codec: str, label: str) -> Decoded:
    # Some relay already replaced undecodable bytes with UTF-8 U+FFFD and left the rest in
    # the legacy charset: decode the pieces between the replacements, keep what survived.
    pieces = [piece.decode(codec, errors="replace") for piece in data.split(_REPLACED)]
    note = f"{label} text with U+FFFD already substituted upstream; surviving text kept"
    return Decoded("\ufffd".join(pieces), codec, note)


def detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's best guess, with its legacy guesses widened like the aliases."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    name = normalise_charset(best.encoding) or best.encoding
    text = _try(data, name)
    return (text, name) if text is not None else (str(best), best.encoding)


def decode_iso2022jp(data: bytes) -> str | None:
    """ISO-2022-JP with the CP932 extensions that Python's codec rejects (①, ㈱, 髙 ...).

    JIS X 0208 code points are re-encoded as Shift_JIS and decoded with CP932, which maps the
    NEC and IBM extension rows that Windows mailers put into ISO-2022-JP mail.
    """
    out = bytearray()
    mode = "ascii"
    i = 0
    n = len(data)
    while i < n:
        if data[i] == 0x1B:
            seq = data[i + 1 : i + 3]
            mode = _ESCAPES.get(bytes(seq))
            if mode is None:
                return None
            i += 3
            continue
        byte = data[i]
        if mode == "jis" and byte > 0x20 and i + 1 < n and data[i + 1] > 0x20:
            out += _jis_to_sjis(byte, data[i + 1])
            i += 2
        elif mode == "kana" and 0x21 <= byte <= 0x5F:
            out.append(byte + 0x80)
            i += 1
        else:
            out.append(byte)
            i += 1
    return _try(bytes(out), "cp932")


_ESCAPES = {b"(B": "ascii", b"(J": "ascii", b"$B": "jis", b"$@": "jis", b"(I": "kana"}


def _jis_to_sjis(j1: int, j2: int) -> bytes:
    s1 = ((j1 - 0x21) >> 1) + 0x81
    if s1 > 0x9F:
        s1 += 0x40
    s2 = (j2 + 0x1F + (j2 >= 0x60)) if j1 & 1 else j2 + 0x7E
    return bytes((s1 & 0xFF, s2 & 0xFF))


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def _known(codec: str | None) -> bool:
    if not codec:
        return False
    try:
        codecs.lookup(codec)
    except LookupError:
        return False
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe for Postgres `text` and `jsonb`: no NULs, control characters or surrogates."""
    return _SURROGATES.sub("\ufffd", _CONTROL.sub("", text))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any charset (NULs or many control bytes)."""
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    # ESC is excluded: ISO-2022-JP text switches modes with it several times per line.
    controls = sum(1 for b in sample if b < 0x09 or (0x0E <= b < 0x20 and b != 0x1B))
    return controls / len(sample) > 0.1
