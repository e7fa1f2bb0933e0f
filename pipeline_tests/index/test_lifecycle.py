"""A model change without downtime: build beside the current collection, switch, retire."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.index.lifecycle import ALIAS, IndexLifecycle, IndexStateError
from pipeline.index.search import ChunkSearch
from pipeline.progress import BatchProgress
from pipeline.store import index_state
from pipeline.store.tables import Tables
from pipeline.store.vectors import VectorStore, collection_name, point_id
from pipeline.vectorize import Vectorizer
from pipeline.vectorize.embedders.hashing import HashingEmbedder
from pipeline_tests.vectorize.helpers import load_texts

TEXTS = [f"quarterly revenue of segment {i} grew by {i * 3} percent" for i in range(40)]


def _setup(db: Engine, tables: Tables, store: VectorStore) -> tuple[HashingEmbedder, ...]:
    load_texts(db, tables, TEXTS)
    old, new = HashingEmbedder(32), HashingEmbedder(48)
    Vectorizer(db, old, store).vectorize_pending()
    return old, new


def _chunk_state(db: Engine) -> list[tuple]:
    with db.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                sa.text(
                    "SELECT id, embedding_model, embedding_dim, vectorized_hash "
                    "FROM document_chunks ORDER BY id"
                )
            )
        ]


def test_search_answers_from_the_old_model_during_the_build_and_the_new_one_after(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, new = _setup(db, tables, store)
    search = ChunkSearch(db, store, known=[old, new])
    lifecycle = IndexLifecycle(db, store, batch_size=5, page_size=10)
    lifecycle.start(new)
    answers: list[tuple[str, int, float]] = []

    def probe(info: BatchProgress) -> None:
        """Between every two batches of the build, a reader asks the index something."""
        hits = search.search_chunks(TEXTS[info["batch_num"]], limit=3)
        answers.append((hits[0].model, len(hits), hits[0].score))
        assert hits[0].text == TEXTS[info["batch_num"]]

    report = lifecycle.build(new, probe)
    assert report.vectorized == len(TEXTS) and report.batches == 8
    assert answers == [(old.name, 3, answers[i][2]) for i in range(8)]
    assert all(score > 0.999 for _, _, score in answers)  # the query met its own model's points
    assert lifecycle.check().passed
    lifecycle.switch()

    hits = search.search_chunks(TEXTS[7], limit=3)
    assert hits[0].model == new.name and hits[0].text == TEXTS[7] and hits[0].score > 0.999
    assert store.alias_target(ALIAS) == collection_name(new.name, new.dimension)
    assert {row[1:3] for row in _chunk_state(db)} == {(new.name, new.dimension)}
    # The old collection stays for the grace period: a query that resolved it just before
    # the switch still finds its points.
    assert store.count(collection_name(old.name, old.dimension)) == len(TEXTS)
    with db.connect() as connection:
        states = {m.model: m.state for m in index_state.index_models(connection)}
    assert states == {old.name: "retired", new.name: "current"}


def test_a_builds_progress_lists_each_chunk_with_its_document_as_the_vectorizer_does(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    _, new = _setup(db, tables, store)
    lifecycle = IndexLifecycle(db, store, batch_size=5, page_size=10)
    lifecycle.start(new)
    listed: list[dict] = []
    lifecycle.build(new, lambda info: listed.extend(info["batch_chunks"]))
    with db.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT c.id AS chunk_id, c.document_id, c.chunk_index, d.market, d.doc_type, "
                "d.stock_code, d.company_name, d.source, true AS vectorized, NULL AS error "
                "FROM document_chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.id"
            )
        ).all()
    assert len(rows) == len(TEXTS)
    assert sorted(listed, key=lambda c: c["chunk_id"]) == [dict(r._mapping) for r in rows]


def test_the_regular_vectorizer_keeps_the_current_model_fresh_during_a_build(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, new = _setup(db, tables, store)
    lifecycle = IndexLifecycle(db, store)
    lifecycle.start(new)
    lifecycle.build(new)
    load_texts(db, tables, [*TEXTS, "a chunk that arrived during the build"])
    Vectorizer(db, old, store).vectorize_pending()  # the serving model takes it at once
    assert not lifecycle.check().passed  # the new model lacks it: no switch yet
    try:
        lifecycle.switch()
        raise AssertionError("switched with an incomplete collection")
    except IndexStateError as e:
        assert "40/41" in str(e)
    assert store.alias_target(ALIAS) == collection_name(old.name, old.dimension)
    lifecycle.build(new)
    lifecycle.switch()
    assert store.count(collection_name(new.name, new.dimension)) == 41


def test_a_migration_abandoned_halfway_leaves_the_current_model_untouched(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, new = _setup(db, tables, store)
    before = _chunk_state(db)
    old_collection = collection_name(old.name, old.dimension)
    old_points = store.point_ids(old_collection)
    lifecycle = IndexLifecycle(db, store, batch_size=5, page_size=10)
    lifecycle.start(new)

    def abandon_halfway(info: BatchProgress) -> None:
        if info["batch_num"] == 4:
            IndexLifecycle(db, store).abandon()  # as another caller would

    report = lifecycle.build(new, abandon_halfway)
    assert report.abandoned and report.vectorized == 20
    assert _chunk_state(db) == before
    assert store.point_ids(old_collection) == old_points
    assert store.alias_target(ALIAS) == old_collection
    assert store.count(collection_name(new.name, new.dimension)) == 0
    with db.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM chunk_vectors")).scalar() == 0
        states = {m.model: m.state for m in index_state.index_models(connection)}
    assert states == {old.name: "current", new.name: "abandoned"}
    hits = ChunkSearch(db, store, known=[old]).search_chunks(TEXTS[3], limit=1)
    assert hits[0].text == TEXTS[3] and hits[0].model == old.name
    # A later migration to the same model starts over cleanly.
    assert lifecycle.migrate(new)[1].passed
    assert store.alias_target(ALIAS) == collection_name(new.name, new.dimension)


def test_force_re_embeds_the_current_model_in_place_and_keeps_the_alias(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, _ = _setup(db, tables, store)
    summary = Vectorizer(db, old, store).vectorize_chunks(
        [row[0] for row in _chunk_state(db)], force_revectorize=True
    )
    assert summary["vectorized"] == len(TEXTS)
    assert store.alias_target(ALIAS) == collection_name(old.name, old.dimension)
    assert IndexLifecycle(db, store).check(IndexLifecycle(db, store).current()).passed


def test_retired_collections_are_dropped_after_the_grace_period(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, new = _setup(db, tables, store)
    IndexLifecycle(db, store, grace_s=3600).migrate(new)
    old_collection = collection_name(old.name, old.dimension)
    assert IndexLifecycle(db, store).drop_retired() == []
    assert store.count(old_collection) == len(TEXTS)
    IndexLifecycle(db, store, grace_s=0).migrate(old)  # back again, no grace for `new`
    assert IndexLifecycle(db, store).drop_retired() == [collection_name(new.name, 48)]
    assert store.count(collection_name(new.name, 48)) == 0
    assert store.alias_target(ALIAS) == old_collection


def test_check_reports_missing_and_extra_points(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    _, new = _setup(db, tables, store)
    lifecycle = IndexLifecycle(db, store)
    lifecycle.start(new)
    lifecycle.build(new)
    collection = collection_name(new.name, new.dimension)
    with db.connect() as connection:
        first = connection.execute(sa.text("SELECT min(id) FROM document_chunks")).scalar()
    store.delete(collection, [point_id(first, new.name)])
    store.upsert(collection, [point_id(10**9, new.name)], new.embed(["stray"]), [{}])
    result = lifecycle.check()
    assert (result.passed, result.missing_points, result.extra_points) == (False, 1, 1)


def test_a_plain_run_with_the_retired_model_is_refused_instead_of_reverting(
    db: Engine, tables: Tables, store: VectorStore
) -> None:
    old, new = _setup(db, tables, store)
    IndexLifecycle(db, store).migrate(new)
    before = _chunk_state(db)
    with pytest.raises(IndexStateError, match="was retired when the index switched to"):
        Vectorizer(db, old, store).vectorize_pending()  # settings not updated after the switch
    assert _chunk_state(db) == before
    assert store.alias_target(ALIAS) == collection_name(new.name, new.dimension)


def test_registering_the_first_model_waits_for_another_registry_writer(
    db: Engine, store: VectorStore
) -> None:
    """Two first runs would both insert a current model; the registry lock orders them."""
    embedder = HashingEmbedder(32)
    store.ensure_collection(collection_name(embedder.name, 32), 32)  # as the Vectorizer does
    registered = threading.Event()

    def first_run() -> None:
        IndexLifecycle(db, store).before_run(embedder)
        registered.set()

    with db.begin() as other_writer:
        index_state.lock_registry(other_writer)
        thread = threading.Thread(target=first_run)
        thread.start()
        assert not registered.wait(0.5)  # blocked on the lock, not racing the insert
    thread.join(timeout=30)
    assert registered.is_set()
    with db.connect() as connection:
        current = index_state.model_in_state(connection, "current")
    assert current is not None and current.collection == collection_name(embedder.name, 32)
