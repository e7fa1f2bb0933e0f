"""The intake loop on an in-memory `InboxStore`: what it reports and that it loses nothing,
without a database (the same loop runs on Postgres in test_intake.py and test_intake_stages.py).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.demo.inbox import generate_inbox
from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage
from pipeline.errors import ConfigurationError
from pipeline_tests.emails.memory_inbox import MemoryInbox


def _mail(body: str, message_id: str | None, subject: str = "hello") -> bytes:
    headers = [f"From: a@example.com\r\nSubject: {subject}"]
    if message_id:
        headers.append(f"Message-ID: {message_id}")
    return ("\r\n".join(headers) + "\r\n\r\n" + body).encode()


def _inbox(size: int, seed: int = 5) -> list[RawMessage]:
    return [RawMessage(e.name, e.raw) for e in generate_inbox(seed=seed, size=size)]


def test_duplicates_and_message_id_conflicts_are_reported() -> None:
    store = MemoryInbox()
    intake = EmailIntake(store=store, batch_size=3)
    first = _mail("see you at ten", "<m1@x>")
    same_id = _mail("a different mail reusing the id", "<m1@x>")
    report = intake.ingest(
        [
            RawMessage("first.eml", first),
            RawMessage("again.eml", first),  # same bytes in the same batch
            RawMessage("other.eml", _mail("no id", None)),
            RawMessage("reuse.eml", same_id),  # next batch: conflicts with first.eml
        ]
    )
    assert (report.new, report.duplicate, report.failed) == (3, 1, [])
    assert [source for source, _ in report.conflicts] == ["reuse.eml"]
    assert "first.eml" in report.conflicts[0][1]
    assert sorted(report.new_email_ids) == sorted(store.emails)
    # Every stored mail became a document and got a label, in the calls the store was given.
    assert all(e.document_id is not None and e.label is not None for e in store.emails.values())
    assert len(store.documents) == 3

    again = intake.ingest([RawMessage("later.eml", first)])
    assert (again.new, again.duplicate, again.conflicts) == (0, 1, [])
    assert len(store.emails) == 3


def test_a_refused_mail_fails_alone_and_the_rest_are_stored() -> None:
    inbox = _inbox(6)
    bad = inbox[2].source
    store = MemoryInbox(refuse_email=lambda row: row["source"] == bad)
    report = EmailIntake(store=store, batch_size=6).ingest(inbox)
    assert report.new == 5
    assert [source for source, _ in report.failed] == [bad]
    assert report.failed[0][1].startswith("not stored: SQLAlchemyError")
    # The batch was refused as a whole, then stored one mail at a time.
    assert store.calls["insert_emails"] == 1 + 6
    assert sorted(e.row["source"] for e in store.emails.values()) == sorted(
        m.source for m in inbox if m.source != bad
    )
    assert sum(report.by_category.values()) == 5


def test_a_mail_that_fails_processing_stays_stored_and_is_picked_up_again() -> None:
    inbox = _inbox(5)
    refusing = {"on": True}
    store = MemoryInbox(
        refuse_document=lambda d: refusing["on"] and d.metadata["email_id"] == 4,
    )
    failures: list[tuple[str, str]] = []
    intake = EmailIntake(store=store, on_failure=lambda s, r, e: failures.append((s, r)))
    report = intake.ingest(inbox)
    assert report.new == 5 and len(store.emails) == 5
    unprocessed = store.emails[4]
    assert (unprocessed.document_id, unprocessed.label) == (None, None)
    assert [s for s, _ in report.failed] == [unprocessed.row["source"]] == [s for s, _ in failures]
    assert report.failed[0][1].startswith("stored, not processed")
    assert sum(report.by_category.values()) == 4

    refusing["on"] = False
    retry = intake.process_unclassified()
    assert (retry.failed, sum(retry.by_category.values())) == ([], 1)
    assert store.emails[4].document_id is not None and store.emails[4].label is not None
    assert intake.process_unclassified().by_category == {}


def test_chunk_first_then_classify_gives_each_document_its_category() -> None:
    store = MemoryInbox()
    chunked = EmailIntake(store=store, classify_on_ingest=False).ingest(_inbox(7))
    assert chunked.new == 7 and not chunked.by_category
    assert all(store.doc_type_of(i) is None for i in store.emails)
    assert store.to_process(unchunked=True, limit=100) == []

    progress: list[tuple[int, int, int]] = []
    intake = EmailIntake(store=store, batch_size=3)
    classified = intake.classify_stored(progress_callback=lambda *a: progress.append(a))
    assert progress == [(3, 7, 0), (6, 7, 0), (7, 7, 0)]
    assert sum(classified.by_category.values()) == 7
    for email in store.emails.values():
        assert email.label is not None and store.doc_type_of(email.id) == email.label[1]
    profiles = {key[0] for key in store.candidates} | {key[0] for key in store.projects}
    assert classified.candidates + classified.projects == len(store.candidates) + len(
        store.projects
    )
    assert profiles <= set(store.emails)


def test_the_intake_module_loads_no_sql_store() -> None:
    # The Postgres store is built only by the default factory, on first use.
    script = "import sys, pipeline.emails.intake; sys.exit('pipeline.store.emails' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", script]).returncode == 0
    with pytest.raises(ConfigurationError, match="engine and tables, or a store"):
        EmailIntake()
