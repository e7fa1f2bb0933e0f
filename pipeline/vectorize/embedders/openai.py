"""OpenAI embeddings, or any server speaking POST /v1/embeddings (via `base_url`).

The SDK's own retries are switched off (`max_retries=0`): it would also retry
`insufficient_quota`, which should fail fast, and the vectorizer's retry loop counts retries
for progress reporting. This module only turns SDK errors into the vectorizer's named errors.
"""

from __future__ import annotations

import binascii
import json
from email.utils import parsedate_to_datetime
from operator import itemgetter
from typing import Any

import numpy as np
import orjson

from pipeline.errors import register_secret
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
        register_secret(api_key)  # a provider echoing it back must not leak it
        self.max_inputs_per_request = max_inputs_per_request
        self.max_tokens_per_request = max_tokens_per_request
        self.max_tokens_per_input = max_tokens_per_input
        # base64 is a quarter of the bytes of float text and decodes without a float parse;
        # a server that does not speak it is detected and answered in floats (`_parse`,
        # `_refuses_base64`), unless `encoding_format` pins one.
        self._encoding = encoding_format or "base64"
        self._encoding_pinned = encoding_format is not None
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
            # The raw body, not the SDK's model: it builds a pydantic object per float.
            raw = self._client.embeddings.with_raw_response.create(**kwargs)
        except openai.APIError as e:
            if self._refuses_base64(e):
                self._encoding = "float"
                return self.embed(texts)
            # `from None`: the SDK error's text may echo the key; ours is redacted.
            raise _translate(e) from None
        return _parse(raw.content, self._known_dimension or 0)

    def _refuses_base64(self, e: Exception) -> bool:
        """A compatible server that rejects `encoding_format: base64` (400/422 naming it)."""
        import openai

        if self._encoding != "base64" or self._encoding_pinned:
            return False
        if not isinstance(e, openai.BadRequestError | openai.UnprocessableEntityError):
            return False
        return "encoding" in str(getattr(e, "message", None) or e).lower()


def _parse(body: bytes, dimension: int) -> np.ndarray:
    """float32 rows in input order from an embeddings response body, base64 or floats."""
    try:
        data = orjson.loads(body)["data"]
    except orjson.JSONDecodeError:
        data = json.loads(body)["data"]  # NaN or Infinity: the quality gate names them
    if not data:
        return np.zeros((0, dimension), dtype=np.float32)
    data.sort(key=itemgetter("index"))
    embeddings = [row["embedding"] for row in data]
    if all(isinstance(e, str) for e in embeddings):
        raw = [binascii.a2b_base64(e) for e in embeddings]
        if len({len(r) for r in raw}) == 1:  # one buffer, one array: no per-row arrays
            return np.frombuffer(b"".join(raw), dtype="<f4").reshape(len(raw), -1)
        return np.stack([np.frombuffer(r, dtype="<f4") for r in raw])  # raises, as for floats
    # Floats: the server ignores `encoding_format`, or was asked for floats. One conversion
    # for the whole response; rows of unequal length fail here, as they would in np.stack.
    return np.array(embeddings, dtype=np.float32)


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
