"""The vector stores behind one interface: Qdrant Edge (embedded default) and qdrant-client's
local mode (a server's API), held to the same contract; Edge's periodic flushes."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.store.vectors import EdgeVectorStore, create_vector_store, point_id


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


@pytest.fixture(params=["edge", "local"])
def store(request, qdrant_path):
    store = create_vector_store(path=qdrant_path, engine=request.param)
    yield store
    store.close()


def _unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_rewriting_a_point_id_replaces_the_point(store):
    store.ensure_collection("c", 3)
    ids = [point_id(1, "m"), point_id(2, "m")]
    vectors = np.stack([_unit(1, 0, 0), _unit(0, 1, 0)])
    store.upsert("c", ids, vectors, [{"chunk_id": 1}, {"chunk_id": 2}])

    store.upsert("c", ids[:1], vectors[1:], [{"chunk_id": 1, "market": "jp_stock"}])

    assert store.count("c") == 2
    (hit,) = store.search("c", _unit(0, 1, 0), limit=1, where={"market": "jp_stock"})
    assert hit.id == ids[0] and hit.payload["chunk_id"] == 1


def test_search_ranks_by_cosine_within_the_payload_filter(store):
    store.ensure_collection("c", 3)
    ids = [point_id(i, "m") for i in range(3)]
    vectors = np.stack([_unit(1, 0, 0), _unit(0.9, 0.1, 0), _unit(0, 0, 1)])
    markets = ["us_stock", "a_share", "us_stock"]
    store.upsert("c", ids, vectors, [{"market": m, "chunk_id": i} for i, m in enumerate(markets)])

    hits = store.search("c", _unit(1, 0, 0), limit=3, where={"market": "us_stock"})

    assert [hit.payload["chunk_id"] for hit in hits] == [0, 2]
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)


def test_ensure_collection_is_idempotent_and_an_unknown_collection_counts_zero(store):
    store.ensure_collection("c", 4)
    store.ensure_collection("c", 4)

    assert store.count("c") == 0
    assert store.count("never_created") == 0
