"""A real HTTP server speaking POST /v1/embeddings, scripted per request, for tests and benches.

`script(inputs, call_number)` returns None (answer normally) or (status, headers, body).
Normal answers are hashing vectors, so the same text always gets the same vector.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

from pipeline.vectorize.embedders.hashing import HashingEmbedder

Script = Callable[[list[str], int], "tuple[int, dict[str, str], dict[str, Any]] | None"]


class FakeEmbeddingServer:
    def __init__(
        self, dimension: int = 32, script: Script | None = None, delay_s: float = 0.0
    ) -> None:
        self.dimension = dimension
        self.script = script
        self.delay_s = delay_s
        self.calls = 0
        self.requests: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._hashing = HashingEmbedder(dimension)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status, headers, payload = server._answer(body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeEmbeddingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

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
