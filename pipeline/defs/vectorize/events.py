"""Turn the Vectorizer's per-batch progress into Dagster asset events, cheaply.

An event written to Dagster's Postgres storage is an insert, a NOTIFY and an asset-key upsert
in its own transaction, with the event serialised twice: measured here ~1.8 ms of this
process's CPU and 2.5-5 ms of wall time per event (building our metadata: ~0.05 ms; a smaller
metadata dict saves ~0.1 ms, the rest is Dagster's). So the default is one AssetMaterialization
per asset key per batch (a batch of 32 chunks in id order spans one to three documents), built
from what `BatchProgress` already carries, no query per chunk, and the op writes them on a
background thread (`background=True`) so the loop does not wait on the store. "chunk"
reproduces seed 003's one event per chunk for those who want it; "none" turns events off.
Metadata stays small: counts, progress, and at most `max_ids` chunk ids.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, Literal

from dagster import AssetKey, AssetMaterialization, DagsterInstance, MetadataValue

from pipeline.progress import BatchChunk, BatchProgress, format_progress
from pipeline.tracking.writer import DEFAULT_MAX_PENDING, OrderedWriter

EventsSetting = Literal["batch", "chunk", "none"]

ASSET_PREFIX = ("silver", "vectorized_chunks")
PLACEHOLDER = "unknown"
EMAIL_SOURCE = "email"
EMAIL_DEFAULT_CATEGORY = "inbox"
DEFAULT_MAX_IDS = 50
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]+")


def _part(value: str | None, placeholder: str = PLACEHOLDER) -> str:
    """One asset-key part: a stable placeholder when missing, URL-safe characters only."""
    cleaned = _UNSAFE.sub("_", (value or "").strip()).strip("_")
    return cleaned or placeholder


def asset_key_for(chunk: BatchChunk) -> AssetKey:
    """silver/vectorized_chunks/<market>/<doc_type>/<stock_code>; emails by category.

    Emails have no market or stock code; they group as silver/vectorized_chunks/email/
    <category> (the intake stores candidate | project | other as the doc_type).
    """
    if chunk.get("source") == EMAIL_SOURCE:
        category = _part(chunk["doc_type"], EMAIL_DEFAULT_CATEGORY)
        return AssetKey([*ASSET_PREFIX, EMAIL_SOURCE, category])
    return AssetKey(
        [
            *ASSET_PREFIX,
            _part(chunk["market"]),
            _part(chunk["doc_type"]),
            _part(chunk["stock_code"]),
        ]
    )


def format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    seconds = max(0, round(seconds))
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"


def bounded_ids(ids: list[int], max_ids: int = DEFAULT_MAX_IDS) -> str:
    """'1,2,3' or '1,2,3 (+97 more)': per-chunk detail that cannot grow an event unboundedly."""
    shown = ",".join(str(i) for i in ids[:max_ids])
    return f"{shown} (+{len(ids) - max_ids} more)" if len(ids) > max_ids else shown


def _progress_metadata(info: BatchProgress) -> dict[str, Any]:
    total = info["total"]
    return {
        "batch": f"{info['batch_num']}/{info['total_batches']}",
        "progress": format_progress(info["processed"], total),
        "progress_fraction": MetadataValue.float(
            round(info["processed"] / total, 4) if total else 1.0
        ),
        "rate_per_s": MetadataValue.float(round(info["rate_per_s"], 1)),
        "eta": format_eta(info["eta_s"]),
        "run_vectorized": info["total_vectorized"],
        "run_failed": info["total_failed"],
    }


def _subject_label(chunk: BatchChunk) -> str:
    """Who the chunk is about: the company, or for an email its category."""
    if chunk.get("source") == EMAIL_SOURCE:
        return f"{EMAIL_SOURCE} ({chunk['doc_type'] or EMAIL_DEFAULT_CATEGORY})"
    return chunk["company_name"] or PLACEHOLDER


def _describe(company: str, indexes: list[int], documents: int, batch: str) -> str:
    low, high = min(indexes), max(indexes)
    span = f"chunk {low}" if low == high else f"chunks {low}-{high}"
    where = f" of {documents} documents" if documents > 1 else ""
    return f"{company} - {span}{where} (batch {batch})"


def batch_materializations(
    info: BatchProgress, max_ids: int = DEFAULT_MAX_IDS
) -> list[AssetMaterialization]:
    """One materialization per asset key in this batch that gained vectors."""
    groups: dict[AssetKey, list[BatchChunk]] = {}
    for chunk in info["batch_chunks"]:
        groups.setdefault(asset_key_for(chunk), []).append(chunk)
    shared = _progress_metadata(info)
    events = []
    for key, chunks in groups.items():
        done = [c for c in chunks if c["vectorized"]]
        if not done:
            continue  # nothing materialized under this key; failures are counted in the run
        company = _subject_label(done[0])
        documents = len({c["document_id"] for c in done})
        metadata = {
            **shared,
            "vectorized": len(done),
            "failed": len(chunks) - len(done),
            "chunk_count": len(done),
            "chunk_ids": bounded_ids([c["chunk_id"] for c in done], max_ids),
            "document_ids": bounded_ids(sorted({c["document_id"] for c in done}), max_ids),
        }
        description = _describe(
            company, [c["chunk_index"] for c in done], documents, shared["batch"]
        )
        events.append(AssetMaterialization(key, description=description, metadata=metadata))
    return events


def chunk_materializations(info: BatchProgress) -> list[AssetMaterialization]:
    """Seed 003's mode: one materialization per vectorized chunk (costly on Postgres storage)."""
    shared = _progress_metadata(info)
    return [
        AssetMaterialization(
            asset_key_for(chunk),
            description=_describe(
                _subject_label(chunk), [chunk["chunk_index"]], 1, shared["batch"]
            ),
            metadata={
                **shared,
                "chunk_id": chunk["chunk_id"],
                "document_id": chunk["document_id"],
            },
        )
        for chunk in info["batch_chunks"]
        if chunk["vectorized"]
    ]


