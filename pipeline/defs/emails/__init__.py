"""Email domain: ingest an inbox, classify and extract profiles."""

from dagster import Definitions

defs = Definitions()
