"""The answer cache in Postgres: keys from every input, upserts, reads of many keys at once."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from pipeline.llm.cache import LLMCache, cache_key, content_hash
from pipeline.store.llm_cache import count_responses


def test_key_changes_with_kind_model_prompt_and_each_input() -> None:
    base = cache_key("ai-fit", "m1", "v1", "p", "c")
    variants = [
        cache_key("extract-candidate", "m1", "v1", "p", "c"),
        cache_key("ai-fit", "m2", "v1", "p", "c"),
        cache_key("ai-fit", "m1", "v2", "p", "c"),
        cache_key("ai-fit", "m1", "v1", "p2", "c"),
        cache_key("ai-fit", "m1", "v1", "p", "c2"),
        cache_key("ai-fit", "m1", "v1", "c", "p"),  # order matters: project, then candidate
    ]
    assert len({base, *variants}) == 7
    assert base == cache_key("ai-fit", "m1", "v1", "p", "c")
    assert len(base) == 64
    assert content_hash("ab", "c") != content_hash("a", "bc")


def test_put_then_get_many_round_trips_json_and_counts_hits(db: Engine) -> None:
    cache = LLMCache(db)
    cache.put_many("ai-fit", "m", "v1", [("k1", {"score": 0.5, "reasons": ["日本語"]})])
    cache.put_many("ai-fit", "m", "v1", [("k1", {"score": 0.7, "reasons": []}), ("k2", [1])])
    found = cache.get_many(["k1", "k2", "k3"])
    assert found == {"k1": {"score": 0.7, "reasons": []}, "k2": [1]}
    assert (cache.hits, cache.misses) == (2, 1)
    with db.connect() as connection:
        assert count_responses(connection) == 2
        assert count_responses(connection, "ai-fit") == 2
        assert count_responses(connection, "extract-project") == 0


def test_empty_reads_and_writes_touch_nothing(db: Engine) -> None:
    cache = LLMCache(db)
    assert cache.get_many([]) == {}
    cache.put_many("ai-fit", "m", "v1", [])
    with db.connect() as connection:
        assert count_responses(connection) == 0
