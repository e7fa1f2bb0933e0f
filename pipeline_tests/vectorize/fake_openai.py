"""A real HTTP server speaking POST /v1/embeddings, scripted per request, for tests and benches.

`script(inputs, call_number)` returns None (answer normally) or (status, headers, body).
Normal answers are hashing vectors, so the same text always gets the same vector.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from pipeline.vectorize.embedders.hashing import HashingEmbedder
from pipeline_tests.fake_server import Answer, JsonPostServer

Script = Callable[[list[str], int], "Answer | None"]


class FakeEmbeddingServer(JsonPostServer):
    def __init__(
        self, dimension: int = 32, script: Script | None = None, delay_s: float = 0.0
    ) -> None:
        super().__init__()
        self.dimension = dimension
        self.script = script
        self.delay_s = delay_s
        self.calls = 0
        self.requests: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._hashing = HashingEmbedder(dimension)

    def _answer(self, body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        with self._lock:
            self.calls += 1
            call = self.calls
            self.requests.append(list(inputs))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay_s:
                time.sleep(self.delay_s)
            scripted = self.script(inputs, call) if self.script else None
            if scripted is not None:
                return scripted
            return 200, {}, self.embeddings(inputs, body)
        finally:
            with self._lock:
                self.in_flight -= 1

    def embeddings(
        self, inputs: list[str], body: dict[str, Any], vectors: np.ndarray | None = None
    ) -> dict[str, Any]:
        if vectors is None:
            vectors = self._hashing.embed(inputs)
        as_base64 = body.get("encoding_format") == "base64"
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": base64.b64encode(v.astype(np.float32).tobytes()).decode()
                if as_base64
                else v.tolist(),
            }
            for i, v in enumerate(vectors)
        ]
        return {
            "object": "list",
            "data": data,
            "model": body.get("model", "test"),
            "usage": {"prompt_tokens": 0, "total_tokens": 0},
        }


def error(status: int, message: str, code: str | None = None, headers: dict | None = None):
    return status, headers or {}, {"error": {"message": message, "type": "test", "code": code}}
