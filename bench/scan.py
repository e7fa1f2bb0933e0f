"""Pending count and a limit-5000 scan on 1M chunks with 1% pending, with the partial index
document_chunks_pending_idx and then with it dropped (goal: >= 50x faster with it).

    .venv/bin/python bench/scan.py [--rows 1000000] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time

import sqlalchemy as sa
from _common import bench_database

from pipeline.store.chunks import PendingFilter, count_pending, scan_pending


def generate(engine: sa.Engine, rows: int) -> None:
    """`rows` chunks over rows/1000 documents; every 100th never vectorized."""
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                """
                INSERT INTO documents (source, external_id, market, doc_type, stock_code,
                                       content_hash)
                SELECT 'bench', 'doc-' || d, 'a_share', 'annual_report', 'S' || d, md5(d::text)
                FROM generate_series(1, CAST(:docs AS int)) AS d
                """
            ),
            {"docs": rows // 1000},
        )
        connection.execute(
            sa.text(
                """
                INSERT INTO document_chunks (document_id, chunk_index, content, content_hash,
                    token_estimate, vectorized_at, embedding_model, embedding_dim,
                    vectorized_hash)
                SELECT d.id, i, 'chunk text', h.hash, 10,
                       CASE WHEN pending THEN NULL ELSE now() END,
                       CASE WHEN pending THEN NULL ELSE 'm' END,
                       CASE WHEN pending THEN NULL ELSE 8 END,
                       CASE WHEN pending THEN NULL ELSE h.hash END
                FROM documents d
                CROSS JOIN generate_series(0, 999) AS i
                CROSS JOIN LATERAL (SELECT md5(d.id::text || ':' || i) AS hash,
                                           (d.id * 1000 + i) % 100 = 0 AS pending) h
                """
            )
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("VACUUM ANALYZE document_chunks"))


def timed(engine: sa.Engine, repeats: int = 7) -> tuple[float, float, int, int]:
    """Median seconds of the pending count and of the limit-5000 scan."""
    counts, scans = [], []
    with engine.connect() as connection:
        for _ in range(repeats):
            t0 = time.perf_counter()
            n = count_pending(connection, PendingFilter())
            t1 = time.perf_counter()
            ids = scan_pending(connection, PendingFilter(), limit=5000)
            t2 = time.perf_counter()
            counts.append(t1 - t0)
            scans.append(t2 - t1)
    return statistics.median(counts), statistics.median(scans), n, len(ids)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="200k rows")
    args = parser.parse_args()
    rows = 200_000 if args.quick else args.rows
    with bench_database() as (engine, _):
        generate(engine, rows)
        count_with, scan_with, pending, scanned = timed(engine)
        print(f"{rows} chunks, {pending} pending; scan returned {scanned}")
        print(
            f"with partial index: count {count_with * 1000:.2f} ms, scan {scan_with * 1000:.2f} ms"
        )
        with engine.begin() as connection:
            connection.execute(sa.text("DROP INDEX document_chunks_pending_idx"))
            connection.execute(sa.text("ANALYZE document_chunks"))
        count_without, scan_without, _, _ = timed(engine)
        print(
            f"without it:         count {count_without * 1000:.2f} ms, "
            f"scan {scan_without * 1000:.2f} ms"
        )
        ratio_count = count_without / count_with
        ratio_scan = scan_without / scan_with
        print(
            f"partial index speed-up: count {ratio_count:.0f}x, limit-5000 scan {ratio_scan:.0f}x "
            f"(goal >= 50x)"
        )


if __name__ == "__main__":
    main()
