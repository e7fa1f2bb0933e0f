"""Vectorize domain: scan pending chunks, embed them, report progress per batch."""

from dagster import Definitions

defs = Definitions()
