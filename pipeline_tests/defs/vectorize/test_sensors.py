"""Sensors evaluated through build_sensor_context against real Postgres and a real instance."""

from __future__ import annotations

import logging

import pytest
from dagster import (
    DagsterRunStatus,
    RunRequest,
    SkipReason,
    build_run_status_sensor_context,
    build_sensor_context,
)

from pipeline.defs.resources import PostgresResource, QdrantResource
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.defs.vectorize.sensors import (
    failure_report,
    next_cursor,
    pending_chunks_sensor,
    vectorize_failure_sensor,
)
from pipeline.store.chunks import PendingBacklog
from pipeline_tests.vectorize.helpers import load_demo


def test_next_cursor_launches_once_per_new_backlog():
    assert next_cursor(None, PendingBacklog(0, None)) == ([], "0")  # first tick, nothing
    assert next_cursor(None, PendingBacklog(5, 40)) == (["pending-through-40"], "40")
    assert next_cursor("40", PendingBacklog(5, 40)) == ([], "40")  # same backlog
    assert next_cursor("40", PendingBacklog(2, 38)) == ([], "40")  # run draining it
    assert next_cursor("40", PendingBacklog(9, 52)) == (["pending-through-52"], "52")


def evaluate(instance, database_url, cursor):
    with build_sensor_context(
        instance=instance,
        cursor=cursor,
        resources={"postgres": PostgresResource(database_url=database_url)},
    ) as context:
        return pending_chunks_sensor(context), context.cursor


@pytest.fixture
def quiet_instance(dagster_instance):
    """The session instance with no vectorize run left in flight by another test."""
    for run in dagster_instance.get_runs():
        if run.status in (DagsterRunStatus.STARTED, DagsterRunStatus.QUEUED):
            dagster_instance.report_run_failed(run)
    return dagster_instance


def test_pending_sensor_moves_its_cursor_and_never_relaunches_the_same_backlog(
    db, tables, database_url, quiet_instance
):
    result, cursor = evaluate(quiet_instance, database_url, None)
    assert isinstance(result, SkipReason) and cursor == "0"

    load_demo(db, tables, chunks=30)
    result, cursor = evaluate(quiet_instance, database_url, cursor)
    (request,) = result
    assert isinstance(request, RunRequest) and request.run_key == f"pending-through-{cursor}"
    assert int(cursor) > 0

    again, same_cursor = evaluate(quiet_instance, database_url, cursor)
    assert isinstance(again, SkipReason) and same_cursor == cursor

    # A sensor that lost its cursor asks again with the same run_key, which Dagster dedupes.
    (replayed,) = evaluate(quiet_instance, database_url, None)[0]
    assert replayed.run_key == request.run_key

    load_demo(db, tables, chunks=60, seed=8)
    (newer,), newer_cursor = evaluate(quiet_instance, database_url, cursor)
    assert newer.run_key != request.run_key and int(newer_cursor) > int(cursor)


def test_pending_sensor_skips_while_a_vectorize_run_is_in_flight(
    db, tables, database_url, quiet_instance
):
    load_demo(db, tables, chunks=10)
    run = quiet_instance.create_run_for_job(
        vectorize_documents_job, status=DagsterRunStatus.STARTED
    )
    try:
        result, cursor = evaluate(quiet_instance, database_url, None)
        assert isinstance(result, SkipReason) and "in flight" in result.skip_message
        assert cursor is None  # nothing consumed: the backlog is launched after the run ends
    finally:
        quiet_instance.report_run_failed(run)


def test_failure_report_names_job_run_step_and_error():
    line = failure_report(
        "vectorize_documents_job", "abc123", [("vectorize_chunks_op", "boom")], "run failed"
    )
    assert line == "vectorize_documents_job run abc123 failed - step vectorize_chunks_op: boom"
    assert "the run itself" in failure_report("j", "r", [], "")


def test_failure_sensor_logs_one_readable_line_for_a_failed_run(
    db, tables, resources, dagster_instance, caplog
):
    load_demo(db, tables, chunks=5)
    broken = {**resources, "qdrant": QdrantResource(path="/unused", engine="no-such-engine")}
    result = vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=broken, raise_on_error=False
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "PIPELINE_FAILURE")
    context = build_run_status_sensor_context(
        sensor_name="vectorize_failure_sensor",
        dagster_instance=dagster_instance,
        dagster_run=result.dagster_run,
        dagster_event=failure,
    ).for_run_failure()
    with caplog.at_level(logging.ERROR):
        vectorize_failure_sensor(context)
    lines = [r.getMessage() for r in caplog.records if "failed - step" in r.getMessage()]
    assert lines
    assert lines[0].startswith(f"vectorize_documents_job run {result.run_id} failed - ")
    assert "step vectorize_chunks_op: " in lines[0] and "no-such-engine" in lines[0]
