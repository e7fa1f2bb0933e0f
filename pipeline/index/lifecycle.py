"""A model change without downtime: build beside the serving collection, check, switch, retire.

Readers resolve the alias `chunks__current` (a Qdrant collection alias on a server, the edge
store's alias file when embedded) and embed their query with the model registered for the
collection it names, so a query is answered by one model, whole, before and after the switch.

    start(provider, model)    registry row 'building', an empty collection beside the current
    build(progress)           page through chunks lacking a vector under the new model (by key),
                              embed, upsert, record in chunk_vectors; stops if abandoned
    check()                   every live chunk covered, ids in the collection == rows in Postgres
    switch()                  one transaction: per-chunk state swapped, registry updated, alias
                              moved; the old collection is 'retired' until its grace period ends
    abandon()                 the build's collection and state dropped; the current is untouched
    drop_retired()            retired collections past their grace period are dropped

The regular vectorizer keeps the serving model up to date during the whole build.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.engine import Connection, Engine

from pipeline.errors import ConfigurationError
from pipeline.index.outbox import apply_deletions
from pipeline.progress import ProgressCallback
from pipeline.store import index_state
from pipeline.store.index_state import BuildChunk, IndexModel
from pipeline.store.vectors import VectorStore, collection_name, point_id
from pipeline.vectorize.batching import prepare_input
from pipeline.vectorize.embedders.base import Embedder
from pipeline.vectorize.errors import InputRejectedError
from pipeline.vectorize.idcheck import compare_ids
from pipeline.vectorize.quality import vector_problems
from pipeline.vectorize.tally import BatchTally, batch_progress, send_progress
from pipeline.vectorize.vectorizer import chunk_payload

ALIAS = "chunks__current"
DEFAULT_GRACE_S = 3600.0
MAX_PASSES = 3  # the first pass, then catch-up passes for chunks changed behind the cursor
LOG = logging.getLogger("pipeline.index")

EmbedderFactory = Callable[[str, str, int], Embedder]


class IndexStateError(ConfigurationError):
    """The index is not in the state the requested step needs (no build, a check failed, a
    retired model configured): no retry can help, the operator has to act."""


_PROVIDERS = {
    "HashingEmbedder": "hashing",
    "USEEmbedder": "use",
    "OpenAIEmbedder": "openai",
    "SentenceTransformersEmbedder": "sentence-transformers",
}


def provider_of(embedder: Embedder) -> str:
    """The provider name `create_embedder` takes to build this embedder again."""
    explicit = getattr(embedder, "provider", None)
    if explicit:
        return str(explicit)
    for cls in type(embedder).__mro__:
        if cls.__name__ in _PROVIDERS:
            return _PROVIDERS[cls.__name__]
    raise ConfigurationError(f"embedder {type(embedder).__name__} names no provider")


@dataclass(frozen=True)
class CheckResult:
    collection: str
    total: int
    covered: int
    missing_points: int
    extra_points: int

    @property
    def passed(self) -> bool:
        return self.covered == self.total and not self.missing_points and not self.extra_points

    def describe(self) -> str:
        if self.passed:
            return f"{self.collection}: all {self.total} chunk(s) covered, ids match"
        return (
            f"{self.collection}: {self.covered}/{self.total} chunk(s) covered, "
            f"{self.missing_points} point(s) missing, {self.extra_points} extra"
        )


@dataclass(kw_only=True)
class BuildReport(BatchTally):
    collection: str
    elapsed_s: float = 0.0
    abandoned: bool = False
    errors: dict[int, str] = field(default_factory=dict)

    @property
    def rate_per_s(self) -> float:
        return self.vectorized / self.elapsed_s if self.elapsed_s > 0 else 0.0


@dataclass(frozen=True)
class ModelStatus:
    model: IndexModel
    vectorized: int  # live chunks with a current vector under this model
    total: int  # live chunks (dead letters excluded)
    points: int  # in its collection


@dataclass(frozen=True)
class IndexStatus:
    models: list[ModelStatus]
    alias_target: str | None
    pending_deletions: dict[str, int]
    dead_letters: int

    def lines(self) -> list[str]:
        """What `pipeline index status` prints."""
        out = [f"alias {ALIAS} -> {self.alias_target or '(none yet: run pipeline vectorize)'}"]
        for row in self.models:
            m = row.model
            when = f", drop after {m.drop_after:%Y-%m-%d %H:%M}" if m.drop_after else ""
            out.append(
                f"{m.state:<9} {m.model} ({m.provider}, {m.dimension}-d) {m.collection}: "
                f"{row.vectorized}/{row.total} chunks vectorized, {row.points} points{when}"
            )
        deletions = ", ".join(f"{n} {k}(s)" for k, n in sorted(self.pending_deletions.items()))
        out.append(f"pending deletions: {deletions or 'none'}")
        out.append(f"dead letters: {self.dead_letters}")
        return out


class IndexLifecycle:
    """The registry, the alias and the migration steps for one Postgres and one vector store."""

    def __init__(
        self,
        engine: Engine,
        store: VectorStore,
        *,
        grace_s: float = DEFAULT_GRACE_S,
        batch_size: int = 64,
        page_size: int = 1024,
        logger: Any = None,
    ) -> None:
        self.engine = engine
        self.store = store
        self.grace_s = grace_s
        self.batch_size = batch_size
        self.page_size = page_size
        self.log = logger or LOG

    # --- what the vectorizer calls around each run ------------------------------------

    def before_run(self, embedder: Embedder) -> int:
        """Apply the outbox, drop retired collections past their grace, register the model.

        A plain run under a model that is not the current one is the in-place change of old
        (every chunk re-embedded, the alias moved now); `migrate` is the path without downtime.
        """
        collection = collection_name(embedder.name, embedder.dimension)
        applied = apply_deletions(self.engine, self.store, [(embedder.name, collection)])
        if not hasattr(self.store, "set_alias"):  # a bare store (a test double, a null store)
            return applied
        self.drop_retired()
        with self.engine.begin() as connection:
            index_state.lock_registry(connection)
            building = index_state.model_in_state(connection, "building")
            if building is not None and building.collection == collection:
                raise IndexStateError(
                    f"{embedder.name} is being built by a migration; finish or abandon it "
                    "(pipeline index migrate watch|abandon) before a plain run uses it"
                )
            current = index_state.model_in_state(connection, "current")
            if current is not None and current.collection == collection:
                return applied
            mine = index_state.model_of_collection(connection, collection)
            if current is not None and mine is not None and mine.state == "retired":
                # Stale settings after a switch would silently re-embed everything back.
                raise IndexStateError(
                    f"{embedder.name} was retired when the index switched to {current.model}; "
                    f"set EMBEDDER={current.provider} and EMBEDDING_MODEL / EMBEDDING_DIMENSIONS "
                    f"for {current.model}, or migrate back (pipeline index migrate start)"
                )
            if current is not None:
                self.log.warning(
                    f"vectorize: model changed in place from {current.model} to "
                    f"{embedder.name}; readers see a partial index until it is re-embedded "
                    "(pipeline index migrate start avoids this)"
                )
                index_state.set_state(
                    connection, current.collection, "retired", grace_s=self.grace_s
                )
            _register(connection, collection, embedder, "current")
            self.store.set_alias(ALIAS, collection)  # inside the transaction: both or neither
        return applied

    def after_run(self, embedder: Embedder) -> int:
        """Chunks deleted while the run embedded them: their fresh points go too."""
        collection = collection_name(embedder.name, embedder.dimension)
        return apply_deletions(self.engine, self.store, [(embedder.name, collection)])

    # --- the migration ----------------------------------------------------------------

    def start(self, embedder: Embedder) -> IndexModel:
        """Register `embedder`'s model as the one being built and create its collection."""
        collection = collection_name(embedder.name, embedder.dimension)
        with self.engine.begin() as connection:
            index_state.lock_registry(connection)
            building = index_state.model_in_state(connection, "building")
            if building is not None:
                if building.collection == collection:
                    return building  # starting again resumes
                raise IndexStateError(
                    f"a migration to {building.model} is in progress; watch or abandon it first"
                )
            current = index_state.model_in_state(connection, "current")
            if current is not None and current.collection == collection:
                raise IndexStateError(
                    f"{embedder.name} is already the current model; use vectorize --force "
                    "to re-embed it in place"
                )
            self.store.ensure_collection(collection, embedder.dimension)
            _register(connection, collection, embedder, "building")
            found = index_state.model_of_collection(connection, collection)
        assert found is not None
        self.log.info(f"index: building {collection} beside {current and current.collection}")
        return found

    def building(self) -> IndexModel | None:
        with self.engine.connect() as connection:
            return index_state.model_in_state(connection, "building")

    def current(self) -> IndexModel | None:
        with self.engine.connect() as connection:
            return index_state.model_in_state(connection, "current")

    def build(
        self, embedder: Embedder, progress_callback: ProgressCallback | None = None
    ) -> BuildReport:
        """Embed every live chunk lacking a vector under the building model, page by page."""
        target = self._require_building(embedder)
        started = time.monotonic()
        with self.engine.connect() as connection:
            cover = index_state.coverage(connection, target.model, target.dimension, serving=False)
        report = BuildReport(collection=target.collection, total=cover.total - cover.vectorized)
        after_id, passes, built_in_pass = 0, 1, 0
        while not report.abandoned:
            with self.engine.connect() as connection:
                page, last_id = index_state.chunks_to_build(
                    connection,
                    target.model,
                    target.dimension,
                    after_id=after_id,
                    limit=self.page_size,
                )
            if last_id is None:
                if built_in_pass and passes < MAX_PASSES:
                    # Text that changed behind the cursor: catch up from the start.
                    after_id, passes, built_in_pass = 0, passes + 1, 0
                    continue
                break
            after_id = last_id
            page = [c for c in page if c.id not in report.errors]  # failed once: not again
            built_in_pass += len(page)
            for start in range(0, len(page), self.batch_size):
                if self._abandoned(target):  # another caller or process gave the build up
                    report.abandoned = True
                    break
                batch = page[start : start + self.batch_size]
                try:
                    errors = self._build_batch(embedder, target, batch)
                except Exception:
                    if self._abandoned(target):  # its collection was dropped under us
                        report.abandoned = True
                        break
                    raise
                report.add_batch(len(batch) - len(errors), len(errors))
                report.errors.update(errors)
                report.elapsed_s = time.monotonic() - started
                _report(progress_callback, report, batch, errors, self.batch_size)
        report.elapsed_s = time.monotonic() - started
        if report.abandoned:  # abandoned elsewhere: what this process wrote goes too
            self.store.drop_collection(target.collection)
        return report

    def _build_batch(
        self, embedder: Embedder, target: IndexModel, batch: list[BuildChunk]
    ) -> dict[int, str]:
        """Embed and write one batch; return {chunk id: error} for chunks left out."""
        inputs = [prepare_input(c.content, embedder.max_tokens_per_input, "clip") for c in batch]
        errors = {c.id: item.refused for c, item in zip(batch, inputs, strict=True) if item.refused}
        keep = [i for i, c in enumerate(batch) if c.id not in errors]
        vectors = _embed_isolating(embedder, [inputs[i].text or "" for i in keep])
        ok: list[int] = []
        good: list[np.ndarray] = []
        for position, vector in zip(keep, vectors, strict=True):
            problem = (
                "input rejected"
                if vector is None
                else vector_problems(vector[None, :], 1, embedder.dimension)[0]
            )
            if problem is None:
                ok.append(position)
                good.append(vector)
            else:
                errors[batch[position].id] = problem
        if ok:
            self.store.upsert(
                target.collection,
                [point_id(batch[p].id, target.model) for p in ok],
                np.stack(good).astype(np.float32, copy=False),
                [chunk_payload(batch[p]) for p in ok],
            )
            with self.engine.begin() as connection:  # recorded only once the store has them
                index_state.record_vectors(
                    connection,
                    target.model,
                    target.dimension,
                    [batch[p].id for p in ok],
                    [batch[p].content_hash for p in ok],
                )
        return errors

    def check(self, target: IndexModel | None = None, *, apply_outbox: bool = True) -> CheckResult:
        """Coverage of the building (or given) model and its ids against Postgres.

        `apply_outbox=False` checks the store as it is (an asset check that changes nothing):
        points of rows deleted since the last run then count as extra.
        """
        target = target or self._require_building(None)
        if apply_outbox:
            apply_deletions(self.engine, self.store)  # deletions during the build leave first
        serving = target.state == "current"
        with self.engine.connect() as connection:
            cover = index_state.coverage(
                connection, target.model, target.dimension, serving=serving
            )
        ids = compare_ids(
            self.engine,
            self.store,
            target.collection,
            target.model,
            target.dimension,
            serving=serving,
        )
        return CheckResult(
            collection=target.collection,
            total=cover.total,
            covered=cover.vectorized,
            missing_points=ids.missing,
            extra_points=ids.extra,
        )

    def switch(self, checked: CheckResult | None = None) -> IndexModel:
        """Move the alias to the built collection in one step, once its check passes.

        `checked`: a passing check of this collection just made (migrate's), not redone.
        """
        target = self._require_building(None)
        fresh = checked is not None and checked.collection == target.collection
        result = checked if fresh and checked.passed else self.check(target)
        if not result.passed:
            raise IndexStateError(f"check failed, alias not moved: {result.describe()}")
        with self.engine.begin() as connection:
            index_state.lock_registry(connection)
            current = index_state.model_in_state(connection, "current")
            old = (current.model, current.dimension) if current else None
            index_state.swap_serving_state(
                connection, old=old, new=(target.model, target.dimension)
            )
            if current is not None:
                index_state.set_state(
                    connection, current.collection, "retired", grace_s=self.grace_s
                )
            index_state.set_state(connection, target.collection, "current")
            # Last, inside the transaction: if moving the alias fails, nothing above commits.
            self.store.set_alias(ALIAS, target.collection)
            switched = index_state.model_of_collection(connection, target.collection)
        assert switched is not None
        self.log.info(f"index: alias {ALIAS} -> {target.collection}")
        return switched

    def abandon(self) -> IndexModel:
        """Give up the build: its collection and per-chunk state go; the current stays."""
        target = self._require_building(None)
        with self.engine.begin() as connection:
            index_state.set_state(connection, target.collection, "abandoned")
            index_state.forget_model_vectors(connection, target.model, target.dimension)
        self.store.drop_collection(target.collection)
        return target

    def drop_retired(self) -> list[str]:
        """Drop retired collections whose grace period is over; return their names."""
        with self.engine.connect() as connection:
            due = index_state.retired_due(connection)
        dropped = []
        for model in due:
            if self.store.alias_target(ALIAS) == model.collection:
                continue  # never drop what readers resolve to
            self.store.drop_collection(model.collection)
            with self.engine.begin() as connection:
                index_state.forget_model_vectors(connection, model.model, model.dimension)
                index_state.set_state(connection, model.collection, "dropped")
            dropped.append(model.collection)
        return dropped

    def migrate(
        self,
        embedder: Embedder,
        progress_callback: ProgressCallback | None = None,
        *,
        switch: bool = True,
    ) -> tuple[BuildReport, CheckResult | None]:
        """start + build + (when complete and checked) switch."""
        self.start(embedder)
        report = self.build(embedder, progress_callback)
        if report.abandoned:
            return report, None
        result = self.check()
        if switch and result.passed:
            self.switch(result)
        return report, result

    def status(self) -> IndexStatus:
        """Models, their coverage and points, the alias target, pending deletions, dead letters."""
        with self.engine.connect() as connection:
            models = index_state.index_models(connection)
            rows = []
            for m in models:
                cover = index_state.coverage(
                    connection, m.model, m.dimension, serving=m.state == "current"
                )
                live = m.state in ("current", "building", "retired")
                rows.append(
                    ModelStatus(
                        model=m,
                        vectorized=cover.vectorized if live else 0,
                        total=cover.total,
                        points=self.store.count(m.collection) if live else 0,
                    )
                )
            deletions = index_state.count_deletions(connection)
            dead = index_state.count_dead_letters(connection)
        return IndexStatus(rows, self.store.alias_target(ALIAS), deletions, dead)

    # --- helpers ----------------------------------------------------------------------

    def _require_building(self, embedder: Embedder | None) -> IndexModel:
        building = self.building()
        if building is None:
            raise IndexStateError("no migration in progress (pipeline index migrate start)")
        if embedder is not None and (
            building.model != embedder.name or building.dimension != embedder.dimension
        ):
            raise IndexStateError(
                f"the migration builds {building.model} ({building.dimension}-d), "
                f"not {embedder.name} ({embedder.dimension}-d)"
            )
        return building

    def _abandoned(self, target: IndexModel) -> bool:
        """Another process may abandon the build: the loop stops at the next page."""
        with self.engine.connect() as connection:
            now = index_state.model_of_collection(connection, target.collection)
        return now is None or now.state != "building"


