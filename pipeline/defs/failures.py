"""How a step fails on an error it knows: one line (type and message), retried or not."""

from __future__ import annotations

from dagster import Failure


def step_failure(error: BaseException, *, retry: bool = False) -> Failure:
    """The step's `Failure` for `error`.

    `retry`: whether the op's RetryPolicy may try again (a database or vector store down), as
    opposed to a bad setting, a missing model or a missing schema, which no retry can fix.
    """
    return Failure(f"{type(error).__name__}: {error}", allow_retries=retry)
