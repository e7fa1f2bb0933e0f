"""The environment Dagster processes need, derived from the settings in one place.

The `pipeline` commands hand Dagster these variables (`pipeline env` prints them). Dagster's
own commands run without them find the same instance: `dagster.yaml`'s storage classes
(`pipeline/defs/instance_storage.py`) resolve the storage URL and folders here.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

from pipeline.errors import DatabaseUnavailableError, PipelineError
from pipeline.settings import REPO_ROOT, Settings
from pipeline.store.database import (
    DatabaseUrls,
    create_database_engine,
    normalise_url,
    resolve_database_urls,
)
from pipeline.store.embedded import start_embedded_postgres


def dagster_environment(settings: Settings) -> dict[str, str]:
    """Variables for a Dagster process: storage URL, home, artifact folder, app database."""
    urls = resolve_database_urls(settings)
    artifacts = settings.data_dir / "dagster"
    artifacts.mkdir(parents=True, exist_ok=True)
    return {
        "DAGSTER_HOME": str(REPO_ROOT),
        "DAGSTER_POSTGRES_URL": urls.dagster,
        "DAGSTER_ARTIFACTS_DIR": str(artifacts),
        "DATABASE_URL": urls.app,
        "PIPELINE_DATA_DIR": str(settings.data_dir),
    }


def with_dagster_environment(settings: Settings) -> dict[str, str]:
    """This process's environment plus the Dagster variables, for a subprocess."""
    return {**os.environ, **dagster_environment(settings)}


def dagster_artifacts_dir(settings: Settings) -> str:
    """Dagster's folder for compute logs and run files: DAGSTER_ARTIFACTS_DIR, else the data
    folder's `dagster/`."""
    return os.environ.get("DAGSTER_ARTIFACTS_DIR") or str(settings.data_dir / "dagster")


def dagster_storage_url(settings: Settings) -> str:
    """The URL of Dagster's storage, resolved as `pipeline env` does, and reachable.

    DAGSTER_POSTGRES_URL wins, then DATABASE_URL's server; with neither, the embedded
    Postgres (started if need be). What is resolved is exported to this process's environment
    (DATABASE_URL, DAGSTER_POSTGRES_URL) as `eval "$(pipeline env)"` would, so the code
    location loaded here, and the processes it starts, use the same databases. An unreachable
    server is one DatabaseUnavailableError line naming the setting.
    """
    given = os.environ.get("DAGSTER_POSTGRES_URL")
    if given:
        setting = "DAGSTER_POSTGRES_URL"
    elif os.environ.get("DATABASE_URL"):
        setting = "DATABASE_URL"
    else:
        setting = f"the embedded Postgres in {settings.embedded_postgres_dir}"
    if not (given and os.environ.get("DATABASE_URL")):
        urls = _resolve(settings, setting)
        os.environ.setdefault("DATABASE_URL", urls.app)
        os.environ.setdefault("DAGSTER_POSTGRES_URL", urls.dagster)
    url = normalise_url(os.environ["DAGSTER_POSTGRES_URL"], setting=setting)
    try:
        create_database_engine(url, setting=setting).dispose()
    except DatabaseUnavailableError as e:
        if not _restart_embedded(url, settings):
            raise DatabaseUnavailableError(f"Dagster's storage: {e} ({_WHAT_TO_DO})") from e
        create_database_engine(url, setting=setting).dispose()
    return url


_WHAT_TO_DO = (
    "start that server, or point DAGSTER_POSTGRES_URL / DATABASE_URL at one that runs; "
    "unset both for the embedded Postgres"
)


def _resolve(settings: Settings, setting: str) -> DatabaseUrls:
    """resolve_database_urls, with a failure to start the embedded server in one line."""
    try:
        return resolve_database_urls(settings)
    except PipelineError:
        raise
    except Exception as e:  # pgserver's own errors, at the boundary: one line for the user
        reason = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise DatabaseUnavailableError(f"{setting} did not start: {reason}") from e


def _restart_embedded(url: str, settings: Settings) -> bool:
    """Start the embedded server again when `url` may be its socket (stopped by `make stop`
    while the URL stayed exported); True when it then listens where `url` points."""
    host = make_url(url).query.get("host")
    pgdata = settings.embedded_postgres_dir
    if not isinstance(host, str) or not (pgdata / "PG_VERSION").exists():
        return False
    # Its socket is in pgdata, or in a runtime folder when that path is too long for one.
    return Path(start_embedded_postgres(pgdata)).resolve() == Path(host).resolve()


DOTENV = REPO_ROOT / ".env"


def write_dotenv(settings: Settings, path: Path = DOTENV) -> Path:
    """Write DAGSTER_HOME to `.env` in the repo root, where Dagster's CLI (`dagster job
    execute`, `dg launch`, `dagster dev`) reads it, so those commands use the repo's instance
    folder instead of a temporary one. No database URL: `dagster.yaml`'s storage resolves it
    (and one exported in the shell wins, which a `.env` entry would override)."""
    lines = [
        "# Written by `pipeline env --dotenv` (also by `make demo` and `make dev`): the",
        "# instance folder Dagster's CLI uses when run from here. Safe to delete.",
        f"DAGSTER_HOME={REPO_ROOT}",
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def owns_dotenv(settings: Settings) -> bool:
    """Whether these settings are the repo's own instance (embedded Postgres in .data/), the
    one a `.env` may describe; a test's or a production environment's is never written."""
    default_dir = REPO_ROOT / ".data"
    return settings.data_dir.resolve() == default_dir.resolve() and not settings.database_url
