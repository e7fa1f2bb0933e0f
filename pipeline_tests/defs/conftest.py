"""Fixtures for the orchestration tests: a real Dagster instance on Postgres storage.

Dagster's run, event and schedule storage get a fresh database on the session's server
(`dagster_postgres_url`, dropped at the end), so these tests exercise the same storage the
project runs on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dagster import DagsterInstance, instance_for_test

from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource


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
