"""Automation for vectorize_documents_job: launch on new pending chunks, report failures.

The pending sensor keeps a watermark, the highest pending chunk id it launched a run for.
New chunks get new ids, so a backlog is launched once (the run_key is the watermark, and
Dagster drops a run request whose key it has seen). Chunks that become pending again with
an old id (edited text, retried failures) are left to the nightly schedule.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
import logging

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    RunsFilter,
    SensorEvaluationContext,
    SkipReason,
    run_failure_sensor,
    sensor,
)
from dagster._utils.error import SerializableErrorInfo

from pipeline.defs.resources import PostgresResource
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.store.chunks import PendingBacklog, pending_backlog

logger = logging.getLogger(__name__)

IN_FLIGHT = [
    DagsterRunStatus.NOT_STARTED,
    DagsterRunStatus.QUEUED,
    DagsterRunStatus.STARTING,
    DagsterRunStatus.STARTED,
]


def next_cursor(previous: str | None, items: PendingBacklog) -> tuple[list[str], str]:
    """(run keys to request, new cursor): one run when pending ids pass the watermark."""
    watermark = int(previous) if previous else 0
    if items.count == 0 or items.max_id is None or items.max_id <= watermark:
        return [], str(watermark)
    return [f"pending-through-{items.max_id}"], str(items.max_id)


@sensor(
    job=vectorize_documents_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Launch vectorize_documents_job when chunks newer than the last launch wait.",
)
def pending_chunks_sensor(context: SensorEvaluationContext, postgres: PostgresResource):
    runs = context.instance.get_runs_count(
        RunsFilter(job_name=vectorize_documents_job.name, statuses=IN_FLIGHT)
    )
    if runs:
        return SkipReason(f"{runs} vectorize run(s) in flight; their claims cover the backlog")
    with postgres.engine.connect() as connection:
        backlog = pending_backlog(connection)
    run_keys, cursor = next_cursor(context.cursor, backlog)
    context.update_cursor(cursor)
    if not run_keys:
        return SkipReason(f"{backlog.count} pending, none newer than chunk id {cursor}")
    return [
        RunRequest(run_key=key, tags={"pending_chunks": str(backlog.count)}) for key in run_keys
    ]


def error_text(error: SerializableErrorInfo | None) -> str:
    """First line of the error, and of its root cause when wrapped (retries, Failure)."""
    if error is None:
        return "unknown error"
    text = error.message.strip().splitlines()[0] if error.message.strip() else error.cls_name
    root = error
    while root.cause is not None:
        root = root.cause
    if root is not error and root.message.strip():
        text += f" (cause: {root.message.strip().splitlines()[0]})"
    return text


def failure_report(job_name: str, run_id: str, steps: list[tuple[str, str]], message: str) -> str:
    """One readable line: which job, which run, which step, what went wrong."""
    if steps:
        where = "; ".join(f"step {step}: {error}" for step, error in steps)
    else:
        where = message or "no step failed (the run itself failed)"
    return f"{job_name} run {run_id} failed - {where}"


@run_failure_sensor(
    name="vectorize_failure_sensor",
    monitored_jobs=[vectorize_documents_job],
    default_status=DefaultSensorStatus.RUNNING,
    description="Log one clear line for each failed vectorize run.",
)
def vectorize_failure_sensor(context: RunFailureSensorContext) -> None:
    steps = []
    for event in context.get_step_failure_events():
        steps.append((event.step_key or "?", error_text(event.step_failure_data.error)))
    line = failure_report(
        context.dagster_run.job_name,
        context.dagster_run.run_id,
        steps,
        context.failure_event.message or "",
    )
    logger.error(line)
    context.log.error(line)
