"""Dagster resources: thin, typed wrappers that hand the domain its clients.

Secrets arrive through `EnvVar` where `pipeline/definitions.py` wires these; nothing here
reads the environment itself. Clients are built lazily and cached per resource instance
(a `PrivateAttr`, since a ConfigurableResource is frozen), so a step pays for one engine.
"""

from __future__ import annotations

from typing import Any

from dagster import ConfigurableResource
from pydantic import Field, PrivateAttr
from sqlalchemy.engine import Engine

from pipeline.emails.classification import LLMClassifier, llm_classifier
from pipeline.llm.client import LLMConfig
from pipeline.settings import BatchSize, ChunkAttempts, Concurrency, RequestRetries
from pipeline.settings import setting_default as _default
from pipeline.store.database import create_database_engine, normalise_url
from pipeline.store.tables import Tables, reflect_tables
from pipeline.store.vectors import VectorStore, create_vector_store
from pipeline.vectorize.embedders import create_embedder
from pipeline.vectorize.embedders.base import Embedder


class PostgresResource(ConfigurableResource):
    """The application database (system of record)."""

    database_url: str = Field(description="SQLAlchemy URL, postgresql+psycopg2://...")

    _engine: Engine | None = PrivateAttr(default=None)
    _tables: Tables | None = PrivateAttr(default=None)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            url = normalise_url(self.database_url, setting="DATABASE_URL")
            self._engine = create_database_engine(url)
        return self._engine

    @property
    def tables(self) -> Tables:
        if self._tables is None:
            self._tables = reflect_tables(self.engine)
        return self._tables

    def teardown_after_execution(self, context) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


class QdrantResource(ConfigurableResource):
    """Where vectors go: a Qdrant server (`url`) or an embedded store in a folder (`path`).

    The embedded engines lock their folder to one process, so `open()` is called only inside
    the step that writes vectors, and the store is closed when that step ends.
    """

    url: str | None = Field(default=None, description="Qdrant server URL; unset: embedded.")
    path: str | None = Field(default=None, description="Folder of the embedded store.")
    api_key: str | None = Field(default=None, description="Qdrant API key (from an EnvVar).")
    engine: str = Field(
        default="edge", description="Embedded engine: 'edge' (Qdrant Edge) or 'local'."
    )

    def open(self) -> VectorStore:
        """A new store client; the caller closes it."""
        return create_vector_store(
            url=self.url, path=self.path, api_key=self.api_key or None, engine=self.engine
        )


class EmbedderResource(ConfigurableResource):
    """Which embedding model, and how hard to drive it."""

    provider: str = Field(
        default="use", description="use | openai | hashing | sentence-transformers"
    )
    model: str | None = Field(default=None, description="Model name; unset: provider default.")
    dimensions: int | None = Field(default=None, description="Vector size, where supported.")
    batch_size: BatchSize | None = Field(
        default=_default("embedding_batch_size"),
        description="Chunks per request, from EMBEDDING_BATCH_SIZE; "
        "ops.vectorize_chunks_op.config.batch_size wins when set. Unset: 32 local, 256 remote.",
    )
    concurrency: Concurrency = Field(
        default=_default("embedding_concurrency"), description="Requests in flight (remote)."
    )
    max_retries: RequestRetries = Field(
        default=_default("max_retries"), description="Retries of a failed request."
    )
    max_chunk_attempts: ChunkAttempts = Field(
        default=_default("max_chunk_attempts"), description="Failures before a dead letter."
    )
    openai_api_key: str | None = Field(default=None, description="OpenAI key (from an EnvVar).")
    openai_base_url: str | None = Field(default=None, description="OpenAI-compatible base URL.")

    def create(self, provider: str | None = None, model: str | None = None) -> Embedder:
        """A new embedder (heavy models load on first use, not here)."""
        return create_embedder(
            provider or self.provider,
            model=model or self.model,
            dimensions=self.dimensions,
            api_key=self.openai_api_key or None,
            base_url=self.openai_base_url or None,
            max_retries=self.max_retries,
        )


class LLMResource(ConfigurableResource):
    """The chat model for email classification; no model means the offline rules."""

    model: str | None = Field(default=None, description="Chat model; unset: offline rules.")
    api_key: str | None = Field(default=None, description="OpenAI key (from an EnvVar).")
    base_url: str | None = Field(default=None, description="OpenAI-compatible base URL.")
    batch_size: int = Field(default=10, ge=1, le=100, description="Emails per request.")
    max_retries: RequestRetries = Field(
        default=_default("max_retries"), description="Retries of a failed request."
    )
    concurrency: int = Field(default=4, ge=1, le=32, description="LLM requests in flight.")
    pairs_per_request: int = Field(
        default=5, ge=1, le=50, description="Pairs judged per AI match score request."
    )

    def llm_config(self) -> LLMConfig:
        """The resource's fields as the LLMConfig every LLM-backed part is built from."""
        return LLMConfig(
            model=self.model, api_key=self.api_key, base_url=self.base_url,
            max_retries=self.max_retries, batch_size=self.batch_size,
            concurrency=self.concurrency, pairs_per_request=self.pairs_per_request,
        )  # fmt: skip

    def structured(self) -> Any:
        """A StructuredLLM for the configured model, or None without a model."""
        return self.llm_config().structured()

    def classifier(self) -> LLMClassifier | None:
        """An LLMClassifier for the configured model, or None to use the rules."""
        return llm_classifier(self.llm_config())

    def extractor(self, engine: Engine) -> Any:
        """The LLM profile extractor (answers cached in Postgres), or None: rules only."""
        from pipeline.emails.llm_extraction import llm_extractor

        return llm_extractor(self.llm_config(), engine)

    def ai_judge(self, engine: Engine) -> Any:
        """The hybrid score's LLM judge (cached in Postgres), or None without a model."""
        from pipeline.matching.ai import ai_judge

        return ai_judge(self.llm_config(), engine)
