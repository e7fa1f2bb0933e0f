"""A store-neutral weighted query: a vector prefetch, then a formula that adds weighted payload
conditions, with hard constraints as a filter. Both vector stores translate it into Qdrant's
Query API (Qdrant Edge's `Formula`, qdrant-client's `FormulaQuery`), so scoring runs inside
the engine with one code path for the embedded store, local mode and a server:

    score = vector_weight · max(cosine, 0) + Σ weight_i · condition_i(payload)

`evaluate` is the same semantics in Python, for explanations and for checking the engine.
Conditions on a missing payload key are false, as in Qdrant. Store booleans as 1 / 0 and
match them as integers: Qdrant Edge reads a Python bool in `MatchValue` as an integer, which
never equals a JSON `true`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
