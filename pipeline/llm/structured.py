"""One chat-completions request answered in a pydantic model's shape (structured outputs).

The request carries a strict `json_schema` response format built from the model, and the
answer is validated against the same model: malformed JSON, a wrong shape, a refusal or a
failed request all become one `LLMError`, whose text never contains a configured secret.
"""

from __future__ import annotations

import json
import threading
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from pipeline.errors import PipelineError

M = TypeVar("M", bound=BaseModel)

_MAX_ERROR_CHARS = 300


class LLMError(PipelineError):
    """A request failed or its answer was not the asked-for shape.

    `permanent` marks what another try cannot fix (a rejected key, an unknown model, an
    exhausted quota): callers stop asking instead of splitting the batch.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class StructuredLLM:
    """Asks `model` for JSON in the shape of a pydantic model, through an OpenAI client."""

    def __init__(self, client: Any, model: str, *, temperature: float = 0.0) -> None:
        self.client = client
        self.model = model
        self.temperature = temperature
        self.requests = 0  # requests sent (after the cache), for reports and tests
        self._lock = threading.Lock()
        self._secrets = _secrets_of(client)

    @property
    def name(self) -> str:
        return f"llm:{self.model}"

    def ask(self, system: str, user: Any, schema: type[M], name: str | None = None) -> M:
        """Send one request; return the validated answer or raise LLMError.

        `user` is the user message: a string as is, anything else as JSON (non-ASCII kept,
        so Japanese and Chinese cost their own tokens, not six per character).
        """
        import openai

        content = user if isinstance(user, str) else json.dumps(user, ensure_ascii=False)
        with self._lock:
            self.requests += 1
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                temperature=self.temperature,
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": content},
                ],
                response_format=response_format(schema, name),
            )
            message = response.choices[0].message
            if getattr(message, "refusal", None):
                raise LLMError(f"the model refused: {self._scrub(str(message.refusal))}")
            return schema.model_validate_json(message.content or "")
        except LLMError:
            raise
        except (openai.OpenAIError, ValidationError, IndexError, AttributeError) as e:
            raise self._error(e) from (e if self._clean(e) else None)

    def _error(self, e: Exception) -> LLMError:
        import openai

        text = f"{type(e).__name__}: {self._scrub(str(e))}"[:_MAX_ERROR_CHARS]
        permanent = isinstance(
            e, openai.AuthenticationError | openai.PermissionDeniedError | openai.NotFoundError
        ) or (
            isinstance(e, openai.RateLimitError)
            and getattr(e, "code", None) == "insufficient_quota"
        )
        return LLMError(text, permanent=permanent)

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _clean(self, e: Exception) -> bool:
        """Whether the original exception may travel as the cause (it holds no secret)."""
        text = f"{e!s} {e!r}"
        return not any(secret in text for secret in self._secrets)


def _secrets_of(client: Any) -> tuple[str, ...]:
    """The configured key and any password in the base URL, longest first."""
    found = []
    key = getattr(client, "api_key", None)
    if isinstance(key, str) and len(key) >= 4 and key != "unset":
        found.append(key)
    password = urlsplit(str(getattr(client, "base_url", "") or "")).password
    if password:
        found.append(password)
    return tuple(sorted(found, key=len, reverse=True))


def response_format(schema: type[BaseModel], name: str | None = None) -> dict[str, Any]:
    """The `json_schema` response format of a pydantic model, in strict mode."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": name or _snake(schema.__name__),
            "strict": True,
            "schema": strict_json_schema(schema),
        },
    }


def strict_json_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema as strict mode wants it: every object closed, every
    property required (optional ones are nullable instead), no defaults."""
    return _strict(schema.model_json_schema())


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict(value) for key, value in node.items() if key != "default"}
    if out.get("type") == "object" and "properties" in out:
        out["additionalProperties"] = False
        out["required"] = list(out["properties"])
    return out


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
