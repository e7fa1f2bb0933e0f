"""The fifth matching world (pipeline_tests/fixtures/matching_world5.yaml), a DEV world: others
tune the rules on it, so its figures are optimistic once they do. Written by hand blind to the
intake rules and to the other worlds' mails: 12 projects (4 per language ja / zh / en), 36
candidates, 9 best pairs across languages, two decoys per project that fail exactly one hard
constraint, weighted towards what matchers miss most (7 availability, 6 foreign_national,
4 commercial_depth, 4 japanese_level, 3 remote_only).

Its pairs are checked with the fixture oracle first, then ranked end to end. The floors sit a
little under the first measurement (`bench/matching.py --world-file
pipeline_tests/fixtures/matching_world5.yaml` prints the figures with the USE model).
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

from pipeline.matching.evaluation import ranking_quality
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService
from pipeline_tests.fixtures.heldout import load_world_file
from pipeline_tests.matching.world import (
    check_world_pairs,
    ingest_world,
    stored_rankings,
    world_truths,
)

WORLD5_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "matching_world5.yaml"
DECOY_KINDS = {
    "availability": 7,
    "foreign_national": 6,
    "commercial_depth": 4,
    "japanese_level": 4,
    "remote_only": 3,
}
# Measured on 2026-12-03, the first time anyone ranked it, with the tests' hashing embedder:
# top-1 0.75, top-3 0.917 (one miss), MRR 0.833, 5 decoys in a top-3. After the rules tuned on
# it and on world 4: top-1 0.917, top-3 0.917, MRR 0.917, no decoy.
TOP3_FLOOR = 0.9
DECOYS_IN_TOP3_CEILING = 0  # measured 0 since 2026-12-03 (hashing and USE)


def load_world5() -> list[dict[str, Any]]:
    """The fifth world's mails, a fresh copy (a dev world: tune on it)."""
    return load_world_file(WORLD5_PATH)


def test_world5_has_one_fitting_best_and_one_constraint_decoys() -> None:
    world = load_world5()
    projects = [m for m in world if m["kind"] == "project"]
    assert len(projects) == 12 and len(world) - len(projects) == 36
    assert collections.Counter(p["lang"] for p in projects) == {"ja": 4, "zh": 4, "en": 4}
    assert sum(1 for p in projects if p.get("script") == "Hant") == 1
    cross, kinds = check_world_pairs(world)
    assert cross >= 5, cross
    assert kinds == DECOY_KINDS, kinds
    assert sum(1 for m in world if m.get("html")) == 3


def test_world5_naturalised_bests_of_japanese_only_projects() -> None:
    world = load_world5()
    mails = {m["id"]: m for m in world}
    words = ("帰化", "入籍", "已归化", "已歸化", "naturalized")
    naturalised = [
        p["id"]
        for p in world
        if p["kind"] == "project" and p["truth"].get("foreign_nationals_ok") is False
        if any(w in mails[p["truth"]["best"]]["body"] for w in words)
    ]
    assert len(naturalised) >= 3, naturalised


def test_world5_best_candidates_rank_in_the_top_three(
    db, tables, embedder, vector_store, config
) -> None:
    ingest_world(db, tables, load_world5)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    MatchingService(db, embedder, vector_store, config, top_k=10).compute()
    truths = world_truths(load_world5)
    rankings = stored_rankings(db)
    groups = ranking_quality(truths, rankings)
    overall = groups["overall"].as_dict()
    print(f"world5 ranking {overall} misses {groups['overall'].misses}")
    print(f"world5 decoys in a top-3: {_leaked_decoys(rankings)}")
    assert overall["projects"] == 12
    assert overall["top3"] >= TOP3_FLOOR, groups["overall"].misses
    assert overall["decoys_in_top3"] <= DECOYS_IN_TOP3_CEILING


def _leaked_decoys(rankings: dict[str, list[str]]) -> dict[str, str]:
    """{decoy id: the constraint it fails} for decoys that reached their project's top 3."""
    leaked: dict[str, str] = {}
    for mail in load_world5():
        if mail["kind"] == "project":
            top3 = rankings.get(mail["id"], [])[:3]
            leaked |= {d: c for d, c in mail["truth"]["decoys"].items() if d in top3}
    return leaked
