"""The OpenAI embedder through the vectorizer, against a real scripted HTTP server."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.store.vectors import create_vector_store
from pipeline.vectorize import (
    EmbeddingAuthenticationError,
    EmbeddingUnavailableError,
    ModelNotFoundError,
    PendingFilter,
    QuotaExceededError,
    Vectorizer,
    create_embedder,
)
from pipeline.vectorize.errors import DimensionMismatchError
from pipeline_tests.vectorize.fake_openai import FakeEmbeddingServer, error
from pipeline_tests.vectorize.helpers import chunk_count, chunk_rows, load_texts

TEXTS = [f"chunk number {i} about revenue" for i in range(8)]


@pytest.fixture
def store(qdrant_path):
    store = create_vector_store(path=qdrant_path)
    yield store
    store.close()


def poison_script(inputs, call):
    """HTTP 400 for any request holding the poison text, like a provider refusing one input."""
    return error(400, "bad input") if any("POISON" in text for text in inputs) else None


def make(db, store, server, **kwargs):
    embedder = create_embedder(
        "openai", model="test-embed", dimensions=32, api_key="sk-test", base_url=server.base_url
    )
    kwargs.setdefault("batch_size", 8)
    kwargs.setdefault("backoff_base_s", 0.01)
    return Vectorizer(db, embedder, store, **kwargs)


def test_a_429_is_retried_after_retry_after_and_never_charged_to_a_chunk(db, tables, store):
    load_texts(db, tables, TEXTS)

    def script(inputs, call):
        return error(429, "slow down", headers={"Retry-After": "1"}) if call == 1 else None

    with FakeEmbeddingServer(32, script) as server:
        summary = make(db, store, server).vectorize_pending()
    assert server.calls == 2
    assert summary["retries"] == 1
    assert summary["vectorized"] == 8 and summary["failed"] == 0
    assert all(row.attempts == 0 and row.last_error is None for row in chunk_rows(db))


def test_a_poison_input_is_isolated_by_splitting_and_the_rest_is_stored(db, tables, store):
    texts = [*TEXTS[:5], "POISON pill", *TEXTS[5:7]]
    load_texts(db, tables, texts)
    script = poison_script
    with FakeEmbeddingServer(32, script) as server:
        vectorizer = make(db, store, server)
        summary = vectorizer.vectorize_pending()
    # 8 inputs: the whole batch, then halves down to the single poison item (1+2+2+2).
    assert server.calls == 7
    assert summary["vectorized"] == 7 and summary["failed"] == 1
    assert store.count(vectorizer.collection) == 7
    poison = next(row for row in chunk_rows(db) if row.content.startswith("POISON"))
    assert poison.attempts == 1 and "input rejected" in poison.last_error
    assert poison.vectorized_hash is None and not poison.dead_letter


def test_a_poison_input_is_dead_lettered_after_max_attempts_until_retry_is_asked(db, tables, store):
    load_texts(db, tables, ["fine text", "POISON pill"])
    script = poison_script
    with FakeEmbeddingServer(32, script) as server:
        vectorizer = make(db, store, server, max_chunk_attempts=2)
        assert vectorizer.vectorize_pending()["dead_lettered"] == 0
        assert vectorizer.vectorize_pending()["dead_lettered"] == 1
        calls = server.calls
        assert vectorizer.vectorize_pending()["total"] == 0  # skipped from now on
        assert server.calls == calls
        again = vectorizer.vectorize_pending(PendingFilter(retry_dead_letters=True))
    assert again["total"] == 1 and again["failed"] == 1
    assert chunk_count(db, "dead_letter") == 0  # one fresh attempt of two used


def test_wrong_dimension_vectors_are_a_configuration_error_and_charge_no_chunk(db, tables, store):
    load_texts(db, tables, TEXTS[:4])
    with FakeEmbeddingServer(16) as server, pytest.raises(DimensionMismatchError) as raised:
        vectorizer = make(db, store, server)  # the server answers 16-d, we expect 32
        vectorizer.vectorize_pending()
    assert "EMBEDDING_DIMENSIONS" in str(raised.value) and "16-d" in str(raised.value)
    assert store.count(vectorizer.collection) == 0
    rows = chunk_rows(db)
    assert all(row.attempts == 0 and row.last_error is None for row in rows)
    assert all(row.claimed_by is None and not row.dead_letter for row in rows)


def test_nan_and_zero_vectors_fail_only_their_own_chunk(db, tables, store):
    load_texts(db, tables, TEXTS[:4])

    def script(inputs, call):
        vectors = server._hashing.embed(inputs)
        vectors[1, 3] = np.nan
        vectors[2, :] = 0.0
        return 200, {}, server.embeddings(inputs, {}, vectors)

    with FakeEmbeddingServer(32, script) as server:
        vectorizer = make(db, store, server)
        summary = vectorizer.vectorize_pending()
    assert summary["vectorized"] == 2 and summary["failed"] == 2
    assert store.count(vectorizer.collection) == 2
    errors = sorted(row.last_error or "" for row in chunk_rows(db))
    assert "quality gate: vector has NaN or infinite values" in errors
    assert "quality gate: vector has zero norm" in errors


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        (error(401, "Incorrect API key"), EmbeddingAuthenticationError),
        (error(404, "The model does not exist", "model_not_found"), ModelNotFoundError),
        (error(429, "You exceeded your quota", "insufficient_quota"), QuotaExceededError),
    ],
)
def test_auth_model_and_quota_errors_fail_fast_without_splitting_or_charging_chunks(
    db, tables, store, answer, raised
):
    load_texts(db, tables, TEXTS)
    server = FakeEmbeddingServer(32, lambda inputs, call: answer)
    with server, pytest.raises(raised):
        make(db, store, server).vectorize_pending()
    assert server.calls == 1
    rows = chunk_rows(db)
    assert all(row.attempts == 0 and row.claimed_by is None for row in rows)


def test_transient_errors_outlasting_retries_stop_the_run_and_leave_chunks_pending(
    db, tables, store
):
    load_texts(db, tables, TEXTS[:3])
    server = FakeEmbeddingServer(32, lambda inputs, call: error(503, "overloaded"))
    with server, pytest.raises(EmbeddingUnavailableError):
        make(db, store, server, max_retries=2).vectorize_pending()
    assert server.calls == 3
    assert chunk_count(db, "attempts = 0 AND claimed_by IS NULL AND vectorized_hash IS NULL") == 3


def test_empty_chunks_are_never_sent_and_huge_ones_are_clipped_with_the_reason_kept(
    db, tables, store
):
    huge = "長い文章" * 3000  # 36,000 UTF-8 bytes, over 8,192 per input
    load_texts(db, tables, ["ordinary text", "", "   ", huge])
    with FakeEmbeddingServer(32) as server:
        summary = make(db, store, server).vectorize_pending()
    sent = [text for request in server.requests for text in request]
    assert all(text.strip() for text in sent)
    assert max(len(text.encode()) for text in sent) <= 8192
    assert summary["vectorized"] == 2 and summary["failed"] == 2 and summary["clipped"] == 1
    rows = {row.content[:5]: row for row in chunk_rows(db)}
    assert rows[""].dead_letter and rows[""].last_error.startswith("empty text")
    assert rows[huge[:5]].vectorized_hash is not None
    assert rows[huge[:5]].last_error.startswith("clipped: 36000 estimated tokens")


def test_huge_chunks_are_refused_with_the_reason_when_clipping_is_off(db, tables, store):
    load_texts(db, tables, ["ordinary text", "x" * 9000])
    with FakeEmbeddingServer(32) as server:
        summary = make(db, store, server, overlong="refuse").vectorize_pending()
    assert summary["vectorized"] == 1 and summary["dead_lettered"] == 1
    assert chunk_count(db, "last_error LIKE 'too long: 9000 estimated tokens%'") == 1


def test_concurrent_requests_are_in_flight_together_and_writes_stay_complete(db, tables, store):
    load_texts(db, tables, [f"text {i}" for i in range(64)])
    with FakeEmbeddingServer(32, delay_s=0.05) as server:
        vectorizer = make(db, store, server, batch_size=4, concurrency=4)
        summary = vectorizer.vectorize_pending()
    assert server.max_in_flight >= 2
    assert summary["vectorized"] == 64 and summary["batches"] == 16
    assert store.count(vectorizer.collection) == 64


def test_base64_answers_are_decoded(db, tables, store):
    from pipeline.vectorize.embedders.openai import OpenAIEmbedder

    with FakeEmbeddingServer(32) as server:
        embedder = OpenAIEmbedder(
            "m", dimensions=32, api_key="k", base_url=server.base_url, encoding_format="base64"
        )
        vectors = embedder.embed(["a", "b"])
    assert vectors.shape == (2, 32) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


def test_a_server_refusing_base64_is_asked_for_floats_from_then_on():
    def script(inputs, call):
        return error(400, "encoding_format 'base64' is not supported") if call == 1 else None

    with FakeEmbeddingServer(32, script) as server:
        embedder = create_embedder("openai", model="m", dimensions=32, base_url=server.base_url)
        first = embedder.embed(["a", "b"])
        second = embedder.embed(["c"])
        calls = server.calls
    assert first.shape == (2, 32) and second.shape == (1, 32)
    assert calls == 3  # one refusal, then floats without asking again
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)


def test_a_pinned_encoding_is_not_changed_behind_the_users_back():
    from pipeline.vectorize import InputRejectedError
    from pipeline.vectorize.embedders.openai import OpenAIEmbedder

    def script(inputs, call):
        return error(400, "encoding_format 'base64' is not supported")

    with FakeEmbeddingServer(32, script) as server:
        embedder = OpenAIEmbedder(
            "m", dimensions=32, api_key="k", base_url=server.base_url, encoding_format="base64"
        )
        with pytest.raises(InputRejectedError):
            embedder.embed(["a"])


def test_a_server_that_is_not_there_is_a_transient_error_naming_the_connection():
    import socket

    from pipeline.vectorize import TransientEmbeddingError

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    embedder = create_embedder(
        "openai", model="m", dimensions=8, base_url=f"http://127.0.0.1:{port}/v1"
    )
    with pytest.raises(TransientEmbeddingError, match="APIConnectionError"):
        embedder.embed(["a"])
