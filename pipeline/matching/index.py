"""Profiles in Qdrant: one point per candidate and per project, kept in step with Postgres.

Each kind has its own collection per embedding model (`candidates__<model>__<dim>`), point
ids are uuid5 of (kind, row id, model), and `profile_points` records the content hash each
point was built from. A sync embeds and upserts only the profiles whose hash changed (or that
are new), records them only after the store has them, and deletes the points of profiles that
left Postgres.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.engine import Engine

from pipeline.matching.config import MatchingConfig
from pipeline.matching.heap import collector_paused
from pipeline.matching.profiles import (
    COLUMNS,
    CanonicalProfile,
    ProfileKind,
    candidate_profile,
    project_profile,
)
from pipeline.store import profiles as profile_store
from pipeline.store.vectors import POINT_NAMESPACE, VectorStore, collection_name
from pipeline.vectorize.embedders.base import Embedder

KINDS: tuple[ProfileKind, ...] = ("candidate", "project")
_BUILDERS = {"candidate": candidate_profile, "project": project_profile}
# profiles: read and build; embed; upsert: the store's points (built and written) and their
# profile_points rows; payload_indexes: ensuring them; delete: removed profiles' points.
PHASES = ("profiles", "embed", "upsert", "payload_indexes", "delete")
EMBED_BATCH = 256  # texts per embedder call
UPSERT_BATCH = 4096  # points per store upsert and per transaction recording them
# Payload indexes on every key the filters and the formula read: without them the engine
# reads each point's payload (measured: 44 ms a filtered search over 2,000 profiles; 4 ms).
# Flags and ids are only matched, never ranged (filters.py, search.py): 'integer_lookup'
# builds one index instead of a lookup and a range (4 of them over 20,000 points: 0.19 s
# instead of 0.29 s to create, 3 interleaved pairs; creation is fsync-bound).
PAYLOAD_INDEXES = {
    "candidate": {
        "skills": "keyword", "place": "keyword", "remote": "keyword", "nationality": "keyword",
        "language": "keyword", "years": "float", "rate_min": "float", "available_day": "float",
        "japanese_rank": "integer", "commercial_depth": "integer",
        "remote_only": "integer_lookup", "profile_id": "integer_lookup",
    },
    "project": {
        "skills": "keyword", "place": "keyword", "remote": "keyword", "country": "keyword",
        "language": "keyword", "min_years": "float", "budget_max": "float", "start_day": "float",
        "japanese_rank_min": "integer", "max_commercial_depth": "integer",
        "foreign_nationals_ok": "integer_lookup", "is_open": "integer_lookup",
        "profile_id": "integer_lookup",
    },
}  # fmt: skip
# A profile collection is sealed into an on-disk segment past 64 MiB of vectors (the store's
# default is 16 MiB, sized for chunk collections ten times larger): 64,000 profiles at 256
# dimensions, 32,000 at 512, resident until then.
PROFILE_SEGMENT_KB = 64 * 1024
# Profile fields no query filters or scores on and no reader takes from a hit: they stay in
# Postgres (and in the content hash, so a change still re-upserts), not in the point. Each
# payload value costs ~2.5 us to hand to the engine, and every payload index build reads
# every payload whole: without these three and the content hash (kept in profile_points),
# 20,000 candidates convert in 0.94 s instead of 1.17 and index in 1.03-1.09 s instead of
# 1.10-1.62 (interleaved).
UNSTORED_KEYS = frozenset({"kind", "skill_years", "rate_max"})


def point_payload(profile: CanonicalProfile) -> dict[str, Any]:
    """What a profile's point holds: its payload less `UNSTORED_KEYS`."""
    return {k: v for k, v in profile.payload.items() if k not in UNSTORED_KEYS}


def profile_collection(kind: ProfileKind, embedder: Embedder) -> str:
    return collection_name(embedder.name, embedder.dimension, prefix=f"{kind}s")


def profile_point_id(kind: ProfileKind, profile_id: int, model: str) -> str:
    return str(uuid.uuid5(POINT_NAMESPACE, f"{kind}:{profile_id}:{model}"))


@dataclass
class IndexReport:
    indexed: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    unchanged: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    removed: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    changed_ids: dict[str, list[int]] = field(default_factory=lambda: {k: [] for k in KINDS})
    # Wall seconds by phase, both kinds together: where a sync's time goes (the benchmark
    # prints them; kept out of `as_dict`, which is run metadata).
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] += time.perf_counter() - started

    def as_dict(self) -> dict[str, int]:
        return {
            "candidates_indexed": self.indexed["candidate"],
            "projects_indexed": self.indexed["project"],
            "unchanged": sum(self.unchanged.values()),
            "removed": sum(self.removed.values()),
        }


