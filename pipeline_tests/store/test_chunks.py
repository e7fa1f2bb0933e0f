"""The chunk queue's SQL: scope filters, paging by key, claims with leases, marks, failures."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from pipeline.store import chunks as q
from pipeline.store.chunks import PendingFilter
from pipeline_tests.vectorize.helpers import load_demo, load_texts


def test_scan_pages_by_key_and_honours_filters(db, tables):
    total = load_demo(db, tables, chunks=100)
    with db.connect() as connection:
        first = q.scan_pending(connection, PendingFilter(), limit=30)
        second = q.scan_pending(connection, PendingFilter(), after_id=first[-1], limit=1000)
        assert first == sorted(first) and len(first) == 30
        assert len(first) + len(second) == total and not set(first) & set(second)
        market, code = connection.execute(
            sa.text("SELECT market, stock_code FROM documents ORDER BY id LIMIT 1")
        ).one()
        scope = PendingFilter(markets=(market,), stock_codes=(code,))
        expected = connection.execute(
            sa.text(
                "SELECT count(*) FROM document_chunks c JOIN documents d ON d.id = c.document_id "
                "WHERE d.market = :m AND d.stock_code = :s"
            ),
            {"m": market, "s": code},
        ).scalar_one()
        assert q.count_pending(connection, scope) == expected
        assert q.count_pending(connection, PendingFilter(limit=7)) == 7
        assert q.count_pending(connection, PendingFilter(document_ids=(1,))) > 0


def test_claims_skip_chunks_leased_to_another_worker_until_the_lease_expires(db, tables):
    load_demo(db, tables, chunks=20)
    with db.begin() as connection:
        a = q.claim_chunks(connection, PendingFilter(), worker="a", lease_s=60, after_id=0, limit=5)
    with db.begin() as connection:
        b = q.claim_chunks(connection, PendingFilter(), worker="b", lease_s=60, after_id=0, limit=5)
    assert not {c.id for c in a} & {c.id for c in b}
    with db.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET claim_expires_at = now() - interval '1s' "
                "WHERE claimed_by = 'a'"
            )
        )
        c = q.claim_chunks(connection, PendingFilter(), worker="c", lease_s=60, after_id=0, limit=5)
    assert [x.id for x in c] == [x.id for x in a]
    assert c[0].company_name is not None  # claims carry what payloads and events need
    with db.connect() as connection:
        row = connection.execute(
            sa.text(
                "SELECT c.id, c.document_id, c.chunk_index, c.content, c.content_hash, "
                "c.token_estimate, c.attempts, d.market, d.doc_type, d.stock_code, "
                "d.company_name, d.language, d.source FROM document_chunks c "
                "JOIN documents d ON d.id = c.document_id WHERE c.id = :id"
            ),
            {"id": c[0].id},
        ).one()
    assert dataclasses.asdict(c[0]) == dict(row._mapping)  # every field from its own column


def test_mark_keeps_a_chunk_pending_when_its_text_changed_since_the_claim(db, tables):
    load_texts(db, tables, ["one", "two"])
    with db.begin() as connection:
        claimed = q.claim_chunks(
            connection, PendingFilter(), worker="w", lease_s=60, after_id=0, limit=10
        )
    load_texts(db, tables, ["one", "two changed"])
    with db.begin() as connection:
        q.mark_vectorized(
            connection,
            worker="w",
            model="m",
            dimension=8,
            ids=[c.id for c in claimed],
            hashes=[c.content_hash for c in claimed],
        )
        assert q.count_pending(connection, PendingFilter()) == 1
        pending = q.scan_pending(connection, PendingFilter())
        assert pending == [claimed[1].id]


def test_failures_count_attempts_and_dead_letter_after_the_limit(db, tables):
    load_texts(db, tables, ["a", "b"])
    for attempt in range(3):
        with db.begin() as connection:
            dead = q.record_failures(
                connection,
                worker="w",
                ids=[1],
                errors=[f"boom {attempt}"],
                permanent=[False],
                max_chunk_attempts=3,
            )
    assert dead == [1]
    with db.begin() as connection:
        assert q.record_failures(
            connection,
            worker="w",
            ids=[2],
            errors=["empty"],
            permanent=[True],
            max_chunk_attempts=3,
        ) == [2]
        row = connection.execute(
            sa.text("SELECT attempts, last_error FROM document_chunks WHERE id = 1")
        ).one()
        assert tuple(row) == (3, "boom 2")
        assert q.count_pending(connection, PendingFilter()) == 0
        assert q.reset_dead_letters(connection, PendingFilter(document_ids=(1,))) == 2
        assert q.count_pending(connection, PendingFilter()) == 2


def test_reset_other_models_makes_their_chunks_pending(db, tables):
    load_texts(db, tables, ["a", "b"])
    with db.begin() as connection:
        claimed = q.claim_chunks(
            connection, PendingFilter(), worker="w", lease_s=60, after_id=0, limit=10
        )
        q.mark_vectorized(
            connection,
            worker="w",
            model="old",
            dimension=8,
            ids=[c.id for c in claimed],
            hashes=[c.content_hash for c in claimed],
        )
        assert q.count_pending(connection, PendingFilter()) == 0
        assert q.reset_other_models(connection, "old", 8) == 0
        assert q.reset_other_models(connection, "new", 8) == 2
        assert q.count_pending(connection, PendingFilter()) == 2


def test_scan_past_the_end_is_empty(db, tables):
    load_demo(db, tables, chunks=20)
    with db.connect() as connection:
        last = connection.execute(sa.text("SELECT max(id) FROM document_chunks")).scalar_one()
        assert q.scan_pending(connection, PendingFilter(), after_id=last) == []
