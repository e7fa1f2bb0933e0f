"""Shared bench setup: a fresh, migrated schema on the embedded Postgres (or
PIPELINE_BENCH_DATABASE_URL), dropped afterwards; demo data loading."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import uuid
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
from sqlalchemy.engine import Engine, make_url  # noqa: E402

from pipeline.store.database import create_database_engine, normalise_url  # noqa: E402
from pipeline.store.migrations import apply_migrations  # noqa: E402


@contextlib.contextmanager
def bench_database() -> Iterator[tuple[Engine, Path]]:
    """(engine on a fresh schema, a scratch folder); everything removed on exit."""
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        scratch_path = Path(scratch)
        configured = os.environ.get("PIPELINE_BENCH_DATABASE_URL")
        stop = None
        if configured:
            server = normalise_url(configured, setting="PIPELINE_BENCH_DATABASE_URL")
        else:
            from pipeline.store.embedded import (
                APP_DATABASE,
                embedded_url,
                start_embedded_postgres,
                stop_embedded_postgres,
            )

            pgdata = scratch_path / "pg"
            server = embedded_url(start_embedded_postgres(pgdata), APP_DATABASE)
            stop = lambda: stop_embedded_postgres(pgdata)  # noqa: E731
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        admin = sa.create_engine(server)
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(server)
        url = url.set(query={**url.query, "options": f"-csearch_path={schema}"})
        url_text = url.render_as_string(hide_password=False)
        engine = None
        try:
            apply_migrations(url_text)
            engine = create_database_engine(url_text)
            yield engine, scratch_path
        finally:
            if engine is not None:
                engine.dispose()
            with admin.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
            if stop:
                stop()


def load_demo_chunks(engine: Engine, chunks: int, seed: int = 7) -> int:
    from pipeline.demo.documents import generate_documents
    from pipeline.store.documents import upsert_documents
    from pipeline.store.tables import reflect_tables
    from pipeline.utils import batched

    tables = reflect_tables(engine)
    for documents in batched(generate_documents(seed=seed, chunks=chunks), 500):
        with engine.begin() as connection:
            upsert_documents(connection, tables, documents)
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
