"""An in-memory `ChunkQueue` and a hand-moved clock: the vectorize loop without Postgres.

`MemoryChunkQueue` keeps the rules of `PostgresChunkQueue` (test_queue.py runs the same
contract against both): leases on its clock, marks that keep a chunk whose text changed
pending, attempts that dead-letter, scopes with limits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.store.chunks import ClaimedChunk, PendingFilter, ReleasedClaims


class FakeClock:
    """Time that moves only when a test moves it (`advance`) or something sleeps.

    `wait` blocks (polling in real time) until the clock passes the deadline or the event is
    set, so a heartbeat thread waiting on it runs exactly when the test lets time pass.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._changed = threading.Condition()

    def monotonic(self) -> float:
        with self._changed:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._changed:
            self._now += seconds
            self._changed.notify_all()

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        with self._changed:
            deadline = self._now + seconds
            while not event.is_set() and self._now < deadline:
                self._changed.wait(0.01)
        return event.is_set()


@dataclass
class _Row:
    chunk: ClaimedChunk
    vectorized_hash: str | None = None
    model: str | None = None
    dimension: int | None = None
    attempts: int = 0
    dead_letter: bool = False
    last_error: str | None = None
    claimed_by: str | None = None
    expires_at: float | None = None


class MemoryChunkQueue:
    """Chunks in a dict, leases on `clock`; every call holds one lock (one "transaction")."""

    location = "memory"

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.rows: dict[int, _Row] = {}
        self.renewals = 0  # renew calls that extended at least one lease
        self._lock = threading.Lock()

    # --- what a test sets up and reads ------------------------------------------------

    def add(self, texts: Iterable[str], *, market: str = "us_stock", document_id: int = 1) -> None:
        with self._lock:
            for text in texts:
                chunk_id = len(self.rows) + 1
                self.rows[chunk_id] = _Row(_chunk(chunk_id, document_id, text, market))

    def change_text(self, chunk_id: int, text: str) -> None:
        with self._lock:
            row = self.rows[chunk_id]
            row.chunk = replace(row.chunk, content=text, content_hash=_hash(text))

    def done(self) -> int:
        with self._lock:
            return sum(1 for r in self.rows.values() if r.vectorized_hash == r.chunk.content_hash)

    def claimed(self) -> int:
        with self._lock:
            return sum(1 for r in self.rows.values() if r.claimed_by is not None)

    # --- the ChunkQueue interface -----------------------------------------------------

    def count(
        self, scope: PendingFilter, *, model: str, dimension: int, requeue_dead: bool = False
    ) -> int:
        with self._lock:
            for row in self._in_scope(scope, any_hash=True):
                if row.model is not None and (row.model, row.dimension) != (model, dimension):
                    row.vectorized_hash = row.model = row.dimension = None
            if requeue_dead:
                for row in self._in_scope(scope, any_hash=True, dead=True):
                    if row.dead_letter:
                        row.dead_letter, row.attempts = False, 0
            count = sum(1 for _ in self._in_scope(scope))
        return min(count, scope.limit) if scope.limit is not None else count

    def claim(
        self, scope: PendingFilter, *, worker: str, lease_s: float, after_id: int, limit: int
    ) -> list[ClaimedChunk]:
        with self._lock:
            now = self.clock.monotonic()
            free = [
                row
                for row in self._in_scope(scope)
                if row.chunk.id > after_id and (row.expires_at is None or row.expires_at < now)
            ][:limit]
            for row in free:
                row.claimed_by, row.expires_at = worker, now + lease_s
            return [replace(row.chunk, attempts=row.attempts) for row in free]

    def mark(
        self,
        *,
        worker: str,
        model: str,
        dimension: int,
        ids: Sequence[int],
        hashes: Sequence[str],
        notes: Sequence[str | None],
    ) -> int:
        with self._lock:
            for chunk_id, content_hash, note in zip(ids, hashes, notes, strict=True):
                row = self.rows[chunk_id]
                row.vectorized_hash, row.model, row.dimension = content_hash, model, dimension
                row.attempts, row.dead_letter, row.last_error = 0, False, note
                self._end_claim(row, worker)
            return len(ids)

    def fail(
        self,
        *,
        worker: str,
        ids: Sequence[int],
        errors: Sequence[str],
        permanent: Sequence[bool],
        max_chunk_attempts: int,
    ) -> list[int]:
        dead = []
        with self._lock:
            for chunk_id, error, final in zip(ids, errors, permanent, strict=True):
                row = self.rows[chunk_id]
                row.attempts += 1
                row.last_error = error
                row.dead_letter = final or row.attempts >= max_chunk_attempts
                self._end_claim(row, worker)
                if row.dead_letter:
                    dead.append(chunk_id)
        return sorted(dead)

    def renew(self, *, worker: str, ids: Sequence[int], lease_s: float) -> int:
        with self._lock:
            mine = [self.rows[i] for i in ids if self.rows[i].claimed_by == worker]
            for row in mine:
                row.expires_at = self.clock.monotonic() + lease_s
            self.renewals += 1 if mine else 0
            return len(mine)

    def release(self, *, worker: str, ids: Sequence[int]) -> int:
        with self._lock:
            mine = [self.rows[i] for i in ids if self.rows[i].claimed_by == worker]
            for row in mine:
                row.claimed_by = row.expires_at = None
            return len(mine)

    def release_dead(self, is_dead: Callable[[str], bool]) -> ReleasedClaims:
        with self._lock:
            now = self.clock.monotonic()
            live = {r.claimed_by for r in self.rows.values() if r.expires_at and r.expires_at > now}
            dead = sorted(w for w in live if w is not None and is_dead(w))
            rows = [r for r in self.rows.values() if r.claimed_by in dead]
            for row in rows:
                row.claimed_by = row.expires_at = None
            return ReleasedClaims(dead, len(rows))

    def held_by_others(self, scope: PendingFilter, *, worker: str) -> int:
        with self._lock:
            now = self.clock.monotonic()
            return sum(
                1
                for row in self._in_scope(scope)
                if row.claimed_by not in (None, worker) and row.expires_at > now
            )

    # --- helpers ----------------------------------------------------------------------

    def _in_scope(
        self, scope: PendingFilter, *, any_hash: bool = False, dead: bool = False
    ) -> Iterable[_Row]:
        """Rows in `scope` in id order: live pending ones unless told otherwise."""
        for chunk_id in sorted(self.rows):
            row = self.rows[chunk_id]
            chunk = row.chunk
            if row.dead_letter and not dead:
                continue
            current = row.vectorized_hash == chunk.content_hash
            if current and not (any_hash or scope.force_revectorize):
                continue
            if not all(
                not values or value in values
                for values, value in (
                    (scope.markets, chunk.market),
                    (scope.doc_types, chunk.doc_type),
                    (scope.stock_codes, chunk.stock_code),
                    (scope.document_ids, chunk.document_id),
                    (scope.chunk_ids, chunk.id),
                )
            ):
                continue
            yield row

    @staticmethod
    def _end_claim(row: _Row, worker: str) -> None:
        if row.claimed_by == worker:
            row.claimed_by = row.expires_at = None


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _chunk(chunk_id: int, document_id: int, text: str, market: str) -> ClaimedChunk:
    return ClaimedChunk(
        id=chunk_id,
        document_id=document_id,
        chunk_index=chunk_id - 1,
        content=text,
        content_hash=_hash(text),
        token_estimate=len(text.encode()),
        attempts=0,
        market=market,
        doc_type="annual_report",
        stock_code="TEST",
        company_name="Test Corp",
        language="en",
        source="test",
    )


def wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Poll `condition` in real time (another thread is expected to make it true)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True
