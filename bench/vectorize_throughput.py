"""Whole vectorize path vs the raw embedder on the same texts, and the machinery's ceiling.

1. The machinery ceiling: the hashing embedder (near free), durable stores (Postgres +
   Qdrant Edge on disk), in chunks/s (goal >= 15,000/s), with where the time goes: the
   figure that tests the pipeline itself. `--ceiling-runs` runs (each into a fresh store
   folder), median and spread, and the CPU time per chunk of the vectorizer's process; then
   the same runs with the vectors precomputed (looked up, not computed): the bound the claim,
   write and mark path sets by itself, whatever the embedder.
2. USE (the embedded default): raw `embed` throughput vs the whole path (claim, embed,
   quality gate, Qdrant Edge upsert, mark in Postgres) on the same chunks, interleaved: the
   chunks are cut into `--rounds` slices in id order, and each round times the raw embed of
   its slice and the whole path over the same slice back to back (raw first in even rounds,
   whole first in odd ones), so load from other work on this shared 2-core machine lands on
   both sides instead of on whichever phase it happened to coincide with. Each side is
   timed by wall clock around the call (the whole path's start-up included). Headline:
   whole / raw = sum of raw seconds / sum of whole seconds (goal >= 0.90); the per-round
   ratios and their median are printed too.

    .venv/bin/python bench/vectorize_throughput.py [--chunks 20000] [--rounds 10] [--quick]
        [--ceiling-only] [--ceiling-runs 3]
"""

from __future__ import annotations

