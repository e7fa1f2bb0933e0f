"""JSON lines adapter: one event per line, for other programs (`--events jsonl`)."""

from __future__ import annotations

import json
import sys
from typing import IO

from pipeline.tracking.events import PipelineEvent


class JsonLines:
    """Writes `event.as_dict()` as one line of JSON and flushes, so a pipe sees it at once."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file or sys.stdout
        self.written = 0

    def __call__(self, event: PipelineEvent) -> None:
        line = json.dumps(event.as_dict(), ensure_ascii=False, default=str, sort_keys=True)
        self.file.write(line + "\n")
        self.file.flush()
        self.written += 1