@dataclass(eq=False)
class ProfileIndexer:
    engine: Engine
    embedder: Embedder
    store: VectorStore
    config: MatchingConfig

    def profiles(self, kind: ProfileKind, ids: list[int] | None = None) -> list[CanonicalProfile]:
        """Canonical profiles of one kind, read from Postgres."""
        with self.engine.connect() as connection:
            rows = profile_store.load_profiles(connection, kind, ids, COLUMNS[kind])
        build = _BUILDERS[kind]
        return [build(row, self.config.currency_rates) for row in rows]

    def sync(self) -> IndexReport:
        """Upsert new and changed profiles, delete the points of removed ones."""
        report = IndexReport()
        with collector_paused():
            for kind in KINDS:
                self._sync_kind(kind, report)
        return report

    def _sync_kind(self, kind: ProfileKind, report: IndexReport) -> None:
        model = self.embedder.name
        collection = profile_collection(kind, self.embedder)
        # The payload indexes exist before the first upsert, and the collection keeps one
        # appendable segment up to PROFILE_SEGMENT_KB: each point is then indexed as it is
        # written, and no segment is sealed (rebuilt with every index) during a bulk load.
        # Measured at 20,000 candidates (2 interleaved rounds): upsert and indexes 1.0-1.2 s
        # (CPU 0.75-0.83) against 2.5-2.7 s (CPU 1.4) with the indexes built after a load
        # sealed at 16 MiB, and 2.2-2.4 s with them before and one seal at the end; one
        # search_candidates p50 2.3-2.5 ms on either. Ensuring an index that exists is a
        # no-op, so an incremental run pays nothing. Every key is kept, also the formula-only
        # ones (years, rate_min, remote, ...): the formula reads indexed keys through the
        # index; without them one search_candidates over 20,000 candidates took p50 6.0 ms
        # instead of 4.0 ms (99 ms with no index at all).
        with report.timed("payload_indexes"):
            self.store.ensure_collection(
                collection, self.embedder.dimension, payload_indexes=PAYLOAD_INDEXES[kind],
                segment_kb=PROFILE_SEGMENT_KB,
            )  # fmt: skip
        with report.timed("profiles"):
            current = self.profiles(kind)
            with self.engine.connect() as connection:
                indexed = profile_store.indexed_points(connection, kind, model)
        changed = [p for p in current if indexed.get(p.profile_id) != p.content_hash]
        report.unchanged[kind] = len(current) - len(changed)
        for start in range(0, len(changed), UPSERT_BATCH):
            batch = changed[start : start + UPSERT_BATCH]
            self._upsert(kind, collection, batch, report)
            report.indexed[kind] += len(batch)
        if changed:
            with report.timed("upsert"):  # the step ends with the points on disk
                self.store.flush(collection)
        report.changed_ids[kind] = [p.profile_id for p in changed]
        gone = sorted(set(indexed) - {p.profile_id for p in current})
        if gone:
            with report.timed("delete"):
                self.store.delete(collection, [profile_point_id(kind, i, model) for i in gone])
                with self.engine.begin() as connection:
                    profile_store.forget_points(connection, kind, model, gone)
                    profile_store.forget_matched(connection, kind, gone)
            report.removed[kind] = len(gone)

    def _upsert(
        self,
        kind: ProfileKind,
        collection: str,
        batch: list[CanonicalProfile],
        report: IndexReport,
    ) -> None:
        model = self.embedder.name
        texts = [p.text for p in batch]
        with report.timed("embed"):
            vectors = np.concatenate(
                [
                    np.asarray(self.embedder.embed(texts[i : i + EMBED_BATCH]), dtype=np.float32)
                    for i in range(0, len(texts), EMBED_BATCH)
                ]
            )
        with report.timed("upsert"):
            ids = [profile_point_id(kind, p.profile_id, model) for p in batch]
            payloads = [point_payload(p) for p in batch]
            self.store.upsert(collection, ids, vectors, payloads)
            with self.engine.begin() as connection:  # recorded once the store has the points
                profile_store.record_points(
                    connection, kind, model, collection,
                    [(p.profile_id, p.content_hash) for p in batch],
                )  # fmt: skip
