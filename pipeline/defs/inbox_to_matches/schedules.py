"""An hourly sweep of the inbox: mail copied in with an old mtime, which the sensor cannot see."""

from __future__ import annotations

from dagster import DefaultScheduleStatus, ScheduleDefinition

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job

inbox_to_matches_hourly_schedule = ScheduleDefinition(
    name="inbox_to_matches_hourly_schedule",
    job=inbox_to_matches_job,
    cron_schedule="15 * * * *",
    execution_timezone="UTC",
    description="Run inbox_to_matches_job over the whole inbox folder every hour (re-ingesting "
    "is a no-op, so only new mail costs anything).",
    default_status=DefaultScheduleStatus.STOPPED,
)
