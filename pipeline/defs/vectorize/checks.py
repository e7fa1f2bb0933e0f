"""vectors_match_postgres as a check of its own: run it from the asset's page at any time.

The vectorize step reports the same check at the end of every run (quality.py); this one
recomputes it from what is stored now, for the configured embedding model.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.vectorize.quality import CHECK_ASSET_KEY, CHECK_NAME, quality_check
from pipeline.store import chunks as chunk_queries
from pipeline.store.vectors import collection_name

MAX_FAILED_RATIO = 0.05


@asset_check(
    asset=CHECK_ASSET_KEY,
    name=CHECK_NAME,
    description="Every chunk Postgres marks vectorized under the configured model has its "
    "point in Qdrant, and dead letters stay under 5% of the vectorized chunks.",
    blocking=False,
)
def vectors_match_postgres_check(
    context: AssetCheckExecutionContext,
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
) -> AssetCheckResult:
    model = embedder.create()
    collection = collection_name(model.name, model.dimension)
    with postgres.engine.connect() as connection:
        rows = chunk_queries.count_vectorized(connection, model.name, model.dimension)
        dead = chunk_queries.count_chunks(connection).dead_lettered
    store = qdrant.open()
    try:
        points = store.count(collection)
    finally:
        store.close()
    summary = {"vectorized": rows, "failed": dead, "collection": collection}
    evaluation = quality_check(summary, points, rows, MAX_FAILED_RATIO)
    context.log.info(evaluation.description or "")
    return AssetCheckResult(
        passed=evaluation.passed,
        severity=evaluation.severity,
        description=evaluation.description,
        metadata=evaluation.metadata,
    )
