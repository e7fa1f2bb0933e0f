"""Batch plans, clipping to the token bound, and refusing input the embedder cannot take."""

from __future__ import annotations

from pipeline.vectorize.batching import clip_to_tokens, plan_batches, prepare_input


def test_batches_are_bounded_by_count_and_tokens_and_keep_order():
    assert plan_batches([1, 1, 1, 1, 1], max_inputs=2) == [[0, 1], [2, 3], [4]]
    assert plan_batches([5, 5, 5, 20, 1], max_inputs=10, max_tokens=10) == [
        [0, 1], [2], [3], [4],
    ]  # fmt: skip
    assert plan_batches([], max_inputs=3) == []


def test_clipping_cuts_on_a_character_boundary_under_the_byte_bound():
    text = "株式会社" * 10  # 3 bytes a character
    clipped = clip_to_tokens(text, 10)
    assert clipped == "株式会" and len(clipped.encode()) <= 10


def test_prepare_input_refuses_empty_and_clips_or_refuses_long_text():
    assert prepare_input(" \n", 100).refused.startswith("empty text")
    assert prepare_input("abc", 100) .text == "abc"  # fmt: skip
    clipped = prepare_input("x" * 50, 10)
    assert clipped.text == "x" * 10 and clipped.note.startswith("clipped: 50")
    assert prepare_input("x" * 50, 10, overlong="refuse").refused.startswith("too long: 50")
