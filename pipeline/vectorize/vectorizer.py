"""The vectorize loop: claim pending chunks, embed, check, write to the vector store, mark.

It knows nothing about providers (only `Embedder` and the named errors), nothing about
Dagster, and writes no SQL: chunks are claimed, marked, failed, renewed and released through
a `ChunkQueue` (pipeline/vectorize/queue.py). Work is shaped as a pipeline on the calling
thread:

    claim a page (lease) ─► plan batches ─► embed in worker threads (`concurrency` in flight)
        ─► in submission order: quality gate ─► upsert ─► mark vectorized ─► progress

so the next batches embed while the current one is written, writes stay in order, and the
progress callback and logging run on the caller's thread (what Dagster's context expects).
Nothing is marked vectorized before the store acknowledged the upsert; marks go in groups at
checkpoints (`checkpoint_points` points or `checkpoint_s` seconds, and at the end): the store
flushes (synced to disk, so the points survive power loss, not only a killed process), then
one statement marks every chunk written since the last checkpoint.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypedDict

import numpy as np
from sqlalchemy.engine import Engine

from pipeline.errors import DatabaseUnavailableError, VectorStoreUnavailableError
from pipeline.progress import ProgressCallback, format_progress
from pipeline.store.chunks import (
    ChunkWithDocument,
    ClaimedChunk,
    PendingFilter,
    PostgresChunkQueue,
)
from pipeline.store.vectors import VectorStore, collection_name, point_id
from pipeline.vectorize import faults
from pipeline.vectorize.batching import PreparedInput, plan_batches, prepare_input
from pipeline.vectorize.embedders.base import Embedder
from pipeline.vectorize.errors import (
    DimensionMismatchError,
    EmbeddingUnavailableError,
    RateLimitedError,
    TransientEmbeddingError,
    VectorizeError,
)
from pipeline.vectorize.limiter import RateLimiter
from pipeline.vectorize.quality import vector_problems
from pipeline.vectorize.queue import ChunkQueue, Clock, SystemClock
from pipeline.vectorize.retries import RetryPolicy, RetryState, bisect_rejected, next_retry
from pipeline.vectorize.tally import BatchTally, batch_progress, send_progress

DEFAULT_LOGGER = logging.getLogger("pipeline.vectorize")
# Default chunks per batch: the seed's 32 for in-process models; a remote request of 32 is
# mostly round trip, so remote embedders send 256 (still capped by the token bounds).
LOCAL_BATCH_SIZE = 32
REMOTE_BATCH_SIZE = 256


@dataclass
class _Batch:
    """One embedding request's worth of claimed chunks, and what to send for each."""

    chunks: list[ClaimedChunk]
    inputs: list[PreparedInput]
    tokens: int


class ChunkError(NamedTuple):
    """Why one chunk of a batch failed, and whether no retry can fix it (dead-lettered now)."""

    reason: str
    permanent: bool


class RunTimings(TypedDict):
    claim: float
    wait_for_embed: float
    write: float


class RunSummary(TypedDict, total=False):
    """What a vectorize run returns (and the CLI prints, the op records); plain JSON values.

    `outbox_applied` is there after a full run (`vectorize_pending`), not for an empty
    `vectorize_chunks([])`.
    """

    total: int
    vectorized: int
    failed: int
    dead_lettered: int
    skipped: int
    # Why chunks were skipped: held by other live workers' claims, or gone from the queue
    # meanwhile (finished by another worker, text changed, scope limit).
    skipped_held_by_others: int
    skipped_other: int
    released_dead_claims: int
    clipped: int
    elapsed_s: float
    rate_per_s: float
    batches: int
    requests: int
    retries: int
    tokens: int
    model: str
    dimension: int
    collection: str
    worker: str
    timings_s: RunTimings
    outbox_applied: int


@dataclass
class _Outcome:
    """What the embedding step produced: vectors by position, or an error by position."""

    vectors: dict[int, np.ndarray] = field(default_factory=dict)
    errors: dict[int, ChunkError] = field(default_factory=dict)
    retries: int = 0
    requests: int = 0
    points: tuple[list[str], np.ndarray, list[dict], Any] | None = None  # see _points


@dataclass
class _Unmarked:
    """Chunks whose points the store has, to be marked at the next checkpoint."""

    ids: list[int] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)
    since: float | None = None  # when the first of them was written


