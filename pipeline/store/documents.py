"""Documents and their chunks: set-based upserts used by the demo loader and the email intake."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from pipeline.store.tables import Tables
from pipeline.text import content_hash, estimate_tokens


@dataclass(frozen=True)
class NewDocument:
    """A document as a source hands it over, with its text already cut into chunks."""

    source: str
    external_id: str
    body: str
    chunks: Sequence[str]
    market: str | None = None
    doc_type: str | None = None
    stock_code: str | None = None
    company_name: str | None = None
    title: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def upsert_documents(
    connection: Connection, tables: Tables, documents: Iterable[NewDocument]
) -> dict[tuple[str, str], int]:
    """Insert or update documents and their chunks; return {(source, external_id): id}.

    A chunk whose text is unchanged keeps its vectorized state; a changed one gets a new
    content hash and so becomes pending again. Chunks beyond the new count are deleted.
    """
    documents = list(documents)
    if not documents:
        return {}
    doc_table = tables.documents
    rows = [
        {
            "source": d.source,
            "external_id": d.external_id,
            "market": d.market,
            "doc_type": d.doc_type,
            "stock_code": d.stock_code,
            "company_name": d.company_name,
            "title": d.title,
            "body": d.body,
            "language": d.language,
            "metadata": d.metadata,
            "content_hash": content_hash(d.body),
        }
        for d in documents
    ]
    statement = insert(doc_table)
    updated = {
        name: statement.excluded[name] for name in rows[0] if name not in ("source", "external_id")
    }
    updated["updated_at"] = sa.func.now()
    statement = statement.on_conflict_do_update(
        constraint="documents_source_external_id_key", set_=updated
    ).returning(doc_table.c.id, doc_table.c.source, doc_table.c.external_id)
    result = connection.execute(statement, rows)
    ids = {(row.source, row.external_id): row.id for row in result}
    _upsert_chunks(connection, tables, documents, ids)
    return ids


def _upsert_chunks(
    connection: Connection,
    tables: Tables,
    documents: list[NewDocument],
    ids: dict[tuple[str, str], int],
) -> None:
    chunk_table = tables.document_chunks
    rows = [
        {
            "document_id": ids[(d.source, d.external_id)],
            "chunk_index": index,
            "content": text,
            "content_hash": content_hash(text),
            "token_estimate": estimate_tokens(text),
        }
        for d in documents
        for index, text in enumerate(d.chunks)
    ]
    if rows:
        statement = insert(chunk_table)
        statement = statement.on_conflict_do_update(
            constraint="document_chunks_document_chunk_key",
            set_={
                "content": statement.excluded.content,
                "content_hash": statement.excluded.content_hash,
                "token_estimate": statement.excluded.token_estimate,
                "attempts": 0,
                "last_error": None,
                "dead_letter": False,
                "updated_at": sa.func.now(),
            },
            where=chunk_table.c.content_hash != statement.excluded.content_hash,
        )
        # RETURNING makes SQLAlchemy send multi-row VALUES pages; an ON CONFLICT upsert
        # without it goes through psycopg2's executemany, one round trip a chunk.
        connection.execute(statement.returning(chunk_table.c.id), rows)
    connection.execute(
        _DELETE_STALE_CHUNKS,
        {
            "doc_ids": [ids[(d.source, d.external_id)] for d in documents],
            "chunk_counts": [len(d.chunks) for d in documents],
        },
    )


# Chunks past a document's new length, for every document of the batch in one statement.
_DELETE_STALE_CHUNKS = sa.text(
    """
    DELETE FROM document_chunks AS c
    USING unnest(CAST(:doc_ids AS bigint[]), CAST(:chunk_counts AS integer[])) AS t(doc_id, n)
    WHERE c.document_id = t.doc_id AND c.chunk_index >= t.n
    """
)
