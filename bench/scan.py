"""How the pending count and a limit-5000 scan grow with the table: 1M then 10M chunks with the
same 10,000 pending, the newest ones (a backlog is what arrived last; it does not grow with
the archive), with the partial index document_chunks_pending_idx and with it dropped.

A speed-up at one size is bounded by the client round trip (~0.6 ms on a fast machine, fell
to 42-46x there against a 50x goal), so the headline is the growth: from the smallest to the
largest size the indexed queries should stay flat (goal <= 2x) while the unindexed ones grow
with the table (~10x for 10x the rows).

Measured as the application sees it: `count_pending` and `scan_pending` from
pipeline/store/chunks.py, round trip included (the scan fetches only ids, as one array).
Both variants get the same treatment: the index is dropped and re-created between blocks
(with, without, with, without), each block is warmed by one untimed call, and the figures
are medians over all timed calls of a variant, so a burst of load on the shared machine
hits both. Postgres's own execution time (EXPLAIN (ANALYZE, TIMING OFF)) is printed as a
supplementary line; the headline is the round trip.

    .venv/bin/python bench/scan.py [--sizes 1000000,10000000] [--pending 10000] [--quick]

The table is grown in place from one size to the next (10M rows take a few minutes to insert
on two shared cores); `--quick` is 100k then 1M.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import sqlalchemy as sa
from _common import bench_database

from pipeline.store.chunks import PendingFilter, count_pending, scan_pending


def generate(engine: sa.Engine, start: int, rows: int, pending: int) -> None:
    """Grow the table to `rows` chunks (1,000 per document) from `start`, all vectorized, then
    make the `pending` newest ones the backlog (the previous backlog counts as done)."""
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                """
                INSERT INTO documents (source, external_id, market, doc_type, stock_code,
                                       content_hash)
                SELECT 'bench', 'doc-' || d, 'a_share', 'annual_report', 'S' || d, md5(d::text)
                FROM generate_series(CAST(:first AS int), CAST(:last AS int)) AS d
                """
            ),
            {"first": start // 1000 + 1, "last": rows // 1000},
        )
        connection.execute(
            sa.text(
                """
                INSERT INTO document_chunks (document_id, chunk_index, content, content_hash,
                    token_estimate, vectorized_at, embedding_model, embedding_dim,
                    vectorized_hash)
                SELECT d.id, i, 'chunk text', h.hash, 10, now(), 'm', 8, h.hash
                FROM documents d
                CROSS JOIN generate_series(0, 999) AS i
                CROSS JOIN LATERAL (SELECT md5(d.id::text || ':' || i) AS hash) h
                WHERE d.id > :first_doc
                """
            ),
            {"first_doc": start // 1000},
        )
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET vectorized_at = now(), embedding_model = 'm', "
                "embedding_dim = 8, vectorized_hash = content_hash WHERE vectorized_hash IS NULL"
            )
        )
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET vectorized_at = NULL, embedding_model = NULL, "
                "embedding_dim = NULL, vectorized_hash = NULL "
                "WHERE id > (SELECT max(id) FROM document_chunks) - :pending"
            ),
            {"pending": pending},
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


def _scans(node: dict) -> list[str]:
    """The scan nodes of a plan, e.g. 'Index Only Scan on document_chunks_pending_idx'."""
    found = []
    if "Scan" in node["Node Type"]:
        found.append(
            f"{node['Node Type']} on {node.get('Index Name') or node.get('Relation Name')}"
        )
    for child in node.get("Plans", []):
        found.extend(_scans(child))
    return found


def server_ms(engine: sa.Engine, repeats: int = 5) -> dict[str, Any]:
    """Median execution time inside Postgres (EXPLAIN ANALYZE, TIMING OFF), in ms, and the
    scans each plan used (so a plan that ignores the index shows as such)."""
    out: dict[str, Any] = {}
    with engine.connect() as connection:
        for name, query in SERVER_QUERIES.items():
            times = []
            for _ in range(repeats):
                plan = connection.execute(
                    sa.text(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {query}")
                ).scalar_one()
                times.append(plan[0]["Execution Time"])
            out[name] = statistics.median(times)
            out[f"{name}_plan"] = ", ".join(sorted(set(_scans(plan[0]["Plan"]))))
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


def measure(engine: sa.Engine, repeats: int) -> dict[bool, dict[str, float]]:
    """Median round trip (ms) of count and scan, with and without the index, interleaved."""
    samples: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
    server: dict[bool, dict[str, float]] = {}
    for present in (True, False, True, False):
        set_index(engine, present)
        counts, scans, _, _ = timed(engine, repeats)
        samples[present][0].extend(counts)
        samples[present][1].extend(scans)
        server.setdefault(present, server_ms(engine, 3))
    set_index(engine, True)
    return {
        present: {
            "count": statistics.median(c) * 1000,
            "scan": statistics.median(s) * 1000,
            "server_count": server[present]["count"],
            "server_scan": server[present]["scan"],
            "plans": "count: {count_plan}; scan: {scan_plan}".format(**server[present]),
        }
        for present, (c, s) in samples.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000000,10000000", help="comma-separated, growing")
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="100k then 1M rows")
    parser.add_argument("--repeats", type=int, default=7, help="timed calls per block")
    args = parser.parse_args()
    sizes = [100_000, 1_000_000] if args.quick else [int(x) for x in args.sizes.split(",")]
    results: dict[int, dict[bool, dict[str, float]]] = {}
    with bench_database() as (engine, _):
        start = 0
        for rows in sizes:
            t0 = time.perf_counter()
            generate(engine, start, rows, args.pending)
            start = rows
            loaded_s = time.perf_counter() - t0
            results[rows] = r = measure(engine, args.repeats)
            with engine.connect() as connection:
                pending = count_pending(connection, PendingFilter())
            print(f"{rows} chunks ({pending} pending, grown in {loaded_s:.0f}s):", flush=True)
            for present, label in ((True, "with partial index"), (False, "without it        ")):
                m = r[present]
                print(
                    f"  {label}: count {m['count']:8.2f} ms, scan {m['scan']:8.2f} ms "
                    f"(round trip, median of {2 * args.repeats}; inside Postgres: count "
                    f"{m['server_count']:.2f} ms, scan {m['server_scan']:.2f} ms)",
                    flush=True,
                )
                print(f"    plans: {m['plans']}", flush=True)
            print(
                f"  speed-up at this size (round trip): count "
                f"{r[False]['count'] / r[True]['count']:.0f}x, "
                f"scan {r[False]['scan'] / r[True]['scan']:.0f}x",
                flush=True,
            )
    small, large = results[sizes[0]], results[sizes[-1]]

    def growth(present: bool, key: str) -> float:
        return large[present][key] / small[present][key]

    print(
        f"growth {sizes[0]:,} -> {sizes[-1]:,} chunks ({sizes[-1] / sizes[0]:.0f}x the rows): "
        f"indexed count x{growth(True, 'count'):.2f}, scan x{growth(True, 'scan'):.2f} "
        f"(goal <= 2x); unindexed count x{growth(False, 'count'):.1f}, "
        f"scan x{growth(False, 'scan'):.1f}"
    )


if __name__ == "__main__":
    main()
