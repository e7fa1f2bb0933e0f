"""vectorize_documents_job executed in process on real Postgres (app tables and Dagster storage)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import sqlalchemy as sa
from dagster import AssetKey, DagsterInstance, DagsterInvalidConfigError

from pipeline.defs.catalog import CHUNK_VECTORS_KEY, catalog_specs
from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.defs.vectorize.quality import CHECK_NAME
from pipeline.store.database import scratch_schema
from pipeline_tests.vectorize.helpers import chunk_count, load_demo

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
    assert chunk_count(db, "vectorized_at IS NOT NULL") == 200


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


def test_every_key_the_vectorize_job_writes_is_a_defined_asset(
    db, tables, resources, dagster_instance, database_url: str
):
    load_demo(db, tables, chunks=120)
    specs = {spec.key: spec for spec in catalog_specs(database_url)}
    result = vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    )
    written = {m.asset_key for m in result.asset_materializations_for_node(OP)}
    assert any(len(key.path) == 5 for key in written)  # seed 003's layout, per stock
    assert written <= set(specs), sorted(k.to_user_string() for k in written - set(specs))
    assert CHUNK_VECTORS_KEY in written
    for key in written:
        spec = specs[key]
        assert spec.group_name == "vectorized_chunks"
        assert spec.owners == ["team:data"]
        assert {"postgres", "qdrant"} <= set(spec.kinds)
        assert spec.description
    a_share = next(k for k in specs if k.path[:3] == ["silver", "vectorized_chunks", "a_share"])
    assert "a_share" in specs[a_share].description
    assert AssetKey(["silver", "vectorized_chunks", "email", "candidate"]) in specs


def test_a_database_without_the_schema_fails_once_in_one_line_without_retries(
    postgres_server_url, qdrant_path, dagster_instance
):
    """A fresh database (migrations never run): retrying for a minute cannot help."""
    with scratch_schema(postgres_server_url, "unmigrated") as empty_url:
        result = vectorize_documents_job.execute_in_process(
            run_config=run_config(),
            instance=dagster_instance,
            resources={
                "postgres": PostgresResource(database_url=empty_url),
                "qdrant": QdrantResource(path=str(qdrant_path)),
                "embedder": EmbedderResource(provider="hashing", dimensions=64),
            },
            raise_on_error=False,
        )
    assert not result.success
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    retries = [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert retries == []
    assert [e.step_key for e in failures] == ["scan_unvectorized_chunks_op"]
    message = failures[0].event_specific_data.error.message
    assert "run `pipeline db migrate`" in message and "\n" not in message.strip()
