"""Whole vectorize path vs the raw embedder on the same texts, and the machinery's ceiling.

1. USE (the embedded default): raw `embed` throughput over every chunk text, then the whole
   path (claim, embed, quality gate, Qdrant Edge upsert, mark in Postgres) on the same chunks.
   Headline: whole / raw (goal >= 0.90).
2. The machinery ceiling: the hashing embedder (near free), durable stores (Postgres +
   Qdrant Edge on disk), in chunks/s (goal >= 2,000/s), with where the time goes.

    .venv/bin/python bench/vectorize_throughput.py [--chunks 20000] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import time

import sqlalchemy as sa
from _common import bench_database, load_demo_chunks, reset_vectors

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import Vectorizer, create_embedder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="2,000 chunks")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--ceiling-batch-size", type=int, default=256)
    args = parser.parse_args()
    n = 2_000 if args.quick else args.chunks
    logging.basicConfig(level=logging.WARNING)

    with bench_database() as (engine, scratch):
        loaded = load_demo_chunks(engine, n)
        with engine.connect() as connection:
            texts = (
                connection.execute(sa.text("SELECT content FROM document_chunks ORDER BY id"))
                .scalars()
                .all()
            )
        print(f"chunks: {loaded}")

        # --- machinery ceiling: hashing embedder, durable stores ----------------------------
        hashing = create_embedder("hashing", dimensions=256)
        t0 = time.perf_counter()
        for i in range(0, len(texts), args.ceiling_batch_size):
            hashing.embed(list(texts[i : i + args.ceiling_batch_size]))
        hashing_raw_s = time.perf_counter() - t0
        store = create_vector_store(path=scratch / "qdrant")
        vectorizer = Vectorizer(engine, hashing, store, batch_size=args.ceiling_batch_size)
        ceiling = vectorizer.vectorize_pending()
        assert ceiling["vectorized"] == loaded, ceiling
        assert store.count(ceiling["collection"]) == loaded
        t = ceiling["timings_s"]
        print(
            f"ceiling (hashing-256, batch {args.ceiling_batch_size}): {ceiling['vectorized']} "
            f"chunks in {ceiling['elapsed_s']:.2f}s = {ceiling['rate_per_s']:.0f} chunks/s"
        )
        print(
            f"  where the time goes (caller thread): claim {t['claim']:.2f}s, write "
            f"(Qdrant upsert + mark) {t['write']:.2f}s, "
            f"waiting for embed {t['wait_for_embed']:.2f}s;"
            f" the hashing embed alone takes {hashing_raw_s:.2f}s in series"
        )
        reset_vectors(engine)

        # --- USE: raw embed vs the whole path ------------------------------------------------
        use = create_embedder("use")
        use.embed(["warm up"])  # load the model outside both timings
        t0 = time.perf_counter()
        for i in range(0, len(texts), args.batch_size):
            use.embed(list(texts[i : i + args.batch_size]))
        raw_s = time.perf_counter() - t0
        raw_rate = len(texts) / raw_s
        print(f"raw USE embed (batch {args.batch_size}): {raw_rate:.1f} texts/s ({raw_s:.1f}s)")
        vectorizer = Vectorizer(engine, use, store, batch_size=args.batch_size)
        whole = vectorizer.vectorize_pending()
        assert whole["vectorized"] == loaded, whole
        assert store.count(whole["collection"]) == loaded
        t = whole["timings_s"]
        print(
            f"whole path USE: {whole['rate_per_s']:.1f} chunks/s ({whole['elapsed_s']:.1f}s); "
            f"caller thread: claim {t['claim']:.2f}s, write {t['write']:.2f}s, "
            f"waiting for embed {t['wait_for_embed']:.2f}s"
        )
        store.close()
        ratio = whole["rate_per_s"] / raw_rate
        print(
            f"ceiling {ceiling['rate_per_s']:.0f} chunks/s (goal >= 2000); "
            f"whole/raw = {ratio:.3f} (goal >= 0.90)"
        )


if __name__ == "__main__":
    main()
