"""The email intake service: raw mail in, rows out.

Two steps per batch, each its own transaction (one call of the `InboxStore`, see
`pipeline.emails.store`; the intake writes no SQL), so nothing is lost between them:

1. *store*: parse, then insert the raw bytes with the decoded fields; the sha256 of the raw
   bytes makes a second ingest of the same mail a no-op, while a different mail that shares a
   Message-ID with one already stored is kept and reported as a conflict; files that are not
   mail are listed as skipped, formats the intake cannot read (Outlook .msg) as failed;
2. *process*: cut the text into a document with chunks for the vectorizer, classify, extract
   candidates and projects. With `classify_on_ingest=False` step 2 only chunks, and
   `classify_stored` classifies and extracts later (inbox_to_matches_job runs it after the
   vectorizer); both paths share `_classify_and_extract` and `_classification_rows`.

A mail stored whose processing failed stays with `category IS NULL` (or, when only chunking,
`document_id IS NULL`); `process_unclassified` picks it up again. A batch that fails is
retried one mail at a time, so one bad mail never fails its batch; each failure is reported
to `on_failure(source, reason, error)` as well as listed in the report.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from pipeline.emails.chunking import email_chunks
from pipeline.emails.classification import (
    Classification,
    EmailForClassification,
    LLMClassifier,
    classify_by_rules,
)
from pipeline.emails.decoding import clean_text
from pipeline.emails.extraction import extract_candidate, extract_projects
from pipeline.emails.llm_extraction import EmailForExtraction, LLMExtractor
from pipeline.emails.parsing import ParsedEmail, parse_email
from pipeline.emails.sources import RawMessage, iter_messages, unsupported_format
from pipeline.emails.store import InboxStore, Label
from pipeline.errors import ConfigurationError, PipelineError
from pipeline.store.documents import NewDocument
from pipeline.store.tables import Tables

log = logging.getLogger(__name__)

EMAIL_SOURCE = "email"

# (source, reason, the exception): called for every mail step 2 could not process.
FailureCallback = Callable[[str, str, BaseException], None]
# (done, total, failed so far): called after every batch of `classify_stored`.
BatchCallback = Callable[[int, int, int], None]


@dataclass
class IngestReport:
    """Counts of one ingest. `failed`, `skipped` and `conflicts` hold (source, reason), never
    an email body: `skipped` the files of a folder that are not mail, `conflicts` the mails
    stored although an earlier, different mail carries the same Message-ID."""

    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    by_category: Counter[str] = field(default_factory=Counter)
    candidates: int = 0
    projects: int = 0
    with_decode_notes: int = 0
    new_email_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        categories = ", ".join(f"{k} {v}" for k, v in sorted(self.by_category.items()))
        return (
            f"{self.new} new, {self.duplicate} duplicate, {len(self.failed)} failed, "
            f"{len(self.skipped)} skipped, {len(self.conflicts)} Message-ID conflicts; "
            f"by category: {categories or 'none'}; "
            f"{self.candidates} candidates, {self.projects} projects extracted; "
            f"{self.with_decode_notes} with decode notes"
        )

    def as_metadata(self) -> dict[str, int]:
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": len(self.failed),
            "skipped": len(self.skipped),
            "message_id_conflicts": len(self.conflicts),
            "candidates": self.candidates,
            "projects": self.projects,
            "with_decode_notes": self.with_decode_notes,
            **{f"category_{k}": v for k, v in self.by_category.items()},
        }


# A mail's classification with the candidate rows and project rows extracted from it.
_Classified = tuple[Classification, list[dict[str, Any]], list[dict[str, Any]]]


@dataclass
class _Stored:
    email_id: int
    source: str
    parsed: ParsedEmail


class EmailIntake:
    """Ingests mail into an `InboxStore` (unset: `PostgresInbox(engine, tables)`).
    `classifier` None means the offline rules."""

    def __init__(
        self,
        engine: Engine | None = None,
        tables: Tables | None = None,
        classifier: LLMClassifier | None = None,
        batch_size: int = 200,
        today: date | None = None,
        classify_on_ingest: bool = True,
        on_failure: FailureCallback | None = None,
        extractor: LLMExtractor | None = None,
        store: InboxStore | None = None,
    ) -> None:
        self.store: InboxStore = store or _postgres_inbox(engine, tables)
        self.classifier = classifier
        self.batch_size = batch_size
        self.today = today
        self.classify_on_ingest = classify_on_ingest
        self.on_failure = on_failure
        self.extractor = extractor  # None: the rules alone extract the profiles

    def ingest_path(self, path: Path) -> IngestReport:
        """Ingest a folder of mail files (see `sources`: other files are sniffed or listed as
        skipped), an mbox file or a maildir."""
        return self.ingest(iter_messages(Path(path)))

    def ingest(self, messages: Iterable[RawMessage]) -> IngestReport:
        report = IngestReport()
        batch: list[RawMessage] = []
        for message in messages:
            batch.append(message)
            if len(batch) >= self.batch_size:
                self._ingest_batch(batch, report)
                batch = []
        if batch:
            self._ingest_batch(batch, report)
        return report

    def process_unclassified(self, limit: int = 1000) -> IngestReport:
        """Re-run step 2 for emails stored earlier but never classified (never chunked, when
        this intake only chunks)."""
        report = IngestReport()
        rows = self.store.to_process(unchunked=not self.classify_on_ingest, limit=limit)
        stored = [_Stored(i, source, parse_email(raw)) for i, source, raw in rows]
        for start in range(0, len(stored), self.batch_size):
            self._process(stored[start : start + self.batch_size], report)
        return report

    def classify_stored(
        self,
        reclassify_all: bool = False,
        limit: int | None = None,
        progress_callback: BatchCallback | None = None,
    ) -> IngestReport:
        """Step 2's second half alone: classify and extract the stored emails that are not
        classified yet (all of them with `reclassify_all`), batch by batch; the email's
        document takes the category as its doc_type. Chunks and vectors are left as they are.
        """
        report = IngestReport()
        ids = self.store.email_ids_to_classify(reclassify_all, limit)
        for start in range(0, len(ids), self.batch_size):
            rows = self.store.raw_emails(ids[start : start + self.batch_size])
            stored = [_Stored(i, source, parse_email(raw)) for i, source, raw in rows]
            self._process(stored, report, self._classify_batch)
            if progress_callback is not None:
                done = min(start + self.batch_size, len(ids))
                progress_callback(done, len(ids), len(report.failed))
        return report

    # --- step 1 ----------------------------------------------------------------------

    def _ingest_batch(self, batch: Sequence[RawMessage], report: IngestReport) -> None:
        unique: dict[str, tuple[RawMessage, ParsedEmail]] = {}
        for message in batch:
            if message.skipped:
                report.skipped.append((message.source, message.skipped))
                continue
            reason = message.error or unsupported_format(message.raw)
            if reason:
                report.failed.append((message.source, reason))
                continue
            parsed = parse_email(message.raw)
            if parsed.key in unique:
                report.duplicate += 1
                continue
            unique[parsed.key] = (message, parsed)
        failed_before = len(report.failed)
        stored = self._store(list(unique.values()), report)
        not_stored = len(report.failed) - failed_before
        report.duplicate += len(unique) - len(stored) - not_stored
        report.new += len(stored)
        report.new_email_ids.extend(s.email_id for s in stored)
        self._report_conflicts(stored, report)
        report.with_decode_notes += sum(1 for s in stored if s.parsed.decode_notes)
        self._process(stored, report)

    def _store(
        self, items: list[tuple[RawMessage, ParsedEmail]], report: IngestReport
    ) -> list[_Stored]:
        rows = [_email_row(message, parsed) for message, parsed in items]
        try:
            ids = self.store.insert_emails(rows)
        except SQLAlchemyError as e:
            log.warning("storing a batch of %d emails failed (%s); one by one", len(rows), _why(e))
            ids = self._store_one_by_one(items, rows, report)
        return [
            _Stored(ids[parsed.raw_sha256], message.source, parsed)
            for message, parsed in items
            if parsed.raw_sha256 in ids
        ]

    def _report_conflicts(self, stored: list[_Stored], report: IngestReport) -> None:
        """Report each new mail whose Message-ID an earlier, different mail already carries."""
        if not stored:
            return
        earlier = self.store.earlier_with_message_id([s.email_id for s in stored])
        for item in stored:
            if item.email_id in earlier:
                reason = (
                    f"Message-ID {item.parsed.message_id} is also on {earlier[item.email_id]}, "
                    "a different mail; both kept"
                )
                report.conflicts.append((item.source, reason))

    def _store_one_by_one(
        self,
        items: list[tuple[RawMessage, ParsedEmail]],
        rows: list[dict[str, Any]],
        report: IngestReport,
    ) -> dict[str, int]:
        ids: dict[str, int] = {}
        for (message, _), row in zip(items, rows, strict=True):
            try:
                ids.update(self.store.insert_emails([row]))
            except SQLAlchemyError as e:
                report.failed.append((message.source, f"not stored: {_why(e)}"))
        return ids

    # --- step 2 ----------------------------------------------------------------------

    def _process(
        self,
        stored: list[_Stored],
        report: IngestReport,
        step: Callable[[list[_Stored], IngestReport], None] | None = None,
        retrying: bool = False,
    ) -> None:
        """Run `step` (default: step 2 as configured) on a batch; on failure, mail by mail."""
        if not stored:
            return
        step = step or self._process_batch
        try:
            step(stored, report)
        except Exception as e:  # the emails are stored; a retry can process them later
            # A kind of failure we expect is one line (a SQL error's text carries the bound
            # mail text); anything else is a bug: its traceback once, not on every retry.
            bug = not isinstance(e, SQLAlchemyError | PipelineError) and not retrying
            log.warning(
                "processing %d stored emails failed (%s)", len(stored), _why(e), exc_info=bug
            )
            if len(stored) == 1:
                reason = f"stored, not processed: {_why(e)}"
                report.failed.append((stored[0].source, reason))
                if self.on_failure is not None:
                    self.on_failure(stored[0].source, reason, e)
                return
            for item in stored:
                self._process([item], report, step, retrying=True)

    def _process_batch(self, stored: list[_Stored], report: IngestReport) -> None:
        """Step 2 in one transaction: documents and chunks, then (unless only chunking)
        classifications and profiles."""
        classified = self._classify_and_extract(stored) if self.classify_on_ingest else None
        categories = [c[0].category for c in classified] if classified else [None] * len(stored)
        documents = [
            (item.email_id, _document(item, c)) for item, c in zip(stored, categories, strict=True)
        ]
        if classified is None:
            self.store.save_documents(documents)
            return
        self.store.save_documents(documents, *_classification_rows(stored, classified))
        _count(classified, report)

    def _classify_batch(self, stored: list[_Stored], report: IngestReport) -> None:
        """Classify and extract emails whose document already exists (`classify_stored`)."""
        classified = self._classify_and_extract(stored)
        self.store.save_classifications(*_classification_rows(stored, classified))
        _count(classified, report)

    def _classify_and_extract(self, stored: list[_Stored]) -> list[_Classified]:
        classifications = self._classify([s.parsed for s in stored])
        profiles = [self._extract(item, r) for item, r in zip(stored, classifications, strict=True)]
        if self.extractor is not None:
            self._merge_llm_values(stored, classifications, profiles)
        classified: list[_Classified] = []
        for item, result, found in zip(stored, classifications, profiles, strict=True):
            rows = [_with_email(p.as_row(), item.email_id) for p in found]
            candidate = result.category == "candidate"
            classified.append((result, rows if candidate else [], [] if candidate else rows))
        return classified

    def _merge_llm_values(
        self, stored: list[_Stored], classifications: list[Classification], profiles: list[list]
    ) -> None:
        """Replace the rules' profiles by the LLM's checked values merged into them."""
        todo = [i for i, r in enumerate(classifications) if r.category in ("candidate", "project")]
        items = [
            EmailForExtraction(
                classifications[i].category,
                stored[i].parsed.subject,
                stored[i].parsed.full_text,
                stored[i].parsed.language,
                self._reference(stored[i]),
            )
            for i in todo
        ]
        merged = self.extractor.extract(items, [profiles[i] for i in todo])  # type: ignore[union-attr]
        for i, found in zip(todo, merged, strict=True):
            profiles[i] = found

    def _classify(self, parsed: list[ParsedEmail]) -> list[Classification]:
        items = [EmailForClassification(p.subject, p.full_text, p.language) for p in parsed]
        if self.classifier is not None:
            return self.classifier.classify(items)
        return [classify_by_rules(item) for item in items]

    def _reference(self, item: _Stored) -> date:
        """The date relative phrases (来月, ASAP) are read against: the mail's, else today."""
        parsed = item.parsed
        return parsed.sent_at.date() if parsed.sent_at else (self.today or _today())

    def _extract(self, item: _Stored, result: Classification) -> list[Any]:
        """The rules' profiles of one mail: one candidate, or one project per block."""
        parsed = item.parsed
        args = (parsed.subject, parsed.full_text, parsed.language, self._reference(item))
        if result.category == "candidate":
            return [extract_candidate(*args)]
        if result.category == "project":
            return extract_projects(*args)
        return []


