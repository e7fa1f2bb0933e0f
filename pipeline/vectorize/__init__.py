"""The Vectorizer and its embedders: plain Python, usable from a script, a notebook or Dagster.

from pipeline.vectorize import Vectorizer, PendingFilter, create_embedder
from pipeline.store.vectors import open_vector_store
"""

from pipeline.store.chunks import PendingFilter
from pipeline.store.vectors import VectorStore, create_vector_store, open_vector_store
from pipeline.vectorize.embedders import create_embedder, embedder_from_settings
from pipeline.vectorize.embedders.base import Embedder
from pipeline.vectorize.errors import (
    EmbeddingAuthenticationError,
    EmbeddingError,
    EmbeddingUnavailableError,
    FatalEmbeddingError,
    InputRejectedError,
    ModelNotFoundError,
    QuotaExceededError,
    RateLimitedError,
    TransientEmbeddingError,
    VectorizeError,
)
from pipeline.vectorize.options import build_vectorizer, vectorizer_options
from pipeline.vectorize.vectorizer import Vectorizer

__all__ = [
    "Embedder",
    "EmbeddingAuthenticationError",
    "EmbeddingError",
    "EmbeddingUnavailableError",
    "FatalEmbeddingError",
    "InputRejectedError",
    "ModelNotFoundError",
    "PendingFilter",
    "QuotaExceededError",
    "RateLimitedError",
    "TransientEmbeddingError",
    "VectorStore",
    "VectorizeError",
    "Vectorizer",
    "build_vectorizer",
    "create_embedder",
    "create_vector_store",
    "embedder_from_settings",
    "open_vector_store",
    "vectorizer_options",
]
