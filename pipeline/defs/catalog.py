"""The asset catalog: every key the jobs write events for is a defined asset.

The vectorize step materializes seed 003's keys, silver/vectorized_chunks/<market>/<doc_type>/
<stock_code> (mail as silver/vectorized_chunks/email/<category>). Those keys depend on the
documents stored, so the per-stock specs are read from Postgres when the code location loads
(one grouped query on the market/doc_type/stock index); the mail categories, the Qdrant
collection that the quality check targets, the stage observations and the run summary are
fixed. A location loaded without a reachable database (CI, `dg check defs` in a fresh clone)
defines the fixed specs only; "Reload definitions" in the UI picks up new stocks.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from dagster import AssetKey, AssetSpec

from pipeline.defs.inbox_to_matches.ops import SUMMARY_ASSET
from pipeline.defs.stages import _RUN as RUN_STAGE
from pipeline.defs.stages import STAGE_ASSET_PREFIX
from pipeline.defs.vectorize.events import (
    ASSET_PREFIX,
    EMAIL_DEFAULT_CATEGORY,
    EMAIL_SOURCE,
    asset_key_for,
)
from pipeline.store.catalog import DocumentScope, document_scopes
from pipeline.tracking import PIPELINE_STAGES

logger = logging.getLogger(__name__)

OWNERS = ["team:data"]
VECTORS_GROUP = "vectorized_chunks"
RUNS_GROUP = "pipeline_runs"
# The Qdrant collection of chunk vectors as a whole: what vectors_match_postgres checks.
CHUNK_VECTORS_KEY = AssetKey(["silver", "chunk_vectors"])
EMAIL_CATEGORIES = ("candidate", "project", "other", EMAIL_DEFAULT_CATEGORY)


def chunk_vectors_spec() -> AssetSpec:
    return AssetSpec(
        CHUNK_VECTORS_KEY,
        description="All document chunk vectors in Qdrant (one collection per embedding "
        "model), derived from Postgres' `document_chunks`. Materialized at the end of each "
        "vectorize step; checked by `vectors_match_postgres`.",
        group_name=VECTORS_GROUP,
        owners=OWNERS,
        kinds={"qdrant", "postgres"},
    )


def _vectors_spec(key: AssetKey, description: str) -> AssetSpec:
    return AssetSpec(
        key,
        description=description,
        group_name=VECTORS_GROUP,
        owners=OWNERS,
        kinds={"postgres", "qdrant"},
        deps=[CHUNK_VECTORS_KEY],
    )


def email_specs() -> list[AssetSpec]:
    return [
        _vectors_spec(
            asset_key_for({"source": EMAIL_SOURCE, "doc_type": category}),  # type: ignore[typeddict-item]
            f"Chunks of mail classified `{category}`, embedded into Qdrant batch by batch.",
        )
        for category in EMAIL_CATEGORIES
    ]


def document_specs(scopes: Iterable[DocumentScope]) -> list[AssetSpec]:
    """One spec per distinct asset key of the stored report documents (mail excluded)."""
    specs: dict[AssetKey, AssetSpec] = {}
    for scope in scopes:
        if scope.source == EMAIL_SOURCE:
            continue
        chunk = {
            "source": scope.source,
            "market": scope.market,
            "doc_type": scope.doc_type,
            "stock_code": scope.stock_code,
        }
        key = asset_key_for(chunk)  # type: ignore[arg-type]
        company = scope.company_name or "unknown company"
        market, doc_type, stock = key.path[len(ASSET_PREFIX) :]
        specs.setdefault(
            key,
            _vectors_spec(
                key,
                f"Chunks of {company}'s {doc_type} ({market}, stock code {stock}), "
                "embedded into Qdrant batch by batch.",
            ),
        )
    return list(specs.values())


def run_specs() -> list[AssetSpec]:
    """The stage observations (live progress) and the run summary of inbox_to_matches_job."""
    stages = [
        AssetSpec(
            AssetKey([STAGE_ASSET_PREFIX, stage]),
            description=f"Live progress of the `{stage}` stage: one observation per batch.",
            group_name=RUNS_GROUP,
            owners=OWNERS,
        )
        for stage in (*PIPELINE_STAGES, RUN_STAGE)
    ]
    summary = AssetSpec(
        SUMMARY_ASSET,
        description="The run summary of `inbox_to_matches_job`: `processing_summary` and "
        "`performance_metrics`.",
        group_name=RUNS_GROUP,
        owners=OWNERS,
        kinds={"postgres"},
    )
    return [*stages, summary]


def stored_document_scopes(database_url: str | None) -> list[DocumentScope]:
    """The stored document groups, or none when there is no database to ask (never raises)."""
    if not database_url:
        return []
    try:
        from pipeline.store.database import create_database_engine

        engine = create_database_engine(database_url)
        try:
            with engine.connect() as connection:
                return list(document_scopes(connection))
        finally:
            engine.dispose()
    except Exception as e:  # a catalog without per-stock specs beats a location that fails
        logger.info("asset catalog: per-stock specs skipped (%s)", str(e).splitlines()[0])
        return []


def catalog_specs(database_url: str | None) -> list[AssetSpec]:
    scopes = stored_document_scopes(database_url)
    return [chunk_vectors_spec(), *email_specs(), *document_specs(scopes), *run_specs()]
