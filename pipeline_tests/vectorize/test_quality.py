"""The quality gate: every bad vector is named, not dropped."""

from __future__ import annotations

import numpy as np

from pipeline.vectorize.quality import vector_problems


def test_quality_gate_names_each_bad_vector():
    good = np.ones((4, 3), dtype=np.float32)
    good[1, 0] = np.nan
    good[2] = 0.0
    good[3, 2] = np.inf
    assert vector_problems(good, 4, 3) == [
        None,
        "quality gate: vector has NaN or infinite values",
        "quality gate: vector has zero norm",
        "quality gate: vector has NaN or infinite values",
    ]
    assert vector_problems(good, 5, 3)[0] == "quality gate: 4 vectors for 5 inputs"
    assert vector_problems(good, 4, 8)[0] == "quality gate: dimension 3, expected 8"
