"""The ChunkQueue contract, run against Postgres and against the in-memory queue the loop
tests use, so the double cannot drift from the real thing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.store.chunks import PendingFilter, PostgresChunkQueue
from pipeline_tests.vectorize.helpers import load_texts
from pipeline_tests.vectorize.memory_queue import FakeClock, MemoryChunkQueue

ALL = PendingFilter()
TEXTS = [f"chunk {i} about revenue" for i in range(6)]


@dataclass
class World:
    queue: Any
    load: Any  # (texts) -> None: the first load, or the same document with changed texts
    expire: Any  # (worker) -> None: that worker's leases run out


@pytest.fixture(params=["postgres", "memory"])
def world(request) -> World:
    if request.param == "memory":
        queue = MemoryChunkQueue(FakeClock())

        def load_memory(texts):
            if not queue.rows:
                queue.add(texts)
            for chunk_id, text in enumerate(texts, start=1):
                if queue.rows[chunk_id].chunk.content != text:
                    queue.change_text(chunk_id, text)

        def expire_memory(worker):
            for row in queue.rows.values():
                if row.claimed_by == worker:
                    row.expires_at = queue.clock.monotonic() - 1

        return World(queue, load_memory, expire_memory)
    db, tables = request.getfixturevalue("db"), request.getfixturevalue("tables")

    def expire(worker):
        with db.begin() as connection:
            connection.execute(
                sa.text(
                    "UPDATE document_chunks SET claim_expires_at = now() - interval '1s' "
                    "WHERE claimed_by = :w"
                ),
                {"w": worker},
            )

    return World(PostgresChunkQueue(db), lambda texts: load_texts(db, tables, texts), expire)


def claim(queue, worker, limit=3, scope=ALL, after_id=0):
    chunks = queue.claim(scope, worker=worker, lease_s=60, after_id=after_id, limit=limit)
    return [c.id for c in chunks]


def mark(queue, worker, chunks, model="m"):
    return queue.mark(
        worker=worker,
        model=model,
        dimension=8,
        ids=[c.id for c in chunks],
        hashes=[c.content_hash for c in chunks],
        notes=[None] * len(chunks),
    )


def test_leases_keep_workers_apart_until_they_expire_and_renewal_extends_them(world):
    world.load(TEXTS)
    queue = world.queue
    a = claim(queue, "a")
    assert a == [1, 2, 3] and claim(queue, "b") == [4, 5, 6]
    assert claim(queue, "c") == []
    assert queue.held_by_others(ALL, worker="a") == 3
    world.expire("a")
    assert queue.held_by_others(ALL, worker="c") == 3  # b's leases are still live
    assert queue.renew(worker="a", ids=a, lease_s=60) == 3  # renewed after expiry: held again
    assert claim(queue, "c") == []
    world.expire("a")
    assert claim(queue, "c") == a  # expired and not renewed: free for others
    assert queue.renew(worker="a", ids=a, lease_s=60) == 0  # no longer a's


def test_mark_ends_the_claim_and_a_text_changed_since_the_claim_stays_pending(world):
    world.load(TEXTS[:2])
    queue = world.queue
    chunks = queue.claim(ALL, worker="w", lease_s=60, after_id=0, limit=10)
    world.load([TEXTS[0], "changed meanwhile"])
    assert mark(queue, "w", chunks) == 2
    assert queue.count(ALL, model="m", dimension=8) == 1
    assert queue.held_by_others(ALL, worker="x") == 0  # the claims ended with the mark
    assert claim(queue, "x") == [2]


def test_failures_count_attempts_dead_letter_and_can_be_requeued(world):
    world.load(TEXTS[:3])
    queue = world.queue
    for attempt in range(3):
        ids = claim(queue, "w", limit=1)
        dead = queue.fail(
            worker="w", ids=ids, errors=[f"boom {attempt}"], permanent=[False], max_chunk_attempts=3
        )
    assert ids == [1] and dead == [1]
    assert queue.fail(
        worker="w", ids=[2], errors=["empty"], permanent=[True], max_chunk_attempts=3
    ) == [2]
    assert queue.count(ALL, model="m", dimension=8) == 1
    assert queue.count(ALL, model="m", dimension=8, requeue_dead=True) == 3
    chunks = queue.claim(ALL, worker="w", lease_s=60, after_id=0, limit=1)
    assert chunks[0].attempts == 0  # a requeued chunk starts over


def test_count_makes_chunks_of_another_model_pending_within_the_scope(world):
    world.load(TEXTS[:4])
    queue = world.queue
    mark(queue, "w", queue.claim(ALL, worker="w", lease_s=60, after_id=0, limit=10), "old")
    assert queue.count(ALL, model="old", dimension=8) == 0
    assert queue.count(PendingFilter(chunk_ids=(1, 2)), model="new", dimension=8) == 2
    assert queue.count(ALL, model="old", dimension=8) == 2  # the rest kept its vectors
    assert queue.count(ALL, model="new", dimension=8) == 4
    assert queue.count(PendingFilter(limit=3), model="new", dimension=8) == 3


def test_release_gives_claims_back_and_dead_holders_are_freed(world):
    world.load(TEXTS)
    queue = world.queue
    a, b = claim(queue, "host:1:a"), claim(queue, "host:2:b")
    assert queue.release(worker="host:1:a", ids=a[:2]) == 2
    assert queue.release(worker="someone else", ids=a) == 0
    assert claim(queue, "c", limit=6) == a[:2]
    freed = queue.release_dead(lambda worker: worker == "host:2:b")
    assert (freed.workers, freed.chunks) == (["host:2:b"], len(b))
    assert claim(queue, "d", limit=6) == b


def test_claims_page_by_key_within_the_scope(world):
    world.load(TEXTS)
    queue = world.queue
    scope = PendingFilter(chunk_ids=(2, 3, 5, 6))
    assert claim(queue, "w", limit=2, scope=scope) == [2, 3]
    assert claim(queue, "w", limit=2, scope=scope, after_id=3) == [5, 6]
    assert claim(queue, "w", scope=PendingFilter(force_revectorize=True), after_id=6) == []
