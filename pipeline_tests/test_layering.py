"""Only the orchestration layer imports dagster: the domain stays usable from a plain script."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pipeline

ORCHESTRATION = ("pipeline.defs", "pipeline.definitions")


def _domain_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(pipeline.__path__, prefix="pipeline.")
        if not info.name.startswith(ORCHESTRATION)
    ]
    return sorted(name for name in names if name != "pipeline.cli")


def test_domain_modules_import_without_dagster():
    modules = _domain_modules()
    assert "pipeline.store.database" in modules  # the walk found the packages
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'dagster' or m.startswith('dagster.'))\n"
        "print(leaked[:5])\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, f"dagster imported by the domain: {result.stdout}{result.stderr}"
