"""The matching worlds written by hand blind to the intake rules and to each other
(pipeline_tests/fixtures/matching_world3.yaml .. matching_world24.yaml), one table row each.

Each world has one `best` candidate per project and two decoys that share its skills, years,
rate and place and fail exactly one hard constraint. Its pairs are checked with the fixture
oracle first (a world whose best fails a stated condition would make the floor meaningless),
then the world is ranked end to end: intake, profile index, matcher, `matches`. The floors sit
at or a little under the measured figures (`bench/matching.py --world-file PATH` prints them
with the USE model): a regression guard, not a target. Worlds 4 and 5 were written as dev worlds
and the rules were tuned on them; worlds 3 and 6 to 24 were tuned on after their first, blind
measurement (the figures in each row's `history`).
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.matching.evaluation import ranking_quality
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService
from pipeline_tests.fixtures.heldout import DECOY_CONSTRAINTS, load_world_file
from pipeline_tests.matching.world import (
    check_world_pairs,
    ingest_world,
    leaked_decoys,
    stored_rankings,
    world_truths,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NATURALISED_WORDS = (
    "帰化", "歸化", "入籍", "已归化", "naturaliz", "naturalis", "日本国籍を取得", "加入日本国籍",
    "取得日本国籍",
)  # fmt: skip


# Worlds 6 to 24 share one brief: 30 projects, two decoys each, in these proportions.
DECOYS_OF_THIRTY = {
    "availability": 15,
    "commercial_depth": 12,
    "japanese_level": 12,
    "remote_only": 12,
    "foreign_national": 9,
}


@dataclass(frozen=True)
class BlindWorld:
    name: str
    projects_per_language: int
    min_cross_language: int
    # {failed constraint: decoys}, or None for "every kind, at least five of each"
    decoy_kinds: dict[str, int] | None
    top3_floor: float
    history: str  # what was measured when, and what was tuned on it since
    decoys_in_top3_ceiling: int = 0
    hant_projects: int | None = None
    min_html: int = 0
    min_naturalised_bests: int = 0

    @property
    def path(self) -> Path:
        return FIXTURES / f"matching_{self.name}.yaml"


WORLDS = (
    BlindWorld(
        "world3",
        projects_per_language=5,
        min_cross_language=6,
        decoy_kinds=None,
        top3_floor=0.93,
        history="2026-12-03, first ranking (hashing and USE alike): top-3 0.933, 2 decoys in a "
        "top-3; after the dev worlds 4 and 5: 1 decoy; after its two failures were read "
        "(naturalised nationality, 只接受日本国籍): 1.000, no decoy. No longer blind.",
    ),
    BlindWorld(
        "world4",
        projects_per_language=4,
        min_cross_language=5,
        decoy_kinds={
            "availability": 7,
            "foreign_national": 6,
            "commercial_depth": 4,
            "japanese_level": 4,
            "remote_only": 3,
        },
        top3_floor=0.9,
        hant_projects=1,
        min_html=3,
        history="a dev world. 2026-12-03, hashing: top-1 0.75, top-3 1.0, MRR 0.861, 7 decoys "
        "in a top-3; after the rules tuned on it (a candidate's constraints read outside the "
        "quoted project, the 31-day availability exclusion): 1.0, no decoy.",
    ),
    BlindWorld(
        "world5",
        projects_per_language=4,
        min_cross_language=5,
        decoy_kinds={
            "availability": 7,
            "foreign_national": 6,
            "commercial_depth": 4,
            "japanese_level": 4,
            "remote_only": 3,
        },
        top3_floor=0.9,
        hant_projects=1,
        min_html=3,
        min_naturalised_bests=3,
        history="a dev world. 2026-12-03, hashing: top-1 0.75, top-3 0.917, MRR 0.833, 5 decoys "
        "in a top-3; after the rules tuned on it and world 4: 0.917, no decoy; after a place-less "
        "project took its country from its budget's currency: 1.000.",
    ),
    BlindWorld(
        "world6",
        projects_per_language=10,
        min_cross_language=21,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=6,
        min_naturalised_bests=6,
        history="2026-12-04, first ranking (USE and hashing alike): top-3 0.900 (the three "
        "US-citizens-only projects in Japan lost their US bests), 6 decoys in a top-3; after the "
        "rules it prompted (the citizenship a project names, an indented ' > ' bullet is not a "
        "quote, chain and remote-only phrasings, a level being prepared for): 1.000, no decoy.",
    ),
    BlindWorld(
        "world7",
        projects_per_language=10,
        min_cross_language=19,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=5,
        min_naturalised_bests=5,
        history="2026-12-04, first ranking (after world 6's rules; USE and hashing alike): "
        "top-3 1.000 but 15 decoys in a top-3 (remote-only 8, 外国籍 3, JLPT 2, availability 2, "
        "商流 1: constraints said in words the intake did not read); after the rules it and dev13 "
        "prompted: top-3 1.000, no decoy (hashing top-1 0.967).",
    ),
    BlindWorld(
        "world8",
        projects_per_language=10,
        min_cross_language=19,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=4,
        min_naturalised_bests=3,
        history="2026-12-04, first ranking (after the rules of worlds 6-7 and dev13-14; its "
        "authors were told not to reuse the phrasings the fixture notes quote): top-3 1.000, "
        "26 decoys in a top-3 (USE; hashing 24); after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world9",
        projects_per_language=10,
        min_cross_language=18,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=4,
        min_naturalised_bests=3,
        history="2026-12-04, first ranking (after world 8's rules; USE and hashing alike): "
        "top-3 0.933 (a candidate taken for a project; a naturalised U.S. citizen read as "
        "Japanese), 20 decoys in a top-3; after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world10",
        projects_per_language=10,
        min_cross_language=19,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=4,
        min_naturalised_bests=3,
        history="2026-12-04, first ranking (after world 9's rules; USE and hashing alike): "
        "top-3 0.967 (a U.S. citizen naturalised in California read as Japanese), 21 decoys in "
        "a top-3; after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world11",
        projects_per_language=10,
        min_cross_language=18,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=4,
        min_naturalised_bests=2,
        history="2026-12-04, first ranking (after world 10's rules; USE and hashing alike): "
        "top-3 1.000, 16 decoys in a top-3; after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world12",
        projects_per_language=10,
        min_cross_language=20,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_html=3,
        min_naturalised_bests=2,
        history="2026-12-04, first ranking (after world 11's rules): top-3 1.000, 12 decoys in "
        "a top-3 (hashing 13); after the rules it prompted: 1.000, 1 decoy left (a JLPT level "
        "the intake read as business); 2026-12-07, a business level said not held: no decoy.",
    ),
    BlindWorld(
        "world13",
        projects_per_language=10,
        min_cross_language=16,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 12's rules): top-1 0.600, top-3 0.933 "
        "(two projects read as candidates), 29 decoys in a top-3 (hashing alike); after the "
        "rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world14",
        projects_per_language=10,
        min_cross_language=17,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 13's rules): top-1 0.800, top-3 0.967 "
        "(a 商流 limit read as 0), 26 decoys in a top-3 (hashing alike); after the rules it "
        "prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world15",
        projects_per_language=10,
        min_cross_language=15,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 14's rules): top-1 0.467, top-3 0.933 "
        "(a forward in traditional Chinese read as nothing, a fully remote project read as "
        "hybrid), 23 decoys in a top-3 (hashing 20); after the rules it prompted: 1.000 "
        "(hashing 0.967), no decoy.",
    ),
    BlindWorld(
        "world16",
        projects_per_language=10,
        min_cross_language=17,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 15's rules): top-1 0.700, top-3 0.933, "
        "17 decoys in a top-3 (hashing 16); after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world17",
        projects_per_language=10,
        min_cross_language=17,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 16's rules): top-1 0.767, top-3 1.000, "
        "13 decoys in a top-3 (hashing alike); after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world18",
        projects_per_language=10,
        min_cross_language=17,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 17's rules): top-1 0.733, top-3 0.867 "
        "(two forwards and a Q&A reply misread, a 商流 limit read as 0), 13 decoys in a top-3 "
        "(hashing alike); after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world19",
        projects_per_language=10,
        min_cross_language=23,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 18's rules and a pass over the dev "
        "worlds' availability dates): top-1 0.633, top-3 0.967 (a hybrid project read as fully "
        "remote), 28 decoys in a top-3 (hashing alike); after the rules it prompted: 1.000, "
        "no decoy.",
    ),
    BlindWorld(
        "world20",
        projects_per_language=10,
        min_cross_language=21,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 19's rules and passes over the dev "
        "worlds' availability and hybrid wordings): top-1 0.600, top-3 0.933 (a project's start "
        "misread, a naturalised best read as foreign), 27 decoys in a top-3 (hashing alike); "
        "after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world21",
        projects_per_language=10,
        min_cross_language=21,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=2,
        history="2026-12-07, first ranking (after world 20's rules): top-1 0.833, top-3 1.000, "
        "19 decoys in a top-3 (hashing alike); after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world22",
        projects_per_language=10,
        min_cross_language=21,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=4,
        history="2026-12-07, first ranking (after world 21's rules): top-1 0.900, top-3 0.967 "
        "(a project's 一層 limit read as 0), 8 decoys in a top-3 (hashing alike); after the "
        "rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world23",
        projects_per_language=10,
        min_cross_language=22,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=6,
        history="2026-12-07, first ranking (after world 22's rules): top-1 0.900, top-3 0.967 "
        "(a best naturalised in the US read as Japanese), 3 decoys in a top-3 (hashing alike); "
        "after the rules it prompted: 1.000, no decoy.",
    ),
    BlindWorld(
        "world24",
        projects_per_language=10,
        min_cross_language=21,
        decoy_kinds=DECOYS_OF_THIRTY,
        top3_floor=0.95,
        hant_projects=3,
        min_naturalised_bests=6,
        history="2026-12-07, first ranking (after world 23's rules): top-1 0.833, top-3 0.967 "
        "(不限國籍 read as closed), 6 decoys in a top-3 (hashing alike); after the rules it "
        "prompted: 1.000, no decoy.",
    ),
)


@pytest.mark.parametrize("world", WORLDS, ids=lambda w: w.name)
def test_world_has_one_fitting_best_and_one_constraint_decoys(world: BlindWorld) -> None:
    mails = load_world_file(world.path)
    projects = [m for m in mails if m["kind"] == "project"]
    per_language = world.projects_per_language
    assert collections.Counter(p["lang"] for p in projects) == dict.fromkeys(
        ("ja", "zh", "en"), per_language
    )
    assert len(mails) == 4 * len(projects)  # a best and two decoys each
    cross, kinds = check_world_pairs(mails)
    assert cross >= world.min_cross_language, cross
    if world.decoy_kinds is None:
        assert set(kinds) == DECOY_CONSTRAINTS and min(kinds.values()) >= 5, kinds
    else:
        assert kinds == world.decoy_kinds, kinds
    if world.hant_projects is not None:
        assert sum(p.get("script") == "Hant" for p in projects) == world.hant_projects
    assert sum(bool(m.get("html")) for m in mails) >= world.min_html
    by_id = {m["id"]: m for m in mails}
    naturalised = [
        p["id"]
        for p in projects
        if p["truth"].get("foreign_nationals_ok") is False
        if any(w in by_id[p["truth"]["best"]]["body"] for w in NATURALISED_WORDS)
    ]
    assert len(naturalised) >= world.min_naturalised_bests, naturalised


@pytest.mark.parametrize("world", WORLDS, ids=lambda w: w.name)
def test_world_best_candidates_rank_in_the_top_three(
    world: BlindWorld, db, tables, embedder, vector_store, config
) -> None:
    def load() -> list[dict]:
        return load_world_file(world.path)

    ingest_world(db, tables, load)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    MatchingService(db, embedder, vector_store, config, top_k=10).compute()
    rankings = stored_rankings(db)
    groups = ranking_quality(world_truths(load), rankings)
    overall = groups["overall"].as_dict()
    leaked = leaked_decoys(load(), rankings)
    print(f"{world.name} ranking {overall} misses {groups['overall'].misses} decoys {leaked}")
    assert overall["projects"] == 3 * world.projects_per_language
    assert overall["top3"] >= world.top3_floor, groups["overall"].misses
    assert overall["decoys_in_top3"] <= world.decoys_in_top3_ceiling, leaked
