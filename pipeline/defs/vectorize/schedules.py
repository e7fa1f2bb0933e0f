"""A nightly sweep: catches what the sensor's id watermark cannot see (edited chunks,
retried failures) and anything pending after a quiet day."""

from __future__ import annotations

from dagster import DefaultScheduleStatus, ScheduleDefinition

from pipeline.defs.vectorize.jobs import vectorize_documents_job

vectorize_nightly_schedule = ScheduleDefinition(
    name="vectorize_nightly_schedule",
    job=vectorize_documents_job,
    cron_schedule="0 2 * * *",
    execution_timezone="UTC",
    description="Vectorize every pending chunk at 02:00 UTC.",
    default_status=DefaultScheduleStatus.STOPPED,
)
