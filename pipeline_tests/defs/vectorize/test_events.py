"""Progress events: asset keys, batch descriptions, and an event sink that fails."""

from __future__ import annotations

import logging
import threading

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


def _chunk(chunk_id: int, document_id: int, code: str, vectorized: bool = True) -> BatchChunk:
    return BatchChunk(
        chunk_id=chunk_id, document_id=document_id, chunk_index=chunk_id % 10,
        market="jp_stock", doc_type="annual_report", stock_code=code, company_name=f"Co {code}",
        source="demo_reports", vectorized=vectorized, error=None if vectorized else "bad vector",
    )  # fmt: skip


def _batch(num: int, chunks: list[BatchChunk], processed: int) -> dict:
    return {
        "batch_num": num, "total_batches": 2, "batch_size": 4, "processed": processed,
        "total": 8, "vectorized_count": sum(c["vectorized"] for c in chunks),
        "failed_count": sum(not c["vectorized"] for c in chunks), "elapsed_s": 1.0,
        "rate_per_s": 4.0, "eta_s": 1.0, "tokens": 10, "retries": 0,
        "total_vectorized": processed, "total_failed": 0, "batch_chunks": chunks,
    }  # fmt: skip


BATCHES = [
    # batch 1: two chunks of 7203 (one document), one of 6758, one of 9984 that failed
    _batch(1, [_chunk(1, 1, "7203"), _chunk(2, 1, "7203"), _chunk(3, 2, "6758"),
               _chunk(4, 3, "9984", vectorized=False)], 4),
    # batch 2: 7203's document goes on; 9984 now vectorized beside a failed sibling
    _batch(2, [_chunk(5, 1, "7203"), _chunk(6, 3, "9984"), _chunk(7, 3, "9984", False),
               _chunk(8, 4, "6758")], 8),
]  # fmt: skip


def _summary(event) -> tuple:
    meta = {k: v.value for k, v in event.metadata.items()}
    return (
        event.asset_key.path[-1], meta["batch"], meta["chunk_count"], meta["failed"],
        meta["chunk_ids"], event.description,
    )  # fmt: skip


def test_background_events_are_the_synchronous_ones_one_per_key_per_batch_in_order():
    """Coalesced per key per batch, written off the loop thread: same events, same order."""
    sync: list = []
    with_sync = ProgressEvents(sync.append)
    written: list = []
    threads: set[str] = set()

    def emit(event) -> None:
        threads.add(threading.current_thread().name)
        written.append(event)

    background = ProgressEvents(emit, background=True)
    for info in BATCHES:
        with_sync(info)
        background(info)
    background.close()

    assert [_summary(e) for e in written] == [_summary(e) for e in sync]
    assert [_summary(e) for e in written] == [
        ("7203", "1/2", 2, 0, "1,2", "Co 7203 - chunks 1-2 (batch 1/2)"),
        ("6758", "1/2", 1, 0, "3", "Co 6758 - chunk 3 (batch 1/2)"),
        # 9984 had nothing vectorized in batch 1: no materialization for it there
        ("7203", "2/2", 1, 0, "5", "Co 7203 - chunk 5 (batch 2/2)"),
        ("9984", "2/2", 1, 1, "6", "Co 9984 - chunk 6 (batch 2/2)"),
        ("6758", "2/2", 1, 0, "8", "Co 6758 - chunk 8 (batch 2/2)"),
    ]
    assert threading.current_thread().name not in threads  # the loop thread never wrote
    assert (background.emitted, background.errors, background.batches) == (5, 0, 2)
    assert background.write_s > 0 and len(background.asset_keys) == 3


def test_background_write_failures_are_counted_and_warned_never_raised():
    calls: list = []

    def flaky(event) -> None:
        calls.append(event)
        if len(calls) % 2 == 0:
            raise ConnectionError("event log unavailable")

    warnings: list[str] = []
    events = ProgressEvents(flaky, warn=warnings.append, background=True)
    for info in BATCHES:
        events(info)
    events.close()
    assert len(calls) == 5 and (events.emitted, events.errors) == (3, 2)
    assert len(warnings) == 2 and all("vectorizing goes on" in w for w in warnings)
    assert "batch 1" in warnings[0] and "batch 2" in warnings[1]


def test_no_events_no_writer_thread():
    before = threading.active_count()
    events = ProgressEvents(print, "none", background=True)
    for info in BATCHES:
        events(info)
    events.close()
    assert (events.emitted, events.batches, threading.active_count()) == (0, 2, before)
