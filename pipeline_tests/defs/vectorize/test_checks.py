"""The standalone vectors_match_postgres check, run as Dagster runs it."""

from __future__ import annotations

import sqlalchemy as sa
from dagster import Definitions

from pipeline.defs.catalog import chunk_vectors_spec
from pipeline.defs.vectorize.checks import vectors_match_postgres_check
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline_tests.vectorize.helpers import load_demo, load_texts


def test_the_standalone_check_passes_after_a_run_and_fails_on_a_missing_point(
    db, tables, resources, dagster_instance
):
    def run_check() -> bool:
        defs = Definitions(
            assets=[chunk_vectors_spec()],
            asset_checks=[vectors_match_postgres_check],
            resources=resources,
        )
        result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
            instance=dagster_instance
        )
        (evaluation,) = result.get_asset_check_evaluations()
        assert evaluation.check_name == "vectors_match_postgres"
        return evaluation.passed

    load_demo(db, tables, chunks=40)
    assert vectorize_documents_job.execute_in_process(
        instance=dagster_instance, resources=resources
    ).success
    assert run_check()
    # A row marked vectorized whose point never reached Qdrant: the silent gap.
    load_texts(db, tables, ["never embedded"], external_id="gap")
    with db.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE document_chunks d SET embedding_model = v.embedding_model, "
                "embedding_dim = v.embedding_dim, vectorized_hash = d.content_hash, "
                "vectorized_at = now() "
                "FROM (SELECT embedding_model, embedding_dim "
                "FROM document_chunks WHERE embedding_model IS NOT NULL LIMIT 1) v "
                "WHERE d.embedding_model IS NULL"
            )
        )
    assert not run_check()
