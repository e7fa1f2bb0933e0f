"""Give a run started by `dagster job execute` the code location the UI knows it by.

`dagster job execute -m pipeline.definitions` runs a job from a Python pointer, so its run has
no code-location origin. The run list shows it, but the overview timeline groups runs by
code location and drops runs without one: after `make demo`, `make dev` showed an empty
timeline. Recording the workspace's location ("pipeline", workspace.yaml) on the finished
run fixes that, with the run storage's own origin-migration call.
"""

from __future__ import annotations

import sys

from dagster import DagsterInstance
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


def attach_workspace_origin(instance: DagsterInstance, run_id: str) -> bool:
    """Record the workspace location on a finished run that has none; True when it did."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.remote_job_origin is not None or not run.is_finished:
        return False
    instance.run_storage.replace_job_origin(run, workspace_job_origin(run.job_name))
    return True
