"""summarize_run_op: the run summary of inbox_to_matches_job, as its final materialization.

Counts come from the stage ops' outputs; times per stage from Dagster's own step statistics
(start and end of each step), so the figures cover every op, also those that write no stage
events. Metadata: `processing_summary` and `performance_metrics`, as seed 000 names them.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
import time
from typing import Any

from dagster import AssetKey, AssetMaterialization, MetadataValue, OpExecutionContext, Output, op

from pipeline.defs.stages import STEP_STAGES, StageEventsConfig, stage_tracker

SUMMARY_ASSET = AssetKey(["inbox_to_matches", "run_summary"])

# What each stage counts as its items (for items per second).
STAGE_ITEMS = {
    "ingest": ("ingest", "new"),
    "vectorize": ("vectorize", "vectorized"),
    "classify": ("classify", "classified"),
    "index": ("index", "candidates_indexed"),
    "match": ("match", "matches_generated"),
}


class SummarizeRunConfig(StageEventsConfig):
    """The summary has no options of its own; the stage-event settings apply to its event."""


def processing_summary(
    ingest: dict[str, Any], vectorize: dict[str, Any], classify: dict[str, Any],
    index: dict[str, Any], match: dict[str, Any],
) -> dict[str, int]:  # fmt: skip
    return {
        "emails_processed": int(ingest.get("new", 0)),
        "candidates_extracted": int(classify.get("candidates", 0)),
        "projects_extracted": int(classify.get("projects", 0)),
        "matches_generated": int(match.get("matches_generated", 0)),
        "chunks_vectorized": int(vectorize.get("vectorized", 0)),
        "profiles_indexed": int(index.get("candidates_indexed", 0))
        + int(index.get("projects_indexed", 0)),
        "failed": int(ingest.get("failed", 0))
        + int(classify.get("failed", 0))
        + int(vectorize.get("failed", 0)),
    }


def performance_metrics(
    step_seconds: dict[str, float], outputs: dict[str, dict[str, Any]], total_s: float,
    emails: int,
) -> dict[str, Any]:  # fmt: skip
    """items_per_second (emails over the whole run), total_processing_time and per stage."""
    busy = sum(step_seconds.values()) or 1.0
    stages = {}
    for step, stage in STEP_STAGES.items():
        seconds = step_seconds.get(step)
        if seconds is None:
            continue
        source, key = STAGE_ITEMS.get(stage, (stage, ""))
        items = int(outputs.get(source, {}).get(key, 0) or 0)
        stages[stage] = {
            "seconds": round(seconds, 3),
            "share": round(seconds / busy, 3),
            "items": items,
            "items_per_second": round(items / seconds, 1) if seconds > 0 else 0.0,
        }
    return {
        "items_per_second": round(emails / total_s, 2) if total_s > 0 else 0.0,
        "total_processing_time": round(total_s, 3),
        "stages": stages,
    }


def _step_seconds(context: OpExecutionContext) -> tuple[dict[str, float], float]:
    """({step: seconds}, seconds since the run started) from the instance's step stats."""
    stats = context.instance.get_run_step_stats(context.run_id)
    seconds = {
        s.step_key: s.end_time - s.start_time
        for s in stats
        if s.start_time is not None and s.end_time is not None
    }
    record = context.instance.get_run_record_by_id(context.run_id)
    started = record.start_time if record is not None and record.start_time else None
    starts = [s.start_time for s in stats if s.start_time is not None]
    first = started or (min(starts) if starts else time.time())
    return seconds, max(0.0, time.time() - first)


@op(description="The run summary: processing_summary and performance_metrics, as metadata of "
    "inbox_to_matches/run_summary.")  # fmt: skip
def summarize_run_op(
    context: OpExecutionContext,
    config: SummarizeRunConfig,
    ingest: dict,
    vectorize: dict,
    classify: dict,
    index: dict,
    match: dict,
) -> Output[dict]:
    summary = processing_summary(ingest, vectorize, classify, index, match)
    step_seconds, total_s = _step_seconds(context)
    outputs = {"ingest": ingest, "vectorize": vectorize, "classify": classify, "index": index,
               "match": match}  # fmt: skip
    metrics = performance_metrics(step_seconds, outputs, total_s, summary["emails_processed"])
    context.log_event(
        AssetMaterialization(
            SUMMARY_ASSET,
            description=summary_line(summary, metrics),
            metadata={
                "processing_summary": MetadataValue.json(summary),
                "performance_metrics": MetadataValue.json(metrics),
            },
        )
    )
    _, stream, _ = stage_tracker(context, config.stage_events_per_minute)
    stream.completion(summary_line(summary, metrics), **summary)
    context.log.info(summary_line(summary, metrics))
    return Output({"processing_summary": summary, "performance_metrics": metrics})


def summary_line(summary: dict[str, Any], metrics: dict[str, Any]) -> str:
    return (
        f"{summary['emails_processed']} emails, {summary['chunks_vectorized']} chunks "
        f"vectorized, {summary['candidates_extracted']} candidates and "
        f"{summary['projects_extracted']} projects extracted, {summary['matches_generated']} "
        f"matches, {summary['failed']} failed in {metrics['total_processing_time']:.1f}s"
    )
