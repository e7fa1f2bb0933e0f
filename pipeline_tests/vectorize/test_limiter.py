"""The rate limiter on an injected clock: requests and tokens spread over the minute."""

from __future__ import annotations

from pipeline.vectorize.limiter import RateLimiter


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
