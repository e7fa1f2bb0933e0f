"""Weights and thresholds of the matcher: one validated object, built from settings or overrides.

Seed 000's weights are the defaults: standard = 0.7 · vector + 0.3 · filters; hybrid = 0.4 ·
vector + 0.35 · AI + 0.25 · business rules. Each weight is in [0, 1] and each group sums to 1;
a bad value is one `ConfigurationError` naming the field.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.errors import ConfigurationError
from pipeline.settings import Share

SCORING_VERSION = "match-v1"

# The soft filter terms and their share of the filter score (a project that does not state
# a field gives that term's share to the others, so the filter score measures what was asked).
DEFAULT_FILTER_WEIGHTS = {
    "skills": 0.45,
    "years": 0.15,
    "rate": 0.15,
    "location": 0.1,
    "availability": 0.1,
    "language": 0.05,
}
# JPY per unit: rates and budgets are compared as monthly JPY; the original stays in Postgres.
DEFAULT_CURRENCY_RATES = {"JPY": 1.0, "USD": 150.0, "CNY": 21.0, "EUR": 160.0}

_TOLERANCE = 1e-6


class MatchingConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    vector_weight: Share = Field(0.7, description="Standard: vector similarity.")
    filter_weight: Share = Field(0.3, description="Standard: metadata filters.")
    hybrid_vector_weight: Share = Field(0.4, description="Hybrid: vector.")
    hybrid_ai_weight: Share = Field(0.35, description="Hybrid: the LLM's judgement.")
    hybrid_business_weight: Share = Field(0.25, description="Hybrid: business rules.")
    filter_weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_FILTER_WEIGHTS))
    rate_margin: Share = Field(
        0.1, description="A rate up to this share over budget scores partially."
    )
    availability_grace_days: int = Field(
        30, ge=0, le=365, description="Available this many days after the start scores partially."
    )
    exclude_after_days: int = Field(
        31, ge=0, le=730, description="Available more than this many days after the start excludes."
    )
    prefetch_limit: int = Field(
        200, ge=1, le=10_000, description="Candidates taken by vector before the formula."
    )
    currency_rates: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_CURRENCY_RATES))

    @model_validator(mode="after")
    def _groups_sum_to_one(self) -> MatchingConfig:
        groups = {
            "vector_weight + filter_weight": self.vector_weight + self.filter_weight,
            "hybrid_vector_weight + hybrid_ai_weight + hybrid_business_weight": (
                self.hybrid_vector_weight + self.hybrid_ai_weight + self.hybrid_business_weight
            ),
            "filter_weights": sum(self.filter_weights.values()),
        }
        for name, total in groups.items():
            if abs(total - 1.0) > _TOLERANCE:
                raise ValueError(f"{name} must sum to 1, not {total:g}")
        unknown = set(self.filter_weights) - set(DEFAULT_FILTER_WEIGHTS)
        if unknown:
            raise ValueError(f"filter_weights: unknown term(s) {', '.join(sorted(unknown))}")
        if any(not 0 <= w <= 1 for w in self.filter_weights.values()):
            raise ValueError("filter_weights: each weight must be in [0, 1]")
        if any(rate <= 0 for rate in self.currency_rates.values()):
            raise ValueError("currency_rates: each rate must be positive")
        return self

    @property
    def standard_weights(self) -> dict[str, float]:
        return {"vector": self.vector_weight, "filters": self.filter_weight}

    def hybrid_weights(self, ai_available: bool) -> dict[str, float]:
        """The hybrid weights applied: without an AI score, vector and business renormalised."""
        if ai_available:
            return {
                "vector": self.hybrid_vector_weight,
                "ai": self.hybrid_ai_weight,
                "business": self.hybrid_business_weight,
            }
        rest = self.hybrid_vector_weight + self.hybrid_business_weight
        if rest <= 0:
            return {"vector": 0.5, "business": 0.5}
        return {
            "vector": round(self.hybrid_vector_weight / rest, 4),
            "business": round(self.hybrid_business_weight / rest, 4),
        }


def matching_config(**values: Any) -> MatchingConfig:
    """A validated MatchingConfig; None values take the defaults. One line per mistake."""
    try:
        return MatchingConfig(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'matching'}: {err['msg']}"
            for err in e.errors()
        )
        raise ConfigurationError(f"invalid matching configuration: {problems}") from e


def matching_config_from_settings(settings: Any, **overrides: Any) -> MatchingConfig:
    """The matcher's configuration from MATCH_* / HYBRID_* settings, with overrides on top."""
    values = {
        "vector_weight": settings.match_vector_weight,
        "filter_weight": settings.match_filter_weight,
        "hybrid_vector_weight": settings.hybrid_vector_weight,
        "hybrid_ai_weight": settings.hybrid_ai_weight,
        "hybrid_business_weight": settings.hybrid_business_weight,
        "rate_margin": settings.match_rate_margin,
        "currency_rates": parse_currency_rates(settings.match_currency_rates),
    }
    return matching_config(**{**values, **{k: v for k, v in overrides.items() if v is not None}})


def parse_currency_rates(text: str) -> dict[str, float]:
    """'USD=150,CNY=21' -> {'USD': 150.0, 'CNY': 21.0, 'JPY': 1.0}."""
    rates = {"JPY": 1.0}
    for part in filter(None, (p.strip() for p in text.split(","))):
        code, sep, value = part.partition("=")
        try:
            rates[code.strip().upper()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise ConfigurationError(
                f"MATCH_CURRENCY_RATES: {part!r} is not CODE=JPY_PER_UNIT (e.g. USD=150)"
            )
    return rates
