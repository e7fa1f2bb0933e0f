"""Chunks deleted in Postgres, by any path, lose their points on the next vectorize run."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.store import index_state
from pipeline.store.documents import NewDocument, upsert_documents
from pipeline.store.tables import Tables
from pipeline.store.vectors import VectorStore, point_id
from pipeline.vectorize import Vectorizer
from pipeline.vectorize.embedders.hashing import HashingEmbedder


def _document(external_id: str, chunks: list[str]) -> NewDocument:
    return NewDocument(
        source="test",
        external_id=external_id,
        body="\n".join(chunks),
        chunks=chunks,
        market="us_stock",
        doc_type="annual_report",
        company_name="Test Corp",
        language="en",
    )


def _load(db: Engine, tables: Tables, *documents: NewDocument) -> None:
    with db.begin() as connection:
        upsert_documents(connection, tables, list(documents))


def _chunk_ids(db: Engine, where: str = "true") -> set[int]:
    with db.connect() as connection:
        return set(
            connection.execute(sa.text(f"SELECT id FROM document_chunks WHERE {where}")).scalars()
        )


def _points(store: VectorStore, vectorizer: Vectorizer) -> set[str]:
    return store.point_ids(vectorizer.collection)


def _expected(db: Engine, vectorizer: Vectorizer) -> set[str]:
    return {point_id(i, vectorizer.model) for i in _chunk_ids(db)}


def test_deleted_shortened_and_sql_deleted_chunks_leave_the_store(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    _load(
        db,
        tables,
        _document("gone", ["a first text", "a second text"]),
        _document("short", [f"chunk number {i}" for i in range(5)]),
        _document("sql", ["one plain delete", "stays here"]),
        _document("kept", ["untouched text"]),
    )
    vectorizer = Vectorizer(db, HashingEmbedder(32), store)
    vectorizer.vectorize_pending()
    assert _points(store, vectorizer) == _expected(db, vectorizer)
    assert len(_points(store, vectorizer)) == 10

    with db.begin() as connection:  # a document deleted: its chunks go by ON DELETE CASCADE
        connection.execute(sa.text("DELETE FROM documents WHERE external_id = 'gone'"))
    _load(db, tables, _document("short", ["chunk number 0", "chunk number 1"]))  # re-chunked
    with db.begin() as connection:
        connection.execute(
            sa.text("DELETE FROM document_chunks WHERE content = 'one plain delete'")
        )
    with db.connect() as connection:
        assert index_state.count_deletions(connection) == {"chunk": 6}
    assert len(_points(store, vectorizer)) == 10  # nothing left Qdrant yet

    summary = vectorizer.vectorize_pending()
    assert summary["outbox_applied"] == 6
    assert _points(store, vectorizer) == _expected(db, vectorizer)
    assert len(_points(store, vectorizer)) == 4
    with db.connect() as connection:
        assert index_state.count_deletions(connection) == {}


def test_applying_the_outbox_twice_is_harmless(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    _load(db, tables, _document("d", ["alpha text", "beta text", "gamma text"]))
    vectorizer = Vectorizer(db, HashingEmbedder(32), store)
    vectorizer.vectorize_pending()
    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM document_chunks WHERE content = 'beta text'"))
        rows = connection.execute(sa.text("SELECT kind, object_id FROM vector_deletions")).all()
    # A run that died after deleting the points but before forgetting the rows:
    store.delete(vectorizer.collection, [point_id(rows[0].object_id, vectorizer.model)])
    vectorizer.vectorize_pending()
    vectorizer.vectorize_pending()
    assert _points(store, vectorizer) == _expected(db, vectorizer)
    assert len(_points(store, vectorizer)) == 2


def test_deletions_reach_every_registered_collection(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    """A chunk deleted during a migration leaves the serving and the building collection."""
    from pipeline.index.lifecycle import IndexLifecycle

    _load(db, tables, _document("d", [f"text {i}" for i in range(6)]))
    old, new = HashingEmbedder(32), HashingEmbedder(48)
    Vectorizer(db, old, store).vectorize_pending()
    lifecycle = IndexLifecycle(db, store)
    lifecycle.start(new)
    lifecycle.build(new)
    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM document_chunks WHERE content = 'text 3'"))
    Vectorizer(db, old, store).vectorize_pending()
    ids = _chunk_ids(db)
    assert len(ids) == 5
    old_collection = Vectorizer(db, old, store).collection
    new_collection = Vectorizer(db, new, store).collection
    assert store.point_ids(old_collection) == {point_id(i, old.name) for i in ids}
    assert store.point_ids(new_collection) == {point_id(i, new.name) for i in ids}
    assert lifecycle.check().passed


def _add_candidate(db: Engine, n: int) -> int:
    import hashlib

    raw = f"Subject: candidate {n}\n\nbody".encode()
    with db.begin() as connection:
        email_id = connection.execute(
            sa.text(
                "INSERT INTO emails (message_id, raw, raw_sha256, language) "
                "VALUES (:m, :raw, :sha, 'en') RETURNING id"
            ),
            {"m": f"<c{n}@test>", "raw": raw, "sha": hashlib.sha256(raw).hexdigest()},
        ).scalar_one()
        return connection.execute(
            sa.text(
                "INSERT INTO candidates (email_id, skills, place) "
                "VALUES (:e, :skills, 'Tokyo') RETURNING id"
            ),
            {"e": email_id, "skills": ["Java", f"skill{n}"]},
        ).scalar_one()


def test_a_deleted_candidate_loses_its_profile_point_on_the_next_run(
    db: Engine, store: VectorStore
) -> None:
    from pipeline.matching.config import MatchingConfig
    from pipeline.matching.index import ProfileIndexer, profile_collection, profile_point_id

    embedder = HashingEmbedder(64)
    keep, gone = _add_candidate(db, 1), _add_candidate(db, 2)
    ProfileIndexer(db, embedder, store, MatchingConfig()).sync()
    collection = profile_collection("candidate", embedder)
    assert store.point_ids(collection) == {
        profile_point_id("candidate", i, embedder.name) for i in (keep, gone)
    }
    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM candidates WHERE id = :id"), {"id": gone})
    Vectorizer(db, HashingEmbedder(32), store).vectorize_pending()  # no chunks: outbox only
    assert store.point_ids(collection) == {profile_point_id("candidate", keep, embedder.name)}
    with db.connect() as connection:
        left = connection.execute(sa.text("SELECT profile_id FROM profile_points")).scalars()
        assert list(left) == [keep]
        assert index_state.count_deletions(connection) == {}
