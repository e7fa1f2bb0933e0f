"""The AI judge over real HTTP: batches, clamping, fallbacks, and a cache that makes reruns free."""

from __future__ import annotations

import json
import re

from sqlalchemy.engine import Engine

from pipeline.llm.cache import LLMCache
from pipeline.llm.client import build_openai_client
from pipeline.llm.structured import StructuredLLM
from pipeline.matching.ai import AIJudge, AIVerdict, PairForJudging
from pipeline_tests.emails.fake_chat import StructuredChatServer

MODEL = "judge-model"


def _pairs(n: int, version: str = "") -> list[PairForJudging]:
    """Pair i: the candidate text carries the score the fake model will give it."""
    return [
        PairForJudging(
            project_id=100 + i % 3,
            candidate_id=i,
            project_text=f"project {100 + i % 3}: Java, Spring Boot, 東京",
            candidate_text=f"candidate {i} fit={(i % 10) / 10}",
            project_hash=f"p{100 + i % 3}",
            candidate_hash=f"c{i}{version}",
        )
        for i in range(n)
    ]


def _fit(text: str) -> float:
    return float(re.search(r"fit=(-?[\d.]+)", text).group(1))


def _judge_all(items: list, body: dict) -> dict:
    return {
        "judgements": [
            {
                "index": item["index"],
                "score": _fit(item["candidate"]),
                "reasons": ["Java matches", "rate within budget", "Tokyo", "extra", "more"],
            }
            for item in items
        ]
    }


def _judge(server: StructuredChatServer, db: Engine | None, **kwargs) -> AIJudge:
    client = build_openai_client("test", server.base_url, max_retries=kwargs.pop("retries", 2))
    cache = LLMCache(db) if db is not None else None
    return AIJudge(StructuredLLM(client, MODEL), cache, **kwargs)


def _sent(server: StructuredChatServer) -> list[list[dict]]:
    return [json.loads(r["messages"][-1]["content"]) for r in server.requests]


def test_scores_come_back_in_order_with_at_most_three_reasons(db: Engine) -> None:
    pairs = _pairs(12)
    with StructuredChatServer(_judge_all) as server:
        verdicts = _judge(server, db, pairs_per_request=5, concurrency=1).judge(pairs)
    assert server.calls == 3  # 5 + 5 + 2 pairs
    assert [len(items) for items in _sent(server)] == [5, 5, 2]
    assert [v.score for v in verdicts] == [(i % 10) / 10 for i in range(12)]
    assert all(v.reasons == ["Java matches", "rate within budget", "Tokyo"] for v in verdicts)
    assert {(v.model, v.cached) for v in verdicts} == {(MODEL, False)}
    schema = server.requests[0]["response_format"]["json_schema"]
    assert schema["strict"] is True and schema["name"] == "pair_judgements"


def test_scores_outside_zero_one_are_clamped(db: Engine) -> None:
    def answer(items: list, body: dict) -> dict:
        scores = [1.4, -0.2, 0.5]
        return {
            "judgements": [
                {"index": it["index"], "score": scores[it["index"]], "reasons": []} for it in items
            ]
        }

    with StructuredChatServer(answer) as server:
        verdicts = _judge(server, db, pairs_per_request=3).judge(_pairs(3))
    assert [v.score for v in verdicts] == [1.0, 0.0, 0.5]


def test_a_rerun_sends_nothing_and_a_changed_profile_asks_only_for_its_pairs(db: Engine) -> None:
    pairs = _pairs(8)
    with StructuredChatServer(_judge_all) as server:
        first = _judge(server, db, pairs_per_request=4, concurrency=2).judge(pairs)
    assert server.calls == 2

    with StructuredChatServer(_judge_all) as server:
        again = _judge(server, db, pairs_per_request=4, concurrency=2).judge(pairs)
    assert server.calls == 0  # counted at the server: not one request
    assert [v.score for v in again] == [v.score for v in first]
    assert all(v.cached for v in again)

    changed = [*pairs[:5], _pairs(8, version="-edited")[5], *pairs[6:]]
    with StructuredChatServer(_judge_all) as server:
        third = _judge(server, db, pairs_per_request=4).judge(changed)
    assert server.calls == 1
    assert [len(items) for items in _sent(server)] == [1]
    assert [v.cached for v in third] == [True] * 5 + [False] + [True] * 2


def test_a_new_prompt_version_or_model_is_not_served_old_answers(db: Engine) -> None:
    pairs = _pairs(3)
    with StructuredChatServer(_judge_all) as server:
        _judge(server, db).judge(pairs)
        _judge(server, db, prompt_version="ai-fit-v2").judge(pairs)
    assert server.calls == 2


def test_a_malformed_batch_falls_back_to_single_pairs_and_a_bad_pair_gets_none(
    db: Engine,
) -> None:
    def answer(items: list, body: dict) -> dict | str:
        if len(items) > 1:
            return '{"judgements": [{"index": 0, "score": 0.5, "reas'  # cut-off JSON
        if "candidate 2 " in items[0]["candidate"]:
            return {"judgements": [{"index": 0, "score": "high", "reasons": []}]}
        return _judge_all(items, body)

    pairs = _pairs(4)
    with StructuredChatServer(answer) as server:
        verdicts = _judge(server, db, pairs_per_request=4).judge(pairs)
    assert server.calls == 1 + 4
    assert [v is None for v in verdicts] == [False, False, True, False]
    assert [v.score for v in verdicts if v is not None] == [0.0, 0.1, 0.3]

    with StructuredChatServer(_judge_all) as server:  # only the unanswered pair is asked again
        verdicts = _judge(server, db).judge(pairs)
    assert server.calls == 1 and all(isinstance(v, AIVerdict) for v in verdicts)


def test_an_answer_that_skips_a_pair_fails_its_batch(db: Engine) -> None:
    def answer(items: list, body: dict) -> dict:
        full = _judge_all(items, body)
        if len(items) > 1:
            full["judgements"] = full["judgements"][:-1]
        return full

    with StructuredChatServer(answer) as server:
        verdicts = _judge(server, db, pairs_per_request=3).judge(_pairs(3))
    assert server.calls == 1 + 3
    assert [v.score for v in verdicts] == [0.0, 0.1, 0.2]


def test_429_with_retry_after_is_retried_not_split(db: Engine) -> None:
    def script(call: int, items: list) -> tuple | None:
        if call == 1:
            return 429, {"Retry-After": "0"}, {"error": {"message": "slow down", "type": "rate"}}
        return None

    with StructuredChatServer(_judge_all, script) as server:
        verdicts = _judge(server, db, pairs_per_request=4).judge(_pairs(4))
    assert server.calls == 2
    assert [len(items) for items in _sent(server)] == [4, 4]
    assert all(v is not None for v in verdicts)


def test_a_rejected_key_stops_asking_and_every_pair_is_unavailable(db: Engine) -> None:
    def script(call: int, items: list) -> tuple:
        return 401, {}, {"error": {"message": "bad key", "type": "invalid_request_error"}}

    with StructuredChatServer(_judge_all, script) as server:
        verdicts = _judge(server, db, pairs_per_request=2, concurrency=1).judge(_pairs(6))
    assert server.calls == 1  # neither split nor the other batches: another try cannot help
    assert verdicts == [None] * 6


def test_duplicate_pairs_are_asked_once_and_no_cache_works_too() -> None:
    pair = _pairs(1)[0]
    with StructuredChatServer(_judge_all) as server:
        verdicts = _judge(server, None).judge([pair, pair])
    assert server.calls == 1 and len(_sent(server)[0]) == 1
    assert verdicts[0] == verdicts[1]
