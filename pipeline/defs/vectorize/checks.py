"""vectors_match_postgres as a check of its own: run it from the asset's page at any time.

The vectorize step reports the same check for its own collection at the end of every run
(quality.py); this one covers every live model (the current one, a build in progress): the
point ids in its collection against the rows Postgres records for that model, a page at a time
(pipeline/vectorize/idcheck.py), and fails on a missing or an extra point. It changes
nothing: points of rows deleted since the last run count as extra until the next run applies
the deletion outbox.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.vectorize.quality import CHECK_ASSET_KEY, CHECK_NAME
from pipeline.index.lifecycle import CheckResult, IndexLifecycle, provider_of
from pipeline.store import chunks as chunk_queries
from pipeline.store import index_state
from pipeline.store.index_state import IndexModel
from pipeline.store.vectors import collection_name

MAX_FAILED_RATIO = 0.05


def _models(postgres: PostgresResource, embedder: EmbedderResource) -> list[IndexModel]:
    """The registered live models; before any run registers one, the configured model."""
    with postgres.engine.connect() as connection:
        models = index_state.index_models(connection, ("current", "building"))
    if models:
        return models
    model = embedder.create()
    return [
        IndexModel(
            collection=collection_name(model.name, model.dimension),
            provider=provider_of(model),
            model=model.name,
            dimension=model.dimension,
            state="current",
            started_at=None,
            switched_at=None,
            drop_after=None,
        )
    ]


@asset_check(
    asset=CHECK_ASSET_KEY,
    name=CHECK_NAME,
    description="For every live model, the point ids in its Qdrant collection equal the "
    "chunks Postgres records under that model (no missing, no extra point), and dead letters "
    "stay under 5% of the chunks.",
    blocking=False,
)
def vectors_match_postgres_check(
    context: AssetCheckExecutionContext,
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
) -> AssetCheckResult:
    models = _models(postgres, embedder)
    store = qdrant.open()
    try:
        lifecycle = IndexLifecycle(postgres.engine, store)
        results = [(m, lifecycle.check(m, apply_outbox=False)) for m in models]
    finally:
        store.close()
    with postgres.engine.connect() as connection:
        counts = chunk_queries.count_chunks(connection)
        deletions = sum(index_state.count_deletions(connection).values())
    dead_ratio = counts.dead_lettered / counts.total if counts.total else 0.0
    ids_ok = all(_ids_match(r) for _, r in results)
    problems = [r.describe() for _, r in results if not _ids_match(r)]
    if dead_ratio > MAX_FAILED_RATIO:
        problems.append(f"{dead_ratio:.1%} of chunks dead-lettered (threshold 5.0%)")
    description = "; ".join(problems) or "; ".join(r.describe() for _, r in results)
    context.log.info(description)
    metadata: dict = {"pending_deletions": deletions, "dead_lettered": counts.dead_lettered}
    for m, r in results:
        metadata[f"{m.state}_collection"] = r.collection
        metadata[f"{m.state}_missing_points"] = r.missing_points
        metadata[f"{m.state}_extra_points"] = r.extra_points
        metadata[f"{m.state}_coverage"] = f"{r.covered}/{r.total}"
    return AssetCheckResult(
        passed=ids_ok and dead_ratio <= MAX_FAILED_RATIO,
        severity=AssetCheckSeverity.ERROR if not ids_ok else AssetCheckSeverity.WARN,
        description=description,
        metadata=metadata,
    )


def _ids_match(result: CheckResult) -> bool:
    """Coverage aside (a build in progress is incomplete), ids must match what is recorded."""
    return not result.missing_points and not result.extra_points
