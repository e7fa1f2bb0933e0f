"""A vectorize process SIGKILLed mid-run, then run again: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pipeline.settings import REPO_ROOT
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer
from pipeline_tests.vectorize.helpers import CountingEmbedder, chunk_count, load_demo

LEASE_S = 1.0

# The victim: the real Vectorizer on the test database, slowed to ~20 batches a second and
# marking every 0.2 s, so the parent can kill it between batches it has and has not finished.
VICTIM = f"""
import sys, time
from pipeline.store.database import create_database_engine
from pipeline.settings import REPO_ROOT
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer
from pipeline_tests.vectorize.helpers import CountingEmbedder

class SlowEmbedder(CountingEmbedder):
    def embed(self, texts):
        time.sleep(0.05)
        return super().embed(texts)

engine = create_database_engine(sys.argv[1])
store = create_vector_store(path=sys.argv[2])
Vectorizer(
    engine, SlowEmbedder(), store, batch_size=8, lease_s={LEASE_S}, checkpoint_s=0.2
).vectorize_pending()
"""


def test_sigkilled_run_then_rerun_stores_every_chunk_exactly_once(
    db, tables, database_url, qdrant_path
):
    total = load_demo(db, tables, chunks=240)
    victim = subprocess.Popen(
        [sys.executable, "-c", VICTIM, database_url, str(qdrant_path)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        while chunk_count(db, "vectorized_hash IS NOT NULL") < 40:
            assert victim.poll() is None, "the victim finished or died before it was killed"
            time.sleep(0.02)
        victim.send_signal(signal.SIGKILL)
    finally:
        victim.wait(timeout=30)
    marked_before = chunk_count(db, "vectorized_hash IS NOT NULL")
    assert 40 <= marked_before < total
    assert chunk_count(db, "claimed_by IS NOT NULL") > 0  # it died holding claims
    time.sleep(LEASE_S + 0.5)  # the dead run's leases expire by themselves

    store = create_vector_store(path=qdrant_path)
    try:
        embedder = CountingEmbedder()
        summary = Vectorizer(db, embedder, store).vectorize_pending()
        collection = summary["collection"]
        points = store.count(collection)
    finally:
        store.close()

    assert chunk_count(db, "vectorized_hash = content_hash") == total
    assert points == total  # deterministic point ids: re-written chunks replaced, not added
    assert summary["vectorized"] == total - marked_before  # done work was not redone...
    assert max(embedder.texts.values()) == 1  # ...and nothing was embedded twice in the rerun
