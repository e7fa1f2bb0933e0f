"""Each vectorize setting's bounds are declared once and hold in the settings, the Dagster
resource and the vectorize op's Config alike."""

from __future__ import annotations

import pydantic
import pytest

from pipeline.defs.resources import EmbedderResource
from pipeline.defs.vectorize.ops import VectorizeChunksConfig
from pipeline.settings import Settings

CASES = [  # (settings field, resource field, config field, a value out of bounds)
    ("embedding_batch_size", "batch_size", "batch_size", 2049),
    ("embedding_batch_size", "batch_size", "batch_size", 0),
    ("embedding_concurrency", "concurrency", "concurrency", 65),
    ("max_chunk_attempts", "max_chunk_attempts", None, 0),
    ("max_retries", "max_retries", None, 11),
    ("embedding_requests_per_minute", None, "requests_per_minute", 0),
    ("embedding_tokens_per_minute", None, "tokens_per_minute", -1),
]


@pytest.mark.parametrize(("setting", "resource", "config", "value"), CASES)
def test_a_value_out_of_bounds_is_refused_everywhere_it_can_be_set(
    setting, resource, config, value
):
    with pytest.raises(pydantic.ValidationError):
        Settings(**{setting: value})
    if resource:
        with pytest.raises(pydantic.ValidationError):
            EmbedderResource(**{resource: value})
    if config:
        with pytest.raises(pydantic.ValidationError):
            VectorizeChunksConfig(**{config: value})


def test_the_resource_starts_from_the_settings_defaults():
    resource, settings = EmbedderResource(), Settings()
    assert resource.concurrency == settings.embedding_concurrency
    assert resource.max_chunk_attempts == settings.max_chunk_attempts
    assert resource.max_retries == settings.max_retries
    assert resource.batch_size == settings.embedding_batch_size
