"""The vectorize loop end to end: real Postgres, and each embedded vector store in a temporary
folder (Qdrant Edge, the default, and qdrant-client's local mode, which speaks a server's API)."""

from __future__ import annotations

import logging

import numpy as np
import pytest
import sqlalchemy as sa

from pipeline.store.vectors import create_vector_store, point_id
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder
from pipeline.vectorize.embedders.hashing import HashingEmbedder
from pipeline.vectorize.vectorizer import LOCAL_BATCH_SIZE, REMOTE_BATCH_SIZE
from pipeline_tests.vectorize.helpers import (
    CountingEmbedder,
    chunk_count,
    chunk_rows,
    load_demo,
    load_texts,
)


@pytest.fixture(params=["edge", "local"])
def store(request, qdrant_path):
    store = create_vector_store(path=qdrant_path, engine=request.param)
    yield store
    store.close()


def test_vectorize_pending_stores_every_chunk_and_marks_it_after_the_upsert(db, tables, store):
    total = load_demo(db, tables, chunks=150)
    embedder = CountingEmbedder()
    vectorizer = Vectorizer(db, embedder, store, batch_size=16)
    assert vectorizer.count_pending(PendingFilter()) == total

    summary = vectorizer.vectorize_pending(PendingFilter())

    assert summary["total"] == summary["vectorized"] == total
    assert summary["failed"] == 0
    assert summary["batches"] == -(-total // 16)
    assert summary["model"] == embedder.name
    assert store.count(summary["collection"]) == total
    assert chunk_count(db, "vectorized_hash = content_hash AND embedding_model IS NOT NULL") == (
        total
    )
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0
    assert vectorizer.count_pending(PendingFilter()) == 0


def test_points_carry_the_filter_payload_and_deterministic_ids(db, tables, store):
    load_demo(db, tables, chunks=40)
    embedder = CountingEmbedder()
    vectorizer = Vectorizer(db, embedder, store)
    vectorizer.vectorize_pending()
    with db.connect() as connection:
        row = connection.execute(
            sa.text(
                "SELECT c.id, c.content, d.market, d.stock_code FROM document_chunks c "
                "JOIN documents d ON d.id = c.document_id ORDER BY c.id LIMIT 1"
            )
        ).one()
    hits = store.search(
        vectorizer.collection, embedder.embed([row.content])[0], limit=1,
        where={"market": row.market},
    )  # fmt: skip
    assert hits[0].id == point_id(row.id, embedder.name)
    assert hits[0].payload["chunk_id"] == row.id
    assert hits[0].payload["stock_code"] == row.stock_code
    assert set(hits[0].payload) >= {
        "document_id", "chunk_index", "market", "doc_type", "stock_code", "company_name",
        "language", "source",
    }  # fmt: skip


def test_filters_and_limit_restrict_the_run(db, tables, store):
    load_demo(db, tables, chunks=200)
    with db.connect() as connection:
        market = connection.execute(sa.text("SELECT min(market) FROM documents")).scalar_one()
    in_market = chunk_count(
        db, f"document_id IN (SELECT id FROM documents WHERE market = '{market}')"
    )
    vectorizer = Vectorizer(db, CountingEmbedder(), store, batch_size=8)
    scope = PendingFilter(markets=(market,))
    assert vectorizer.count_pending(scope) == in_market

    limited = vectorizer.vectorize_pending(PendingFilter(markets=(market,), limit=5))
    assert limited["vectorized"] == 5
    rest = vectorizer.vectorize_pending(scope)
    assert rest["vectorized"] == in_market - 5
    assert chunk_count(db, "vectorized_hash IS NOT NULL") == in_market


def test_vectorize_chunks_takes_only_the_given_pending_chunks(db, tables, store):
    load_demo(db, tables, chunks=30)
    embedder = CountingEmbedder()
    vectorizer = Vectorizer(db, embedder, store)
    assert vectorizer.vectorize_chunks([1, 2, 3])["vectorized"] == 3
    assert vectorizer.vectorize_chunks([1, 2, 3])["vectorized"] == 0  # already current
    assert vectorizer.vectorize_chunks([1, 2], force_revectorize=True)["vectorized"] == 2
    assert vectorizer.vectorize_chunks([])["total"] == 0
    assert store.count(vectorizer.collection) == 3


def test_changed_text_or_another_model_makes_a_chunk_pending_but_unchanged_is_not_reembedded(
    db, tables, store
):
    load_texts(db, tables, ["alpha text", "beta text", "gamma text"])
    first = CountingEmbedder(dimension=64)
    Vectorizer(db, first, store).vectorize_pending()
    assert first.calls == 1

    load_texts(db, tables, ["alpha text", "beta text CHANGED", "gamma text"])
    again = CountingEmbedder(dimension=64)
    summary = Vectorizer(db, again, store).vectorize_pending()
    assert summary["vectorized"] == 1
    assert dict(again.texts) == {"beta text CHANGED": 1}

    other_model = CountingEmbedder(dimension=32)
    vectorizer = Vectorizer(db, other_model, store)
    assert vectorizer.count_pending() == 3
    assert vectorizer.vectorize_pending()["vectorized"] == 3
    assert {row.embedding_model for row in chunk_rows(db)} == {other_model.name}
    assert store.count(vectorizer.collection) == 3


def test_progress_callback_gets_the_contract_after_every_batch(db, tables, store, caplog):
    total = load_demo(db, tables, chunks=50)
    seen = []
    vectorizer = Vectorizer(db, CountingEmbedder(), store, batch_size=20)
    with caplog.at_level(logging.INFO, logger="pipeline.vectorize"):
        vectorizer.vectorize_pending(progress_callback=seen.append)
    assert [info["batch_num"] for info in seen] == list(range(1, len(seen) + 1))
    assert seen[-1]["processed"] == seen[-1]["total"] == total
    assert seen[-1]["total_batches"] == len(seen)
    assert sum(info["vectorized_count"] for info in seen) == total
    first = seen[0]
    assert {"elapsed_s", "rate_per_s", "eta_s", "tokens", "retries"} <= set(first)
    assert first["batch_size"] == len(first["batch_chunks"]) == 20
    assert set(first["batch_chunks"][0]) >= {
        "chunk_id", "document_id", "chunk_index", "market", "doc_type", "stock_code",
        "company_name", "vectorized", "error",
    }  # fmt: skip
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"Batch 1/{len(seen)} | size 20 | total 20/{total}") for m in messages)
    assert "Batch 1: 20 succeeded, 0 failed" in messages


