"""`search_candidates` and `search_projects`: seed 000's weighted search, scored inside Qdrant.

Standard score = vector_weight · max(cosine, 0) + filter_weight · filters, where filters is the
weighted share of the stated criteria a profile meets (`filters.py`). Qdrant ranks by that
formula after a prefetch by vector; hard constraints exclude in the prefetch's filter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy.engine import Engine

from pipeline.errors import ConfigurationError
from pipeline.matching.config import MatchingConfig
from pipeline.matching.filters import (
    OPEN_PROJECTS,
    candidate_exclusions,
    candidate_terms,
    project_exclusions,
    project_terms,
)
from pipeline.matching.index import ProfileIndexer, profile_collection, profile_point_id
from pipeline.matching.profiles import CanonicalProfile, day_number, japanese_rank
from pipeline.store.vectors import VectorHit, VectorStore
from pipeline.store.weighted_query import (
    AnyOf,
    Condition,
    InMemoryPoints,
    Match,
    MatchAny,
    Term,
    WeightedQuery,
    terms_score,
)
from pipeline.vectorize.embedders.base import Embedder


@dataclass(frozen=True)
class SearchResult:
    profile_id: int
    total: float  # the standard score (or the cosine when unweighted)
    vector_score: float
    filter_score: float | None
    payload: dict[str, Any]


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 6)


@dataclass(eq=False)
class Matcher:
    """Weighted search over the profile collections of one embedding model."""

    engine: Engine
    embedder: Embedder
    store: VectorStore
    config: MatchingConfig

    def __post_init__(self) -> None:
        self.indexer = ProfileIndexer(self.engine, self.embedder, self.store, self.config)

    # --- public API -----------------------------------------------------------------------

    def search_candidates(
        self,
        query: str | int | CanonicalProfile,
        filters: Mapping[str, Any] | None = None,
        use_weighted_search: bool = True,
        limit: int = 20,
        *,
        vector: np.ndarray | None = None,
        only_ids: list[int] | None = None,
        only_excluded: bool = False,
    ) -> list[SearchResult]:
        """Candidates for a project (id or profile) or a free-text query, best first.

        `only_excluded=True` turns the hard constraints round: only the candidates they
        exclude, best first (to explain the near misses)."""
        return self._search_for(
            _FIND_CANDIDATES, query, filters, use_weighted_search, limit, vector, only_ids,
            only_excluded,
        )  # fmt: skip

    def rank_candidates(
        self,
        project: CanonicalProfile,
        vector: np.ndarray | None,
        limit: int,
        near_miss_limit: int,
        only_ids: list[int] | None = None,
        points: InMemoryPoints | None = None,
    ) -> tuple[list[SearchResult], list[SearchResult]]:
        """A project's ranked candidates and its best excluded ones (the near misses), as
        `search_candidates` gives them, in one round trip to the engine (one query batch)."""
        return self.rank_candidates_batch(
            [(project, vector)], limit, near_miss_limit, only_ids, points
        )[0]

    def rank_candidates_batch(
        self,
        projects: Sequence[tuple[CanonicalProfile, np.ndarray | None]],
        limit: int,
        near_miss_limit: int,
        only_ids: list[int] | None = None,
        points: InMemoryPoints | None = None,
    ) -> list[tuple[list[SearchResult], list[SearchResult]]]:
        """`rank_candidates` for many projects in one query batch. With `points` (the candidate
        collection in memory, `candidate_points`), the same queries are answered there instead
        of in the engine: the same prefetch, filter and formula, one matrix product a block."""
        prepared = [
            self._queries(
                _FIND_CANDIDATES, project, None, True, limit, near_miss_limit,
                self._vector(project, vector), only_ids,
            )
            for project, vector in projects
        ]  # fmt: skip
        wanted = [p for pair in prepared for p in pair if p is not None]
        results = iter(self._answer(wanted, points))
        return [
            tuple(next(results) if p is not None else [] for p in pair)  # type: ignore[misc]
            for pair in prepared
        ]

    def candidate_points(self) -> InMemoryPoints:
        """Every candidate point (vector and payload, as indexed) in memory, for bulk ranking."""
        ids, vectors, payloads = self.store.records(profile_collection("candidate", self.embedder))
        return InMemoryPoints(ids, vectors, payloads)

    def _answer(
        self, prepared: list[_Prepared], points: InMemoryPoints | None
    ) -> list[list[SearchResult]]:
        """Candidate queries answered by the engine, or by `points` (which also give each
        hit's payload part of the score, so the filter score needs no second evaluation)."""
        if not prepared:
            return []
        queries = [p.query for p in prepared]
        if points is None:
            collection = profile_collection("candidate", self.embedder)
            hits = self.store.query_weighted_batch(collection, queries)
            return [p.results(found) for p, found in zip(prepared, hits, strict=True)]
        return [
            [p.result(points.ids[i], score, points.payloads[i], terms) for i, score, terms in found]
            for p, found in zip(prepared, points.query_batch(queries), strict=True)
        ]

    def search_projects(
        self,
        query: str | int | CanonicalProfile,
        filters: Mapping[str, Any] | None = None,
        use_weighted_search: bool = True,
        limit: int = 20,
        *,
        vector: np.ndarray | None = None,
        only_ids: list[int] | None = None,
    ) -> list[SearchResult]:
        """Open projects for a candidate (id or profile) or a free-text query, best first."""
        return self._search_for(
            _FIND_PROJECTS, query, filters, use_weighted_search, limit, vector, only_ids, False
        )

    def profile_vectors(self, kind: str, profile_ids: list[int]) -> dict[int, np.ndarray]:
        """Stored vectors of profiles (as indexed), by profile id."""
        model = self.embedder.name
        ids = {profile_point_id(kind, i, model): i for i in profile_ids}
        stored = self.store.vectors(profile_collection(kind, self.embedder), list(ids))
        return {ids[point]: vector for point, vector in stored.items()}

    # --- internals ------------------------------------------------------------------------

    def _search_for(
        self,
        direction: _Direction,
        query: str | int | CanonicalProfile,
        filters: Mapping[str, Any] | None,
        weighted: bool,
        limit: int,
        vector: np.ndarray | None,
        only_ids: list[int] | None,
        only_excluded: bool,
    ) -> list[SearchResult]:
        """`search_candidates` or `search_projects`, as `direction` says."""
        subject, vector = self._subject(query, direction.subject, vector)
        ranked, near = self._queries(
            direction, subject, filters, weighted, limit, limit if only_excluded else 0, vector,
            only_ids,
        )  # fmt: skip
        return self._search(direction.target, near if only_excluded else ranked)

    def _queries(
        self,
        direction: _Direction,
        subject: CanonicalProfile,
        filters: Mapping[str, Any] | None,
        weighted: bool,
        limit: int,
        near_miss_limit: int,
        vector: np.ndarray,
        only_ids: list[int] | None,
    ) -> tuple[_Prepared | None, _Prepared | None]:
        """A search's query and its near-miss query (the profiles the hard constraints
        exclude, best first; None when `near_miss_limit` is 0 or nothing is excluded), built
        from one reading of the subject."""
        payload = direction.payload(subject.payload, filters or {})
        exclusions = tuple(c for _, c in direction.exclusions(payload, self.config))
        must = (*direction.must, *_hard_filters(filters or {}))
        terms = direction.terms(payload, self.config) if weighted else []
        ranked = self._prepare(vector, terms, must, exclusions, limit, weighted, only_ids)
        near = None
        if near_miss_limit > 0 and exclusions:
            near = self._prepare(
                vector, terms, (*must, AnyOf(exclusions)), (), near_miss_limit, weighted, only_ids
            )
        return ranked, near

    def _subject(
        self, query: str | int | CanonicalProfile, kind: str, vector: np.ndarray | None
    ) -> tuple[CanonicalProfile, np.ndarray]:
        """The profile a search is for, and its vector (embedded unless given)."""
        profile = self._resolve(query, kind)
        return profile, self._vector(profile, vector)

    def _search(self, kind: str, prepared: _Prepared | None) -> list[SearchResult]:
        """One prepared query against the `kind` collection (none: no results)."""
        if prepared is None:
            return []
        hits = self.store.query_weighted(profile_collection(kind, self.embedder), prepared.query)
        return prepared.results(hits)

    def _resolve(self, query: str | int | CanonicalProfile, kind: str) -> CanonicalProfile:
        if isinstance(query, CanonicalProfile):
            return query
        if isinstance(query, int):
            found = self.indexer.profiles(kind, [query])  # type: ignore[arg-type]
            if not found:
                raise ConfigurationError(f"no {kind} with id {query}")
            return found[0]
        return text_profile(query, kind, self.config)

    def _vector(self, source: CanonicalProfile, vector: np.ndarray | None) -> np.ndarray:
        if vector is not None:
            return vector
        return np.asarray(self.embedder.embed([source.text or "profile"])[0])

    def _prepare(
        self,
        vector: np.ndarray,
        terms: list[Term],
        must: tuple,
        must_not: tuple,
        limit: int,
        weighted: bool,
        only_ids: list[int] | None,
    ) -> _Prepared | None:
        vector_weight = self.config.vector_weight if weighted else 1.0
        filter_weight = self.config.filter_weight if weighted else 0.0
        if only_ids is not None:
            if not only_ids:
                return None
            must = (*must, MatchAny("profile_id", tuple(only_ids)))
        scaled = tuple(Term(t.weight * filter_weight, t.condition, t.name) for t in terms)
        query = WeightedQuery(
            vector=vector,
            vector_weight=vector_weight,
            terms=scaled,
            must=must,
            must_not=must_not,
            limit=limit,
            prefetch_limit=max(self.config.prefetch_limit, limit),
        )
        return _Prepared(query, terms, vector_weight, filter_weight)


@dataclass(frozen=True)
class _Direction:
    """Which way a search runs: the subject's kind, the kind it finds, and how the subject's
    payload becomes the hard constraints and soft terms on the found side."""

    subject: str
    target: str
    payload: Callable[[Mapping[str, Any], Mapping[str, Any]], dict[str, Any]]  # with filters
    exclusions: Callable[[Mapping[str, Any], MatchingConfig], list[tuple[str, Condition]]]
    terms: Callable[[Mapping[str, Any], MatchingConfig], list[Term]]
    must: tuple[Condition, ...]  # what every found profile is


@dataclass(frozen=True)
class _Prepared:
    """A weighted query and what turns its hits into results (the unscaled filter terms)."""

    query: WeightedQuery
    terms: list[Term]
    vector_weight: float
    filter_weight: float

    def results(self, hits: list[VectorHit]) -> list[SearchResult]:
        """The engine's hits: it returns the total, so the filter score is evaluated here."""
        return [self.result(hit.id, hit.score, hit.payload) for hit in hits]

    def result(
        self, point_id: str, score: float, payload: dict[str, Any], terms: float | None = None
    ) -> SearchResult:
        """A hit as a result; `terms` is the score's payload part when the scorer gives it."""
        vw, fw = self.vector_weight, self.filter_weight
        filters = None
        if self.terms:
            filters = terms / fw if terms is not None and fw else None
            if filters is None:
                filters = terms_score(self.terms, payload, point_id)
        vector_part = score - fw * (filters or 0.0)
        return SearchResult(
            profile_id=int(payload["profile_id"]),
            total=_clamp(score),
            vector_score=_clamp(vector_part / vw) if vw else 0.0,
            filter_score=None if filters is None else _clamp(filters),
            payload=payload,
        )


# --- free text and explicit filters -----------------------------------------------------


def text_profile(text: str, kind: str, config: MatchingConfig) -> CanonicalProfile:
    """A free-text query read as a project (or candidate) mail would be, then canonicalised."""
    from pipeline.emails.extraction import extract_candidate, extract_projects
    from pipeline.matching.profiles import candidate_profile, project_profile

    today = datetime.now(UTC).date()
    if kind == "project":
        extracted = extract_projects("", text, None, today)[0].as_row()
        return project_profile({**extracted, "id": 0}, config.currency_rates)
    extracted = extract_candidate("", text, None, today).as_row()
    return candidate_profile({**extracted, "id": 0}, config.currency_rates)


_YEARS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*\+?\s*$")


def apply_filters(payload: Mapping[str, Any], filters: Mapping[str, Any]) -> dict[str, Any]:
    """A project payload with the explicit filters of seed 000's `search_candidates` applied:
    experience_years ("5+" or 5), skills (list), location, remote, max_rate (monthly JPY),
    available_by (date), japanese_level (N1..N5). Unknown keys are an error naming the key."""
    known = {"experience_years", "skills", "skills_mode", "location", "remote", "max_rate",
             "available_by", "japanese_level", "language"}  # fmt: skip
    unknown = set(filters) - known
    if unknown:
        raise ConfigurationError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
    result = dict(payload)
    if (years := filters.get("experience_years")) is not None:
        match = _YEARS.match(str(years))
        if not match:
            raise ConfigurationError(f"experience_years: {years!r} is not like '5+' or 5")
        result["min_years"] = float(match.group(1))
    if skills := filters.get("skills"):
        from pipeline.emails.extraction import canonical_skill

        result["required_skills"] = [canonical_skill(s) or s for s in skills]
    if location := filters.get("location"):
        from pipeline.emails.extraction import canonical_place

        result["place"] = canonical_place(location) or location
    if remote := filters.get("remote"):
        result["remote"] = remote
    if (rate := filters.get("max_rate")) is not None:
        result["budget_max"] = float(rate)
    if (available := filters.get("available_by")) is not None:
        day = available if isinstance(available, date) else date.fromisoformat(str(available))
        result["start_day"] = day_number(day)
    if level := filters.get("japanese_level"):
        result["japanese_rank_min"] = japanese_rank(level)
    return result


def _hard_filters(filters: Mapping[str, Any]) -> list:
    """skills_mode 'all' makes every listed skill a requirement; language filters by mail."""
    conditions: list = []
    if filters.get("skills_mode") == "all":
        from pipeline.emails.extraction import canonical_skill

        conditions.extend(Match("skills", canonical_skill(s) or s) for s in filters["skills"])
    if language := filters.get("language"):
        conditions.append(Match("language", language))
    return conditions


# A project's explicit filters restate its requirements; a candidate's only add hard filters.
_FIND_CANDIDATES = _Direction(
    "project", "candidate", apply_filters, candidate_exclusions, candidate_terms, ()
)
_FIND_PROJECTS = _Direction(
    "candidate", "project", lambda payload, _: dict(payload), project_exclusions, project_terms,
    (OPEN_PROJECTS,),
)  # fmt: skip
