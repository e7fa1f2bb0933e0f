"""The LLM path over real HTTP: batches, structured outputs, malformed JSON, 429, fallbacks."""

from __future__ import annotations

import openai
import sqlalchemy as sa

from pipeline.emails.classification import EmailForClassification, LLMClassifier
from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage
from pipeline_tests.emails.fake_chat import FakeChatServer
from pipeline_tests.emails.labelled import labelled_emails

MODEL = "test-model"
TRUTH = {e["subject"]: e["label"] for e in labelled_emails()}


def _label_by_subject(email: dict) -> str:
    return TRUTH.get(email["subject"], "other")


def _items(n: int) -> list[EmailForClassification]:
    emails = labelled_emails()[:n]
    return [EmailForClassification(e["subject"], e["body"], e["lang"]) for e in emails]


def _classifier(server: FakeChatServer, batch_size: int = 10, retries: int = 3) -> LLMClassifier:
    client = openai.OpenAI(api_key="test", base_url=server.base_url, max_retries=retries)
    return LLMClassifier(client, MODEL, batch_size=batch_size)


def test_good_answers_classify_in_batches_of_the_configured_size() -> None:
    items = _items(23)
    with FakeChatServer(_label_by_subject) as server:
        results = _classifier(server, batch_size=10).classify(items)
    assert server.calls == 3  # 10 + 10 + 3
    assert [r.category for r in results] == [TRUTH[i.subject] for i in items]
    assert {r.classified_by for r in results} == {f"llm:{MODEL}"}


def test_request_asks_for_strict_structured_output_from_the_pydantic_schema() -> None:
    with FakeChatServer(_label_by_subject) as server:
        _classifier(server).classify(_items(2))
    response_format = server.requests[0]["response_format"]
    assert response_format["type"] == "json_schema"
    schema = response_format["json_schema"]
    assert schema["strict"] is True
    assert schema["schema"]["additionalProperties"] is False
    assert server.requests[0]["model"] == MODEL


def test_malformed_json_fails_the_batch_and_falls_back_to_one_email_at_a_time() -> None:
    items = _items(5)

    def script(call: int, emails: list) -> tuple | None:
        return (200, {}, '{"labels": [{"index": 0, "categ') if call == 1 else None

    with FakeChatServer(_label_by_subject, script) as server:
        results = _classifier(server).classify(items)
    assert server.calls == 1 + len(items)
    assert all(len(json_emails) == 1 for json_emails in _sent(server)[1:])
    assert [r.category for r in results] == [TRUTH[i.subject] for i in items]
    assert {r.classified_by for r in results} == {f"llm:{MODEL}"}


def test_answer_missing_an_email_is_a_failed_batch() -> None:
    items = _items(3)

    def script(call: int, emails: list) -> tuple | None:
        if call == 1:
            return 200, {}, '{"labels": [{"index": 0, "category": "project", "confidence": 1}]}'
        return None

    with FakeChatServer(_label_by_subject, script) as server:
        results = _classifier(server).classify(items)
    assert server.calls == 4
    assert [r.category for r in results] == [TRUTH[i.subject] for i in items]


def test_429_with_retry_after_is_retried_not_counted_as_a_failure() -> None:
    items = _items(4)

    def script(call: int, emails: list) -> tuple | None:
        if call == 1:
            return 429, {"Retry-After": "0"}, {"error": {"message": "slow down", "type": "rate"}}
        return None

    with FakeChatServer(_label_by_subject, script) as server:
        results = _classifier(server).classify(items)
    assert server.calls == 2  # the 429, then the same batch again (not one by one)
    assert len(_sent(server)[1]) == 4
    assert {r.classified_by for r in results} == {f"llm:{MODEL}"}


def test_server_that_keeps_failing_ends_in_the_offline_rules_per_email() -> None:
    items = _items(3)

    def script(call: int, emails: list) -> tuple:
        return 500, {}, {"error": {"message": "down", "type": "server"}}

    with FakeChatServer(_label_by_subject, script) as server:
        results = _classifier(server, retries=0).classify(items)
    assert server.calls == 1 + 3
    assert {r.classified_by for r in results} == {"rules"}
    assert [r.category for r in results] == [TRUTH[i.subject] for i in items]


def test_intake_stores_the_llm_decision_and_model(db, tables) -> None:
    raw = "Subject: =?utf-8?B?5qGI5Lu2?=\r\nMessage-ID: <llm@x>\r\n\r\nJava 案件です".encode()
    with FakeChatServer(lambda e: "project") as server:
        EmailIntake(db, tables, classifier=_classifier(server)).ingest([RawMessage("a", raw)])
    with db.connect() as connection:
        row = connection.execute(sa.text("SELECT category, classified_by FROM emails")).one()
    assert tuple(row) == ("project", f"llm:{MODEL}")


def _sent(server: FakeChatServer) -> list[list]:
    import json

    return [json.loads(r["messages"][-1]["content"]) for r in server.requests]
