"""Plain helpers the tests share (fixtures live in the conftest files, not here)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.settings import REPO_ROOT

# Every application table: the `db` fixture empties them before each test.
APP_TABLES = (
    "matches", "candidates", "projects", "emails", "document_chunks", "documents",
    "profile_points", "match_state", "llm_cache", "vector_deletions", "index_models",
    "chunk_vectors",
)  # fmt: skip

PIPELINE = str(Path(sys.executable).with_name("pipeline"))
# Every setting a test may set, so the parent's environment cannot leak into the child.
OUR_SETTINGS = (
    "DATABASE_URL", "DAGSTER_POSTGRES_URL", "PIPELINE_DATA_DIR", "QDRANT_URL", "QDRANT_PATH",
    "QDRANT_API_KEY", "EMBEDDER", "EMBEDDING_MODEL", "EMBEDDING_DIMENSIONS", "OPENAI_API_KEY",
    "OPENAI_BASE_URL", "EMBEDDING_CONCURRENCY", "EMBEDDING_BATCH_SIZE", "MAX_RETRIES",
)  # fmt: skip


@dataclass
class Cli:
    """`pipeline ...` as a child process with a given environment."""

    env: dict[str, str]

    def popen(self, *args: str, **env: str) -> subprocess.Popen:
        return subprocess.Popen(
            [PIPELINE, *args],
            env={**self.env, **env},
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PIPELINE, *args],
            env={**self.env, **env},
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def error_lines(stderr: str) -> list[str]:
    """The lines a user reads on stderr, without the progress bar's redraws or warnings."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr[-2000:]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]
