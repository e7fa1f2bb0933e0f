"""From outside: launch the job through the webserver's GraphQL API and watch it live."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline_tests.defs.webserver import dagster_webserver, instance_home
from pipeline_tests.vectorize.helpers import load_demo

CHUNKS = 1000
BATCH = 4  # 250 batches: the run lasts long enough to be watched while STARTED


@pytest.mark.slow
@pytest.mark.parametrize("launch", ["queued", "queued-5s-poll", "direct"])
def test_first_batches_are_visible_through_graphql_while_the_run_is_started(
    db, tables, database_url: str, dagster_postgres_url: str, tmp_path: Path, launch: str
):
    """`queued` is `make dev`'s path (the daemon dequeues the run); `queued-5s-poll` the same
    with Dagster's default queue poll, the baseline; `direct` launches it from the webserver.
    Each prints how long the first batch's event took to show."""
    load_demo(db, tables, chunks=CHUNKS)
    queued = launch.startswith("queued")
    home = instance_home(
        tmp_path / "dagster_home",
        queued=queued,
        dequeue_s=5 if launch.endswith("5s-poll") else None,
    )
    env = {
        "DAGSTER_HOME": str(home),
        "DAGSTER_POSTGRES_URL": dagster_postgres_url,
        "DAGSTER_ARTIFACTS_DIR": str(home / "artifacts"),
        "DATABASE_URL": database_url,
        "PIPELINE_DATA_DIR": str(tmp_path / "data"),
        "QDRANT_PATH": str(tmp_path / "qdrant"),
        "EMBEDDER": "hashing",
        "EMBEDDING_DIMENSIONS": "64",
    }
    run_config = {"ops": {"vectorize_chunks_op": {"config": {"batch_size": BATCH}}}}
    first_event_s = None
    with dagster_webserver(env, daemon=queued) as graphql:
        launched = time.monotonic()
        run_id = graphql.launch("vectorize_documents_job", run_config)
        seen_while_started: list[dict] = []
        deadline = time.monotonic() + 90
        status = graphql.status(run_id)
        while status not in ("SUCCESS", "FAILURE", "CANCELED") and time.monotonic() < deadline:
            materializations = graphql.materializations(run_id)
            if materializations and first_event_s is None:
                first_event_s = time.monotonic() - launched
            status = graphql.status(run_id)  # asked after the logs: they were there while STARTED
            if status == "STARTED" and len(materializations) >= 2 and not seen_while_started:
                seen_while_started = materializations
            time.sleep(0.1)
        while status not in ("SUCCESS", "FAILURE") and time.monotonic() < deadline:
            time.sleep(0.5)
            status = graphql.status(run_id)
        final = graphql.materializations(run_id)

    # The figure the README quotes; machines differ, so it is recorded, not asserted.
    assert first_event_s is not None
    print(
        f"\nfirst batch event visible through GraphQL {first_event_s:.2f}s after a {launch} launch"
    )
    assert seen_while_started, f"no materialization seen while STARTED (final status {status})"
    first = seen_while_started[0]
    assert first["assetKey"]["path"][:2] == ["silver", "vectorized_chunks"]
    assert "(batch 1/" in first["description"]
    assert status == "SUCCESS"
    assert len(final) > len(seen_while_started)  # later batches kept arriving
