"""replace_matches: rows reach `matches` exactly as given (COPY text escaping, NULLs, JSON),
stay in place on a rerun and leave when they leave a project's top-k."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import sqlalchemy as sa

from pipeline.store import profiles as profile_store


def _row(project: int, candidate: int, rank: int, **fields) -> dict:
    return {
        "project_id": project, "candidate_id": candidate, "scoring_version": "v-test",
        "mode": "standard", "vector_score": 0.5, "filter_score": None, "ai_score": None,
        "business_score": 0.25, "total_score": 0.4, "weights": {"vector": 0.7, "filters": 0.3},
        "explanation": "", "breakdown": {}, "run_id": None, "rank": rank, **fields,
    }  # fmt: skip


def _stored(db) -> list[dict]:
    with db.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT * FROM matches ORDER BY project_id, rank")
        ).mappings()
        return [dict(r) for r in rows]


def test_rows_round_trip_with_awkward_text_nulls_and_json(db, add_project, add_candidate):
    project = add_project()
    first, second = add_candidate(), add_candidate()
    awkward = "tab\there; line\nbreak\r\\back slash \\N 商流 ✓"
    rows = [
        _row(project, first, 1, explanation=awkward, run_id="run\t1", filter_score=0.75,
             breakdown={"reasons": [awkward, 'quote " and \\'], "when": date(2027, 1, 2),
                        "at": datetime(2027, 1, 2, 3, 4, tzinfo=UTC), "n": np.float64(0.1),
                        "empty": [], "none": None}),
        _row(project, second, 2, vector_score=np.float64(0.123456), total_score=1e-05),
    ]  # fmt: skip
    with db.begin() as connection:
        assert profile_store.replace_matches(connection, "v-test", "standard", {project: rows}) == 2
    top, other = _stored(db)
    assert top["explanation"] == awkward and top["run_id"] == "run\t1"
    assert top["filter_score"] == 0.75 and top["ai_score"] is None
    assert top["breakdown"] == {
        "reasons": [awkward, 'quote " and \\'], "when": "2027-01-02",
        "at": "2027-01-02 03:04:00+00:00", "n": 0.1, "empty": [], "none": None,
    }  # fmt: skip
    assert other["explanation"] == "" and other["run_id"] is None
    assert other["filter_score"] is None and other["total_score"] > 0
    assert other["vector_score"] == np.float32(0.123456)


def test_a_rerun_updates_in_place_and_drops_pairs_that_left(db, add_project, add_candidate):
    project = add_project()
    a, b, c = add_candidate(), add_candidate(), add_candidate()
    with db.begin() as connection:
        profile_store.replace_matches(
            connection, "v-test", "standard", {project: [_row(project, a, 1), _row(project, b, 2)]}
        )
    ids = {r["candidate_id"]: r["id"] for r in _stored(db)}
    with db.begin() as connection:
        profile_store.replace_matches(
            connection, "v-test", "standard",
            {project: [_row(project, c, 1), _row(project, a, 2, explanation="moved")]},
        )  # fmt: skip
    after = {r["candidate_id"]: r for r in _stored(db)}
    assert set(after) == {a, c}
    assert after[a]["id"] == ids[a] and after[a]["rank"] == 2 and after[a]["explanation"] == "moved"


def test_rows_are_written_under_a_wait_callback(db, add_project, add_candidate):
    """The client timeout (store/database.py) installs a psycopg2 wait callback, under which
    psycopg2 refuses COPY: the rows must travel another way."""
    import psycopg2.extensions as ext
    from psycopg2.extras import wait_select

    project, candidate = add_project(), add_candidate()
    previous = ext.get_wait_callback()
    ext.set_wait_callback(wait_select)
    db.dispose()  # new connections, made under the callback
    try:
        with db.begin() as connection:
            rows = {project: [_row(project, candidate, 1, explanation="under a callback")]}
            assert profile_store.replace_matches(connection, "v-test", "standard", rows) == 1
    finally:
        ext.set_wait_callback(previous)
        db.dispose()
    assert [r["explanation"] for r in _stored(db)] == ["under a callback"]
