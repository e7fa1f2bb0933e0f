"""Peak RSS vectorizing 200k chunks divided by peak RSS at 20k (goal <= 1.3).

Each size runs in its own subprocess (hashing embedder, Qdrant Edge on disk, Postgres), so
each peak is that run's alone. Rows are generated with SQL generate_series.

    .venv/bin/python bench/vectorize_memory.py [--large 200000] [--small 20000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import sqlalchemy as sa
from _common import bench_database, reset_vectors

CHILD = """
import json, resource, sys
from pipeline.store.database import create_database_engine
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder
url, folder, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = create_database_engine(url)
store = create_vector_store(path=folder)
summary = Vectorizer(engine, create_embedder("hashing", dimensions=256), store,
                     batch_size=256).vectorize_pending(PendingFilter(limit=limit))
store.close()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"vectorized": summary["vectorized"], "peak_mib": peak_kib / 1024,
                  "rate": summary["rate_per_s"]}))
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


def run_child(url: str, folder: str, limit: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, url, folder, str(limit)],
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
        results = {}
        for n in (small, large):
            reset_vectors(engine)
            results[n] = run_child(url, str(scratch / f"qdrant-{n}"), n)
            r = results[n]
            print(f"{n} chunks: peak RSS {r['peak_mib']:.1f} MiB, {r['rate']:.0f} chunks/s")
            assert r["vectorized"] == n, r
        ratio = results[large]["peak_mib"] / results[small]["peak_mib"]
        print(f"peak RSS {large // 1000}k / {small // 1000}k = {ratio:.3f} (goal <= 1.3)")


if __name__ == "__main__":
    main()
