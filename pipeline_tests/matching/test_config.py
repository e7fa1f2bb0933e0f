"""Weights and thresholds: validated, one clear error naming the field."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigurationError
from pipeline.matching.config import matching_config, parse_currency_rates


def test_seed_weights_are_the_defaults() -> None:
    config = matching_config()
    assert config.standard_weights == {"vector": 0.7, "filters": 0.3}
    assert config.hybrid_weights(ai_available=True) == {"vector": 0.4, "ai": 0.35, "business": 0.25}


def test_without_ai_vector_and_business_are_renormalised() -> None:
    assert matching_config().hybrid_weights(ai_available=False) == {
        "vector": 0.6154, "business": 0.3846,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"vector_weight": 0.8}, "vector_weight \\+ filter_weight must sum to 1"),
        ({"hybrid_ai_weight": 1.5}, "hybrid_ai_weight"),
        ({"filter_weights": {"skills": 1.0, "colour": 0.0}}, "unknown term"),
        ({"rate_margin": -0.1}, "rate_margin"),
        ({"weigth": 0.1}, "weigth"),
    ],
)
def test_a_bad_value_is_one_error_naming_the_field(values, message) -> None:
    with pytest.raises(ConfigurationError, match=message) as error:
        matching_config(**values)
    assert "\n" not in str(error.value)


def test_currency_rates_parse_and_reject_garbage() -> None:
    assert parse_currency_rates("usd=150, CNY=21") == {"JPY": 1.0, "USD": 150.0, "CNY": 21.0}
    with pytest.raises(ConfigurationError, match="MATCH_CURRENCY_RATES"):
        parse_currency_rates("USD:150")
