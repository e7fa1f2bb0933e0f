"""A progress tracker for a run made of named stages: counts, rate, ETA, overall percentage.

Plain Python (no Dagster): the ops feed it, `pipeline watch` rebuilds one from a run's events,
and a script can drive it directly. Every change is passed to the callbacks and, when the
tracker is bound to an `EventStream`, emitted as a `progress` or `status` event; a callback
that raises is logged and never stops the work.

Rate and ETA come from the stage's own counts: `rate = done / seconds running`, `eta =
(total - done) / rate`. A stage whose total is unknown (an mbox being read) has no ETA.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pipeline.tracking.events import EventStream

log = logging.getLogger(__name__)

StageStatus = Literal["pending", "running", "completed", "failed"]

# The stages of inbox_to_matches_job, in order (the op that runs each is named in the defs).
PIPELINE_STAGES: tuple[str, ...] = ("ingest", "scan", "vectorize", "classify", "index", "match")

TrackerCallback = Callable[[str, dict[str, Any]], None]


@dataclass
class StageProgress:
    """One stage's counts and clock. `done` counts items finished, failed ones included."""

    name: str
    total: int | None = None
    done: int = 0
    failed: int = 0
    status: StageStatus = "pending"
    started_at: float | None = None
    finished_at: float | None = None
    result: dict[str, Any] = field(default_factory=dict)

    def elapsed_s(self, now: float) -> float:
        if self.started_at is None:
            return 0.0
        return max(0.0, (self.finished_at or now) - self.started_at)

    def rate_per_s(self, now: float) -> float:
        elapsed = self.elapsed_s(now)
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta_s(self, now: float) -> float | None:
        if self.status == "completed":
            return 0.0
        rate = self.rate_per_s(now)
        if self.total is None or rate <= 0:
            return None
        return max(0, self.total - self.done) / rate

    def fraction(self) -> float:
        """0..1: completed is 1 whatever the counts; running is done / total."""
        if self.status == "completed":
            return 1.0
        if not self.total:
            return 0.0
        return min(1.0, self.done / self.total)

    def as_dict(self, now: float) -> dict[str, Any]:
        eta = self.eta_s(now)
        return {
            "stage": self.name,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "failed": self.failed,
            "percentage": round(100 * self.fraction(), 1),
            "elapsed_s": round(self.elapsed_s(now), 3),
            "rate_per_s": round(self.rate_per_s(now), 2),
            "eta_s": None if eta is None else round(eta, 1),
        }


class ProgressTracker:
    """Stages in a fixed order; `stages` may be a subset when one step tracks its own stage."""

    def __init__(
        self,
        stages: Sequence[str] = PIPELINE_STAGES,
        stream: EventStream | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not stages or len(set(stages)) != len(stages):
            raise ValueError(f"stages must be distinct and non-empty: {list(stages)}")
        self.clock = clock
        self.stream = stream
        self.stages: dict[str, StageProgress] = {name: StageProgress(name) for name in stages}
        self.started_at = clock()
        self._callbacks: list[TrackerCallback] = []

    # --- callbacks ------------------------------------------------------------------------

    def add_callback(self, callback: TrackerCallback) -> None:
        """Call `callback(stage, stage_progress_dict)` after every change."""
        self._callbacks.append(callback)

    def remove_callback(self, callback: TrackerCallback) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    # --- updates --------------------------------------------------------------------------

    def start(self, stage: str, total: int | None = None, message: str = "") -> None:
        progress = self._stage(stage)
        progress.status = "running"
        progress.started_at = progress.started_at or self.clock()
        progress.finished_at = None
        if total is not None:
            progress.total = total
        self._changed(stage, "status", message or f"{stage} started")

    def update(
        self,
        stage: str,
        *,
        done: int | None = None,
        advance: int = 0,
        failed: int | None = None,
        total: int | None = None,
    ) -> None:
        """Set (`done=`, `failed=`) or add to (`advance=`) the counts; emits one progress event.

        Call it once per batch, not per item: each call is one event downstream.
        """
        progress = self._stage(stage)
        if progress.status == "pending":
            progress.status = "running"
            progress.started_at = self.clock()
        if total is not None:
            progress.total = total
        if done is not None:
            progress.done = done
        progress.done += advance
        if failed is not None:
            progress.failed = failed
        self._changed(stage, "progress")

    def complete(self, stage: str, result: dict[str, Any] | None = None) -> None:
        progress = self._stage(stage)
        if progress.started_at is None:
            progress.started_at = self.clock()
        progress.status = "completed"
        progress.finished_at = self.clock()
        if progress.total is None or progress.total < progress.done:
            progress.total = progress.done
        progress.result = dict(result or {})
        self._changed(stage, "status", f"{stage} completed")

    def fail(self, stage: str, message: str) -> None:
        progress = self._stage(stage)
        progress.status = "failed"
        progress.finished_at = self.clock()
        self._changed(stage, "status", message)

    # --- reading --------------------------------------------------------------------------

    def get_stage_progress(self, stage: str) -> dict[str, Any]:
        return self._stage(stage).as_dict(self.clock())

    def get_overall_progress(self) -> dict[str, Any]:
        """The seed's keys (stages_completed, total_stages, overall_percentage,
        total_elapsed_time) plus the current stage, an ETA and every stage's counts."""
        now = self.clock()
        stages = list(self.stages.values())
        completed = sum(1 for s in stages if s.status == "completed")
        running = [s for s in stages if s.status == "running"]
        etas = [s.eta_s(now) for s in running]
        return {
            "stages_completed": completed,
            "total_stages": len(stages),
            "overall_percentage": round(100 * sum(s.fraction() for s in stages) / len(stages), 1),
            "total_elapsed_time": round(now - self.started_at, 3),
            "current_stage": running[0].name if running else None,
            "current_stage_eta_s": etas[0] if etas and etas[0] is not None else None,
            "failed": sum(s.failed for s in stages),
            "stages": {s.name: s.as_dict(now) for s in stages},
        }

    # --- internals ------------------------------------------------------------------------

    def _stage(self, stage: str) -> StageProgress:
        try:
            return self.stages[stage]
        except KeyError:
            raise ValueError(f"unknown stage {stage!r}; stages: {list(self.stages)}") from None

    def _changed(self, stage: str, kind: str, message: str = "") -> None:
        snapshot = self.get_stage_progress(stage)
        snapshot["stage_index"] = list(self.stages).index(stage)
        for callback in list(self._callbacks):
            try:
                callback(stage, snapshot)
            except Exception:
                log.warning("progress callback %r raised; the run goes on", callback, exc_info=True)
        if self.stream is None:
            return
        data = {k: v for k, v in snapshot.items() if k not in ("stage", "status")}
        if kind == "progress":
            self.stream.progress(stage, **data)
        else:
            self.stream.status(stage, snapshot["status"], message, **data)
