"""inbox_to_matches_job run in process over the demo inbox on real Postgres, Qdrant and Dagster."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from dagster import DagsterEventType

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job
from pipeline.defs.resources import LLMResource
from pipeline.defs.stages import STAGE_ASSET_PREFIX, event_from_metadata
from pipeline.demo.inbox import write_inbox
from pipeline.emails.sources import OLE_MAGIC
from pipeline.tracking import PIPELINE_STAGES
from pipeline_tests.vectorize.helpers import load_demo


@pytest.fixture
def job_resources(resources):
    return {**resources, "llm": LLMResource()}


def _run(instance, job_resources, inbox: Path):
    config = {"ops": {"store_inbox_op": {"config": {"inbox_path": str(inbox)}}}}
    return inbox_to_matches_job.execute_in_process(
        run_config=config, resources=job_resources, instance=instance, raise_on_error=False
    )


def stage_events(instance, run_id: str):
    records = instance.all_logs(run_id, of_type=DagsterEventType.ASSET_OBSERVATION)
    events = []
    for record in records:
        observation = record.dagster_event.event_specific_data.asset_observation
        if observation.asset_key.path[0] == STAGE_ASSET_PREFIX:
            events.append(event_from_metadata(observation.metadata))
    return events


def test_demo_inbox_runs_to_ranked_matches_with_stage_events_and_a_summary(
    db, tables, dagster_instance, job_resources, tmp_path: Path
):
    load_demo(db, tables, chunks=40)
    write_inbox(tmp_path / "inbox", seed=7, size=30)
    result = _run(dagster_instance, job_resources, tmp_path / "inbox")
    assert result.success

    summary = result.output_for_node("summarize_run_op")["processing_summary"]
    with db.connect() as connection:
        count = lambda sql: connection.execute(sa.text(sql)).scalar()  # noqa: E731
        candidates, projects = (
            count("SELECT count(*) FROM candidates"),
            count("SELECT count(*) FROM projects"),
        )
        matches = count("SELECT count(*) FROM matches")
        unclassified = count("SELECT count(*) FROM emails WHERE category IS NULL")
        untyped = count(
            "SELECT count(*) FROM documents d JOIN emails e ON e.document_id = d.id "
            "WHERE d.doc_type IS DISTINCT FROM e.category"
        )
        vectorized = count("SELECT count(*) FROM document_chunks WHERE vectorized_at IS NOT NULL")
    assert summary["emails_processed"] == 30
    assert summary["failed"] == 0
    assert (summary["candidates_extracted"], summary["projects_extracted"]) == (
        candidates,
        projects,
    )
    assert candidates > 0 and projects > 0
    assert summary["matches_generated"] == matches > 0
    assert summary["chunks_vectorized"] == vectorized > 40  # the reports and every email's chunks
    assert unclassified == 0 and untyped == 0  # documents took the category after vectorizing

    (materialization,) = [m for m in result.asset_materializations_for_node("summarize_run_op")]
    metrics = materialization.metadata["performance_metrics"].value
    assert materialization.metadata["processing_summary"].value == summary
    assert set(metrics["stages"]) == set(PIPELINE_STAGES)
    assert metrics["total_processing_time"] > 0 and metrics["items_per_second"] > 0

    events = stage_events(dagster_instance, result.run_id)
    completed = {e.stage for e in events if e.kind == "status" and e.data["status"] == "completed"}
    assert completed >= {"ingest", "scan", "vectorize", "classify"}
    assert any(e.kind == "progress" and e.stage == "vectorize" for e in events)
    assert [e.kind for e in events][-1] == "completion"

    again = _run(dagster_instance, job_resources, tmp_path / "inbox")
    assert again.success
    rerun = again.output_for_node("summarize_run_op")["processing_summary"]
    assert rerun["emails_processed"] == 0 and rerun["chunks_vectorized"] == 0


def test_one_broken_mail_is_an_error_event_and_counted_failed_while_the_rest_completes(
    db, tables, dagster_instance, job_resources, tmp_path: Path
):
    inbox = tmp_path / "inbox"
    write_inbox(inbox, seed=9, size=12)
    (inbox / "forwarded.msg").write_bytes(OLE_MAGIC + b"\x00" * 504)  # Outlook, not RFC 5322
    result = _run(dagster_instance, job_resources, inbox)
    assert result.success
    summary = result.output_for_node("summarize_run_op")["processing_summary"]
    assert summary["emails_processed"] == 12 and summary["failed"] == 1
    errors = [e for e in stage_events(dagster_instance, result.run_id) if e.kind == "error"]
    assert [(e.stage, e.data["item"]) for e in errors] == [("ingest", "forwarded.msg")]
    assert "Outlook" in errors[0].message


def test_every_op_of_the_job_has_launchpad_defaults_and_descriptions_and_it_is_launchable():
    from pipeline.definitions import defs

    repository = defs.get_repository_def()
    job = repository.get_job("inbox_to_matches_job")
    for node in job.graph.node_defs:
        fields = node.config_schema.config_type.fields if node.config_schema else {}
        for name, field in fields.items():
            assert field.description, f"{node.name}.{name} has no description"
            assert not field.is_required, f"{node.name}.{name} should have a default"
    assert {s.name for s in repository.schedule_defs} >= {"inbox_to_matches_hourly_schedule"}
    sensor = repository.get_sensor_def("inbox_sensor")
    assert sensor.job_name == "inbox_to_matches_job"
