"""`pipeline vectorize` as a user runs it: a subprocess, a real database, a progress bar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline_tests.vectorize.helpers import chunk_count, load_demo

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PIPELINE_DATA_DIR": str(data_dir),
        "EMBEDDER": "hashing",
    }


def _document_in_a_shared_market(db) -> tuple[int, str]:
    """A document whose market holds other documents too, and that market."""
    with db.connect() as connection:
        row = connection.execute(
            sa.text(
                """
                SELECT min(id) AS id, market FROM documents
                GROUP BY market HAVING count(*) > 1 ORDER BY market LIMIT 1
                """
            )
        ).one()
    return row.id, row.market


def test_cli_vectorize_limit_then_rest_with_a_progress_bar_and_summary(
    db, tables, database_url, tmp_path
):
    total = load_demo(db, tables, chunks=60)
    env = _env(database_url, tmp_path)
    first = subprocess.run(
        [PIPELINE, "vectorize", "--limit", "10"], capture_output=True, text=True, env=env
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().startswith("summary: 10 vectorized, 0 failed")
    assert "vectorize:" in first.stderr and "chunk" in first.stderr  # the tqdm bar
    rest = subprocess.run([PIPELINE, "vectorize"], capture_output=True, text=True, env=env)
    assert rest.returncode == 0, rest.stderr
    assert f"summary: {total - 10} vectorized" in rest.stdout
    assert chunk_count(db, "vectorized_hash IS NOT NULL") == total


def test_cli_vectorize_scopes_the_run_to_a_document_and_to_a_market(
    db, tables, database_url, tmp_path
):
    load_demo(db, tables, chunks=400)
    env = _env(database_url, tmp_path)
    document_id, market = _document_in_a_shared_market(db)
    own = chunk_count(db, f"document_id = {document_id}")
    in_market = chunk_count(
        db, f"document_id IN (SELECT id FROM documents WHERE market = '{market}')"
    )
    assert 0 < own < in_market < chunk_count(db)

    one = subprocess.run(
        [PIPELINE, "vectorize", "--document-id", str(document_id)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert one.returncode == 0, one.stderr
    assert chunk_count(db, "vectorized_hash IS NOT NULL") == own
    market_run = subprocess.run(
        [PIPELINE, "vectorize", "--market", market], capture_output=True, text=True, env=env
    )
    assert market_run.returncode == 0, market_run.stderr
    assert f"summary: {in_market - own} vectorized" in market_run.stdout
    assert chunk_count(db, "vectorized_hash IS NOT NULL") == in_market
