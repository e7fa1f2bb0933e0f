"""Queries on document_chunks, and the vectorize queue built on them (`PostgresChunkQueue`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import starmap
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from pipeline.errors import SchemaMissingError

T = TypeVar("T")


@dataclass(frozen=True)
class ChunkCounts:
    total: int
    vectorized: int
    pending: int
    dead_lettered: int


def count_chunks(connection: Connection) -> ChunkCounts:
    """Totals for a summary line: one aggregate statement."""
    row = connection.execute(
        sa.text(
            """
            SELECT count(*) AS total,
                   count(*) FILTER (WHERE vectorized_hash = content_hash) AS vectorized,
                   count(*) FILTER (WHERE vectorized_hash IS DISTINCT FROM content_hash
                                    AND NOT dead_letter) AS pending,
                   count(*) FILTER (WHERE dead_letter) AS dead_lettered
            FROM document_chunks
            """
        )
    ).one()
    return ChunkCounts(row.total, row.vectorized, row.pending, row.dead_lettered)


@dataclass(frozen=True)
class PendingBacklog:
    count: int
    max_id: int | None


def pending_backlog(connection: Connection) -> PendingBacklog:
    """Pending chunks and the highest pending id: one aggregate on the pending partial index."""
    row = connection.execute(
        sa.text(
            "SELECT count(*) AS n, max(id) AS max_id FROM document_chunks "
            "WHERE vectorized_hash IS DISTINCT FROM content_hash AND NOT dead_letter"
        )
    ).one()
    return PendingBacklog(row.n, row.max_id)


def count_vectorized(connection: Connection, model: str, dimension: int) -> int:
    """Chunks recorded as vectorized under this model and size: what the store must hold."""
    return connection.execute(
        sa.text(
            "SELECT count(*) FROM document_chunks "
            "WHERE embedding_model = :model AND embedding_dim = :dim"
        ),
        {"model": model, "dim": dimension},
    ).scalar_one()


# --- the vectorizer's queue: scope, scan, claims, marks, failures --------------------------


@dataclass(frozen=True)
class PendingFilter:
    """Which chunks a vectorize run considers. Empty tuples mean "no restriction".

    `limit` caps the chunks one run takes; `force_revectorize` takes chunks whose vector is
    current too; `retry_dead_letters` puts dead-lettered chunks back in the queue first.
    `chunk_ids` restricts to exact chunks (what `Vectorizer.vectorize_chunks` uses).
    """

    markets: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    stock_codes: tuple[str, ...] = ()
    document_ids: tuple[int, ...] = ()
    limit: int | None = None
    force_revectorize: bool = False
    retry_dead_letters: bool = False
    chunk_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ChunkWithDocument:
    """A chunk with its document's fields: what its vector's payload is built from."""

    id: int
    document_id: int
    chunk_index: int
    content: str
    content_hash: str
    market: str | None
    doc_type: str | None
    stock_code: str | None
    company_name: str | None
    language: str | None
    source: str


@dataclass(frozen=True)
class ClaimedChunk(ChunkWithDocument):
    """A chunk leased to one worker, with what its progress events need besides."""

    token_estimate: int
    attempts: int


def _in_scope(
    scope: PendingFilter, params: dict, *, any_hash: bool = False, dead_letters: bool = False
) -> str:
    """`FROM document_chunks c [JOIN documents d] WHERE ...` for the chunks in `scope`.

    Values are bound in `params`. Only the set filters appear in the SQL, so the planner sees
    a plain predicate on the pending partial index instead of `cardinality(:x) = 0 OR ...`
    guards; documents is joined only when a filter reads it. `any_hash` takes current chunks
    too (as `scope.force_revectorize` does); `dead_letters` takes dead letters instead of
    live chunks.
    """
    clauses = ["c.dead_letter" if dead_letters else "NOT c.dead_letter"]
    if not (any_hash or scope.force_revectorize):
        # Matches document_chunks_pending_idx exactly, so Postgres scans the partial index.
        clauses.append("c.vectorized_hash IS DISTINCT FROM c.content_hash")
    needs_documents = False
    for column, values, cast in (
        ("d.market", scope.markets, "text[]"),
        ("d.doc_type", scope.doc_types, "text[]"),
        ("d.stock_code", scope.stock_codes, "text[]"),
        ("c.document_id", scope.document_ids, "bigint[]"),
        ("c.id", scope.chunk_ids, "bigint[]"),
    ):
        if values:
            name = f"f_{column.replace('.', '_')}"
            params[name] = list(values)
            clauses.append(f"{column} = ANY(CAST(:{name} AS {cast}))")
            needs_documents = needs_documents or column.startswith("d.")
    join = " JOIN documents d ON d.id = c.document_id" if needs_documents else ""
    return f"FROM document_chunks c{join} WHERE {' AND '.join(clauses)}"


# A model a migration is building, or one a switch retired, never takes over document_chunks
# in place: stale settings after a switch would otherwise re-embed everything back (the
# vectorizer then refuses the run with one line, pipeline/index/lifecycle.py).
_NOT_SERVABLE = (
    "SELECT 1 FROM index_models m WHERE m.model = :model AND m.dimension = :dim "
    "AND m.state IN ('building', 'retired')"
)


def reset_other_models(
    connection: Connection, model: str, dimension: int, scope: PendingFilter | None = None
) -> int:
    """Make chunks vectorized under another model (or size) pending again; return how many.

    The pending partial index only sees hash changes, so a model change is turned into one:
    one set-based statement, found through document_chunks_embedding_model_idx. With a
    `scope`, only the chunks in it are reset: a run limited to one market, or to a Launchpad
    model override, must not make the rest of the table pending.
    """
    params: dict = {"model": model, "dim": dimension}
    in_scope = ""
    if scope is not None:
        in_scope = f"AND id IN (SELECT c.id {_in_scope(scope, params, any_hash=True)})"
    result = connection.execute(
        sa.text(
            f"""
            UPDATE document_chunks
            SET vectorized_at = NULL, embedding_model = NULL, embedding_dim = NULL,
                vectorized_hash = NULL, updated_at = now()
            WHERE embedding_model IS NOT NULL
              AND (embedding_model <> :model OR embedding_dim IS DISTINCT FROM :dim)
              {in_scope}
              AND NOT EXISTS ({_NOT_SERVABLE})
            """
        ),
        params,
    )
    return result.rowcount


def reset_dead_letters(connection: Connection, scope: PendingFilter) -> int:
    """Put dead-lettered chunks in `scope` back in the queue with a fresh attempt count."""
    params: dict = {}
    dead = _in_scope(scope, params, any_hash=True, dead_letters=True)
    result = connection.execute(
        sa.text(
            f"""
            UPDATE document_chunks SET dead_letter = false, attempts = 0, updated_at = now()
            WHERE id IN (SELECT c.id {dead})
            """
        ),
        params,
    )
    return result.rowcount


def count_pending(connection: Connection, scope: PendingFilter) -> int:
    """Chunks in `scope` waiting for a vector (capped at scope.limit), claimed or not."""
    params: dict = {}
    count = connection.execute(
        sa.text(f"SELECT count(*) {_in_scope(scope, params)}"), params
    ).scalar_one()
    return min(count, scope.limit) if scope.limit is not None else count


def scan_pending(
    connection: Connection, scope: PendingFilter, *, after_id: int = 0, limit: int = 5000
) -> list[int]:
    """Ids of the next `limit` pending chunks after `after_id`, by key (no claim taken).

    The ids come back as one int8[] value: on the partial index the query itself costs about
    half a millisecond for 5,000 ids, and turning 5,000 result rows into Python objects one
    by one (SQLAlchemy rows) cost several times that; one array is parsed in C.
    """
    params: dict = {"after_id": after_id, "limit": limit}
    ids = connection.execute(
        sa.text(
            f"SELECT array_agg(p.id) FROM (SELECT c.id {_in_scope(scope, params)} "
            "AND c.id > :after_id ORDER BY c.id LIMIT :limit) AS p"
        ),
        params,
    ).scalar_one()
    if not ids:
        return []
    ids.sort()  # array_agg keeps the subquery's order in practice; sorting sorted ids is O(n)
    return ids


def claim_chunks(
    connection: Connection,
    scope: PendingFilter,
    *,
    worker: str,
    lease_s: float,
    after_id: int,
    limit: int,
) -> list[ClaimedChunk]:
    """Lease the next `limit` free pending chunks after `after_id` to `worker`, in id order.

    `FOR UPDATE SKIP LOCKED` keeps two workers claiming at the same instant apart; the lease
    (`claim_expires_at`) keeps them apart afterwards and frees the chunks of a crashed run by
    itself when it expires.
    """
    params: dict = {"after_id": after_id, "limit": limit, "worker": worker, "lease_s": lease_s}
    rows = connection.execute(
        sa.text(
            f"""
            WITH picked AS (
                SELECT c.id {_in_scope(scope, params)} AND c.id > :after_id
                  AND (c.claim_expires_at IS NULL OR c.claim_expires_at < now())
                ORDER BY c.id
                LIMIT :limit
                FOR UPDATE OF c SKIP LOCKED
            )
            UPDATE document_chunks c
            SET claimed_by = :worker,
                claim_expires_at = now() + make_interval(secs => :lease_s)
            FROM picked, documents d
            WHERE c.id = picked.id AND d.id = c.document_id
            RETURNING c.id, c.document_id, c.chunk_index, c.content, c.content_hash,
                      d.market, d.doc_type, d.stock_code, d.company_name, d.language,
                      d.source, c.token_estimate, c.attempts
            """
        ),
        params,
    )
    # RETURNING lists ClaimedChunk's fields in order: plain tuples, no mapping per row.
    claimed = list(starmap(ClaimedChunk, rows.tuples()))
    claimed.sort(key=lambda chunk: chunk.id)
    return claimed


def mark_vectorized(
    connection: Connection,
    *,
    worker: str,
    model: str,
    dimension: int,
    ids: list[int],
    hashes: list[str],
    notes: list[str | None] | None = None,
) -> int:
    """Record that these chunks' vectors are in the store. Call only after the upsert returned.

    `hashes` are the content hashes that were embedded: if the text changed meanwhile, the
    chunk stays pending. `notes` (e.g. "clipped ...") land in last_error for the record.
    """
    if not ids:
        return 0
    result = connection.execute(
        sa.text(
            """
            UPDATE document_chunks AS c
            SET vectorized_at = now(), embedding_model = :model, embedding_dim = :dim,
                vectorized_hash = t.hash, attempts = 0, dead_letter = false,
                last_error = t.note, last_error_at = CASE WHEN t.note IS NULL THEN NULL
                                                          ELSE now() END,
                claimed_by = CASE WHEN c.claimed_by = :worker THEN NULL ELSE c.claimed_by END,
                claim_expires_at = CASE WHEN c.claimed_by = :worker THEN NULL
                                        ELSE c.claim_expires_at END,
                updated_at = now()
            FROM unnest(CAST(:ids AS bigint[]), CAST(:hashes AS text[]), CAST(:notes AS text[]))
                 AS t(id, hash, note)
            WHERE c.id = t.id
            """
        ),
        {
            "worker": worker,
            "model": model,
            "dim": dimension,
            "ids": ids,
            "hashes": hashes,
            "notes": notes if notes is not None else [None] * len(ids),
        },
    )
    return result.rowcount


def record_failures(
    connection: Connection,
    *,
    worker: str,
    ids: list[int],
    errors: list[str],
    permanent: list[bool],
    max_chunk_attempts: int,
) -> list[int]:
    """Count a failed attempt on each chunk, keep its error, release its claim.

    A chunk reaching `max_chunk_attempts`, or failing for a reason no retry can fix (`permanent`,
    e.g. empty text), is dead-lettered. Returns the ids dead-lettered now.
    """
    if not ids:
        return []
    rows = connection.execute(
        sa.text(
            """
            UPDATE document_chunks AS c
            SET attempts = c.attempts + 1, last_error = t.error, last_error_at = now(),
                dead_letter = t.permanent OR c.attempts + 1 >= :max_chunk_attempts,
                claimed_by = CASE WHEN c.claimed_by = :worker THEN NULL ELSE c.claimed_by END,
                claim_expires_at = CASE WHEN c.claimed_by = :worker THEN NULL
                                        ELSE c.claim_expires_at END,
                updated_at = now()
            FROM unnest(CAST(:ids AS bigint[]), CAST(:errors AS text[]),
                        CAST(:permanent AS boolean[])) AS t(id, error, permanent)
            WHERE c.id = t.id
            RETURNING c.id, c.dead_letter
            """
        ),
        {
            "worker": worker,
            "ids": ids,
            "errors": errors,
            "permanent": permanent,
            "max_chunk_attempts": max_chunk_attempts,
        },
    )
    return sorted(row.id for row in rows if row.dead_letter)


def renew_claims(connection: Connection, *, worker: str, ids: list[int], lease_s: float) -> int:
    """Push the lease of this worker's claims `lease_s` into the future; return how many."""
    if not ids:
        return 0
    result = connection.execute(
        sa.text(
            """
            UPDATE document_chunks SET claim_expires_at = now() + make_interval(secs => :lease_s)
            WHERE claimed_by = :worker AND id = ANY(CAST(:ids AS bigint[]))
            """
        ),
        {"worker": worker, "ids": ids, "lease_s": lease_s},
    )
    return result.rowcount


