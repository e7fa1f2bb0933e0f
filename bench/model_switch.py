"""A model change without downtime, measured: queries during the migration, the switch, throughput.

20k demo chunks are vectorized with the hashing embedder (256-d). Then, in `--rounds` rounds,
a plain `--force` re-embed of the current model and a migration to a new hashing model (a
new dimension each round: another model as far as the index knows) run back to back, in
alternating order, while a reader thread searches continuously through the alias with the
exact text of a random chunk. A query counts as answered when it returns hits and its top
hit is that chunk's text at cosine ~1: an empty answer, an error or a query embedded with
one model against the other's points (mixed) all count as unanswered.

Printed: the share of queries answered during the migrations (goal 100%), the longest query
latency overlapping the switch itself and during the whole migration, and the migration's
throughput against the `--force` re-embed in the same run (per-round ratios, their spread),
headline on the last line.

    .venv/bin/python bench/model_switch.py [--chunks 20000] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from _common import bench_database, load_demo_chunks

from pipeline.index.lifecycle import IndexLifecycle
from pipeline.index.search import ChunkSearch
from pipeline.store.vectors import EdgeVectorStore
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder

BATCH = 64
AFTER_S = 0.5  # seconds after each switch whose queries are counted with the migration


@dataclass
class Query:
    started: float
    ended: float
    answered: bool
    model: str | None


@dataclass
class Reader:
    """Searches continuously until stopped; keeps every query's window and outcome."""

    search: ChunkSearch
    texts: list[str]
    queries: list[Query] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        rng = random.Random(11)
        while not self.stop.is_set():
            text = rng.choice(self.texts)
            t0 = time.perf_counter()
            try:
                hits = self.search.search_chunks(text, limit=5)
                ok = bool(hits) and hits[0].text == text and hits[0].score > 0.999
                model = hits[0].model if hits else None
            except Exception:
                ok, model = False, None
            self.queries.append(Query(t0, time.perf_counter(), ok, model))
            time.sleep(0.002)  # a steady reader, not a spin that starves the build of the GIL


class TimedLifecycle(IndexLifecycle):
    """The real lifecycle, with the switch's own window recorded."""

    switch_window: tuple[float, float] = (0.0, 0.0)

    def switch(self, checked=None):  # type: ignore[override]
        t0 = time.perf_counter()
        try:
            return super().switch(checked)
        finally:
            self.switch_window = (t0, time.perf_counter())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2,000 chunks, 1 round")
    args = parser.parse_args()
    n, rounds = (2_000, 1) if args.quick else (args.chunks, args.rounds)
    logging.basicConfig(level=logging.WARNING)

    with bench_database() as (engine, scratch):
        loaded = load_demo_chunks(engine, n)
        with engine.connect() as connection:
            texts = list(
                connection.execute(sa.text("SELECT content FROM document_chunks")).scalars()
            )
        store = EdgeVectorStore(scratch / "edge")
        current = create_embedder("hashing", dimensions=256)
        Vectorizer(engine, current, store, batch_size=BATCH).vectorize_pending()
        print(f"chunks: {loaded}, first model {current.name}; {rounds} round(s)")
        reader = Reader(ChunkSearch(engine, store), texts)
        thread = threading.Thread(target=reader.run, daemon=True)
        thread.start()
        force_rates, migrate_rates, ratios = [], [], []
        during: list[Query] = []
        switch_latencies: list[float] = []
        for r in range(rounds):
            new = create_embedder("hashing", dimensions=128 + 32 * r)
            phases = ["force", "migrate"] if r % 2 == 0 else ["migrate", "force"]
            for phase in phases:
                if phase == "force":
                    t0 = time.perf_counter()
                    summary = Vectorizer(
                        engine, current, store, batch_size=BATCH
                    ).vectorize_pending(PendingFilter(force_revectorize=True))
                    rate = summary["vectorized"] / (time.perf_counter() - t0)
                    force_rates.append(rate)
                    print(f"round {r + 1}: --force re-embed {current.name}: {rate:,.0f} chunks/s")
                else:
                    lifecycle = TimedLifecycle(
                        engine, store, grace_s=1.0, batch_size=BATCH, page_size=1024
                    )
                    t0 = time.perf_counter()
                    report, check = lifecycle.migrate(new)
                    t1 = time.perf_counter()
                    assert check is not None and check.passed, check
                    rate = report.vectorized / (t1 - t0)
                    migrate_rates.append(rate)
                    time.sleep(AFTER_S)  # the queries right after the switch count too
                    window = [
                        q
                        for q in list(reader.queries)
                        if q.ended >= t0 and q.started <= t1 + AFTER_S
                    ]
                    during.extend(window)
                    s0, s1 = lifecycle.switch_window
                    at_switch = [
                        q.ended - q.started for q in window if q.ended >= s0 and q.started <= s1
                    ]
                    switch_latencies.append(max(at_switch, default=0.0))
                    models = Counter(q.model or "-" for q in window)
                    answered = sum(q.answered for q in window)
                    print(
                        f"round {r + 1}: migrate {current.name} -> {new.name}: {rate:,.0f} "
                        f"chunks/s ({report.vectorized} in {t1 - t0:.1f}s, switch "
                        f"{(s1 - s0) * 1000:.0f} ms); {answered}/{len(window)} queries "
                        f"answered, by model {dict(sorted(models.items()))}"
                    )
                    current = new
            ratios.append(migrate_rates[-1] / force_rates[-1])
        reader.stop.set()
        thread.join()
        store.close()

    answered = sum(q.answered for q in during)
    share = 100.0 * answered / len(during) if during else 0.0
    latencies = [q.ended - q.started for q in during]
    print(
        f"queries during migrations: {len(during)}, answered {answered} ({share:.2f}%); "
        f"latency median {statistics.median(latencies) * 1000:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms"
    )
    print(
        "migration / --force throughput per round: "
        + ", ".join(f"{x:.2f}" for x in ratios)
        + f" (spread {min(ratios):.2f}-{max(ratios):.2f})"
    )
    print(
        f"model switch: {share:.2f}% of {len(during)} queries answered during "
        f"{rounds} migration(s) of {loaded} chunks; longest query overlapping the switch "
        f"{max(switch_latencies) * 1000:.1f} ms; migration {statistics.median(migrate_rates):,.0f} "
        f"chunks/s vs --force {statistics.median(force_rates):,.0f} chunks/s "
        f"(median ratio {statistics.median(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
