"""Fault tests: the real `pipeline vectorize` process against real Postgres and Qdrant Edge.

Each test injects one fault (SIGKILL, a 429 storm, a database stopped mid-run, a wrong
setting, a provider echoing the key) and checks what a user sees and what is stored.
The OpenAI path runs over real HTTP against `FakeEmbeddingServer` in this process.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.settings import REPO_ROOT
from pipeline_tests.support import OUR_SETTINGS, Cli


@pytest.fixture
def cli(database_url: str, tmp_path: Path) -> Iterator[Cli]:
    base = {k: v for k, v in os.environ.items() if k not in OUR_SETTINGS}
    base.update(
        DATABASE_URL=database_url,
        PIPELINE_DATA_DIR=str(tmp_path / "data"),
        QDRANT_PATH=str(tmp_path / "qdrant"),
        PYTHONPATH=str(REPO_ROOT),
        DATABASE_WAIT_S="3",
    )
    yield Cli(base)