@dataclass(kw_only=True)
class _Totals(BatchTally):
    """The run's counts: the batch tally plus what the summary adds."""

    dead_lettered: int = 0
    clipped: int = 0
    retries: int = 0
    tokens: int = 0
    requests: int = 0
    embed_s: float = 0.0
    write_s: float = 0.0
    claim_s: float = 0.0
    released_dead: int = 0
    unmarked: _Unmarked = field(default_factory=_Unmarked)
    marker: _Marker | None = None  # set by the run


class Vectorizer:
    """Keeps the vector store in sync with document_chunks for one embedder.

    `batch_size` bounds inputs per request (also capped by the embedder's own limits and
    token bounds; unset: `LOCAL_BATCH_SIZE` for in-process models, `REMOTE_BATCH_SIZE` for
    remote embedders, whose round trip and commit per batch cost more than the rows in it);
    `concurrency` requests run at once (useful for remote embedders);
    `max_chunk_attempts` failed attempts dead-letter a chunk. `requests_per_minute` and
    `tokens_per_minute` bound all in-flight requests together. A 429 is waited out for up to
    `retry_budget_s` (a time budget, not a count); claims last `lease_s` and a heartbeat
    thread renews them every third of that; an unreachable database is waited for up to
    `db_wait_s`, a locked embedded vector store folder up to `store_wait_s`. Written chunks
    are marked at checkpoints: every `checkpoint_points` points or `checkpoint_s` seconds,
    whichever comes first, after the store's flush.

    The chunks come from `queue` (unset: `PostgresChunkQueue(engine)`); `engine` also serves
    the index lifecycle (the deletion outbox, the serving model), skipped when it is None.
    `clock` (unset: the real one) times the run, retries and the lease heartbeat.
    """

    def __init__(
        self,
        engine: Engine | None,
        embedder: Embedder,
        vector_store: VectorStore,
        batch_size: int | None = None,
        max_chunk_attempts: int = 3,
        concurrency: int = 1,
        logger: Any = None,
        *,
        max_retries: int | None = None,
        requests_per_minute: float | None = None,
        tokens_per_minute: float | None = None,
        lease_s: float = 60.0,
        page_size: int | None = None,
        overlong: str = "clip",
        backoff_base_s: float = 0.5,
        backoff_max_s: float = 30.0,
        worker_id: str | None = None,
        retry_budget_s: float = 600.0,
        db_wait_s: float = 60.0,
        store_wait_s: float = 60.0,
        checkpoint_points: int = 16_384,
        checkpoint_s: float = 0.25,
        queue: ChunkQueue | None = None,
        clock: Clock | None = None,
    ) -> None:
        batch_size = batch_size or (REMOTE_BATCH_SIZE if embedder.is_remote else LOCAL_BATCH_SIZE)
        if batch_size < 1 or concurrency < 1 or max_chunk_attempts < 1:
            raise ValueError("batch_size, concurrency and max_chunk_attempts must be at least 1")
        if overlong not in ("clip", "refuse"):
            raise ValueError("overlong must be 'clip' or 'refuse'")
        self.engine = engine
        self.queue: ChunkQueue = queue or PostgresChunkQueue(engine)  # type: ignore[arg-type]
        self.clock: Clock = clock or SystemClock()
        self.embedder = embedder
        self.vector_store = vector_store
        self.batch_size = min(batch_size, embedder.max_inputs_per_request or batch_size)
        self.max_chunk_attempts = max_chunk_attempts
        self.concurrency = concurrency
        self.log = logger or DEFAULT_LOGGER
        self.max_retries = (
            max_retries if max_retries is not None else getattr(embedder, "max_retries", 3)
        )
        self.limiter = RateLimiter(requests_per_minute, tokens_per_minute)
        self.lease_s = lease_s
        self.retry_budget_s = retry_budget_s
        self.db_wait_s = db_wait_s
        self.store_wait_s = store_wait_s
        self.checkpoint_points = checkpoint_points
        self.checkpoint_s = checkpoint_s
        self._claims_lock = threading.Lock()
        self._stopping = threading.Event()  # set when the run stops: retries give up at once
        # Claim several batches at a time: fewer round trips, and the next batches are ready
        # to embed while the current one is written.
        self.page_size = page_size or max(self.batch_size * 4 * concurrency, 256)
        self.overlong = overlong
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.retry_policy = RetryPolicy(
            retry_budget_s, self.max_retries, backoff_base_s, backoff_max_s
        )
        self.worker_id = worker_id or faults.worker_id(uuid.uuid4().hex[:8])

    # --- public API ---------------------------------------------------------------------

    @property
    def model(self) -> str:
        return self.embedder.name

    @property
    def collection(self) -> str:
        return collection_name(self.embedder.name, self.embedder.dimension)

    def count_pending(self, scope: PendingFilter | None = None) -> int:
        """Chunks in `scope` waiting for a vector under this embedder's model.

        Chunks vectorized under another model are made pending first (one set-based
        statement), so the count is honest after a model change.
        """
        scope = scope or PendingFilter()
        return self._db(
            lambda: self.queue.count(scope, model=self.model, dimension=self.embedder.dimension),
            "counting pending chunks",
        )

    def vectorize_pending(
        self, scope: PendingFilter | None = None, progress_callback: ProgressCallback | None = None
    ) -> RunSummary:
        """Vectorize every pending chunk in `scope`, paging through the backlog by key."""
        return self._run(scope or PendingFilter(), progress_callback)

    def vectorize_chunks(
        self,
        chunk_ids: Sequence[int],
        force_revectorize: bool = False,
        progress_callback: ProgressCallback | None = None,
    ) -> RunSummary:
        """Seed 003's contract: vectorize these chunks (only pending ones unless forced)."""
        ids = tuple(sorted({int(i) for i in chunk_ids}))
        if not ids:
            return self._summary(_Totals(total=0), self.clock.monotonic())
        scope = PendingFilter(chunk_ids=ids, force_revectorize=force_revectorize)
        return self._run(scope, progress_callback)

    # --- the loop -----------------------------------------------------------------------

    def _run(self, scope: PendingFilter, callback: ProgressCallback | None) -> RunSummary:
        started = self.clock.monotonic()
        self._stopping.clear()
        dimension = self.embedder.dimension
        released = self._db(self._release_dead_holders, "freeing claims of dead workers")
        total = self._db(
            lambda: self.queue.count(
                scope, model=self.model, dimension=dimension, requeue_dead=scope.retry_dead_letters
            ),
            "counting pending chunks",
        )
        totals = _Totals(total=total, released_dead=released)
        collection = self.collection
        self._store(
            lambda: self.vector_store.ensure_collection(collection, dimension),
            "opening the collection",
        )
        # Deletions reach the store first; a new model becomes the alias's target.
        index = self._index()
        outbox = index.before_run(self.embedder) if index else 0
        open_claims: set[int] = set()
        totals.marker = marker = _Marker(self, open_claims)
        in_flight: deque[tuple[_Batch, Future[_Outcome]]] = deque()
        self.log.info(
            f"vectorize: {total} pending chunk(s), model {self.model} ({dimension}-d), "
            f"collection {collection}, batch size {self.batch_size}, "
            f"concurrency {self.concurrency}, worker {self.worker_id}"
        )
        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="embed")
        heartbeat = _Heartbeat(self, open_claims)
        heartbeat.start()
        batches = self._batches(scope, totals, open_claims)
        try:
            for batch in batches:
                in_flight.append((batch, pool.submit(self._embed_batch, batch)))
                # One more than `concurrency` queued keeps every worker busy while we write.
                while len(in_flight) > self.concurrency:
                    self._finish(*in_flight.popleft(), totals, open_claims, started, callback)
            while in_flight:
                self._finish(*in_flight.popleft(), totals, open_claims, started, callback)
            self._checkpoint(totals, open_claims)
            marker.wait()
        except Exception as e:
            # Stop sending, but keep what is already embedded: write the batches that come
            # back (unless writing is what failed), then give the rest of the claims back.
            self._stopping.set()
            batches.close()  # a page being claimed ahead joins open_claims, to be released
            if isinstance(e, VectorizeError):
                self._write_what_is_done(in_flight, totals, open_claims, started, callback)
            if not isinstance(e, (DatabaseUnavailableError, VectorStoreUnavailableError)):
                self._checkpoint_quietly(totals, open_claims)
            marker.close()
            pool.shutdown(wait=True, cancel_futures=True)
            heartbeat.stop()
            if not isinstance(e, DatabaseUnavailableError):  # else the next run frees them
                self._release(open_claims)
            raise
        except BaseException:
            self._stopping.set()
            batches.close()
            for _, future in in_flight:
                future.cancel()
            self._checkpoint_quietly(totals, open_claims)
            marker.close()
            pool.shutdown(wait=True, cancel_futures=True)
            heartbeat.stop()
            self._release(open_claims)
            raise
        marker.close()
        pool.shutdown(wait=True)
        heartbeat.stop()
        outbox += index.after_run(self.embedder) if index else 0  # deleted while embedding
        summary = self._summary(totals, started, self._held_by_others(scope))
        summary["outbox_applied"] = outbox
        self.log.info(
            f"vectorize done: {summary['vectorized']} vectorized, {summary['failed']} failed "
            f"({summary['dead_lettered']} dead-lettered), {summary['skipped']} skipped "
            f"({summary['skipped_held_by_others']} held by other live workers), "
            f"{summary['released_dead_claims']} claim(s) of dead workers freed, "
            f"{summary['rate_per_s']:.1f} chunks/s"
        )
        return summary

    def _write_what_is_done(
        self,
        in_flight: deque[tuple[_Batch, Future[_Outcome]]],
        totals: _Totals,
        open_claims: set[int],
        started: float,
        callback: ProgressCallback | None,
    ) -> None:
        """After a stop: write every in-flight batch that embeds fine; drop the others."""
        while in_flight:
            batch, future = in_flight.popleft()
            try:
                future.result()
            except BaseException:
                continue  # not embedded: its claims are released with the rest
            try:
                self._finish(batch, future, totals, open_claims, started, callback)
            except Exception as e:  # the store or database is what stopped the run
                self.log.warning(f"could not write an embedded batch while stopping: {e}")
                return

    def _release_dead_holders(self) -> int:
        """Free the claims of workers on this host whose process is gone; return how many."""
        released = self.queue.release_dead(faults.holder_is_dead)
        if released.chunks:
            names = ", ".join(released.workers)
            self.log.warning(f"freed {released.chunks} claim(s) of dead worker(s) {names}")
        return released.chunks

    def _held_by_others(self, scope: PendingFilter) -> int:
        return self._db(
            lambda: self.queue.held_by_others(scope, worker=self.worker_id),
            "counting claims of other workers",
        )

    def _db(self, action: Any, what: str) -> Any:
        return faults.with_database(
            self.queue.location, action, wait_s=self.db_wait_s, log=self.log, what=what
        )

    def _store(self, action: Any, what: str) -> Any:
        store = self.vector_store
        location = str(getattr(store, "url", None) or getattr(store, "path", None) or "QDRANT_URL")
        return faults.with_vector_store(
            action, location=location, wait_s=self.store_wait_s, log=self.log, what=what
        )

    def _index(self) -> Any:
        """The index lifecycle around a run; None without a database (an in-memory queue)."""
        if self.engine is None:
            return None
        # Imported here: pipeline.index builds on this package (batching, embedders).
        from pipeline.index.lifecycle import IndexLifecycle

        return IndexLifecycle(self.engine, self.vector_store, logger=self.log)

    def _batches(
        self, scope: PendingFilter, totals: _Totals, open_claims: set[int]
    ) -> Iterator[_Batch]:
        """Claim page after page (by key, so memory stays flat) and cut them into batches.

        The next page is claimed in a thread while this one's batches are embedded and
        written, so the database's work overlaps ours; its claims join `open_claims` as soon
        as they are taken (renewed, released on a stop). A failed claim is retried here, on
        the caller's thread, where waiting for the database is logged.
        """
        ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claim")
        after_id, remaining = 0, scope.limit
        next_page: Future[list[ClaimedChunk]] | None = None
        try:
            while remaining is None or remaining > 0:
                size = self.page_size if remaining is None else min(self.page_size, remaining)
                t0 = self.clock.monotonic()
                page = self._claimed(scope, next_page, after_id, size, open_claims)
                totals.claim_s += self.clock.monotonic() - t0
                next_page = None
                if not page:
                    return
                after_id = page[-1].id
                if remaining is not None:
                    remaining -= len(page)
                if remaining is None or remaining > 0:
                    size = self.page_size if remaining is None else min(self.page_size, remaining)
                    next_page = ahead.submit(self._claim, scope, after_id, size, open_claims)
                yield from self._plan(page)
        finally:
            if next_page is not None:
                next_page.exception()  # wait: its claims are in open_claims by now
            ahead.shutdown(wait=True)

    def _claim(
        self, scope: PendingFilter, after_id: int, size: int, open_claims: set[int]
    ) -> list[ClaimedChunk]:
        page = self.queue.claim(
            scope, worker=self.worker_id, lease_s=self.lease_s, after_id=after_id, limit=size
        )
        with self._claims_lock:
            open_claims.update(chunk.id for chunk in page)
        return page

    def _claimed(
        self,
        scope: PendingFilter,
        ahead: Future[list[ClaimedChunk]] | None,
        after_id: int,
        size: int,
        open_claims: set[int],
    ) -> list[ClaimedChunk]:
        """The page claimed ahead, or (the first page, or that claim failed) one claimed now."""
        if ahead is not None:
            try:
                return ahead.result()
            except Exception:  # retried below, with the waits and messages of _db
                pass
        return self._db(lambda: self._claim(scope, after_id, size, open_claims), "claiming chunks")

    def _plan(self, page: list[ClaimedChunk]) -> Iterable[_Batch]:
        limit = self.embedder.max_tokens_per_input
        inputs = [prepare_input(chunk.content, limit, self.overlong) for chunk in page]
        groups = plan_batches(
            [item.tokens for item in inputs], self.batch_size, self.embedder.max_tokens_per_request
        )
        for group in groups:
            batch_inputs = [inputs[i] for i in group]
            yield _Batch(
                chunks=[page[i] for i in group],
                inputs=batch_inputs,
                tokens=sum(item.tokens for item in batch_inputs if item.refused is None),
            )

    # --- embedding (worker threads) -----------------------------------------------------

    def _embed_batch(self, batch: _Batch) -> _Outcome:
        if self._stopping.is_set():  # queued before the stop: send nothing more
            raise EmbeddingUnavailableError("not sent: the run is stopping")
        outcome = _Outcome()
        positions = []
        for position, item in enumerate(batch.inputs):
            if item.refused is not None:
                outcome.errors[position] = ChunkError(item.refused, permanent=True)
            else:
                positions.append(position)
        if positions:
            self._embed_isolating(batch, positions, outcome)
        if outcome.vectors:
            outcome.points = self._points(batch, outcome)
        return outcome

    def _points(
        self, batch: _Batch, outcome: _Outcome
    ) -> tuple[list[str], np.ndarray, list[dict], Any]:
        """(ids, vectors, payloads, the store's prepared points or None) of the embedded
        positions. Built in the embedding thread, so the writing thread, which must write in
        order, only hands them over (Qdrant Edge converts every payload value, ~3 µs each)."""
        ok = sorted(outcome.vectors)
        ids = [point_id(batch.chunks[p].id, self.model) for p in ok]
        vectors = np.stack([outcome.vectors[p] for p in ok]).astype(np.float32, copy=False)
        payloads = [chunk_payload(batch.chunks[p]) for p in ok]
        prepare = getattr(self.vector_store, "prepare_points", None)
        if prepare is None:
            return ids, vectors, payloads, None
        return ids, vectors, payloads, prepare(ids, vectors, payloads, shared=DOCUMENT_KEYS)

    def _embed_isolating(self, batch: _Batch, positions: list[int], outcome: _Outcome) -> None:
        """Embed; a refused input is isolated by bisection and charged alone."""
        dimension = self.embedder.dimension

        def embed(group: list[int]) -> np.ndarray:
            texts = [batch.inputs[p].text or "" for p in group]
            tokens = sum(batch.inputs[p].tokens for p in group)
            vectors = np.asarray(self._embed_with_retries(texts, tokens, outcome))
            self._check_dimension(vectors, len(group))
            return vectors

        found = bisect_rejected(positions, embed)
        for position, reason in found.rejected.items():
            outcome.errors[position] = ChunkError(reason, permanent=False)
        for group, vectors in found.embedded:
            problems = vector_problems(vectors, len(group), dimension)
            for index, (position, problem) in enumerate(zip(group, problems, strict=True)):
                if problem is None:
                    outcome.vectors[position] = vectors[index]
                else:
                    outcome.errors[position] = ChunkError(problem, permanent=False)

    def _check_dimension(self, vectors: np.ndarray, count: int) -> None:
        """A whole response of another size than configured is a setting, not bad chunks."""
        expected = self.embedder.dimension
        if (
            vectors.ndim == 2
            and vectors.shape[0] == count
            and count
            and vectors.shape[1] != expected
        ):
            raise DimensionMismatchError(
                f"EMBEDDING_DIMENSIONS: the embedder returned {vectors.shape[1]}-d vectors for "
                f"model {self.model}, {expected}-d expected; set EMBEDDING_DIMENSIONS="
                f"{vectors.shape[1]} (or the right EMBEDDING_MODEL). No chunk was charged."
            )

    def _embed_with_retries(self, texts: list[str], tokens: int, outcome: _Outcome) -> np.ndarray:
        """Wait out 429s and retry transient errors, honouring Retry-After (`next_retry`).

        These never count against a chunk. Past the policy the run stops with
        EmbeddingUnavailableError and the chunks stay pending.
        """
        state = RetryState()
        while True:
            self.limiter.acquire(tokens)
            outcome.requests += 1
            try:
                return self.embedder.embed(texts)
            except (RateLimitedError, TransientEmbeddingError) as e:
                rate_limited = isinstance(e, RateLimitedError)
                step = next_retry(
                    self.retry_policy,
                    state,
                    now=self.clock.monotonic(),
                    retry_after_s=e.retry_after_s,
                    rate_limited=rate_limited,
                    stopping=self._stopping.is_set(),
                    jitter=random.random(),
                )
                if step.give_up is not None:
                    raise EmbeddingUnavailableError(
                        f"embedding failed after {state.retries + 1} tries ({step.give_up}): {e}"
                    ) from None
                if rate_limited:
                    self.limiter.hold_until(step.delay_s)  # every in-flight request backs off
                state = step.state
                outcome.retries += 1
                self.log.info(f"embedding retry {state.retries} in {step.delay_s:.2f}s: {e}")
                self.clock.wait(self._stopping, step.delay_s)

    # --- writing (calling thread, in batch order) ---------------------------------------

    def _finish(
        self,
        batch: _Batch,
        future: Future[_Outcome],
        totals: _Totals,
        open_claims: set[int],
        started: float,
        callback: ProgressCallback | None,
    ) -> None:
        """Write one embedded batch (in submission order), count it, report it."""
        t0 = self.clock.monotonic()
        outcome = future.result()  # fatal and unavailable errors surface here
        t1 = self.clock.monotonic()
        dead = self._write(batch, outcome, totals.unmarked)
        with self._claims_lock:  # failed ones are released; written ones at the checkpoint
            open_claims.difference_update(batch.chunks[p].id for p in outcome.errors)
        if self._checkpoint_due(totals.unmarked):
            self._checkpoint(totals, open_claims)
        totals.embed_s += t1 - t0
        totals.write_s += self.clock.monotonic() - t1
        _tally(totals, batch, outcome, dead)
        self._report(batch, outcome, totals, started, callback)

    def _write(self, batch: _Batch, outcome: _Outcome, unmarked: _Unmarked) -> list[int]:
        """Upsert the embedded points (to be marked at the next checkpoint) and charge the
        failures; return the ids dead-lettered now."""
        ok = sorted(outcome.vectors)
        if ok:
            ids, vectors, payloads, prepared = outcome.points or self._points(batch, outcome)
            store, collection = self.vector_store, self.collection

            def upsert() -> None:
                if prepared is not None:  # flushed at the checkpoint, not every N points
                    edge: Any = store
                    edge.upsert_points(collection, prepared, auto_flush=False)
                else:
                    store.upsert(collection, ids, vectors, payloads)

            self._store(upsert, "writing vectors")
            if unmarked.since is None:
                unmarked.since = self.clock.monotonic()
            unmarked.ids.extend(batch.chunks[p].id for p in ok)
            unmarked.hashes.extend(batch.chunks[p].content_hash for p in ok)
            unmarked.notes.extend(batch.inputs[p].note for p in ok)
        failed = sorted(outcome.errors)
        if not failed:
            return []
        return self._db(
            lambda: self.queue.fail(
                worker=self.worker_id,
                ids=[batch.chunks[p].id for p in failed],
                errors=[outcome.errors[p].reason for p in failed],
                permanent=[outcome.errors[p].permanent for p in failed],
                max_chunk_attempts=self.max_chunk_attempts,
            ),
            "recording failed chunks",
        )

    def _checkpoint_due(self, unmarked: _Unmarked) -> bool:
        if unmarked.since is None:
            return False
        waited = self.clock.monotonic() - unmarked.since
        return len(unmarked.ids) >= self.checkpoint_points or waited >= self.checkpoint_s

    def _checkpoint(self, totals: _Totals, open_claims: set[int]) -> None:
        """Flush the store, then mark every chunk written since the last checkpoint in one
        statement (`_Marker`) and end their claims: a chunk is marked only once its point is
        on disk, so no crash, power loss included, leaves a marked chunk without its point.
        A crash before the mark leaves them claimed and pending: redone, same point ids."""
        unmarked = totals.unmarked
        if not unmarked.ids:
            return
        self._store(self.vector_store.flush, "flushing vectors")
        assert totals.marker is not None
        totals.marker.submit(unmarked)
        totals.unmarked = _Unmarked()

    def mark_group(self, group: _Unmarked, open_claims: set[int]) -> None:
        """Mark one checkpoint's chunks vectorized and end their claims."""
        self.queue.mark(
            worker=self.worker_id,
            model=self.model,
            dimension=self.embedder.dimension,
            ids=group.ids,
            hashes=group.hashes,
            notes=group.notes,
        )
        with self._claims_lock:
            open_claims.difference_update(group.ids)

    def _checkpoint_quietly(self, totals: _Totals, open_claims: set[int]) -> None:
        """On the way out: mark what was written if the store and database still answer;
        otherwise those chunks stay pending (their claims are released) and are redone."""
        try:
            self._checkpoint(totals, open_claims)
            if totals.marker is not None:
                totals.marker.wait()
        except Exception as e:
            self.log.warning(
                f"could not mark {len(totals.unmarked.ids)} written chunk(s) while stopping: "
                f"{faults._reason(e)}; they stay pending"
            )

    def _report(
        self,
        batch: _Batch,
        outcome: _Outcome,
        totals: _Totals,
        started: float,
        callback: ProgressCallback | None,
    ) -> None:
        elapsed = self.clock.monotonic() - started
        total_batches = totals.batches + totals.batches_left(self.batch_size)
        n_failed = len(outcome.errors)
        n_ok = len(batch.chunks) - n_failed
        self.log.info(
            f"Batch {totals.batches}/{total_batches} | size {len(batch.chunks)} | "
            f"total {format_progress(totals.processed, totals.total)}"
        )
        self.log.info(f"Batch {totals.batches}: {n_ok} succeeded, {n_failed} failed")
        if callback is None:
            return
        errors = [outcome.errors.get(position) for position in range(len(batch.chunks))]
        info = batch_progress(
            totals,
            batch.chunks,
            [None if error is None else error.reason for error in errors],
            batch_size=self.batch_size,
            elapsed_s=elapsed,
            tokens=batch.tokens,
            retries=outcome.retries,
        )
        send_progress(callback, info, self.log)

    def renew_leases(self, open_claims: set[int]) -> None:
        """Extend the claims still held (the heartbeat calls this every third of a lease).

        A page can take longer than one lease (a slow or rate-limited provider); without
        renewal another worker would take chunks this one is still embedding.
        """
        with self._claims_lock:
            ids = sorted(open_claims)
        if ids:
            self.queue.renew(worker=self.worker_id, ids=ids, lease_s=self.lease_s)

    def _release(self, open_claims: set[int]) -> None:
        """Best effort on the way out: give back claims so another run need not wait."""
        if not open_claims:
            return
        try:
            self.queue.release(worker=self.worker_id, ids=sorted(open_claims))
        except Exception as e:  # the next run on this host frees them; else the lease does
            self.log.warning(f"could not release {len(open_claims)} claim(s): {faults._reason(e)}")

    def _summary(self, totals: _Totals, started: float, held_by_others: int = 0) -> RunSummary:
        elapsed = self.clock.monotonic() - started
        skipped = max(0, totals.total - totals.processed)
        held = min(skipped, held_by_others)
        return {
            "total": totals.total,
            "vectorized": totals.vectorized,
            "failed": totals.failed,
            "dead_lettered": totals.dead_lettered,
            "skipped": skipped,
            "skipped_held_by_others": held,
            "skipped_other": skipped - held,
            "released_dead_claims": totals.released_dead,
            "clipped": totals.clipped,
            "elapsed_s": elapsed,
            "rate_per_s": totals.processed / elapsed if elapsed > 0 else 0.0,
            "batches": totals.batches,
            "requests": totals.requests,
            "retries": totals.retries,
            "tokens": totals.tokens,
            "model": self.model,
            "dimension": self.embedder.dimension,
            "collection": self.collection,
            "worker": self.worker_id,
            "timings_s": {
                "claim": totals.claim_s,
                "wait_for_embed": totals.embed_s,
                "write": totals.write_s,
            },
        }


