"""Ask many questions in batches, a few requests in flight, degrading batch → single items.

One bad item must not cost its whole batch (DESIGN: isolate it), so a batch that fails is
asked again one item at a time; an item that still fails gets its `LLMError` instead of an
answer. A permanent error (rejected key, unknown model) stops all further requests: another
try, split or not, cannot succeed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pipeline.llm.structured import LLMError

log = logging.getLogger(__name__)

Q = TypeVar("Q")
A = TypeVar("A")


def batches(items: Sequence[Q], size: int) -> list[Sequence[Q]]:
    """Consecutive slices of at most `size` items (at least one per slice)."""
    size = max(1, size)
    return [items[start : start + size] for start in range(0, len(items), size)]


def answer_all(
    questions: Sequence[Q],
    ask: Callable[[Sequence[Q]], list[A]],
    batch_size: int,
    concurrency: int = 1,
) -> list[A | LLMError]:
    """One answer (or the LLMError that stands for it) per question, in order.

    `ask(batch)` sends one request and returns one answer per question of the batch, in
    order, or raises LLMError (a wrong or incomplete answer included).
    """
    stop = threading.Event()
    stopped_by: list[LLMError] = []

    def run(batch: Sequence[Q]) -> list[A | LLMError]:
        if stop.is_set():
            return [stopped_by[0]] * len(batch)
        try:
            return list(ask(batch))
        except LLMError as e:
            if e.permanent:
                _stop(e)
                return [e] * len(batch)
            if len(batch) == 1:
                return [e]
            log.warning("LLM batch of %d failed (%s); asking one at a time", len(batch), e)
        return [answer for item in batch for answer in run([item])]

    def _stop(e: LLMError) -> None:
        if not stop.is_set():
            stopped_by.append(e)
            stop.set()
            log.warning("LLM unavailable (%s); no further requests in this run", e)

    groups = batches(questions, batch_size)
    if concurrency <= 1 or len(groups) <= 1:
        results = [run(group) for group in groups]
    else:
        with ThreadPoolExecutor(max_workers=min(concurrency, len(groups))) as pool:
            results = list(pool.map(run, groups))
    return [answer for group in results for answer in group]
