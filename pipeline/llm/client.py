"""The one place an OpenAI (or compatible) client is built from configuration.

The SDK retries 408 / 409 / 429 / 5xx itself, `max_retries` times with backoff, and honours
`retry-after`; 400s are never retried. Callers therefore see one exception per request that
really failed, and a 429 is never counted as a failure of the items in it.
"""

from __future__ import annotations

from typing import Any

DEFAULT_TIMEOUT_S = 60.0


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
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    return build_openai_client(key, settings.openai_base_url, settings.max_retries)
