"""compute_matches: top-k per open project into `matches`, incremental, explained."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pipeline.matching.index import ProfileIndexer, profile_collection
from pipeline.matching.search import Matcher
from pipeline.matching.service import MatchingService


def _run(db, embedder, store, config, **kwargs):
    ProfileIndexer(db, embedder, store, config).sync()
    return MatchingService(db, embedder, store, config, top_k=3, **kwargs).compute()


def _matches(db, project_id=None):
    where = "" if project_id is None else f"WHERE project_id = {int(project_id)}"
    with db.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(sa.text(
            f"SELECT * FROM matches {where} ORDER BY project_id, rank"))]  # fmt: skip


def test_matches_are_stored_with_components_weights_and_explanation(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project = add_project(foreign_nationals_ok=False)
    best = add_candidate()
    add_candidate(skills=["Java"], experience_years=3.0)
    decoy = add_candidate(nationality="VN")
    report = _run(db, embedder, vector_store, config)
    rows = _matches(db, project)
    assert report.matches_written == len(rows) == 2
    top = rows[0]
    assert top["candidate_id"] == best and top["rank"] == 1
    assert top["weights"] == {"vector": 0.7, "filters": 0.3}
    assert top["total_score"] == pytest.approx(
        0.7 * top["vector_score"] + 0.3 * top["filter_score"], abs=1e-5
    )
    assert "required 2/2: Java, Spring Boot" in top["explanation"]
    assert "rate 65万/月 vs budget ≤70万/月 ✓" in top["explanation"]
    assert top["breakdown"]["near_misses_excluded"] == [
        {"candidate_id": decoy, "rules": ["foreign_national"]}
    ]
    assert "missing Spring Boot" in rows[1]["explanation"]


def test_rerun_changes_nothing_and_a_changed_candidate_touches_only_its_pairs(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    first, second = add_project(), add_project(required_skills=["Python"], title="Python")
    java = add_candidate()
    add_candidate(skills=["Python"])
    _run(db, embedder, vector_store, config)
    before = {(r["project_id"], r["candidate_id"]): r for r in _matches(db)}
    again = _run(db, embedder, vector_store, config)
    assert again.matches_written == 0 and again.projects_recomputed == 0
    assert {(r["project_id"], r["candidate_id"]): r["id"] for r in _matches(db)} == {
        k: r["id"] for k, r in before.items()
    }
    with db.begin() as connection:  # the Java engineer learns Python and gets cheaper
        connection.execute(sa.text(
            "UPDATE candidates SET skills = '{Java,Spring Boot,Python}', monthly_rate_min = 500000 "
            "WHERE id = :id"), {"id": java})  # fmt: skip
    report = _run(db, embedder, vector_store, config)
    assert report.candidates_changed == 1 and report.projects_recomputed == 0
    after = {(r["project_id"], r["candidate_id"]): r for r in _matches(db)}
    assert after[(second, java)]["filter_score"] > before.get((second, java), {}).get(
        "filter_score", 0
    )
    # pairs of the unchanged candidate keep their row and scores
    for key, row in before.items():
        if key[1] != java:
            assert after[key]["id"] == row["id"]
            assert after[key]["total_score"] == row["total_score"]
    assert first in {k[0] for k in after}


def test_new_candidate_is_matched_against_open_projects_only(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    open_project = add_project()
    closed = add_project(is_open=False)
    add_candidate(skills=["Java"])
    _run(db, embedder, vector_store, config)
    newcomer = add_candidate()
    report = _run(db, embedder, vector_store, config)
    assert report.projects_updated_for_new_candidates == 1
    assert _matches(db, open_project)[0]["candidate_id"] == newcomer
    assert _matches(db, closed) == []


def test_deleted_candidate_leaves_qdrant_and_matches(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    add_project()
    keep, gone = add_candidate(), add_candidate()
    _run(db, embedder, vector_store, config)
    collection = profile_collection("candidate", embedder)
    assert vector_store.count(collection) == 2
    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM candidates WHERE id = :id"), {"id": gone})
    report = ProfileIndexer(db, embedder, vector_store, config).sync()
    assert report.removed["candidate"] == 1
    assert vector_store.count(collection) == 1
    assert {r["candidate_id"] for r in _matches(db)} == {keep}


def test_hybrid_without_llm_renormalises_and_says_so(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    add_project()
    add_candidate()
    report = _run(db, embedder, vector_store, config, mode="hybrid")
    [row] = _matches(db)
    assert report.ai_unavailable == 1
    assert row["mode"] == "hybrid" and row["ai_score"] is None
    assert row["weights"] == {"vector": 0.6154, "business": 0.3846}
    assert row["total_score"] == pytest.approx(
        0.6154 * row["vector_score"] + 0.3846 * row["business_score"], abs=1e-4
    )
    assert "AI score unavailable" in row["explanation"]


def test_bulk_load_ends_with_every_payload_index_and_more_batches_than_one(
    db, add_project, add_candidate, embedder, config, tmp_path, monkeypatch
) -> None:
    from pipeline.matching import index
    from pipeline.store.vectors import EdgeVectorStore

    monkeypatch.setattr(index, "UPSERT_BATCH", 2)  # several upserts before the indexes
    monkeypatch.setattr(index, "EMBED_BATCH", 1)
    add_project()
    ids = [add_candidate(experience_years=float(i)) for i in range(5)]
    store = EdgeVectorStore(tmp_path / "edge")
    report = ProfileIndexer(db, embedder, store, config).sync()
    assert report.indexed["candidate"] == 5
    collection = profile_collection("candidate", embedder)
    schema = store._shard(collection).info().payload_schema
    assert set(index.PAYLOAD_INDEXES["candidate"]) <= set(schema)
    assert schema["years"].points == 5
    assert store._shard(collection).info().segments_count == 1  # indexed as written
    assert collection not in store._unflushed  # the sync ended flushed
    vectors = Matcher(db, embedder, store, config).profile_vectors("candidate", ids)
    assert set(vectors) == set(ids)
    assert all(v.shape == (embedder.dimension,) for v in vectors.values())
    with db.begin() as connection:  # an incremental run upserts into the indexed collection
        connection.execute(
            sa.text("UPDATE candidates SET experience_years = 30 WHERE id = :id"), {"id": ids[0]}
        )
    assert ProfileIndexer(db, embedder, store, config).sync().indexed["candidate"] == 1
    results = Matcher(db, embedder, store, config).search_candidates(
        "Java", filters={"experience_years": "25+"}, limit=5
    )
    assert results[0].profile_id == ids[0]
    store.close()


def test_a_failed_background_write_fails_the_run_and_the_rerun_completes_it(
    db, add_project, add_candidate, embedder, vector_store, config, monkeypatch
) -> None:
    from pipeline.matching import service
    from pipeline.store import profiles as profile_store

    monkeypatch.setattr(service, "WRITE_BATCH", 1)  # a write per project, one in flight
    projects = [add_project(), add_project(required_skills=["Python"]), add_project()]
    add_candidate()
    add_candidate(skills=["Python"])
    real, calls = profile_store.replace_matches, []

    def failing(connection, *args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(connection, *args)

    monkeypatch.setattr(profile_store, "replace_matches", failing)
    with pytest.raises(RuntimeError, match="went away"):
        _run(db, embedder, vector_store, config)
    with db.connect() as connection:  # no project is recorded as matched
        assert profile_store.matched_hashes(connection, "project", service.SCORING_VERSION,
                                            "standard") == {}  # fmt: skip
    monkeypatch.setattr(profile_store, "replace_matches", real)
    report = _run(db, embedder, vector_store, config)
    assert report.projects_recomputed == 3
    assert {r["project_id"] for r in _matches(db)} == set(projects)
    assert len(_matches(db)) == report.matches_written == 6
