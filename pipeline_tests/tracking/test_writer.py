"""OrderedWriter: events written on one background thread, in order, bounded, never raising."""

from __future__ import annotations

import threading

import pytest

from pipeline.tracking.writer import OrderedWriter


def test_everything_submitted_is_written_in_order_by_close():
    written: list[int] = []
    writer = OrderedWriter(written.append)
    for i in range(500):
        writer.submit(i)
    writer.close()
    assert written == list(range(500))
    assert (writer.written, writer.errors) == (500, 0)
    writer.close()  # idempotent
    with pytest.raises(RuntimeError):
        writer.submit(500)


def test_writes_happen_on_another_thread_while_the_submitter_goes_on():
    threads: set[str] = set()
    with OrderedWriter(lambda _: threads.add(threading.current_thread().name), name="w") as w:
        w.submit(1)
    assert threads == {"w"}


def test_a_full_queue_blocks_the_submitter_until_the_writer_catches_up():
    """max_pending bounds memory: the loop waits for the store instead of buffering forever."""
    entered, gate = threading.Event(), threading.Event()
    written: list[int] = []

    def slow_write(item: int) -> None:
        entered.set()
        gate.wait()
        written.append(item)

    writer = OrderedWriter(slow_write, max_pending=2)
    writer.submit(1)
    assert entered.wait(10)  # the writer holds item 1; the queue is empty
    writer.submit(2)
    writer.submit(3)  # the queue is full now
    submitter = threading.Thread(target=writer.submit, args=(4,))
    submitter.start()
    gate.set()
    submitter.join(10)
    writer.close()
    assert written == [1, 2, 3, 4]
    assert writer.max_queued == 2
    assert writer.wait_s > 0  # submit(4) was held until item 1 was written


def test_a_failing_write_is_counted_and_reported_and_the_rest_still_written():
    written: list[int] = []
    reported: list[tuple[int, str]] = []

    def flaky(item: int) -> None:
        if item % 3 == 0:
            raise ConnectionError(f"store down at {item}")
        written.append(item)

    def broken_callback(item: int, error: Exception) -> None:
        reported.append((item, str(error)))
        raise RuntimeError("a callback bug must not kill the writer either")

    writer = OrderedWriter(flaky, on_error=broken_callback)
    for i in range(1, 10):
        writer.submit(i)
    writer.close()
    assert written == [1, 2, 4, 5, 7, 8]
    assert writer.errors == 3 and writer.written == 6
    assert reported == [(3, "store down at 3"), (6, "store down at 6"), (9, "store down at 9")]


def test_max_pending_must_be_positive():
    with pytest.raises(ValueError):
        OrderedWriter(print, max_pending=0)


def test_a_writer_given_nothing_starts_no_thread():
    """An op that fails before its loop must not leave a thread behind."""
    before = threading.active_count()
    writer = OrderedWriter(print)
    assert threading.active_count() == before
    writer.close()
    assert threading.active_count() == before


def test_waiting_on_the_store_counts_as_write_time_not_cpu():
    """write_s is the writer's wall time, write_cpu_s the part this process computed."""
    with OrderedWriter(lambda _: threading.Event().wait(0.01)) as writer:
        for i in range(3):
            writer.submit(i)
    assert writer.write_s >= 0.03
    assert 0 <= writer.write_cpu_s < writer.write_s / 2
