"""The Dagster adapter of the event stream: stage events as asset observations, on a budget.

Every op of inbox_to_matches_job (and the vectorize op in any job) owns a `ProgressTracker`
bound to an `EventStream`; `DagsterStageEvents` subscribes to it and writes each event as an
`AssetObservation` of `pipeline_stages/<stage>` whose metadata is the event itself (kind,
counts, rate, ETA, message, traceback). `pipeline watch` reads them back from the instance
with `event_from_metadata`, the inverse of `event_metadata`: one format, defined here.

Budget: the domain emits at most one progress event per stage per batch; this adapter adds a
ceiling per minute on progress and heartbeat events (`stage_events_per_minute`, 0: none of
them). Status, result and completion events are a handful per stage and always written;
errors are written up to `MAX_ERROR_EVENTS` per step, the rest counted.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from dagster import AssetKey, AssetObservation, Config, MetadataValue, OpExecutionContext
from pydantic import Field

from pipeline.tracking import PIPELINE_STAGES, EventStream, PipelineEvent, ProgressTracker

STAGE_ASSET_PREFIX = "pipeline_stages"
MAX_ERROR_EVENTS = 20
_RUN = "run"  # the key part of events that belong to no stage (completion)

# Which op runs which stage: `pipeline watch` marks a stage running / done from step events
# too, so an op that writes no stage events of its own still gets a bar.
STEP_STAGES: dict[str, str] = {
    "store_inbox_op": "ingest",
    "scan_unvectorized_chunks_op": "scan",
    "vectorize_chunks_op": "vectorize",
    "classify_emails_op": "classify",
    "index_profiles_op": "index",
    "compute_matches_op": "match",
}


class StageEventsConfig(Config):
    """Stage progress written to Dagster's event log (read by the UI and `pipeline watch`)."""

    stage_events_per_minute: int = Field(
        default=60,
        ge=0,
        le=6000,
        description="Ceiling on stage progress and heartbeat events per minute (0: none; "
        "status, errors and results are always written).",
    )
    heartbeat_s: float = Field(
        default=15.0, gt=0, description="Seconds of silence in a long wait before a heartbeat."
    )


class DagsterStageEvents:
    """An `EventStream` subscriber writing events through `emit` (`context.log_event`)."""

    def __init__(
        self,
        emit: Callable[[AssetObservation], None],
        per_minute: int = 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.emit = emit
        self.per_minute = per_minute
        self.clock = clock
        self.written = 0
        self.dropped = 0
        self.errors_written = 0
        self.emit_s = 0.0
        self._recent: deque[float] = deque()
        self._lock = threading.Lock()  # heartbeats arrive from a timer thread

    def __call__(self, event: PipelineEvent) -> None:
        with self._lock:
            if not self._admit(event):
                self.dropped += 1
                return
            started = time.perf_counter()
            try:
                key = AssetKey([STAGE_ASSET_PREFIX, event.stage or _RUN])
                self.emit(
                    AssetObservation(
                        asset_key=key, description=describe(event), metadata=event_metadata(event)
                    )
                )
                self.written += 1
            finally:
                self.emit_s += time.perf_counter() - started

    def _admit(self, event: PipelineEvent) -> bool:
        if event.kind == "error":
            self.errors_written += 1
            return self.errors_written <= MAX_ERROR_EVENTS
        if event.kind not in ("progress", "heartbeat"):
            return True
        now = self.clock()
        while self._recent and now - self._recent[0] >= 60:
            self._recent.popleft()
        if len(self._recent) >= self.per_minute:
            return False
        self._recent.append(now)
        return True


def describe(event: PipelineEvent) -> str:
    """A line for the UI: 'classify 40/120 (33.3%), 2 failed, eta 12s'."""
    data = event.data
    if event.kind in ("progress", "status") and "done" in data:
        total = data.get("total")
        counts = f"{data['done']}/{total}" if total is not None else f"{data['done']}"
        pct = f" ({data['percentage']}%)" if total else ""
        failed = f", {data['failed']} failed" if data.get("failed") else ""
        eta = f", eta {data['eta_s']:.0f}s" if data.get("eta_s") else ""
        state = f" {data['status']}" if event.kind == "status" else ""
        return f"{event.stage}{state} {counts}{pct}{failed}{eta}"
    return f"{event.stage or _RUN} {event.kind}: {event.message}"[:500]


def event_metadata(event: PipelineEvent) -> dict[str, Any]:
    """The event as observation metadata: scalars as they are, anything nested as JSON."""
    metadata: dict[str, Any] = {"event": event.kind, "ts": MetadataValue.float(event.timestamp)}
    if event.stage:
        metadata["stage"] = event.stage
    if event.message:
        metadata["message"] = event.message[:1000]
    if event.traceback:
        metadata["traceback"] = MetadataValue.text(event.traceback)
    for name, value in event.data.items():
        if value is None:
            continue
        if isinstance(value, bool | int | str):
            metadata[f"data.{name}"] = value
        elif isinstance(value, float):
            metadata[f"data.{name}"] = MetadataValue.float(value)
        else:
            metadata[f"data.{name}"] = MetadataValue.json(
                json.loads(json.dumps(value, default=str))
            )
    return metadata


def event_from_metadata(metadata: dict[str, Any]) -> PipelineEvent | None:
    """Back from observation metadata (values or MetadataValue) to the event; None if not one."""
    values = {k: getattr(v, "value", v) for k, v in metadata.items()}
    kind = values.get("event")
    if kind is None:
        return None
    data = {k.removeprefix("data."): v for k, v in values.items() if k.startswith("data.")}
    return PipelineEvent.from_dict(
        {
            "kind": kind,
            "stage": values.get("stage"),
            "message": values.get("message", ""),
            "data": data,
            "traceback": values.get("traceback"),
            "ts": values.get("ts", time.time()),
        }
    )


def stage_tracker(
    context: OpExecutionContext, per_minute: int = 60
) -> tuple[ProgressTracker, EventStream, DagsterStageEvents]:
    """A tracker over the pipeline's stages whose events go to this step's event log.

    The step holds one pooled connection to the event log (as the vectorize step does):
    without it Dagster's Postgres storage opens one per event, ~20 ms each here.
    """
    from pipeline.defs.vectorize.events import hold_event_log_connection  # a cycle at import

    hold_event_log_connection(context.instance)
    stream = EventStream()
    adapter = DagsterStageEvents(context.log_event, per_minute)
    stream.subscribe(adapter)
    return ProgressTracker(PIPELINE_STAGES, stream), stream, adapter
