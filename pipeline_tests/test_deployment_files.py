"""The deployment files say what the code expects: compose wiring, dagster.yaml, workspace."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from pipeline.settings import REPO_ROOT, Settings

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"


# The Compose Specification's JSON schema, vendored from github.com/compose-spec/compose-spec
# (schema/compose-spec.json at 170098ba, Apache-2.0): what `docker compose config` checks the
# file's structure against. No compose binary is installable from the package index with
# this project (docker-compose 1.x pins PyYAML<6), so jsonschema (a dev dependency) validates
# against the same schema, never skipping, and the checks below add what the schema cannot
# see: references between services and volumes, and ${VAR} interpolation syntax. Where a
# compose binary is installed (Debian: apt-get install docker-compose), it checks the file too.
COMPOSE_SCHEMA = REPO_ROOT / "docker" / "compose-spec.json"
_INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}")


def _interpolate(value: Any) -> Any:
    """${VAR:-default} as compose resolves it with nothing set: defaults, else empty."""
    if isinstance(value, dict):
        return {key: _interpolate(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_interpolate(item) for item in value]
    if isinstance(value, str):
        leftover = _INTERPOLATION.sub(lambda m: m["arg"] if m["op"] in (":-", "-") else "", value)
        assert "${" not in leftover, f"malformed interpolation in {value!r}"
        return leftover
    return value


def test_compose_file_is_valid_against_the_compose_specification():
    import jsonschema

    compose = _interpolate(yaml.safe_load(COMPOSE_FILE.read_text()))
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(compose)]
    assert not errors, errors
    services, volumes = compose["services"], set(compose.get("volumes") or {})
    for name, service in services.items():
        depends = service.get("depends_on") or []
        for target in depends:
            assert target in services, f"{name} depends on unknown service {target}"
        for mount in service.get("volumes") or []:
            source = mount.split(":", 1)[0] if isinstance(mount, str) else mount.get("source")
            if source and not source.startswith((".", "/", "~")):
                assert source in volumes, f"{name} mounts undeclared volume {source}"
            elif source and source.startswith("./"):
                assert (REPO_ROOT / source).exists(), f"{name} mounts missing {source}"


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):  # Debian's docker-compose (apt), or compose v1
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


@pytest.mark.skipif(
    _compose_command() is None,
    reason="no compose binary (apt-get install docker-compose); the schema test above ran",
)
def test_compose_file_is_valid_for_docker_compose_itself(tmp_path):
    command = _compose_command()
    result = subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config", "--quiet"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("services:\n  web:\n    image: x\n    restart_policy: 1\n")
    rejected = subprocess.run([*command, "-f", str(broken), "config", "--quiet"],
                              capture_output=True, text=True)  # fmt: skip
    assert rejected.returncode != 0  # the same binary does reject a bad file


def test_the_schema_rejects_what_docker_compose_rejects():
    import jsonschema

    schema = json.loads(COMPOSE_SCHEMA.read_text())
    broken = {"services": {"web": {"image": "x", "ports": "3000:3000", "restart_policy": 1}}}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))  # the check can fail


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


def test_dagster_yaml_names_the_project_storage_and_disables_telemetry():
    config = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())
    storage = config["storage"]["custom"]  # resolves DAGSTER_POSTGRES_URL, else DATABASE_URL...
    assert (storage["module"], storage["class"]) == (
        "pipeline.defs.instance_storage", "ProjectPostgresStorage",
    )  # fmt: skip
    for name in ("storage", "local_artifact_storage", "compute_logs"):
        entry = config[name].get("custom", config[name])
        module = importlib.import_module(entry["module"])
        assert hasattr(module, entry["class"]), name
    assert config["telemetry"]["enabled"] is False
    assert config["nux"]["enabled"] is False


def test_workspace_names_its_code_location():
    workspace = yaml.safe_load((REPO_ROOT / "workspace.yaml").read_text())
    (entry,) = workspace["load_from"]
    assert entry["python_module"] == {
        "module_name": "pipeline.definitions",
        "location_name": "pipeline",
    }
