"""vectorize_documents_job executed in process on real Postgres (app tables and Dagster storage)."""

from __future__ import annotations

import logging
import re
from collections import Counter

import pytest
import sqlalchemy as sa
from dagster import DagsterInstance, DagsterInvalidConfigError

from pipeline.defs.vectorize.events import ProgressEvents, asset_key_for, batch_materializations
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.defs.vectorize.quality import CHECK_NAME
from pipeline.progress import BatchChunk
from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import PendingFilter, Vectorizer, create_embedder
from pipeline_tests.vectorize.helpers import load_demo

OP = "vectorize_chunks_op"


def run_config(**vectorize) -> dict:
    return {"ops": {OP: {"config": vectorize}}}


def batch_events(result) -> list:
    """The per-batch progress materializations (not the collection's end-of-step one)."""
    return [
        m
        for m in result.asset_materializations_for_node(OP)
        if m.asset_key.path[:2] == ["silver", "vectorized_chunks"]
    ]


def vectorized_count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(
            sa.text("SELECT count(*) FROM document_chunks WHERE vectorized_at IS NOT NULL")
        ).scalar_one()


def test_each_batch_materializes_each_of_its_asset_keys_once_with_progress_metadata(
    db, tables, resources, dagster_instance: DagsterInstance
):
    load_demo(db, tables, chunks=200)
    result = vectorize_documents_job.execute_in_process(
        run_config=run_config(batch_size=16), instance=dagster_instance, resources=resources
    )
    assert result.success
    events = batch_events(result)
    per_batch = Counter((m.metadata["batch"].value, m.asset_key) for m in events)
    assert max(per_batch.values()) == 1  # at most one event per asset key per batch
    batches = {m.metadata["batch"].value for m in events}
    assert batches == {f"{k}/13" for k in range(1, 14)}  # 200 chunks / 16 per batch
    assert sum(m.metadata["chunk_count"].value for m in events) == 200
    assert len(events) < 200 / 4  # far fewer than one per chunk
    for m in events:
        path = m.asset_key.path
        assert path[:2] == ["silver", "vectorized_chunks"] and len(path) == 5
        assert path[2] in {"a_share", "hk_stock", "jp_stock", "us_stock"}
        batch = m.metadata["batch"].value
        assert m.description.endswith(f"(batch {batch})")
        assert re.search(r" - chunks? \d+(-\d+)?", m.description)
        assert re.fullmatch(r"\d+/200 \(\d+\.\d%\)", m.metadata["progress"].value)
        assert 0 < m.metadata["progress_fraction"].value <= 1
        assert {"rate_per_s", "eta", "vectorized", "failed", "chunk_ids"} <= set(m.metadata)
    last = [m for m in events if m.metadata["batch"].value == "13/13"]
    assert all(m.metadata["progress"].value == "200/200 (100.0%)" for m in last)
    # Stored in Dagster's Postgres event log, not only in the in-process result.
    stored = dagster_instance.all_logs(result.run_id)
    assert sum(1 for e in stored if e.dagster_event and e.dagster_event.is_step_materialization)
    assert vectorized_count(db) == 200


def test_run_summary_is_output_metadata_and_quality_check_passes(
    db, tables, resources, dagster_instance
):
    load_demo(db, tables, chunks=90)
    result = vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    )
    output = next(e for e in result.events_for_node(OP) if e.is_successful_output)
    metadata = output.step_output_data.metadata
    assert metadata["total"].value == 90 and metadata["vectorized"].value == 90
    assert metadata["failed"].value == 0 and metadata["dead_lettered"].value == 0
    assert metadata["points_in_collection"].value == 90
    assert {"elapsed_s", "rate_per_s", "progress_events"} <= set(metadata)
    assert result.output_for_node(OP)["vectorized"] == 90
    (check,) = result.get_asset_check_evaluations()
    assert check.check_name == CHECK_NAME and check.passed
    assert check.metadata["vectorized_rows"].value == 90


def test_chunk_granularity_emits_one_event_per_chunk_and_none_emits_none(
    db, tables, resources, dagster_instance
):
    load_demo(db, tables, chunks=40)
    per_chunk = vectorize_documents_job.execute_in_process(
        run_config=run_config(events="chunk"), instance=dagster_instance, resources=resources
    )
    events = batch_events(per_chunk)
    assert len(events) == 40
    assert len({m.metadata["chunk_id"].value for m in events}) == 40
    with db.begin() as connection:
        connection.execute(sa.text("UPDATE document_chunks SET content = content || ' v2'"))
        connection.execute(sa.text("UPDATE document_chunks SET content_hash = md5(content) || 'x'"))
    silent = vectorize_documents_job.execute_in_process(
        run_config=run_config(events="none"), instance=dagster_instance, resources=resources
    )
    assert batch_events(silent) == []
    assert silent.output_for_node(OP)["vectorized"] == 40


