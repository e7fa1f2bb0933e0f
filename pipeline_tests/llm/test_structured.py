"""StructuredLLM over real HTTP: strict schema, validation, retries, named errors, no secrets."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ConfigDict

from pipeline.llm.client import build_openai_client, openai_client_from_settings
from pipeline.llm.structured import LLMError, StructuredLLM, strict_json_schema
from pipeline.settings import Settings
from pipeline_tests.emails.fake_chat import StructuredChatServer

SECRET = "sk-test-secret-4242"


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    weight: float | None = None


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Inner]
    note: str | None = None


def _llm(server: StructuredChatServer, retries: int = 2) -> StructuredLLM:
    client = build_openai_client(SECRET, server.base_url, max_retries=retries)
    return StructuredLLM(client, "test-model")


def _good(items: list, body: dict) -> dict:
    return {"items": [{"label": f"x{item['i']}", "weight": 0.5} for item in items], "note": None}


def _objects(node: object) -> list[dict]:
    if isinstance(node, list):
        return [o for item in node for o in _objects(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if node.get("type") == "object" else []
    return own + [o for value in node.values() for o in _objects(value)]


def test_strict_schema_closes_every_object_and_requires_every_property() -> None:
    schema = strict_json_schema(Answer)
    objects = _objects(schema)
    assert len(objects) == 2  # Answer and Inner (in $defs)
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])
    assert "default" not in json.dumps(schema)


def test_answer_is_validated_into_the_model_and_the_request_is_strict() -> None:
    with StructuredChatServer(_good) as server:
        answer = _llm(server).ask("system", [{"i": 1}, {"i": 2}], Answer, name="things")
    assert [item.label for item in answer.items] == ["x1", "x2"]
    request = server.requests[0]
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["strict"] is True
    assert request["response_format"]["json_schema"]["name"] == "things"
    assert request["messages"][0] == {"role": "system", "content": "system"}
    assert request["temperature"] == 0


@pytest.mark.parametrize(
    "content",
    ['{"items": [{"label": "x", "weig', '{"items": [{"label": 3}]}', '{"other": []}', ""],
    ids=["truncated-json", "wrong-type", "wrong-shape", "empty"],
)
def test_malformed_or_wrong_shaped_answers_raise_llm_error(content: str) -> None:
    server = StructuredChatServer(lambda items, body: content)
    with server, pytest.raises(LLMError) as caught:
        _llm(server).ask("system", [{"i": 1}], Answer)
    assert not caught.value.permanent
    assert server.calls == 1  # a bad answer is not retried by the SDK


def test_429_with_retry_after_is_retried_by_the_sdk() -> None:
    def script(call: int, items: list) -> tuple | None:
        if call == 1:
            return 429, {"Retry-After": "0"}, {"error": {"message": "slow down", "type": "rate"}}
        return None

    with StructuredChatServer(_good, script) as server:
        llm = _llm(server)
        answer = llm.ask("system", [{"i": 7}], Answer)
    assert [item.label for item in answer.items] == ["x7"]
    assert server.calls == 2
    assert llm.requests == 1  # one logical request; the SDK's retry is not a new question


def test_server_errors_exhaust_the_retries_then_raise_a_named_error() -> None:
    def script(call: int, items: list) -> tuple:
        return 503, {"Retry-After": "0"}, {"error": {"message": "down", "type": "server"}}

    with StructuredChatServer(_good, script) as server, pytest.raises(LLMError) as caught:
        _llm(server, retries=2).ask("system", [{"i": 1}], Answer)
    assert server.calls == 3
    assert not caught.value.permanent
    assert "InternalServerError" in str(caught.value)


def test_a_rejected_key_is_permanent_and_its_text_never_shows_the_secret() -> None:
    def script(call: int, items: list) -> tuple:
        message = f"Incorrect API key provided: {SECRET}."
        return 401, {}, {"error": {"message": message, "type": "invalid_request_error"}}

    with StructuredChatServer(_good, script) as server, pytest.raises(LLMError) as caught:
        _llm(server).ask("system", [{"i": 1}], Answer)
    assert caught.value.permanent
    assert server.calls == 1  # 401 is not retried
    assert SECRET not in str(caught.value)
    assert "***" in str(caught.value)
    assert caught.value.__cause__ is None  # the original, which holds the key, is not chained


def test_a_password_in_the_base_url_is_scrubbed_too() -> None:
    def script(call: int, items: list) -> tuple:
        message = "proxy refused user:hunter2pass and key key-0000"
        return 403, {}, {"error": {"message": message, "type": "forbidden"}}

    server = StructuredChatServer(_good, script)
    with server:
        url = server.base_url.replace("http://", "http://user:hunter2pass@")
        client = build_openai_client("key-0000", url, max_retries=0)
        with pytest.raises(LLMError) as caught:
            StructuredLLM(client, "m").ask("system", [{"i": 1}], Answer)
    assert server.calls == 1
    assert caught.value.permanent
    assert "hunter2pass" not in str(caught.value)
    assert "key-0000" not in str(caught.value)


def test_client_from_settings_reads_key_url_and_retries() -> None:
    settings = Settings(
        openai_api_key=SECRET, openai_base_url="http://127.0.0.1:1/v1", max_retries=5
    )
    client = openai_client_from_settings(settings)
    assert client.api_key == SECRET
    assert str(client.base_url).startswith("http://127.0.0.1:1/v1")
    assert client.max_retries == 5
