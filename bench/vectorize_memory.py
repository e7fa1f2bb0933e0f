"""Peak memory vectorizing 200k chunks divided by peak memory at 20k (goal <= 1.3).

Each size runs in its own subprocess (hashing embedder, Qdrant Edge on disk, Postgres), so
each peak is that run's alone. Rows are generated with SQL generate_series. Each size also
runs with an in-process null store (the loop's own memory apart from the store's) and with
the store's segment sealing turned off (one ever-growing segment: the baseline sealing is
measured against).

What is measured:
- total peak RSS (VmHWM, exact): the headline, everything resident in the process;
- peak RssAnon (sampled every 5 ms from /proc/self/status): heap, arenas, Python objects,
  Qdrant's in-RAM structures;
- peak RssFile: pages of memory-mapped files in use, among them Qdrant Edge's segment files.
  A shard writes through mmap, so without sealing every point written stays resident. The
  store seals its appendable segment every 16 MiB of vectors into an on-disk segment read on
  demand, so the file-backed part is bounded by one segment (pipeline/store/vectors.py).

    .venv/bin/python bench/vectorize_memory.py [--large 200000] [--small 20000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

import sqlalchemy as sa
from _common import bench_database, reset_vectors

CHILD = """
import json, sys, threading, time
from pipeline.store.database import create_database_engine
from pipeline.store.vectors import EdgeVectorStore
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder

def status():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) / 1024
    return out

peak = {"RssAnon": 0.0, "RssFile": 0.0}
done = threading.Event()
def sample():
    while not done.is_set():
        s = status()
        for key in peak:
            peak[key] = max(peak[key], s[key])
        done.wait(0.005)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()

class NullStore:
    def ensure_collection(self, name, dimension): pass
    def upsert(self, collection, ids, vectors, payloads): pass
    def count(self, collection): return 0
    def close(self): pass

url, folder, limit, kind = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
engine = create_database_engine(url)
if kind == "null":
    store = NullStore()
else:  # "unsealed": a segment limit no run reaches
    store = EdgeVectorStore(folder, **({"segment_kb": 10**9} if kind == "unsealed" else {}))
summary = Vectorizer(engine, create_embedder("hashing", dimensions=256), store,
                     batch_size=256).vectorize_pending(PendingFilter(limit=limit))
store.close()
done.set()
sampler.join()
final = status()
peak["RssAnon"] = max(peak["RssAnon"], final["RssAnon"])
peak["RssFile"] = max(peak["RssFile"], final["RssFile"])
search_ms, points = [], 0  # after the peaks are read: every point kept, exact search
if kind != "null":
    import numpy as np
    store = EdgeVectorStore(folder)
    points = store.count(summary["collection"])
    query = np.random.default_rng(0).standard_normal(256).astype(np.float32)
    for _ in range(6):
        t0 = time.perf_counter()
        store.search(summary["collection"], query, limit=10)
        search_ms.append((time.perf_counter() - t0) * 1000)
    store.close()
print(json.dumps({"vectorized": summary["vectorized"], "rate": summary["rate_per_s"],
                  "total": final["VmHWM"], "anon": peak["RssAnon"], "file": peak["RssFile"],
                  "search_ms": search_ms, "points": points}))
"""


def generate_chunks(engine: sa.Engine, n: int) -> None:
    """n chunks of ~640 characters over n/20 documents, all pending."""
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                """
                INSERT INTO documents (source, external_id, market, doc_type, stock_code,
                                       company_name, language, content_hash)
                SELECT 'bench', 'doc-' || d, 'us_stock', 'annual_report', 'S' || (d % 50),
                       'Company ' || (d % 50), 'en', md5(d::text)
                FROM generate_series(1, CAST(:docs AS int)) AS d
                """
            ),
            {"docs": n // 20},
        )
        connection.execute(
            sa.text(
                """
                INSERT INTO document_chunks (document_id, chunk_index, content, content_hash,
                                             token_estimate)
                SELECT d.id, i, t.text, md5(t.text), length(t.text)
                FROM documents d
                CROSS JOIN generate_series(0, 19) AS i
                CROSS JOIN LATERAL (SELECT repeat(md5(d.id::text || ':' || i), 20) AS text) t
                """
            )
        )
        connection.execute(sa.text("ANALYZE document_chunks"))


def run_child(url: str, folder: str, limit: int, kind: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, url, folder, str(limit), kind],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="50k vs 5k")
    args = parser.parse_args()
    large, small = (50_000, 5_000) if args.quick else (args.large, args.small)
    with bench_database() as (engine, scratch):
        generate_chunks(engine, large)
        url = engine.url.render_as_string(hide_password=False)
        results: dict[tuple[str, int], dict] = {}
        labels = {"null": "null store", "unsealed": "Edge, unsealed", "edge": "Qdrant Edge"}
        for kind, label in labels.items():
            for n in (small, large):
                reset_vectors(engine)
                r = run_child(url, str(scratch / f"qdrant-{kind}-{n}"), n, kind)
                assert r["vectorized"] == n, r
                assert kind == "null" or r["points"] == n, r  # sealing loses no point
                results[kind, n] = r
                print(
                    f"loop + {label:14} {n:>7} chunks: peak RSS {r['total']:.1f} MiB "
                    f"(peak anon {r['anon']:.1f}, peak file-backed {r['file']:.1f}), "
                    f"{r['rate']:.0f} chunks/s"
                )
                if r["search_ms"]:
                    first, *warm = r["search_ms"]
                    print(
                        f"  exact search, top 10 of {n}: first {first:.0f} ms, "
                        f"then median {statistics.median(warm):.0f} ms"
                    )

        def ratio(kind: str, key: str) -> float:
            return results[kind, large][key] / results[kind, small][key]

        tag = f"{large // 1000}k/{small // 1000}k"
        print(
            f"loop alone (null store): peak RSS {tag} = {ratio('null', 'total'):.2f}, "
            f"anon {ratio('null', 'anon'):.2f}"
        )
        for kind in ("unsealed", "edge"):
            print(
                f"{labels[kind]}: peak RSS {tag} = {ratio(kind, 'total'):.2f}, peak file-backed "
                f"{results[kind, small]['file']:.0f} -> {results[kind, large]['file']:.0f} MiB, "
                f"anon {ratio(kind, 'anon'):.2f}"
            )
        print(
            f"peak RSS {tag} = {ratio('edge', 'total'):.2f} (goal <= 1.3; "
            f"{ratio('unsealed', 'total'):.2f} without sealing)"
        )


if __name__ == "__main__":
    main()
