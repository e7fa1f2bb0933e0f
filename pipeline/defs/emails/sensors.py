"""inbox_sensor: launch inbox_to_matches_job for .eml files that appear in the inbox folder.

The cursor is a watermark, "<mtime_ns>:<name>" of the newest file already requested. Files
past it are requested in one run whose run_key is the new watermark, so a tick that sees the
same files again never launches twice (Dagster drops a run_key it has seen). A file copied
in with an older mtime is not seen by the sensor; the job ingests whole folders too, and
re-ingesting is a no-op, so a manual run picks such files up.
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorDefinition,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from pipeline.emails.sources import list_eml_files
from pipeline.settings import get_settings

MAX_FILES_PER_RUN = 5000


@dataclass(frozen=True, order=True)
class InboxFile:
    mtime_ns: int
    name: str


def scan_inbox(folder: Path) -> list[InboxFile]:
    """The .eml files under `folder` with their modification times (names relative)."""
    if not folder.is_dir():
        return []
    return [
        InboxFile(path.stat().st_mtime_ns, path.relative_to(folder).as_posix())
        for path in list_eml_files(folder)
    ]


def next_cursor(previous: str | None, items: Sequence[InboxFile]) -> tuple[list[str], str]:
    """(run keys to request, new cursor): one run for the files past the watermark."""
    new = new_files(previous, items)
    if not new:
        return [], previous or ""
    cursor = f"{new[-1].mtime_ns}:{new[-1].name}"
    return [f"inbox:{cursor}"], cursor


def new_files(previous: str | None, items: Sequence[InboxFile]) -> list[InboxFile]:
    """The files past the watermark, oldest first, at most MAX_FILES_PER_RUN of them."""
    watermark = _parse(previous)
    return sorted(item for item in items if item > watermark)[:MAX_FILES_PER_RUN]


def _parse(cursor: str | None) -> InboxFile:
    if not cursor:
        return InboxFile(-1, "")
    mtime, _, name = cursor.partition(":")
    return InboxFile(int(mtime), name)


def build_inbox_sensor(folder: Path, name: str = "inbox_sensor") -> SensorDefinition:
    """A sensor watching `folder` (the default one watches <data folder>/inbox)."""

    @sensor(
        name=name,
        job_name="inbox_to_matches_job",  # by name: that job imports this domain's ops
        minimum_interval_seconds=30,
        default_status=DefaultSensorStatus.STOPPED,
        description=f"Launch inbox_to_matches_job for new .eml files in {folder}.",
    )
    def _inbox_sensor(context: SensorEvaluationContext):
        files = new_files(context.cursor, scan_inbox(folder))
        if not files:
            return SkipReason(f"no new mail in {folder}")
        (run_key,), cursor = next_cursor(context.cursor, files)  # the run for these files
        context.update_cursor(cursor)
        config = {"inbox_path": str(folder), "paths": [str(folder / f.name) for f in files]}
        return RunRequest(
            run_key=run_key,
            run_config={"ops": {"store_inbox_op": {"config": config}}},
            tags={"inbox_files": str(len(files))},
        )

    return _inbox_sensor


inbox_sensor = build_inbox_sensor(get_settings().data_dir / "inbox")
