"""Index domain: a model change without downtime as a job, with per-batch progress.

Resources (postgres, qdrant, embedder) are bound in `pipeline/definitions.py`.
"""

from dagster import Definitions

from pipeline.defs.index.jobs import migrate_index_job

defs = Definitions(jobs=[migrate_index_job])
