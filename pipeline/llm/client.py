"""The one place an OpenAI (or compatible) client is built from configuration.

The SDK retries 408 / 409 / 429 / 5xx itself, `max_retries` times with backoff, and honours
`retry-after`; 400s are never retried. Callers therefore see one exception per request that
really failed, and a 429 is never counted as a failure of the items in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.llm.structured import StructuredLLM

DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class LLMConfig:
    """What every LLM-backed part is built from, whether the settings or a Dagster resource
    holds it: the model (None: offline rules), how to reach it, and the request sizes."""

    model: str | None
    api_key: str | None = None
    base_url: str | None = None
    max_retries: int = 3
    batch_size: int = 10  # emails per classification or extraction request
    concurrency: int = 4  # requests in flight
    pairs_per_request: int = 5  # project-candidate pairs per AI match score request

    @classmethod
    def from_settings(cls, settings: Any) -> LLMConfig:
        """LLM_MODEL, OPENAI_API_KEY, OPENAI_BASE_URL, MAX_RETRIES and the request sizes."""
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return cls(
            model=settings.llm_model,
            api_key=key,
            base_url=settings.openai_base_url,
            max_retries=settings.max_retries,
            batch_size=settings.email_batch_size,
            concurrency=settings.llm_concurrency,
            pairs_per_request=settings.ai_pairs_per_request,
        )

    def client(self) -> Any:
        return build_openai_client(self.api_key, self.base_url, self.max_retries)

    def structured(self) -> StructuredLLM | None:
        """A StructuredLLM for the model, or None without one."""
        if not self.model:
            return None
        from pipeline.llm.structured import StructuredLLM

        return StructuredLLM(self.client(), self.model)


def build_openai_client(
    api_key: str | None,
    base_url: str | None = None,
    max_retries: int = 3,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> Any:
    """An `openai.OpenAI` client; the SDK is imported here, late, as a heavy dependency.

    A compatible server without authentication still needs a non-empty key, hence "unset".
    """
    import openai

    return openai.OpenAI(
        api_key=api_key or "unset",
        base_url=base_url or None,
        max_retries=max_retries,
        timeout=timeout,
    )


def openai_client_from_settings(settings: Any) -> Any:
    """The client for `OPENAI_API_KEY`, `OPENAI_BASE_URL` and `MAX_RETRIES`."""
    return LLMConfig.from_settings(settings).client()
