"""The embedded Qdrant Edge store: periodic flushes keep its unflushed state bounded."""

from __future__ import annotations

import numpy as np

from pipeline.store.vectors import EdgeVectorStore, point_id


def test_edge_store_flushes_every_n_points_and_keeps_them(tmp_path):
    store = EdgeVectorStore(tmp_path / "edge", flush_every=3)
    store.ensure_collection("c", 4)
    for start in (0, 2, 4):  # 2 points an upsert: a flush after the 2nd (4 >= 3), 2 left
        ids = [point_id(i, "m") for i in (start, start + 1)]
        vectors = np.eye(4, dtype=np.float32)[[start % 4, (start + 1) % 4]]
        store.upsert("c", ids, vectors, [{"chunk_id": start}, {"chunk_id": start + 1}])
    assert store._unflushed["c"] == 2
    assert store.count("c") == 6
    store.close()
    reopened = EdgeVectorStore(tmp_path / "edge")
    assert reopened.count("c") == 6
    reopened.close()
