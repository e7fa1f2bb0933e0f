"""migrate_index_job on a real Dagster instance: per-batch progress, the check, the switch."""

from __future__ import annotations

import sqlalchemy as sa
from dagster import AssetMaterialization, Definitions

from pipeline.defs.index.jobs import migrate_index_job
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.index.lifecycle import ALIAS
from pipeline_tests.vectorize.helpers import load_demo

RUN_CONFIG = {
    "ops": {
        "migrate_index_op": {"config": {"provider": "hashing", "dimensions": 48, "grace_s": 60}}
    }
}


def _check(resources, dagster_instance) -> tuple[bool, dict]:
    from pipeline.defs.catalog import chunk_vectors_spec
    from pipeline.defs.vectorize.checks import vectors_match_postgres_check

    defs = Definitions(
        assets=[chunk_vectors_spec()], asset_checks=[vectors_match_postgres_check],
        resources=resources,
    )  # fmt: skip
    result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=dagster_instance
    )
    (evaluation,) = result.get_asset_check_evaluations()
    return evaluation.passed, {k: v.value for k, v in evaluation.metadata.items()}


def test_the_migration_job_builds_checks_and_switches_with_batch_progress(
    db, tables, resources, dagster_instance
):
    total = load_demo(db, tables, chunks=100)
    assert vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    ).success
    result = migrate_index_job.execute_in_process(
        run_config=RUN_CONFIG, instance=dagster_instance, resources=resources
    )
    assert result.success
    summary = result.output_for_node("migrate_index_op")
    assert summary["vectorized"] == total and summary["switched"] and summary["check_passed"]
    materializations = [
        e.event_specific_data.materialization
        for e in result.all_events
        if e.event_type_value == "ASSET_MATERIALIZATION"
    ]
    assert all(isinstance(m, AssetMaterialization) for m in materializations)
    assert len(materializations) >= summary["batches"]  # one per key per batch at least
    (evaluation,) = result.get_asset_check_evaluations()
    assert evaluation.passed and evaluation.metadata["missing_points"].value == 0

    store = resources["qdrant"].open()
    try:
        assert store.alias_target(ALIAS) == "chunks__hashing-trigram-48__48"
    finally:
        store.close()
    passed, metadata = _check(resources, dagster_instance)
    assert passed and metadata["current_collection"] == "chunks__hashing-trigram-48__48"


def test_the_asset_check_fails_on_an_extra_point_per_model(db, tables, resources, dagster_instance):
    load_demo(db, tables, chunks=30)
    assert vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    ).success
    assert _check(resources, dagster_instance)[0]
    with db.begin() as connection:  # deleted, not yet applied: its point is extra
        connection.execute(sa.text("DELETE FROM document_chunks WHERE id = (SELECT min(id) "
                                   "FROM document_chunks)"))  # fmt: skip
    passed, metadata = _check(resources, dagster_instance)
    assert not passed
    assert (metadata["current_extra_points"], metadata["pending_deletions"]) == (1, 1)
    assert vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    ).success  # the run applies the outbox
    assert _check(resources, dagster_instance)[0]
