"""Which Postgres to use, and SQLAlchemy engines for it.

With DATABASE_URL set the project starts nothing; without it, it starts the embedded server
in the data folder. Either way an unreachable server becomes one clear line naming the setting.
Throwaway runs (tests, benchmarks) get a server and a scratch schema from the same place
(`server_or_embedded`, `scratch_schema`).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

from pipeline.errors import ConfigurationError, DatabaseUnavailableError, SchemaMissingError
from pipeline.settings import Settings
from pipeline.store.embedded import (
    APP_DATABASE,
    DAGSTER_DATABASE,
    embedded_url,
    start_embedded_postgres,
    stop_embedded_postgres,
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
    except (sa.exc.ArgumentError, ValueError) as e:  # ValueError: a port that is not a number
        raise ConfigurationError(f"{setting} is not a valid database URL: {e}") from e
    if url.get_backend_name() not in ("postgresql", "postgres"):
        raise ConfigurationError(f"{setting} must be a postgresql URL, got {url.drivername!r}")
    return url.set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)


def libpq_url(sqlalchemy_url: str) -> str:
    """The same URL without the SQLAlchemy driver suffix, for libpq-style clients (yoyo)."""
    url: URL = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def url_with_schema(server_url: str, schema: str) -> str:
    """The server URL with `schema` first on the search_path of every connection."""
    url = make_url(server_url)
    query = {**url.query, "options": f"-csearch_path={schema}"}
    return url.set(query=query).render_as_string(hide_password=False)


@contextlib.contextmanager
def server_or_embedded(configured: str | None, *, setting: str, pgdata: Path) -> Iterator[str]:
    """The server `configured` names, or else an embedded one in `pgdata`, stopped on exit.

    For throwaway runs (tests, benchmarks) that must not touch the project's data folder.
    """
    if configured:
        yield normalise_url(configured, setting=setting)
        return
    socket_dir = start_embedded_postgres(pgdata)
    try:
        yield embedded_url(socket_dir, APP_DATABASE)
    finally:
        stop_embedded_postgres(pgdata)


@contextlib.contextmanager
def scratch_schema(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty schema `<prefix>_<random>` on the server, dropped with its tables on exit;
    yields a URL whose connections see it first (run the migrations for the tables)."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url)
    try:
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield url_with_schema(server_url, schema)
        finally:
            with admin.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


# A pooled connection idle for longer than this is pinged before it is handed out again.
PING_IDLE_S = 10.0


def create_database_engine(
    url: str,
    *,
    setting: str = "DATABASE_URL",
    ping_idle_s: float = PING_IDLE_S,
    statement_timeout_s: float | None = None,
) -> Engine:
    """An engine whose first connection is checked, so a bad URL fails here, in one line.

    Connections time out after 5 s, send TCP keepalives (a vanished server is noticed
    within ~25 s instead of never) and, with `statement_timeout_s`, a statement that runs
    longer is cancelled by the server, and one the server never answers (frozen, SIGSTOP)
    fails on the client shortly after.
    """
    engine = sa.create_engine(
        url,
        pool_size=5,
        max_overflow=10,
        connect_args=_connect_args(url, statement_timeout_s),
    )
    if statement_timeout_s:
        install_client_timeout(statement_timeout_s + min(CLIENT_GRACE_S, statement_timeout_s))
    _ping_when_idle(engine, ping_idle_s)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as e:
        engine.dispose()
        safe = make_url(url).render_as_string(hide_password=True)
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise DatabaseUnavailableError(f"{setting}: cannot connect to {safe}: {reason}") from e
    return engine


def schema_error(error: BaseException) -> SchemaMissingError | None:
    """The one-line error for a statement that met a database without (all of) the schema.

    An `UndefinedTable` means the migrations have not run there (a new database, or an
    older schema than this code): that is a command to run, not a traceback to read.
    """
    orig = getattr(error, "orig", None)
    if not isinstance(error, sa.exc.ProgrammingError) or getattr(orig, "pgcode", None) != "42P01":
        return None
    reason = str(orig).strip().splitlines()[0]
    return SchemaMissingError(
        f"the database has no pipeline schema ({reason}): run `pipeline db migrate`"
    )


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """Ping a pooled connection at checkout only when it sat idle for `idle_s` or more.

    `pool_pre_ping` pings at every checkout: half of a vectorize run's statements were
    pings. A connection returned moments ago is as alive as a ping would show; one that
    sat idle (a server restart, a proxy's idle cut) is pinged, and a dead one is replaced
    (SQLAlchemy retries the checkout on DisconnectionError).
    """

    @sa.event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle_s:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)  # autocommit: leaves no transaction open
        except engine.dialect.loaded_dbapi.Error as e:  # closed, killed, or no answer in time
            raise sa.exc.DisconnectionError(f"stale pooled connection: {e}") from e


# A frozen server answers nothing, so its own statement_timeout never fires: the client gives
# up this long (at most; the statement timeout itself when shorter) after it would have.
CLIENT_GRACE_S = 30.0
_client_timeout_s: float | None = None


def _connect_args(url: str, statement_timeout_s: float | None) -> dict[str, Any]:
    args: dict[str, Any] = {
        "connect_timeout": 5,
        "application_name": "pipeline",
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
    if statement_timeout_s:
        # Added to the URL's own `options` (a search_path, say), which connect_args would
        # otherwise replace.
        existing = make_url(url).query.get("options") or ""
        if isinstance(existing, tuple):
            existing = " ".join(existing)
        timeout = f"-c statement_timeout={int(statement_timeout_s * 1000)}"
        args["options"] = f"{existing} {timeout}".strip()
    return args


def install_client_timeout(seconds: float) -> None:
    """Make every psycopg2 wait in this process give up after `seconds` without an answer.

    psycopg2 blocks in C while it waits for a reply; a wait callback moves that wait into a
    `select` with a deadline. The error text is one SQLAlchemy reads as a disconnect, so the
    pooled connection is dropped and the caller's bounded retry takes over.
    """
    global _client_timeout_s
    import psycopg2.extensions

    first = _client_timeout_s is None
    _client_timeout_s = max(seconds, _client_timeout_s or 0.0)
    if first:
        psycopg2.extensions.set_wait_callback(_wait_with_deadline)


def _wait_with_deadline(connection: Any) -> None:
    import select

    import psycopg2
    import psycopg2.extensions as ext

    limit = _client_timeout_s or 3600.0
    deadline = time.monotonic() + limit
    while True:
        state = connection.poll()
        if state == ext.POLL_OK:
            return
        left = deadline - time.monotonic()
        if left <= 0:
            raise psycopg2.OperationalError(
                f"could not receive data from server: no answer for {limit:.0f}s"
            )
        if state == ext.POLL_READ:
            select.select([connection.fileno()], [], [], left)
        elif state == ext.POLL_WRITE:
            select.select([], [connection.fileno()], [], left)
        else:
            raise psycopg2.OperationalError(f"bad state from poll: {state}")
