"""The code location loads as the webserver loads it, with the job, sensors and schedule."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op
from pipeline.settings import REPO_ROOT

OP = "vectorize_chunks_op"


def test_definitions_list_the_job_sensors_and_schedule():
    from pipeline.definitions import defs

    repository = defs.get_repository_def()
    assert "vectorize_documents_job" in {job.name for job in repository.get_all_jobs()}
    assert {s.name for s in repository.sensor_defs} >= {
        "pending_chunks_sensor",
        "vectorize_failure_sensor",
    }
    assert {s.name for s in repository.schedule_defs} >= {"vectorize_nightly_schedule"}
    job = repository.get_job("vectorize_documents_job")
    assert set(job.resource_defs) >= {"postgres", "qdrant", "embedder"}
    assert vectorize_chunks_op.retry_policy.max_retries >= 1


def test_launchpad_form_documents_every_config_field():
    for op_def in (scan_unvectorized_chunks_op, vectorize_chunks_op):
        fields = op_def.config_schema.config_type.fields
        assert fields, op_def.name
        for name, field in fields.items():
            assert field.description, f"{op_def.name}.{name} has no description"
            assert not field.is_required, f"{op_def.name}.{name} should have a default"


def test_workspace_loads_with_dagster_cli_as_the_webserver_would(tmp_path: Path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "PIPELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # loading must not need the database: EnvVar resolves at run
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate",
         "-w", str(REPO_ROOT / "workspace.yaml")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "pipeline" in completed.stdout + completed.stderr


def test_every_key_the_vectorize_job_writes_is_a_defined_asset(
    db, tables, resources, dagster_instance, database_url: str
):
    from dagster import AssetKey

    from pipeline.defs.catalog import CHUNK_VECTORS_KEY, catalog_specs
    from pipeline.defs.vectorize.jobs import vectorize_documents_job
    from pipeline_tests.vectorize.helpers import load_demo

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


def test_the_quality_check_targets_a_defined_asset_not_a_key_prefix():
    from dagster import AssetKey

    from pipeline.definitions import defs
    from pipeline.defs.vectorize.quality import CHECK_ASSET_KEY

    repository = defs.get_repository_def()
    graph = repository.asset_graph
    (check,) = graph.asset_check_keys
    assert check.name == "vectors_match_postgres"
    assert check.asset_key == CHECK_ASSET_KEY == AssetKey(["silver", "chunk_vectors"])
    assert check.asset_key in graph.get_all_asset_keys()
    assert {"pipeline_stages/vectorize", "inbox_to_matches/run_summary"} <= {
        key.to_user_string() for key in graph.get_all_asset_keys()
    }


def test_the_standalone_check_passes_after_a_run_and_fails_on_a_missing_point(
    db, tables, resources, dagster_instance
):
    import sqlalchemy as sa
    from dagster import Definitions

    from pipeline.defs.catalog import chunk_vectors_spec
    from pipeline.defs.vectorize.checks import vectors_match_postgres_check
    from pipeline.defs.vectorize.jobs import vectorize_documents_job
    from pipeline_tests.vectorize.helpers import load_demo, load_texts

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


def test_loading_the_code_location_prints_no_beta_warning(tmp_path: Path):
    script = (
        "import warnings; warnings.simplefilter('always')\n"
        "from pipeline.definitions import defs\n"
        "defs.get_repository_def().get_all_jobs()\n"
    )
    env = {**os.environ, "PIPELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "BetaWarning" not in completed.stderr, completed.stderr


def test_job_descriptions_keep_angle_brackets_visible_in_markdown():
    from pipeline.definitions import defs

    for job in defs.get_repository_def().get_all_jobs():
        text = job.description or ""
        # Outside backticks the UI's markdown drops <market> as an HTML tag.
        outside = re.sub(r"`[^`]*`", "", text)
        assert not re.search(r"<[a-z_]+>", outside), (job.name, text)


def test_the_two_batch_size_fields_say_which_one_wins():
    from pipeline.defs.resources import EmbedderResource
    from pipeline.defs.vectorize.ops import VectorizeChunksConfig

    op_field = VectorizeChunksConfig.model_fields["batch_size"].description or ""
    resource_field = EmbedderResource.model_fields["batch_size"].description or ""
    assert "wins over resources.embedder.config.batch_size" in op_field
    assert "ops.vectorize_chunks_op.config.batch_size wins when set" in resource_field
