"""The profile index: a sync embeds and writes only new and changed profiles, on both stores."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.matching.index import PHASES, UNSTORED_KEYS, ProfileIndexer, profile_collection


def _payloads(store, embedder) -> dict[int, dict]:
    _, _, payloads = store.records(profile_collection("candidate", embedder))
    return {int(p["profile_id"]): p for p in payloads}


def test_a_rerun_writes_nothing_and_a_change_rewrites_only_its_point(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    add_project()
    ids = [add_candidate(experience_years=float(i + 1), skill_years={"Java": i + 1.0})
           for i in range(3)]  # fmt: skip
    first = ProfileIndexer(db, embedder, vector_store, config).sync()
    assert (first.indexed, first.unchanged) == ({"candidate": 3, "project": 1},
                                                {"candidate": 0, "project": 0})  # fmt: skip
    assert set(first.seconds) == set(PHASES)
    assert first.seconds["embed"] > 0 and first.seconds["upsert"] > 0
    before = _payloads(vector_store, embedder)

    again = ProfileIndexer(db, embedder, vector_store, config).sync()
    assert again.indexed == {"candidate": 0, "project": 0}
    assert again.unchanged == {"candidate": 3, "project": 1}
    # Nothing was embedded or written: the phases that touch the store never ran.
    assert again.seconds["embed"] == 0.0 and again.seconds["upsert"] == 0.0
    assert _payloads(vector_store, embedder) == before

    with db.begin() as connection:
        connection.execute(
            sa.text("UPDATE candidates SET experience_years = 30 WHERE id = :id"), {"id": ids[1]}
        )
    changed = ProfileIndexer(db, embedder, vector_store, config).sync()
    assert changed.indexed == {"candidate": 1, "project": 0}
    assert changed.changed_ids == {"candidate": [ids[1]], "project": []}
    after = _payloads(vector_store, embedder)
    assert after[ids[1]]["years"] == 30.0
    assert not UNSTORED_KEYS & {key for payload in after.values() for key in payload}
    assert {i: after[i] for i in (ids[0], ids[2])} == {i: before[i] for i in (ids[0], ids[2])}


def test_match_only_integers_get_a_lookup_index_and_still_filter(
    db, add_project, add_candidate, embedder, config, tmp_path
) -> None:
    from pipeline.matching.search import Matcher
    from pipeline.store.vectors import EdgeVectorStore

    add_project()
    ids = [add_candidate(), add_candidate()]
    store = EdgeVectorStore(tmp_path / "edge")
    ProfileIndexer(db, embedder, store, config).sync()
    schema = store._shard(profile_collection("project", embedder)).info().payload_schema
    assert (schema["is_open"].params.lookup, schema["is_open"].params.range) == (True, False)
    assert schema["max_commercial_depth"].params is None  # ranged: the full integer index
    project = Matcher(db, embedder, store, config).indexer.profiles("project")[0]
    only = Matcher(db, embedder, store, config).rank_candidates_batch(
        [(project, None)], 5, 0, [ids[1]], None
    )
    assert [r.profile_id for r in only[0][0]] == [ids[1]]  # MatchAny on profile_id
    store.close()
