"""Pure decisions of the embedding step: when to retry a request, how to isolate bad inputs.

Neither sleeps nor sends anything: the vectorizer supplies the clock reading, the jitter and
the embedding call, so both are tested without a provider or a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pipeline.vectorize.errors import InputRejectedError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """429s are waited out for as long as `budget_s` lasts (from a request's first failure);
    transient errors are retried at most `max_transient` times within the same budget."""

    budget_s: float
    max_transient: int
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0


@dataclass(frozen=True)
class RetryState:
    """One request's failures so far."""

    retries: int = 0  # failed tries that were retried
    transient: int = 0  # failed tries that were not a 429
    deadline: float | None = None  # when the budget runs out; set at the first failure


@dataclass(frozen=True)
class RetryStep:
    """After a failed try: wait `delay_s` and try again with `state`, or give up (`give_up`
    says why)."""

    state: RetryState
    delay_s: float
    give_up: str | None = None


def next_retry(
    policy: RetryPolicy,
    state: RetryState,
    *,
    now: float,
    retry_after_s: float | None,
    rate_limited: bool,
    stopping: bool,
    jitter: float,
) -> RetryStep:
    """The step after one more failed try at `now`.

    The server's Retry-After wins; otherwise exponential backoff capped at `backoff_max_s`,
    scaled by `0.5 + jitter / 2` (`jitter` in [0, 1)) so concurrent callers spread out.
    """
    deadline = state.deadline if state.deadline is not None else now + policy.budget_s
    transient = state.transient + (0 if rate_limited else 1)
    delay = retry_after_s
    if delay is None:
        delay = min(policy.backoff_max_s, policy.backoff_base_s * 2 ** min(state.retries, 16))
        delay *= 0.5 + jitter / 2
    give_up = None
    if stopping:
        give_up = "the run is stopping"
    elif now + delay > deadline:
        give_up = f"{policy.budget_s:.0f}s retry budget spent"
    elif transient > policy.max_transient:
        give_up = f"{transient - 1} transient retries spent"
    retries = state.retries + (0 if give_up else 1)
    return RetryStep(RetryState(retries, transient, deadline), delay, give_up)


@dataclass
class Bisected(Generic[T]):
    """What `bisect_rejected` found: results by group of positions, and refused positions."""

    embedded: list[tuple[list[int], T]] = field(default_factory=list)
    rejected: dict[int, str] = field(default_factory=dict)


def bisect_rejected(positions: Sequence[int], embed: Callable[[list[int]], T]) -> Bisected[T]:
    """Call `embed` on `positions`; a group it refuses (InputRejectedError) is split in
    halves until each refused input stands alone, so one bad input costs log2(n) requests
    instead of failing its whole batch. Other errors propagate."""
    found: Bisected[T] = Bisected()

    def visit(group: list[int]) -> None:
        try:
            found.embedded.append((group, embed(group)))
        except InputRejectedError as e:
            if len(group) == 1:
                found.rejected[group[0]] = f"input rejected: {e}"
                return
            middle = len(group) // 2
            visit(group[:middle])
            visit(group[middle:])

    if positions:
        visit(list(positions))
    return found


__all__ = ["Bisected", "RetryPolicy", "RetryState", "RetryStep", "bisect_rejected", "next_retry"]
