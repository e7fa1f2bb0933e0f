"""Dagster's own command lines as the README shows them, in a shell where nothing was exported
and no `.env` exists: `dagster job execute` from a folder laid out like the repo root (a
fresh clone, after `make stop`, a server that is down), and the dg project (`dg check defs`,
`dg launch --job`, `dg dev`)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from dagster import DagsterInstance, DagsterRun, RunsFilter
from dagster._core.storage.tags import REPOSITORY_LABEL_TAG

from pipeline.defs.origin import LOCATION_NAME, REPOSITORY_NAME
from pipeline.environment import dagster_storage_url, write_dotenv
from pipeline.settings import REPO_ROOT, Settings
from pipeline.store.embedded import stop_embedded_postgres
from pipeline_tests.defs.webserver import GraphQL, dagster_webserver, free_port
from pipeline_tests.vectorize.helpers import load_demo

BIN = Path(sys.executable).parent
OURS = ("DAGSTER_", "DATABASE_URL", "PIPELINE_", "QDRANT_", "EMBEDD")
README_COMMAND = [str(BIN / "dagster"), "job", "execute", "-m", "pipeline.definitions",
                  "-j", "vectorize_documents_job", "-c", "config/vectorize_demo.yaml"]  # fmt: skip
LABEL = f"{REPOSITORY_NAME}@{LOCATION_NAME}"  # the repository tag the UI filters runs on


def bare_environment(**values: str) -> dict[str, str]:
    """The shell of a user who never ran `eval "$(pipeline env)"`, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    return {**env, "EMBEDDER": "hashing", "EMBEDDING_DIMENSIONS": "64", **values}


def vectorized(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            sa.text("SELECT count(*) FROM document_chunks WHERE vectorized_at IS NOT NULL")
        ).scalar_one()


def assert_on_the_workspace_location(run: DagsterRun, instance: DagsterInstance) -> None:
    """The run carries the UI's code location and its repository tag (the timeline's)."""
    origin = run.remote_job_origin
    assert origin is not None, "a run without a location: the overview timeline drops it"
    assert origin.repository_origin.code_location_origin.location_name == LOCATION_NAME
    assert origin.repository_origin.repository_name == REPOSITORY_NAME
    tagged = instance.get_runs(RunsFilter(tags={REPOSITORY_LABEL_TAG: LABEL}))
    assert run.run_id in {r.run_id for r in tagged}


@pytest.fixture
def repo_folder(tmp_path: Path) -> Path:
    """A folder laid out like the repo root for Dagster's CLI: dagster.yaml and the demo
    config, and no `.env`."""
    root = tmp_path / "root"
    (root / "config").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "dagster.yaml", root / "dagster.yaml")
    shutil.copy(REPO_ROOT / "config" / "vectorize_demo.yaml", root / "config")
    return root


