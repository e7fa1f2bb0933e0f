"""`pipeline vectorize` side by side with pgai's vectorizer worker, on the same rows, against
the same fake OpenAI-compatible server (20 ms, 512-d), runs alternating.

    .venv/bin/python bench/vectorize_peer.py [--rows 20000] [--repeats 3] [--concurrency 4]
        [--peer-dir ../shared/bench/peer-pgai] [--fake ../shared/bench/fake_openai.py]
        [--no-peer] [--profile out.svg]

The rows are the peer's (`bench_pgai.make_row`, seed 42, checked by sha256), one document with
one chunk each. Each of our runs starts a fresh fake server, resets the chunks to pending with
an empty vector store, runs the CLI as a child process with only the embedder settings it
needs (defaults for the rest: a user should not have to tune) and times it until it exits;
the worker's CPU is the child's rusage. When the peer's venv exists (`run.sh` builds it), a
peer run (`bench_pgai.py --concurrency C`) follows each of ours. Headline on the last line:
`ours / pgai: <ratio of median rows/s>`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from _common import bench_database, reset_vectors

from pipeline.store.documents import NewDocument, upsert_documents
from pipeline.store.tables import reflect_tables

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
KNOWN_SHA256 = {
    2000: "11b2c0e3f1d7cb3b719ff9b48a60716b64c70d37cf08a3af47ae51ef3786899b",
    20000: "17ee88643107f3c1ec26c3af4e04476a0d8007ee817b08c55e2d16a8108bd3af",
}
PEER_VENV = Path(os.environ.get("PGAI_BENCH_HOME", "/tmp/peer-pgai")) / "venv"


def peer_rows(peer_dir: Path, n: int, seed: int) -> list[tuple[int, str]]:
    """The peer's rows, checked against the digest its README publishes."""
    sys.path.insert(0, str(peer_dir))
    import bench_pgai  # the peer's harness: data generation only, heavy imports are lazy

    rows = list(bench_pgai.dataset(n, seed))
    digest = bench_pgai.dataset_digest(n, seed)
    expected = KNOWN_SHA256.get(n) if seed == 42 else None
    if expected and digest != expected:
        raise SystemExit(f"rows sha256 {digest} differs from the peer's {expected}")
    print(f"{n} rows, seed {seed}, sha256 {digest}")
    return rows


def load_rows(engine: sa.Engine, rows: list[tuple[int, str]]) -> None:
    tables = reflect_tables(engine)
    for start in range(0, len(rows), 1000):
        documents = [
            NewDocument(source="peer", external_id=str(i), body=text, chunks=[text])
            for i, text in rows[start : start + 1000]
        ]
        with engine.begin() as connection:
            upsert_documents(connection, tables, documents)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stats(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=5) as response:
        return json.loads(response.read())


def start_fake(fake: Path, port: int, dim: int, latency_ms: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, str(fake), "--port", str(port), "--dim", str(dim),
         "--latency-ms", str(latency_ms)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(100):
        try:
            stats(port)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"fake server {fake} did not start")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(5)