def release_claims(connection: Connection, *, worker: str, ids: list[int]) -> int:
    """Give back claims not yet finished (a run that stops early), so others need not wait."""
    if not ids:
        return 0
    result = connection.execute(
        sa.text(
            """
            UPDATE document_chunks SET claimed_by = NULL, claim_expires_at = NULL
            WHERE claimed_by = :worker AND id = ANY(CAST(:ids AS bigint[]))
            """
        ),
        {"worker": worker, "ids": ids},
    )
    return result.rowcount


# --- claim holders: dead workers, manual release, who holds what ---------------------------


@dataclass(frozen=True)
class ClaimHolder:
    """A worker id with live (unexpired) claims, and how many chunks it holds."""

    worker: str
    chunks: int


def claim_holders(connection: Connection) -> list[ClaimHolder]:
    """Workers holding unexpired claims, through document_chunks_claimed_by_idx."""
    rows = connection.execute(
        sa.text(
            "SELECT claimed_by AS worker, count(*) AS chunks FROM document_chunks "
            "WHERE claimed_by IS NOT NULL AND claim_expires_at > now() "
            "GROUP BY claimed_by ORDER BY claimed_by"
        )
    )
    return [ClaimHolder(row.worker, row.chunks) for row in rows]


def release_worker_claims(connection: Connection, workers: list[str]) -> int:
    """Free every claim of these workers (dead ones, or by hand); return how many."""
    if not workers:
        return 0
    result = connection.execute(
        sa.text(
            "UPDATE document_chunks SET claimed_by = NULL, claim_expires_at = NULL "
            "WHERE claimed_by = ANY(CAST(:workers AS text[]))"
        ),
        {"workers": list(workers)},
    )
    return result.rowcount


