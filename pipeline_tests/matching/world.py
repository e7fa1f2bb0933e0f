"""The matching world (pipeline_tests/fixtures/matching_world.yaml) through the real intake,
the profile index and the matcher: mail in, rankings by fixture id out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage
from pipeline.matching.evaluation import ProjectTruth
from pipeline.store.tables import Tables
from pipeline_tests.fixtures.heldout import DECOY_CONSTRAINTS, load_world, to_eml
from pipeline_tests.fixtures.test_heldout import _check_truth, violations

World = Callable[[], list[dict[str, Any]]]


def world_truths(world: World = load_world) -> list[ProjectTruth]:
    mails = {m["id"]: m for m in world()}
    truths = []
    for mail in mails.values():
        if mail["kind"] != "project":
            continue
        best = mail["truth"]["best"]
        truths.append(
            ProjectTruth(
                project=mail["id"],
                best=best,
                decoys=tuple(mail["truth"].get("decoys", {})),
                pair=f"{mail['lang']}→{mails[best]['lang']}",
            )
        )
    return truths


def ingest_world(engine: Engine, tables: Tables, world: World = load_world) -> dict[str, Any]:
    """Ingest every mail of `world` (a loader); return the intake report's counts."""
    messages = [RawMessage(f"world:{m['id']}.eml", to_eml(m)) for m in world()]
    return EmailIntake(engine, tables).ingest(messages).as_metadata()


def profile_ids(engine: Engine) -> tuple[dict[int, str], dict[int, str]]:
    """({candidate row id: fixture id}, {project row id: fixture id}); projects by block 0."""
    maps: list[dict[int, str]] = []
    with engine.connect() as connection:
        for table in ("candidates", "projects"):
            rows = connection.execute(sa.text(
                f"SELECT p.id, e.message_id FROM {table} p JOIN emails e ON e.id = p.email_id "
                "WHERE p.block_index = 0"))  # fmt: skip
            maps.append({row.id: _fixture_id(row.message_id) for row in rows})
    return maps[0], maps[1]


def _fixture_id(message_id: str) -> str:
    return message_id.strip("<>").split(".", 1)[0]


def stored_rankings(engine: Engine, mode: str = "standard") -> dict[str, list[str]]:
    """{project fixture id: [candidate fixture ids, best first]} from `matches`."""
    candidates, projects = profile_ids(engine)
    rankings: dict[str, list[str]] = {}
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT project_id, candidate_id FROM matches WHERE mode = :m "
                "ORDER BY project_id, total_score DESC, candidate_id"
            ),
            {"m": mode},
        )
        for row in rows:
            if row.project_id in projects:
                rankings.setdefault(projects[row.project_id], []).append(
                    candidates.get(row.candidate_id, f"row:{row.candidate_id}")
                )
    return rankings


def format_quality(groups: Mapping[str, Any]) -> str:
    return "\n".join(f"  {name:<15} {q.as_dict()}" for name, q in sorted(groups.items()))


def check_world_pairs(world: list[dict[str, Any]]) -> tuple[int, Counter[str]]:
    """Asserts a world's pairs with the fixture oracle: each project's best fits it and is the
    only candidate that does, each decoy fails exactly the constraint it names, and every truth
    is well formed. Returns (best pairs across languages, decoys by failed constraint)."""
    assert len({m["id"] for m in world}) == len(world)
    projects = [m for m in world if m["kind"] == "project"]
    candidates = {m["id"]: m for m in world if m["kind"] == "candidate"}
    cross, kinds = 0, Counter[str]()
    for project in projects:
        _check_truth(project)
        truth = dict(project["truth"], lang=project["lang"])
        best = candidates[truth["best"]]
        assert violations(truth, best["truth"]) == set(), project["id"]
        assert len(truth["decoys"]) == 2, project["id"]
        for decoy_id, constraint in truth["decoys"].items():
            assert constraint in DECOY_CONSTRAINTS, (project["id"], constraint)
            assert violations(truth, candidates[decoy_id]["truth"]) == {constraint}, decoy_id
            kinds[constraint] += 1
        fitting = [c for c in candidates.values() if not violations(truth, c["truth"])]
        assert [c["id"] for c in fitting] == [best["id"]], project["id"]
        cross += best["lang"] != project["lang"]
    for candidate in candidates.values():
        _check_truth(candidate)
    return cross, kinds


def leaked_decoys(
    world: list[dict[str, Any]], rankings: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """{failed constraint: [decoy ids ranked in their project's top 3]}."""
    leaked: dict[str, list[str]] = {}
    for mail in world:
        if mail["kind"] == "project":
            top3 = rankings.get(mail["id"], [])[:3]
            for decoy, constraint in mail["truth"]["decoys"].items():
                if decoy in top3:
                    leaked.setdefault(constraint, []).append(decoy)
    return leaked
