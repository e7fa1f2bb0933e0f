"""inbox_to_matches_job: new mail in, ranked candidate <-> project matches out, with a summary."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.emails.ops import classify_emails_op, store_inbox_op
from pipeline.defs.inbox_to_matches.ops import summarize_run_op
from pipeline.defs.matching.ops import compute_matches_op, index_profiles_op
from pipeline.defs.vectorize.jobs import VECTOR_STORE_TAGS
from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op


@job(
    description="The whole pipeline: store and chunk new mail, vectorize the pending chunks, "
    "classify the new mail and extract profiles, upsert them to Qdrant, compute weighted "
    "matches, then summarise. Stage progress: observations of `pipeline_stages/<stage>`.",
    tags={"domain": "inbox_to_matches", **VECTOR_STORE_TAGS},
)
def inbox_to_matches_job() -> None:
    ingest = store_inbox_op()
    vectorize = vectorize_chunks_op(scan_unvectorized_chunks_op(start_after=ingest))
    classify = classify_emails_op(start_after=vectorize)
    index = index_profiles_op(start_after=classify)
    match = compute_matches_op(start_after=index)
    summarize_run_op(ingest, vectorize, classify, index, match)
