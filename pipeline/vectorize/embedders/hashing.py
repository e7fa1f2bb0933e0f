"""A deterministic, dependency-free embedder: for tests and for measuring our own machinery.

Feature hashing of UTF-8 byte trigrams, signed, L2-normalised: similar texts get similar
vectors, the same text always the same vector, and it costs microseconds.
"""

from __future__ import annotations

import numpy as np


class HashingEmbedder:
    is_remote = False

    def __init__(
        self,
        dimension: int = 256,
        *,
        max_inputs_per_request: int | None = None,
        max_tokens_per_request: int | None = None,
        max_tokens_per_input: int | None = None,
    ) -> None:
        if dimension < 2:
            raise ValueError("dimension must be at least 2")
        self._dimension = dimension
        self.name = f"hashing-trigram-{dimension}"
        self.max_inputs_per_request = max_inputs_per_request
        self.max_tokens_per_request = max_tokens_per_request
        self.max_tokens_per_input = max_tokens_per_input

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            self._embed_into(text, out[row])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def _embed_into(self, text: str, row: np.ndarray) -> None:
        # Byte trigrams packed into 24 bits, spread by a multiplicative hash (wraps mod 2**32);
        # all in numpy, so it costs microseconds and barely holds the GIL.
        data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).astype(np.uint32)
        if data.size < 3:
            data = np.concatenate([data, np.zeros(3 - data.size, dtype=np.uint32)])
        grams = (data[:-2] << 16) | (data[1:-1] << 8) | data[2:]
        hashes = grams * np.uint32(2654435761)
        buckets = (hashes >> 8) % self._dimension
        signs = np.where(hashes >> 31, -1.0, 1.0)
        row += np.bincount(buckets, weights=signs, minlength=self._dimension).astype(np.float32)
