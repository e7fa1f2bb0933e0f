"""The fixture world end to end: mail through the intake, profiles into Qdrant, matches.

The world (pipeline_tests/fixtures/matching_world.yaml) was written apart from the rules:
32 projects, 104 candidates in ja / zh / en, 17 best pairs across languages, two near-miss
decoys per project that fail exactly one hard constraint. The floors sit a little under what
the matcher reaches (bench/matching.py prints the figures), so a regression fails.
"""

from __future__ import annotations

from pipeline.matching.evaluation import ranking_quality
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService
from pipeline_tests.matching.world import ingest_world, stored_rankings, world_truths

TOP3_FLOOR = 0.9
CROSS_LANGUAGE_TOP3_FLOOR = 0.88
DECOYS_IN_TOP3_CEILING = 12


def test_best_candidates_rank_in_the_top_three_across_languages(
    db, tables, embedder, vector_store, config
) -> None:
    ingest_world(db, tables)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    MatchingService(db, embedder, vector_store, config, top_k=10).compute()
    groups = ranking_quality(world_truths(), stored_rankings(db))
    overall = groups["overall"].as_dict()
    assert overall["projects"] == 32
    assert overall["top3"] >= TOP3_FLOOR, groups["overall"].misses
    assert groups["cross-language"].as_dict()["top3"] >= CROSS_LANGUAGE_TOP3_FLOOR
    assert overall["decoys_in_top3"] <= DECOYS_IN_TOP3_CEILING
