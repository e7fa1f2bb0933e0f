"""Hybrid matches over real HTTP: the LLM's judgement reranks, is stored with its reasons,
and is cached so that a rerun sends nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pipeline.llm.cache import LLMCache
from pipeline.llm.client import build_openai_client
from pipeline.llm.structured import StructuredLLM
from pipeline.matching.ai import AIJudge
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService
from pipeline_tests.emails.fake_chat import StructuredChatServer


def _answer(items: list, body: dict) -> dict:
    """The fake model likes Kotlin engineers (0.9) and not the others (0.2)."""
    return {
        "judgements": [
            {"index": item["index"], "score": 0.9 if "Kotlin" in item["candidate"] else 0.2,
             "reasons": ["Kotlin experience fits the Android rewrite"]}
            for item in items
        ]
    }  # fmt: skip


def test_ai_score_reranks_is_explained_and_cached(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project = add_project()
    plain = add_candidate()
    kotlin = add_candidate(skills=["Java", "Spring Boot", "Kotlin"], experience_years=4.0)
    ProfileIndexer(db, embedder, vector_store, config).sync()
    standard = MatchingService(db, embedder, vector_store, config).matcher
    assert [r.profile_id for r in standard.search_candidates(project)] == [plain, kotlin]
    with StructuredChatServer(_answer) as server:
        client = build_openai_client("test-key", server.base_url, max_retries=0)
        judge = AIJudge(StructuredLLM(client, "judge-model"), LLMCache(db))
        service = MatchingService(db, embedder, vector_store, config, mode="hybrid", judge=judge)
        report = service.compute()
        sent = len(server.requests)
        MatchingService(db, embedder, vector_store, config, mode="hybrid", judge=judge).compute(
            full=True
        )
        assert len(server.requests) == sent > 0  # the rerun came from the Postgres cache
    assert report.ai_scored == 2 and report.ai_unavailable == 0
    with db.connect() as connection:
        result = connection.execute(
            sa.text("SELECT * FROM matches WHERE project_id = :p ORDER BY rank"), {"p": project}
        )
        rows = [dict(r._mapping) for r in result]
    assert [r["candidate_id"] for r in rows] == [kotlin, plain]
    top = rows[0]
    assert top["weights"] == {"vector": 0.4, "ai": 0.35, "business": 0.25}
    assert top["ai_score"] == pytest.approx(0.9)
    assert top["total_score"] == pytest.approx(
        0.4 * top["vector_score"] + 0.35 * 0.9 + 0.25 * top["business_score"], abs=1e-5
    )
    assert "AI: Kotlin experience fits the Android rewrite" in top["explanation"]
