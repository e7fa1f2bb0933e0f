"""The code location loads as the webserver loads it, with the job, sensors and schedule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op
from pipeline.settings import REPO_ROOT


def test_definitions_list_the_job_sensors_and_schedule():
    from pipeline.definitions import defs

    repository = defs.get_repository_def()
    assert "vectorize_documents_job" in {job.name for job in repository.get_all_jobs()}
    assert {s.name for s in repository.sensor_defs} >= {
        "pending_chunks_sensor",
        "vectorize_failure_sensor",
    }
    assert {s.name for s in repository.schedule_defs} >= {"vectorize_nightly_schedule"}
    job = repository.get_job("vectorize_documents_job")
    assert set(job.resource_defs) >= {"postgres", "qdrant", "embedder"}
    assert vectorize_chunks_op.retry_policy.max_retries >= 1


def test_launchpad_form_documents_every_config_field():
    for op_def in (scan_unvectorized_chunks_op, vectorize_chunks_op):
        fields = op_def.config_schema.config_type.fields
        assert fields, op_def.name
        for name, field in fields.items():
            assert field.description, f"{op_def.name}.{name} has no description"
            assert not field.is_required, f"{op_def.name}.{name} should have a default"


def test_workspace_loads_with_dagster_cli_as_the_webserver_would(tmp_path: Path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PIPELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # loading must not need the database: EnvVar resolves at run
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate",
         "-w", "workspace.yaml"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "pipeline" in completed.stdout + completed.stderr
