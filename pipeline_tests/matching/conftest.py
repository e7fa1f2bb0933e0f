"""Fixtures for the matcher: profile rows written straight into the real Postgres."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.matching.config import MatchingConfig
from pipeline.store.vectors import EdgeVectorStore, QdrantClientStore, VectorStore
from pipeline.vectorize.embedders.hashing import HashingEmbedder

_counter = itertools.count(1)


def _email(connection, language: str) -> int:
    n = next(_counter)
    raw = f"Subject: profile {n}\n\nbody {n}".encode()
    return connection.execute(
        sa.text(
            "INSERT INTO emails (message_id, raw, raw_sha256, subject, language) "
            "VALUES (:m, :raw, :sha, :s, :lang) RETURNING id"
        ),
        {"m": f"<{n}@test>", "raw": raw, "sha": hashlib.sha256(raw).hexdigest(),
         "s": f"profile {n}", "lang": language},
    ).scalar_one()  # fmt: skip


def _insert(connection, table: str, row: dict[str, Any]) -> int:
    import json

    values = {k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in row.items()}
    columns = ", ".join(values)
    params = ", ".join(
        f"CAST(:{k} AS jsonb)" if isinstance(row[k], dict) else f":{k}" for k in values
    )
    return connection.execute(
        sa.text(f"INSERT INTO {table} ({columns}) VALUES ({params}) RETURNING id"), values
    ).scalar_one()


@pytest.fixture
def add_candidate(db: Engine) -> Callable[..., int]:
    """Insert a candidate (a Java engineer in Tokyo by default); keyword arguments override."""

    def add(language: str = "ja", **fields: Any) -> int:
        row = {
            "skills": ["Java", "Spring Boot"], "experience_years": 6.0,
            "rate_min": 650000, "rate_max": 650000, "rate_currency": "JPY", "rate_period": "month",
            "monthly_rate_min": 650000, "monthly_rate_max": 650000, "place": "Tokyo",
            "remote": "partial", "available_from": date(2027, 1, 1), "nationality": "JP",
            "japanese_level": "native", "commercial_depth": 0,
            **fields,
        }  # fmt: skip
        with db.begin() as connection:
            row["email_id"] = _email(connection, language)
            return _insert(connection, "candidates", row)

    return add


@pytest.fixture
def add_project(db: Engine) -> Callable[..., int]:
    """Insert a project (Java / Spring Boot in Tokyo, budget 70万) with overrides."""

    def add(language: str = "ja", **fields: Any) -> int:
        row = {
            "title": "Java backend", "required_skills": ["Java", "Spring Boot"],
            "preferred_skills": ["AWS"], "min_experience_years": 5.0,
            "budget_min": 600000, "budget_max": 700000, "budget_currency": "JPY",
            "budget_period": "month", "monthly_budget_min": 600000, "monthly_budget_max": 700000,
            "place": "Tokyo", "remote": "partial", "start_date": date(2027, 1, 1),
            **fields,
        }  # fmt: skip
        with db.begin() as connection:
            row["email_id"] = _email(connection, language)
            return _insert(connection, "projects", row)

    return add


@pytest.fixture(params=["edge", "local"])
def vector_store(request, tmp_path) -> Iterator[VectorStore]:
    """Both embedded stores: Qdrant Edge and qdrant-client's local mode (in memory)."""
    store = (
        EdgeVectorStore(tmp_path / "edge")
        if request.param == "edge"
        else QdrantClientStore(":memory:")
    )
    yield store
    store.close()


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder(dimension=64)


@pytest.fixture
def config() -> MatchingConfig:
    return MatchingConfig()