class ProgressEvents:
    """The `progress_callback` handed to the Vectorizer: builds and emits one batch's events.

    `background=True` hands the built events to an `OrderedWriter`, so the loop goes on to
    the next batch while Dagster writes this one's (in order, each batch's events within
    milliseconds, none dropped); the op must `close()` it before it returns, so every event
    is in the step's event list. Dagster's log handler keeps its capture flag per thread and
    serialises writes under its lock, so a second thread logging is safe (dagster #7442).

    A failure to emit (storage hiccup, a bad value) is counted and reported through `warn`,
    never raised: a watcher must not stop the work it watches.
    """

    def __init__(
        self,
        emit: Callable[[AssetMaterialization], None],
        events: EventsSetting = "batch",
        max_ids: int = DEFAULT_MAX_IDS,
        warn: Callable[[str], None] | None = None,
        background: bool = False,
        max_pending: int = DEFAULT_MAX_PENDING,
    ) -> None:
        self.emit = emit
        self.events = events
        self.max_ids = max_ids
        self.warn = warn
        self.batches = 0
        self.emit_s = 0.0  # time the loop spent in this callback (building, emitting or queuing)
        self.asset_keys: set[AssetKey] = set()
        self._written = 0
        self._errors = 0
        self._write_s = 0.0
        self._writer: OrderedWriter[tuple[int, AssetMaterialization]] | None = None
        if background and events != "none":
            self._writer = OrderedWriter(self._emit_one, self._failed, max_pending)

    @property
    def emitted(self) -> int:
        return self._written + (self._writer.written if self._writer else 0)

    @property
    def errors(self) -> int:
        return self._errors + (self._writer.errors if self._writer else 0)

    @property
    def write_s(self) -> float:
        """Time spent writing events to the store, on whichever thread wrote them."""
        return self._write_s + (self._writer.write_s if self._writer else 0.0)

    @property
    def write_cpu_s(self) -> float:
        """This process's CPU time in those writes (the writer thread's; 0 when synchronous)."""
        return self._writer.write_cpu_s if self._writer else 0.0

    def __call__(self, info: BatchProgress) -> None:
        self.batches += 1
        if self.events == "none":
            return
        started = time.perf_counter()
        try:
            if self.events == "chunk":
                events = chunk_materializations(info)
            else:
                events = batch_materializations(info, self.max_ids)
            for event in events:
                self.asset_keys.add(event.asset_key)
                if self._writer is not None:
                    self._writer.submit((info["batch_num"], event))
                else:
                    self._emit_sync(info["batch_num"], event)
        except Exception as e:
            self._errors += 1
            self._warn(info["batch_num"], e, self._errors)
        finally:
            self.emit_s += time.perf_counter() - started

    def close(self) -> None:
        """Write the events still queued and stop the writer (a no-op without one)."""
        if self._writer is not None:
            self._writer.close()

    def __enter__(self) -> ProgressEvents:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _emit_sync(self, batch_num: int, event: AssetMaterialization) -> None:
        started = time.perf_counter()
        try:
            self.emit(event)
            self._written += 1
        except Exception as e:
            self._errors += 1
            self._warn(batch_num, e, self._errors)
        finally:
            self._write_s += time.perf_counter() - started

    def _emit_one(self, item: tuple[int, AssetMaterialization]) -> None:
        self.emit(item[1])

    def _failed(self, item: tuple[int, AssetMaterialization], error: Exception) -> None:
        self._warn(item[0], error, self._writer.errors if self._writer else 0)

    def _warn(self, batch_num: int, error: Exception, count: int) -> None:
        if self.warn is not None and count <= 3:
            self.warn(
                f"progress event for batch {batch_num} not recorded "
                f"({type(error).__name__}: {error}); vectorizing goes on"
            )


def hold_event_log_connection(instance: DagsterInstance) -> None:
    """Keep one pooled connection to the event log for the rest of this step.

    Dagster's Postgres event storage opens a fresh connection for every event (NullPool, so
    idle processes hold none): about 20 ms of each ~25 ms materialization on this machine. A
    vectorize step writes events every batch, so it holds one connection, as the webserver
    does (storages without pooling treat this as a no-op).
    """
    instance.event_log_storage.optimize_for_webserver(
        statement_timeout=0, pool_recycle=3600, max_overflow=1
    )
