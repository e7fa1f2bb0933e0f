"""Compute and store the top-k candidates of every open project, incrementally.

A project whose profile changed (or that was never matched under this scoring version and
mode) gets its whole top-k recomputed. A new or changed candidate is scored against every
other open project, restricted to those candidates, and merged into each stored top-k. So a
rerun with nothing changed does nothing, and a change touches only the pairs it concerns.

A step that ranks many projects reads the candidate collection once (vectors and payloads as
indexed) and answers each project's query in memory (`InMemoryPoints`): the same prefetch,
hard filter and formula as the engine's query, a matrix product per block of projects instead
of a filtered scan of every candidate per project. A few projects go to the engine.

Standard mode stores seed 000's 0.7 · vector + 0.3 · filters. Hybrid mode reranks the top-N
standard results by 0.4 · vector + 0.35 · AI + 0.25 · business rules; without an AI score the
weights are renormalised and the stored `weights` and explanation say so.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sqlalchemy.engine import Engine

from pipeline.matching.business import business_score
from pipeline.matching.config import SCORING_VERSION, MatchingConfig
from pipeline.matching.filters import RULE_LABELS, violated_rules
from pipeline.matching.heap import collector_paused
from pipeline.matching.profiles import CanonicalProfile
from pipeline.matching.search import Matcher, SearchResult
from pipeline.store import profiles as profile_store
from pipeline.store.vectors import VectorStore
from pipeline.store.weighted_query import InMemoryPoints
from pipeline.utils import batched
from pipeline.vectorize.embedders.base import Embedder

Mode = Literal["standard", "hybrid"]
NEAR_MISSES_SHOWN = 3
WRITE_BATCH = 200  # projects whose matches are written in one transaction
FULL_RECOMPUTE_SHARE = 0.25  # of all candidates changed, and at least FULL_RECOMPUTE_MIN
FULL_RECOMPUTE_MIN = 1000
# Ranking in memory (every candidate's vector and payload read once, then a matrix product per
# block of projects) repays reading the collection from about this many projects on: both costs
# grow with the candidates (20,000 on this machine: reading 0.7-1.0 s, a project's two engine
# queries 5-12 ms). It is used while the vectors fit in BULK_MAX_BYTES; otherwise each project
# is a query to the engine.
BULK_MIN_PROJECTS = 100
BULK_MAX_BYTES = 1 << 30


class Judge(Protocol):
    """What the hybrid score needs from an LLM judge (`pipeline.matching.ai.AIJudge`)."""

    def judge(self, pairs: Sequence[Any]) -> list[Any]: ...


@dataclass
class MatchReport:
    mode: str
    scoring_version: str
    projects_recomputed: int = 0
    projects_updated_for_new_candidates: int = 0
    candidates_changed: int = 0
    matches_written: int = 0
    ai_scored: int = 0
    ai_unavailable: int = 0
    elapsed_s: float = 0.0
    projects: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "scoring_version": self.scoring_version,
            "matches_generated": self.matches_written,
            "projects_matched": self.projects_recomputed,
            "projects_updated_for_new_candidates": self.projects_updated_for_new_candidates,
            "candidates_changed": self.candidates_changed,
            "ai_scored": self.ai_scored,
            "ai_unavailable": self.ai_unavailable,
            "elapsed_s": round(self.elapsed_s, 3),
        }


class MatchingService:
    def __init__(
        self,
        engine: Engine,
        embedder: Embedder,
        store: VectorStore,
        config: MatchingConfig,
        *,
        mode: Mode = "standard",
        top_k: int = 10,
        ai_top_n: int = 20,
        judge: Judge | None = None,
        run_id: str | None = None,
        explain_near_misses: bool = True,
        progress: Callable[[int, int], None] | None = None,
        bulk: bool | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.matcher = Matcher(engine, embedder, store, config)
        self.mode = mode
        self.top_k = top_k
        self.ai_top_n = max(ai_top_n, top_k)
        self.judge = judge
        self.run_id = run_id
        self.explain_near_misses = explain_near_misses
        self.progress = progress
        self.bulk = bulk
        self._pending: dict[int, list[dict[str, Any]]] = {}
        self._writer: ThreadPoolExecutor | None = None
        self._writing: Future[int] | None = None

    @property
    def version(self) -> str:
        return SCORING_VERSION

    def compute(self, full: bool = False) -> MatchReport:
        """Bring the stored matches up to date; `full` recomputes every open project."""
        with collector_paused():
            return self._compute(full)

    def _compute(self, full: bool) -> MatchReport:
        started = time.monotonic()
        report = MatchReport(self.mode, self.version)
        indexer = self.matcher.indexer
        projects = [p for p in indexer.profiles("project") if p.payload.get("is_open", True)]
        with self.engine.connect() as connection:
            # What the candidate collection holds, by the hash each point was built from:
            # the matches are computed from these points, and reading the hashes spares
            # building every candidate's profile (hybrid mode loads the few it judges).
            candidates = profile_store.indexed_points(
                connection, "candidate", self.matcher.embedder.name
            )
            done_projects = profile_store.matched_hashes(
                connection, "project", self.version, self.mode
            )
            done_candidates = profile_store.matched_hashes(
                connection, "candidate", self.version, self.mode
            )
        changed = [
            (cid, digest)
            for cid, digest in candidates.items()
            if done_candidates.get(cid) != digest
        ]
        # Past a share of changed candidates, recomputing every project is cheaper than
        # scoring the changed ones against each project and merging.
        full = full or len(changed) > max(
            FULL_RECOMPUTE_MIN, FULL_RECOMPUTE_SHARE * len(candidates)
        )
        stale = [p for p in projects if full or done_projects.get(p.profile_id) != p.content_hash]
        report.candidates_changed = len(changed)
        stale_ids = {p.profile_id for p in stale}
        fresh = [p for p in projects if p.profile_id not in stale_ids] if changed else []
        vectors = self.matcher.profile_vectors("project", [p.profile_id for p in stale + fresh])
        # One writer thread stores each batch of projects while the next is ranked: the
        # database works in its own process, so the write overlaps the engine's queries.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="matches-writer") as writer:
            self._writer = writer
            try:
                self._recompute(
                    stale, fresh, vectors, [cid for cid, _ in changed], len(candidates), report
                )
                self._flush(report)
            finally:
                self._await_write(report)
                self._writer = None
        with self.engine.begin() as connection:  # recorded once every write has landed
            profile_store.record_matched(
                connection, "project", self.version, self.mode,
                [(p.profile_id, p.content_hash) for p in stale],
            )  # fmt: skip
            profile_store.record_matched(
                connection, "candidate", self.version, self.mode,
                changed,
            )  # fmt: skip
        report.elapsed_s = time.monotonic() - started
        return report

    def _recompute(
        self,
        stale: list[CanonicalProfile],
        fresh: list[CanonicalProfile],
        vectors: dict[int, Any],
        changed_ids: list[int],
        candidates: int,
        report: MatchReport,
    ) -> None:
        """Stale projects get a whole new top-k; fresh ones merge the changed candidates."""
        work, done = len(stale) + len(fresh), 0
        points = self._candidate_points(work, candidates)
        for block in batched(stale, WRITE_BATCH):
            for project, rows in zip(block, self._rank(block, vectors, None, points, report),
                                     strict=True):  # fmt: skip
                self._store(project.profile_id, rows, report)
                report.projects_recomputed += 1
                report.projects.append(project.profile_id)
            done += len(block)
            self._tick(done, work)
        changed = set(changed_ids)
        for block in batched(fresh, WRITE_BATCH):
            ranked = self._rank(block, vectors, changed_ids, points, report)
            for project, new in zip(block, ranked, strict=True):
                if self._merge(project.profile_id, new, changed, report):
                    report.projects_updated_for_new_candidates += 1
            done += len(block)
            self._tick(done, work)

    def _candidate_points(self, projects: int, candidates: int) -> InMemoryPoints | None:
        """The candidate collection in memory when the step ranks enough projects to repay
        reading it (`bulk`: always / never); None ranks each project in the engine."""
        size = candidates * self.matcher.embedder.dimension * 4
        bulk = self.bulk
        if bulk is None:
            bulk = projects >= BULK_MIN_PROJECTS and size <= BULK_MAX_BYTES
        return self.matcher.candidate_points() if bulk and projects else None

    def _tick(self, done: int, total: int) -> None:
        """Progress once per block of projects (a written batch) and at the end."""
        if self.progress is not None:
            self.progress(done, total)

    # --- ranking --------------------------------------------------------------------------

    def _rank(
        self,
        projects: list[CanonicalProfile],
        vectors: dict[int, Any],
        only_ids: list[int] | None,
        points: InMemoryPoints | None,
        report: MatchReport,
    ) -> list[list[dict[str, Any]]]:
        """Each project's rows, best first: a block's ranked and near-miss queries go to the
        engine (or to the in-memory points) as one batch."""
        limit = self.ai_top_n if self.mode == "hybrid" else self.top_k
        ranked = self.matcher.rank_candidates_batch(
            [(p, vectors.get(p.profile_id)) for p in projects],
            limit,
            NEAR_MISSES_SHOWN if self.explain_near_misses else 0,
            only_ids,
            points,
        )
        return [
            self._rows(project, results, excluded, report)
            for project, (results, excluded) in zip(projects, ranked, strict=True)
        ]

    def _rows(
        self,
        project: CanonicalProfile,
        results: list[SearchResult],
        excluded: list[SearchResult],
        report: MatchReport,
    ) -> list[dict[str, Any]]:
        near_misses = self._near_misses(project, results, excluded)
        verdicts = self._verdicts(project, results, report)
        rows = [
            self._row(project, result, verdicts.get(result.profile_id), near_misses)
            for result in results
        ]
        rows.sort(key=lambda r: (-r["total_score"], r["candidate_id"]))
        return rows[: self.top_k]

    def _near_misses(
        self, project: CanonicalProfile, kept: list[SearchResult], excluded: list[SearchResult]
    ) -> list[dict[str, Any]]:
        """Who would have ranked among the top-k but for a hard constraint, and which one."""
        bar = kept[self.top_k - 1].total if len(kept) >= self.top_k else 0.0
        return [
            {
                "candidate_id": r.profile_id,
                "rules": violated_rules(project.payload, r.payload, self.config),
            }
            for r in excluded
            if r.total >= bar
        ]

    def _verdicts(
        self,
        project: CanonicalProfile,
        results: list[SearchResult],
        report: MatchReport,
    ) -> dict[int, Any]:
        if self.mode != "hybrid" or self.judge is None or not results:
            return {}
        from pipeline.matching.ai import PairForJudging

        ids = [r.profile_id for r in results]
        candidates = {c.profile_id: c for c in self.matcher.indexer.profiles("candidate", ids)}
        pairs = [
            PairForJudging(
                project_id=project.profile_id,
                candidate_id=r.profile_id,
                project_text=project.text,
                candidate_text=candidates[r.profile_id].text,
                project_hash=project.content_hash,
                candidate_hash=candidates[r.profile_id].content_hash,
            )
            for r in results
            if r.profile_id in candidates
        ]
        verdicts = self.judge.judge(pairs)
        return {
            pair.candidate_id: verdict
            for pair, verdict in zip(pairs, verdicts, strict=True)
            if verdict is not None
        }

    def _row(
        self,
        project: CanonicalProfile,
        result: SearchResult,
        verdict: Any,
        near_misses: list[dict[str, Any]],
    ) -> dict[str, Any]:
        business = business_score(project.payload, result.payload, self.config)
        ai_score = None if verdict is None else min(1.0, max(0.0, float(verdict.score)))
        if self.mode == "hybrid":
            weights = self.config.hybrid_weights(ai_available=ai_score is not None)
            total = weights["vector"] * result.vector_score + weights["business"] * business.score
            total += weights.get("ai", 0.0) * (ai_score or 0.0)
        else:
            weights = self.config.standard_weights
            total = result.total
        explanation = explain(business.reasons, verdict, self.mode, weights)
        return {
            "project_id": project.profile_id,
            "candidate_id": result.profile_id,
            "scoring_version": self.version,
            "mode": self.mode,
            "vector_score": result.vector_score,
            "filter_score": result.filter_score,
            "ai_score": ai_score,
            "business_score": business.score,
            "total_score": round(min(1.0, max(0.0, total)), 6),
            "weights": weights,
            "explanation": explanation,
            "breakdown": {
                "business": business.parts,
                "matched_skills": business.matched_skills,
                "missing_skills": business.missing_skills,
                "ai_reasons": list(getattr(verdict, "reasons", []) or []),
                "near_misses_excluded": near_misses,
            },
            "run_id": self.run_id,
            "rank": None,
        }

    # --- storing --------------------------------------------------------------------------

    def _store(self, project_id: int, rows: list[dict[str, Any]], report: MatchReport) -> None:
        """Queue one project's new top-k; written in batches of `WRITE_BATCH` projects."""
        for rank, row in enumerate(rows, 1):
            row["rank"] = rank
        self._pending[project_id] = rows
        report.ai_scored += sum(1 for r in rows if r["ai_score"] is not None)
        if self.mode == "hybrid":
            report.ai_unavailable += sum(1 for r in rows if r["ai_score"] is None)
        if len(self._pending) >= WRITE_BATCH:
            self._flush(report)

    def _flush(self, report: MatchReport) -> None:
        """Hand the queued projects to the writer; at most one batch is in flight, so memory
        stays bounded and a failed write surfaces at the next batch, or at the end."""
        if not self._pending:
            return
        batch, self._pending = self._pending, {}
        self._await_write(report)
        if self._writer is None:
            report.matches_written += self._write(batch)
        else:
            self._writing = self._writer.submit(self._write, batch)

    def _write(self, batch: dict[int, list[dict[str, Any]]]) -> int:
        with self.engine.begin() as connection:
            return profile_store.replace_matches(connection, self.version, self.mode, batch)

    def _await_write(self, report: MatchReport) -> None:
        if self._writing is not None:
            writing, self._writing = self._writing, None
            report.matches_written += writing.result()

    def _merge(
        self,
        project_id: int,
        new: list[dict[str, Any]],
        changed: set[int],
        report: MatchReport,
    ) -> bool:
        """Merge freshly scored candidates into a project's stored top-k; True if it moved."""
        with self.engine.connect() as connection:
            stored = profile_store.project_matches(connection, project_id, self.version, self.mode)
        kept = [row for row in stored if row["candidate_id"] not in changed]
        if not new and len(kept) == len(stored):
            return False
        merged = sorted(kept + new, key=lambda r: (-r["total_score"], r["candidate_id"]))
        rows = [_storable(row) for row in merged[: self.top_k]]
        self._store(project_id, rows, report)
        return True


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    keep = ("project_id", "candidate_id", "scoring_version", "mode", "vector_score",
            "filter_score", "ai_score", "business_score", "total_score", "weights",
            "explanation", "breakdown", "run_id", "rank")  # fmt: skip
    return {key: row[key] for key in keep}


def explain(reasons: list[str], verdict: Any, mode: str, weights: dict[str, float]) -> str:
    """One readable line: the business reasons, then the AI part (or why it is missing)."""
    parts = list(reasons)
    if mode == "hybrid":
        if verdict is None:
            applied = " / ".join(f"{k} {v:g}" for k, v in weights.items())
            parts.append(f"AI score unavailable: weights renormalised to {applied}")
        elif getattr(verdict, "reasons", None):
            parts.append("AI: " + "; ".join(verdict.reasons[:2]))
    return "; ".join(parts)[:1000]


def rule_label(name: str) -> str:
    return RULE_LABELS.get(name, name)
