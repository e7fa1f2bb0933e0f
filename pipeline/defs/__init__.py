"""Orchestration layer: the only package that imports dagster. One folder per domain."""

import warnings

from dagster import BetaWarning

# Dagster's own SensorDefinition.with_attributes passes owners=[] when resources are bound,
# which trips this beta warning on every load although no sensor here sets owners.
warnings.filterwarnings(
    "ignore", message=r"Parameter `owners` of initializer `SensorDefinition", category=BetaWarning
)
