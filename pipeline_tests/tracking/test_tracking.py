"""The tracker and the event stream on their own: counts, rate, ETA, overall progress, events."""

from __future__ import annotations

import io
import json
import logging
import threading

import pytest

from pipeline.tracking import EventStream, ProgressTracker
from pipeline.tracking.jsonl import JsonLines


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_stage_counts_rate_eta_and_the_seeds_overall_keys():
    clock = Clock()
    tracker = ProgressTracker(("ingest", "vectorize"), clock=clock)
    tracker.start("ingest", total=100)
    clock.now += 10
    tracker.update("ingest", done=40, failed=2)
    stage = tracker.get_stage_progress("ingest")
    assert (stage["done"], stage["failed"], stage["rate_per_s"], stage["eta_s"]) == (
        40,
        2,
        4.0,
        15.0,
    )
    overall = tracker.get_overall_progress()
    assert overall["stages_completed"] == 0 and overall["total_stages"] == 2
    assert overall["overall_percentage"] == 20.0  # 40% of one stage of two
    assert overall["total_elapsed_time"] == 10.0 and overall["current_stage"] == "ingest"
    tracker.complete("ingest")
    overall = tracker.get_overall_progress()
    assert overall["stages_completed"] == 1 and overall["overall_percentage"] == 50.0
    with pytest.raises(ValueError):
        tracker.update("nope", advance=1)


def test_callbacks_and_stream_events_and_a_raising_subscriber_never_breaks_the_run(caplog):
    stream = EventStream()
    lines = io.StringIO()
    stream.subscribe(JsonLines(lines))

    def broken(event) -> None:
        raise RuntimeError("subscriber bug")

    stream.subscribe(broken)
    seen: list[tuple[str, int]] = []
    tracker = ProgressTracker(("classify",), stream=stream)
    tracker.add_callback(lambda stage, p: seen.append((stage, p["done"])))
    with caplog.at_level(logging.WARNING):
        tracker.start("classify", total=3)
        tracker.update("classify", advance=2)
        try:
            raise ValueError("bad mail")
        except ValueError as e:
            stream.error("classify", "one mail failed", e, item="x.eml")
        tracker.complete("classify")
        stream.completion("done", emails=3)
    stream.unsubscribe(broken)
    stream.result("classify", ok=1)
    events = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert [e["kind"] for e in events] == [
        "status", "progress", "error", "status", "completion", "result"
    ]  # fmt: skip
    assert "ValueError: bad mail" in events[2]["traceback"] and events[2]["data"]["item"] == "x.eml"
    assert stream.subscriber_errors == 5  # every event before unsubscribe; none after
    assert "subscriber" in caplog.text
    assert seen == [("classify", 0), ("classify", 2), ("classify", 2)]  # complete keeps counts


def test_heartbeats_only_while_a_stage_is_quiet():
    stream = EventStream()
    beats = []
    got = threading.Event()

    def on(event) -> None:
        if event.kind == "heartbeat":
            beats.append(event)
            got.set()

    stream.subscribe(on)
    with stream.heartbeats("classify", "llm", every_s=0.05):
        assert got.wait(5)
    assert beats[0].data["waiting_for"] == "llm" and beats[0].stage == "classify"


def test_progress_without_a_terminal_is_one_line_per_update_throttled_per_stage():
    import io

    from pipeline.tracking.lines import ProgressLines
    from pipeline.tracking.terminal import TerminalBars

    now = [0.0]
    out = io.StringIO()
    bars = TerminalBars(file=out)  # a StringIO is no terminal: line mode
    assert bars.lines is not None
    bars.lines = ProgressLines(out, interval_s=2.0, clock=lambda: now[0])
    stream = EventStream()
    stream.subscribe(bars)
    tracker = ProgressTracker(["vectorize"], stream)
    tracker.start("vectorize", total=100)
    for done in range(10, 101, 10):
        now[0] += 0.5  # every half second: throttled to one line per 2 s
        tracker.update("vectorize", done=done, total=100, failed=1 if done > 50 else 0)
    tracker.complete("vectorize", result={"vectorized": 99})
    bars.close()
    text = out.getvalue()
    lines = text.splitlines()
    assert "\r" not in text and "\x1b" not in text  # no bar frames, no cursor moves
    assert all(line.startswith("vectorize: ") for line in lines), lines
    assert 3 <= len(lines) <= 6, lines  # start, one per 2 s, the end; not one per update
    assert lines[-1] == "vectorize: 100/100 (100.0%); failed=1, completed"
