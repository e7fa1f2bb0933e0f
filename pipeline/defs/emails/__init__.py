"""Email domain: ingest an inbox, classify the mail and extract candidate/project profiles.

Its "postgres" and "llm" resources are bound with the others in `pipeline/definitions.py`.
"""

from dagster import Definitions

from pipeline.defs.emails.jobs import ingest_inbox_job
from pipeline.defs.emails.sensors import inbox_sensor

defs = Definitions(
    jobs=[ingest_inbox_job],
    sensors=[inbox_sensor],
)
