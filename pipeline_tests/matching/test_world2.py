"""The second matching world (pipeline_tests/fixtures/matching_world2.yaml), written by hand blind
to the intake rules: 20 projects, 64 candidates in ja / zh / en, 12 best pairs across languages,
two decoys per project that fail exactly one hard constraint.

Its pairs are checked with the fixture oracle first (a world whose best fails a stated
condition would make the floor meaningless), then ranked end to end. The floors sit a little
under what the matcher reached when the world was written (bench/matching.py --world-file
prints the figures); they are a regression guard, not a target to tune the rules on.
"""

from __future__ import annotations

from pipeline.matching.evaluation import ranking_quality
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService
from pipeline_tests.fixtures.heldout import load_world2
from pipeline_tests.matching.world import (
    check_world_pairs,
    ingest_world,
    stored_rankings,
    world_truths,
)

# Measured with the tests' hashing embedder on 2026-12-03: top-3 0.95, 1 decoy in a top-3 (6 when
# the world was written); the USE model in bench/matching.py: top-3 1.00, 1 decoy. After the
# rules tuned on the dev worlds 4 and 5: top-3 0.95, no decoy.
TOP3_FLOOR = 0.9
CROSS_LANGUAGE_TOP3_FLOOR = 0.83
DECOYS_IN_TOP3_CEILING = 1


def test_world2_has_one_fitting_best_and_one_constraint_decoys() -> None:
    world = load_world2()
    projects = [m for m in world if m["kind"] == "project"]
    assert len(projects) >= 20 and len(world) - len(projects) >= 60
    cross, _ = check_world_pairs(world)
    assert cross * 3 >= len(projects), cross


def test_world2_best_candidates_rank_in_the_top_three(
    db, tables, embedder, vector_store, config
) -> None:
    ingest_world(db, tables, load_world2)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    MatchingService(db, embedder, vector_store, config, top_k=10).compute()
    groups = ranking_quality(world_truths(load_world2), stored_rankings(db))
    overall = groups["overall"].as_dict()
    print(f"world2 ranking {overall}")
    assert overall["projects"] == 20
    assert overall["top3"] >= TOP3_FLOOR, groups["overall"].misses
    assert groups["cross-language"].as_dict()["top3"] >= CROSS_LANGUAGE_TOP3_FLOOR
    assert overall["decoys_in_top3"] <= DECOYS_IN_TOP3_CEILING
