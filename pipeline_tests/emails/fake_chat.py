"""A real HTTP server speaking POST /v1/chat/completions, scripted per call, for LLM tests.

`script(call_number, emails)` returns None (answer with `labeller`) or (status, headers, content):
a dict payload for an HTTP error, or a string used verbatim as the assistant's message.
`StructuredChatServer` answers any other structured-output question (extraction, AI scores).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from pipeline_tests.fake_server import Answer, JsonPostServer

Script = Callable[[int, list[dict[str, Any]]], Answer | None]


class FakeChatServer(JsonPostServer):
    def __init__(self, labeller: Callable[[dict[str, Any]], str], script: Script | None = None):
        super().__init__()
        self.labeller = labeller
        self.script = script
        self.calls = 0
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def _answer(self, body: dict[str, Any]) -> Answer:
        emails = json.loads(body["messages"][-1]["content"])
        with self._lock:
            self.calls += 1
            call = self.calls
            self.requests.append(body)
        scripted = self.script(call, emails) if self.script else None
        if scripted is not None and not isinstance(scripted[2], str):
            return scripted
        content = scripted[2] if scripted is not None else self._content(emails, body)
        return 200, {}, _completion(body["model"], content)

    def _content(self, items: list[dict[str, Any]], body: dict[str, Any]) -> str:
        """The assistant's message when the script does not say: labels by `labeller`."""
        labels = [
            {"index": e["index"], "category": self.labeller(e), "confidence": 0.9} for e in items
        ]
        return json.dumps({"labels": labels})


class StructuredChatServer(FakeChatServer):
    """Answers any structured-output request with `answer(items, body)`: a dict (sent as
    JSON) or a string (sent verbatim). `items` is the JSON list of the user message; the
    request's schema name is `body["response_format"]["json_schema"]["name"]`."""

    def __init__(
        self,
        answer: Callable[[list[dict[str, Any]], dict[str, Any]], Any],
        script: Script | None = None,
    ):
        super().__init__(lambda item: "other", script)
        self.answer = answer

    def _content(self, items: list[dict[str, Any]], body: dict[str, Any]) -> str:
        content = self.answer(items, body)
        return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
