"""Follow a Dagster run from its event log: the source of truth the UI reads, nothing else.

`follow_run` polls the instance's records for the run (cursor-paged, so each event is read
once), turns the stage observations back into `PipelineEvent`s (`event_from_metadata`),
adds step start / success / failure as status and error events (so an op that writes no
stage events still gets a bar), and hands them to an `EventStream` whose subscribers draw
bars or print JSON lines. It returns when the run has ended and every event is read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from dagster import DagsterEventType, DagsterInstance, EventLogRecord

from pipeline.defs.inbox_to_matches.ops import SUMMARY_ASSET
from pipeline.defs.stages import STAGE_ASSET_PREFIX, STEP_STAGES, event_from_metadata
from pipeline.errors import PipelineError
from pipeline.tracking import EventStream, PipelineEvent

WATCHED = {
    DagsterEventType.ASSET_OBSERVATION,
    DagsterEventType.ASSET_MATERIALIZATION,
    DagsterEventType.STEP_START,
    DagsterEventType.STEP_SUCCESS,
    DagsterEventType.STEP_FAILURE,
}


@dataclass
class WatchResult:
    run_id: str
    status: str
    job_name: str
    events: int = 0
    summary: dict[str, Any] = field(default_factory=dict)  # processing_summary + metrics


def latest_run_id(instance: DagsterInstance) -> str:
    runs = instance.get_runs(limit=1)
    if not runs:
        raise PipelineError("no Dagster run on this instance yet")
    return runs[0].run_id


def follow_run(
    instance: DagsterInstance,
    run_id: str,
    stream: EventStream,
    poll_s: float = 0.5,
    timeout_s: float | None = None,
) -> WatchResult:
    """Emit the run's events into `stream` until the run has finished; return its summary."""
    run = instance.get_run_by_id(run_id)
    if run is None:
        raise PipelineError(f"no run {run_id} on this instance")
    result = WatchResult(run_id, run.status.value, run.job_name)
    cursor = None
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:
        finished = instance.get_run_by_id(run_id).is_finished  # asked before reading
        while True:
            page = instance.get_records_for_run(run_id, cursor=cursor, of_type=WATCHED, limit=500)
            for record in page.records:
                for event in translate(record, result):
                    stream.emit(event)
                    result.events += 1
            cursor = page.cursor
            if not page.has_more:
                break
        if finished:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise PipelineError(f"run {run_id} still running after {timeout_s:.0f}s")
        time.sleep(poll_s)
    result.status = instance.get_run_by_id(run_id).status.value
    return result


def translate(record: EventLogRecord, result: WatchResult) -> list[PipelineEvent]:
    """The PipelineEvents one Dagster event log record stands for (often none)."""
    entry = record.event_log_entry
    event = entry.dagster_event
    if event is None:
        return []
    ts = entry.timestamp
    kind = event.event_type
    if kind == DagsterEventType.ASSET_OBSERVATION:
        observation = event.event_specific_data.asset_observation
        if observation.asset_key.path[:1] != [STAGE_ASSET_PREFIX]:
            return []
        back = event_from_metadata(observation.metadata)
        return [back] if back is not None else []
    if kind == DagsterEventType.ASSET_MATERIALIZATION:
        materialization = event.event_specific_data.materialization
        if materialization.asset_key == SUMMARY_ASSET:
            for name in ("processing_summary", "performance_metrics"):
                result.summary[name] = materialization.metadata[name].value
        return []
    stage = STEP_STAGES.get(event.step_key or "")
    if stage is None:
        return []
    if kind == DagsterEventType.STEP_START:
        return [PipelineEvent("status", stage, f"{event.step_key} started",
                              {"status": "running"}, timestamp=ts)]  # fmt: skip
    if kind == DagsterEventType.STEP_SUCCESS:
        return [PipelineEvent("status", stage, f"{event.step_key} succeeded",
                              {"status": "completed"}, timestamp=ts)]  # fmt: skip
    error = event.event_specific_data.error
    message = error.message.strip() if error is not None else "step failed"
    trace = "".join(error.stack) if error is not None else None
    return [
        PipelineEvent("error", stage, message, {"step": event.step_key}, trace, ts),
        PipelineEvent("status", stage, message, {"status": "failed"}, timestamp=ts),
    ]
