"""Emails, candidates and projects: set-based SQL Core statements for the email intake, and
`PostgresInbox`, the intake's `InboxStore` built on them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine

from pipeline.store.documents import NewDocument, upsert_documents
from pipeline.store.tables import Tables


def insert_emails(
    connection: Connection, tables: Tables, rows: Sequence[dict[str, Any]]
) -> dict[str, int]:
    """Insert new emails; return {raw_sha256: id} for the rows actually inserted.

    Mail whose bytes are already stored is skipped (ON CONFLICT DO NOTHING on raw_sha256):
    re-ingesting is a no-op. A different mail with a Message-ID already stored is inserted;
    `earlier_with_message_id` finds those.
    """
    if not rows:
        return {}
    table = tables.emails
    statement = (
        insert(table)
        .on_conflict_do_nothing(constraint="emails_raw_sha256_key")
        .returning(table.c.id, table.c.raw_sha256)
    )
    result = connection.execute(statement, list(rows))
    return {row.raw_sha256: row.id for row in result}


def earlier_with_message_id(connection: Connection, email_ids: Sequence[int]) -> dict[int, str]:
    """{email_id: source of the first email stored before it with the same Message-ID}.

    Only the given emails that share their Message-ID with an earlier, different mail appear.
    A join, not a LATERAL `ORDER BY o.id LIMIT 1`: for that the planner walked the primary
    key from the first mail, filtering on the Message-ID, so every new mail read every stored
    one (at 10,000 mails, 40% of the ingest's time).
    """
    if not email_ids:
        return {}
    rows = connection.execute(
        sa.text(
            """
            SELECT DISTINCT ON (e.id) e.id, coalesce(o.source, '') AS source
            FROM emails AS e
            JOIN emails AS o ON o.message_id = e.message_id AND o.id < e.id
            WHERE e.id = ANY(:ids)
            ORDER BY e.id, o.id
            """
        ),
        {"ids": list(email_ids)},
    )
    return {row.id: row.source for row in rows}


def link_documents(connection: Connection, pairs: Sequence[tuple[int, int]]) -> None:
    """Set emails.document_id for every (email_id, document_id) pair in one statement."""
    if not pairs:
        return
    connection.execute(
        sa.text(
            """
            UPDATE emails AS e SET document_id = t.document_id
            FROM unnest(CAST(:email_ids AS bigint[]), CAST(:document_ids AS bigint[]))
                 AS t(email_id, document_id)
            WHERE e.id = t.email_id
            """
        ),
        {"email_ids": [p[0] for p in pairs], "document_ids": [p[1] for p in pairs]},
    )


def set_classifications(
    connection: Connection, rows: Sequence[tuple[int, str, float, str]]
) -> None:
    """Store (email_id, category, confidence, classified_by) for many emails at once."""
    if not rows:
        return
    connection.execute(
        sa.text(
            """
            UPDATE emails AS e
            SET category = t.category, confidence = t.confidence,
                classified_by = t.classified_by, classified_at = now()
            FROM unnest(CAST(:ids AS bigint[]), CAST(:categories AS text[]),
                        CAST(:confidences AS real[]), CAST(:classified_by AS text[]))
                 AS t(id, category, confidence, classified_by)
            WHERE e.id = t.id
            """
        ),
        {
            "ids": [r[0] for r in rows],
            "categories": [r[1] for r in rows],
            "confidences": [r[2] for r in rows],
            "classified_by": [r[3] for r in rows],
        },
    )


def replace_profiles(
    connection: Connection,
    tables: Tables,
    email_ids: Sequence[int],
    candidates: Sequence[dict[str, Any]],
    projects: Sequence[dict[str, Any]],
) -> None:
    """Make the candidates and projects of `email_ids` exactly the given rows.

    Rows are upserted by (email_id, block_index), so a profile that is extracted again keeps
    its id (and the matches that point at it); blocks that are no longer there are deleted.
    """
    if not email_ids:
        return
    for table, rows, key in (
        (tables.candidates, candidates, "candidates_email_block_key"),
        (tables.projects, projects, "projects_email_block_key"),
    ):
        keep = sorted({(row["email_id"], row.get("block_index", 0)) for row in rows})
        connection.execute(
            sa.text(
                f"""
                DELETE FROM {table.name} AS t
                WHERE t.email_id = ANY(:email_ids)
                  AND (t.email_id, t.block_index) NOT IN (
                      SELECT * FROM unnest(CAST(:keep_emails AS bigint[]),
                                           CAST(:keep_blocks AS integer[])))
                """
            ),
            {
                "email_ids": list(email_ids),
                "keep_emails": [k[0] for k in keep],
                "keep_blocks": [k[1] for k in keep],
            },
        )
        if rows:
            statement = insert(table)
            updated = {
                column: statement.excluded[column]
                for column in rows[0]
                if column not in ("id", "email_id", "block_index", "created_at")
            }
            # RETURNING makes SQLAlchemy send the rows as multi-row VALUES pages; an ON
            # CONFLICT upsert without it goes through psycopg2's executemany, one round trip
            # a row (9% of an ingest). A batch's (email_id, block_index) keys are distinct.
            connection.execute(
                statement.on_conflict_do_update(
                    constraint=key, set_={**updated, "updated_at": sa.func.now()}
                ).returning(table.c.id),
                list(rows),
            )


def count_by_category(connection: Connection) -> dict[str, int]:
    """Emails per category ('unclassified' for those not yet classified)."""
    rows = connection.execute(
        sa.text(
            "SELECT coalesce(category, 'unclassified') AS c, count(*) AS n FROM emails GROUP BY 1"
        )
    )
    return {row.c: row.n for row in rows}


def unclassified_email_ids(connection: Connection, limit: int = 1000) -> list[int]:
    """Emails stored but not yet classified (a run that stopped between the two steps)."""
    rows = connection.execute(
        sa.text("SELECT id FROM emails WHERE category IS NULL ORDER BY id LIMIT :limit"),
        {"limit": limit},
    )
    return [row.id for row in rows]


def raw_emails(connection: Connection, ids: Sequence[int]) -> list[tuple[int, str, bytes]]:
    """(id, source, raw bytes) for the given emails."""
    rows = connection.execute(
        sa.text("SELECT id, coalesce(source, '') AS source, raw FROM emails WHERE id = ANY(:ids)"),
        {"ids": list(ids)},
    )
    return [(row.id, row.source, bytes(row.raw)) for row in rows]


def unchunked_email_ids(connection: Connection, limit: int = 1000) -> list[int]:
    """Emails stored but without a document (a run that stopped before chunking them)."""
    rows = connection.execute(
        sa.text("SELECT id FROM emails WHERE document_id IS NULL ORDER BY id LIMIT :limit"),
        {"limit": limit},
    )
    return [row.id for row in rows]


def email_ids_to_classify(
    connection: Connection, everything: bool = False, limit: int | None = None
) -> list[int]:
    """Ids of the emails to classify, in id order: those not classified yet, or all."""
    rows = connection.execute(
        sa.text(
            "SELECT id FROM emails WHERE (:everything OR category IS NULL) ORDER BY id LIMIT :limit"
        ),
        {"everything": everything, "limit": limit},
    )
    return [row.id for row in rows]


def set_document_types(connection: Connection, rows: Sequence[tuple[int, str]]) -> None:
    """Give each (email_id, category) email's document that category as its doc_type."""
    if not rows:
        return
    connection.execute(
        sa.text(
            """
            UPDATE documents AS d SET doc_type = t.category, updated_at = now()
            FROM unnest(CAST(:ids AS bigint[]), CAST(:categories AS text[])) AS t(id, category),
                 emails AS e
            WHERE e.id = t.id AND d.id = e.document_id
              AND d.doc_type IS DISTINCT FROM t.category
            """
        ),
        {"ids": [r[0] for r in rows], "categories": [r[1] for r in rows]},
    )


class PostgresInbox:
    """The intake's store (`pipeline.emails.store.InboxStore`) on the emails tables.

    Each call is one transaction on `engine` (reads one connection), so the intake holds no
    connection between calls and writes no SQL of its own.
    """

    def __init__(self, engine: Engine, tables: Tables) -> None:
        self.engine = engine
        self.tables = tables

    def insert_emails(self, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        with self.engine.begin() as connection:
            return insert_emails(connection, self.tables, rows)

    def earlier_with_message_id(self, email_ids: Sequence[int]) -> dict[int, str]:
        with self.engine.connect() as connection:
            return earlier_with_message_id(connection, email_ids)

    def to_process(self, *, unchunked: bool, limit: int) -> list[tuple[int, str, bytes]]:
        with self.engine.connect() as connection:
            if unchunked:
                ids = unchunked_email_ids(connection, limit)
            else:
                ids = unclassified_email_ids(connection, limit)
            return raw_emails(connection, ids)

    def email_ids_to_classify(self, everything: bool, limit: int | None) -> list[int]:
        with self.engine.connect() as connection:
            return email_ids_to_classify(connection, everything, limit)

    def raw_emails(self, ids: Sequence[int]) -> list[tuple[int, str, bytes]]:
        with self.engine.connect() as connection:
            return raw_emails(connection, ids)

    def save_documents(
        self,
        documents: Sequence[tuple[int, NewDocument]],
        labels: Sequence[tuple[int, str, float, str]] | None = None,
        candidates: Sequence[dict[str, Any]] = (),
        projects: Sequence[dict[str, Any]] = (),
    ) -> None:
        with self.engine.begin() as connection:
            doc_ids = upsert_documents(connection, self.tables, [d for _, d in documents])
            links = [(i, doc_ids[(d.source, d.external_id)]) for i, d in documents]
            link_documents(connection, links)
            if labels is not None:
                self._classify(connection, labels, candidates, projects)

    def save_classifications(
        self,
        labels: Sequence[tuple[int, str, float, str]],
        candidates: Sequence[dict[str, Any]],
        projects: Sequence[dict[str, Any]],
    ) -> None:
        with self.engine.begin() as connection:
            self._classify(connection, labels, candidates, projects)
            set_document_types(connection, [(label[0], label[1]) for label in labels])

    def _classify(
        self,
        connection: Connection,
        labels: Sequence[tuple[int, str, float, str]],
        candidates: Sequence[dict[str, Any]],
        projects: Sequence[dict[str, Any]],
    ) -> None:
        set_classifications(connection, labels)
        email_ids = [label[0] for label in labels]
        replace_profiles(connection, self.tables, email_ids, candidates, projects)
