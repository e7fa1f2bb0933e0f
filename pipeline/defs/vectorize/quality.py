"""The end-of-run vector-quality check, reported as an asset check evaluation.

Postgres is the system of record and Qdrant is derived from it: every chunk marked vectorized
under a model must have its point in that model's collection (marking before the upsert is
the silent-gap bug DESIGN warns about), and a run should not fail more than a small share
of its chunks.
"""

from __future__ import annotations

from typing import Any

from dagster import AssetCheckEvaluation, AssetCheckSeverity, AssetKey, AssetMaterialization

from pipeline.vectorize.idcheck import IdComparison

CHECK_NAME = "vectors_match_postgres"
# A defined asset (pipeline/defs/catalog.py): the Qdrant collection of chunk vectors as a
# whole, not the silver/vectorized_chunks folder, which is a key prefix.
CHECK_ASSET_KEY = AssetKey(["silver", "chunk_vectors"])


def quality_check(
    summary: dict[str, Any], ids: IdComparison, max_failed_ratio: float
) -> AssetCheckEvaluation:
    """Passed when the collection's ids equal the rows recorded under the model (no missing,
    no extra point) and failures stay under the threshold.

    A missing point is an error (a row marked done without its vector); an extra one (a
    deleted chunk whose point is still there) a warning.
    """
    processed = summary["vectorized"] + summary["failed"]
    failed_ratio = summary["failed"] / processed if processed else 0.0
    passed = ids.matches and failed_ratio <= max_failed_ratio
    problems = []
    if ids.missing:
        problems.append(
            f"{ids.missing} vectorized row(s) have no point in {ids.collection} "
            f"(chunk ids {ids.missing_sample[:5]}...)"
        )
    if ids.extra:
        problems.append(f"{ids.extra} point(s) in {ids.collection} have no vectorized row")
    if failed_ratio > max_failed_ratio:
        problems.append(f"{failed_ratio:.1%} of chunks failed (threshold {max_failed_ratio:.1%})")
    return AssetCheckEvaluation(
        asset_key=CHECK_ASSET_KEY,
        check_name=CHECK_NAME,
        passed=passed,
        severity=AssetCheckSeverity.ERROR if ids.missing else AssetCheckSeverity.WARN,
        description="; ".join(problems)
        or "every vectorized row has its point and no point is extra; failures in bounds",
        metadata={
            "collection": summary["collection"],
            "points_in_collection": ids.points,
            "vectorized_rows": ids.rows,
            "missing_points": ids.missing,
            "extra_points": ids.extra,
            "failed": summary["failed"],
            "failed_ratio": round(failed_ratio, 4),
            "max_failed_ratio": max_failed_ratio,
        },
    )


def index_materialization(summary: dict[str, Any], points: int, rows: int) -> AssetMaterialization:
    """The collection as a whole after a vectorize step: the version the check evaluates."""
    return AssetMaterialization(
        CHECK_ASSET_KEY,
        description=f"{points} point(s) in {summary['collection']} after this run "
        f"(+{summary['vectorized']} vectorized, {summary['failed']} failed)",
        metadata={
            "collection": summary["collection"],
            "model": summary["model"],
            "points_in_collection": points,
            "vectorized_rows": rows,
            "run_vectorized": summary["vectorized"],
            "run_failed": summary["failed"],
        },
    )
