"""The code location loads as the webserver loads it, with the job, sensors and schedule."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pipeline.defs.vectorize.ops import vectorize_chunks_op
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


def test_workspace_loads_with_dagster_cli_as_the_webserver_would(tmp_path: Path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PIPELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # loading must not need the database: EnvVar resolves at run
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate",
         "-w", str(REPO_ROOT / "workspace.yaml")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "pipeline" in completed.stdout + completed.stderr


def test_the_quality_check_targets_a_defined_asset_not_a_key_prefix():
    from dagster import AssetKey

    from pipeline.definitions import defs
    from pipeline.defs.vectorize.quality import CHECK_ASSET_KEY

    repository = defs.get_repository_def()
    graph = repository.asset_graph
    (check,) = graph.asset_check_keys
    assert check.name == "vectors_match_postgres"
    assert check.asset_key == CHECK_ASSET_KEY == AssetKey(["silver", "chunk_vectors"])
    assert check.asset_key in graph.get_all_asset_keys()
    assert {"pipeline_stages/vectorize", "inbox_to_matches/run_summary"} <= {
        key.to_user_string() for key in graph.get_all_asset_keys()
    }


def test_loading_the_code_location_prints_no_beta_warning(tmp_path: Path):
    script = (
        "import warnings; warnings.simplefilter('always')\n"
        "from pipeline.definitions import defs\n"
        "defs.get_repository_def().get_all_jobs()\n"
    )
    env = {**os.environ, "PIPELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "BetaWarning" not in completed.stderr, completed.stderr


def test_job_descriptions_keep_angle_brackets_visible_in_markdown():
    from pipeline.definitions import defs

    for job in defs.get_repository_def().get_all_jobs():
        text = job.description or ""
        # Outside backticks the UI's markdown drops <market> as an HTML tag.
        outside = re.sub(r"`[^`]*`", "", text)
        assert not re.search(r"<[a-z_]+>", outside), (job.name, text)


def test_runs_start_without_a_process_per_step_or_a_five_second_queue_poll():
    """What brought the first progress event under 5 s after Launch (the E2E harness prints
    the figure): each job's steps in the run's own process, the run queue polled every 1 s."""
    import yaml

    from pipeline.definitions import defs

    executors = {
        job.name: job.executor_def.name for job in defs.get_repository_def().get_all_jobs()
    }
    assert set(executors.values()) == {"in_process"}, executors
    config = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())["run_coordinator"]
    assert config["config"]["dequeue_interval_seconds"] == 1
