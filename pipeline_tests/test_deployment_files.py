"""The deployment files say what the code expects: compose wiring, dagster.yaml, workspace."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from pipeline.settings import REPO_ROOT, Settings

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def test_compose_file_is_valid_for_docker_compose():
    command = _compose_command()
    if command is None:
        pytest.skip("neither docker-compose nor the docker compose plugin is installed here")
    result = subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config", "--quiet"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_compose_wires_every_service_through_the_environment():
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    services = compose["services"]
    assert {"postgres", "qdrant", "usercode", "webserver", "daemon"} <= set(services)
    for name in ("usercode", "webserver", "daemon"):
        environment = services[name]["environment"]
        for variable in ("DATABASE_URL", "DAGSTER_POSTGRES_URL", "QDRANT_URL"):
            assert variable in environment, (name, variable)
        assert environment["DATABASE_URL"].startswith("postgresql+psycopg2://")


def test_compose_environment_names_are_settings_the_code_reads():
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    read_by_dagster_yaml = {"DAGSTER_POSTGRES_URL", "DAGSTER_ARTIFACTS_DIR"}
    known = {name.upper() for name in Settings.model_fields} | read_by_dagster_yaml
    unknown = set(compose["services"]["usercode"]["environment"]) - known
    assert not unknown, f"compose sets variables nothing reads: {unknown}"


def test_dagster_yaml_reads_storage_from_the_environment_and_disables_telemetry():
    config = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())
    assert config["storage"]["postgres"]["postgres_url"] == {"env": "DAGSTER_POSTGRES_URL"}
    assert config["telemetry"]["enabled"] is False
    assert config["nux"]["enabled"] is False


def test_workspace_names_its_code_location():
    workspace = yaml.safe_load((REPO_ROOT / "workspace.yaml").read_text())
    (entry,) = workspace["load_from"]
    assert entry["python_module"] == {
        "module_name": "pipeline.definitions",
        "location_name": "pipeline",
    }
