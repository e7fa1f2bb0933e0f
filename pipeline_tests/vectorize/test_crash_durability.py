"""What a SIGKILL leaves behind: every chunk marked vectorized has its point in the store.

The vectorizer marks chunks at checkpoints, after the store's flush; Qdrant Edge replays its
write-ahead log on load, so points written after the last flush survive a killed process
too (those are pending and get redone). The victim here checkpoints every 32 points, so it
is killed between checkpoints with points written but not marked, and with marks behind it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import sqlalchemy as sa

from pipeline.settings import REPO_ROOT
from pipeline.store.vectors import collection_name, create_vector_store, point_id
from pipeline_tests.vectorize.helpers import CountingEmbedder, chunk_count, load_demo

VICTIM = """
import sys, time
from pipeline.store.database import create_database_engine
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer
from pipeline_tests.vectorize.helpers import CountingEmbedder

class SlowEmbedder(CountingEmbedder):
    def embed(self, texts):
        time.sleep(0.01)
        return super().embed(texts)

engine = create_database_engine(sys.argv[1])
store = create_vector_store(path=sys.argv[2])
Vectorizer(
    engine, SlowEmbedder(), store, batch_size=8, checkpoint_points=32, checkpoint_s=60.0
).vectorize_pending()
"""


def test_every_chunk_marked_before_a_sigkill_has_its_point(db, tables, database_url, qdrant_path):
    total = load_demo(db, tables, chunks=600)
    victim = subprocess.Popen(
        [sys.executable, "-c", VICTIM, database_url, str(qdrant_path)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        while chunk_count(db, "vectorized_hash IS NOT NULL") < 100:
            assert victim.poll() is None, "the victim finished or died before it was killed"
            time.sleep(0.005)
        victim.send_signal(signal.SIGKILL)
    finally:
        victim.wait(timeout=30)
    with db.connect() as connection:
        marked = connection.execute(
            sa.text("SELECT id FROM document_chunks WHERE vectorized_hash = content_hash")
        ).scalars()
        marked_ids = set(marked)
    assert 100 <= len(marked_ids) < total

    embedder = CountingEmbedder()
    store = create_vector_store(path=qdrant_path)  # loading replays the WAL
    try:
        stored = store.point_ids(collection_name(embedder.name, embedder.dimension))
    finally:
        store.close()
    missing = {i for i in marked_ids if point_id(i, embedder.name) not in stored}
    assert not missing, f"{len(missing)} marked chunk(s) lost their point"
    assert len(stored) >= len(marked_ids)  # and any written since the last checkpoint
