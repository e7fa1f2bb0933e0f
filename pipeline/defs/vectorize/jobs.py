"""vectorize_documents_job: scan the backlog, then vectorize it with per-batch progress."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op


# The key pattern is in backticks: the UI renders descriptions as Markdown, which would drop
# a bare <market> as an HTML tag.
@job(
    description="Embed pending document chunks into Qdrant. Progress appears batch by batch "
    "as materializations of `silver/vectorized_chunks/<market>/<doc_type>/<stock_code>`.",
    tags={"domain": "vectorize"},
)
def vectorize_documents_job() -> None:
    vectorize_chunks_op(scan_unvectorized_chunks_op())
