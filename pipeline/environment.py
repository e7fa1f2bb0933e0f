"""The environment Dagster processes need, derived from the settings in one place.

`dagster.yaml` reads its storage URL and folders from these variables, so the CLI, `make dev`
and `eval "$(pipeline env)"` all hand Dagster the same instance.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.settings import REPO_ROOT, Settings
from pipeline.store.database import resolve_database_urls


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


DOTENV = REPO_ROOT / ".env"


def write_dotenv(settings: Settings, path: Path = DOTENV) -> Path:
    """Write the Dagster variables to `.env` in the repo root, where Dagster's CLI
    (`dagster job execute`, `dg launch`, `dagster dev`) reads them, so those commands work
    from the repo root without `eval "$(pipeline env)"`. Only URLs and folders: for the
    embedded Postgres these hold no password."""
    lines = [
        "# Written by `pipeline env --dotenv` (also by `make demo` and `make dev`): the",
        "# instance Dagster's CLI uses when run from this folder. Safe to delete.",
        *(f"{name}={value}" for name, value in dagster_environment(settings).items()),
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def owns_dotenv(settings: Settings) -> bool:
    """Whether these settings are the repo's own instance (embedded Postgres in .data/), the
    one a `.env` may describe; a test's or a production environment's is never written."""
    default_dir = REPO_ROOT / ".data"
    return settings.data_dir.resolve() == default_dir.resolve() and not settings.database_url
