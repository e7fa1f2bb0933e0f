"""`pipeline vectorize` as a user runs it: a subprocess, a real database, a progress bar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline_tests.vectorize.helpers import chunk_count, load_demo

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def test_cli_vectorize_limit_then_rest_with_a_progress_bar_and_summary(
    db, tables, database_url, tmp_path
):
    total = load_demo(db, tables, chunks=60)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PIPELINE_DATA_DIR": str(tmp_path),
        "EMBEDDER": "hashing",
    }
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
