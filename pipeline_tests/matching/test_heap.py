"""collector_paused: the cyclic collector is off inside, restored once, also after an error."""

from __future__ import annotations

import gc

import pytest

from pipeline.matching.heap import collector_paused


def test_paused_inside_and_restored_after_nesting_and_errors() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_process_that_runs_without_the_collector_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
