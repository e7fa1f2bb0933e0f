"""A store-neutral weighted query: a vector prefetch, then a formula that adds weighted payload
conditions, with hard constraints as a filter. Both vector stores translate it into Qdrant's
Query API (Qdrant Edge's `Formula`, qdrant-client's `FormulaQuery`), so scoring runs inside
the engine with one code path for the embedded store, local mode and a server:

    score = vector_weight · max(cosine, 0) + Σ weight_i · condition_i(payload)

`evaluate` is the same semantics in Python, for explanations and for checking the engine;
`InMemoryPoints` answers the same query over points held in memory with numpy (the bulk match
step: one matrix product per block of queries instead of one engine scan per query).
Conditions on a missing payload key are false, as in Qdrant. Store booleans as 1 / 0 and
match them as integers: Qdrant Edge reads a Python bool in `MatchValue` as an integer, which
never equals a JSON `true`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np


@dataclass(frozen=True)
class Match:
    """payload[key] equals `value`, or (for a list field) contains it."""

    key: str
    value: str | int


@dataclass(frozen=True)
class MatchAny:
    """payload[key] is one of `values` (for a list field: shares one of them)."""

    key: str
    values: tuple[str, ...] | tuple[int, ...]


@dataclass(frozen=True)
class Range:
    key: str
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None


@dataclass(frozen=True)
class IsEmpty:
    """payload[key] is missing, null or an empty list."""

    key: str


@dataclass(frozen=True)
class HasId:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    """Every `must` holds and no `must_not` does (a nested Qdrant filter)."""

    must: tuple[Condition, ...] = ()
    must_not: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class AnyOf:
    any: tuple[Condition, ...]


Condition = Match | MatchAny | Range | IsEmpty | HasId | AllOf | AnyOf


@dataclass(frozen=True)
class Term:
    """One weighted part of the formula; `condition` None is a constant (always earned)."""

    weight: float
    condition: Condition | None
    name: str = ""


@dataclass(frozen=True)
class WeightedQuery:
    vector: np.ndarray
    vector_weight: float
    terms: tuple[Term, ...] = ()
    must: tuple[Condition, ...] = ()
    must_not: tuple[Condition, ...] = ()
    limit: int = 20
    prefetch_limit: int = 200
    extra: Mapping[str, Any] = field(default_factory=dict)  # caller's context, not sent

    @property
    def filter(self) -> AllOf | None:
        return AllOf(self.must, self.must_not) if (self.must or self.must_not) else None


def evaluate(condition: Condition, payload: Mapping[str, Any], point_id: str = "") -> bool:
    """Whether `condition` holds for `payload`, with Qdrant's semantics."""
    if isinstance(condition, Match):
        value = payload.get(condition.key)
        return condition.value in value if isinstance(value, list) else value == condition.value
    if isinstance(condition, MatchAny):
        value = payload.get(condition.key)
        values = value if isinstance(value, list) else [value]
        return any(v in condition.values for v in values if v is not None)
    if isinstance(condition, Range):
        value = payload.get(condition.key)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        return (
            (condition.gt is None or value > condition.gt)
            and (condition.gte is None or value >= condition.gte)
            and (condition.lt is None or value < condition.lt)
            and (condition.lte is None or value <= condition.lte)
        )
    if isinstance(condition, IsEmpty):
        return payload.get(condition.key) in (None, [])
    if isinstance(condition, HasId):
        return point_id in condition.ids
    if isinstance(condition, AllOf):
        return all(evaluate(c, payload, point_id) for c in condition.must) and not any(
            evaluate(c, payload, point_id) for c in condition.must_not
        )
    if isinstance(condition, AnyOf):
        return any(evaluate(c, payload, point_id) for c in condition.any)
    raise TypeError(f"unknown condition {condition!r}")


def terms_score(terms: Sequence[Term], payload: Mapping[str, Any], point_id: str = "") -> float:
    """Σ weight · condition: the formula's payload part, as the engine computes it."""
    return sum(
        t.weight for t in terms if t.condition is None or evaluate(t.condition, payload, point_id)
    )


