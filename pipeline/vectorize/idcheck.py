"""Postgres against the vector store by id, in bounded memory: missing and extra points.

Counting points against rows lets an extra point hide a missing one. Here every row recorded
under the model is looked up by its point id, a page at a time (memory: one page), so the
missing points are exact; every point found belongs to a row, so the extra points are the
collection's count minus the points found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from pipeline.store import index_state
from pipeline.store.vectors import VectorStore, point_id

PAGE = 2048
SAMPLE = 20


@dataclass(frozen=True)
class IdComparison:
    collection: str
    rows: int
    points: int
    missing: int
    extra: int
    missing_sample: list[int] = field(default_factory=list)  # a few chunk ids, for the record

    @property
    def matches(self) -> bool:
        return self.missing == 0 and self.extra == 0


def compare_ids(
    engine: Engine,
    store: VectorStore,
    collection: str,
    model: str,
    dimension: int,
    *,
    serving: bool = True,
    page: int = PAGE,
) -> IdComparison:
    """Rows recorded under `model` / `dimension` against the points of `collection`.

    `serving`: the model document_chunks records (a model being built keeps its state in
    chunk_vectors).
    """
    rows = found = missing = 0
    sample: list[int] = []
    after_id = 0
    while True:
        with engine.connect() as connection:
            ids = index_state.vectorized_ids_page(
                connection, model, dimension, serving=serving, after_id=after_id, limit=page
            )
        if not ids:
            break
        wanted = {point_id(i, model): i for i in ids}
        present = store.vectors(collection, list(wanted))
        rows += len(ids)
        found += len(present)
        absent = [i for pid, i in wanted.items() if pid not in present]
        missing += len(absent)
        sample.extend(absent[: max(0, SAMPLE - len(sample))])
        after_id = ids[-1]
    points = store.count(collection)
    return IdComparison(collection, rows, points, missing, max(0, points - found), sample)