def _postgres_inbox(engine: Engine | None, tables: Tables | None) -> InboxStore:
    """The default store; imported here so the intake module itself knows no SQL."""
    if engine is None or tables is None:
        raise ConfigurationError("EmailIntake needs an engine and tables, or a store")
    from pipeline.store.emails import PostgresInbox

    return PostgresInbox(engine, tables)


def _classification_rows(
    stored: list[_Stored], classified: list[_Classified]
) -> tuple[list[Label], list[dict[str, Any]], list[dict[str, Any]]]:
    """What a batch's classification writes: labels, candidate rows, project rows."""
    labels = [
        (s.email_id, r.category, r.confidence, r.classified_by)
        for s, (r, _, _) in zip(stored, classified, strict=True)
    ]
    candidates = [row for _, c, _ in classified for row in c]
    projects = [row for _, _, p in classified for row in p]
    return labels, candidates, projects


def _email_row(message: RawMessage, parsed: ParsedEmail) -> dict[str, Any]:
    return {
        "message_id": parsed.message_id,
        "raw": message.raw,
        "raw_sha256": parsed.raw_sha256,
        "source": clean_text(message.source)[:1000],
        "subject": parsed.subject,
        "from_address": parsed.from_address,
        "to_addresses": parsed.to_addresses,
        "sent_at": parsed.sent_at,
        "headers": parsed.headers,
        "body_text": parsed.body_text,
        "language": parsed.language,
        "attachments": [a.as_json() for a in parsed.attachments],
        "decode_notes": parsed.decode_notes,
    }


def _document(item: _Stored, category: str | None) -> NewDocument:
    """The email as a document; its category is the doc_type, so vectors group by it (None
    until classified, when chunking comes first)."""
    parsed = item.parsed
    text = parsed.full_text
    return NewDocument(
        source=EMAIL_SOURCE,
        external_id=parsed.key,
        body=text,
        chunks=email_chunks(parsed.subject, text),
        title=parsed.subject or None,
        language=parsed.language,
        doc_type=category,
        metadata={"email_id": item.email_id},
    )


def _count(classified: list[_Classified], report: IngestReport) -> None:
    """Count after the transaction commits: a failed batch is retried mail by mail."""
    report.by_category.update(r.category for r, _, _ in classified)
    report.candidates += sum(len(c) for _, c, _ in classified)
    report.projects += sum(len(p) for _, _, p in classified)


def _with_email(row: dict[str, Any], email_id: int) -> dict[str, Any]:
    row["email_id"] = email_id
    return row


def _why(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200] if text else ''}"


def _today() -> date:
    return datetime.now(UTC).date()