def release_all_claims(connection: Connection) -> int:
    """Free every claim, live or not (`pipeline vectorize --release-claims --all`)."""
    result = connection.execute(
        sa.text(
            "UPDATE document_chunks SET claimed_by = NULL, claim_expires_at = NULL "
            "WHERE claimed_by IS NOT NULL"
        )
    )
    return result.rowcount


def count_held_by_others(connection: Connection, scope: PendingFilter, *, worker: str) -> int:
    """Chunks in `scope` still waiting whose live claim belongs to another worker."""
    params: dict = {"worker": worker}
    return connection.execute(
        sa.text(
            f"SELECT count(*) {_in_scope(scope, params)} "
            "AND c.claimed_by IS NOT NULL AND c.claimed_by <> :worker "
            "AND c.claim_expires_at > now()"
        ),
        params,
    ).scalar_one()


def schema_present(connection: Connection) -> bool:
    """Whether the migrations created document_chunks (a fresh database has no tables)."""
    return connection.execute(
        sa.text("SELECT to_regclass('document_chunks') IS NOT NULL")
    ).scalar_one()


def require_schema(connection: Connection) -> None:
    """Stop with one line naming the fix when the migrations never ran on this database."""
    if not schema_present(connection):
        raise SchemaMissingError(
            "the database has no pipeline tables (document_chunks): run `pipeline db migrate`"
        )


