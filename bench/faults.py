"""Faults against `pipeline vectorize`: a backlog through the OpenAI embedder and a local
server answering 30% of requests with 429 (retry-after-ms), the process SIGKILLed at random
moments and rerun at once after each kill, against the same backlog with no faults.

Kill moments are drawn once the process is embedding (its first request reached the
server), over a share of a clean run's embedding time. Each round runs the clean baseline
and the faulty run back to back (interleaved) on a fresh vector folder and reset rows.
Reports wall time (all processes of a run together, start-up included), requests sent
against requests needed, 429s answered, and embeddings done twice (texts the server
embedded more often than the backlog holds them). Headline (last line): faulty wall time
over clean wall time, median of the rounds.

    .venv/bin/python bench/faults.py [--chunks 20000] [--kills 10] [--rounds 2] [--quick]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the scripted test server

import sqlalchemy as sa
from _common import bench_database, load_demo_chunks, reset_vectors

from pipeline.settings import REPO_ROOT
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer, error

PIPELINE = str(Path(sys.executable).with_name("pipeline"))
MODEL = "bench-embed"
DIM = 64
BATCH = 32
CONCURRENCY = 4


class StormServer(FakeEmbeddingServer):
    """429s for `rate` of requests (seeded), and a count of every text embedded."""

    def __init__(self, rate: float, latency_s: float, seed: int) -> None:
        self.rate = rate
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()
        self.limited = 0
        self.served: Counter[str] = Counter()
        self.first_request_at: float | None = None
        super().__init__(DIM, script=self._storm, delay_s=latency_s)
        # A SIGKILLed client resets its connections: expected here, not worth a traceback.
        self._server.handle_error = lambda request, address: None

    def _storm(self, inputs: list[str], call: int):
        with self._rng_lock:
            self.first_request_at = self.first_request_at or time.monotonic()
            limited = self._rng.random() < self.rate
            if limited:
                self.limited += 1
            else:
                self.served.update(inputs)
        if limited:
            return error(429, "Rate limit reached for requests", headers={"retry-after-ms": "20"})
        return None


def child_env(database_url: str, qdrant: Path, server: StormServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QDRANT_", "EMBEDDING_"))}
    env.update(
        DATABASE_URL=database_url,
        QDRANT_PATH=str(qdrant),
        PIPELINE_DATA_DIR=str(qdrant.parent / "data"),
        EMBEDDER="openai",
        EMBEDDING_MODEL=MODEL,
        EMBEDDING_DIMENSIONS=str(DIM),
        OPENAI_API_KEY="sk-bench-not-a-real-key",
        OPENAI_BASE_URL=server.base_url,
        EMBEDDING_BATCH_SIZE=str(BATCH),
        EMBEDDING_CONCURRENCY=str(CONCURRENCY),
        PYTHONPATH=str(REPO_ROOT),
    )
    return env


def start(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [PIPELINE, "vectorize"],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def one_run(engine, scratch: Path, url: str, *, rate: float, kills: int, kill_window_s: float,
            latency_s: float, seed: int) -> dict:  # fmt: skip
    """One backlog to the end: `kills` SIGKILLs at random moments, an immediate rerun each."""
    reset_vectors(engine)
    qdrant = scratch / f"qdrant-{seed}"
    shutil.rmtree(qdrant, ignore_errors=True)
    rng = random.Random(seed)
    killed = 0
    processes = 0
    startups: list[float] = []  # launch to first request, per process
    with StormServer(rate, latency_s, seed) as server:
        env = child_env(url, qdrant, server)
        t0 = time.monotonic()
        while True:
            calls_before = server.calls
            launched = time.monotonic()
            child = start(env)
            processes += 1
            # A random kill moment once this process is embedding (not while it imports).
            while server.calls == calls_before and child.poll() is None:
                time.sleep(0.005)
            startups.append(time.monotonic() - launched)
            if killed < kills:
                deadline = time.monotonic() + rng.uniform(0.05, kill_window_s)
                while time.monotonic() < deadline and child.poll() is None:
                    time.sleep(0.01)
                if child.poll() is None:
                    child.send_signal(signal.SIGKILL)
                    child.wait()
                    killed += 1
                    continue
            out, _ = child.communicate()
            if child.returncode != 0:
                raise SystemExit(f"vectorize exited {child.returncode}: {out[-500:]}")
            break
        wall = time.monotonic() - t0
        embed_s = time.monotonic() - (server.first_request_at or t0)
    with engine.connect() as connection:
        total, done, claimed, charged = connection.execute(
            sa.text(
                "SELECT count(*), count(*) FILTER (WHERE vectorized_hash = content_hash), "
                "count(*) FILTER (WHERE claimed_by IS NOT NULL), "
                "count(*) FILTER (WHERE attempts > 0 OR dead_letter) FROM document_chunks"
            )
        ).one()
        expected = Counter(
            connection.execute(sa.text("SELECT content FROM document_chunks")).scalars()
        )
    if done != total or claimed or charged:
        raise SystemExit(f"backlog not clean: {done}/{total} done, {claimed} claimed, {charged}")
    twice = sum(max(0, n - expected.get(text, 0)) for text, n in server.served.items())
    return {
        "wall_s": wall,
        "embed_s": embed_s,
        "requests": server.calls,
        "limited": server.limited,
        "twice": twice,
        "kills": killed,
        "processes": processes,
        "startup_s": sum(startups),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rate-429", type=float, default=0.3)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--quick", action="store_true", help="4,000 chunks, 4 kills, 1 round")
    args = parser.parse_args()
    if args.quick:
        args.chunks, args.kills, args.rounds = 4000, 4, 1
    needed = math.ceil(args.chunks / BATCH)
    with bench_database() as (engine, scratch):
        total = load_demo_chunks(engine, args.chunks)
        needed = math.ceil(total / BATCH)
        url = engine.url.render_as_string(hide_password=False)
        clean, faulty = [], []
        for round_no in range(args.rounds):
            base = one_run(engine, scratch, url, rate=0.0, kills=0, kill_window_s=1,
                           latency_s=args.latency_ms / 1000, seed=100 + round_no)  # fmt: skip
            clean.append(base)
            # Kill moments spread over a share of a clean run's embedding time, so every
            # process gets some work done and the kills land mid-backlog.
            window = max(0.2, base["embed_s"] * 2 / max(1, args.kills))
            hurt = one_run(engine, scratch, url, rate=args.rate_429, kills=args.kills,
                           kill_window_s=window, latency_s=args.latency_ms / 1000,
                           seed=200 + round_no)  # fmt: skip
            faulty.append(hurt)
            print(
                f"round {round_no + 1}: clean {base['wall_s']:.1f}s, {base['requests']} requests; "
                f"faults {hurt['wall_s']:.1f}s over {hurt['processes']} process(es) "
                f"({hurt['kills']} SIGKILLs), {hurt['requests']} requests "
                f"({hurt['limited']} answered 429), {hurt['twice']} embedding(s) done twice; "
                f"launch to first request: clean {base['startup_s']:.1f}s, faults "
                f"{hurt['startup_s']:.1f}s in all",
                flush=True,
            )
    ratios = [f["wall_s"] / c["wall_s"] for c, f in zip(clean, faulty, strict=True)]
    sent = [f["requests"] for f in faulty]
    twice = [f["twice"] for f in faulty]
    print(f"backlog {total} chunks, batch {BATCH}, concurrency {CONCURRENCY}, "
          f"{args.rate_429:.0%} 429s, {args.kills} SIGKILLs with an immediate rerun after each, "
          f"{args.rounds} round(s)")  # fmt: skip
    print(f"requests needed {needed}; sent under faults: median {statistics.median(sent):.0f} "
          f"(min {min(sent)}, max {max(sent)}); non-429 requests: "
          f"{[f['requests'] - f['limited'] for f in faulty]}")  # fmt: skip
    print(f"embeddings done twice under faults: median {statistics.median(twice):.0f} "
          f"(min {min(twice)}, max {max(twice)}) of {total}")  # fmt: skip
    print(
        f"faulty wall time / clean wall time: median {statistics.median(ratios):.2f}x "
        f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x; clean median "
        f"{statistics.median(c['wall_s'] for c in clean):.1f}s, faulty median "
        f"{statistics.median(f['wall_s'] for f in faulty):.1f}s)"
    )


if __name__ == "__main__":
    main()
