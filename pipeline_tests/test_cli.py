"""The command line as a user runs it: in a subprocess, against a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline_tests.conftest import url_with_schema

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PIPELINE, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120
    )


def test_db_migrate_twice_applies_once_then_nothing(postgres_server_url: str, tmp_path: Path):
    admin = sa.create_engine(postgres_server_url)
    schema = f"cli_{os.getpid()}"
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = url_with_schema(postgres_server_url, schema)
        first = _run("db", "migrate", DATABASE_URL=url, PIPELINE_DATA_DIR=str(tmp_path))
        second = _run("db", "migrate", DATABASE_URL=url, PIPELINE_DATA_DIR=str(tmp_path))
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

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
