"""Shared fixtures: one real Postgres for the session, a fresh schema for the run.

The server is the one named by PIPELINE_TEST_DATABASE_URL when set (CI points it at
127.0.0.1:5432), otherwise an embedded server started in a temporary folder.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from pipeline.settings import Settings
from pipeline.store.database import create_database_engine, normalise_url
from pipeline.store.migrations import apply_migrations
from pipeline.store.tables import Tables, reflect_tables

APP_TABLES = (
    "matches", "candidates", "projects", "emails", "document_chunks", "documents",
    "profile_points", "match_state", "llm_cache", "vector_deletions", "index_models",
    "chunk_vectors",
)  # fmt: skip


@pytest.fixture(scope="session")
def postgres_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Postgres server for the whole session."""
    configured = os.environ.get("PIPELINE_TEST_DATABASE_URL")
    if configured:
        yield normalise_url(configured, setting="PIPELINE_TEST_DATABASE_URL")
        return
    from pipeline.store.embedded import (
        APP_DATABASE,
        embedded_url,
        start_embedded_postgres,
        stop_embedded_postgres,
    )

    pgdata = tmp_path_factory.mktemp("pg") / "data"
    socket_dir = start_embedded_postgres(pgdata)
    try:
        yield embedded_url(socket_dir, APP_DATABASE)
    finally:
        stop_embedded_postgres(pgdata)


def url_with_schema(server_url: str, schema: str) -> str:
    """The server URL with `schema` first on the search_path of every connection."""
    url = make_url(server_url)
    query = dict(url.query)
    query["options"] = f"-csearch_path={schema}"
    return url.set(query=query).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, migrated schema for this test session, dropped at the end."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server_url)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = url_with_schema(postgres_server_url, schema)
    apply_migrations(url)
    try:
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def tables(engine: Engine) -> Tables:
    return reflect_tables(engine)


@pytest.fixture
def db(engine: Engine) -> Engine:
    """The session engine, with every application table emptied before the test."""
    with engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {', '.join(APP_TABLES)} RESTART IDENTITY CASCADE"))
    return engine


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings for a test: the session database, a private data folder, the hashing embedder."""
    return Settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        embedder="hashing",
    )


@pytest.fixture
def qdrant_path(tmp_path: Path) -> Path:
    """A folder for Qdrant's local mode, private to the test."""
    path = tmp_path / "qdrant"
    path.mkdir()
    return path
