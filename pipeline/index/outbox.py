"""Apply the deletion outbox (sql/0005): what left Postgres leaves every collection holding it.

Idempotent by construction: points are deleted by their deterministic ids (absent ids are
ignored), and the outbox rows go only after the store has deleted them, so a run that dies
in between deletes the same ids again next time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.engine import Engine

from pipeline.store import index_state
from pipeline.store import profiles as profile_store
from pipeline.store.vectors import VectorStore, point_id

# Collections that may hold a chunk's point: the serving one, a build, a retired one.
LIVE_STATES = ("current", "building", "retired")


def apply_deletions(
    engine: Engine,
    store: VectorStore,
    extra_collections: Iterable[tuple[str, str]] = (),
    page_size: int = 10_000,
) -> int:
    """Delete the points of every outbox row, then the rows; return how many rows applied.

    `extra_collections` are (model, collection) pairs to clean besides the registered ones
    (the caller's own collection, before it is registered).
    """
    applied = 0
    while True:
        with engine.connect() as connection:
            page = index_state.pending_deletions(connection, page_size)
            models = index_state.index_models(connection, LIVE_STATES)
        if not page.outbox_ids:
            return applied
        targets = {(m.model, m.collection) for m in models} | set(extra_collections)
        chunk_ids = page.by_kind.get("chunk", [])
        if chunk_ids:
            for model, collection in sorted(targets):
                store.delete(collection, [point_id(i, model) for i in chunk_ids])
        for kind in ("candidate", "project"):
            if page.by_kind.get(kind):
                _delete_profiles(engine, store, kind, page.by_kind[kind])
        with engine.begin() as connection:
            applied += index_state.forget_deletions(connection, page.outbox_ids)


def _delete_profiles(engine: Engine, store: VectorStore, kind: str, ids: list[int]) -> None:
    """Profile points are per (kind, id, model), recorded in profile_points."""
    from pipeline.matching.index import profile_point_id  # matching imports the vectorizer

    with engine.connect() as connection:
        rows = index_state.profile_points_of(connection, kind, ids)
    by_collection: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in rows:
        by_collection[(row.model, row.collection)].append(row.profile_id)
    for (model, collection), profile_ids in sorted(by_collection.items()):
        store.delete(collection, [profile_point_id(kind, i, model) for i in profile_ids])
    with engine.begin() as connection:
        for model, _ in by_collection:
            profile_store.forget_points(connection, kind, model, ids)
        profile_store.forget_matched(connection, kind, ids)
