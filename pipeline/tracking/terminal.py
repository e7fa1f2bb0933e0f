"""Terminal adapter: one tqdm bar per stage, driven by the event stream.

Subscribe a `TerminalBars` to an `EventStream` (or feed it the events `pipeline watch` reads
back from Dagster). Errors are printed above the bars, one line each; heartbeats show as the
bar's postfix ("waiting for llm 30s"). Call `close()` when the run ends. When the output is
not a terminal (a CI log, a pipe), bars become `ProgressLines`: one line per update.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO, Any

from pipeline.tracking.events import PipelineEvent
from pipeline.tracking.lines import ProgressLines, is_terminal
from pipeline.tracking.tracker import PIPELINE_STAGES


class TerminalBars:
    def __init__(
        self,
        stages: Sequence[str] = PIPELINE_STAGES,
        file: IO[str] | None = None,
        disable: bool | None = None,
        lines: bool | None = None,
    ) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        self.file = file or sys.stderr
        self.stages = list(stages)
        self.bars: dict[str, Any] = {}
        self.disable = disable
        self.errors = 0
        self.failed: dict[str, int] = {}
        self.status: dict[str, str] = {}
        if lines is None:
            lines = not disable and not is_terminal(self.file)
        self.lines = ProgressLines(self.file) if lines else None
        self._done: dict[str, tuple[int, int | None]] = {}
        if self.lines is not None:
            return
        width = max(len(s) for s in self.stages)
        for position, stage in enumerate(self.stages):
            self.bars[stage] = tqdm(
                total=None, desc=stage.ljust(width), position=position, unit="item",
                file=self.file, leave=True, disable=disable, dynamic_ncols=True,
            )  # fmt: skip

    def __call__(self, event: PipelineEvent) -> None:
        stage = event.stage
        if event.kind == "error":
            self.errors += 1
            where = f"{stage}: " if stage else ""
            item = event.data.get("item")
            line = f"error {where}{item + ': ' if item else ''}{event.message}"
            if self.lines is not None:
                self.lines.write(line)
            else:
                self._tqdm.write(line, file=self.file)
            return
        if self.lines is not None:
            self._line(event)
            return
        if stage not in self.bars:
            if stage is not None and event.kind in ("progress", "status"):
                self._add(stage)
            else:
                return
        bar = self.bars[stage]
        if event.kind == "heartbeat":
            bar.set_postfix_str(f"waiting for {event.data.get('waiting_for')} "
                                f"{event.data.get('waited_s', 0):.0f}s")  # fmt: skip
            return
        if event.kind not in ("progress", "status"):
            return
        data = event.data
        if data.get("total") is not None and bar.total != data["total"]:
            bar.total = data["total"]
        if "done" in data:  # step events carry a status only
            bar.n = data["done"]
        if data.get("failed"):
            self.failed[stage] = data["failed"]
        postfix = [f"failed={self.failed[stage]}"] if self.failed.get(stage) else []
        if data.get("status") in ("completed", "failed"):
            self.status[stage] = data["status"]
            if data["status"] == "completed" and bar.total is None:
                bar.total = bar.n
        if stage in self.status:
            postfix.append(self.status[stage])
        bar.set_postfix_str(", ".join(postfix), refresh=False)
        bar.refresh()

    def _line(self, event: PipelineEvent) -> None:
        """Line mode: progress at most every few seconds per stage; status changes always."""
        stage, data = event.stage, event.data
        if stage is None or event.kind not in ("progress", "status"):
            return
        done, total = self._done.get(stage, (0, None))
        done = data.get("done", done)
        total = data.get("total", total)
        self._done[stage] = (done, total)
        if data.get("failed"):
            self.failed[stage] = data["failed"]
        extra = [f"failed={self.failed[stage]}"] if self.failed.get(stage) else []
        status = data.get("status")
        if status in ("completed", "failed"):
            self.status[stage] = status
            extra.append(status)
        final = status in ("completed", "failed", "running")
        self.lines.update(stage, done, total, ", ".join(extra), final=final)  # type: ignore[union-attr]

    def _add(self, stage: str) -> None:
        if self.lines is not None:
            self.stages.append(stage)
            return
        self.stages.append(stage)
        self.bars[stage] = self._tqdm(
            total=None, desc=stage, position=len(self.stages) - 1, unit="item",
            file=self.file, leave=True, disable=self.disable,
        )  # fmt: skip

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
