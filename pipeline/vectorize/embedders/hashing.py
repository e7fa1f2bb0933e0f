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
        # Byte trigrams packed into 24 bits, spread by a multiplicative hash (wraps mod 2**32),
        # for the whole batch at once: the texts' bytes side by side (each padded to 3), one
        # gram per position that starts a full trigram inside its own text, one bincount over
        # (row, bucket). A dozen numpy calls per batch instead of per text.
        encoded = [text.encode("utf-8").ljust(3, b"\0") for text in texts]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.uint32)
        grams = (data[:-2] << 16) | (data[1:-1] << 8) | data[2:]
        counts = lengths - 2  # full trigrams per text
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
        offsets = np.cumsum(lengths) - lengths  # where each text's bytes begin
        first_gram = np.cumsum(counts) - counts  # where each text's grams begin in `rows`
        starts = np.arange(rows.size) + np.repeat(offsets - first_gram, counts)
        hashes = grams[starts] * np.uint32(2654435761)
        buckets = rows * self._dimension + (hashes >> 8) % self._dimension
        signs = np.where(hashes >> 31, -1.0, 1.0)
        size = len(texts) * self._dimension
        out = np.bincount(buckets, weights=signs, minlength=size).astype(np.float32)
        out = out.reshape(len(texts), self._dimension)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