def _embed_isolating(embedder: Embedder, texts: list[str]) -> list[np.ndarray | None]:
    """Embed; an input the provider rejects is isolated by halving, and comes back None."""
    if not texts:
        return []
    try:
        return list(np.asarray(embedder.embed(texts), dtype=np.float32))
    except InputRejectedError:
        if len(texts) == 1:
            return [None]
        middle = len(texts) // 2
        return _embed_isolating(embedder, texts[:middle]) + _embed_isolating(
            embedder, texts[middle:]
        )


def _report(
    callback: ProgressCallback | None,
    report: BuildReport,
    batch: list[BuildChunk],
    errors: dict[int, str],
    batch_size: int,
) -> None:
    """The vectorizer's per-batch progress event, so the same events and bars apply."""
    if callback is not None:
        reasons = [errors.get(chunk.id) for chunk in batch]
        info = batch_progress(
            report, batch, reasons, batch_size=batch_size, elapsed_s=report.elapsed_s
        )
        send_progress(callback, info, LOG)


def _register(connection: Connection, collection: str, embedder: Embedder, state: str) -> None:
    """Record `embedder`'s model as the one in `collection`, in `state`."""
    index_state.register_model(
        connection,
        collection=collection,
        provider=provider_of(embedder),
        model=embedder.name,
        dimension=embedder.dimension,
        state=state,
    )
