"""Dagster's own command lines as the README shows them: `dagster job execute` reading .env,
and the dg project (`dg check defs`, `dg launch --job`, `dg dev`)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa
from dagster import DagsterInstance, RunsFilter

from pipeline.defs.origin import LOCATION_NAME, attach_workspace_origin
from pipeline.environment import dagster_environment
from pipeline.settings import REPO_ROOT, Settings
from pipeline_tests.defs.webserver import GraphQL, free_port
from pipeline_tests.vectorize.helpers import load_demo

BIN = Path(sys.executable).parent
OURS = ("DAGSTER_", "DATABASE_URL", "PIPELINE_", "QDRANT_", "EMBEDD")


def bare_environment() -> dict[str, str]:
    """The shell of a user who never ran `eval "$(pipeline env)"`."""
    return {k: v for k, v in os.environ.items() if not k.startswith(OURS)}


def vectorized(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            sa.text("SELECT count(*) FROM document_chunks WHERE vectorized_at IS NOT NULL")
        ).scalar_one()


@pytest.fixture
def project_copy(tmp_path: Path, database_url: str, dagster_postgres_url: str) -> Path:
    """A folder laid out like the repo root for Dagster's CLI: dagster.yaml, the demo config,
    and the .env `pipeline env --dotenv` writes (its variables, this test's values)."""
    root = tmp_path / "root"
    (root / "config").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "dagster.yaml", root / "dagster.yaml")
    shutil.copy(REPO_ROOT / "config" / "vectorize_demo.yaml", root / "config")
    values = {
        "DAGSTER_HOME": str(root),
        "DAGSTER_POSTGRES_URL": dagster_postgres_url,
        "DAGSTER_ARTIFACTS_DIR": str(tmp_path / "artifacts"),
        "DATABASE_URL": database_url,
        "PIPELINE_DATA_DIR": str(tmp_path / "data"),
    }
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    assert set(values) == set(dagster_environment(settings))  # the same names .env holds
    extra = {"EMBEDDER": "hashing", "EMBEDDING_DIMENSIONS": "64",
             "QDRANT_PATH": str(tmp_path / "qdrant")}  # fmt: skip
    lines = [f"{name}={value}" for name, value in {**values, **extra}.items()]
    (root / ".env").write_text("\n".join(lines) + "\n")
    return root


@pytest.mark.slow
def test_dagster_job_execute_as_the_readme_shows_it_reads_dotenv(
    db, tables, project_copy: Path, dagster_instance: DagsterInstance
):
    load_demo(db, tables, chunks=60)
    command = [str(BIN / "dagster"), "job", "execute", "-m", "pipeline.definitions",
               "-j", "vectorize_documents_job", "-c", "config/vectorize_demo.yaml"]  # fmt: skip
    result = subprocess.run(
        command, cwd=project_copy, env=bare_environment(), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert vectorized(db) == 60
    (run,) = dagster_instance.get_runs(RunsFilter(job_name="vectorize_documents_job"), limit=1)
    assert run.remote_job_origin is None  # a Python pointer: the UI's timeline would drop it
    assert attach_workspace_origin(dagster_instance, run.run_id)  # `pipeline demo run` does
    origin = dagster_instance.get_run_by_id(run.run_id).remote_job_origin
    assert origin.repository_origin.code_location_origin.location_name == LOCATION_NAME
    assert origin.repository_origin.repository_name == "__repository__"
    assert not attach_workspace_origin(dagster_instance, run.run_id)  # once


# dg runs in the project root, and Dagster lets a .env there override the environment it is
# given: after `make demo` these tests would be on the demo's instance, not their own.
REPO_DOTENV = pytest.mark.skipif(
    (REPO_ROOT / ".env").exists(), reason="the repo root's .env (make demo) picks the instance"
)


def dotenv_values(root: Path) -> dict[str, str]:
    lines = (root / ".env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.slow
@REPO_DOTENV
def test_dg_check_defs_from_the_repo_root(project_copy: Path):
    env = {**bare_environment(), **dotenv_values(project_copy)}  # what .env would hold
    result = subprocess.run(
        [str(BIN / "dg"), "check", "defs"], cwd=REPO_ROOT, env=env, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


@pytest.mark.slow
@REPO_DOTENV
def test_dg_launch_job_runs_it_on_the_project_instance(
    db, tables, project_copy: Path, dagster_instance: DagsterInstance
):
    load_demo(db, tables, chunks=30)
    config = str(REPO_ROOT / "config" / "vectorize_demo.yaml")
    command = [str(BIN / "dg"), "launch", "--job", "vectorize_documents_job", "--config", config]
    result = subprocess.run(
        command, cwd=REPO_ROOT, env={**bare_environment(), **dotenv_values(project_copy)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert vectorized(db) == 30
    (run,) = dagster_instance.get_runs(RunsFilter(job_name="vectorize_documents_job"), limit=1)
    assert run.is_success


@pytest.mark.slow
@REPO_DOTENV
def test_dg_dev_serves_the_code_location(tmp_path: Path, project_copy: Path):
    port = free_port()
    env = {**bare_environment(), **dotenv_values(project_copy)}
    log = open(tmp_path / "dg-dev.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [str(BIN / "dg"), "dev", "--port", str(port), "--host", "127.0.0.1"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        names = _job_names_when_loaded(GraphQL(port), process, deadline=time.monotonic() + 120)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    assert {"inbox_to_matches_job", "vectorize_documents_job"} <= names, (
        tmp_path / "dg-dev.log"
    ).read_text()[-3000:]


LOCATIONS = """
{ workspaceOrError { ... on Workspace { locationEntries { name
  locationOrLoadError { ... on RepositoryLocation { repositories { jobs { name } } } } } } } }"""


def _job_names_when_loaded(graphql: GraphQL, process: subprocess.Popen, deadline: float) -> set:
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(graphql.url.replace("/graphql", "/server_info"), timeout=2)
            entries = graphql(LOCATIONS)["workspaceOrError"]["locationEntries"]
            for entry in entries:
                location = entry["locationOrLoadError"] or {}
                if entry["name"] == LOCATION_NAME and location.get("repositories"):
                    return {j["name"] for r in location["repositories"] for j in r["jobs"]}
        except (OSError, RuntimeError):
            pass
        time.sleep(1)
    return set()
