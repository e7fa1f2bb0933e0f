"""match_profiles_job on a real Dagster instance: demo inbox in, matches out, config checked."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.defs.matching.jobs import match_profiles_job
from pipeline.defs.resources import LLMResource
from pipeline.demo.inbox import generate_inbox
from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage


def _load_demo_inbox(db, tables) -> None:
    inbox = (RawMessage(f"demo:{e.name}", e.raw) for e in generate_inbox(seed=7, size=40))
    EmailIntake(db, tables).ingest(inbox)


def _count(db, sql: str) -> int:
    with db.connect() as connection:
        return int(connection.execute(sa.text(sql)).scalar_one())


def _run(resources, instance, ops_config=None):
    return match_profiles_job.execute_in_process(
        resources={**resources, "llm": LLMResource()},
        instance=instance,
        run_config={"ops": ops_config or {}},
        raise_on_error=False,
    )


def test_job_writes_matches_then_a_rerun_writes_none(db, tables, resources, dagster_instance):
    _load_demo_inbox(db, tables)
    projects = _count(db, "SELECT count(*) FROM projects")
    assert projects and _count(db, "SELECT count(*) FROM candidates")
    first = _run(resources, dagster_instance)
    assert first.success
    summary = first.output_for_node("compute_matches_op")
    assert summary["projects_matched"] == projects
    assert summary["matches_generated"] == _count(db, "SELECT count(*) FROM matches") > 0
    assert _count(db, "SELECT count(DISTINCT project_id) FROM matches") == projects
    second = _run(resources, dagster_instance)
    assert second.output_for_node("compute_matches_op")["matches_generated"] == 0
    assert second.output_for_node("index_profiles_op")["unchanged"] > 0


def test_weights_that_do_not_sum_to_one_fail_in_one_line(db, resources, dagster_instance):
    result = _run(
        resources, dagster_instance, {"compute_matches_op": {"config": {"vector_weight": 0.9}}}
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    message = failure.step_failure_data.error.message
    assert "vector_weight + filter_weight must sum to 1" in message
    assert len(message.strip().splitlines()) == 1
