"""Small real implementations the vectorize tests share (no mocks of our own code)."""

from __future__ import annotations

import threading
from collections import Counter

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.demo.documents import load_demo_reports
from pipeline.store.documents import NewDocument, upsert_documents
from pipeline.store.tables import Tables
from pipeline.vectorize.embedders.hashing import HashingEmbedder


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting how often each text was embedded (thread-safe)."""

    def __init__(self, dimension: int = 64, **limits) -> None:
        super().__init__(dimension, **limits)
        self.calls = 0
        self.texts: Counter[str] = Counter()
        self._count_lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._count_lock:
            self.calls += 1
            self.texts.update(texts)
        return super().embed(texts)


class FullDiskStore:
    """A vector store whose writes fail as a full disk does: nothing may be marked after it."""

    def ensure_collection(self, name: str, dimension: int) -> None:
        pass

    def upsert(self, collection: str, ids: object, vectors: object, payloads: object) -> None:
        raise OSError("disk full")

    def flush(self, collection: str | None = None) -> None:
        pass


def load_demo(engine: Engine, tables: Tables, chunks: int = 120, seed: int = 7) -> int:
    load_demo_reports(engine, tables, seed=seed, chunks=chunks)
    return chunk_count(engine)


def load_texts(engine: Engine, tables: Tables, texts: list[str], external_id: str = "d1") -> None:
    document = NewDocument(
        source="test",
        external_id=external_id,
        body="\n".join(texts),
        chunks=texts,
        market="us_stock",
        doc_type="annual_report",
        stock_code="TEST",
        company_name="Test Corp",
        language="en",
    )
    with engine.begin() as connection:
        upsert_documents(connection, tables, [document])


def chunk_count(engine: Engine, where: str = "true") -> int:
    with engine.connect() as connection:
        return connection.execute(
            sa.text(f"SELECT count(*) FROM document_chunks WHERE {where}")
        ).scalar_one()


def chunk_rows(engine: Engine) -> list[sa.Row]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                sa.text(
                    "SELECT id, content, vectorized_hash, content_hash, embedding_model, "
                    "attempts, last_error, dead_letter, claimed_by FROM document_chunks "
                    "ORDER BY id"
                )
            )
        )
