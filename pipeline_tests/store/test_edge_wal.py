"""Qdrant Edge keeps what `upsert_points` acknowledged when the process is killed unflushed.

The shard logs each update in its write-ahead log before applying it, and the log is a
shared memory map: a SIGKILL loses nothing written to it, and loading the shard replays it.
No flush ran here (`auto_flush=False`, no `flush`, no `close`); only a flush syncs it to disk,
which power loss would need (tests cannot cut the power).
"""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline.settings import REPO_ROOT
from pipeline.store.vectors import EdgeVectorStore, point_id

CHILD = """
import os, signal, sys
import numpy as np
from pipeline.store.vectors import EdgeVectorStore, point_id

store = EdgeVectorStore(sys.argv[1], flush_every=0)
store.ensure_collection("c", 16)
for start in range(0, 1000, 100):
    chunk_ids = range(start, start + 100)
    ids = [point_id(i, "m") for i in chunk_ids]
    vectors = np.random.default_rng(start).standard_normal((100, 16)).astype(np.float32)
    payloads = [{"chunk_id": i, "document_id": i // 10} for i in chunk_ids]
    points = store.prepare_points(ids, vectors, payloads, shared=("document_id",))
    store.upsert_points("c", points, auto_flush=False)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_points_acknowledged_survive_a_sigkill_without_flush(tmp_path):
    folder = tmp_path / "edge"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        timeout=120,
    )
    assert child.returncode == -9
    store = EdgeVectorStore(folder)
    try:
        ids, _, payloads = store.records("c")
    finally:
        store.close()
    assert set(ids) == {point_id(i, "m") for i in range(1000)}
    # The payload set per group of points (set_payload) is in the log too.
    assert all(p["document_id"] == p["chunk_id"] // 10 for p in payloads)
