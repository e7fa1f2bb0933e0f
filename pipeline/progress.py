"""The progress contract between the Vectorizer and whoever watches it (Dagster, a terminal).

`BatchProgress` is what `progress_callback` receives after every batch. It carries the seed's
keys plus timing, tokens and retries, and, per chunk, what an event needs, so a callback never
has to query the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict


class BatchChunk(TypedDict):
    chunk_id: int
    document_id: int
    chunk_index: int
    market: str | None
    doc_type: str | None
    stock_code: str | None
    company_name: str | None
    source: str
    vectorized: bool  # False when this chunk failed in this batch
    error: str | None


class BatchProgress(TypedDict):
    batch_num: int
    total_batches: int  # best estimate: the backlog can grow or shrink while a run goes on
    batch_size: int
    processed: int
    total: int
    vectorized_count: int  # in this batch
    failed_count: int  # in this batch
    batch_chunks: list[BatchChunk]
    elapsed_s: float
    rate_per_s: float
    eta_s: float | None
    tokens: int  # token estimate of this batch's inputs
    retries: int  # provider retries (429s, transient errors) during this batch
    total_vectorized: int
    total_failed: int


ProgressCallback = Callable[[BatchProgress], None]


def format_progress(processed: int, total: int) -> str:
    """'3040/4194 (72.5%)', the seed's progress text."""
    percent = 100.0 * processed / total if total else 100.0
    return f"{processed}/{total} ({percent:.1f}%)"
