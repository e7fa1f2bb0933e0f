"""The environment Dagster processes need, derived from the settings in one place.

`dagster.yaml` reads its storage URL and folders from these variables, so the CLI, `make dev`
and `eval "$(pipeline env)"` all hand Dagster the same instance.
"""

from __future__ import annotations

import os

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
