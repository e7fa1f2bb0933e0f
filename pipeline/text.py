"""Small text facts shared by every layer: content hashes and an offline token bound."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """sha256 hex of the UTF-8 text: what decides whether a chunk changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def estimate_tokens(text: str) -> int:
    """An upper bound on the tokens of `text` for any byte-level BPE tokenizer.

    Byte-level BPE never emits more tokens than input bytes, so the UTF-8 length is a safe
    bound that needs no tokenizer files (tiktoken cannot load them offline).
    """
    return len(text.encode("utf-8"))
