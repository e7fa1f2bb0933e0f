"""Embedding providers, one small file each, behind `base.Embedder`; `create_embedder` picks one.

Heavy libraries (the USE model, the OpenAI SDK, sentence-transformers) load only when chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.errors import ConfigurationError
from pipeline.vectorize.embedders.base import Embedder

if TYPE_CHECKING:
    from pipeline.settings import Settings

PROVIDERS = ("use", "openai", "hashing", "sentence-transformers")


def create_embedder(
    provider: str = "use",
    model: str | None = None,
    dimensions: int | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    max_retries: int = 3,
    timeout_s: float = 60.0,
    threads: int | None = None,
    device: str | None = None,
) -> Embedder:
    """One embedder by provider name; unknown names are a ConfigurationError."""
    if provider == "use":
        from pipeline.vectorize.embedders.use import USEEmbedder

        return USEEmbedder(threads=threads)
    if provider == "hashing":
        from pipeline.vectorize.embedders.hashing import HashingEmbedder

        return HashingEmbedder(dimension=dimensions or 256)
    if provider == "openai":
        from pipeline.vectorize.embedders.openai import OpenAIEmbedder

        return OpenAIEmbedder(
            model,
            dimensions=dimensions,
            api_key=api_key,
            base_url=base_url,
            max_retries=max_retries,
            timeout_s=timeout_s,
        )
    if provider == "sentence-transformers":
        from pipeline.vectorize.embedders.sentence_transformers import (
            SentenceTransformersEmbedder,
        )

        return SentenceTransformersEmbedder(model, device=device)
    raise ConfigurationError(f"unknown embedder {provider!r}; choose one of {', '.join(PROVIDERS)}")


def embedder_from_settings(settings: Settings) -> Embedder:
    """The embedder that EMBEDDER, EMBEDDING_MODEL, OPENAI_* and friends describe."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return create_embedder(
        settings.embedder,
        model=settings.embedding_model,
        dimensions=settings.embedding_dimensions,
        api_key=key,
        base_url=settings.openai_base_url,
        max_retries=settings.max_retries,
    )


__all__ = ["PROVIDERS", "Embedder", "create_embedder", "embedder_from_settings"]
