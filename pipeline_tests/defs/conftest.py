"""Fixtures for the orchestration tests: a real Dagster instance on Postgres storage.

Dagster's run, event and schedule storage get a fresh database on the session's server
(dropped at the end), so these tests exercise the same storage the project runs on.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from dagster import DagsterInstance, instance_for_test
from sqlalchemy.engine import make_url

from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource


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
def dagster_instance(dagster_postgres_url: str) -> Iterator[DagsterInstance]:
    overrides = {"storage": {"postgres": {"postgres_url": dagster_postgres_url}}}
    with instance_for_test(overrides=overrides) as instance:
        yield instance


@pytest.fixture
def resources(database_url: str, qdrant_path: Path) -> dict[str, object]:
    """The job's resources for a test: session schema, private Qdrant folder, hashing model."""
    return {
        "postgres": PostgresResource(database_url=database_url),
        "qdrant": QdrantResource(path=str(qdrant_path)),
        "embedder": EmbedderResource(provider="hashing", dimensions=64),
    }