import argparse
import logging
import resource
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from _common import bench_database, load_demo_chunks, reset_vectors

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="2,000 chunks")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--ceiling-batch-size", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--ceiling-runs", type=int, default=3)
    parser.add_argument("--ceiling-only", action="store_true", help="skip the USE part")
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
        rates, cpu_us = _ceiling_runs(engine, scratch, hashing, args, loaded, "hashing-256")
        # The same runs with the vectors looked up, not computed: what the claim / write / mark
        # path alone allows (the embedding thread no longer competes for the GIL).
        precomputed = PrecomputedEmbedder(hashing, texts)
        bound, _ = _ceiling_runs(engine, scratch, precomputed, args, loaded, "precomputed")
        ceiling_rate = statistics.median(rates)
        ceiling_text = (
            f"ceiling {ceiling_rate:.0f} chunks/s (median of {len(rates)}, "
            f"{min(rates):.0f}-{max(rates):.0f}; goal >= 15000; "
            f"{statistics.median(cpu_us):.0f} CPU-us/chunk in the vectorizer's process; "
            f"write-path bound with precomputed vectors {statistics.median(bound):.0f}, "
            f"{min(bound):.0f}-{max(bound):.0f})"
        )
        print(f"  the hashing embed alone takes {hashing_raw_s:.2f}s in series")
        if args.ceiling_only:
            print(ceiling_text)
            return
        reset_vectors(engine)

        # --- USE: raw embed vs the whole path, interleaved by rounds ------------------------
        store = create_vector_store(path=scratch / "qdrant")
        use = create_embedder("use")
        use.embed(list(texts[: args.batch_size]))  # load + warm the model outside both timings
        vectorizer = Vectorizer(engine, use, store, batch_size=args.batch_size)
        size = -(-len(texts) // args.rounds)
        raw_total = whole_total = 0.0
        ratios = []
        parts = {"claim": 0.0, "write": 0.0, "wait_for_embed": 0.0}

        def raw(chunk_texts: list[str]) -> float:
            t0 = time.perf_counter()
            for i in range(0, len(chunk_texts), args.batch_size):
                use.embed(list(chunk_texts[i : i + args.batch_size]))
            return time.perf_counter() - t0

        def whole(count: int) -> float:
            # Pending chunks are taken in id order, so this is the same slice raw() embeds.
            t0 = time.perf_counter()
            summary = vectorizer.vectorize_pending(PendingFilter(limit=count))
            elapsed = time.perf_counter() - t0
            assert summary["vectorized"] == count, summary
            for key in parts:
                parts[key] += summary["timings_s"][key]
            return elapsed

        for r, start in enumerate(range(0, len(texts), size)):
            chunk_texts = list(texts[start : start + size])
            if r % 2 == 0:
                raw_s = raw(chunk_texts)
                whole_s = whole(len(chunk_texts))
            else:
                whole_s = whole(len(chunk_texts))
                raw_s = raw(chunk_texts)
            raw_total += raw_s
            whole_total += whole_s
            ratios.append(raw_s / whole_s)
            n_slice = len(chunk_texts)
            order = "raw first" if r % 2 == 0 else "whole first"
            print(
                f"round {r + 1} ({n_slice} chunks, {order}): raw {n_slice / raw_s:.1f} texts/s, "
                f"whole {n_slice / whole_s:.1f} chunks/s, whole/raw {ratios[-1]:.3f}",
                flush=True,
            )
        assert store.count(vectorizer.collection) == loaded
        store.close()
        print(
            f"USE (batch {args.batch_size}) over {loaded} chunks: raw {loaded / raw_total:.1f} "
            f"texts/s ({raw_total:.1f}s), whole path {loaded / whole_total:.1f} chunks/s "
            f"({whole_total:.1f}s); caller thread: claim {parts['claim']:.2f}s, write "
            f"{parts['write']:.2f}s, waiting for embed {parts['wait_for_embed']:.2f}s"
        )
        ratio = raw_total / whole_total
        print(
            f"per-round whole/raw: {', '.join(f'{x:.3f}' for x in ratios)} "
            f"(median {statistics.median(ratios):.3f}, min {min(ratios):.3f})"
        )
        print(f"{ceiling_text}; whole/raw = {ratio:.3f} (goal >= 0.90)")


class PrecomputedEmbedder:
    """The hashing embedder's vectors, computed once and looked up: an embedder that costs
    nothing, to measure the rest of the path."""

    is_remote = False
    provider = "hashing"

    def __init__(self, inner: Any, texts: Sequence[str]) -> None:
        self.name, self.dimension = inner.name, inner.dimension
        self.max_inputs_per_request = self.max_tokens_per_request = None
        self.max_tokens_per_input = None
        self._vectors = dict(zip(texts, inner.embed(list(texts)), strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vectors[text] for text in texts])


def _ceiling_runs(
    engine: Any, scratch: Path, embedder: Any, args: argparse.Namespace, loaded: int, label: str
) -> tuple[list[float], list[float]]:
    """`args.ceiling_runs` whole runs into fresh store folders: (chunks/s, CPU-us per chunk)."""
    rates, cpu_us = [], []
    for run in range(args.ceiling_runs):
        reset_vectors(engine)
        store = create_vector_store(path=scratch / f"qdrant-{label}{run}")
        vectorizer = Vectorizer(engine, embedder, store, batch_size=args.ceiling_batch_size)
        cpu0 = _cpu_s()
        ceiling = vectorizer.vectorize_pending()
        cpu_us.append(1e6 * (_cpu_s() - cpu0) / max(1, ceiling["vectorized"]))
        assert ceiling["vectorized"] == loaded, ceiling
        assert store.count(ceiling["collection"]) == loaded
        store.close()
        rates.append(ceiling["rate_per_s"])
        t = ceiling["timings_s"]
        print(
            f"ceiling run {run + 1} ({label}, batch {args.ceiling_batch_size}): "
            f"{ceiling['vectorized']} chunks in {ceiling['elapsed_s']:.2f}s = "
            f"{ceiling['rate_per_s']:.0f} chunks/s, {cpu_us[-1]:.0f} CPU-us/chunk in this "
            f"process; caller thread: claim {t['claim']:.2f}s, "
            f"write (Qdrant upsert + mark) {t['write']:.2f}s, waiting for embed "
            f"{t['wait_for_embed']:.2f}s",
            flush=True,
        )
    return rates, cpu_us


def _cpu_s() -> float:
    """CPU seconds of this process, all threads (the Postgres server's are not counted): a
    figure the load of other work on a shared machine disturbs far less than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
