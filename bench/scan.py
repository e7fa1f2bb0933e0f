"""Pending count and a limit-5000 scan on 1M chunks with 1% pending, with the partial index
document_chunks_pending_idx and then with it dropped (goal: >= 50x faster with it).

Measured as the application sees it: `count_pending` and `scan_pending` from
pipeline/store/chunks.py, round trip included (the scan fetches only ids, as one array).
Both variants get the same treatment: the index is dropped and re-created between blocks
(with, without, with, without), each block is warmed by one untimed call, and the figures
are medians over all timed calls of a variant, so a burst of load on the shared machine
hits both. Postgres's own execution time (EXPLAIN (ANALYZE, TIMING OFF)) is printed as a
supplementary line; the headline is the round trip.

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


def timed(engine: sa.Engine, repeats: int) -> tuple[list[float], list[float], int, int]:
    """Seconds of each pending count and each limit-5000 scan, after one untimed warm-up."""
    counts, scans = [], []
    with engine.connect() as connection:
        count_pending(connection, PendingFilter())
        scan_pending(connection, PendingFilter(), limit=5000)
        for _ in range(repeats):
            t0 = time.perf_counter()
            n = count_pending(connection, PendingFilter())
            t1 = time.perf_counter()
            ids = scan_pending(connection, PendingFilter(), limit=5000)
            t2 = time.perf_counter()
            counts.append(t1 - t0)
            scans.append(t2 - t1)
    return counts, scans, n, len(ids)


PENDING = "vectorized_hash IS DISTINCT FROM content_hash AND NOT dead_letter"
SERVER_QUERIES = {
    "count": f"SELECT count(*) FROM document_chunks c WHERE {PENDING}",
    "scan": f"SELECT id FROM document_chunks c WHERE {PENDING} AND id > 0 ORDER BY id LIMIT 5000",
}


def server_ms(engine: sa.Engine, repeats: int = 5) -> dict[str, float]:
    """Median execution time inside Postgres (EXPLAIN ANALYZE, TIMING OFF), in ms."""
    out = {}
    with engine.connect() as connection:
        for name, query in SERVER_QUERIES.items():
            times = []
            for _ in range(repeats):
                plan = connection.execute(
                    sa.text(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {query}")
                ).scalar_one()
                times.append(plan[0]["Execution Time"])
            out[name] = statistics.median(times)
    return out


def set_index(engine: sa.Engine, present: bool) -> None:
    with engine.begin() as connection:
        if present:
            connection.execute(
                sa.text(
                    "CREATE INDEX IF NOT EXISTS document_chunks_pending_idx "
                    f"ON document_chunks (id) WHERE {PENDING}"
                )
            )
        else:
            connection.execute(sa.text("DROP INDEX IF EXISTS document_chunks_pending_idx"))
        connection.execute(sa.text("ANALYZE document_chunks"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="200k rows")
    parser.add_argument("--repeats", type=int, default=15, help="timed calls per block")
    args = parser.parse_args()
    rows = 200_000 if args.quick else args.rows
    samples: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
    server: dict[bool, dict[str, float]] = {}
    with bench_database() as (engine, _):
        generate(engine, rows)
        for present in (True, False, True, False):
            set_index(engine, present)
            counts, scans, pending, scanned = timed(engine, args.repeats)
            samples[present][0].extend(counts)
            samples[present][1].extend(scans)
            server.setdefault(present, server_ms(engine))
        print(f"{rows} chunks, {pending} pending; scan returned {scanned} ids")
        med = {
            present: (statistics.median(c) * 1000, statistics.median(s) * 1000)
            for present, (c, s) in samples.items()
        }
        for present, label in ((True, "with partial index"), (False, "without it        ")):
            count_ms, scan_ms = med[present]
            print(
                f"{label}: count {count_ms:.2f} ms, scan {scan_ms:.2f} ms "
                f"(medians of {len(samples[present][0])} round trips; inside Postgres: count "
                f"{server[present]['count']:.2f} ms, scan {server[present]['scan']:.2f} ms)"
            )
        print(
            "inside Postgres only (supplementary): count "
            f"{server[False]['count'] / server[True]['count']:.0f}x, scan "
            f"{server[False]['scan'] / server[True]['scan']:.0f}x"
        )
        ratio_count = med[False][0] / med[True][0]
        ratio_scan = med[False][1] / med[True][1]
        print(
            f"partial index speed-up (round trip): count {ratio_count:.0f}x, "
            f"limit-5000 scan {ratio_scan:.0f}x (goal >= 50x)"
        )


if __name__ == "__main__":
    main()
