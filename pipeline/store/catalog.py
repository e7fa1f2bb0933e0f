"""What the asset catalog and the CLI's filter messages need to know about stored documents."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class DocumentScope:
    """One (source, market, doc_type, stock_code) group of documents, with a company name."""

    source: str
    market: str | None
    doc_type: str | None
    stock_code: str | None
    company_name: str | None
    documents: int


def document_scopes(connection: Connection, limit: int = 5000) -> list[DocumentScope]:
    """Every group the vectorizer writes events for (on the market/doc_type/stock index)."""
    rows = connection.execute(
        sa.text(
            "SELECT source, market, doc_type, stock_code, min(company_name) AS company_name, "
            "count(*) AS documents FROM documents "
            "GROUP BY source, market, doc_type, stock_code "
            "ORDER BY source, market, doc_type, stock_code LIMIT :limit"
        ),
        {"limit": limit},
    )
    return [DocumentScope(*row) for row in rows]


@dataclass(frozen=True)
class KnownValues:
    """The values a chunk filter can match: for 'no chunk matches' messages."""

    markets: list[str]
    doc_types: list[str]
    stock_codes: int


def known_values(connection: Connection) -> KnownValues:
    row = connection.execute(
        sa.text(
            "SELECT array_remove(array_agg(DISTINCT market), NULL) AS markets, "
            "array_remove(array_agg(DISTINCT doc_type), NULL) AS doc_types, "
            "count(DISTINCT stock_code) AS stock_codes FROM documents"
        )
    ).one()
    return KnownValues(sorted(row.markets or []), sorted(row.doc_types or []), row.stock_codes)


def count_documents_matching(
    connection: Connection,
    markets: tuple[str, ...] = (),
    doc_types: tuple[str, ...] = (),
    stock_codes: tuple[str, ...] = (),
    document_ids: tuple[int, ...] = (),
) -> int:
    """Documents the filter's values match, whatever their chunks' state (an empty value:
    no restriction)."""
    return connection.execute(
        sa.text(
            "SELECT count(*) FROM documents d WHERE "
            "(cardinality(CAST(:markets AS text[])) = 0 "
            "OR d.market = ANY(CAST(:markets AS text[]))) "
            "AND (cardinality(CAST(:doc_types AS text[])) = 0 "
            "OR d.doc_type = ANY(CAST(:doc_types AS text[]))) "
            "AND (cardinality(CAST(:stocks AS text[])) = 0 "
            "OR d.stock_code = ANY(CAST(:stocks AS text[]))) "
            "AND (cardinality(CAST(:ids AS bigint[])) = 0 OR d.id = ANY(CAST(:ids AS bigint[])))"
        ),
        {
            "markets": list(markets),
            "doc_types": list(doc_types),
            "stocks": list(stock_codes),
            "ids": list(document_ids),
        },
    ).scalar_one()


def count_source_chunks(connection: Connection, source: str) -> tuple[int, int]:
    """(chunks, pending chunks) of one document source, e.g. the demo reports alone."""
    row = connection.execute(
        sa.text(
            "SELECT count(*) AS total, count(*) FILTER (WHERE c.vectorized_hash IS DISTINCT "
            "FROM c.content_hash AND NOT c.dead_letter) AS pending "
            "FROM document_chunks c JOIN documents d ON d.id = c.document_id "
            "WHERE d.source = :source"
        ),
        {"source": source},
    ).one()
    return row.total, row.pending
