"""Vectorize domain: scan pending chunks, embed them, report progress per batch.

Resources (postgres, qdrant, embedder) are bound in `pipeline/definitions.py`.
"""

from dagster import Definitions

from pipeline.defs.vectorize.jobs import vectorize_documents_job
from pipeline.defs.vectorize.schedules import vectorize_nightly_schedule
from pipeline.defs.vectorize.sensors import pending_chunks_sensor, vectorize_failure_sensor

defs = Definitions(
    jobs=[vectorize_documents_job],
    schedules=[vectorize_nightly_schedule],
    sensors=[pending_chunks_sensor, vectorize_failure_sensor],
)
