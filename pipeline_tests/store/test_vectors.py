"""The vector stores behind one interface: Qdrant Edge (embedded default) and qdrant-client's
local mode (a server's API), held to the same contract; Edge's periodic flushes and sealed
segments."""

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


def _write_points(store: EdgeVectorStore, collection: str, n: int, dimension: int) -> None:
    rng = np.random.default_rng(0)
    for start in range(0, n, 32):
        ids = [point_id(i, "m") for i in range(start, start + 32)]
        vectors = rng.standard_normal((32, dimension)).astype(np.float32)
        store.upsert(collection, ids, vectors, [{"chunk_id": i} for i in range(start, start + 32)])


def _segments(store: EdgeVectorStore, collection: str) -> int:
    return store._shard(collection).info().segments_count


def test_edge_store_seals_full_segments_and_every_point_stays_findable(tmp_path):
    # 64-d float32 = 256 bytes a vector: a 16 KB segment is full at 64 points
    store = EdgeVectorStore(tmp_path / "edge", flush_every=64, segment_kb=16)
    store.ensure_collection("c", 64)
    _write_points(store, "c", 640, 64)
    assert _segments(store, "c") >= 5

    target = np.eye(64, dtype=np.float32)[7]  # rewrite point 0, now in a sealed segment
    store.upsert("c", [point_id(0, "m")], target[None, :], [{"chunk_id": 0, "rewritten": True}])

    assert store.count("c") == 640
    (hit,) = store.search("c", target, limit=1)
    assert hit.id == point_id(0, "m") and hit.payload["rewritten"] is True
    store.close()
    reopened = EdgeVectorStore(tmp_path / "edge")
    assert reopened.count("c") == 640
    reopened.close()


def test_a_collection_can_seal_at_its_own_size_and_flush_alone(tmp_path):
    store = EdgeVectorStore(tmp_path / "edge", flush_every=64, segment_kb=16)
    store.ensure_collection("big", 64, segment_kb=1024)  # 4,096 points before a seal
    store.ensure_collection("small", 64)
    _write_points(store, "big", 640, 64)
    _write_points(store, "small", 640, 64)
    assert _segments(store, "big") == 1 and _segments(store, "small") >= 5
    store.upsert("big", [point_id(9999, "m")], np.ones((1, 64), np.float32), [{}])
    store.upsert("small", [point_id(9999, "m")], np.ones((1, 64), np.float32), [{}])
    store.flush("big")
    assert "big" not in store._unflushed and store._unflushed["small"] == 1
    store.close()
    reopened = EdgeVectorStore(tmp_path / "edge")
    assert (reopened.count("big"), reopened.count("small")) == (641, 641)
    reopened.close()


def test_a_shard_created_by_an_older_version_is_sealed_too(tmp_path):
    import qdrant_edge as q

    folder = tmp_path / "edge" / "c"
    folder.mkdir(parents=True)
    vectors = q.EdgeVectorParams(size=64, distance=q.Distance.Cosine)  # the old, bare config
    q.EdgeShard.create(str(folder), q.EdgeConfig(vectors=vectors)).close()

    store = EdgeVectorStore(tmp_path / "edge", flush_every=64, segment_kb=16)
    store.ensure_collection("c", 64)
    _write_points(store, "c", 320, 64)

    assert _segments(store, "c") >= 3
    assert store.count("c") == 320
    store.close()


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
