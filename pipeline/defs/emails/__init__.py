"""Email domain: ingest an inbox, classify the mail and extract candidate/project profiles.

The "postgres" resource is bound in `pipeline/definitions.py`; the "llm" resource is bound
here from the settings (offline rules when LLM_MODEL is unset).
"""

from dagster import Definitions

from pipeline.defs.emails.jobs import default_llm_resource, ingest_inbox_job
from pipeline.defs.emails.sensors import inbox_sensor

defs = Definitions(
    jobs=[ingest_inbox_job],
    sensors=[inbox_sensor],
    resources={"llm": default_llm_resource()},
)
