"""The vectorizer is domain code: importing it must not pull in Dagster."""

from __future__ import annotations

import subprocess
import sys


def test_importing_pipeline_vectorize_does_not_import_dagster():
    code = (
        "import sys\n"
        "import pipeline.vectorize, pipeline.vectorize.vectorizer, pipeline.store.vectors\n"
        "import pipeline.vectorize.embedders.openai, pipeline.vectorize.embedders.use\n"
        "assert 'dagster' not in sys.modules, 'dagster was imported'\n"
        "assert 'sentence_transformers' not in sys.modules\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