class _Marker:
    """Marks checkpoints' chunks in a thread, one group at a time and in order, so the
    database's work overlaps the next batches' writes. A mark the thread could not make is
    retried on the caller's thread (where `_db` waits and logs) before the next one."""

    def __init__(self, vectorizer: Vectorizer, open_claims: set[int]) -> None:
        self._vectorizer = vectorizer
        self._open_claims = open_claims
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mark")
        self._in_flight: tuple[_Unmarked, Future[None]] | None = None

    def submit(self, group: _Unmarked) -> None:
        self.wait()
        future = self._pool.submit(self._vectorizer.mark_group, group, self._open_claims)
        self._in_flight = (group, future)

    def wait(self) -> None:
        """Until the group in flight is marked; raises when it cannot be (it stays claimed,
        its claims released with the others, and it is redone)."""
        if self._in_flight is None:
            return
        group, future = self._in_flight
        self._in_flight = None
        if future.exception() is not None:
            vectorizer = self._vectorizer
            vectorizer._db(
                lambda: vectorizer.mark_group(group, self._open_claims), "marking chunks vectorized"
            )

    def close(self) -> None:
        """Let a mark in flight finish (not retried), then stop the thread."""
        self._in_flight = None
        self._pool.shutdown(wait=True)


class _Heartbeat:
    """A thread renewing the run's open claims every third of a lease while it lives.

    Leases can then be short: a worker that dies stops renewing, and its chunks are free
    after one lease even on another host (on this host the next run frees them at once).
    """

    def __init__(self, vectorizer: Vectorizer, open_claims: set[int]) -> None:
        self._vectorizer = vectorizer
        self._open_claims = open_claims
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="lease-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _beat(self) -> None:
        interval = max(0.2, self._vectorizer.lease_s / 3)
        while not self._vectorizer.clock.wait(self._stop, interval):
            try:
                self._vectorizer.renew_leases(self._open_claims)
            except Exception as e:  # the database may be down: the loop reports that itself
                self._vectorizer.log.debug(f"lease renewal failed: {faults._reason(e)}")


def _tally(totals: _Totals, batch: _Batch, outcome: _Outcome, dead: list[int]) -> None:
    """Add one written batch to the run's totals."""
    totals.add_batch(len(outcome.vectors), len(outcome.errors))
    totals.dead_lettered += len(dead)
    totals.clipped += sum(1 for p in outcome.vectors if batch.inputs[p].note)
    totals.retries += outcome.retries
    totals.requests += outcome.requests
    totals.tokens += batch.tokens


# The payload keys a document's chunks share: a store may write them once per document.
DOCUMENT_KEYS = (
    "document_id", "market", "doc_type", "stock_code", "company_name", "language", "source",
)  # fmt: skip


def chunk_payload(chunk: ChunkWithDocument) -> dict[str, Any]:
    """A chunk's point payload: what search filters on and shows, the same in every collection."""
    return {
        "chunk_id": chunk.id,
        "document_id": chunk.document_id,
        "chunk_index": chunk.chunk_index,
        "market": chunk.market,
        "doc_type": chunk.doc_type,
        "stock_code": chunk.stock_code,
        "company_name": chunk.company_name,
        "language": chunk.language,
        "source": chunk.source,
    }


__all__ = ["ChunkError", "PendingFilter", "RunSummary", "Vectorizer"]
