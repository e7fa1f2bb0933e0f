"""match_profiles_job: profiles into Qdrant, then the matches of every open project."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from dagster import job

from pipeline.defs.matching.ops import compute_matches_op, index_profiles_op
from pipeline.defs.vectorize.jobs import VECTOR_STORE_TAGS


@job(
    description="Upsert candidate and project profiles to Qdrant, then store the top-k "
    "weighted matches of every open project (only the pairs that changed).",
    tags={"domain": "matching", **VECTOR_STORE_TAGS},
)
def match_profiles_job() -> None:
    compute_matches_op(start_after=index_profiles_op())