@dataclass(frozen=True)
class ReleasedClaims:
    """The holders whose claims were freed, and how many chunks that freed."""

    workers: list[str]
    chunks: int


class PostgresChunkQueue:
    """The vectorize queue (`pipeline.vectorize.queue.ChunkQueue`) on document_chunks.

    Each call is one transaction on `engine`, so the loop that drives it holds no connection
    between calls and writes no SQL of its own.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def location(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def count(
        self, scope: PendingFilter, *, model: str, dimension: int, requeue_dead: bool = False
    ) -> int:
        with self.engine.begin() as connection:
            require_schema(connection)
            reset_other_models(connection, model, dimension, scope)
            if requeue_dead:
                reset_dead_letters(connection, scope)
            return count_pending(connection, scope)

    def claim(
        self, scope: PendingFilter, *, worker: str, lease_s: float, after_id: int, limit: int
    ) -> list[ClaimedChunk]:
        with self.engine.begin() as connection:
            return claim_chunks(
                connection, scope, worker=worker, lease_s=lease_s, after_id=after_id, limit=limit
            )

    # Signatures and types as `ChunkQueue` declares them; each is one statement's transaction.
    def mark(self, **batch: Any) -> int:
        return self._transaction(mark_vectorized, **batch)

    def fail(self, **batch: Any) -> list[int]:
        return self._transaction(record_failures, **batch)

    def renew(self, **claims: Any) -> int:
        return self._transaction(renew_claims, **claims)

    def release(self, **claims: Any) -> int:
        return self._transaction(release_claims, **claims)

    def _transaction(self, statement: Callable[..., T], **values: Any) -> T:
        with self.engine.begin() as connection:
            return statement(connection, **{k: _plain(v) for k, v in values.items()})

    def release_dead(self, is_dead: Callable[[str], bool]) -> ReleasedClaims:
        with self.engine.begin() as connection:
            require_schema(connection)
            dead = [h.worker for h in claim_holders(connection) if is_dead(h.worker)]
            return ReleasedClaims(dead, release_worker_claims(connection, dead))

    def held_by_others(self, scope: PendingFilter, *, worker: str) -> int:
        with self.engine.connect() as connection:
            return count_held_by_others(connection, scope, worker=worker)


def _plain(value: Any) -> Any:
    """A sequence as a list (what psycopg2 binds as an array); other values as they are."""
    return list(value) if isinstance(value, Sequence) and not isinstance(value, str) else value
