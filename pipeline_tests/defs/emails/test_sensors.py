"""inbox_sensor: cursor logic as a pure function, and ticks through build_sensor_context."""

from __future__ import annotations

import os
from pathlib import Path

from dagster import RunRequest, SkipReason, build_sensor_context

from pipeline.defs.emails.sensors import InboxFile, build_inbox_sensor, next_cursor


def _drop(folder: Path, name: str, mtime_ns: int) -> None:
    path = folder / name
    path.write_bytes(b"Subject: hi\r\n\r\nhello")
    os.utime(path, ns=(mtime_ns, mtime_ns))


def test_next_cursor_first_tick_requests_everything() -> None:
    items = [InboxFile(10, "a.eml"), InboxFile(20, "b.eml")]
    assert next_cursor(None, items) == (["inbox:20:b.eml"], "20:b.eml")


def test_next_cursor_nothing_new_keeps_the_cursor() -> None:
    items = [InboxFile(10, "a.eml"), InboxFile(20, "b.eml")]
    assert next_cursor("20:b.eml", items) == ([], "20:b.eml")
    assert next_cursor(None, []) == ([], "")


def test_next_cursor_something_new_moves_past_it() -> None:
    items = [InboxFile(10, "a.eml"), InboxFile(20, "b.eml"), InboxFile(20, "c.eml")]
    assert next_cursor("20:b.eml", items) == (["inbox:20:c.eml"], "20:c.eml")


def test_sensor_first_tick_nothing_new_then_something_new(tmp_path: Path) -> None:
    sensor = build_inbox_sensor(tmp_path, name="test_inbox_sensor")
    _drop(tmp_path, "1.eml", 1_000)
    _drop(tmp_path, "2.eml", 2_000)

    context = build_sensor_context(cursor=None)
    first = sensor(context)
    assert isinstance(first, RunRequest)
    assert first.run_key == "inbox:2000:2.eml"
    paths = first.run_config["ops"]["store_inbox_op"]["config"]["paths"]
    assert [Path(p).name for p in paths] == ["1.eml", "2.eml"]
    assert context.cursor == "2000:2.eml"

    context = build_sensor_context(cursor="2000:2.eml")
    assert isinstance(sensor(context), SkipReason)

    _drop(tmp_path, "3.eml", 3_000)
    context = build_sensor_context(cursor="2000:2.eml")
    third = sensor(context)
    assert third.run_key == "inbox:3000:3.eml"
    assert [Path(p).name for p in third.run_config["ops"]["store_inbox_op"]["config"]["paths"]] == [
        "3.eml"
    ]


def test_same_files_seen_again_get_the_same_run_key_so_dagster_launches_once(tmp_path) -> None:
    # A tick whose cursor update was lost re-evaluates the same files: the run_key repeats,
    # and Dagster skips a run request whose run_key it has already launched.
    sensor = build_inbox_sensor(tmp_path, name="test_inbox_sensor")
    _drop(tmp_path, "1.eml", 1_000)
    keys = {sensor(build_sensor_context(cursor=None)).run_key for _ in range(2)}
    assert keys == {"inbox:1000:1.eml"}


def test_missing_inbox_folder_is_a_skip_not_an_error(tmp_path: Path) -> None:
    sensor = build_inbox_sensor(tmp_path / "absent", name="test_inbox_sensor")
    assert isinstance(sensor(build_sensor_context(cursor=None)), SkipReason)
