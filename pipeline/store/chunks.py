"""Queries on document_chunks."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection


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
