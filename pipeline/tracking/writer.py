"""Hand events to one background thread that writes them in order, so a loop never waits on
the event store.

A Dagster event written to Postgres storage is several round trips (insert, notify, the
asset-key upsert in its own transaction): most of a millisecond or more per event, and on a
loaded machine several. The vectorizer's loop produces the events; an `OrderedWriter` lets it
go on to the next batch while the previous batch's events are written. Order is kept (one
writer thread), nothing is dropped, and memory is bounded: when `max_pending` events wait,
`submit` blocks until the writer catches up (the loop slows to the store's pace rather than
buffering without end). `close` writes what is left and joins the thread.

A failed write is counted and passed to `on_error`, never raised into the loop: a watcher must
not stop the work it watches.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_MAX_PENDING = 64
_STOP = object()


class OrderedWriter(Generic[T]):
    """`write(item)` on one daemon thread, in submission order; see the module docstring."""

    def __init__(
        self,
        write: Callable[[T], None],
        on_error: Callable[[T, Exception], None] | None = None,
        max_pending: int = DEFAULT_MAX_PENDING,
        name: str = "event-writer",
    ) -> None:
        if max_pending < 1:
            raise ValueError(f"max_pending must be at least 1, got {max_pending}")
        self._write = write
        self._on_error = on_error
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max_pending)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._closed = False
        self.written = 0
        self.errors = 0
        self.write_s = 0.0  # time the writer thread spent writing
        self.write_cpu_s = 0.0  # of it, this process's CPU (the rest waited on the store)
        self.wait_s = 0.0  # time `submit` spent blocked on a full queue (backpressure)
        self.max_queued = 0
        self._started = False  # the thread starts with the first item: an op that fails
        # before its loop leaves no thread behind

    def submit(self, item: T) -> None:
        """Queue `item`; blocks only while `max_pending` items are already waiting."""
        if self._closed:
            raise RuntimeError("submit after close")
        if not self._started:
            self._started = True
            self._thread.start()
        try:
            self._queue.put_nowait(item)
        except queue.Full:
            started = time.perf_counter()
            self._queue.put(item)
            self.wait_s += time.perf_counter() - started
        self.max_queued = max(self.max_queued, self._queue.qsize())

    def close(self) -> None:
        """Write everything submitted, then stop the thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._started:
            self._queue.put(_STOP)
            self._thread.join()

    def __enter__(self) -> OrderedWriter[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                self._write(item)  # type: ignore[arg-type]
                self.written += 1
            except Exception as e:
                self.errors += 1
                self._report(item, e)  # type: ignore[arg-type]
            finally:
                self.write_s += time.perf_counter() - started
                self.write_cpu_s += time.thread_time() - cpu

    def _report(self, item: T, error: Exception) -> None:
        if self._on_error is None:
            return
        try:
            self._on_error(item, error)
        except Exception:
            log.warning("the event writer's error callback raised", exc_info=True)
