"""The vectorize loop on the in-memory queue and an injected clock: no Postgres, no waiting.

The vector store is the real embedded one (Qdrant Edge in a temporary folder).
"""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer
from pipeline_tests.vectorize.helpers import CountingEmbedder, FullDiskStore
from pipeline_tests.vectorize.memory_queue import FakeClock, MemoryChunkQueue


@pytest.fixture
def store(qdrant_path):
    store = create_vector_store(path=qdrant_path)
    yield store
    store.close()


@pytest.fixture
def queue() -> MemoryChunkQueue:
    return MemoryChunkQueue(FakeClock())


def vectorizer(queue, store, embedder=None, **kwargs) -> Vectorizer:
    embedder = embedder or CountingEmbedder()
    return Vectorizer(None, embedder, store, queue=queue, clock=queue.clock, **kwargs)


class NaNFor(CountingEmbedder):
    """Answers a NaN vector for texts containing `bad` (the quality gate refuses it)."""

    def __init__(self, bad: str) -> None:
        super().__init__()
        self.bad = bad

    def embed(self, texts):
        vectors = super().embed(texts)
        for i, text in enumerate(texts):
            if self.bad in text:
                vectors[i] = np.nan
        return vectors


class Interrupt(BaseException):
    """A KeyboardInterrupt stand-in."""


def test_every_chunk_is_stored_and_marked_and_the_claims_end(queue, store):
    queue.add(f"text {i}" for i in range(50))
    seen = []
    run = vectorizer(queue, store, batch_size=8)
    assert run.count_pending() == 50
    summary = run.vectorize_pending(progress_callback=seen.append)
    assert summary["vectorized"] == summary["total"] == 50 == queue.done()
    assert summary["batches"] == len(seen) == 7 and seen[-1]["processed"] == 50
    assert summary["elapsed_s"] == 0.0  # nothing moved the injected clock
    assert queue.claimed() == 0 and store.count(run.collection) == 50
    assert run.vectorize_pending()["total"] == 0


def test_a_bad_vector_is_charged_to_its_chunk_until_it_is_dead_lettered(queue, store):
    queue.add(["fine one", "BAD one", "fine two"])
    run = vectorizer(queue, store, NaNFor("BAD"), max_chunk_attempts=2)
    first = run.vectorize_pending()
    assert (first["vectorized"], first["failed"], first["dead_lettered"]) == (2, 1, 0)
    assert queue.rows[2].attempts == 1 and "quality gate" in queue.rows[2].last_error
    second = run.vectorize_pending()
    assert (second["failed"], second["dead_lettered"]) == (1, 1)
    assert run.vectorize_pending()["total"] == 0  # dead letters wait for a retry request
    again = run.vectorize_pending(PendingFilter(retry_dead_letters=True))
    assert again["total"] == 1 and again["failed"] == 1


def test_an_interrupted_run_gives_its_claims_back_and_the_next_one_finishes_it(queue, store):
    queue.add(f"text {i}" for i in range(40))

    class Crashing(CountingEmbedder):
        def embed(self, texts):
            if self.calls == 2:
                raise Interrupt
            return super().embed(texts)

    with pytest.raises(Interrupt):
        vectorizer(queue, store, Crashing(), batch_size=8).vectorize_pending()
    done = queue.done()
    assert 0 < done < 40 and queue.claimed() == 0
    resumed = CountingEmbedder()
    assert vectorizer(queue, store, resumed, batch_size=8).vectorize_pending()["vectorized"] == (
        40 - done
    )
    assert max(resumed.texts.values()) == 1 and queue.done() == 40


def test_a_write_failure_marks_nothing(queue):
    queue.add(["a", "b"])
    with pytest.raises(OSError):
        vectorizer(queue, FullDiskStore()).vectorize_pending()
    assert queue.done() == 0 and queue.claimed() == 0
