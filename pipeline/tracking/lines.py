"""Progress as plain lines, for a log file or a pipe where a tqdm bar's frames would run
together on one line: one line per update, at most one per `interval_s` for each name, and
always the final one."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

from pipeline.progress import format_progress


def is_terminal(file: IO[str]) -> bool:
    isatty = getattr(file, "isatty", None)
    return bool(isatty and isatty())


class ProgressLines:
    def __init__(
        self,
        file: IO[str] | None = None,
        interval_s: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.file = file or sys.stderr
        self.interval_s = interval_s
        self.clock = clock
        self._last: dict[str, float] = {}
        self.lines = 0

    def update(
        self,
        name: str,
        done: int,
        total: int | None,
        extra: str = "",
        final: bool = False,
        unit: str = "",
    ) -> bool:
        """Write the line when it is due (or final); True when it was written."""
        now = self.clock()
        last = self._last.get(name)
        if not final and last is not None and now - last < self.interval_s:
            return False
        self._last[name] = now
        count = format_progress(done, total) if total else str(done)
        count += f" {unit}" if unit else ""
        print(f"{name}: {count}{'; ' + extra if extra else ''}", file=self.file, flush=True)
        self.lines += 1
        return True

    def write(self, line: str) -> None:
        print(line, file=self.file, flush=True)
        self.lines += 1
