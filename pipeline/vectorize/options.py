"""The Vectorizer's keyword arguments that the settings describe, shared by the CLI and Dagster."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.settings import Settings


def vectorizer_options(settings: Settings) -> dict[str, Any]:
    """Rate limits, retry budget, overlong policy, lease and waits from the environment."""
    return {
        "requests_per_minute": settings.embedding_requests_per_minute,
        "tokens_per_minute": settings.embedding_tokens_per_minute,
        "retry_budget_s": settings.embedding_retry_budget_s,
        "overlong": settings.embedding_overlong,
        "lease_s": settings.chunk_lease_s,
        "db_wait_s": settings.database_wait_s,
        "store_wait_s": settings.vector_store_wait_s,
    }
