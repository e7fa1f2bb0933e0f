"""Demo documents are deterministic, realistic in shape, and load idempotently."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.demo.documents import generate_documents, load_demo_reports
from pipeline.store.chunks import count_chunks
from pipeline.store.documents import upsert_documents
from pipeline.store.tables import Tables


def test_same_seed_same_documents_other_seed_other_documents():
    first = list(generate_documents(seed=3, chunks=200))
    again = list(generate_documents(seed=3, chunks=200))
    other = list(generate_documents(seed=4, chunks=200))

    assert first == again
    assert first != other


def test_generates_exactly_the_requested_chunks_across_markets_and_doc_types():
    documents = list(generate_documents(seed=1, chunks=1000))

    assert sum(len(d.chunks) for d in documents) == 1000
    assert {d.market for d in documents} >= {"a_share", "hk_stock", "jp_stock", "us_stock"}
    assert len({d.doc_type for d in documents}) >= 3
    assert all(d.stock_code and d.company_name for d in documents)
    lengths = [len(chunk) for d in documents for chunk in d.chunks]
    assert min(lengths) >= 200 and max(lengths) <= 3000


def test_loading_twice_keeps_chunks_and_their_vectorized_state(db: Engine, tables: Tables):
    documents = list(generate_documents(seed=5, chunks=120))
    with db.begin() as connection:
        upsert_documents(connection, tables, documents)
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET vectorized_at = now(), embedding_model = 'm', "
                "embedding_dim = 8, vectorized_hash = content_hash"
            )
        )
    with db.begin() as connection:
        upsert_documents(connection, tables, documents)
        counts = count_chunks(connection)

    assert (counts.total, counts.vectorized, counts.pending) == (120, 120, 0)


def test_changed_text_makes_only_that_chunk_pending(db: Engine, tables: Tables):
    (document,) = list(generate_documents(seed=5, chunks=4, min_chunks_per_doc=4))
    with db.begin() as connection:
        upsert_documents(connection, tables, [document])
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET vectorized_at = now(), embedding_model = 'm', "
                "embedding_dim = 8, vectorized_hash = content_hash"
            )
        )
    edited = [*document.chunks[:3], document.chunks[3] + " (restated)"]
    shorter = [*edited[:2], edited[3]]
    with db.begin() as connection:
        upsert_documents(connection, tables, [replace(document, chunks=shorter)])
        counts = count_chunks(connection)
        pending = (
            connection.execute(
                sa.text(
                    "SELECT chunk_index FROM document_chunks "
                    "WHERE vectorized_hash IS DISTINCT FROM content_hash"
                )
            )
            .scalars()
            .all()
        )

    assert counts.total == 3  # the fourth chunk was dropped with the shorter document
    assert pending == [2]  # index 2 now holds different text


def test_load_demo_reports_spans_several_transactions_and_loads_once(db: Engine, tables: Tables):
    expected = list(generate_documents(seed=9, chunks=300))
    assert len(expected) > 4  # more documents than one transaction of 4 holds
    for _ in range(2):
        load_demo_reports(db, tables, seed=9, chunks=300, batch=4)
    with db.connect() as connection:
        counts = count_chunks(connection)
        external = connection.execute(sa.text("SELECT external_id FROM documents")).scalars()
        assert sorted(external) == sorted(d.external_id for d in expected)
    assert counts.total == 300
