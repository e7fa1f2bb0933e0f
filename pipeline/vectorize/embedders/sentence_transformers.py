"""sentence-transformers for local GPUs (the `gpu` extra), imported only when chosen.

Picks CUDA when available, else MPS, else CPU; vectors are L2-normalised.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from pipeline.errors import ConfigurationError

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class SentenceTransformersEmbedder:
    is_remote = False
    max_inputs_per_request: int | None = None
    max_tokens_per_request: int | None = None
    max_tokens_per_input: int | None = None

    def __init__(self, model: str | None = None, device: str | None = None) -> None:
        self._source = model or DEFAULT_MODEL
        # A model loaded from a local folder is named by the folder, not the whole path, so
        # the stored model id and the collection name survive moving the install.
        self.name = Path(self._source).name if Path(self._source).is_dir() else self._source
        self._device = device
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as e:
                    raise ConfigurationError(
                        "EMBEDDER=sentence-transformers needs the gpu extra: "
                        "pip install 'pipeline[gpu]'"
                    ) from e
                self._model = SentenceTransformer(self._source, device=self._device or _device())
        return self._model

    @property
    def dimension(self) -> int:
        model = self._load()
        # sentence-transformers 6 renamed the method; older releases only have the old name.
        get = getattr(model, "get_embedding_dimension", None) or (
            model.get_sentence_embedding_dimension
        )
        return int(get())

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._load().encode(
            list(texts),
            batch_size=max(1, len(texts)),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def _device() -> str:
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"
