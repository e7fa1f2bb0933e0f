"""Pure functions that shape embedding requests: token bounds, clipping, batch plans.

Tokens are bounded offline by UTF-8 bytes (`pipeline.text.estimate_tokens`): a byte-level BPE
tokenizer never emits more tokens than bytes, so a batch under the byte bound is under the
provider's token bound too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text import estimate_tokens


@dataclass(frozen=True)
class PreparedInput:
    """What will be sent for one chunk (maybe clipped), or why it will not be sent."""

    text: str | None
    tokens: int
    note: str | None = None  # e.g. "clipped ..."; kept on the chunk for the record
    refused: str | None = None  # reason it is never sent; None when it is sent


def clip_to_tokens(text: str, max_tokens: int) -> str:
    """The longest prefix of `text` whose UTF-8 length is at most `max_tokens` bytes.

    Cuts on a character boundary (never half a multi-byte character).
    """
    data = text.encode("utf-8")
    if len(data) <= max_tokens:
        return text
    return data[:max_tokens].decode("utf-8", errors="ignore")


def prepare_input(
    text: str, max_tokens_per_input: int | None, overlong: str = "clip"
) -> PreparedInput:
    """Decide what to send for one text: empty and whitespace-only texts are never sent;
    texts over the per-input bound are clipped (`overlong="clip"`) or refused ("refuse").
    """
    if not text.strip():
        return PreparedInput(None, 0, refused="empty text: nothing to embed")
    tokens = estimate_tokens(text)
    if max_tokens_per_input is None or tokens <= max_tokens_per_input:
        return PreparedInput(text, tokens)
    if overlong == "refuse":
        return PreparedInput(
            None,
            tokens,
            refused=f"too long: {tokens} estimated tokens > {max_tokens_per_input} per input",
        )
    clipped = clip_to_tokens(text, max_tokens_per_input)
    return PreparedInput(
        clipped,
        estimate_tokens(clipped),
        note=f"clipped: {tokens} estimated tokens > {max_tokens_per_input} per input",
    )


def plan_batches(
    token_counts: Sequence[int], max_inputs: int, max_tokens: int | None = None
) -> list[list[int]]:
    """Consecutive index groups with at most `max_inputs` items and `max_tokens` tokens each.

    Order is kept. An item alone over `max_tokens` gets a batch of its own (callers clip
    inputs to the per-input bound first, which is below the per-request bound).
    """
    if max_inputs < 1:
        raise ValueError("max_inputs must be at least 1")
    batches: list[list[int]] = []
    current: list[int] = []
    current_tokens = 0
    for index, tokens in enumerate(token_counts):
        over_tokens = max_tokens is not None and current_tokens + tokens > max_tokens
        if current and (len(current) >= max_inputs or over_tokens):
            batches.append(current)
            current, current_tokens = [], 0
        current.append(index)
        current_tokens += tokens
    if current:
        batches.append(current)
    return batches
