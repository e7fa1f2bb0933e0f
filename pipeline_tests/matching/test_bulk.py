"""Bulk ranking in memory gives the engine's results: the same candidates, scores and near
misses as the Qdrant query (prefetch by vector under the hard filter, then the formula), on a
random world, on the fixture world and through incremental runs, for both embedded stores."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from pipeline.matching.index import ProfileIndexer
from pipeline.matching.search import Matcher, SearchResult
from pipeline.matching.service import MatchingService
from pipeline.store.vectors import EdgeVectorStore, QdrantClientStore
from pipeline.store.weighted_query import (
    AllOf,
    AnyOf,
    HasId,
    InMemoryPoints,
    IsEmpty,
    Match,
    MatchAny,
    PayloadColumns,
    Range,
    evaluate,
)
from pipeline_tests.support import APP_TABLES

TOLERANCE = 1e-5  # the engine scores in float32
SKILLS = ["Java", "Spring Boot", "Python", "AWS", "React", "Go", "SQL", "Docker", "COBOL"]
PLACES = ["Tokyo", "Osaka", "Fukuoka", "Shanghai", None]


def _random_world(add_project, add_candidate, seed: int, projects: int, candidates: int):
    """Profiles that state and omit every field the filters and hard rules read."""
    r = random.Random(seed)
    start = date(2027, 1, 1)

    def maybe(value):
        return value if r.random() < 0.8 else None

    for _ in range(candidates):
        rate = maybe(r.randrange(40, 100, 5) * 10_000)
        available = maybe(start + timedelta(days=r.randint(-40, 120)))
        add_candidate(
            language=r.choice(["ja", "zh", "en"]), skills=r.sample(SKILLS, r.randint(1, 4)),
            experience_years=maybe(float(r.randint(1, 15))), monthly_rate_min=rate,
            monthly_rate_max=rate, place=r.choice(PLACES),
            remote=r.choice(["full", "partial", "none", None]), remote_only=r.random() < 0.15,
            available_from=available, nationality=r.choice(["JP", "JP", "CN", "VN", "US", None]),
            japanese_level=r.choice(["N1", "N2", "N3", "native", None]),
            commercial_depth=r.choice([0, 1, 2, None]),
        )  # fmt: skip
    for _ in range(projects):
        budget = maybe(r.randrange(50, 100, 5) * 10_000)
        add_project(
            language=r.choice(["ja", "zh", "en"]),
            required_skills=r.sample(SKILLS, r.randint(1, 3)), preferred_skills=r.sample(SKILLS, 1),
            min_experience_years=maybe(float(r.randint(1, 8))),
            monthly_budget_min=None, monthly_budget_max=budget, place=r.choice(PLACES),
            remote=r.choice(["full", "partial", "none", None]),
            start_date=maybe(start + timedelta(days=r.randint(0, 60))),
            foreign_nationals_ok=r.choice([True, False, None]),
            japanese_level=r.choice(["N1", "N2", None, None]),
            max_commercial_depth=r.choice([0, 1, None]),
        )  # fmt: skip


def assert_same_results(engine: list[SearchResult], memory: list[SearchResult]) -> None:
    """Position by position the same scores; the same candidates, but for ties at the cut."""
    assert len(engine) == len(memory)
    for a, b in zip(engine, memory, strict=True):
        assert a.total == pytest.approx(b.total, abs=TOLERANCE)
    cut = engine[-1].total + TOLERANCE if engine else 0.0
    by_id = {r.profile_id: r for r in memory}
    for a in engine:
        if a.total > cut:
            b = by_id[a.profile_id]
            assert (b.vector_score, b.filter_score, b.payload) == (
                pytest.approx(a.vector_score, abs=TOLERANCE),
                pytest.approx(a.filter_score, abs=TOLERANCE),
                a.payload,
            )
    assert {r.profile_id for r in engine if r.total > cut} == {
        r.profile_id for r in memory if r.total > cut
    }


@pytest.mark.parametrize("prefetch", [12, 200])
def test_in_memory_ranking_is_the_engine_query(
    db, add_project, add_candidate, embedder, vector_store, config, prefetch
) -> None:
    _random_world(add_project, add_candidate, seed=7, projects=30, candidates=150)
    config = config.model_copy(update={"prefetch_limit": prefetch})  # 12: the prefetch cuts
    ProfileIndexer(db, embedder, vector_store, config).sync()
    matcher = Matcher(db, embedder, vector_store, config)
    points = matcher.candidate_points()
    assert points.size == 150
    # nearest=16: the prefetch is read from the 48 nearest when enough of them pass the
    # filter, and from every passing point when not (a near-miss query: few are excluded)
    shallow = InMemoryPoints(points.ids, points.vectors, points.payloads, nearest=16)
    projects = matcher.indexer.profiles("project")
    pairs = [(p, None) for p in projects]
    some = sorted(points.payloads[i]["profile_id"] for i in range(0, 150, 4))
    compared = 0
    for only_ids, in_memory in itertools.product((None, some), (points, shallow)):
        engine = matcher.rank_candidates_batch(pairs, 10, 3, only_ids)
        memory = matcher.rank_candidates_batch(pairs, 10, 3, only_ids, points=in_memory)
        for (ranked_e, near_e), (ranked_m, near_m) in zip(engine, memory, strict=True):
            assert_same_results(ranked_e, ranked_m)
            assert_same_results(near_e, near_m)
            compared += len(ranked_e) + len(near_e)
    assert compared > 4 * 30 * 10  # the world ranks and excludes enough to compare


def _rows(db) -> dict[tuple[int, int], dict]:
    with db.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT project_id, candidate_id, rank, total_score, vector_score, filter_score, "
            "business_score, explanation, breakdown FROM matches"))  # fmt: skip
        return {(r.project_id, r.candidate_id): dict(r._mapping) for r in rows}


def assert_same_rows(engine: dict, memory: dict) -> None:
    """Per project: the same totals rank by rank; the same candidates, scores, explanations and
    breakdowns, but where totals tie at the top-k cut (which of the tied is kept is the
    engine's choice or the lower index; a near miss is then judged against that bar)."""
    ranked = [_by_project(rows) for rows in (engine, memory)]
    assert ranked[0].keys() == ranked[1].keys()
    for project, a in ranked[0].items():
        b = ranked[1][project]
        assert [r["total_score"] for r in b] == pytest.approx(
            [r["total_score"] for r in a], abs=TOLERANCE
        ), project
        cut = a[-1]["total_score"] + TOLERANCE
        at_cut = [{r["candidate_id"] for r in rows if r["total_score"] <= cut} for rows in (a, b)]
        tied = len(at_cut[0]) > 1 or at_cut[0] != at_cut[1]
        by_id = {r["candidate_id"]: r for r in b}
        for row in a:
            if row["total_score"] <= cut and tied:
                continue
            other = by_id[row["candidate_id"]]
            for score in ("total_score", "vector_score", "filter_score"):
                assert other[score] == pytest.approx(row[score], abs=TOLERANCE), project
            assert (other["business_score"], other["explanation"]) == (
                row["business_score"], row["explanation"],
            )  # fmt: skip
            near = "near_misses_excluded"
            assert {**other["breakdown"], near: None} == {**row["breakdown"], near: None}
            if not tied:
                assert other["breakdown"][near] == row["breakdown"][near], project


def _by_project(rows: dict) -> dict[int, list[dict]]:
    projects: dict[int, list[dict]] = {}
    for row in sorted(rows.values(), key=lambda r: r["rank"]):
        projects.setdefault(row["project_id"], []).append(row)
    return projects


def _scenario(db, add_project, add_candidate, embedder, store, config, bulk: bool) -> list:
    """A full run, then an incremental one after candidates change and join: rows after each."""
    _random_world(add_project, add_candidate, seed=11, projects=24, candidates=120)
    ProfileIndexer(db, embedder, store, config).sync()
    service = MatchingService(db, embedder, store, config, top_k=5, bulk=bulk)
    service.compute()
    full = _rows(db)
    with db.begin() as connection:
        connection.execute(sa.text(
            "UPDATE candidates SET skills = '{Python,AWS,Go}', monthly_rate_min = 500000 "
            "WHERE id IN (3, 40, 77)"))  # fmt: skip
    add_candidate(skills=["Java", "Spring Boot", "SQL"], experience_years=9.0)
    ProfileIndexer(db, embedder, store, config).sync()
    report = service.compute()
    assert report.candidates_changed == 4 and report.projects_recomputed == 0
    return [full, _rows(db)]


@pytest.mark.parametrize("kind", ["edge", "local"])
def test_bulk_step_stores_what_the_engine_path_stores_full_and_incremental(
    db, add_project, add_candidate, embedder, config, tmp_path, kind
) -> None:
    runs = []
    for bulk in (False, True):
        with db.begin() as connection:  # the same world again, with the same row ids
            connection.execute(
                sa.text(f"TRUNCATE {', '.join(APP_TABLES)} RESTART IDENTITY CASCADE")
            )
        store = (
            EdgeVectorStore(tmp_path / f"edge-{bulk}") if kind == "edge"
            else QdrantClientStore(":memory:")
        )  # fmt: skip
        runs.append(_scenario(db, add_project, add_candidate, embedder, store, config, bulk))
        store.close()
    for engine, memory in zip(*runs, strict=True):
        assert len(engine) > 24 * 3
        assert_same_rows(engine, memory)
    assert runs[0][0] != runs[0][1]  # the incremental run changed stored pairs


def test_fixture_world_bulk_step_matches_the_engine_path(
    db, tables, embedder, vector_store, config
) -> None:
    from pipeline_tests.matching.world import ingest_world

    ingest_world(db, tables)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    stored = []
    for bulk in (False, True):
        with db.begin() as connection:
            connection.execute(sa.text("TRUNCATE matches, match_state"))
        MatchingService(db, embedder, vector_store, config, top_k=10, bulk=bulk).compute()
        stored.append(_rows(db))
    assert len(stored[0]) >= 300
    assert_same_rows(*stored)


def test_payload_columns_evaluate_conditions_as_evaluate_does() -> None:
    r = random.Random(3)
    values = {
        "skills": lambda: r.choice([None, [], r.sample(["a", "b", "c"], r.randint(1, 3))]),
        "place": lambda: r.choice([None, "x", "y", 1]),
        "n": lambda: r.choice([None, 0, 1, 2.5, 3, True, "3"]),
    }
    payloads = [
        {key: make() for key, make in values.items() if r.random() < 0.85} for _ in range(300)
    ]
    ids = [f"id-{i}" for i in range(300)]
    leaves = [
        Match("skills", "a"), Match("place", "x"), Match("place", 1), Match("n", 1),
        MatchAny("skills", ("b", "c")), MatchAny("place", ("y", 1)), MatchAny("n", (0, 3)),
        Range("n", gte=1), Range("n", gt=0, lt=3), Range("n", lte=2.5), Range("skills", gte=0),
        IsEmpty("skills"), IsEmpty("place"), IsEmpty("n"), HasId(("id-3", "id-7")),
    ]  # fmt: skip
    conditions = [
        *leaves,
        AllOf(must=(leaves[0], leaves[7]), must_not=(leaves[1],)),
        AnyOf((leaves[2], AllOf(must_not=(leaves[11], leaves[13])))),
    ]
    columns = PayloadColumns(ids, payloads)
    for condition in conditions * 2:  # the second pass reads the cache
        expected = [evaluate(condition, p, i) for i, p in zip(ids, payloads, strict=True)]
        assert columns.mask(condition).tolist() == expected, condition
        assert (any(expected) and not all(expected)) or isinstance(condition, HasId | Range)
