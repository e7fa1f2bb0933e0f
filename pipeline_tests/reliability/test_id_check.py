"""vectors_match_postgres compares ids: an extra point cannot hide a missing one."""

from __future__ import annotations

import uuid

import numpy as np

from pipeline.defs.vectorize.quality import quality_check
from pipeline.store.vectors import create_vector_store, point_id
from pipeline.vectorize import Vectorizer
from pipeline.vectorize.idcheck import compare_ids
from pipeline_tests.vectorize.helpers import CountingEmbedder, load_demo


def test_an_extra_point_does_not_hide_a_missing_one(db, tables, qdrant_path):
    total = load_demo(db, tables, chunks=50)
    store = create_vector_store(path=qdrant_path)
    try:
        embedder = CountingEmbedder()
        summary = Vectorizer(db, embedder, store).vectorize_pending()
        collection, model = summary["collection"], summary["model"]
        clean = compare_ids(db, store, collection, model, embedder.dimension, page=7)
        assert (clean.rows, clean.points, clean.missing, clean.extra) == (total, total, 0, 0)

        # One point lost, one stray point added: the counts still agree.
        lost = 17
        store.delete(collection, [point_id(lost, model)])
        store.upsert(collection, [str(uuid.uuid4())], np.ones((1, 64), np.float32), [{}])
        ids = compare_ids(db, store, collection, model, embedder.dimension, page=7)
    finally:
        store.close()
    assert ids.points == ids.rows == total
    assert (ids.missing, ids.extra, ids.missing_sample) == (1, 1, [lost])
    check = quality_check(summary, ids, max_failed_ratio=0.05)
    assert not check.passed
    assert check.metadata["missing_points"].value == 1
    assert check.metadata["extra_points"].value == 1
