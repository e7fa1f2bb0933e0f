"""The quality gate: nothing reaches the vector store unless it is a real vector."""

from __future__ import annotations

import numpy as np


def vector_problems(vectors: np.ndarray, expected_count: int, dimension: int) -> list[str | None]:
    """One entry per expected input: None when its vector may be stored, else the reason.

    Checks: one vector per input, the expected dimension, all values finite, non-zero norm.
    A wrong count fails every input of the request (which vector belongs to which is unknown).
    """
    if vectors.ndim != 2 or vectors.shape[0] != expected_count:
        got = vectors.shape[0] if vectors.ndim >= 1 else 0
        return [f"quality gate: {got} vectors for {expected_count} inputs"] * expected_count
    if vectors.shape[1] != dimension:
        return [f"quality gate: dimension {vectors.shape[1]}, expected {dimension}"] * (
            expected_count
        )
    finite = np.isfinite(vectors).all(axis=1)
    norms = np.linalg.norm(np.where(np.isfinite(vectors), vectors, 0.0), axis=1)
    problems: list[str | None] = []
    for ok, norm in zip(finite.tolist(), norms.tolist(), strict=True):
        if not ok:
            problems.append("quality gate: vector has NaN or infinite values")
        elif norm == 0.0:
            problems.append("quality gate: vector has zero norm")
        else:
            problems.append(None)
    return problems
