"""`pipeline demo run` as `make demo` runs it (small): its messages say what happened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.settings import Settings

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


@pytest.mark.slow
def test_demo_run_messages_name_the_command_and_count_report_chunks_alone(
    db,  # emptied tables: the counts below are this run's
    database_url: str,
    dagster_postgres_url: str,
    tmp_path: Path,
):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DAGSTER_POSTGRES_URL": dagster_postgres_url,
        "PIPELINE_DATA_DIR": str(tmp_path / "data"),
        "EMBEDDER": "hashing",
        "EMBEDDING_DIMENSIONS": "64",
    }
    runs = [
        subprocess.run(
            [PIPELINE, "demo", "run", "--chunks", "40", "--emails", "6", "--events", "none"],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        for _ in range(2)
    ]
    for result in runs:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
        assert "$ dagster job execute -m pipeline.definitions -j inbox_to_matches_job" in (
            result.stderr
        )
    # The same count on the second run, although the mail's chunks are stored by then.
    assert "demo reports loaded: 40 report chunks, 40 of them pending" in runs[0].stdout
    assert "demo reports loaded: 40 report chunks, 0 of them pending" in runs[1].stdout
    assert "embedded Postgres" not in runs[0].stderr  # DATABASE_URL: nothing embedded runs


def test_the_demo_says_the_embedded_postgres_keeps_running(tmp_path: Path, capsys):
    from pipeline.cli import _say_what_keeps_running

    _say_what_keeps_running(Settings(data_dir=tmp_path, database_url=None))
    err = capsys.readouterr().err
    assert "embedded Postgres keeps running" in err and "make stop" in err
