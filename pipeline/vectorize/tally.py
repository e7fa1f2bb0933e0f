"""A run's counts over batches of chunks, and the progress event each batch sends.

The Vectorizer and a model build (`pipeline.index.lifecycle`) both embed chunks batch by batch;
they count and report a batch the same way, so the same events and progress bars apply to both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.progress import BatchChunk, BatchProgress, ProgressCallback
from pipeline.store.chunks import ChunkWithDocument


@dataclass(kw_only=True)
class BatchTally:
    """Chunks vectorized and failed so far, in how many batches, out of `total` expected."""

    total: int = 0
    vectorized: int = 0
    failed: int = 0
    batches: int = 0

    @property
    def processed(self) -> int:
        return self.vectorized + self.failed

    def add_batch(self, vectorized: int, failed: int) -> None:
        """Count one more batch; the total grows when more came than were expected."""
        self.batches += 1
        self.vectorized += vectorized
        self.failed += failed
        self.total = max(self.total, self.processed)

    def batches_left(self, batch_size: int) -> int:
        """Batches still to come at `batch_size`, by the expected total (best estimate)."""
        return -(-max(0, self.total - self.processed) // batch_size)


def batch_chunk(chunk: ChunkWithDocument, error: str | None) -> BatchChunk:
    """A chunk as progress events list it; `error` says why it failed (None: vectorized)."""
    return BatchChunk(
        chunk_id=chunk.id,
        document_id=chunk.document_id,
        chunk_index=chunk.chunk_index,
        market=chunk.market,
        doc_type=chunk.doc_type,
        stock_code=chunk.stock_code,
        company_name=chunk.company_name,
        source=chunk.source,
        vectorized=error is None,
        error=error,
    )


def batch_progress(
    tally: BatchTally,
    chunks: Sequence[ChunkWithDocument],
    errors: Sequence[str | None],
    *,
    batch_size: int,
    elapsed_s: float,
    tokens: int = 0,
    retries: int = 0,
) -> BatchProgress:
    """The event for the batch just counted in `tally`: `errors[i]` is why `chunks[i]` failed
    (None: vectorized); `tokens` and `retries` are this batch's."""
    rate = tally.processed / elapsed_s if elapsed_s > 0 else 0.0
    left = max(0, tally.total - tally.processed)
    failed = sum(error is not None for error in errors)
    return BatchProgress(
        batch_num=tally.batches,
        total_batches=tally.batches + tally.batches_left(batch_size),
        batch_size=len(chunks),
        processed=tally.processed,
        total=tally.total,
        vectorized_count=len(chunks) - failed,
        failed_count=failed,
        batch_chunks=list(map(batch_chunk, chunks, errors)),
        elapsed_s=elapsed_s,
        rate_per_s=rate,
        eta_s=left / rate if rate > 0 else None,
        tokens=tokens,
        retries=retries,
        total_vectorized=tally.vectorized,
        total_failed=tally.failed,
    )


def send_progress(callback: ProgressCallback, info: BatchProgress, log: logging.Logger) -> None:
    """Hand `info` to the watcher; a watcher's bug must not stop the work it watches."""
    try:
        callback(info)
    except Exception as e:
        log.warning(f"progress callback raised {type(e).__name__}: {e}; continuing")
