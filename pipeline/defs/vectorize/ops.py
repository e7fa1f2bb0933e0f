"""Ops of vectorize_documents_job: scan the backlog, then vectorize it with live progress.

Ops pass ids and counts (the default IO manager pickles outputs), never vectors. Vector-store
access happens only inside `vectorize_chunks_op`: the embedded Qdrant engines lock their folder
to one process, and the multiprocess executor runs each step in its own process.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
import logging
import sys
from typing import Any, Literal

from dagster import (
    Backoff,
    Config,
    In,
    Jitter,
    MetadataValue,
    Nothing,
    OpExecutionContext,
    Output,
    RetryPolicy,
    op,
)
from pydantic import Field

from pipeline.defs.failures import step_failure
from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.stages import StageEventsConfig, stage_tracker
from pipeline.defs.vectorize.events import (
    EventsSetting,
    ProgressEvents,
    hold_event_log_connection,
)
from pipeline.defs.vectorize.quality import index_materialization, quality_check
from pipeline.errors import ConfigurationError, SchemaMissingError, TransientError
from pipeline.progress import BatchProgress
from pipeline.settings import (
    BatchSize,
    Concurrency,
    EmbedderName,
    Overlong,
    PerMinute,
    get_settings,
)
from pipeline.store import chunks as chunk_queries
from pipeline.vectorize import FatalEmbeddingError, PendingFilter, build_vectorizer
from pipeline.vectorize.idcheck import compare_ids
from pipeline.vectorize.vectorizer import RunSummary

# Transient failures (embedding service unavailable after its own retries, a dropped database
# connection) get two more tries; fatal ones raise step_failure(e) (not retried) below.
TRANSIENT_RETRY = RetryPolicy(
    max_retries=2, delay=15, backoff=Backoff.EXPONENTIAL, jitter=Jitter.PLUS_MINUS
)


class ScanUnvectorizedChunksConfig(Config):
    """Which chunks this run takes. Empty lists mean no restriction."""

    limit: int | None = Field(default=None, ge=1, description="At most this many chunks.")
    markets: list[str] = Field(default=[], description="Only these markets, e.g. a_share.")
    doc_types: list[str] = Field(default=[], description="Only these doc types.")
    stock_codes: list[str] = Field(default=[], description="Only these stock codes.")
    document_ids: list[int] = Field(default=[], description="Only these document ids.")
    force_revectorize: bool = Field(
        default=False, description="Re-embed chunks whose vector is already current."
    )
    retry_dead_letters: bool = Field(
        default=False, description="Put dead-lettered chunks back in the queue first."
    )

    def to_filter(self) -> PendingFilter:
        return PendingFilter(
            markets=tuple(self.markets),
            doc_types=tuple(self.doc_types),
            stock_codes=tuple(self.stock_codes),
            document_ids=tuple(self.document_ids),
            limit=self.limit,
            force_revectorize=self.force_revectorize,
            retry_dead_letters=self.retry_dead_letters,
        )


class VectorizeChunksConfig(StageEventsConfig):
    """How to embed, and how much progress to write to the event log."""

    batch_size: BatchSize | None = Field(
        default=None,
        description="Chunks per batch for this run; wins over resources.embedder.config."
        "batch_size (EMBEDDING_BATCH_SIZE). Unset: that, else 32 local, 256 remote.",
    )
    concurrency: Concurrency | None = Field(
        default=None, description="Requests in flight (remote embedders only)."
    )
    provider: Literal["default", EmbedderName] = Field(
        default="default", description="Embedding provider; default: the EMBEDDER setting."
    )
    model: str | None = Field(default=None, description="Override the embedding model.")
    events: EventsSetting = Field(
        default="batch",
        description="batch: one materialization per asset key per batch (cheap, live); "
        "chunk: one per chunk (seed 003's mode, ~one storage write each); none: summary only.",
    )
    max_chunk_ids_per_event: int = Field(
        default=50, ge=0, le=1000, description="Chunk ids listed in an event's metadata."
    )
    max_failed_ratio: float = Field(
        default=0.05, ge=0, le=1, description="Quality check fails above this failed share."
    )
    requests_per_minute: PerMinute | None = Field(
        default=None, description="Embedding requests a minute; unset: the setting."
    )
    tokens_per_minute: PerMinute | None = Field(
        default=None, description="Embedding input tokens a minute; unset: the setting."
    )
    overlong: Literal["setting", Overlong] = Field(
        default="setting", description="Chunks over the input limit; setting: EMBEDDING_OVERLONG."
    )


def run_embedder_choice(context: OpExecutionContext) -> tuple[str | None, str | None]:
    """The provider and model this run's vectorize step uses (its Launchpad config).

    The scan and the vectorize step must see the same embedder: a scan that resets chunks to
    the default model while the step embeds with an override re-embeds everything, twice.
    """
    ops = (context.run_config or {}).get("ops", {})
    config = (ops.get("vectorize_chunks_op") or {}).get("config") or {}
    provider = config.get("provider", "default")
    return (None if provider == "default" else provider), config.get("model")


@op(
    ins={"start_after": In(Nothing)},
    description="Reset chunks another model vectorized (in scope) to pending, count the pending "
    "chunks and pass the scope on; it embeds nothing and claims nothing.",
    retry_policy=TRANSIENT_RETRY,  # a database down at the start is worth another try
)
def scan_unvectorized_chunks_op(
    context: OpExecutionContext,
    config: ScanUnvectorizedChunksConfig,
    postgres: PostgresResource,
    embedder: EmbedderResource,
) -> dict[str, Any]:
    scope = config.to_filter()
    tracker, _, _ = stage_tracker(context)
    tracker.start("scan")
    try:
        model = embedder.create(*run_embedder_choice(context))  # heavy models load lazily
    except ConfigurationError as e:
        raise step_failure(e) from None
    with postgres.engine.begin() as connection:
        try:
            chunk_queries.require_schema(connection)  # a fresh database: no retries, one line
        except SchemaMissingError as e:
            raise step_failure(e) from None
        # A model change makes old vectors stale: reset them (in this run's scope only) so
        # the count is honest.
        reset = chunk_queries.reset_other_models(connection, model.name, model.dimension, scope)
        pending = chunk_queries.count_pending(connection, scope)
    context.log.info(f"{pending} pending chunk(s) in scope for {model.name}; {reset} reset")
    tracker.update("scan", done=pending, total=pending)
    tracker.complete("scan", result={"pending": pending, "reset": reset})
    return {"pending": pending, "model": model.name, "scope": config.model_dump()}


@op(
    description="Embed the pending chunks into Qdrant, one asset event per key per batch.",
    retry_policy=TRANSIENT_RETRY,
)
def vectorize_chunks_op(
    context: OpExecutionContext,
    config: VectorizeChunksConfig,
    scan: dict[str, Any],
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
) -> Output[dict[str, Any]]:
    scope = ScanUnvectorizedChunksConfig(**scan["scope"]).to_filter()
    if config.events != "none":
        hold_event_log_connection(context.instance)
    events = ProgressEvents(
        context.log_event,
        config.events,
        config.max_chunk_ids_per_event,
        context.log.warning,
        background=True,  # the loop does not wait on the event log; closed below
    )
    tracker, stream, _ = stage_tracker(context, config.stage_events_per_minute)
    tracker.start("vectorize", total=scan.get("pending"))

    def on_batch(info: BatchProgress) -> None:
        events(info)
        tracker.update(
            "vectorize", done=info["processed"], total=info["total"], failed=info["total_failed"]
        )

    try:
        provider = None if config.provider == "default" else config.provider
        model = embedder.create(provider, config.model)
        store = qdrant.open()
    except ConfigurationError as e:
        raise step_failure(e) from None
    try:
        # This run's config wins over the resource, the resource over the settings.
        vectorizer = build_vectorizer(
            get_settings(), postgres.engine, model, store,
            logger=StepLogger(context),
            batch_size=config.batch_size or embedder.batch_size,
            concurrency=config.concurrency or embedder.concurrency,
            max_chunk_attempts=embedder.max_chunk_attempts,
            requests_per_minute=config.requests_per_minute,
            tokens_per_minute=config.tokens_per_minute,
            overlong=None if config.overlong == "setting" else config.overlong,
        )  # fmt: skip
        with stream.heartbeats("vectorize", f"embedder {model.name}", config.heartbeat_s):
            summary = vectorizer.vectorize_pending(scope, progress_callback=on_batch)
        # Ids, not counts: an extra point must not hide a missing one (bounded memory).
        ids = compare_ids(
            postgres.engine, store, summary["collection"], summary["model"], summary["dimension"]
        )
        points = ids.points
    except (FatalEmbeddingError, ConfigurationError) as e:
        # Retrying a bad key, a missing model or a wrong setting cannot help. `from None`:
        # the message is redacted, a chained provider error might not be.
        raise step_failure(e) from None
    except TransientError as e:
        # A database or vector store down, 429s past the budget: the RetryPolicy tries
        # again later; one line, no chained traceback.
        raise step_failure(e, retry=True) from None
    finally:
        events.close()  # every progress event written before the step's own events
        store.close()
    context.log_event(index_materialization(summary, points, ids.rows))
    context.log_event(quality_check(summary, ids, config.max_failed_ratio))
    tracker.update("vectorize", done=summary["total"], failed=summary["failed"])
    tracker.complete("vectorize", result=small_summary(summary))
    context.log.info(summary_line(summary, events))
    return Output(small_summary(summary), metadata=summary_metadata(summary, events, points))


class StepLogger:
    """The Vectorizer's logger inside a step: per-batch lines go to the compute log (stderr,
    free), warnings and errors also to the Dagster event log (one storage write each)."""

    def __init__(self, context: OpExecutionContext) -> None:
        self._context = context
        self._stream = logging.getLogger("pipeline.vectorize.step")
        if not self._stream.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            self._stream.addHandler(handler)
            self._stream.setLevel(logging.INFO)
            self._stream.propagate = False

    def info(self, message: str) -> None:
        self._stream.info(message)

    def debug(self, message: str) -> None:
        self._stream.debug(message)

    def warning(self, message: str) -> None:
        self._stream.warning(message)
        self._context.log.warning(message)

    def error(self, message: str) -> None:
        self._stream.error(message)
        self._context.log.error(message)


SUMMARY_KEYS = (
    "total", "vectorized", "failed", "dead_lettered", "skipped",
    # why chunks were skipped, and the claims of dead workers this run freed
    "skipped_held_by_others", "skipped_other", "released_dead_claims", "batches",
)  # fmt: skip


def small_summary(summary: RunSummary) -> dict[str, Any]:
    """What the op outputs: counts and names, never vectors or chunk lists."""
    keep = (*SUMMARY_KEYS, "elapsed_s", "rate_per_s", "retries", "model", "collection")
    return {key: summary[key] for key in keep}


def summary_line(summary: RunSummary, events: ProgressEvents) -> str:
    return (
        f"vectorized {summary['vectorized']}/{summary['total']} chunk(s), "
        f"{summary['failed']} failed ({summary['dead_lettered']} dead-lettered), "
        f"{summary['skipped']} skipped ({summary['skipped_held_by_others']} held by other "
        f"live workers), {summary['released_dead_claims']} claim(s) of dead workers freed, "
        f"in {summary['elapsed_s']:.1f}s "
        f"({summary['rate_per_s']:.0f}/s); {events.emitted} progress event(s) "
        f"in {events.emit_s:.2f}s"
    )


def summary_metadata(summary: RunSummary, events: ProgressEvents, points: int) -> dict[str, Any]:
    return {
        **{key: summary[key] for key in SUMMARY_KEYS},
        "elapsed_s": MetadataValue.float(round(summary["elapsed_s"], 2)),
        "rate_per_s": MetadataValue.float(round(summary["rate_per_s"], 1)),
        "retries": summary["retries"],
        "model": summary["model"],
        "collection": summary["collection"],
        "points_in_collection": points,
        "events": events.events,
        "progress_events": events.emitted,
        "progress_event_errors": events.errors,
        "progress_event_s": MetadataValue.float(round(events.emit_s, 3)),
        "progress_event_write_s": MetadataValue.float(round(events.write_s, 3)),
        "progress_event_write_cpu_s": MetadataValue.float(round(events.write_cpu_s, 3)),
    }


__all__ = [
    "ScanUnvectorizedChunksConfig",
    "VectorizeChunksConfig",
    "scan_unvectorized_chunks_op",
    "vectorize_chunks_op",
]
