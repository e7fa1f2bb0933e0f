"""The cyclic garbage collector paused for the length of a bulk matching step.

A sync or a match step allocates hundreds of thousands of short-lived dicts, tuples and
arrays (profiles, payloads, hits, rows): each 700 allocations start a collection, and every
tenth of those walks the older objects again, the step's own included. Measured on 2,000
projects x 20,000 candidates: 1,200-1,450 collections, 0.9-1.25 s of a 10 s step; paused,
the whole step took 0.6 s less CPU (3 interleaved pairs). Reference counting still frees
everything the step drops (its objects hold no cycles); whatever cyclic garbage a step
leaves is collected once the collector runs again after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; one inside another (or started while another
    thread's block runs) leaves it to the outer one to restore."""
    if not gc.isenabled():  # already paused by a caller or by the process: leave it so
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