def passes(query: WeightedQuery, payload: Mapping[str, Any], point_id: str = "") -> bool:
    """Whether a point passes the query's hard constraints."""
    flt = query.filter
    return flt is None or evaluate(flt, payload, point_id)


# --- the same query over points held in memory -------------------------------------------


class PayloadColumns:
    """The payloads of a point set as columns: `mask(condition)` is `evaluate` for every
    point at once (a boolean array), with the same semantics.

    Keyword conditions read postings (value -> rows holding it; a list field posts each of its
    values, a missing key posts None), ranges read a float column (NaN where the value is not a
    number). Masks are cached by condition: projects share most of their conditions (a skill,
    a start date, a country), so a bulk run evaluates each distinct one once."""

    def __init__(self, ids: Sequence[str], payloads: Sequence[Mapping[str, Any]]) -> None:
        self.ids = list(ids)
        self.payloads = list(payloads)
        self.size = len(self.payloads)
        self._postings: dict[str, dict[Any, np.ndarray]] = {}
        self._numbers: dict[str, np.ndarray] = {}
        self._cache: dict[Condition, np.ndarray] = {}
        self._cache_limit = max(64, (64 << 20) // max(1, self.size))  # about 64 MiB of masks

    def mask(self, condition: Condition) -> np.ndarray:
        """Which points `condition` holds for (do not modify the array: it is cached)."""
        try:
            cached = self._cache.get(condition)
        except TypeError:  # an unhashable value inside the condition
            return self._evaluate(condition)
        if cached is None:
            if len(self._cache) >= self._cache_limit:
                self._cache.clear()
            cached = self._cache[condition] = self._evaluate(condition)
        return cached

    def _evaluate(self, condition: Condition) -> np.ndarray:
        if isinstance(condition, Match):
            return self._rows(condition.key, (condition.value,))
        if isinstance(condition, MatchAny):
            return self._rows(condition.key, tuple(v for v in condition.values if v is not None))
        if isinstance(condition, Range):
            return self._range(condition)
        if isinstance(condition, IsEmpty):
            return np.fromiter(
                (p.get(condition.key) in (None, []) for p in self.payloads), bool, self.size
            )
        if isinstance(condition, HasId):
            return np.isin(np.asarray(self.ids, dtype=object), list(condition.ids))
        if isinstance(condition, AllOf):
            result = np.ones(self.size, dtype=bool)
            for part in condition.must:
                result &= self.mask(part)
            for part in condition.must_not:
                result &= ~self.mask(part)
            return result
        if isinstance(condition, AnyOf):
            result = np.zeros(self.size, dtype=bool)
            for part in condition.any:
                result |= self.mask(part)
            return result
        raise TypeError(f"unknown condition {condition!r}")

    def _rows(self, key: str, values: tuple) -> np.ndarray:
        postings = self._postings.get(key)
        if postings is None:
            postings = self._postings[key] = self._post(key)
        result = np.zeros(self.size, dtype=bool)
        for value in values:
            try:
                rows = postings.get(value)
            except TypeError:  # unhashable: no payload value can equal it in a posting
                rows = None
            if rows is not None:
                result[rows] = True
        return result

    def _post(self, key: str) -> dict[Any, np.ndarray]:
        """value -> rows, with `==` semantics (1, 1.0 and True are one key, as in Python)."""
        rows: dict[Any, list[int]] = {}
        for row, payload in enumerate(self.payloads):
            value = payload.get(key)
            for item in value if isinstance(value, list) else (value,):
                try:
                    rows.setdefault(item, []).append(row)
                except TypeError:  # an unhashable item (a dict) never equals a match value
                    continue
        return {value: np.asarray(found, dtype=np.intp) for value, found in rows.items()}

    def _range(self, condition: Range) -> np.ndarray:
        column = self._numbers.get(condition.key)
        if column is None:
            column = self._numbers[condition.key] = np.fromiter(
                (_number(p.get(condition.key)) for p in self.payloads), np.float64, self.size
            )
        result = ~np.isnan(column)
        with np.errstate(invalid="ignore"):
            if condition.gt is not None:
                result &= column > condition.gt
            if condition.gte is not None:
                result &= column >= condition.gte
            if condition.lt is not None:
                result &= column < condition.lt
            if condition.lte is not None:
                result &= column <= condition.lte
        return result


def _number(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return float("nan")


class Scored(NamedTuple):
    """A hit of `InMemoryPoints`: the point's index, its score, and the score's payload part
    (Σ weight_i · condition_i, the formula without the vector)."""

    index: int
    score: float
    terms: float


class InMemoryPoints:
    """A collection's points held in memory, answering `WeightedQuery` as the engine does:
    the `prefetch_limit` nearest by cosine among the points that pass the filter, ranked by
    the same formula, `vector_weight · max(cosine, 0) + Σ weight_i · condition_i`, read from
    the same `Term`s the stores translate into Qdrant's formula.

    For bulk work (every project against every candidate): a block of queries costs one matrix
    product, the filters are cached boolean masks, and the prefetch is a partial sort, where
    the engine would scan every vector under the filter once per query. Cosine as Qdrant
    computes it: both sides normalised, a float32 dot product."""

    QUERY_BLOCK = 256  # queries per matrix product (a block's scores: 256 x points float32)

    def __init__(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        payloads: Sequence[Mapping[str, Any]],
        *,
        nearest: int = 1024,
    ) -> None:
        """`nearest`: how many nearest points are sorted once per query vector and shared by
        its queries (at least 4 x the prefetch); a query whose filter leaves too few of them
        ranks every passing point instead."""
        self.nearest = nearest
        self.columns = PayloadColumns(ids, payloads)
        matrix = np.asarray(vectors, dtype=np.float32)
        self.vectors = _normalised(matrix) if len(ids) else np.zeros((0, 0), np.float32)

    @property
    def ids(self) -> list[str]:
        return self.columns.ids

    @property
    def payloads(self) -> list[Mapping[str, Any]]:
        return self.columns.payloads

    def query_batch(self, queries: Sequence[WeightedQuery]) -> list[list[Scored]]:
        """For each query, its hits best first."""
        if not self.size:
            return [[] for _ in queries]
        results: list[list[Scored]] = []
        for start in range(0, len(queries), self.QUERY_BLOCK):
            block = queries[start : start + self.QUERY_BLOCK]
            cosines, rows = self._cosines(block)
            nearest = self._nearest(block, cosines, rows)
            terms = _BlockTerms(self.columns, block)
            for i, (query, row) in enumerate(zip(block, rows, strict=True)):
                results.append(self._rank(query, cosines[row], nearest[row], terms, i))
        return results

    def _cosines(self, queries: Sequence[WeightedQuery]) -> tuple[np.ndarray, list[int]]:
        """One matrix product for the block's distinct vectors (a project's ranked and
        near-miss queries share theirs)."""
        rows: dict[int, int] = {}
        vectors = []
        for query in queries:
            if id(query.vector) not in rows:
                rows[id(query.vector)] = len(vectors)
                vectors.append(np.asarray(query.vector, dtype=np.float32).ravel())
        dimension = self.vectors.shape[1]
        matrix = _normalised(np.stack(vectors)) if vectors else np.zeros((0, dimension), np.float32)
        return matrix @ self.vectors.T, [rows[id(q.vector)] for q in queries]

    def _nearest(
        self, queries: Sequence[WeightedQuery], cosines: np.ndarray, rows: list[int]
    ) -> list[np.ndarray]:
        """Each distinct vector's nearest points, best first (ties: lower index first), at
        least `nearest` and 4 x its queries' prefetch deep: one partition of the block's
        cosine matrix, then one sort of the kept part, row by row in numpy."""
        depth = dict.fromkeys(range(len(cosines)), self.nearest)
        for query, row in zip(queries, rows, strict=True):
            depth[row] = max(depth[row], 4 * query.prefetch_limit)
        deepest = min(max(depth.values()), self.size)
        if deepest < self.size:
            kept = np.argpartition(-cosines, deepest - 1, axis=1)[:, :deepest]
        else:
            kept = np.broadcast_to(np.arange(self.size), cosines.shape)
        scores = np.take_along_axis(cosines, kept, axis=1)
        order = np.lexsort((kept, -scores), axis=1)
        ranked = np.take_along_axis(kept, order, axis=1)
        return [ranked[row, : depth[row]] for row in range(len(cosines))]

    def _rank(
        self,
        query: WeightedQuery,
        cosines: np.ndarray,
        nearest: np.ndarray,
        terms: _BlockTerms,
        position: int,
    ) -> list[Scored]:
        """`nearest`: the vector's nearest points, best first. When enough of them pass the
        filter, the first `prefetch_limit` that do are the prefetch (the points further down
        are farther than all of them); otherwise every passing point is ranked."""
        flt = query.filter
        mask = self.columns.mask(flt) if flt else None
        passing = nearest if mask is None else nearest[mask[nearest]]
        if len(passing) >= query.prefetch_limit or len(nearest) == self.size:
            prefetched = passing[: query.prefetch_limit]
        else:
            allowed = np.flatnonzero(mask)
            prefetched = _top(allowed, cosines[allowed], query.prefetch_limit)
        payload_part = terms.score(position, prefetched)
        vector = query.vector_weight * np.maximum(cosines[prefetched].astype(np.float64), 0.0)
        scores = vector + payload_part
        best = _top(np.arange(len(prefetched)), scores, query.limit)
        return list(
            map(
                Scored._make,
                zip(
                    prefetched[best].tolist(),
                    scores[best].tolist(),
                    payload_part[best].tolist(),
                    strict=True,
                ),
            )
        )

    @property
    def size(self) -> int:
        return self.columns.size


class _BlockTerms:
    """The formula's payload part for a block of queries: each distinct condition's mask once
    (a row of one matrix, row 0 all true for constant terms), so a query's Σ weight_i ·
    condition_i over its prefetch is one gather and one running sum, added in the terms'
    order as the engine's formula lists them."""

    def __init__(self, columns: PayloadColumns, queries: Sequence[WeightedQuery]) -> None:
        rows: dict[Condition, int] = {}
        self.rows: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        for query in queries:
            found = [0 if t.condition is None else rows.setdefault(t.condition, len(rows) + 1)
                     for t in query.terms]  # fmt: skip
            self.rows.append(np.asarray(found, dtype=np.intp))
            self.weights.append(np.asarray([t.weight for t in query.terms], dtype=np.float64))
        masks = [np.ones(columns.size, dtype=bool), *map(columns.mask, rows)]
        self.matrix = np.stack(masks)

    def score(self, position: int, points: np.ndarray) -> np.ndarray:
        """Σ weight_i · condition_i of query `position` at `points` (float64, summed term by
        term from 0, as a loop over the terms would)."""
        rows = self.rows[position]
        if not len(rows):
            return np.zeros(len(points))
        parts = self.weights[position][:, None] * self.matrix[rows[:, None], points]
        return np.cumsum(parts, axis=0)[-1]


def _top(indices: np.ndarray, scores: np.ndarray, limit: int) -> np.ndarray:
    """`indices` of the `limit` best scores, best first; ties by position (lower first)."""
    if limit <= 0:
        return indices[:0]
    if len(indices) > limit:
        keep = np.argpartition(-scores, limit - 1)[:limit]
        indices, scores = indices[keep], scores[keep]
        # argpartition leaves ties at the cut arbitrary; the sort below makes the kept ones
        # deterministic only among themselves (Qdrant's own tie order is not specified).
    order = np.lexsort((indices, -scores))
    return indices[order]


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)
