"""A Dagster webserver started from Python on a private instance, and a tiny GraphQL client.

Shared by the end-to-end test and `bench/progress_events.py`. The server is stopped with
SIGINT (DESIGN: a `dagster dev` started from bash ignores SIGTERM; Dagster's servers shut
down cleanly on SIGINT). The instance is the repo's dagster.yaml (Postgres storage from
DAGSTER_POSTGRES_URL) with the DefaultRunCoordinator, so the webserver launches runs itself
and no daemon is needed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.settings import REPO_ROOT

LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchPipelineExecution(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
  }
}"""

LOGS = """
query Logs($runId: ID!, $after: String) {
  logsForRun(runId: $runId, afterCursor: $after) {
    __typename
    ... on EventConnection {
      cursor
      events {
        __typename
        ... on MaterializationEvent { assetKey { path } description timestamp }
      }
    }
  }
}"""

STATUS = """
query Status($runId: ID!) { runOrError(runId: $runId) { ... on Run { status } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def instance_home(home: Path, queued: bool = False, dequeue_s: int | None = None) -> Path:
    """DAGSTER_HOME with the repo's dagster.yaml; without `queued`, minus the run queue;
    `dequeue_s` replaces the queue's poll interval (a baseline: Dagster's default is 5)."""
    home.mkdir(parents=True, exist_ok=True)
    text = (REPO_ROOT / "dagster.yaml").read_text()
    if dequeue_s is not None:
        text = re.sub(
            r"dequeue_interval_seconds: \d+", f"dequeue_interval_seconds: {dequeue_s}", text
        )
    if not queued:  # the webserver launches runs itself: no daemon needed
        text = re.sub(
            r"\nrun_coordinator:\n(?:  .*\n)+",
            "\nrun_coordinator:\n  module: dagster._core.run_coordinator\n"
            "  class: DefaultRunCoordinator\n",
            text,
        )
    (home / "dagster.yaml").write_text(text)
    return home


class GraphQL:
    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/graphql"

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                payload = json.loads(response.read())
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"GraphQL HTTP {e.code}: {e.read()[:2000]!r}") from e
        if payload.get("errors"):
            raise RuntimeError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]

    def launch(self, job: str, run_config: dict[str, Any], location: str = "pipeline") -> str:
        params = {
            "selector": {
                "repositoryLocationName": location,
                "repositoryName": "__repository__",
                "pipelineName": job,
            },
            "runConfigData": run_config,
        }
        result = self(LAUNCH, params=params)["launchPipelineExecution"]
        if result["__typename"] != "LaunchRunSuccess":
            raise RuntimeError(f"launch failed: {result}")
        return result["run"]["runId"]

    def status(self, run_id: str) -> str:
        return self(STATUS, runId=run_id)["runOrError"]["status"]

    def materializations(self, run_id: str) -> list[dict[str, Any]]:
        logs = self(LOGS, runId=run_id, after=None)["logsForRun"]
        return [e for e in logs.get("events", []) if e["__typename"] == "MaterializationEvent"]


def _start(command: list[str], env: dict[str, str], log_name: str):
    log = open(Path(env["DAGSTER_HOME"]) / log_name, "w")  # noqa: SIM115
    process = subprocess.Popen(
        command,
        # Not the repo root: Dagster's CLI lets a .env there (make demo writes one) override
        # the environment given here, which would point the test at the demo's instance.
        cwd=env["DAGSTER_HOME"],
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group: the code server it spawns is stopped with it
    )
    return process, log


def _stop(process: subprocess.Popen, log) -> None:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # a code server that outlived the SIGINT
    log.close()


@contextmanager
def dagster_webserver(
    env: dict[str, str], timeout_s: float = 90, daemon: bool = False
) -> Iterator[GraphQL]:
    """Start `dagster-webserver -w workspace.yaml` (and with `daemon`,
    `dagster-daemon run`, which dequeues queued runs as under `make dev`); stop with SIGINT."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("dagster-webserver")),
        "-w", str(REPO_ROOT / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(port),
    ]  # fmt: skip
    process, log = _start(command, env, "webserver.log")
    helper = None
    if daemon:
        daemon_command = [str(Path(sys.executable).with_name("dagster-daemon")), "run",
                          "-w", str(REPO_ROOT / "workspace.yaml")]  # fmt: skip
        helper = _start(daemon_command, env, "daemon.log")
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"webserver exited: {Path(log.name).read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError("webserver did not answer in time") from None
                time.sleep(0.5)
        yield GraphQL(port)
    finally:
        _stop(process, log)
        if helper is not None:
            _stop(*helper)
