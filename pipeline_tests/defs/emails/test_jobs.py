"""ingest_inbox_job run in process on the real database, and the code location's contents."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.defs.emails.jobs import ingest_inbox_job
from pipeline.defs.resources import LLMResource, PostgresResource
from pipeline.demo.inbox import generate_inbox, write_inbox


def _run(database_url: str, config: dict):
    return ingest_inbox_job.execute_in_process(
        run_config={"ops": {"ingest_inbox_op": {"config": config}}},
        resources={"postgres": PostgresResource(database_url=database_url), "llm": LLMResource()},
    )


def test_ingest_job_ingests_the_folder_then_is_a_no_op(db, database_url: str, tmp_path) -> None:
    write_inbox(tmp_path / "inbox", seed=21, size=15)
    first = _run(database_url, {"inbox_path": str(tmp_path / "inbox")})
    second = _run(database_url, {"inbox_path": str(tmp_path / "inbox")})
    assert first.success and second.success
    assert first.output_for_node("ingest_inbox_op") == 15
    assert second.output_for_node("ingest_inbox_op") == 0
    with db.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM emails")).scalar() == 15


def test_ingest_job_metadata_holds_counts_and_never_a_body(db, database_url, tmp_path) -> None:
    paths = write_inbox(tmp_path / "inbox", seed=22, size=5)
    result = _run(database_url, {"inbox_path": str(tmp_path), "paths": [str(paths[0])]})
    events = [e for e in result.all_events if e.event_type_value == "STEP_OUTPUT"]
    metadata = events[0].event_specific_data.metadata
    assert metadata["new"].value == 1
    bodies = [e.raw.decode("ascii", "replace")[-40:] for e in generate_inbox(seed=22, size=1)]
    logged = " ".join(str(v.value) for v in metadata.values())
    assert all(body not in logged for body in bodies)


def test_code_location_lists_the_email_job_and_sensor() -> None:
    from pipeline.definitions import defs

    repository = defs.get_repository_def()
    assert "ingest_inbox_job" in {job.name for job in repository.get_all_jobs()}
    assert "inbox_sensor" in {sensor.name for sensor in repository.sensor_defs}


def test_domain_modules_do_not_import_dagster() -> None:
    import subprocess
    import sys

    code = (
        "import sys, pipeline.emails.intake, pipeline.emails.sources, pipeline.demo.inbox;"
        "assert 'dagster' not in sys.modules, 'dagster imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
