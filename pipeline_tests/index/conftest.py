"""Both embedded vector stores, so every index test runs on Qdrant Edge and on qdrant-client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.store.vectors import EdgeVectorStore, QdrantClientStore, VectorStore


@pytest.fixture(params=["edge", "client"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VectorStore]:
    if request.param == "edge":
        opened: VectorStore = EdgeVectorStore(tmp_path / "edge")
    else:
        opened = QdrantClientStore(path=tmp_path / "local")
    yield opened
    opened.close()
