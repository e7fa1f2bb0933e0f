"""Faults injected into real `pipeline vectorize` processes: what is stored, what a user sees."""

from __future__ import annotations

import random
import signal
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from pipeline.store.database import scratch_schema
from pipeline.store.vectors import collection_name, create_vector_store, point_id
from pipeline_tests.support import Cli, assert_one_line_error
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer, error
from pipeline_tests.vectorize.helpers import chunk_count, load_demo

MODEL = "test-embed"
DIM = 32
KEY = "sk-test-0123456789abcdef-secret"


def openai_env(server: FakeEmbeddingServer, **extra: str) -> dict[str, str]:
    return {
        "EMBEDDER": "openai",
        "EMBEDDING_MODEL": MODEL,
        "EMBEDDING_DIMENSIONS": str(DIM),
        "OPENAI_API_KEY": KEY,
        "OPENAI_BASE_URL": server.base_url,
        "EMBEDDING_BATCH_SIZE": "16",
        "EMBEDDING_CONCURRENCY": "4",
        **extra,
    }


def marked_ids(db) -> list[int]:
    with db.connect() as connection:
        return list(
            connection.execute(
                sa.text("SELECT id FROM document_chunks WHERE vectorized_hash = content_hash")
            ).scalars()
        )


def missing_points(qdrant: Path, ids: list[int]) -> int:
    """Chunks marked vectorized whose point is not in the store (must always be 0)."""
    store = create_vector_store(path=qdrant)
    try:
        collection = collection_name(MODEL, DIM)
        if not ids:
            return 0
        found = store.vectors(collection, [point_id(i, MODEL) for i in ids])
        return len(ids) - len(found)
    finally:
        store.close()


def test_sigkilled_run_then_an_immediate_rerun_finishes_the_backlog(db, tables, cli: Cli):
    total = load_demo(db, tables, chunks=1200)
    with FakeEmbeddingServer(DIM, delay_s=0.03) as server:
        env = openai_env(server)
        victim = cli.popen("vectorize", **env)
        try:
            while chunk_count(db, "vectorized_hash IS NOT NULL") < 100:
                assert victim.poll() is None, victim.communicate()[1][-2000:]
                time.sleep(0.02)
            victim.send_signal(signal.SIGKILL)
        finally:
            victim.communicate(timeout=30)
        held = chunk_count(db, "claimed_by IS NOT NULL AND claim_expires_at > now()")
        assert held > 0  # it died holding live claims
        before = marked_ids(db)
        assert 100 <= len(before) < total
        assert missing_points(Path(cli.env["QDRANT_PATH"]), before) == 0

        rerun = cli.run("vectorize", **env)  # at once: no waiting for the leases to expire
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert chunk_count(db, "vectorized_hash = content_hash") == total  # done in this rerun
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0
    assert f"{total - len(before)} vectorized" in rerun.stdout
    assert "0 held by other live workers" in rerun.stdout
    assert f"{held} claim(s) of dead workers freed" in rerun.stdout
    assert missing_points(Path(cli.env["QDRANT_PATH"]), marked_ids(db)) == 0


