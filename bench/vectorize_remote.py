"""The OpenAI embedder against a server answering in 200 ms with 512-d float vectors, at the
remote default batch (256): throughput with 8 requests in flight divided by throughput with
1 (goal >= 6x), and the client's CPU per row on float responses (goal <= 0.2 ms).

The server (bench/_embeddings_server.py) runs as its own process, encoding with orjson, so
the CPU counted here is the vectorizer's: request building, the JSON parse, the quality gate,
the Qdrant Edge upsert and the marks in Postgres. The response parse is what the old baseline
(batches of 8) never showed. Runs alternate between 1 and N in flight, `--repeats` of each;
figures are medians with the range.

    .venv/bin/python bench/vectorize_remote.py [--chunks 8192] [--batch-size 256]
        [--concurrency 8] [--latency-ms 200] [--encoding float] [--repeats 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _common import bench_database, load_demo_chunks, reset_vectors

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer
from pipeline.vectorize.embedders.openai import OpenAIEmbedder

SERVER = Path(__file__).resolve().parent / "_embeddings_server.py"


def start_server(dim: int, latency_ms: float) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, str(SERVER), "--dim", str(dim), "--latency-ms", str(latency_ms)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return proc, int(proc.stdout.readline())


def server_stats(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=5) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=8192)
    parser.add_argument("--batch-size", type=int, default=None, help="unset: the default")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=200)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--encoding", default="float", choices=["float", "base64"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2,048 chunks, one repeat")
    args = parser.parse_args()
    n = 2048 if args.quick else args.chunks
    repeats = 1 if args.quick else args.repeats
    proc, port = start_server(args.dim, args.latency_ms)
    try:
        with bench_database() as (engine, scratch):
            loaded = load_demo_chunks(engine, n)
            embedder = OpenAIEmbedder(
                "bench-embed", dimensions=args.dim, api_key="k",
                base_url=f"http://127.0.0.1:{port}/v1", encoding_format=args.encoding,
            )  # fmt: skip
            rates: dict[int, list[float]] = {1: [], args.concurrency: []}
            cpu: dict[int, list[float]] = {1: [], args.concurrency: []}
            for r in range(repeats):
                order = (1, args.concurrency) if r % 2 == 0 else (args.concurrency, 1)
                for concurrency in order:
                    reset_vectors(engine)
                    store = create_vector_store(path=scratch / f"qdrant-{r}-{concurrency}")
                    vectorizer = Vectorizer(
                        engine, embedder, store, batch_size=args.batch_size,
                        concurrency=concurrency,
                    )  # fmt: skip
                    before = server_stats(port)["requests"]
                    c0 = time.process_time()
                    summary = vectorizer.vectorize_pending()
                    cpu_ms = 1000 * (time.process_time() - c0) / loaded
                    store.close()
                    assert summary["vectorized"] == loaded, summary
                    rates[concurrency].append(summary["rate_per_s"])
                    cpu[concurrency].append(cpu_ms)
                    requests = server_stats(port)["requests"] - before
                    print(
                        f"{concurrency} in flight: {summary['rate_per_s']:.0f} chunks/s, "
                        f"{requests} requests of up to {vectorizer.batch_size}, "
                        f"{summary['elapsed_s']:.1f}s, client CPU {cpu_ms:.3f} ms/row",
                        flush=True,
                    )
            seen = server_stats(port)["max_in_flight"]
    finally:
        proc.terminate()
        proc.wait(5)

    def spread(values: list[float], digits: int = 0) -> str:
        return (
            f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}-{max(values):.{digits}f})"
        )

    many = args.concurrency
    print(f"server saw at most {seen} requests at once")
    print(f"chunks/s: 1 in flight {spread(rates[1])}, {many} in flight {spread(rates[many])}")
    ratio = statistics.median(rates[many]) / statistics.median(rates[1])
    cpu_all = cpu[1] + cpu[many]
    print(
        f"{many} in flight / 1 in flight = {ratio:.2f}x (goal >= 6x); client CPU "
        f"{spread(cpu_all, 3)} ms/row on {args.dim}-d {args.encoding} (goal <= 0.2)"
    )


if __name__ == "__main__":
    main()
