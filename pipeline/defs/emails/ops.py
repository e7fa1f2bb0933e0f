"""ingest_inbox_op: a thin loop around the email intake that logs counts, never bodies."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from pathlib import Path

from dagster import Config, MetadataValue, OpExecutionContext, Output, op
from pydantic import Field

from pipeline.defs.resources import LLMResource, PostgresResource
from pipeline.emails.intake import EmailIntake, IngestReport
from pipeline.emails.sources import iter_messages
from pipeline.settings import get_settings

MAX_FAILURES_IN_METADATA = 20


def default_inbox_path() -> str:
    return str(get_settings().data_dir / "inbox")


class IngestInboxConfig(Config):
    inbox_path: str = Field(
        default_factory=default_inbox_path,
        description="A folder of mail files, an mbox file or a maildir.",
    )
    paths: list[str] = Field(
        default_factory=list,
        description="Only these .eml files (the sensor names the new ones); empty: all.",
    )
    batch_size: int = Field(default=200, ge=1, description="Emails stored per transaction.")
    reprocess_unclassified: bool = Field(
        default=True, description="Also classify mail stored by an earlier, interrupted run."
    )


def _messages(config: IngestInboxConfig):
    if not config.paths:
        return iter_messages(Path(config.inbox_path))
    return (message for path in config.paths for message in iter_messages(Path(path)))


@op(description="Store, deduplicate, chunk, classify and extract the inbox's mail.")
def ingest_inbox_op(
    context: OpExecutionContext,
    config: IngestInboxConfig,
    postgres: PostgresResource,
    llm: LLMResource,
) -> Output[int]:
    intake = EmailIntake(
        postgres.engine, postgres.tables, classifier=llm.classifier(), batch_size=config.batch_size
    )
    report = intake.ingest(_messages(config))
    if config.reprocess_unclassified:
        _merge(report, intake.process_unclassified())
    context.log.info(f"inbox {config.inbox_path}: {report.summary()}")
    for source, reason in report.failed[:MAX_FAILURES_IN_METADATA]:
        context.log.warning(f"failed: {source}: {reason}")
    for source, reason in report.skipped[:MAX_FAILURES_IN_METADATA]:
        context.log.info(f"skipped: {source}: {reason}")
    for source, reason in report.conflicts[:MAX_FAILURES_IN_METADATA]:
        context.log.warning(f"conflict: {source}: {reason}")
    return Output(report.new, metadata=_metadata(report))


def _merge(report: IngestReport, retried: IngestReport) -> None:
    report.by_category.update(retried.by_category)
    report.candidates += retried.candidates
    report.projects += retried.projects
    report.failed.extend(retried.failed)


def _metadata(report: IngestReport) -> dict:
    # Counts and file names only: an email body never goes into event metadata.
    metadata: dict = dict(report.as_metadata())
    for key, items in (
        ("failures", report.failed),
        ("skipped_files", report.skipped),
        ("conflicts", report.conflicts),
    ):
        if items:
            lines = [f"{source}: {reason}" for source, reason in items[:MAX_FAILURES_IN_METADATA]]
            metadata[key] = MetadataValue.text("\n".join(lines))
    return metadata
