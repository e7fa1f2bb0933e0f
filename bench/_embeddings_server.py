"""An OpenAI-compatible embeddings server for benches, run as its own process so its CPU is
not counted as the client's: hashing vectors, `--latency-ms` per request, answers encoded
with orjson (floats, or base64 when asked), so the server's own cost stays small beside the
client's parse.

    .venv/bin/python bench/_embeddings_server.py --dim 512 --latency-ms 200   # prints its port
GET /stats -> {"requests": n, "inputs": n, "max_in_flight": n}
"""

from __future__ import annotations

import argparse
import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import _common  # noqa: F401  (first: bench/pipeline.py would shadow the package)
import orjson

from pipeline.vectorize.embedders.hashing import HashingEmbedder

STATS = {"requests": 0, "inputs": 0, "max_in_flight": 0}
_in_flight = 0
_lock = threading.Lock()


def serve(dim: int, latency_s: float) -> ThreadingHTTPServer:
    hashing = HashingEmbedder(dim)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with _lock:
                self._send(orjson.dumps(STATS))

        def do_POST(self) -> None:
            global _in_flight
            request = orjson.loads(self.rfile.read(int(self.headers["Content-Length"])))
            inputs = request["input"] if isinstance(request["input"], list) else [request["input"]]
            with _lock:
                STATS["requests"] += 1
                STATS["inputs"] += len(inputs)
                _in_flight += 1
                STATS["max_in_flight"] = max(STATS["max_in_flight"], _in_flight)
            try:
                time.sleep(latency_s)
                vectors = hashing.embed(inputs)
                if request.get("encoding_format") == "base64":
                    rows: list[Any] = [base64.b64encode(v.tobytes()).decode() for v in vectors]
                else:
                    rows = list(vectors)  # orjson writes float32 rows as JSON numbers
                data = [
                    {"object": "embedding", "index": i, "embedding": row}
                    for i, row in enumerate(rows)
                ]
                body = {"object": "list", "data": data, "model": request.get("model", "bench"),
                        "usage": {"prompt_tokens": 0, "total_tokens": 0}}  # fmt: skip
                self._send(orjson.dumps(body, option=orjson.OPT_SERIALIZE_NUMPY))
            finally:
                with _lock:
                    _in_flight -= 1

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--latency-ms", type=float, default=200)
    args = parser.parse_args()
    server = serve(args.dim, args.latency_ms / 1000)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
