"""`pipeline watch`'s code follows a real run from the instance while it is STARTED, to its end."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

from dagster import DagsterRunStatus, RunsFilter

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job
from pipeline.defs.inbox_to_matches.watch import follow_run, latest_run_id
from pipeline.defs.resources import LLMResource
from pipeline.demo.inbox import write_inbox
from pipeline.tracking import EventStream
from pipeline.tracking.jsonl import JsonLines
from pipeline.tracking.terminal import TerminalBars
from pipeline_tests.vectorize.helpers import load_demo


def test_watch_sees_stage_events_while_started_and_follows_the_run_to_its_summary(
    db, tables, dagster_instance, resources, tmp_path: Path
):
    load_demo(db, tables, chunks=600)
    write_inbox(tmp_path / "inbox", seed=11, size=20)
    tag = {"test/watch": tmp_path.name}
    config = {
        "ops": {
            "store_inbox_op": {"config": {"inbox_path": str(tmp_path / "inbox")}},
            # small batches: a run long enough to be watched while STARTED
            "vectorize_chunks_op": {"config": {"batch_size": 4, "stage_events_per_minute": 6000}},
        }
    }
    outcome: dict = {}

    def launch() -> None:
        outcome["result"] = inbox_to_matches_job.execute_in_process(
            run_config=config, resources={**resources, "llm": LLMResource()},
            instance=dagster_instance, tags=tag, raise_on_error=False,
        )  # fmt: skip

    thread = threading.Thread(target=launch)
    thread.start()
    deadline = time.monotonic() + 60
    runs = []
    while not runs and time.monotonic() < deadline:
        runs = dagster_instance.get_runs(filters=RunsFilter(tags=tag), limit=1)
        time.sleep(0.05)
    assert runs, "the run never appeared on the instance"
    run_id = runs[0].run_id

    stream = EventStream()
    seen_while_started = []

    def check(event) -> None:
        if event.kind == "progress" and not seen_while_started:
            status = dagster_instance.get_run_by_id(run_id).status
            if status == DagsterRunStatus.STARTED:
                seen_while_started.append(event)

    lines = io.StringIO()
    bars = TerminalBars(file=io.StringIO(), disable=False, lines=False)
    for subscriber in (check, JsonLines(lines), bars):
        stream.subscribe(subscriber)
    watched = follow_run(dagster_instance, run_id, stream, poll_s=0.1, timeout_s=240)
    bars.close()
    thread.join()

    assert outcome["result"].success
    assert watched.status == "SUCCESS"
    assert seen_while_started, "no stage progress was readable while the run was STARTED"
    assert watched.summary["processing_summary"]["emails_processed"] == 20
    assert watched.summary["processing_summary"]["chunks_vectorized"] > 600
    events = [json.loads(line) for line in lines.getvalue().splitlines()]
    assert events[-1]["kind"] == "completion"
    assert {e["stage"] for e in events if e["kind"] == "progress"} >= {"ingest", "vectorize"}
    assert bars.bars["vectorize"].n == bars.bars["vectorize"].total > 600
    assert latest_run_id(dagster_instance) == run_id
