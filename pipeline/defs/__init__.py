"""Orchestration layer: the only package that imports dagster. One folder per domain."""
