"""A shared limiter of requests and tokens per minute for concurrent embedding requests.

A small token bucket per budget, here rather than a dependency: thread-safe limiters exist
(pyrate-limiter, limits), but what this one needs, a reservation that may go into debt (a
batch's tokens at once) and one Retry-After hold for every caller, is a few lines here. Each
`acquire` reserves its share at once and sleeps outside the lock, so concurrent callers queue
fairly. `hold_until` lets a 429's Retry-After pause every caller, not only the one that was
told.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class _Bucket:
    def __init__(self, per_minute: float, now: float) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.available = self.capacity
        self.stamp = now

    def reserve(self, amount: float, now: float) -> float:
        """Take `amount` (may go into debt); return seconds until the debt is repaid."""
        self.available = min(self.capacity, self.available + (now - self.stamp) * self.rate)
        self.stamp = now
        self.available -= min(amount, self.capacity)
        return 0.0 if self.available >= 0 else -self.available / self.rate


class RateLimiter:
    def __init__(
        self,
        requests_per_minute: float | None = None,
        tokens_per_minute: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        now = clock()
        self._requests = _Bucket(requests_per_minute, now) if requests_per_minute else None
        self._tokens = _Bucket(tokens_per_minute, now) if tokens_per_minute else None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._hold_until = 0.0

    def acquire(self, tokens: int = 0) -> float:
        """Block until one request of `tokens` tokens fits; return the seconds waited."""
        with self._lock:
            now = self._clock()
            wait = max(0.0, self._hold_until - now)
            if self._requests:
                wait = max(wait, self._requests.reserve(1, now))
            if self._tokens and tokens:
                wait = max(wait, self._tokens.reserve(tokens, now))
        if wait > 0:
            self._sleep(wait)
        return wait

    def hold_until(self, seconds_from_now: float) -> None:
        """Make every caller wait at least this long (a server asked us to back off)."""
        with self._lock:
            self._hold_until = max(self._hold_until, self._clock() + seconds_from_now)
