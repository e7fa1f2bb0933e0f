"""Answers already paid for, kept in Postgres (`llm_cache`) so a rerun sends no request.

A key is the sha256 of the kind of question, the model, the prompt version and the content
hash of every input: any change to one of them is a new key, and old answers are never
served for a new prompt. Only answers that validated are stored.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import Engine

from pipeline.store.llm_cache import CachedResponse, fetch_responses, store_responses


def content_hash(*parts: Any) -> str:
    """sha256 hex of the parts, JSON-encoded so that ("ab", "c") and ("a", "bc") differ."""
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def cache_key(kind: str, model: str, prompt_version: str, *input_hashes: str) -> str:
    """The cache key of one question: sha256 of (kind, model, prompt version, input hashes)."""
    return content_hash(kind, model, prompt_version, *input_hashes)


class LLMCache:
    """Reads and writes `llm_cache`; counts hits and misses for reports."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        """{key: answer} for the keys already answered."""
        if not keys:
            return {}
        with self.engine.connect() as connection:
            found = fetch_responses(connection, keys)
        with self._lock:
            self.hits += sum(key in found for key in keys)
            self.misses += sum(key not in found for key in keys)
        return found

    def put_many(
        self, kind: str, model: str, prompt_version: str, answers: Iterable[tuple[str, Any]]
    ) -> None:
        """Store (key, answer) pairs of one kind, model and prompt version."""
        rows = [CachedResponse(key, kind, model, prompt_version, answer) for key, answer in answers]
        if rows:
            with self.engine.begin() as connection:
                store_responses(connection, rows)