def run_ours(
    engine: sa.Engine, url: str, scratch: Path, args: argparse.Namespace, run: int
) -> dict:
    reset_vectors(engine)
    port = free_port()
    fake = start_fake(args.fake, port, args.dim, args.latency_ms)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PIPELINE_DATA_DIR": str(scratch / f"data{run}"),
        "QDRANT_PATH": str(scratch / f"qdrant{run}"),
        "EMBEDDER": "openai",
        "EMBEDDING_MODEL": "text-embedding-3-small",
        "EMBEDDING_DIMENSIONS": str(args.dim),
        "OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1",
        "OPENAI_API_KEY": "sk-dummy-bench-key",
        "EMBEDDING_CONCURRENCY": str(args.concurrency),
        "NO_PROXY": "127.0.0.1,localhost",
    }
    if args.batch_size:
        env["EMBEDDING_BATCH_SIZE"] = str(args.batch_size)
    command = [str(REPO / ".venv" / "bin" / "pipeline"), "vectorize"]
    if args.profile and run == 0:
        command = [str(REPO / ".venv" / "bin" / "py-spy"), "record", "-o", args.profile,
                   "-r", "200", "--nonblocking", "--", *command]  # fmt: skip
    try:
        before = stats(port)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=scratch)
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        after = stats(port)
    finally:
        stop(fake)
    if done.returncode != 0:
        raise SystemExit(f"pipeline vectorize failed rc={done.returncode}:\n{done.stderr[-3000:]}")
    with engine.connect() as connection:
        left = connection.execute(
            sa.text("SELECT count(*) FROM document_chunks WHERE vectorized_at IS NULL")
        ).scalar_one()
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    result = {
        "wall_s": wall,
        "rows_per_s": args.rows / wall,
        "cpu_ms_per_row": 1000 * cpu / args.rows,
        "requests": after["requests"] - before["requests"],
        "double_embedded": after["double_embedded"],
        "pending_after": left,
    }
    if left or after["double_embedded"]:
        raise SystemExit(f"ours: check failed {result}")
    return result


def run_peer(args: argparse.Namespace) -> dict:
    command = [str(PEER_VENV / "bin" / "python"), str(args.peer_dir / "bench_pgai.py"),
               "--rows", str(args.rows), "--fake", str(args.fake), "--dim", str(args.dim),
               "--latency-ms", str(args.latency_ms), "--concurrency", str(args.concurrency),
               "--port", str(free_port())]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"peer run failed rc={done.returncode}:\n{done.stdout[-2000:]}")
    r = json.loads(line[len("RESULT ") :])
    return {
        "wall_s": r["wall_s"],
        "rows_per_s": r["rows_per_s"],
        "cpu_ms_per_row": 1000 * r["worker_cpu_s"] / args.rows,
        "requests": r["requests"],
        "double_embedded": r["double_embedded"],
    }


def describe(name: str, r: dict) -> str:
    return (
        f"{name}: {r['rows_per_s']:.0f} rows/s, {r['wall_s']:.2f}s, "
        f"{r['cpu_ms_per_row']:.3f} CPU-ms/row in the worker, {r['requests']} requests, "
        f"{r['double_embedded']} double-embedded"
    )


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.0f} (min {min(values):.0f}, max {max(values):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=None, help="unset: the default")
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--peer-dir", type=Path, default=SHARED / "peer-pgai")
    parser.add_argument("--fake", type=Path, default=SHARED / "fake_openai.py")
    parser.add_argument("--no-peer", action="store_true", help="ours alone")
    parser.add_argument("--profile", help="py-spy flame graph of our first run (svg)")
    args = parser.parse_args()
    rows = peer_rows(args.peer_dir, args.rows, args.seed)
    with_peer = not args.no_peer and (PEER_VENV / "bin" / "pgai").exists()
    ours: list[dict] = []
    peer: list[dict] = []
    with bench_database() as (engine, scratch):
        load_rows(engine, rows)
        url = engine.url.render_as_string(hide_password=False)
        for run in range(args.repeats):
            ours.append(run_ours(engine, url, scratch, args, run))
            print(describe(f"run {run + 1} ours", ours[-1]), flush=True)
            if with_peer:
                peer.append(run_peer(args))
                print(describe(f"run {run + 1} pgai", peer[-1]), flush=True)
    print(f"ours rows/s: {spread([r['rows_per_s'] for r in ours])}")
    if not with_peer:
        print(
            f"no peer run: build its venv once with `bash {args.peer_dir}/run.sh 2000` "
            f"(~7 GB, ~5 min, into {PEER_VENV}), then run this again"
        )
        print(f"ours: {statistics.median(r['rows_per_s'] for r in ours):.0f} rows/s (median)")
        return
    print(f"pgai rows/s: {spread([r['rows_per_s'] for r in peer])}")
    ratio = statistics.median(r["rows_per_s"] for r in ours) / statistics.median(
        r["rows_per_s"] for r in peer
    )
    print(f"ours / pgai: {ratio:.2f}")


if __name__ == "__main__":
    main()
