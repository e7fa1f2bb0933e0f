"""The Dagster instance's storage classes that `dagster.yaml` names.

They find the project's instance the way `pipeline env` does, so Dagster's own commands work
from the repo root with nothing exported and no `.env` (a fresh clone, or after `make stop`):
DAGSTER_POSTGRES_URL, else DATABASE_URL's server, else the embedded Postgres, started if need
be. A server that cannot be reached is one line (`Error: Dagster's storage: ...`), not a
traceback. Runs of this code location started from a Python pointer (`dagster job execute
-m pipeline.definitions`, `dg launch --job`) get the workspace's location when created, so
the UI's overview timeline lists them like the runs it launches.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

import click
from dagster import DagsterRun
from dagster._config.config_schema import UserConfigSchema
from dagster._core.storage.base_storage import DagsterStorage
from dagster._core.storage.local_compute_log_manager import LocalComputeLogManager
from dagster._core.storage.root import LocalArtifactStorage
from dagster._serdes import ConfigurableClass, ConfigurableClassData
from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage, PostgresScheduleStorage

from pipeline.defs.origin import is_this_code_location, workspace_job_origin
from pipeline.environment import dagster_artifacts_dir, dagster_storage_url
from pipeline.errors import PipelineError
from pipeline.settings import get_settings


class InstanceStorageError(PipelineError, click.ClickException):
    """The instance cannot be loaded: Dagster's CLI prints it as one `Error:` line, the
    `pipeline` commands as any PipelineError."""


class WorkspaceOriginRunStorage(PostgresRunStorage):
    """Postgres run storage that records the workspace's code location on a run created
    without one (a Python pointer's run), with the repository tag the UI filters on."""

    def add_run(self, dagster_run: DagsterRun) -> DagsterRun:
        if dagster_run.remote_job_origin is None and is_this_code_location(dagster_run):
            dagster_run = dagster_run.with_job_origin(workspace_job_origin(dagster_run.job_name))
        return super().add_run(dagster_run)


class _FromSettings:
    """Built where the project's settings say (`_location`), whatever `dagster.yaml` passes."""

    @classmethod
    def config_type(cls) -> UserConfigSchema:
        return {}

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData | None, config_value: Mapping[str, Any]
    ) -> Self:
        return cls(cls._location(), inst_data=inst_data)

    @classmethod
    def _location(cls) -> str:
        raise NotImplementedError


class ProjectPostgresStorage(_FromSettings, DagsterStorage, ConfigurableClass):
    """Dagster's Postgres run, event and schedule storage on the project's storage URL."""

    def __init__(self, postgres_url: str, inst_data: ConfigurableClassData | None = None):
        self.postgres_url = postgres_url
        self._inst_data = inst_data
        self._run_storage = WorkspaceOriginRunStorage(postgres_url)
        self._event_log_storage = PostgresEventLogStorage(postgres_url)
        self._schedule_storage = PostgresScheduleStorage(postgres_url)
        super().__init__()

    @property
    def inst_data(self) -> ConfigurableClassData | None:
        return self._inst_data

    @classmethod
    def _location(cls) -> str:
        try:
            return dagster_storage_url(get_settings())
        except PipelineError as e:
            raise InstanceStorageError(str(e)) from e

    @property
    def run_storage(self) -> WorkspaceOriginRunStorage:
        return self._run_storage

    @property
    def event_log_storage(self) -> PostgresEventLogStorage:
        return self._event_log_storage

    @property
    def schedule_storage(self) -> PostgresScheduleStorage:
        return self._schedule_storage


class _InArtifactsDir(_FromSettings):
    """In DAGSTER_ARTIFACTS_DIR, else the data folder's `dagster/`."""

    @classmethod
    def _location(cls) -> str:
        return dagster_artifacts_dir(get_settings())


class ProjectArtifactStorage(_InArtifactsDir, LocalArtifactStorage):
    """Dagster's run files in DAGSTER_ARTIFACTS_DIR, else the data folder's `dagster/`."""


class ProjectComputeLogManager(_InArtifactsDir, LocalComputeLogManager):
    """Step logs in the same folder as the run files."""
