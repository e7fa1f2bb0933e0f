"""Claims: concurrent vectorizers never embed a chunk twice; a stopped run loses nothing."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import sqlalchemy as sa

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer
from pipeline_tests.vectorize.helpers import (
    CountingEmbedder,
    FullDiskStore,
    chunk_count,
    load_demo,
)
from pipeline_tests.vectorize.memory_queue import FakeClock, MemoryChunkQueue, wait_for


@pytest.fixture
def store(qdrant_path):
    store = create_vector_store(path=qdrant_path)
    yield store
    store.close()


def test_two_vectorizers_on_one_backlog_embed_every_chunk_exactly_once(db, tables, store):
    total = load_demo(db, tables, chunks=600)
    embedder = CountingEmbedder()  # shared, so it counts every call of both
    runs = [
        Vectorizer(db, embedder, store, batch_size=8, page_size=16, worker_id=f"w{i}")
        for i in range(2)
    ]
    summaries = []
    barrier = threading.Barrier(2)

    def work(vectorizer):
        barrier.wait()
        summaries.append(vectorizer.vectorize_pending())

    threads = [threading.Thread(target=work, args=(v,)) for v in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with db.connect() as connection:
        texts = connection.execute(sa.text("SELECT content FROM document_chunks")).scalars().all()
    assert sum(embedder.texts.values()) == total  # no text embedded twice...
    for text in set(texts):
        assert embedder.texts[text] == texts.count(text)  # ...and every one embedded
    assert sum(s["vectorized"] for s in summaries) == total
    assert all(s["vectorized"] > 0 for s in summaries)  # both took a share
    assert store.count(runs[0].collection) == chunk_count(db, "vectorized_hash IS NOT NULL")


class Interrupt(BaseException):
    """Stands in for a KeyboardInterrupt or a killed worker thread."""


class CrashingEmbedder(CountingEmbedder):
    def __init__(self, crash_on_call: int) -> None:
        super().__init__()
        self.crash_on_call = crash_on_call

    def embed(self, texts):
        if self.calls + 1 == self.crash_on_call:
            raise Interrupt
        return super().embed(texts)


def test_a_run_stopped_midway_then_run_again_loses_and_duplicates_nothing(db, tables, store):
    total = load_demo(db, tables, chunks=300)
    crashing = CrashingEmbedder(crash_on_call=5)
    with pytest.raises(Interrupt):
        Vectorizer(db, crashing, store, batch_size=16).vectorize_pending()
    done = chunk_count(db, "vectorized_hash IS NOT NULL")
    assert 0 < done < total
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0  # claims given back on the way out

    resumed = CountingEmbedder()
    summary = Vectorizer(db, resumed, store, batch_size=16).vectorize_pending()
    assert summary["vectorized"] == total - done
    assert chunk_count(db, "vectorized_hash = content_hash") == total
    assert store.count(Vectorizer(db, resumed, store).collection) == total


def test_claims_of_a_crashed_run_expire_by_themselves(db, tables, store):
    total = load_demo(db, tables, chunks=40)
    with db.begin() as connection:  # a crashed worker's live and stale leases
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET claimed_by = 'dead', claim_expires_at = "
                "CASE WHEN id <= 10 THEN now() + interval '1 hour' "
                "ELSE now() - interval '1 second' END"
            )
        )
    summary = Vectorizer(db, CountingEmbedder(), store).vectorize_pending()
    assert summary["vectorized"] == total - 10  # expired leases taken, live ones respected
    assert summary["skipped"] == 10


def test_a_write_failure_marks_nothing(db, tables, store):
    total = load_demo(db, tables, chunks=20)
    with pytest.raises(OSError):
        Vectorizer(db, CountingEmbedder(), FullDiskStore()).vectorize_pending()
    assert chunk_count(db, "vectorized_hash IS NULL AND claimed_by IS NULL") == total


def test_concurrent_embedding_keeps_writes_in_order_and_complete(db, tables, store):
    total = load_demo(db, tables, chunks=200)
    seen: list[int] = []
    vectorizer = Vectorizer(db, CountingEmbedder(), store, batch_size=8, concurrency=3)
    vectorizer.vectorize_pending(
        progress_callback=lambda info: seen.extend(c["chunk_id"] for c in info["batch_chunks"])
    )
    assert seen == sorted(seen) and len(seen) == total
    hits = store.search(vectorizer.collection, np.ones(64, dtype=np.float32), limit=3)
    assert len(hits) == 3


def test_leases_are_renewed_while_a_slow_page_is_still_being_embedded(store):
    # The loop on the in-memory queue and a clock this test moves: each request "takes" half
    # a lease, so the page outlives its first lease three times over; only the heartbeat's
    # renewals (every third of a lease) keep a late worker off the chunks still in work.
    clock = FakeClock()
    queue = MemoryChunkQueue(clock)
    queue.add(f"text {i}" for i in range(20))
    lease_s = 30.0
    late_claims: list[list[int]] = []
    renewed: list[bool] = []

    class SlowOnTheClock(CountingEmbedder):
        def embed(self, texts):
            before = queue.renewals
            clock.advance(lease_s / 2)
            renewed.append(wait_for(lambda: queue.renewals > before))
            late = queue.claim(
                PendingFilter(), worker="late", lease_s=lease_s, after_id=0, limit=50
            )
            late_claims.append([chunk.id for chunk in late])
            return super().embed(texts)

    embedder = SlowOnTheClock()
    slow = Vectorizer(
        None, embedder, store, batch_size=4, page_size=20, lease_s=lease_s,
        queue=queue, clock=clock,
    )  # fmt: skip
    summary = slow.vectorize_pending()

    assert summary["elapsed_s"] == 5 * lease_s / 2  # the run's time is the injected clock's
    assert renewed == [True] * 5  # a renewal each time the clock passed a third of a lease
    assert late_claims == [[]] * 5  # the late worker took nothing still in work...
    assert max(embedder.texts.values()) == 1 and summary["vectorized"] == 20 == queue.done()
    assert queue.claimed() == 0


def test_without_renewal_a_lease_frees_the_chunks_for_another_worker(store):
    clock = FakeClock()
    queue = MemoryChunkQueue(clock)
    queue.add(f"text {i}" for i in range(10))
    queue.claim(PendingFilter(), worker="elsewhere:1:gone", lease_s=30, after_id=0, limit=6)
    vectorizer = Vectorizer(None, CountingEmbedder(), store, queue=queue, clock=clock)
    assert vectorizer.vectorize_pending()["vectorized"] == 4  # live leases respected
    clock.advance(31)  # the holder (another host) never renewed: its leases run out
    assert vectorizer.vectorize_pending()["vectorized"] == 6
    assert queue.done() == 10
