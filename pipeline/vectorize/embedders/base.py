"""The one interface every embedding provider implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors. Providers never touch the database.

    `name` is the model id stored on every chunk it vectorized; the limits bound what one
    `embed` call may receive (None: no limit of that kind). Token counts are the offline
    upper bound of `pipeline.text.estimate_tokens` (UTF-8 bytes).
    """

    name: str
    is_remote: bool
    max_inputs_per_request: int | None
    max_tokens_per_request: int | None
    max_tokens_per_input: int | None

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray:
        """float32 array of shape (len(texts), dimension). Raises `EmbeddingError` subclasses."""
        ...
