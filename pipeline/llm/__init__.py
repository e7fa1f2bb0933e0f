"""One small LLM layer: an OpenAI-compatible client, structured outputs, a Postgres cache.

Classification, LLM extraction and the AI match score all go through it, so the client is
built in one place (`client.LLMConfig`), every answer is validated against a pydantic model
(`structured`), and an answer already paid for is read back instead of asked again (`cache`).
"""

from pipeline.llm.cache import LLMCache, cache_key, content_hash
from pipeline.llm.client import LLMConfig, build_openai_client, openai_client_from_settings
from pipeline.llm.structured import LLMError, StructuredLLM, strict_json_schema

__all__ = [
    "LLMCache",
    "LLMConfig",
    "LLMError",
    "StructuredLLM",
    "build_openai_client",
    "cache_key",
    "content_hash",
    "openai_client_from_settings",
    "strict_json_schema",
]
