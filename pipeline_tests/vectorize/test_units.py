"""Pure pieces: batch plans, clipping, the quality gate, the rate limiter."""

from __future__ import annotations

import numpy as np

from pipeline.vectorize.batching import clip_to_tokens, plan_batches, prepare_input
from pipeline.vectorize.limiter import RateLimiter
from pipeline.vectorize.quality import vector_problems


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


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_limiter_spreads_requests_and_tokens_over_the_minute():
    clock = FakeClock()
    limiter = RateLimiter(
        requests_per_minute=60, tokens_per_minute=600, clock=clock, sleep=clock.sleep
    )
    waits = [limiter.acquire(tokens=0) for _ in range(61)]
    assert waits[:60] == [0.0] * 60  # the burst allowance
    assert abs(waits[60] - 1.0) < 1e-9  # then one request a second
    clock.now += 100.0  # refill both buckets
    assert limiter.acquire(tokens=600) == 0.0
    assert abs(limiter.acquire(tokens=300) - 30.0) < 1e-9


def test_limiter_hold_makes_every_caller_wait():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.hold_until(2.5)
    assert limiter.acquire() == 2.5
    assert limiter.acquire() == 0.0


def test_the_default_batch_is_the_seeds_32_locally_and_larger_for_remote_embedders():
    from pipeline.vectorize import Vectorizer, create_embedder
    from pipeline.vectorize.vectorizer import LOCAL_BATCH_SIZE, REMOTE_BATCH_SIZE

    local = create_embedder("hashing", dimensions=8)
    remote = create_embedder("openai", dimensions=8, api_key="k", base_url="http://127.0.0.1:9")
    assert Vectorizer(None, local, None).batch_size == LOCAL_BATCH_SIZE == 32
    assert Vectorizer(None, remote, None).batch_size == REMOTE_BATCH_SIZE > LOCAL_BATCH_SIZE
    assert Vectorizer(None, remote, None, batch_size=50).batch_size == 50
