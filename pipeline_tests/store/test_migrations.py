"""The schema is applied by yoyo from sql/, and applying it again changes nothing."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.store.migrations import apply_migrations


def _schema_fingerprint(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return connection.execute(
            sa.text(
                """
                SELECT table_name, column_name, data_type, is_nullable
                FROM information_schema.columns
                WHERE table_schema = current_schema()
                ORDER BY table_name, column_name
                """
            )
        ).all()


def test_second_migrate_applies_nothing_and_changes_nothing(database_url: str, engine: Engine):
    before = _schema_fingerprint(engine)

    applied = apply_migrations(database_url)

    assert applied == []
    assert _schema_fingerprint(engine) == before


def test_schema_has_every_application_table(engine: Engine):
    names = set(sa.inspect(engine).get_table_names())
    assert {"documents", "document_chunks", "emails", "candidates", "projects", "matches"} <= names


def test_pending_chunks_is_an_index_scan(db: Engine):
    with db.begin() as connection:
        connection.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = (
            connection.execute(
                sa.text(
                    "EXPLAIN SELECT id FROM document_chunks "
                    "WHERE vectorized_hash IS DISTINCT FROM content_hash AND NOT dead_letter "
                    "ORDER BY id LIMIT 10"
                )
            )
            .scalars()
            .all()
        )
    assert any("document_chunks_pending_idx" in line for line in plan), plan
