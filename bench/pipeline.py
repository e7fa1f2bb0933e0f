"""inbox_to_matches_job end to end on generated mail: emails/s, time per stage, event cost.

    .venv/bin/python bench/pipeline.py [--emails 1000] [--pairs 5] [--quick]

Embedded defaults (Postgres from pgserver, Qdrant Edge in a folder, Dagster on Postgres
storage, offline rules) with the hashing embedder (64-d), so the figures are the pipeline's
own costs, not a model's. Each run starts from empty tables and a fresh Qdrant folder and
ingests the same generated inbox. Runs with stage events on (the defaults) and off (vectorize
`events: none`, `stage_events_per_minute: 0` on every op) are interleaved in pairs, so drift
in machine load hits both alike; the cost is the median of the paired differences, with its
range. The last line is the headline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This script's name shadows the `pipeline` package while bench/ is first on sys.path: import
# the package with bench/ off the path, then put bench/ back for the shared helpers.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
import pipeline  # noqa: E402, F401

sys.path.append(str(BENCH))
import sqlalchemy as sa  # noqa: E402
from _common import bench_database  # noqa: E402
from dagster import instance_for_test  # noqa: E402
from progress_events import dagster_database  # noqa: E402

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job  # noqa: E402
from pipeline.defs.resources import (  # noqa: E402
    EmbedderResource,
    LLMResource,
    PostgresResource,
    QdrantResource,
)
from pipeline.demo.inbox import write_inbox  # noqa: E402
from pipeline.tracking import PIPELINE_STAGES  # noqa: E402

TABLES = ("matches, candidates, projects, emails, document_chunks, documents, profile_points, "
          "match_state, llm_cache")  # fmt: skip
STAGE_OPS = ("store_inbox_op", "vectorize_chunks_op", "classify_emails_op", "summarize_run_op")


def run_config(inbox: Path, events: bool) -> dict:
    ops: dict = {"store_inbox_op": {"config": {"inbox_path": str(inbox)}}}
    if not events:
        for op in STAGE_OPS:
            ops.setdefault(op, {"config": {}})["config"]["stage_events_per_minute"] = 0
        ops["vectorize_chunks_op"]["config"]["events"] = "none"
    return {"ops": ops}


def one_run(engine, instance, inbox: Path, qdrant: Path, events: bool) -> dict:
    with engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    resources = {
        "postgres": PostgresResource(database_url=engine.url.render_as_string(hide_password=False)),
        "qdrant": QdrantResource(path=str(qdrant)),
        "embedder": EmbedderResource(provider="hashing", dimensions=64),
        "llm": LLMResource(),
    }
    started = time.perf_counter()
    result = inbox_to_matches_job.execute_in_process(
        run_config=run_config(inbox, events), resources=resources, instance=instance
    )
    wall = time.perf_counter() - started
    out = result.output_for_node("summarize_run_op")
    observations = len(instance.get_records_for_run(result.run_id, limit=100000).records)
    return {"wall_s": wall, **out, "records": observations}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="200 mails, 2 pairs")
    args = parser.parse_args()
    if args.quick:
        args.emails, args.pairs = 200, 2

    with bench_database() as (engine, _scratch), tempfile.TemporaryDirectory() as root:
        dagster_url, _ = dagster_database(engine)
        inbox = Path(root) / "inbox"
        write_inbox(inbox, seed=7, size=args.emails)
        print(f"{args.emails} generated mails, hashing embedder (64-d), Qdrant Edge, offline "
              f"rules, Dagster on Postgres storage; {args.pairs} interleaved pairs")  # fmt: skip
        overrides = {"storage": {"postgres": {"postgres_url": dagster_url}}}
        runs: dict[bool, list[dict]] = {True: [], False: []}
        with instance_for_test(overrides=overrides) as instance:
            one_run(engine, instance, inbox, Path(root) / "warm", True)  # imports, caches
            for i in range(args.pairs):
                order = (True, False) if i % 2 == 0 else (False, True)
                for events in order:
                    r = one_run(engine, instance, inbox, Path(root) / f"q{i}{events}", events)
                    runs[events].append(r)
                    summary = r["processing_summary"]
                    print(
                        f"pair {i + 1} events {'on ' if events else 'off'}: {r['wall_s']:.2f}s, "
                        f"{summary['emails_processed']} emails, "
                        f"{summary['chunks_vectorized']} chunks, "
                        f"{summary['matches_generated']} matches, {r['records']} event records"
                    )
    on = [r["wall_s"] for r in runs[True]]
    off = [r["wall_s"] for r in runs[False]]
    diffs = [(a - b) / b for a, b in zip(on, off, strict=True)]
    emails_per_s = [args.emails / r["wall_s"] for r in runs[True]]
    shares: dict[str, list[float]] = {}
    for r in runs[True]:
        for stage, figures in r["performance_metrics"]["stages"].items():
            shares.setdefault(stage, []).append(figures["share"])
    share_text = ", ".join(
        f"{s} {statistics.median(shares[s]):.0%}" for s in PIPELINE_STAGES if s in shares
    )
    records_on = statistics.median(r["records"] for r in runs[True])
    records_off = statistics.median(r["records"] for r in runs[False])
    print(f"time per stage (median share of step time, events on): {share_text}")
    print(f"event log records per run: on {records_on:.0f}, off {records_off:.0f}")
    print(
        f"events on vs off, per pair: {', '.join(f'{d:+.1%}' for d in diffs)}; "
        f"medians {statistics.median(on):.2f}s vs {statistics.median(off):.2f}s"
    )
    print(
        f"headline: {statistics.median(emails_per_s):.1f} emails/s end to end "
        f"({args.emails} mails, hashing embedder); stage events cost "
        f"{statistics.median(diffs):+.1%} (range {min(diffs):+.1%} to {max(diffs):+.1%}, "
        f"{args.pairs} pairs; goal <= 3%)"
    )


if __name__ == "__main__":
    main()
