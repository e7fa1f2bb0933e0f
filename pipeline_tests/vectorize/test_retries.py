"""The pure retry and bisection decisions of the embedding step."""

from __future__ import annotations

import pytest

from pipeline.vectorize.errors import InputRejectedError, TransientEmbeddingError
from pipeline.vectorize.retries import RetryPolicy, RetryState, bisect_rejected, next_retry

POLICY = RetryPolicy(budget_s=10.0, max_transient=2, backoff_base_s=0.5, backoff_max_s=4.0)


def step(state, now=0.0, retry_after_s=None, rate_limited=False, stopping=False, jitter=1.0):
    return next_retry(
        POLICY,
        state,
        now=now,
        retry_after_s=retry_after_s,
        rate_limited=rate_limited,
        stopping=stopping,
        jitter=jitter,
    )


def test_backoff_doubles_up_to_its_cap_and_jitter_scales_it_down_to_half():
    state, delays = RetryState(), []
    for _ in range(5):
        result = step(state, rate_limited=True)  # 429s: no transient count
        assert result.give_up is None
        delays.append(result.delay_s)
        state = result.state
    assert delays == [0.5, 1.0, 2.0, 4.0, 4.0] and state.retries == 5
    assert step(RetryState(retries=2), jitter=0.0).delay_s == 1.0


def test_retry_after_wins_and_429s_last_as_long_as_the_budget():
    first = step(RetryState(), now=100.0, retry_after_s=3.0, rate_limited=True)
    assert (first.delay_s, first.state.deadline) == (3.0, 110.0)  # budget from the first failure
    later = step(first.state, now=106.0, retry_after_s=3.0, rate_limited=True)
    assert later.give_up is None and later.state.deadline == 110.0
    spent = step(later.state, now=108.0, retry_after_s=3.0, rate_limited=True)
    assert spent.give_up == "10s retry budget spent" and spent.state.retries == 2


def test_transient_errors_stop_after_max_transient_retries():
    state = RetryState()
    for _ in range(2):
        result = step(state)
        assert result.give_up is None
        state = result.state
    assert step(state).give_up == "2 transient retries spent"
    assert step(state, rate_limited=True).give_up is None  # a 429 is not a transient error


def test_a_stopping_run_gives_up_at_once():
    assert step(RetryState(), stopping=True).give_up == "the run is stopping"


def test_bisection_isolates_each_refused_input_and_keeps_the_rest():
    calls = []

    def embed(group):
        calls.append(group)
        if any(p in (2, 5) for p in group):
            raise InputRejectedError("bad input")
        return [p * 10 for p in group]

    found = bisect_rejected([0, 1, 2, 3, 4, 5, 6, 7], embed)
    assert found.rejected == {2: "input rejected: bad input", 5: "input rejected: bad input"}
    embedded = sorted(p for group, _ in found.embedded for p in group)
    assert embedded == [0, 1, 3, 4, 6, 7]
    assert all(result == [p * 10 for p in group] for group, result in found.embedded)
    assert calls[0] == [0, 1, 2, 3, 4, 5, 6, 7] and len(calls) == 11  # 1 + 2 + 4 + 4
    assert bisect_rejected([], embed).embedded == [] and len(calls) == 11


def test_bisection_lets_other_errors_through():
    def embed(group):
        raise TransientEmbeddingError("down")

    with pytest.raises(TransientEmbeddingError):
        bisect_rejected([0, 1], embed)
