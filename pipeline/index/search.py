"""Search the chunk index: top chunks for a query, their text read from Postgres.

The collection comes from the alias, and the query is embedded with the model registered for
that collection: during a migration every query is answered by the current model, right
after the switch by the new one, never by a mix. A multilingual embedder (USE, the default)
finds Japanese or Chinese text for an English query and the other way round.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.index.lifecycle import ALIAS, EmbedderFactory, IndexStateError
from pipeline.store import index_state
from pipeline.store.vectors import VectorStore
from pipeline.vectorize.embedders import create_embedder
from pipeline.vectorize.embedders.base import Embedder

if TYPE_CHECKING:
    from pipeline.settings import Settings

FILTER_KEYS = ("market", "doc_type", "stock_code", "company_name", "language", "source")


@dataclass(frozen=True)
class ChunkHit:
    chunk_id: int
    score: float
    text: str
    document_id: int
    title: str | None
    company_name: str | None
    market: str | None
    doc_type: str | None
    language: str | None
    model: str
    collection: str


class ChunkSearch:
    """`search_chunks` over one Postgres and one vector store; embedders made once per model."""

    def __init__(
        self,
        engine: Engine,
        store: VectorStore,
        embedders: EmbedderFactory | None = None,
        *,
        known: list[Embedder] | None = None,
    ) -> None:
        self.engine = engine
        self.store = store
        self._factory = embedders or _plain_factory
        self._embedders: dict[tuple[str, int], Embedder] = {
            (e.name, e.dimension): e for e in known or []
        }
        self._lock = threading.Lock()

    def search_chunks(
        self, query: str, filters: Mapping[str, Any] | None = None, limit: int = 10
    ) -> list[ChunkHit]:
        """The `limit` chunks nearest to `query`, optionally where payload keys equal values."""
        where = {key: value for key, value in (filters or {}).items() if value is not None}
        unknown = sorted(set(where) - set(FILTER_KEYS))
        if unknown:
            raise IndexStateError(
                f"unknown search filter(s) {', '.join(unknown)}: use {', '.join(FILTER_KEYS)}"
            )
        collection, embedder = self._resolve()
        vector = embedder.embed([query])[0]
        hits = self.store.search(collection, vector, limit=limit, where=where or None)
        texts = self._texts([int(h.payload["chunk_id"]) for h in hits])
        results = []
        for hit in hits:
            row = texts.get(int(hit.payload["chunk_id"]))
            if row is None:  # deleted since; the outbox removes its point on the next run
                continue
            results.append(
                ChunkHit(
                    chunk_id=row.id,
                    score=hit.score,
                    text=row.content,
                    document_id=row.document_id,
                    title=row.title,
                    company_name=row.company_name,
                    market=row.market,
                    doc_type=row.doc_type,
                    language=row.language,
                    model=embedder.name,
                    collection=collection,
                )
            )
        return results

    def _resolve(self) -> tuple[str, Embedder]:
        """The alias target and its model's embedder, read together: one model per query."""
        collection = self.store.alias_target(ALIAS)
        if collection is None:
            raise IndexStateError(
                "the index has no current collection yet: run pipeline vectorize first"
            )
        with self.engine.connect() as connection:
            model = index_state.model_of_collection(connection, collection)
        if model is None:
            raise IndexStateError(f"collection {collection} is not in index_models")
        key = (model.model, model.dimension)
        with self._lock:
            if key not in self._embedders:
                self._embedders[key] = self._factory(model.provider, model.model, model.dimension)
            return collection, self._embedders[key]

    def _texts(self, ids: list[int]) -> dict[int, sa.Row]:
        if not ids:
            return {}
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    """
                    SELECT c.id, c.content, c.document_id, d.title, d.company_name, d.market,
                           d.doc_type, d.language
                    FROM document_chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.id = ANY(CAST(:ids AS bigint[]))
                    """
                ),
                {"ids": ids},
            )
            return {row.id: row for row in rows}


def _plain_factory(provider: str, model: str, dimension: int) -> Embedder:
    return create_embedder(provider, model=model or None, dimensions=dimension or None)


def settings_factory(settings: Settings) -> EmbedderFactory:
    """Embedders as the settings configure them (keys, base URL), for any registered model."""

    def make(provider: str, model: str, dimension: int) -> Embedder:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return create_embedder(
            provider,
            model=model or None,
            dimensions=(dimension or None) if provider in ("openai", "hashing") else None,
            api_key=key,
            base_url=settings.openai_base_url,
            max_retries=settings.max_retries,
        )

    return make


def search_chunks(
    query: str,
    filters: Mapping[str, Any] | None = None,
    limit: int = 10,
    *,
    settings: Settings | None = None,
) -> list[ChunkHit]:
    """One-shot search with the configured database and vector store (opens and closes them)."""
    from pipeline.settings import get_settings
    from pipeline.store.database import create_database_engine, resolve_database_urls
    from pipeline.store.vectors import open_vector_store

    settings = settings or get_settings()
    engine = create_database_engine(resolve_database_urls(settings).app)
    store = open_vector_store(settings)
    try:
        return ChunkSearch(engine, store, settings_factory(settings)).search_chunks(
            query, filters, limit
        )
    finally:
        store.close()
        engine.dispose()
