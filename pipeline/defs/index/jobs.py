"""migrate_index_job: build a new model's collection beside the current one, check, switch."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.index.ops import migrate_index_op
from pipeline.defs.vectorize.jobs import VECTOR_STORE_TAGS


@job(
    description="Change the embedding model without downtime: build the new model's "
    "collection while readers use the current one, check ids against Postgres, move the "
    "alias in one step. Progress appears batch by batch like vectorize_documents_job's.",
    tags={"domain": "index", **VECTOR_STORE_TAGS},
)
def migrate_index_job() -> None:
    migrate_index_op()
