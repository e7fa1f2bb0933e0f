"""ingest_inbox_job: one op that turns an inbox into emails, documents and profiles."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.emails.ops import ingest_inbox_op


@job(
    description="Ingest an inbox (.eml folder, mbox, maildir): raw bytes kept and deduplicated, "
    "text chunked for the vectorizer, mail classified and candidates/projects extracted.",
    tags={"domain": "emails"},
)
def ingest_inbox_job() -> None:
    ingest_inbox_op()
