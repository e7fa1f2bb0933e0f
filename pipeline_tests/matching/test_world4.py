"""The fourth matching world (pipeline_tests/fixtures/matching_world4.yaml), a DEV world: others
tune the rules on it, so its figures are optimistic. Written by hand blind to the intake rules
and to the other worlds: 12 projects (4 per language ja / zh / en), 36 candidates, 8 best pairs
across languages, two decoys per project that fail exactly one hard constraint, weighted
towards what matchers miss most (7 availability, 6 foreign_national, 4 commercial_depth,
4 japanese_level, 3 remote_only), stated in prose as often as in label lines.

Its pairs are checked with the fixture oracle first, then ranked end to end. The floors sit a
little under the first measurement: a regression guard, not a target.
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

WORLD4_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "matching_world4.yaml"
DECOY_KINDS = {
    "availability": 7,
    "foreign_national": 6,
    "commercial_depth": 4,
    "japanese_level": 4,
    "remote_only": 3,
}
# Measured on 2026-12-03, the first time anyone ranked it, with the tests' hashing embedder:
# top-1 0.75, top-3 1.0, MRR 0.861, 7 decoys in a top-3 (5 availability, 1 foreign_national,
# 1 remote_only); after the rules tuned on it (candidate constraints read outside the quoted
# project, 31-day availability exclusion): top-1 1.0, top-3 1.0, no decoy.
TOP3_FLOOR = 0.9
DECOYS_IN_TOP3_CEILING = 0  # measured 0 since 2026-12-03 (hashing and USE)


def load_world4() -> list[dict[str, Any]]:
    """The fourth world's mails, a fresh copy (a dev world: tune on it freely)."""
    return load_world_file(WORLD4_PATH)


def test_world4_has_one_fitting_best_and_one_constraint_decoys() -> None:
    world = load_world4()
    projects = [m for m in world if m["kind"] == "project"]
    assert len(projects) == 12 and len(world) - len(projects) == 36
    assert collections.Counter(p["lang"] for p in projects) == {"ja": 4, "zh": 4, "en": 4}
    assert sum(p.get("script") == "Hant" for p in projects) == 1
    assert sum(bool(m.get("html")) for m in world) >= 3
    cross, kinds = check_world_pairs(world)
    assert cross >= 5, cross
    assert kinds == DECOY_KINDS, kinds


def test_world4_best_candidates_rank_in_the_top_three(
    db, tables, embedder, vector_store, config
) -> None:
    ingest_world(db, tables, load_world4)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    MatchingService(db, embedder, vector_store, config, top_k=10).compute()
    truths = world_truths(load_world4)
    rankings = stored_rankings(db)
    groups = ranking_quality(truths, rankings)
    overall = groups["overall"].as_dict()
    print(f"world4 ranking {overall}")
    print(f"world4 decoys in a top-3 {_leaked_decoys(rankings)}")
    assert overall["projects"] == 12
    assert overall["top3"] >= TOP3_FLOOR, groups["overall"].misses
    assert overall["decoys_in_top3"] <= DECOYS_IN_TOP3_CEILING


def _leaked_decoys(rankings: dict[str, list[str]]) -> dict[str, list[str]]:
    """{failed constraint: [decoy ids ranked in their project's top 3]}."""
    leaked: dict[str, list[str]] = collections.defaultdict(list)
    for mail in load_world4():
        if mail["kind"] == "project":
            top3 = rankings.get(mail["id"], [])[:3]
            for decoy, constraint in mail["truth"]["decoys"].items():
                if decoy in top3:
                    leaked[constraint].append(decoy)
    return dict(leaked)
