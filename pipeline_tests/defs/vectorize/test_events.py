"""Progress events: asset keys, batch descriptions, and an event sink that fails."""

from __future__ import annotations

import logging

from pipeline.defs.vectorize.events import ProgressEvents, asset_key_for, batch_materializations
from pipeline.progress import BatchChunk
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder
from pipeline_tests.vectorize.helpers import chunk_count, load_demo


def test_failing_progress_events_do_not_stop_vectorizing(db, tables, qdrant_path, caplog):
    """The op's callback with an event sink that fails on every other batch (storage down)."""
    load_demo(db, tables, chunks=100)
    emitted = []

    def flaky_emit(event):
        if len(emitted) % 2:
            emitted.append(None)
            raise ConnectionError("event log unavailable")
        emitted.append(event)

    warnings: list[str] = []
    events = ProgressEvents(flaky_emit, "batch", warn=warnings.append)
    store = create_vector_store(path=qdrant_path)
    try:
        vectorizer = Vectorizer(db, create_embedder("hashing", dimensions=64), store, batch_size=10)
        with caplog.at_level(logging.WARNING):
            summary = vectorizer.vectorize_pending(PendingFilter(), progress_callback=events)
    finally:
        store.close()
    assert summary["vectorized"] == 100 and chunk_count(db, "vectorized_at IS NOT NULL") == 100
    assert events.errors > 0 and events.batches == 10
    assert warnings and "vectorizing goes on" in warnings[0]


def test_asset_keys_use_placeholders_and_give_emails_their_own_key():
    chunk = BatchChunk(
        chunk_id=1, document_id=1, chunk_index=0, market=None, doc_type="annual report",
        stock_code="600519.SH", company_name=None, source="demo_reports", vectorized=True,
        error=None,
    )  # fmt: skip
    assert asset_key_for(chunk).path == [
        "silver", "vectorized_chunks", "unknown", "annual_report", "600519_SH",
    ]  # fmt: skip
    email = {**chunk, "source": "email", "doc_type": "candidate"}
    assert asset_key_for(email).path == ["silver", "vectorized_chunks", "email", "candidate"]
    inbox = {**chunk, "source": "email", "doc_type": None}
    assert asset_key_for(inbox).path == ["silver", "vectorized_chunks", "email", "inbox"]


def test_email_batches_are_described_by_category_not_a_placeholder():
    info = {
        "batch_num": 3, "total_batches": 9, "batch_size": 2, "processed": 6, "total": 18,
        "vectorized_count": 2, "failed_count": 0, "elapsed_s": 1.0, "rate_per_s": 6.0,
        "eta_s": 2.0, "tokens": 100, "retries": 0, "total_vectorized": 6, "total_failed": 0,
        "batch_chunks": [
            BatchChunk(
                chunk_id=i, document_id=7, chunk_index=i, market=None, doc_type="project",
                stock_code=None, company_name=None, source="email", vectorized=True, error=None,
            )
            for i in (0, 1)
        ],
    }  # fmt: skip

    (event,) = batch_materializations(info)

    assert event.asset_key.path == ["silver", "vectorized_chunks", "email", "project"]
    assert event.description == "email (project) - chunks 0-1 (batch 3/9)"
