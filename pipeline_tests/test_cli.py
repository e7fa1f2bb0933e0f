"""The command line as a user runs it: in a subprocess, against a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline.store.database import scratch_schema

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PIPELINE, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


def test_db_migrate_twice_applies_once_then_nothing(postgres_server_url: str, tmp_path: Path):
    with scratch_schema(postgres_server_url, "cli") as url:
        first = _run("db", "migrate", DATABASE_URL=url, PIPELINE_DATA_DIR=str(tmp_path))
        second = _run("db", "migrate", DATABASE_URL=url, PIPELINE_DATA_DIR=str(tmp_path))

    assert first.returncode == 0, first.stderr
    assert "0001_initial_schema" in first.stdout
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "applied 0 migration(s)"


def test_unreachable_database_url_is_one_clear_line(tmp_path: Path):
    result = _run(
        "db",
        "migrate",
        DATABASE_URL="postgresql+psycopg2://nobody@127.0.0.1:1/x",
        PIPELINE_DATA_DIR=str(tmp_path),
    )

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: DATABASE_URL: cannot connect to")
    assert "Traceback" not in result.stderr


def test_malformed_database_url_names_the_setting(tmp_path: Path):
    result = _run(
        "db", "migrate", DATABASE_URL="mysql://root@localhost/x", PIPELINE_DATA_DIR=str(tmp_path)
    )

    assert result.returncode == 2
    assert result.stderr.strip() == "error: DATABASE_URL must be a postgresql URL, got 'mysql'"


def test_malformed_setting_is_one_line_naming_the_variable(tmp_path: Path):
    result = _run("db", "migrate", EMBEDDER="word2vec", PIPELINE_DATA_DIR=str(tmp_path))

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: invalid setting EMBEDDER: Input should be 'use'")


def _vectorize(database_url: str, tmp_path: Path, *args: str, **env: str):
    return _run(
        "vectorize", *args, DATABASE_URL=database_url, PIPELINE_DATA_DIR=str(tmp_path),
        EMBEDDER="hashing", EMBEDDING_DIMENSIONS="64", **env,
    )  # fmt: skip


def test_vectorize_rejects_a_limit_below_one(database_url: str, tmp_path: Path):
    for bad in ("0", "-5"):
        result = _vectorize(database_url, tmp_path, "--limit", bad)
        assert result.returncode == 2, (bad, result.stdout, result.stderr)
        assert result.stderr.strip().splitlines()[-1] == (
            "Error: Invalid value for '--limit': Input should be greater than or equal to 1"
        )
        assert "summary:" not in result.stdout


def test_vectorize_filter_matching_nothing_names_the_known_values(
    db, tables, database_url: str, tmp_path: Path
):
    from pipeline_tests.vectorize.helpers import load_demo

    load_demo(db, tables, chunks=40)
    result = _vectorize(database_url, tmp_path, "--market", "nosuchmarket")
    assert result.returncode == 2, result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    with db.connect() as connection:
        markets = connection.execute(
            sa.text("SELECT DISTINCT market FROM documents ORDER BY market")
        ).scalars()
        known = ", ".join(markets)
    assert line.startswith(f"error: 0 chunks match this filter; known markets: {known}; ")
    assert "doc types: " in line and "summary:" not in result.stdout
    # A filter whose chunks are all done already is not an error: nothing pending.
    assert _vectorize(database_url, tmp_path).returncode == 0
    done = _vectorize(database_url, tmp_path, "--market", known.split(", ")[0])
    assert done.returncode == 0 and "summary: 0 vectorized" in done.stdout


def test_vectorize_without_a_terminal_writes_one_line_per_update(
    db, tables, database_url: str, tmp_path: Path
):
    from pipeline_tests.vectorize.helpers import load_demo

    total = load_demo(db, tables, chunks=60)
    result = _vectorize(database_url, tmp_path, EMBEDDING_BATCH_SIZE="8")  # stderr is a pipe
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("vectorize: ")]
    assert "\r" not in result.stderr
    assert len(lines) >= 2  # the first batch, then the last (at most one per 2 s between)
    assert lines[-1].startswith(f"vectorize: {total}/{total} (100.0%) chunks; failed=0")
    assert "summary: 60 vectorized" in result.stdout


def test_launchpad_typo_through_demo_run_config_is_one_line_and_no_summary(
    database_url: str, tmp_path: Path
):
    config = tmp_path / "typo.yaml"
    config.write_text("ops:\n  vectorize_chunks_op:\n    config: {batch_sise: 8}\n")
    result = _run(
        "demo", "run", "--config", str(config), DATABASE_URL=database_url,
        PIPELINE_DATA_DIR=str(tmp_path / "data"),
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f'error: --config {config}: Received unexpected config entry "batch_sise" at path '
        "root:ops:vectorize_chunks_op:config."
    ]
    assert "summary" not in result.stdout + result.stderr
    assert not (tmp_path / "data" / "demo_inbox").exists()  # stopped before any work


def test_help_names_types_as_click_does_and_keeps_option_names_whole():
    top = _run("--help")
    assert top.returncode == 0
    assert "-v, --verbose  Log INFO lines" in top.stdout
    vectorize = _run("vectorize", "--help").stdout
    assert "--limit INTEGER" in vectorize and "--market TEXT" in vectorize
    assert "--retry-dead-letters / --no-retry-dead-letters" in vectorize
    for command in ((), ("vectorize",), ("demo", "run"), ("run",), ("ingest",), ("env",)):
        text = _run(*command, "--help").stdout
        assert "<bool>" not in text and "<list[" not in text and "<int" not in text, text
        assert "…" not in text and "╭" not in text  # no cut names, no rich panels
