"""The embedded Postgres stopped under a running `pipeline vectorize`, then started again."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.store.database import create_database_engine
from pipeline.store.embedded import (
    APP_DATABASE,
    embedded_url,
    start_embedded_postgres,
    stop_embedded_postgres,
)
from pipeline.store.migrations import apply_migrations
from pipeline.store.tables import reflect_tables
from pipeline_tests.reliability.test_vectorize_faults import openai_env
from pipeline_tests.support import Cli, assert_one_line_error
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer
from pipeline_tests.vectorize.helpers import chunk_count, load_demo


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[tuple[Path, sa.Engine]]:
    """A private embedded Postgres in the test's data folder, migrated."""
    pgdata = tmp_path / "data" / "postgres"
    url = embedded_url(start_embedded_postgres(pgdata), APP_DATABASE)
    apply_migrations(url)
    engine = create_database_engine(url)
    try:
        yield pgdata, engine
    finally:
        engine.dispose()
        stop_embedded_postgres(pgdata)


def _vectorizing(cli: Cli, server: FakeEmbeddingServer, db) -> subprocess.Popen:
    """`pipeline vectorize` started, once it has vectorized 50 chunks (the fault comes next)."""
    run = cli.popen("vectorize", **openai_env(server))
    while chunk_count(db, "vectorized_hash IS NOT NULL") < 50:
        assert run.poll() is None, run.communicate()[1][-2000:]
        time.sleep(0.02)
    return run


def test_database_stopped_mid_run_is_one_line_then_a_rerun_finishes(embedded, cli: Cli):
    pgdata, db = embedded
    total = load_demo(db, reflect_tables(db), chunks=800)
    env = {k: v for k, v in cli.env.items() if k != "DATABASE_URL"}  # the embedded server
    local = Cli(env)
    with FakeEmbeddingServer(32, delay_s=0.03) as server:
        run = _vectorizing(local, server, db)
        db.dispose()
        stop_embedded_postgres(pgdata)  # fast shutdown: every session is cut
        stdout, stderr = run.communicate(timeout=60)
        result = subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr)
        line = assert_one_line_error(result, "database", APP_DATABASE, "unreachable")
        assert "postgres" in line
        assert "waiting up to" in stderr  # a message while it waited, before giving up

        rerun = local.run("vectorize", **openai_env(server))  # starts the server again
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert chunk_count(db, "vectorized_hash = content_hash") == total
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0  # the dead run's claims were freed


def server_processes(pgdata: Path) -> list[int]:
    """The postmaster and its children (backends, checkpointer, ...)."""
    postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
    pids = [postmaster]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster:
            pids.append(int(stat.parent.name))
    return pids


def signal_all(pids: list[int], signum: int) -> None:
    """Signal every process still there: a backend of a closed connection may just have exited."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


def test_a_frozen_database_is_a_message_then_a_bounded_wait_then_one_line(embedded, cli: Cli):
    pgdata, db = embedded
    total = load_demo(db, reflect_tables(db), chunks=800)
    env = {k: v for k, v in cli.env.items() if k != "DATABASE_URL"}
    local = Cli({**env, "DATABASE_STATEMENT_TIMEOUT_S": "5", "DATABASE_WAIT_S": "2"})
    with FakeEmbeddingServer(32, delay_s=0.03) as server:
        run = _vectorizing(local, server, db)
        db.dispose()
        frozen = server_processes(pgdata)
        signal_all(frozen, signal.SIGSTOP)  # the server stops answering; sockets stay open
        try:
            stdout, stderr = run.communicate(timeout=120)
        finally:
            signal_all(frozen, signal.SIGCONT)
        result = subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr)
        assert_one_line_error(result, "database", APP_DATABASE, "unreachable")
        assert "has not answered" in stderr  # said while it waited, before giving up

        rerun = local.run("vectorize", **openai_env(server))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert chunk_count(db, "vectorized_hash = content_hash") == total
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0
