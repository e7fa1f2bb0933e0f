"""Named errors of the vectorizer and its embedders, and how the loop treats each.

Embedders turn provider errors into these classes; the loop never looks at a provider's own
exception types. Only what is understood becomes a control signal:

- `RateLimitedError`: waited out (Retry-After honoured) for as long as the retry time budget
  lasts, however many 429s that takes; never charged to a chunk.
- `TransientEmbeddingError`: retried with backoff, `max_retries` times within the same budget.
  Either one outlasting it stops the run; chunks stay pending, batches already embedded are
  written first.
- `DimensionMismatchError`: a whole response of another size than configured is a setting
  (EMBEDDING_DIMENSIONS, EMBEDDING_MODEL), not bad chunks: the run stops, nothing is charged.
- `InputRejectedError`: the request's input was refused; the batch is split in halves until
  the bad item is alone, and only that item fails.
- `FatalEmbeddingError` (authentication, model not found, quota): never split, never retried;
  the run stops with the provider's message.
"""

from __future__ import annotations

from pipeline.errors import ConfigurationError, PipelineError, TransientError


class VectorizeError(PipelineError):
    """Base of the vectorizer's errors."""


class EmbeddingError(VectorizeError):
    """An embedding request failed."""


class RateLimitedError(EmbeddingError):
    """HTTP 429 (not quota): wait `retry_after_s` (when the server said) and try again."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class TransientEmbeddingError(EmbeddingError):
    """Timeouts, connection errors, 5xx, 408/409: worth another try."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class InputRejectedError(EmbeddingError):
    """The provider refused this request's input (HTTP 400/413/422): split to isolate it."""


class FatalEmbeddingError(EmbeddingError):
    """Retrying or splitting cannot help: fail the run with this message."""


class EmbeddingAuthenticationError(FatalEmbeddingError):
    """HTTP 401/403: the key is missing, wrong or not allowed."""


class ModelNotFoundError(FatalEmbeddingError):
    """HTTP 404, or a 400 naming an unknown model."""


class QuotaExceededError(FatalEmbeddingError):
    """The account is out of quota (a 429 with code insufficient_quota): waiting will not help."""


class EmbeddingUnavailableError(VectorizeError, TransientError):
    """Rate limits or transient errors outlasted every retry; chunks stay pending."""


class DimensionMismatchError(ConfigurationError, VectorizeError):
    """The server's vectors have another size than configured: a setting, not the data."""