def test_a_raising_callback_is_logged_as_a_warning_and_the_run_goes_on(db, tables, store, caplog):
    total = load_demo(db, tables, chunks=40)

    def broken(info):
        raise RuntimeError("watcher bug")

    vectorizer = Vectorizer(db, CountingEmbedder(), store, batch_size=10)
    with caplog.at_level(logging.WARNING, logger="pipeline.vectorize"):
        summary = vectorizer.vectorize_pending(progress_callback=broken)
    assert summary["vectorized"] == total
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == summary["batches"]
    assert "watcher bug" in warnings[0].getMessage()


def test_hashing_vectors_are_normalised_and_deterministic():
    embedder = CountingEmbedder(dimension=32)
    a = embedder.embed(["同じ文章", "same text"])
    b = embedder.embed(["同じ文章", "same text"])
    assert a.dtype == np.float32 and a.shape == (2, 32)
    assert np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_a_hashed_vector_depends_on_its_text_alone_not_on_its_batch():
    # The batch is hashed in one pass over all texts' bytes: no trigram may span two texts.
    embedder = HashingEmbedder(dimension=8)
    texts = ["abcd", "", "é", "ab", "同じ文章 and more", "abcd"]
    batch = embedder.embed(texts)
    for row, text in zip(batch, texts, strict=True):
        assert np.array_equal(row, embedder.embed([text])[0]), text
    # "abcd" has two trigrams, abc and bcd: two buckets, one sign each, pinned.
    assert np.allclose(batch[0], [0, -(0.5**0.5), 0, 0, -(0.5**0.5), 0, 0, 0])
    assert embedder.embed([]).shape == (0, 8)


def test_the_default_batch_is_the_seeds_32_locally_and_larger_for_remote_embedders():
    local = create_embedder("hashing", dimensions=8)
    remote = create_embedder("openai", dimensions=8, api_key="k", base_url="http://127.0.0.1:9")
    assert Vectorizer(None, local, None).batch_size == LOCAL_BATCH_SIZE == 32
    assert Vectorizer(None, remote, None).batch_size == REMOTE_BATCH_SIZE > LOCAL_BATCH_SIZE
    assert Vectorizer(None, remote, None, batch_size=50).batch_size == 50


def test_every_point_holds_its_whole_chunk_payload_however_the_store_writes_it(db, tables, store):
    # Documents of one chunk and of many (Qdrant Edge writes a document's fields once per
    # document), a null field, and a chunk re-embedded after its text changed.
    load_demo(db, tables, chunks=60)
    load_texts(db, tables, ["a lone chunk"], external_id="lone")
    vectorizer = Vectorizer(db, CountingEmbedder(), store, batch_size=16)
    vectorizer.vectorize_pending()
    load_texts(db, tables, ["a lone chunk, changed"], external_id="lone")
    assert vectorizer.vectorize_pending()["vectorized"] == 1
    ids, _, payloads = store.records(vectorizer.collection)
    with db.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT c.id, c.document_id, c.chunk_index, d.market, d.doc_type, d.stock_code, "
                "d.company_name, d.language, d.source FROM document_chunks c "
                "JOIN documents d ON d.id = c.document_id"
            )
        ).all()
    expected = {
        point_id(row.id, vectorizer.model): {
            "chunk_id": row.id,
            **{k: v for k, v in row._mapping.items() if k != "id" and v is not None},
        }
        for row in rows
    }
    assert dict(zip(ids, payloads, strict=True)) == expected
