"""The work queue the vectorize loop drains, as a small interface, and the clock it runs on.

The loop (`Vectorizer`) never opens a transaction: it claims, marks, fails, renews and
releases through a `ChunkQueue`. `pipeline.store.chunks.PostgresChunkQueue` is the real one
(document_chunks, one transaction a call); tests drive the same loop with an in-memory queue
and a `Clock` they move by hand, so lease logic is tested without waiting for real leases.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from pipeline.store.chunks import ClaimedChunk, PendingFilter, ReleasedClaims


class ChunkQueue(Protocol):
    """Chunks waiting for a vector, leased to one worker at a time.

    Every method is safe to repeat (the loop retries one whose database connection dropped).
    """

    @property
    def location(self) -> str:
        """Where the queue lives, as messages may show it (a database URL without password)."""
        ...

    def count(
        self, scope: PendingFilter, *, model: str, dimension: int, requeue_dead: bool = False
    ) -> int:
        """Chunks in `scope` waiting for a vector under `model` (capped at `scope.limit`).

        Chunks vectorized under another model are made pending first, so the count is honest
        after a model change; `requeue_dead` puts dead-lettered chunks in scope back first.
        """
        ...

    def claim(
        self, scope: PendingFilter, *, worker: str, lease_s: float, after_id: int, limit: int
    ) -> list[ClaimedChunk]:
        """Lease the next `limit` free chunks after `after_id` to `worker`, in id order."""
        ...

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
        """Record these chunks as vectorized (their claims end). Call only once the vector
        store holds their points; a chunk whose text changed since (`hashes`) stays pending."""
        ...

    def fail(
        self,
        *,
        worker: str,
        ids: Sequence[int],
        errors: Sequence[str],
        permanent: Sequence[bool],
        max_chunk_attempts: int,
    ) -> list[int]:
        """Count a failed attempt on each chunk and end its claim; return those dead-lettered
        now (`max_chunk_attempts` reached, or a `permanent` reason no retry can fix)."""
        ...

    def renew(self, *, worker: str, ids: Sequence[int], lease_s: float) -> int:
        """Push the lease of `worker`'s claims on `ids` `lease_s` into the future."""
        ...

    def release(self, *, worker: str, ids: Sequence[int]) -> int:
        """Give back `worker`'s unfinished claims on `ids` (a run that stops early)."""
        ...

    def release_dead(self, is_dead: Callable[[str], bool]) -> ReleasedClaims:
        """Free every claim of the holders `is_dead` judges gone."""
        ...

    def held_by_others(self, scope: PendingFilter, *, worker: str) -> int:
        """Chunks in `scope` still waiting whose live lease belongs to another worker."""
        ...


class Clock(Protocol):
    """Time as the loop sees it: elapsed time, retry deadlines, the lease heartbeat."""

    def monotonic(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    def wait(self, event: threading.Event, seconds: float) -> bool:
        """Wait `seconds` or until `event` is set; True when it was set."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def wait(self, event: threading.Event, seconds: float) -> bool:
        return event.wait(seconds)


__all__ = ["ChunkQueue", "Clock", "SystemClock"]
