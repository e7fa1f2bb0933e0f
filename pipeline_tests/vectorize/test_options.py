"""One factory builds a Vectorizer from the settings plus overrides (the CLI and the op)."""

from __future__ import annotations

import pytest

from pipeline.settings import Settings
from pipeline.vectorize import build_vectorizer, create_embedder


def test_the_settings_configure_the_vectorizer_and_overrides_win_unless_none():
    settings = Settings(
        embedder="hashing",
        embedding_batch_size=40,
        embedding_concurrency=6,
        max_chunk_attempts=5,
        embedding_tokens_per_minute=9000,
        chunk_lease_s=30,
    )
    remote = create_embedder("openai", dimensions=8, api_key="k", base_url="http://127.0.0.1:9")
    built = build_vectorizer(settings, None, remote, None)
    assert (built.batch_size, built.concurrency, built.max_chunk_attempts) == (40, 6, 5)
    assert built.lease_s == 30
    overridden = build_vectorizer(
        settings, None, remote, None, batch_size=8, concurrency=None, overlong="refuse"
    )
    assert (overridden.batch_size, overridden.concurrency, overridden.overlong) == (8, 6, "refuse")


def test_an_in_process_model_runs_one_batch_at_a_time_and_unknown_overrides_are_refused():
    settings = Settings(embedder="hashing", embedding_concurrency=6)
    local = create_embedder("hashing", dimensions=8)
    assert build_vectorizer(settings, None, local, None).concurrency == 1
    with pytest.raises(TypeError, match="batchsize"):
        build_vectorizer(settings, None, local, None, batchsize=3)
