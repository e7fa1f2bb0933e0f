"""The email ops, thin loops around the email intake that log counts, never bodies.

ingest_inbox_op does it all in one step (ingest_inbox_job); inbox_to_matches_job splits it
into store_inbox_op (store and chunk) and classify_emails_op (classify and extract, after the
vectorizer).
"""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
from collections.abc import Iterator
from pathlib import Path

from dagster import Config, In, MetadataValue, Nothing, OpExecutionContext, Output, op
from pydantic import Field

from pipeline.defs.resources import LLMResource, PostgresResource
from pipeline.defs.stages import StageEventsConfig, stage_tracker
from pipeline.emails.intake import EmailIntake, IngestReport
from pipeline.emails.sources import is_maildir, iter_messages, list_eml_files
from pipeline.settings import get_settings

MAX_FAILURES_IN_METADATA = 20


def default_inbox_path() -> str:
    return str(get_settings().data_dir / "inbox")


class InboxSourceConfig(Config):
    """Where the mail comes from, and how much is stored per transaction."""

    inbox_path: str = Field(
        default_factory=default_inbox_path,
        description="A folder of mail files, an mbox file or a maildir.",
    )
    paths: list[str] = Field(
        default_factory=list,
        description="Only these .eml files (the sensor names the new ones); empty: all.",
    )
    batch_size: int = Field(default=200, ge=1, description="Emails stored per transaction.")


class IngestInboxConfig(InboxSourceConfig):
    reprocess_unclassified: bool = Field(
        default=True, description="Also classify mail stored by an earlier, interrupted run."
    )


def _messages(config: InboxSourceConfig):
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
        postgres.engine, postgres.tables, classifier=llm.classifier(),
        batch_size=config.batch_size, extractor=llm.extractor(postgres.engine),
    )  # fmt: skip
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


# --- inbox_to_matches_job: store and chunk first, classify after the vectorizer ----------


class StoreInboxConfig(InboxSourceConfig, StageEventsConfig):
    """Where the mail comes from; it is stored and chunked here, classified later."""

    reprocess_unchunked: bool = Field(
        default=True, description="Also chunk mail stored by an earlier, interrupted run."
    )


class ClassifyEmailsConfig(StageEventsConfig):
    """Which stored emails to classify and extract profiles from."""

    reclassify_all: bool = Field(
        default=False, description="Classify every stored email again, not only new ones."
    )
    limit: int | None = Field(default=None, ge=1, description="At most this many emails.")
    batch_size: int = Field(default=200, ge=1, description="Emails per transaction.")


def _counted(messages, every: int, tick) -> Iterator:
    """Pass messages through, calling `tick(n)` each `every` messages (one event per batch)."""
    for count, message in enumerate(messages, 1):
        yield message
        if count % every == 0:
            tick(count)


def _inbox_total(config: StoreInboxConfig) -> int | None:
    if config.paths:
        return len(config.paths)
    folder = Path(config.inbox_path)
    return len(list_eml_files(folder)) if folder.is_dir() and not is_maildir(folder) else None


def _errors_to(stream, stage: str, reported: set[str]):
    def on_failure(source: str, reason: str, error: BaseException) -> None:
        reported.add(source)
        stream.error(stage, reason, error, item=Path(source).name)

    return on_failure


def _report_failures(stream, stage: str, report: IngestReport, reported: set[str]) -> None:
    for source, reason in report.failed:
        if source not in reported:
            stream.error(stage, reason, item=Path(source).name)


@op(description="Store, deduplicate and chunk new mail (classified after vectorizing).")
def store_inbox_op(
    context: OpExecutionContext, config: StoreInboxConfig, postgres: PostgresResource
) -> Output[dict]:
    tracker, stream, _ = stage_tracker(context, config.stage_events_per_minute)
    reported: set[str] = set()
    intake = EmailIntake(
        postgres.engine, postgres.tables, batch_size=config.batch_size,
        classify_on_ingest=False, on_failure=_errors_to(stream, "ingest", reported),
    )  # fmt: skip
    tracker.start("ingest", total=_inbox_total(config))
    messages = _counted(
        _messages(config), config.batch_size, lambda n: tracker.update("ingest", done=n)
    )
    report = intake.ingest(messages)
    if config.reprocess_unchunked:
        report.failed.extend(intake.process_unclassified().failed)
    handled = report.new + report.duplicate + len(report.failed) + len(report.skipped)
    tracker.update("ingest", done=handled, failed=len(report.failed))
    _report_failures(stream, "ingest", report, reported)
    tracker.complete("ingest", result=report.as_metadata())
    context.log.info(f"inbox {config.inbox_path}: {report.summary()}")
    summary = {
        **report.as_metadata(),
        "failures": [f"{Path(s).name}: {r}" for s, r in report.failed[:MAX_FAILURES_IN_METADATA]],
        "stage": tracker.get_stage_progress("ingest"),
    }
    return Output(summary, metadata=_metadata(report))


@op(
    ins={"start_after": In(Nothing)},
    description="Classify the stored emails not yet classified (or all) and extract candidate "
    "and project profiles; a failed batch is retried one email at a time.",
)
def classify_emails_op(
    context: OpExecutionContext,
    config: ClassifyEmailsConfig,
    postgres: PostgresResource,
    llm: LLMResource,
) -> Output[dict]:
    tracker, stream, _ = stage_tracker(context, config.stage_events_per_minute)
    reported: set[str] = set()
    intake = EmailIntake(
        postgres.engine, postgres.tables, classifier=llm.classifier(),
        batch_size=config.batch_size, on_failure=_errors_to(stream, "classify", reported),
        extractor=llm.extractor(postgres.engine),
    )  # fmt: skip
    tracker.start("classify")
    waiting_for = f"llm {llm.model}" if llm.model else "rules"
    with stream.heartbeats("classify", waiting_for, config.heartbeat_s):
        report = intake.classify_stored(
            config.reclassify_all,
            config.limit,
            progress_callback=lambda done, total, failed: tracker.update(
                "classify", done=done, total=total, failed=failed
            ),
        )
    _report_failures(stream, "classify", report, reported)
    tracker.complete("classify", result=report.as_metadata())
    context.log.info(f"classified: {report.summary()}")
    summary = {
        "classified": sum(report.by_category.values()),
        "by_category": dict(report.by_category),
        "candidates": report.candidates,
        "projects": report.projects,
        "failed": len(report.failed),
        "failures": [f"{Path(s).name}: {r}" for s, r in report.failed[:MAX_FAILURES_IN_METADATA]],
        "stage": tracker.get_stage_progress("classify"),
    }
    return Output(summary, metadata=_metadata(report))
