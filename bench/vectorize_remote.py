"""The OpenAI embedder against a local server answering in 200 ms: throughput with 8
requests in flight divided by throughput with 1 (goal >= 6x).

    .venv/bin/python bench/vectorize_remote.py [--chunks 512] [--batch-size 8] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the scripted test server

from _common import bench_database, load_demo_chunks, reset_vectors

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer, create_embedder
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=512)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=200)
    parser.add_argument("--quick", action="store_true", help="256 chunks")
    args = parser.parse_args()
    n = 256 if args.quick else args.chunks
    with (
        bench_database() as (engine, scratch),
        FakeEmbeddingServer(dimension=256, delay_s=args.latency_ms / 1000) as server,
    ):
        loaded = load_demo_chunks(engine, n)
        store = create_vector_store(path=scratch / "qdrant")
        embedder = create_embedder(
            "openai", model="bench-embed", dimensions=256, api_key="k", base_url=server.base_url
        )
        rates = {}
        for concurrency in (1, args.concurrency):
            reset_vectors(engine)
            summary = Vectorizer(
                engine, embedder, store, batch_size=args.batch_size, concurrency=concurrency
            ).vectorize_pending()
            assert summary["vectorized"] == loaded, summary
            rates[concurrency] = summary["rate_per_s"]
            print(
                f"{concurrency} in flight: {summary['rate_per_s']:.1f} chunks/s, "
                f"{summary['requests']} requests of {args.batch_size}, {summary['elapsed_s']:.1f}s"
            )
        store.close()
        print(f"server saw at most {server.max_in_flight} requests at once")
        ratio = rates[args.concurrency] / rates[1]
        print(f"{args.concurrency} in flight / 1 in flight = {ratio:.2f}x (goal >= 6x)")


if __name__ == "__main__":
    main()