@pytest.mark.slow
def test_dagster_job_execute_as_the_readme_shows_it_uses_the_exported_databases(
    db, tables, repo_folder: Path, tmp_path: Path, database_url: str,
    dagster_postgres_url: str, dagster_instance: DagsterInstance,
):  # fmt: skip
    """No DAGSTER_HOME, no `.env`: the URLs in the environment win, and the run is on the
    UI's code location."""
    load_demo(db, tables, chunks=60)
    env = bare_environment(
        DATABASE_URL=database_url, DAGSTER_POSTGRES_URL=dagster_postgres_url,
        PIPELINE_DATA_DIR=str(tmp_path / "data"),
    )  # fmt: skip
    result = subprocess.run(
        README_COMMAND, cwd=repo_folder, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert vectorized(db) == 60
    (run,) = dagster_instance.get_runs(RunsFilter(job_name="vectorize_documents_job"), limit=1)
    assert run.is_success
    assert_on_the_workspace_location(run, dagster_instance)
    assert (tmp_path / "data" / "dagster" / "storage").is_dir()  # compute logs: data folder
    with dagster_webserver({**env, "DAGSTER_HOME": str(repo_folder)}) as graphql:
        shown = graphql(TIMELINE_RUN, runId=run.run_id)["runOrError"]["repositoryOrigin"]
    assert shown == {"repositoryName": REPOSITORY_NAME, "repositoryLocationName": LOCATION_NAME}


# The fields of a run the UI's overview timeline groups by (RunTimelineFragment); a run
# without them is left off the timeline.
TIMELINE_RUN = """
query ($runId: ID!) { runOrError(runId: $runId) { ... on Run {
  repositoryOrigin { repositoryName repositoryLocationName } } } }"""


@pytest.fixture
def data_folder() -> Iterator[Path]:
    """A data folder outside pytest's (whose 0700 parents the embedded server's user cannot
    enter while another pytest run resets them); its embedded server is stopped at the end."""
    with tempfile.TemporaryDirectory(prefix="pipeline-cli-") as folder:
        Path(folder).chmod(0o755)
        try:
            yield Path(folder) / "data"
        finally:
            stop_embedded_postgres(Path(folder) / "data" / "postgres")


@pytest.mark.slow
@pytest.mark.parametrize("exported", [False, True], ids=["nothing-exported", "urls-exported"])
def test_dagster_job_execute_after_make_stop_starts_the_embedded_postgres(
    repo_folder: Path, data_folder: Path, exported: bool
):
    """`make stop`, then the README's command in a fresh clone's shell (no URL, no `.env`),
    or in one where `eval "$(pipeline env)"` left the embedded server's socket URLs: the
    storage starts the embedded Postgres in the data folder."""
    env = bare_environment(PIPELINE_DATA_DIR=str(data_folder))
    pipeline = str(BIN / "pipeline")
    for command in (["db", "migrate"], ["demo", "load", "--chunks", "20", "--emails", "0"]):
        done = subprocess.run([pipeline, *command], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    exports = subprocess.run([pipeline, "env"], env=env, capture_output=True, text=True).stdout
    urls = dict(re.findall(r"export (DATABASE_URL|DAGSTER_POSTGRES_URL)='([^']*)'", exports))
    assert len(urls) == 2, exports
    done = subprocess.run([pipeline, "db", "stop"], env=env, capture_output=True, text=True)
    assert "embedded Postgres stopped" in done.stdout, done.stdout + done.stderr
    result = subprocess.run(
        README_COMMAND, cwd=repo_folder, env={**env, **(urls if exported else {})},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    engine = sa.create_engine(urls["DATABASE_URL"])
    try:
        assert vectorized(engine) == 20
    finally:
        engine.dispose()


def test_dagster_job_execute_with_no_reachable_database_fails_in_one_line(
    repo_folder: Path, tmp_path: Path
):
    env = bare_environment(
        DATABASE_URL="postgresql+psycopg2://nobody@127.0.0.1:1/x",
        PIPELINE_DATA_DIR=str(tmp_path / "data"),
    )
    result = subprocess.run(
        README_COMMAND, cwd=repo_folder, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: Dagster's storage: DATABASE_URL: cannot connect to "
        'postgresql+psycopg2://nobody@127.0.0.1:1/x: connection to server at "127.0.0.1", '
        "port 1 failed: Connection refused (start that server, or point DAGSTER_POSTGRES_URL / "
        "DATABASE_URL at one that runs; unset both for the embedded Postgres)"
    ], result.stderr


def test_storage_url_prefers_dagster_postgres_url_and_exports_what_it_resolved(
    database_url: str, dagster_postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("DAGSTER_POSTGRES_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    assert dagster_storage_url(settings) == database_url  # DATABASE_URL's server
    assert os.environ["DAGSTER_POSTGRES_URL"] == database_url  # for the processes it starts
    monkeypatch.setenv("DAGSTER_POSTGRES_URL", dagster_postgres_url)
    assert dagster_storage_url(settings) == dagster_postgres_url
    assert not (tmp_path / "data" / "postgres").exists()  # no embedded server was started


# dg runs in the project root, where Dagster lets a .env override the environment it is
# given; the .env this project writes names no database, one from before it did would.
STALE_DOTENV = pytest.mark.skipif(
    (REPO_ROOT / ".env").exists() and "DATABASE_URL" in (REPO_ROOT / ".env").read_text(),
    reason="the repo root's .env names a database: rewrite it with `pipeline env --dotenv`",
)


@pytest.fixture
def test_env(database_url: str, dagster_postgres_url: str, tmp_path: Path) -> dict[str, str]:
    return bare_environment(
        DATABASE_URL=database_url, DAGSTER_POSTGRES_URL=dagster_postgres_url,
        PIPELINE_DATA_DIR=str(tmp_path / "data"), QDRANT_PATH=str(tmp_path / "qdrant"),
    )  # fmt: skip


@pytest.mark.slow
def test_dg_check_defs_from_the_repo_root(test_env: dict[str, str]):
    result = subprocess.run(
        [str(BIN / "dg"), "check", "defs"], cwd=REPO_ROOT, env=test_env, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


@pytest.mark.slow
@STALE_DOTENV
def test_dg_launch_job_runs_it_on_the_project_instance(
    db, tables, test_env: dict[str, str], dagster_instance: DagsterInstance
):
    load_demo(db, tables, chunks=30)
    config = str(REPO_ROOT / "config" / "vectorize_demo.yaml")
    command = [str(BIN / "dg"), "launch", "--job", "vectorize_documents_job", "--config", config]
    result = subprocess.run(
        command, cwd=REPO_ROOT, env=test_env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert vectorized(db) == 30
    (run,) = dagster_instance.get_runs(RunsFilter(job_name="vectorize_documents_job"), limit=1)
    assert run.is_success
    assert_on_the_workspace_location(run, dagster_instance)


@pytest.mark.slow
@STALE_DOTENV
def test_dg_dev_serves_the_code_location(tmp_path: Path, test_env: dict[str, str]):
    port = free_port()
    log = open(tmp_path / "dg-dev.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [str(BIN / "dg"), "dev", "--port", str(port), "--host", "127.0.0.1"],
        cwd=REPO_ROOT, env=test_env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
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


def test_dotenv_names_the_instance_folder_and_no_database(tmp_path: Path):
    """A `.env` entry overrides the shell's variable in Dagster's CLI: it holds no URL."""
    path = write_dotenv(Settings(), tmp_path / ".env")
    values = dict(
        line.split("=", 1) for line in path.read_text().splitlines() if not line.startswith("#")
    )
    assert values == {"DAGSTER_HOME": str(REPO_ROOT)}
