"""Dagster resources: thin, typed wrappers that hand the domain its clients.

Secrets arrive through `EnvVar` where `pipeline/definitions.py` wires these; nothing here
reads the environment itself.
"""

from __future__ import annotations

from functools import cached_property

from dagster import ConfigurableResource
from pydantic import Field, PrivateAttr
from sqlalchemy.engine import Engine

from pipeline.store.database import create_database_engine, normalise_url
from pipeline.store.tables import Tables, reflect_tables


class PostgresResource(ConfigurableResource):
    """The application database (system of record)."""

    database_url: str = Field(description="SQLAlchemy URL, postgresql+psycopg2://...")

    _engine: Engine | None = PrivateAttr(default=None)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            url = normalise_url(self.database_url, setting="DATABASE_URL")
            self._engine = create_database_engine(url)
        return self._engine

    @cached_property
    def tables(self) -> Tables:
        return reflect_tables(self.engine)
