"""Shared fixtures: one real Postgres for the session, a fresh schema for the run.

The server is the one named by PIPELINE_TEST_DATABASE_URL when set (CI points it at
127.0.0.1:5432), otherwise an embedded server started in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from pipeline.settings import Settings
from pipeline.store.database import create_database_engine, scratch_schema, server_or_embedded
from pipeline.store.migrations import apply_migrations
from pipeline.store.tables import Tables, reflect_tables
from pipeline_tests.support import APP_TABLES


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """URL of a real Postgres server for the whole session.

    The embedded server's folder is not under pytest's base temp: another pytest session of
    the same user makes that folder private again (mode 0700) when it starts, and as root the
    server runs as another user, so it would lose its own data folder mid-run.
    """
    configured = os.environ.get("PIPELINE_TEST_DATABASE_URL")
    folder = Path(tempfile.mkdtemp(prefix="pipeline-test-pg-"))
    try:
        with server_or_embedded(
            configured, setting="PIPELINE_TEST_DATABASE_URL", pgdata=folder / "data"
        ) as url:
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, migrated schema for this test session, dropped at the end."""
    with scratch_schema(postgres_server_url, "test") as url:
        apply_migrations(url)
        yield url


@pytest.fixture(scope="session")
def dagster_postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh database for Dagster's storage on the session's Postgres server."""
    name = f"dagster_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_server_url).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
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
    """A folder for the embedded vector store (Qdrant Edge by default), private to the test."""
    path = tmp_path / "qdrant"
    path.mkdir()
    return path
