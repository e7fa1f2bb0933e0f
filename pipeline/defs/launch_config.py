"""Check a run config against a job before launching it, so a typo is one line, not a run.

`dagster job execute -c file.yaml` rejects a bad config with a 70-line traceback. The CLI
checks the same merged config here first (Dagster's own `validate_run_config`) and says what
is wrong in one line per error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from dagster import DagsterInvalidConfigError, validate_run_config

from pipeline.errors import ConfigurationError


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge, later files win: the way `dagster job execute -c a -c b` combines them."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def load_run_config(paths: Sequence[Path]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for path in paths:
        try:
            loaded = yaml.safe_load(Path(path).read_text()) or {}
        except (OSError, yaml.YAMLError) as e:
            raise ConfigurationError(f"--config {path}: {str(e).splitlines()[0]}") from e
        if not isinstance(loaded, Mapping):
            raise ConfigurationError(f"--config {path}: expected a mapping of run config")
        config = _merge(config, loaded)
    return config


def check_run_config(job_name: str, paths: Sequence[Path]) -> None:
    """Raise ConfigurationError naming the files and Dagster's errors when the config is bad."""
    if not paths:
        return
    from pipeline.definitions import defs

    job = defs.resolve_job_def(job_name)
    try:
        validate_run_config(job, load_run_config(paths))
    except DagsterInvalidConfigError as e:
        errors = "; ".join(_short(error.message) for error in e.errors) or str(e).splitlines()[0]
        names = ", ".join(str(p) for p in paths)
        raise ConfigurationError(f"--config {names}: {errors}") from None


def _short(message: str) -> str:
    """Dagster's message without the whole expected schema it appends (hundreds of chars)."""
    head, _, _ = message.partition(' Expected: "')
    return " ".join(head.split())
