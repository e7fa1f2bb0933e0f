"""The event stream a run emits into: progress, status, error, result, heartbeat, completion.

Subscribers are plain callables receiving a `PipelineEvent`. Delivery is synchronous and in
order; a subscriber that raises is logged (once per subscriber and kind of error, then
counted) and never breaks the run, nor the other subscribers. Adapters turn the stream into
Dagster events (`pipeline/defs/stages.py`), terminal bars (`terminal.py`) or JSON lines
(`jsonl.py`). Events carry counts, names and file names, never an email body.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback as traceback_module
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

log = logging.getLogger(__name__)

EventKind = Literal["progress", "status", "error", "result", "heartbeat", "completion"]
EVENT_KINDS: tuple[str, ...] = ("progress", "status", "error", "result", "heartbeat", "completion")
MAX_TRACEBACK_CHARS = 4000

Subscriber = Callable[["PipelineEvent"], None]


@dataclass(frozen=True)
class PipelineEvent:
    kind: EventKind
    stage: str | None = None
    message: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    traceback: str | None = None
    timestamp: float = field(default_factory=time.time)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "stage": self.stage, "ts": self.timestamp}
        if self.message:
            out["message"] = self.message
        if self.data:
            out["data"] = self.data
        if self.traceback:
            out["traceback"] = self.traceback
        return out

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> PipelineEvent:
        kind = value["kind"]
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        return cls(
            kind=kind,
            stage=value.get("stage"),
            message=value.get("message", ""),
            data=dict(value.get("data") or {}),
            traceback=value.get("traceback"),
            timestamp=float(value.get("ts", time.time())),
        )


class EventStream:
    """Publish/subscribe for one run (or one step of it)."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.RLock()  # heartbeats come from a timer thread
        self.subscriber_errors = 0
        self._last_event_at: dict[str | None, float] = {}

    def subscribe(self, subscriber: Subscriber) -> Subscriber:
        """Add a subscriber; returns it, so `stream.unsubscribe(stream.subscribe(f))` works."""
        with self._lock:
            self._subscribers.append(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

    def emit(self, event: PipelineEvent) -> None:
        with self._lock:
            self._last_event_at[event.stage] = time.monotonic()
            for subscriber in list(self._subscribers):
                try:
                    subscriber(event)
                except Exception:
                    self.subscriber_errors += 1
                    if self.subscriber_errors <= 3:
                        log.warning(
                            "event subscriber %r raised on a %s event; the run goes on",
                            subscriber, event.kind, exc_info=True,
                        )  # fmt: skip

    # --- one method per kind --------------------------------------------------------------

    def progress(self, stage: str, message: str = "", **data: Any) -> None:
        self.emit(PipelineEvent("progress", stage, message, data))

    def status(self, stage: str | None, status: str, message: str = "", **data: Any) -> None:
        self.emit(PipelineEvent("status", stage, message, {**data, "status": status}))

    def error(
        self,
        stage: str | None,
        message: str,
        error: BaseException | None = None,
        item: str | None = None,
        **data: Any,
    ) -> None:
        """An error on one item (or the stage); the traceback of `error` goes with it."""
        text = None
        if error is not None:
            text = "".join(traceback_module.format_exception(error))[-MAX_TRACEBACK_CHARS:]
        payload = {**data, **({"item": item} if item else {})}
        if error is not None:
            payload.setdefault("error_type", type(error).__name__)
        self.emit(PipelineEvent("error", stage, message, payload, text))

    def result(self, stage: str | None, message: str = "", **data: Any) -> None:
        self.emit(PipelineEvent("result", stage, message, data))

    def heartbeat(self, stage: str | None, waiting_for: str, waited_s: float) -> None:
        data = {"waiting_for": waiting_for, "waited_s": round(waited_s, 1)}
        self.emit(PipelineEvent("heartbeat", stage, f"waiting for {waiting_for}", data))

    def completion(self, message: str = "", **data: Any) -> None:
        self.emit(PipelineEvent("completion", None, message, data))

    @contextmanager
    def heartbeats(
        self, stage: str | None, waiting_for: str, every_s: float = 15.0
    ) -> Iterator[None]:
        """While the block runs, emit a heartbeat whenever `stage` has been quiet `every_s`.

        For long waits (an LLM call, a 429 back-off, a lock): a watcher sees the run is alive,
        and a busy stage that emits progress anyway gets no extra events.
        """
        stop = threading.Event()
        started = time.monotonic()

        def beat() -> None:
            while not stop.wait(every_s / 4):
                last = self._last_event_at.get(stage, started)
                if time.monotonic() - max(last, started) >= every_s:
                    self.heartbeat(stage, waiting_for, time.monotonic() - started)

        thread = threading.Thread(target=beat, name=f"heartbeat-{stage}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
