"""Runs that open the embedded vector store are serialised by Dagster's own run queue."""

from __future__ import annotations

import yaml
from dagster._core.run_coordinator.queued_run_coordinator import QueuedRunCoordinator

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job
from pipeline.defs.index.jobs import migrate_index_job
from pipeline.defs.matching.jobs import match_profiles_job
from pipeline.defs.vectorize.jobs import VECTOR_STORE_TAGS, vectorize_documents_job
from pipeline.settings import REPO_ROOT


def test_every_job_opening_the_vector_store_is_limited_to_one_run_at_a_time():
    config = yaml.safe_load((REPO_ROOT / "dagster.yaml").read_text())["run_coordinator"]
    coordinator = QueuedRunCoordinator(**config["config"])  # the config Dagster would load
    limits = coordinator.get_run_queue_config().tag_concurrency_limits
    ((key, value),) = VECTOR_STORE_TAGS.items()
    assert {"key": key, "value": value, "limit": 1} in limits
    for job in (vectorize_documents_job, inbox_to_matches_job, match_profiles_job,
                migrate_index_job):  # fmt: skip
        assert job.tags.get(key) == value, job.name
