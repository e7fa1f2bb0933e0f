"""vectorize_documents_job: scan the backlog, then vectorize it with per-batch progress."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op

# Runs with this tag are limited to one at a time by dagster.yaml's tag_concurrency_limits:
# the embedded vector store (Qdrant Edge) lets one process hold its folder.
VECTOR_STORE_TAGS = {"pipeline/vector_store": "embedded"}


# The key pattern is in backticks: the UI renders descriptions as Markdown, which would drop
# a bare <market> as an HTML tag.
@job(
    description="Embed pending document chunks into Qdrant. Progress appears batch by batch "
    "as materializations of `silver/vectorized_chunks/<market>/<doc_type>/<stock_code>`.",
    tags={"domain": "vectorize", **VECTOR_STORE_TAGS},
)
def vectorize_documents_job() -> None:
    vectorize_chunks_op(scan_unvectorized_chunks_op())