def test_a_429_storm_finishes_in_one_run_without_charging_a_chunk(db, tables, cli: Cli):
    total = load_demo(db, tables, chunks=600)
    rng = random.Random(12)
    lock = threading.Lock()

    def storm(inputs, call):
        with lock:
            limited = rng.random() < 0.3
        if limited:
            return error(429, "Rate limit reached", headers={"retry-after-ms": "20"})
        return None

    with FakeEmbeddingServer(DIM, script=storm) as server:
        result = cli.run("vectorize", **openai_env(server, MAX_RETRIES="0"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert chunk_count(db, "vectorized_hash = content_hash") == total
    assert chunk_count(db, "attempts > 0 OR dead_letter") == 0  # no item failure, no dead letter
    assert "0 failed (0 dead-lettered)" in result.stdout
    assert server.calls > total / 16  # the storm happened: 429s were answered and waited out


def test_a_dimension_the_configuration_disagrees_with_stops_the_run_charging_nothing(
    db, tables, cli: Cli
):
    load_demo(db, tables, chunks=100)
    with FakeEmbeddingServer(256) as server:  # the server answers 256-d
        env = openai_env(server, EMBEDDING_MODEL="text-embedding-3-small")
        del env["EMBEDDING_DIMENSIONS"]  # unset: 1536 expected for this model
        result = cli.run("vectorize", **env)
    line = assert_one_line_error(result, "EMBEDDING_DIMENSIONS", "256")
    assert "1536" in line
    assert chunk_count(db, "attempts > 0 OR dead_letter OR last_error IS NOT NULL") == 0
    assert chunk_count(db, "vectorized_hash IS NOT NULL OR claimed_by IS NOT NULL") == 0


def test_a_provider_echoing_the_key_never_shows_it(db, tables, cli: Cli):
    load_demo(db, tables, chunks=40)

    def echo(inputs, call):
        return error(401, f"Incorrect API key provided: {KEY}", code="invalid_api_key")

    with FakeEmbeddingServer(DIM, script=echo) as server:
        result = cli.run("-v", "vectorize", **openai_env(server))
    assert_one_line_error(result, "[redacted]")
    assert KEY not in result.stdout + result.stderr


def test_bad_settings_fail_in_one_line_naming_the_setting(db, tables, cli: Cli, tmp_path: Path):
    load_demo(db, tables, chunks=20)
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    cases = {
        "EMBEDDING_DIMENSIONS": {"EMBEDDER": "hashing", "EMBEDDING_DIMENSIONS": "0"},
        "EMBEDDING_DIMENSIONS ": {"EMBEDDER": "hashing", "EMBEDDING_DIMENSIONS": "-5"},
        "PIPELINE_DATA_DIR": {"EMBEDDER": "hashing", "PIPELINE_DATA_DIR": str(a_file)},
        "OPENAI_BASE_URL": {"EMBEDDER": "openai", "OPENAI_BASE_URL": "not-a-url"},
        "QDRANT_URL": {"EMBEDDER": "hashing", "QDRANT_URL": "http://127.0.0.1:9"},
    }
    for setting, env in cases.items():
        assert_one_line_error(cli.run("vectorize", **env), setting.strip())
    assert chunk_count(db, "vectorized_hash IS NOT NULL OR claimed_by IS NOT NULL") == 0
    assert chunk_count(db, "embedding_model IS NOT NULL") == 0  # nothing reset, nothing marked
    assert cli.run("vectorize", EMBEDDER="hashing").returncode == 0  # a rerun completes
    assert chunk_count(db, "vectorized_hash = content_hash") == 20


def test_a_database_without_the_schema_says_to_migrate(cli: Cli, postgres_server_url: str):
    with scratch_schema(postgres_server_url, "empty") as url:
        result = cli.run("vectorize", EMBEDDER="hashing", DATABASE_URL=url)
        assert_one_line_error(result, "pipeline db migrate")
        # Commands that read the other tables say the same, not an UndefinedTable traceback.
        for command in (("index", "status"), ("matches", "--project", "1")):
            result = cli.run(*command, EMBEDDER="hashing", DATABASE_URL=url)
            assert_one_line_error(result, "pipeline db migrate")


def test_a_second_writer_on_the_embedded_store_waits_or_fails_in_one_line(db, tables, cli: Cli):
    total = load_demo(db, tables, chunks=800)
    with FakeEmbeddingServer(DIM, delay_s=0.4) as server:  # the first run lasts seconds
        env = openai_env(server)
        first = cli.popen("vectorize", **env)
        try:
            while chunk_count(db, "vectorized_hash IS NOT NULL") < 20:
                assert first.poll() is None, first.communicate()[1][-2000:]
                time.sleep(0.02)
            patient = cli.popen("vectorize", **env, VECTOR_STORE_WAIT_S="120")
            impatient = cli.run("vectorize", **env, VECTOR_STORE_WAIT_S="0.5")
            _, first_err = first.communicate(timeout=120)
            _, patient_err = patient.communicate(timeout=120)
        finally:
            first.kill()
    line = assert_one_line_error(impatient, "held by another process", cli.env["QDRANT_PATH"])
    assert "QDRANT_URL" in line  # and what to use instead
    assert first.returncode == 0, first_err[-2000:]
    assert patient.returncode == 0, patient_err[-2000:]
    assert "held by another process; waiting up to 120s" in patient_err
    assert "Traceback" not in patient_err + impatient.stderr
    assert chunk_count(db, "vectorized_hash = content_hash") == total


def test_429s_past_the_time_budget_stop_the_run_but_keep_every_embedded_batch(
    db, tables, qdrant_path
):
    from pipeline.vectorize import EmbeddingUnavailableError, Vectorizer, create_embedder

    load_demo(db, tables, chunks=400)
    answered: list[str] = []
    poisoned: list[str] = []
    lock = threading.Lock()

    def storm(inputs, call):
        with lock:
            if call == 7:
                poisoned.append(inputs[0])
            if inputs[0] in poisoned:  # the 7th request's batch meets 429s, however often
                return error(429, "Rate limit reached", headers={"retry-after-ms": "300"})
            answered.extend(inputs)
        return None

    store = create_vector_store(path=qdrant_path)
    try:
        with FakeEmbeddingServer(DIM, script=storm, delay_s=0.05) as server:
            embedder = create_embedder(
                "openai", model=MODEL, dimensions=DIM, api_key=KEY, base_url=server.base_url
            )
            vectorizer = Vectorizer(
                db, embedder, store, batch_size=16, concurrency=4, retry_budget_s=0.5
            )
            try:
                vectorizer.vectorize_pending()
            except EmbeddingUnavailableError as e:
                assert "retry budget" in str(e)
            else:
                raise AssertionError("the storm outlasted the budget: the run must stop")
    finally:
        store.close()
    with db.connect() as connection:
        marked = connection.execute(
            sa.text("SELECT content FROM document_chunks WHERE vectorized_hash = content_hash")
        ).scalars()
        assert sorted(marked) == sorted(answered)  # no embedding thrown away
    assert chunk_count(db, "attempts > 0 OR dead_letter OR claimed_by IS NOT NULL") == 0
    assert chunk_count(db, "vectorized_hash IS NULL") > 0  # it did stop early


def test_claims_are_released_by_hand(db, tables, cli: Cli):
    load_demo(db, tables, chunks=30)
    with db.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE document_chunks SET claimed_by = 'elsewhere:1:abc', "
                "claim_expires_at = now() + interval '1 hour' WHERE id % 3 = 0"
            )
        )
    held = chunk_count(db, "claimed_by IS NOT NULL")
    result = cli.run("vectorize", "--release-claims", EMBEDDER="hashing")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"released {held} claim(s); live holders were: elsewhere:1:abc ({held})" in (
        result.stdout
    )
    assert chunk_count(db, "claimed_by IS NOT NULL") == 0
