"""OpenAI embeddings, or any server speaking POST /v1/embeddings (via `base_url`).

One POST per batch over a held httpx connection pool, not through the openai SDK: the SDK
builds a pydantic object per float of the response (48% of a run's CPU was there), and its
import alone costs about a second of CPU per process, a sixth of a 20k-row run. The body is
parsed with orjson into one numpy array. There are no retries here: the vectorizer's loop
retries (it counts them for progress, and `insufficient_quota` must fail fast); this module
turns HTTP answers into the vectorizer's named errors, with the SDK's error names in the
message.
"""

from __future__ import annotations

import binascii
import json
import os
from email.utils import parsedate_to_datetime
from operator import itemgetter
from typing import Any

import numpy as np
import orjson

from pipeline.errors import register_secret
from pipeline.vectorize import errors

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
DEFAULT_BASE_URL = "https://api.openai.com/v1"
# The SDK's exception names, kept in messages so logs read as before.
_STATUS_NAMES = {400: "BadRequestError", 401: "AuthenticationError", 403: "PermissionDeniedError",
                 404: "NotFoundError", 409: "ConflictError", 422: "UnprocessableEntityError",
                 429: "RateLimitError"}  # fmt: skip


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
        import httpx

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
        base = base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self._url = base.rstrip("/") + "/embeddings"
        headers = {
            # A missing key becomes a clear 401 from the server, not a crash here.
            "Authorization": f"Bearer {api_key or 'unset'}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        for header, variable in (
            ("OpenAI-Organization", "OPENAI_ORG_ID"),
            ("OpenAI-Project", "OPENAI_PROJECT_ID"),
        ):
            if os.environ.get(variable):
                headers[header] = os.environ[variable]
        self._http = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
        )

    @property
    def dimension(self) -> int:
        if self._known_dimension is None:
            # An unknown model and no `dimensions`: ask the server once.
            self._known_dimension = int(self.embed(["dimension probe"]).shape[1])
        return self._known_dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        import httpx

        request: dict[str, Any] = {"input": list(texts), "model": self.name}
        if self._dimensions:
            request["dimensions"] = self._dimensions
        request["encoding_format"] = self._encoding
        try:
            response = self._http.post(self._url, content=orjson.dumps(request))
        except httpx.TimeoutException:
            raise errors.TransientEmbeddingError("APITimeoutError: Request timed out.") from None
        except httpx.HTTPError as e:
            # `from None` here and below: a library's text may echo the key; ours is redacted.
            raise errors.TransientEmbeddingError(
                f"APIConnectionError: Connection error: {e}"
            ) from None
        if response.status_code >= 400:
            status, code, message = _error_of(response)
            if self._refuses_base64(status, message):
                self._encoding = "float"
                return self.embed(texts)
            raise _translate(status, code, message, response.headers) from None
        return _parse(response.content, self._known_dimension or 0)

    def _refuses_base64(self, status: int, message: str) -> bool:
        """A compatible server that rejects `encoding_format: base64` (400/422 naming it)."""
        if self._encoding != "base64" or self._encoding_pinned:
            return False
        return status in (400, 422) and "encoding" in message.lower()

    def close(self) -> None:
        self._http.close()


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


def _error_of(response: Any) -> tuple[int, str, str]:
    """(status, error code, message) of an error answer, worded as the SDK words it."""
    status = response.status_code
    try:
        body: Any = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        body = response.text
    error = body.get("error", body) if isinstance(body, dict) else body
    code = str(error.get("code") or "") if isinstance(error, dict) else ""
    name = _STATUS_NAMES.get(status, "InternalServerError" if status >= 500 else "APIStatusError")
    detail = f" - {error}" if error else ""
    return status, code, f"{name}: Error code: {status}{detail}"


def _translate(status: int, code: str, message: str, headers: Any) -> errors.EmbeddingError:
    """Map an error answer to the control signal the vectorizer understands."""
    retry_after = _retry_after_s(headers)
    if status == 429:
        if code == "insufficient_quota":
            return errors.QuotaExceededError(message)
        return errors.RateLimitedError(message, retry_after)
    if status in (401, 403):
        return errors.EmbeddingAuthenticationError(message)
    if status == 404 or code == "model_not_found":
        return errors.ModelNotFoundError(message)
    if status in (408, 409) or status >= 500:
        return errors.TransientEmbeddingError(message, retry_after)
    if status in (400, 413, 422):
        return errors.InputRejectedError(message)
    return errors.FatalEmbeddingError(message)


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
