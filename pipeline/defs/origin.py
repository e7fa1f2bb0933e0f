"""Give a run started by `dagster job execute` the code location the UI knows it by.

`dagster job execute -m pipeline.definitions` runs a job from a Python pointer, so its run has
no code-location origin. The run list shows it, but the overview timeline groups runs by
code location and drops runs without one: after `make demo`, `make dev` showed an empty
timeline. The project's run storage (`instance_storage.py`) records the workspace's location
("pipeline", workspace.yaml) on such a run when it is created; `attach_workspace_origin` does
it afterwards on an instance with Dagster's stock storage, with its origin-migration call.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dagster import DagsterInstance, DagsterRun
from dagster._core.code_pointer import FileCodePointer, ModuleCodePointer
from dagster._core.remote_origin import (
    ManagedGrpcPythonEnvCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin

from pipeline.settings import REPO_ROOT

LOCATION_NAME = "pipeline"  # workspace.yaml's location_name
MODULE_NAME = "pipeline.definitions"
REPOSITORY_NAME = "__repository__"  # the repository a Definitions object makes
DEFINITIONS_FILE = (REPO_ROOT / "pipeline" / "definitions.py").resolve()


def workspace_job_origin(job_name: str) -> RemoteJobOrigin:
    location = ManagedGrpcPythonEnvCodeLocationOrigin(
        LoadableTargetOrigin(
            executable_path=sys.executable,
            module_name=MODULE_NAME,
            working_directory=str(REPO_ROOT),
        ),
        location_name=LOCATION_NAME,
    )
    return RemoteJobOrigin(RemoteRepositoryOrigin(location, REPOSITORY_NAME), job_name)


def is_this_code_location(run: DagsterRun) -> bool:
    """Whether the run's Python pointer is this project's definitions module (or its file)."""
    origin = run.job_code_origin
    pointer = origin.repository_origin.code_pointer if origin else None
    if isinstance(pointer, ModuleCodePointer):
        return pointer.module == MODULE_NAME
    if isinstance(pointer, FileCodePointer):
        return Path(pointer.python_file).resolve() == DEFINITIONS_FILE
    return False


def attach_workspace_origin(instance: DagsterInstance, run_id: str) -> bool:
    """Record the workspace location on a finished run that has none; True when it did."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.remote_job_origin is not None or not run.is_finished:
        return False
    instance.run_storage.replace_job_origin(run, workspace_job_origin(run.job_name))
    return True
