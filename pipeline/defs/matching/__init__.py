"""Matching domain: profiles into Qdrant and weighted candidate <-> project matches.

Its resources (postgres, qdrant, embedder, llm) are bound in `pipeline/definitions.py`.
"""

from dagster import Definitions

from pipeline.defs.matching.jobs import match_profiles_job

defs = Definitions(jobs=[match_profiles_job])
