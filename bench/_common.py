"""Shared bench setup: a fresh, migrated schema on the embedded Postgres (or
PIPELINE_BENCH_DATABASE_URL), dropped afterwards; demo data loading."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# bench/pipeline.py shares its name with the `pipeline` package, and a script's own folder is
# first on sys.path: import the package once without bench/ on the path, so every script here
# (all import this module first) gets the real one from sys.modules.
_BENCH = Path(__file__).resolve().parent
_PATH = sys.path[:]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _BENCH]
import pipeline  # noqa: E402, F401

sys.path[:] = _PATH

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from pipeline.store.database import (  # noqa: E402
    create_database_engine,
    scratch_schema,
    server_or_embedded,
)
from pipeline.store.migrations import apply_migrations  # noqa: E402


@contextlib.contextmanager
def bench_database() -> Iterator[tuple[Engine, Path]]:
    """(engine on a fresh schema, a scratch folder); everything removed on exit."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch_path = Path(scratch)
        configured = os.environ.get("PIPELINE_BENCH_DATABASE_URL")
        with (
            server_or_embedded(
                configured, setting="PIPELINE_BENCH_DATABASE_URL", pgdata=scratch_path / "pg"
            ) as server,
            scratch_schema(server, "bench") as url,
        ):
            apply_migrations(url)
            engine = create_database_engine(url)
            try:
                yield engine, scratch_path
            finally:
                engine.dispose()


def load_demo_chunks(engine: Engine, chunks: int, seed: int = 7) -> int:
    from pipeline.demo.documents import load_demo_reports
    from pipeline.store.tables import reflect_tables

    load_demo_reports(engine, reflect_tables(engine), seed=seed, chunks=chunks)
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM document_chunks")).scalar_one()


def reset_vectors(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET vectorized_at = NULL, embedding_model = NULL, "
                "embedding_dim = NULL, vectorized_hash = NULL, attempts = 0, last_error = NULL, "
                "dead_letter = false, claimed_by = NULL, claim_expires_at = NULL"
            )
        )
