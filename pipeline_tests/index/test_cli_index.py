"""`pipeline search` and `pipeline index ...` as a user runs them: subprocesses, real storage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline_tests.vectorize.helpers import load_texts

PIPELINE = str(Path(sys.executable).with_name("pipeline"))
TEXTS = [f"annual revenue of division {i} rose" for i in range(12)] + ["東京の新しい工場"]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([PIPELINE, *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result


def test_search_status_and_a_migration_from_the_command_line(
    db, tables, database_url, tmp_path
) -> None:
    load_texts(db, tables, TEXTS)
    env = {
        **os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(tmp_path),
        "EMBEDDER": "hashing", "EMBEDDING_DIMENSIONS": "64",
    }  # fmt: skip
    _run(env, "vectorize")
    found = _run(env, "search", "東京の新しい工場", "--market", "us_stock", "--top", "2")
    lines = found.stdout.splitlines()
    assert lines[0].startswith(" 1. 1.000  Test Corp | us_stock / annual_report | document ")
    assert lines[1].strip() == "東京の新しい工場" and len(lines) == 4

    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM document_chunks WHERE chunk_index = 0"))
    status = _run(env, "index", "status").stdout
    assert "alias chunks__current -> chunks__hashing-trigram-64__64" in status
    assert "current   hashing-trigram-64 (hashing, 64-d)" in status
    assert "12/12 chunks vectorized, 13 points" in status
    assert "pending deletions: 1 chunk(s)" in status

    migrated = _run(env, "index", "migrate", "start", "--provider", "hashing", "--dimensions", "48")
    assert "check: chunks__hashing-trigram-48__48: all 12 chunk(s) covered, ids match" in (
        migrated.stdout
    )
    assert "alias now -> chunks__hashing-trigram-48__48" in migrated.stdout
    status = _run(env, "index", "status").stdout
    assert "current   hashing-trigram-48 (hashing, 48-d)" in status
    assert "retired   hashing-trigram-64" in status and "12 points, drop after" in status
    assert "pending deletions: none" in status
    assert _run(env, "search", "東京の新しい工場", "--top", "1").stdout.startswith(" 1. 1.000")
    assert "no migration in progress" in _run(env, "index", "migrate", "watch", "--once").stdout
    refused = subprocess.run(
        [PIPELINE, "index", "migrate", "abandon"], capture_output=True, text=True, env=env
    )
    assert refused.returncode == 2
    assert (
        refused.stderr.strip() == "error: no migration in progress (pipeline index migrate start)"
    )
