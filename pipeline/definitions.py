"""The code location: assembles each domain's definitions and picks resources in one place."""

from __future__ import annotations

from dagster import Definitions

from pipeline.defs.emails import defs as email_defs
from pipeline.defs.vectorize import defs as vectorize_defs

defs = Definitions.merge(vectorize_defs, email_defs)
