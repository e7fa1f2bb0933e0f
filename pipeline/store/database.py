"""Which Postgres to use, and SQLAlchemy engines for it.

With DATABASE_URL set the project starts nothing; without it, it starts the embedded server
in the data folder. Either way an unreachable server becomes one clear line naming the setting.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from pipeline.errors import ConfigurationError, DatabaseUnavailableError
from pipeline.settings import Settings
from pipeline.store.embedded import (
    APP_DATABASE,
    DAGSTER_DATABASE,
    embedded_url,
    start_embedded_postgres,
)


@dataclass(frozen=True)
class DatabaseUrls:
    """The application database and Dagster's storage, and the setting each came from."""

    app: str
    dagster: str
    source: str  # "DATABASE_URL" or "embedded"


def resolve_database_urls(settings: Settings) -> DatabaseUrls:
    """The URLs to use, starting the embedded Postgres when no DATABASE_URL is set."""
    if settings.database_url:
        app = normalise_url(settings.database_url, setting="DATABASE_URL")
        dagster = (
            normalise_url(settings.dagster_postgres_url, setting="DAGSTER_POSTGRES_URL")
            if settings.dagster_postgres_url
            else app
        )
        return DatabaseUrls(app=app, dagster=dagster, source="DATABASE_URL")
    socket_dir = start_embedded_postgres(settings.embedded_postgres_dir)
    return DatabaseUrls(
        app=embedded_url(socket_dir, APP_DATABASE),
        dagster=embedded_url(socket_dir, DAGSTER_DATABASE),
        source="embedded",
    )


def normalise_url(raw: str, *, setting: str) -> str:
    """Parse a Postgres URL, pinning the psycopg2 driver (SQLAlchemy 2.1 defaults to psycopg 3)."""
    try:
        url = make_url(raw)
    except Exception as e:
        raise ConfigurationError(f"{setting} is not a valid database URL: {e}") from e
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise ConfigurationError(f"{setting} must be a postgresql URL, got {url.drivername!r}")
    return url.set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)


def libpq_url(sqlalchemy_url: str) -> str:
    """The same URL without the SQLAlchemy driver suffix, for libpq-style clients (yoyo)."""
    url: URL = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def create_database_engine(url: str, *, setting: str = "DATABASE_URL") -> Engine:
    """An engine whose first connection is checked, so a bad URL fails here, in one line."""
    engine = sa.create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        connect_args={"connect_timeout": 5, "application_name": "pipeline"},
    )
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as e:
        engine.dispose()
        safe = make_url(url).render_as_string(hide_password=True)
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise DatabaseUnavailableError(f"{setting}: cannot connect to {safe}: {reason}") from e
    return engine
