"""A real HTTP server speaking POST /v1/chat/completions, scripted per call, for LLM tests.

`script(call_number, emails)` returns None (answer with `labeller`) or (status, headers, content):
a dict payload for an HTTP error, or a string used verbatim as the assistant's message.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = tuple[int, dict[str, str], Any]
Script = Callable[[int, list[dict[str, Any]]], Answer | None]


class FakeChatServer:
    def __init__(self, labeller: Callable[[dict[str, Any]], str], script: Script | None = None):
        self.labeller = labeller
        self.script = script
        self.calls = 0
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
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

    def __enter__(self) -> FakeChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, body: dict[str, Any]) -> Answer:
        emails = json.loads(body["messages"][-1]["content"])
        with self._lock:
            self.calls += 1
            call = self.calls
            self.requests.append(body)
        scripted = self.script(call, emails) if self.script else None
        if scripted is not None and not isinstance(scripted[2], str):
            return scripted
        if scripted is not None:
            content = scripted[2]
        else:
            labels = [
                {"index": e["index"], "category": self.labeller(e), "confidence": 0.9}
                for e in emails
            ]
            content = json.dumps({"labels": labels})
        return 200, {}, _completion(body["model"], content)


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
