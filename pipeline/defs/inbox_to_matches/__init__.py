"""The whole pipeline as one job: inbox to ranked matches, with stage events and a summary.

Its resources (postgres, qdrant, embedder, llm) are bound in `pipeline/definitions.py`;
`inbox_sensor` (in the emails domain) launches it for new mail.
"""

from dagster import Definitions

from pipeline.defs.inbox_to_matches.jobs import inbox_to_matches_job
from pipeline.defs.inbox_to_matches.schedules import inbox_to_matches_hourly_schedule

defs = Definitions(jobs=[inbox_to_matches_job], schedules=[inbox_to_matches_hourly_schedule])