def test_chunk_ids_in_event_metadata_are_bounded(db, tables, resources, dagster_instance):
    load_demo(db, tables, chunks=120)
    result = vectorize_documents_job.execute_in_process(
        run_config=run_config(batch_size=120, max_chunk_ids_per_event=5),
        instance=dagster_instance,
        resources=resources,
    )
    for m in batch_events(result):
        ids = m.metadata["chunk_ids"].value
        count = m.metadata["chunk_count"].value
        assert len(ids.split(" ")[0].split(",")) == min(5, count)
        if count > 5:
            assert ids.endswith(f"(+{count - 5} more)")


def test_scan_filters_and_limit_reach_the_vectorizer(db, tables, resources, dagster_instance):
    load_demo(db, tables, chunks=300)
    config = {
        "ops": {
            "scan_unvectorized_chunks_op": {"config": {"markets": ["jp_stock"], "limit": 12}},
            OP: {"config": {"batch_size": 5}},
        }
    }
    result = vectorize_documents_job.execute_in_process(
        run_config=config, instance=dagster_instance, resources=resources
    )
    assert result.output_for_node("scan_unvectorized_chunks_op")["pending"] == 12
    assert result.output_for_node(OP)["vectorized"] == 12
    keys = {m.asset_key.path[2] for m in batch_events(result)}
    assert keys == {"jp_stock"}


@pytest.mark.parametrize(
    ("config", "typo"),
    [
        ({"ops": {OP: {"config": {"batch_sise": 8}}}}, "batch_sise"),
        ({"ops": {OP: {"config": {"events": "per_batch"}}}}, "per_batch"),
        ({"ops": {"scan_unvectorized_chunks_op": {"config": {"limt": 5}}}}, "limt"),
        ({"ops": {OP: {"config": {"provider": "opnai"}}}}, "opnai"),
    ],
)
def test_a_config_typo_is_rejected_before_the_run_starts(
    db, resources, dagster_instance, config, typo
):
    runs_before = dagster_instance.get_runs_count()
    with pytest.raises(DagsterInvalidConfigError) as error:
        vectorize_documents_job.execute_in_process(
            run_config=config, instance=dagster_instance, resources=resources
        )
    assert typo in str(error.value)
    assert dagster_instance.get_runs_count() == runs_before  # no run was created


def test_failing_progress_events_do_not_stop_vectorizing(db, tables, qdrant_path, caplog):
    """The op's callback with an event sink that fails on every other batch (storage down)."""
    load_demo(db, tables, chunks=100)
    emitted = []

    def flaky_emit(event):
        if len(emitted) % 2:
            emitted.append(None)
            raise ConnectionError("event log unavailable")
        emitted.append(event)

    warnings: list[str] = []
    events = ProgressEvents(flaky_emit, "batch", warn=warnings.append)
    store = create_vector_store(path=qdrant_path)
    try:
        vectorizer = Vectorizer(db, create_embedder("hashing", dimensions=64), store, batch_size=10)
        with caplog.at_level(logging.WARNING):
            summary = vectorizer.vectorize_pending(PendingFilter(), progress_callback=events)
    finally:
        store.close()
    assert summary["vectorized"] == 100 and vectorized_count(db) == 100
    assert events.errors > 0 and events.batches == 10
    assert warnings and "vectorizing goes on" in warnings[0]


def test_asset_keys_use_placeholders_and_give_emails_their_own_key():
    chunk = BatchChunk(
        chunk_id=1, document_id=1, chunk_index=0, market=None, doc_type="annual report",
        stock_code="600519.SH", company_name=None, source="demo_reports", vectorized=True,
        error=None,
    )  # fmt: skip
    assert asset_key_for(chunk).path == [
        "silver", "vectorized_chunks", "unknown", "annual_report", "600519_SH",
    ]  # fmt: skip
    email = {**chunk, "source": "email", "doc_type": "candidate"}
    assert asset_key_for(email).path == ["silver", "vectorized_chunks", "email", "candidate"]
    inbox = {**chunk, "source": "email", "doc_type": None}
    assert asset_key_for(inbox).path == ["silver", "vectorized_chunks", "email", "inbox"]


def test_email_batches_are_described_by_category_not_a_placeholder():
    info = {
        "batch_num": 3, "total_batches": 9, "batch_size": 2, "processed": 6, "total": 18,
        "vectorized_count": 2, "failed_count": 0, "elapsed_s": 1.0, "rate_per_s": 6.0,
        "eta_s": 2.0, "tokens": 100, "retries": 0, "total_vectorized": 6, "total_failed": 0,
        "batch_chunks": [
            BatchChunk(
                chunk_id=i, document_id=7, chunk_index=i, market=None, doc_type="project",
                stock_code=None, company_name=None, source="email", vectorized=True, error=None,
            )
            for i in (0, 1)
        ],
    }  # fmt: skip

    (event,) = batch_materializations(info)

    assert event.asset_key.path == ["silver", "vectorized_chunks", "email", "project"]
    assert event.description == "email (project) - chunks 0-1 (batch 3/9)"
