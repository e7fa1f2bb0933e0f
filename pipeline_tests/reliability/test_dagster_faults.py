"""vectorize_documents_job on a real Dagster instance: overrides, echoed secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from dagster import instance_for_test
from dagster._serdes import serialize_value

from pipeline.defs.resources import EmbedderResource, PostgresResource, QdrantResource
from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline_tests.reliability.test_vectorize_faults import DIM, KEY, MODEL
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer, error
from pipeline_tests.vectorize.helpers import chunk_count, load_demo

OP = "vectorize_chunks_op"


@pytest.fixture
def instance():
    with instance_for_test() as instance:
        yield instance


def resources(database_url: str, qdrant: Path, server: FakeEmbeddingServer) -> dict:
    return {
        "postgres": PostgresResource(database_url=database_url),
        "qdrant": QdrantResource(path=str(qdrant)),
        "embedder": EmbedderResource(
            provider="hashing",  # the default; runs below override it in the Launchpad
            dimensions=DIM,
            openai_api_key=KEY,
            openai_base_url=server.base_url,
        ),
    }


def launch(instance, res: dict, scan: dict | None = None, **vectorize):
    config = {"ops": {OP: {"config": vectorize}}}
    if scan:
        config["ops"]["scan_unvectorized_chunks_op"] = {"config": scan}
    return vectorize_documents_job.execute_in_process(
        run_config=config, instance=instance, resources=res, raise_on_error=False
    )


def vectorized_in_run(result) -> int:
    return result.output_for_node(OP)["vectorized"]


def test_a_launchpad_model_override_is_not_re_embedded_by_the_next_identical_run(
    db, tables, database_url, tmp_path, instance
):
    total = load_demo(db, tables, chunks=60)
    with FakeEmbeddingServer(DIM) as server:
        res = resources(database_url, tmp_path / "qdrant", server)
        first = launch(instance, res, provider="openai", model=MODEL)
        second = launch(instance, res, provider="openai", model=MODEL)
        assert first.success and second.success
        assert vectorized_in_run(first) == total
        assert vectorized_in_run(second) == 0  # both steps saw the run's one embedder
        assert server.calls == first.output_for_node(OP)["batches"]

        # A default-model run limited to one market resets that market only.
        with db.connect() as connection:
            market = connection.execute(sa.text("SELECT min(market) FROM documents")).scalar()
        third = launch(instance, res, scan={"markets": [market]})
    assert third.success
    in_market = f"document_id IN (SELECT id FROM documents WHERE market = '{market}')"
    assert vectorized_in_run(third) == chunk_count(db, in_market)
    assert chunk_count(db, f"NOT ({in_market}) AND embedding_model = '{MODEL}'") == (
        total - chunk_count(db, in_market)
    )


def test_a_provider_echoing_the_key_leaves_it_out_of_the_event_log_and_output(
    db, tables, database_url, tmp_path, instance, capfd
):
    load_demo(db, tables, chunks=20)

    def echo(inputs, call):
        return error(401, f"Incorrect API key provided: {KEY}", code="invalid_api_key")

    with FakeEmbeddingServer(DIM, script=echo) as server:
        result = launch(
            instance, resources(database_url, tmp_path / "q", server), provider="openai"
        )
    assert not result.success
    records = instance.all_logs(result.run_id)
    text = "\n".join(serialize_value(record) for record in records)
    assert "[redacted]" in text  # the failure is there, with the key blanked out
    assert KEY not in text
    captured = capfd.readouterr()
    assert KEY not in captured.out + captured.err
    assert chunk_count(db, "attempts > 0") == 0
