"""OpenAI embeddings, or any server speaking POST /v1/embeddings (via `base_url`).

The SDK's own retries are switched off (`max_retries=0`): it would also retry
`insufficient_quota`, which should fail fast, and the vectorizer's retry loop counts retries
for progress reporting. This module only turns SDK errors into the vectorizer's named errors.
"""

from __future__ import annotations

import base64
from email.utils import parsedate_to_datetime
from typing import Any

import numpy as np

from pipeline.vectorize.errors import (
    EmbeddingAuthenticationError,
    EmbeddingError,
    FatalEmbeddingError,
    InputRejectedError,
    ModelNotFoundError,
    QuotaExceededError,
    RateLimitedError,
    TransientEmbeddingError,
)

DEFAULT_MODEL = "text-embedding-3-small"
_NATIVE_DIMENSIONS = {
    "text-embedding-3-small": 1536,
    "text-embedding-3-large": 3072,
    "text-embedding-ada-002": 1536,
}
# OpenAI's documented limits: 2048 inputs and 300k tokens a request, 8192 tokens an input.
MAX_INPUTS = 2048
MAX_TOKENS_PER_REQUEST = 300_000
MAX_TOKENS_PER_INPUT = 8192


class OpenAIEmbedder:
    is_remote = True

    def __init__(
        self,
        model: str | None = None,
        *,
        dimensions: int | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 3,
        encoding_format: str | None = None,
        max_inputs_per_request: int = MAX_INPUTS,
        max_tokens_per_request: int = MAX_TOKENS_PER_REQUEST,
        max_tokens_per_input: int = MAX_TOKENS_PER_INPUT,
    ) -> None:
        from openai import OpenAI

        self.name = model or DEFAULT_MODEL
        self._dimensions = dimensions
        self._known_dimension = dimensions or _NATIVE_DIMENSIONS.get(self.name)
        self.max_retries = max_retries  # read by the Vectorizer's retry loop
        self.max_inputs_per_request = max_inputs_per_request
        self.max_tokens_per_request = max_tokens_per_request
        self.max_tokens_per_input = max_tokens_per_input
        # base64 halves the bytes on the wire; compatible servers do not all speak it.
        self._encoding = encoding_format or ("base64" if base_url is None else "float")
        self._client = OpenAI(
            api_key=api_key or "unset",  # a missing key becomes a clear 401, not a crash here
            base_url=base_url,
            timeout=timeout_s,
            max_retries=0,
        )

    @property
    def dimension(self) -> int:
        if self._known_dimension is None:
            # An unknown model and no `dimensions`: ask the server once.
            self._known_dimension = int(self.embed(["dimension probe"]).shape[1])
        return self._known_dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        import openai

        kwargs: dict[str, Any] = {"input": list(texts), "model": self.name}
        if self._dimensions:
            kwargs["dimensions"] = self._dimensions
        kwargs["encoding_format"] = self._encoding
        try:
            response = self._client.embeddings.create(**kwargs)
        except openai.APIError as e:
            raise _translate(e) from e
        rows = sorted(response.data, key=lambda item: item.index)
        if not rows:
            return np.zeros((0, self._known_dimension or 0), dtype=np.float32)
        return np.stack([_decode(row.embedding) for row in rows])


def _decode(embedding: Any) -> np.ndarray:
    if isinstance(embedding, str):
        return np.frombuffer(base64.b64decode(embedding), dtype=np.float32)
    return np.asarray(embedding, dtype=np.float32)


def _translate(e: Exception) -> EmbeddingError:
    """Map an SDK error to the control signal the vectorizer understands."""
    import openai

    message = f"{type(e).__name__}: {getattr(e, 'message', None) or e}"
    if isinstance(e, openai.APITimeoutError | openai.APIConnectionError):
        return TransientEmbeddingError(message)
    if not isinstance(e, openai.APIStatusError):
        return TransientEmbeddingError(message)
    status = e.status_code
    code = str(getattr(e, "code", "") or "")
    retry_after = _retry_after_s(e.response.headers)
    if status == 429:
        if code == "insufficient_quota":
            return QuotaExceededError(message)
        return RateLimitedError(message, retry_after)
    if status in (401, 403):
        return EmbeddingAuthenticationError(message)
    if status == 404 or code == "model_not_found":
        return ModelNotFoundError(message)
    if status in (408, 409) or status >= 500:
        return TransientEmbeddingError(message, retry_after)
    if status in (400, 413, 422):
        return InputRejectedError(message)
    return FatalEmbeddingError(message)


def _retry_after_s(headers: Any) -> float | None:
    """Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return float(raw_ms) / 1000.0
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        pass
    try:
        from datetime import UTC, datetime

        return max(0.0, (parsedate_to_datetime(raw) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
