"""The migration op: pipeline.index.lifecycle driven from Dagster, one event per batch.

The build writes the same per-batch materializations as the vectorize step (ProgressEvents)
and reports the migration's check as an asset check evaluation before it switches.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from typing import Any, Literal

from dagster import (
    AssetCheckEvaluation,
    AssetCheckSeverity,
    Config,
    OpExecutionContext,
    Output,
    op,
)
from pydantic import Field

from pipeline.defs.failures import step_failure
from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.vectorize.events import ProgressEvents, hold_event_log_connection
from pipeline.defs.vectorize.quality import CHECK_ASSET_KEY, CHECK_NAME
from pipeline.errors import PipelineError
from pipeline.index.lifecycle import CheckResult, IndexLifecycle
from pipeline.progress import BatchProgress, format_progress
from pipeline.vectorize import create_embedder


class MigrateIndexConfig(Config):
    """Which model to build, and what to do once it is built."""

    provider: Literal["use", "openai", "hashing", "sentence-transformers"] = Field(
        description="Embedding provider of the new model."
    )
    model: str | None = Field(default=None, description="Model name; unset: provider default.")
    dimensions: int | None = Field(default=None, ge=2, description="Vector size, if chosen.")
    switch: bool = Field(default=True, description="Move the alias once the check passes.")
    abandon: bool = Field(
        default=False, description="Abandon the migration in progress instead (nothing built)."
    )
    grace_s: float = Field(
        default=3600.0, ge=0, description="How long the old collection is kept after a switch."
    )
    events: Literal["batch", "chunk", "none"] = Field(
        default="batch", description="Progress events, as in vectorize_chunks_op."
    )
    max_chunk_ids_per_event: int = Field(default=50, ge=0, le=1000)


def migration_check(result: CheckResult, model: str) -> AssetCheckEvaluation:
    """vectors_match_postgres for the collection being built: ids both ways, coverage."""
    return AssetCheckEvaluation(
        asset_key=CHECK_ASSET_KEY,
        check_name=CHECK_NAME,
        passed=result.passed,
        severity=AssetCheckSeverity.ERROR,
        description=result.describe(),
        metadata={
            "model": model,
            "collection": result.collection,
            "live_chunks": result.total,
            "covered_chunks": result.covered,
            "missing_points": result.missing_points,
            "extra_points": result.extra_points,
        },
    )


@op(description="Build a new model's collection beside the current one, check it, switch.")
def migrate_index_op(
    context: OpExecutionContext,
    config: MigrateIndexConfig,
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
) -> Output[dict[str, Any]]:
    if config.events != "none":
        hold_event_log_connection(context.instance)
    events = ProgressEvents(
        context.log_event, config.events, config.max_chunk_ids_per_event, context.log.warning
    )

    def on_batch(info: BatchProgress) -> None:
        events(info)
        context.log.debug(f"migrate batch {info['batch_num']}: "
                          f"{format_progress(info['processed'], info['total'])}")  # fmt: skip

    store = qdrant.open()
    try:
        lifecycle = IndexLifecycle(postgres.engine, store, grace_s=config.grace_s)
        if config.abandon:
            target = lifecycle.abandon()
            return Output({"abandoned": target.collection})
        model = create_embedder(
            config.provider,
            model=config.model,
            dimensions=config.dimensions,
            api_key=embedder.openai_api_key or None,
            base_url=embedder.openai_base_url or None,
            max_retries=embedder.max_retries,
        )
        target = lifecycle.start(model)
        context.log.info(f"building {target.collection}; readers stay on the current one")
        report = lifecycle.build(model, on_batch)
        if report.abandoned:
            context.log.warning(f"{target.collection} was abandoned during the build")
            return Output({"abandoned": target.collection, "vectorized": report.vectorized})
        result = lifecycle.check()
        context.log_event(migration_check(result, model.name))
        switched = bool(config.switch and result.passed)
        if switched:
            lifecycle.switch()
            context.log.info(f"alias now points at {target.collection}")
    except PipelineError as e:  # no migration, a refused start, a bad setting: no retry helps
        raise step_failure(e) from e
    finally:
        store.close()
    summary = {
        "collection": target.collection,
        "model": model.name,
        "vectorized": report.vectorized,
        "failed": report.failed,
        "batches": report.batches,
        "rate_per_s": round(report.rate_per_s, 1),
        "check_passed": result.passed,
        "switched": switched,
    }
    return Output(summary, metadata={**summary, "progress_events": events.emitted})
