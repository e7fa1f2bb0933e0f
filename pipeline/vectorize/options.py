"""The one way a Vectorizer is built from the settings: the CLI and the Dagster op both use it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.vectorize.vectorizer import Vectorizer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from pipeline.settings import Settings
    from pipeline.store.vectors import VectorStore
    from pipeline.vectorize.embedders.base import Embedder


def vectorizer_options(settings: Settings) -> dict[str, Any]:
    """The Vectorizer's keyword arguments that the settings describe."""
    return {
        "batch_size": settings.embedding_batch_size,
        "concurrency": settings.embedding_concurrency,
        "max_chunk_attempts": settings.max_chunk_attempts,
        "requests_per_minute": settings.embedding_requests_per_minute,
        "tokens_per_minute": settings.embedding_tokens_per_minute,
        "retry_budget_s": settings.embedding_retry_budget_s,
        "overlong": settings.embedding_overlong,
        "lease_s": settings.chunk_lease_s,
        "db_wait_s": settings.database_wait_s,
        "store_wait_s": settings.vector_store_wait_s,
    }


def build_vectorizer(
    settings: Settings,
    engine: Engine,
    embedder: Embedder,
    store: VectorStore,
    *,
    logger: Any = None,
    **overrides: Any,
) -> Vectorizer:
    """A Vectorizer configured by `settings`, with `overrides` (None: keep the setting).

    Concurrency applies to remote embedders only: an in-process model runs one batch at once.
    """
    options = vectorizer_options(settings)
    unknown = set(overrides) - set(options)
    if unknown:
        raise TypeError(f"not a vectorize setting: {', '.join(sorted(unknown))}")
    options.update({key: value for key, value in overrides.items() if value is not None})
    if not embedder.is_remote:
        options["concurrency"] = 1
    return Vectorizer(engine, embedder, store, logger=logger, **options)
