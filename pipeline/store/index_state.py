"""Queries on the index's own state: the deletion outbox, the model registry, per-model vectors.

See sql/0005_index_lifecycle.sql. The serving model's vector state stays on document_chunks;
chunk_vectors holds the state of a model being built (or retired), so two can be current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.store.chunks import ChunkWithDocument

# Any fixed key: the registry's writers hold it for their transaction.
_REGISTRY_LOCK = 0x1D3E_0005


def lock_registry(connection: Connection) -> None:
    """Serialise the model registry's writers until the transaction ends.

    Two runs that find no current model would both insert one; the partial unique index on
    `state = 'current'` is not the insert's ON CONFLICT target, so the later one would fail
    with a unique violation instead of seeing the first one's row.
    """
    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REGISTRY_LOCK})


# --- the deletion outbox -------------------------------------------------------------------


@dataclass(frozen=True)
class Deletions:
    """A page of the outbox: its row ids (to forget once applied) and object ids by kind."""

    outbox_ids: list[int]
    by_kind: dict[str, list[int]]


def pending_deletions(connection: Connection, limit: int = 10_000) -> Deletions:
    rows = connection.execute(
        sa.text("SELECT id, kind, object_id FROM vector_deletions ORDER BY id LIMIT :limit"),
        {"limit": limit},
    ).all()
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row.object_id)
    return Deletions([row.id for row in rows], by_kind)


def forget_deletions(connection: Connection, outbox_ids: list[int]) -> int:
    """Drop applied outbox rows (only once the store no longer holds their points)."""
    if not outbox_ids:
        return 0
    return connection.execute(
        sa.text("DELETE FROM vector_deletions WHERE id = ANY(CAST(:ids AS bigint[]))"),
        {"ids": outbox_ids},
    ).rowcount


def count_deletions(connection: Connection) -> dict[str, int]:
    rows = connection.execute(
        sa.text("SELECT kind, count(*) AS n FROM vector_deletions GROUP BY kind")
    ).all()
    return {row.kind: row.n for row in rows}


def profile_points_of(connection: Connection, kind: str, ids: list[int]) -> list[sa.Row]:
    """(profile_id, model, collection) of the points these profiles still have."""
    return connection.execute(
        sa.text(
            "SELECT profile_id, model, collection FROM profile_points "
            "WHERE kind = :kind AND profile_id = ANY(CAST(:ids AS bigint[]))"
        ),
        {"kind": kind, "ids": ids},
    ).all()


# --- the model registry --------------------------------------------------------------------


@dataclass(frozen=True)
class IndexModel:
    collection: str
    provider: str
    model: str
    dimension: int
    state: str
    started_at: datetime
    switched_at: datetime | None
    drop_after: datetime | None


_MODEL_COLUMNS = (
    "collection, provider, model, dimension, state, started_at, switched_at, drop_after"
)


def index_models(connection: Connection, states: tuple[str, ...] | None = None) -> list[IndexModel]:
    """Registered collections, oldest first (optionally only in these states)."""
    where = "WHERE state = ANY(CAST(:states AS text[]))" if states else ""
    rows = connection.execute(
        sa.text(f"SELECT {_MODEL_COLUMNS} FROM index_models {where} ORDER BY started_at"),
        {"states": list(states or ())},
    ).all()
    return [IndexModel(**row._mapping) for row in rows]


def model_in_state(connection: Connection, state: str) -> IndexModel | None:
    found = index_models(connection, (state,))
    return found[0] if found else None


def model_of_collection(connection: Connection, collection: str) -> IndexModel | None:
    row = connection.execute(
        sa.text(f"SELECT {_MODEL_COLUMNS} FROM index_models WHERE collection = :c"),
        {"c": collection},
    ).one_or_none()
    return IndexModel(**row._mapping) if row else None


def register_model(
    connection: Connection,
    *,
    collection: str,
    provider: str,
    model: str,
    dimension: int,
    state: str,
) -> None:
    """Insert or revive a registry row in `state` (a dropped collection can be built again)."""
    connection.execute(
        sa.text(
            """
            INSERT INTO index_models (collection, provider, model, dimension, state,
                                      switched_at)
            VALUES (:collection, :provider, :model, :dimension, :state,
                    CASE WHEN :state = 'current' THEN now() END)
            ON CONFLICT (collection) DO UPDATE
            SET provider = EXCLUDED.provider, state = EXCLUDED.state, started_at = now(),
                switched_at = EXCLUDED.switched_at, drop_after = NULL, updated_at = now()
            """
        ),
        {
            "collection": collection,
            "provider": provider,
            "model": model,
            "dimension": dimension,
            "state": state,
        },
    )


def set_state(
    connection: Connection, collection: str, state: str, *, grace_s: float | None = None
) -> None:
    connection.execute(
        sa.text(
            """
            UPDATE index_models
            SET state = :state, updated_at = now(),
                switched_at = CASE WHEN :state = 'current' THEN now() ELSE switched_at END,
                drop_after = CASE WHEN CAST(:grace_s AS float8) IS NULL THEN NULL
                                  ELSE now() + make_interval(secs => :grace_s) END
            WHERE collection = :collection
            """
        ),
        {"collection": collection, "state": state, "grace_s": grace_s},
    )


def retired_due(connection: Connection) -> list[IndexModel]:
    """Retired collections whose grace period is over."""
    return [
        m
        for m in index_models(connection, ("retired",))
        if m.drop_after is not None
        and m.drop_after <= connection.execute(sa.text("SELECT now()")).scalar_one()
    ]


# --- per-model vector state ----------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    total: int  # live chunks (not dead-lettered)
    vectorized: int  # of those, with a current vector under the model


def coverage(connection: Connection, model: str, dimension: int, *, serving: bool) -> Coverage:
    """How much of document_chunks the model covers; the serving model reads its own columns."""
    if serving:
        sql = """
            SELECT count(*) FILTER (WHERE NOT dead_letter) AS total,
                   count(*) FILTER (WHERE NOT dead_letter AND vectorized_hash = content_hash
                                    AND embedding_model = :model AND embedding_dim = :dim)
                       AS vectorized
            FROM document_chunks
        """
    else:
        sql = """
            SELECT count(*) FILTER (WHERE NOT c.dead_letter) AS total,
                   count(v.chunk_id) FILTER (WHERE NOT c.dead_letter) AS vectorized
            FROM document_chunks c
            LEFT JOIN chunk_vectors v
              ON v.chunk_id = c.id AND v.model = :model AND v.dimension = :dim
             AND v.content_hash = c.content_hash
        """
    row = connection.execute(sa.text(sql), {"model": model, "dim": dimension}).one()
    return Coverage(row.total, row.vectorized)


# A live chunk a model build still has to embed.
BuildChunk = ChunkWithDocument


def chunks_to_build(
    connection: Connection, model: str, dimension: int, *, after_id: int, limit: int
) -> tuple[list[BuildChunk], int | None]:
    """The next `limit` live chunks after `after_id` by key, less those with a current vector
    under `model`; and the last id scanned (None: the end of the table).

    Two plain range scans, filtered here: an anti-join planned while chunk_vectors was still
    empty (its statistics say so for the whole build) was measured at 0.22 s a page.
    """
    rows = connection.execute(
        sa.text(
            """
            SELECT c.id, c.document_id, c.chunk_index, c.content, c.content_hash,
                   d.market, d.doc_type, d.stock_code, d.company_name, d.language, d.source
            FROM (SELECT * FROM document_chunks
                  WHERE id > :after_id AND NOT dead_letter ORDER BY id LIMIT :limit) AS c
            JOIN documents d ON d.id = c.document_id
            ORDER BY c.id
            """
        ),
        {"after_id": after_id, "limit": limit},
    ).all()
    if not rows:
        return [], None
    done = dict(
        connection.execute(
            sa.text(
                "SELECT chunk_id, content_hash FROM chunk_vectors WHERE model = :model "
                "AND dimension = :dim AND chunk_id > :after_id AND chunk_id <= :last_id"
            ),
            {"model": model, "dim": dimension, "after_id": after_id, "last_id": rows[-1].id},
        ).all()
    )
    todo = [BuildChunk(**row._mapping) for row in rows if done.get(row.id) != row.content_hash]
    return todo, rows[-1].id


def record_vectors(
    connection: Connection, model: str, dimension: int, ids: list[int], hashes: list[str]
) -> int:
    """Record vectors the store now holds for `model` (chunks deleted meanwhile are skipped)."""
    if not ids:
        return 0
    return connection.execute(
        sa.text(
            """
            INSERT INTO chunk_vectors (chunk_id, model, dimension, content_hash)
            SELECT t.id, :model, :dim, t.hash
            FROM unnest(CAST(:ids AS bigint[]), CAST(:hashes AS text[])) AS t(id, hash)
            JOIN document_chunks c ON c.id = t.id
            ON CONFLICT (model, dimension, chunk_id) DO UPDATE
            SET content_hash = EXCLUDED.content_hash, vectorized_at = now()
            """
        ),
        {"model": model, "dim": dimension, "ids": ids, "hashes": hashes},
    ).rowcount


def vectorized_ids_page(
    connection: Connection,
    model: str,
    dimension: int,
    *,
    serving: bool,
    after_id: int,
    limit: int,
) -> list[int]:
    """The next `limit` chunk ids after `after_id` that hold a point under this model, by key.

    `serving`: the model document_chunks records; otherwise its state is in chunk_vectors.
    """
    if serving:
        sql = (
            "SELECT array_agg(p.id) FROM (SELECT id FROM document_chunks "
            "WHERE embedding_model = :model AND embedding_dim = :dim AND id > :after_id "
            "ORDER BY id LIMIT :limit) AS p"
        )
    else:
        sql = (
            "SELECT array_agg(p.chunk_id) FROM (SELECT chunk_id FROM chunk_vectors "
            "WHERE model = :model AND dimension = :dim AND chunk_id > :after_id "
            "ORDER BY chunk_id LIMIT :limit) AS p"
        )
    parameters = {"model": model, "dim": dimension, "after_id": after_id, "limit": limit}
    ids = connection.execute(sa.text(sql), parameters).scalar_one()
    return sorted(ids) if ids else []


def swap_serving_state(
    connection: Connection, *, old: tuple[str, int] | None, new: tuple[str, int]
) -> None:
    """Make `new` the model document_chunks records, keeping `old`'s state in chunk_vectors.

    Chunks without a vector under `new` (text changed after its last build pass) become
    pending for it, so the regular vectorizer picks them up.
    """
    if old is not None:
        connection.execute(
            sa.text(
                """
                INSERT INTO chunk_vectors (chunk_id, model, dimension, content_hash,
                                           vectorized_at)
                SELECT id, embedding_model, embedding_dim, vectorized_hash, vectorized_at
                FROM document_chunks WHERE embedding_model = :model AND embedding_dim = :dim
                ON CONFLICT (model, dimension, chunk_id) DO UPDATE
                SET content_hash = EXCLUDED.content_hash, vectorized_at = EXCLUDED.vectorized_at
                """
            ),
            {"model": old[0], "dim": old[1]},
        )
    connection.execute(
        sa.text(
            """
            UPDATE document_chunks c
            SET embedding_model = v.model, embedding_dim = v.dimension,
                vectorized_hash = v.content_hash, vectorized_at = v.vectorized_at,
                updated_at = now()
            FROM chunk_vectors v
            WHERE v.chunk_id = c.id AND v.model = :model AND v.dimension = :dim
            """
        ),
        {"model": new[0], "dim": new[1]},
    )
    connection.execute(
        sa.text(
            """
            UPDATE document_chunks
            SET embedding_model = NULL, embedding_dim = NULL, vectorized_hash = NULL,
                vectorized_at = NULL, updated_at = now()
            WHERE embedding_model IS NOT NULL
              AND (embedding_model <> :model OR embedding_dim <> :dim)
            """
        ),
        {"model": new[0], "dim": new[1]},
    )
    forget_model_vectors(connection, *new)


def forget_model_vectors(connection: Connection, model: str, dimension: int) -> int:
    return connection.execute(
        sa.text("DELETE FROM chunk_vectors WHERE model = :model AND dimension = :dim"),
        {"model": model, "dim": dimension},
    ).rowcount


def count_dead_letters(connection: Connection) -> int:
    return connection.execute(
        sa.text("SELECT count(*) FROM document_chunks WHERE dead_letter")
    ).scalar_one()
