"""Only the orchestration layer imports dagster, and nothing imports the gpu extra at import time:
the domain (the vectorizer included) stays usable from a plain script. Tests keep to their
layer too: none imports a conftest."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline

ORCHESTRATION = ("pipeline.defs", "pipeline.definitions")


def _domain_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(pipeline.__path__, prefix="pipeline.")
        if not info.name.startswith(ORCHESTRATION)
    ]
    return sorted(name for name in names if name != "pipeline.cli")


@pytest.mark.parametrize("package", ["dagster", "sentence_transformers"])
def test_domain_modules_import_without(package: str):
    modules = _domain_modules()
    # The walk found the packages, the vectorizer and its embedders among them.
    assert {"pipeline.store.database", "pipeline.vectorize.vectorizer"} <= set(modules)
    assert "pipeline.vectorize.embedders.sentence_transformers" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"leaked = sorted(m for m in sys.modules if m.split('.')[0] == {package!r})\n"
        "print(leaked[:5])\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, (
        f"{package} imported by the domain: {result.stdout}{result.stderr}"
    )


def test_no_test_imports_a_conftest():
    # Fixtures reach tests through pytest; shared helpers live in pipeline_tests/support.py.
    tests = Path(__file__).resolve().parent
    importing = [
        path.relative_to(tests).as_posix()
        for path in sorted(tests.rglob("*.py"))
        if re.search(r"^\s*(from|import) pipeline_tests\S*conftest", path.read_text(), re.M)
    ]
    assert importing == []
