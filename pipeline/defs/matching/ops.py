"""Ops of the matching domain: profiles into Qdrant, then the top-k matches of open projects.

Both take a Nothing input `start_after`, so a job can run them after other steps without
passing data. Vector-store access happens inside each op (the embedded engines lock their
folder to one process) and the store is closed when the op ends.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from collections.abc import Callable
from typing import Any, Literal

from dagster import In, MetadataValue, Nothing, OpExecutionContext, Output, op
from pydantic import Field

from pipeline.defs.failures import step_failure
from pipeline.defs.resources import EmbedderResource, LLMResource, PostgresResource, QdrantResource
from pipeline.defs.stages import StageEventsConfig, stage_tracker
from pipeline.errors import ConfigurationError
from pipeline.matching.config import MatchingConfig, matching_config_from_settings
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.service import MatchingService, MatchReport
from pipeline.settings import get_settings
from pipeline.store.vectors import VectorStore
from pipeline.tracking import ProgressTracker

# The EMBEDDER setting's names, and "default" for the setting itself.
Provider = Literal["default", "use", "openai", "hashing", "sentence-transformers"]


class IndexProfilesConfig(StageEventsConfig):
    """Which embedding model the profile collections use."""

    provider: Provider = Field(
        default="default", description="Embedding provider; default: the EMBEDDER setting."
    )


class ComputeMatchesConfig(StageEventsConfig):
    """How to score; unset weights take the MATCH_* / HYBRID_* settings (validated)."""

    mode: Literal["standard", "hybrid"] = Field(
        default="standard",
        description="standard: 0.7 vector + 0.3 filters; hybrid: 0.4 vector + 0.35 AI + 0.25 "
        "business rules (AI unavailable without LLM_MODEL: weights renormalised).",
    )
    top_k: int = Field(default=10, ge=1, le=1000, description="Candidates stored per project.")
    ai_top_n: int = Field(
        default=20, ge=1, le=200, description="Hybrid: standard results the LLM judges."
    )
    full_recompute: bool = Field(
        default=False, description="Recompute every open project, not only what changed."
    )
    provider: Provider = Field(
        default="default", description="Embedding provider of the profile collections."
    )
    vector_weight: float | None = Field(default=None, description="Standard: vector weight.")
    filter_weight: float | None = Field(default=None, description="Standard: filter weight.")
    hybrid_vector_weight: float | None = Field(default=None, description="Hybrid: vector.")
    hybrid_ai_weight: float | None = Field(default=None, description="Hybrid: AI.")
    hybrid_business_weight: float | None = Field(default=None, description="Hybrid: business.")
    rate_margin: float | None = Field(default=None, description="Rate over budget, partial.")

    def matching(self) -> MatchingConfig:
        overrides = self.model_dump(
            include={"vector_weight", "filter_weight", "hybrid_vector_weight",
                     "hybrid_ai_weight", "hybrid_business_weight", "rate_margin"}
        )  # fmt: skip
        return matching_config_from_settings(get_settings(), **overrides)


def _provider(name: str) -> str | None:
    return None if name == "default" else name


def _tracked(
    context: OpExecutionContext,
    config: StageEventsConfig,
    stage: str,
    store: VectorStore,
    work: Callable[[ProgressTracker], Any],
) -> dict[str, Any]:
    """`work(tracker)` as one stage's events, the store closed after; its report's dict."""
    tracker, _, _ = stage_tracker(context, config.stage_events_per_minute)
    tracker.start(stage)
    try:
        report = work(tracker)
    finally:
        store.close()
    summary = report.as_dict()
    tracker.complete(stage, result=summary)
    return summary


@op(
    ins={"start_after": In(Nothing)},
    description="Upsert new and changed candidate/project profiles to Qdrant; remove deleted.",
    tags={"kind": "qdrant"},
)
def index_profiles_op(
    context: OpExecutionContext,
    config: IndexProfilesConfig,
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
) -> Output[dict[str, Any]]:
    try:
        settings_config = matching_config_from_settings(get_settings())
        model = embedder.create(_provider(config.provider))
        store = qdrant.open()
    except ConfigurationError as e:
        raise step_failure(e) from e
    summary = _tracked(
        context, config, "index", store,
        lambda _: ProfileIndexer(postgres.engine, model, store, settings_config).sync(),
    )  # fmt: skip
    context.log.info(
        f"profiles: {summary['candidates_indexed']} candidate(s) and "
        f"{summary['projects_indexed']} project(s) upserted, {summary['unchanged']} unchanged, "
        f"{summary['removed']} removed ({model.name})"
    )
    return Output(summary, metadata=summary)


@op(
    ins={"start_after": In(Nothing)},
    description="Top-k candidates of every open project into `matches`, only where profiles "
    "changed; every component, the weights applied and an explanation stored.",
    tags={"kind": "postgres"},
)
def compute_matches_op(
    context: OpExecutionContext,
    config: ComputeMatchesConfig,
    postgres: PostgresResource,
    qdrant: QdrantResource,
    embedder: EmbedderResource,
    llm: LLMResource,
) -> Output[dict[str, Any]]:
    try:
        matching = config.matching()
        model = embedder.create(_provider(config.provider))
        judge = llm.ai_judge(postgres.engine) if config.mode == "hybrid" else None
        store = qdrant.open()
    except ConfigurationError as e:
        raise step_failure(e) from e
    if config.mode == "hybrid" and judge is None:
        context.log.warning("hybrid mode without LLM_MODEL: AI score unavailable, renormalised")

    def match(tracker: ProgressTracker) -> MatchReport:
        service = MatchingService(
            postgres.engine, model, store, matching,
            mode=config.mode, top_k=config.top_k, ai_top_n=config.ai_top_n, judge=judge,
            run_id=context.run_id,
            progress=lambda done, total: tracker.update("match", done=done, total=total),
        )  # fmt: skip
        return service.compute(full=config.full_recompute)

    summary = _tracked(context, config, "match", store, match)
    context.log.info(
        f"matches: {summary['matches_generated']} written for "
        f"{summary['projects_matched']} recomputed project(s) and "
        f"{summary['projects_updated_for_new_candidates']} updated for "
        f"{summary['candidates_changed']} changed candidate(s) in {summary['elapsed_s']}s"
    )
    metadata = {**summary, "elapsed_s": MetadataValue.float(summary["elapsed_s"])}
    return Output(summary, metadata=metadata)
