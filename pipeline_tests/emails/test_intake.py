"""The intake service on the real database: dedupe, bad input, profiles, mailbox kinds, CLI."""

from __future__ import annotations

import logging
import mailbox
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline.demo.inbox import generate_inbox, write_inbox
from pipeline.emails.classification import (
    EmailForClassification,
    LLMClassificationError,
    classify_by_rules,
)
from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage, iter_messages

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _mail(body: bytes = b"hello", message_id: str | None = "<a@x>", **headers: str) -> bytes:
    lines = [b"From: a@example.com", b"Subject: " + headers.get("subject", "hi").encode()]
    if message_id:
        lines.append(f"Message-ID: {message_id}".encode())
    for name in ("content_type",):
        if name in headers:
            lines.append(b"Content-Type: " + headers[name].encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _rows(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(sa.text(sql)).all()


def test_same_mail_twice_is_a_no_op(db, tables) -> None:
    intake = EmailIntake(db, tables)
    raw = _mail(b"see you", "<same@x>")
    first = intake.ingest([RawMessage("a.eml", raw)])
    second = intake.ingest([RawMessage("b.eml", raw), RawMessage("c.eml", raw)])
    assert (first.new, first.duplicate) == (1, 0)
    assert (second.new, second.duplicate) == (0, 2)
    assert _rows(db, "SELECT count(*) FROM emails")[0][0] == 1
    assert _rows(db, "SELECT count(*) FROM documents WHERE source = 'email'")[0][0] == 1


def test_mail_without_message_id_is_deduplicated_by_the_hash_of_its_bytes(db, tables) -> None:
    intake = EmailIntake(db, tables)
    raw = _mail(b"no id here", None)
    report = intake.ingest([RawMessage("a.eml", raw), RawMessage("b.eml", raw)])
    again = intake.ingest([RawMessage("a.eml", raw)])
    assert (report.new, report.duplicate, again.new, again.duplicate) == (1, 1, 0, 1)
    message_id, raw_sha256, notes = _rows(
        db, "SELECT message_id, raw_sha256, decode_notes FROM emails"
    )[0]
    assert message_id is None and len(raw_sha256) == 64
    assert "no Message-ID header" in notes


def _ingest_one(db, tables, raw: bytes):
    report = EmailIntake(db, tables).ingest([RawMessage("bad.eml", raw)])
    assert report.failed == [] and report.new == 1
    row = _rows(db, "SELECT raw, decode_notes, category, body_text FROM emails")[0]
    assert bytes(row.raw) == raw  # nothing lost, byte for byte
    assert row.category is not None  # processed to the end
    return row


def test_empty_mail_is_stored_with_a_reason(db, tables) -> None:
    row = _ingest_one(db, tables, b"")
    assert "empty message" in row.decode_notes
    assert row.category == "other"


def test_twenty_megabyte_attachment_is_stored_and_its_text_not_decoded(db, tables) -> None:
    big = b"A" * (20 * 1024 * 1024)
    raw = (
        b"From: a@example.com\r\nSubject: big\r\nMessage-ID: <big@x>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        b"Content-Type: text/plain\r\n\r\nsee attached\r\n--B\r\n"
        b'Content-Type: text/plain; name="huge.txt"\r\n'
        b'Content-Disposition: attachment; filename="huge.txt"\r\n\r\n' + big + b"\r\n--B--\r\n"
    )
    row = _ingest_one(db, tables, raw)
    assert row.body_text == "see attached"
    assert any("too large" in note for note in row.decode_notes)


def test_binary_body_is_skipped_with_a_reason(db, tables) -> None:
    row = _ingest_one(db, tables, _mail(bytes(range(256)) * 40, "<bin@x>"))
    assert any("binary bytes" in note for note in row.decode_notes)
    assert "\x00" not in (row.body_text or "")


def test_unknown_charset_name_falls_back_and_says_so(db, tables) -> None:
    body = "案件のご紹介です。単価は60万円です。".encode()
    raw = _mail(body, "<cs@x>", content_type="text/plain; charset=x-no-such-charset")
    row = _ingest_one(db, tables, raw)
    assert "単価は60万円" in row.body_text
    assert any("unknown charset 'x-no-such-charset'" in note for note in row.decode_notes)


def test_broken_mime_tree_is_stored_with_what_could_be_read(db, tables) -> None:
    raw = (
        b"From: a@example.com\r\nSubject: broken\r\nMessage-ID: <broken@x>\r\n"
        b'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n'
        b"--never-closed\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n5pys5paH!!!not base64\r\n"
        b"--wrong-boundary\r\nContent-Type: text/html\r\n\r\n<p>half"
    )
    row = _ingest_one(db, tables, raw)
    assert row.decode_notes  # a recorded reason (a MIME defect at least)


def test_unreadable_file_is_counted_as_failed_with_its_reason(db, tables) -> None:
    report = EmailIntake(db, tables).ingest([RawMessage("gone.eml", b"", error="unreadable file")])
    assert report.failed == [("gone.eml", "unreadable file")]


def test_candidates_and_projects_rows_come_from_classified_mail(db, tables) -> None:
    inbox = list(generate_inbox(seed=3, size=40))
    report = EmailIntake(db, tables).ingest(RawMessage(e.name, e.raw) for e in inbox)
    truth = {e.name: e.label for e in inbox}
    stored = dict(_rows(db, "SELECT source, category FROM emails"))
    assert stored == truth
    assert report.candidates == sum(1 for e in inbox if e.label == "candidate")
    projects = _rows(db, "SELECT email_id, count(*) FROM projects GROUP BY 1 HAVING count(*) > 1")
    assert projects, "the demo inbox holds mails with several 【案件名】 blocks"
    linked = _rows(db, "SELECT count(*) FROM emails WHERE document_id IS NULL")[0][0]
    assert linked == 0


def test_email_documents_carry_their_category_as_doc_type(db, tables) -> None:
    inbox = list(generate_inbox(seed=4, size=12))
    EmailIntake(db, tables).ingest(RawMessage(e.name, e.raw) for e in inbox)
    mismatched = _rows(
        db,
        "SELECT e.id FROM emails e JOIN documents d ON d.id = e.document_id "
        "WHERE d.source <> 'email' OR d.doc_type IS DISTINCT FROM e.category",
    )
    assert mismatched == []
    assert {row[0] for row in _rows(db, "SELECT doc_type FROM documents")} <= {
        "candidate",
        "project",
        "other",
    }


def test_stored_but_unprocessed_mail_is_picked_up_again(db, tables) -> None:
    intake = EmailIntake(db, tables)
    intake.ingest([RawMessage("a.eml", _mail(b"hello", "<again@x>"))])
    with db.begin() as connection:
        connection.execute(sa.text("UPDATE emails SET category = NULL, classified_at = NULL"))
    report = intake.process_unclassified()
    assert report.by_category["other"] == 1
    assert _rows(db, "SELECT count(*) FROM emails WHERE category IS NULL")[0][0] == 0


def test_folder_mbox_and_maildir_yield_the_same_messages(tmp_path: Path) -> None:
    raws = [e.raw for e in generate_inbox(seed=5, size=6)]
    folder = tmp_path / "eml"
    write_inbox(folder, seed=5, size=6)
    box = mailbox.mbox(tmp_path / "inbox.mbox")
    maildir = mailbox.Maildir(tmp_path / "maildir")
    for raw in raws:
        box.add(raw)
        maildir.add(raw)
    box.close()
    as_text = lambda raw: raw.replace(b"\r\n", b"\n")  # noqa: E731 (mailbox stores LF)
    for path in (folder, tmp_path / "inbox.mbox", tmp_path / "maildir"):
        got = sorted(as_text(m.raw).rstrip(b"\n") for m in iter_messages(path))
        assert got == sorted(as_text(r).rstrip(b"\n") for r in raws), path


def test_cli_ingest_prints_counts_by_category(db, database_url: str, tmp_path: Path) -> None:
    write_inbox(tmp_path / "inbox", seed=11, size=12)
    env = {**os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(tmp_path)}
    command = [PIPELINE, "ingest", str(tmp_path / "inbox")]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "12 new, 0 duplicate, 0 failed" in first.stdout
    assert "by category:" in first.stdout and "project" in first.stdout
    assert "0 new, 12 duplicate, 0 failed" in second.stdout


def test_demo_load_ingests_the_demo_inbox_once(db, database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(tmp_path)}
    command = [PIPELINE, "demo", "load", "--chunks", "10", "--emails", "8"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    second = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "demo inbox loaded: 8 new, 0 duplicate, 0 failed" in first.stdout
    assert "demo inbox loaded: 0 new, 8 duplicate, 0 failed" in second.stdout


class _FailingClassifier:
    """The rules, except that a mail whose subject names `trigger` raises `error`."""

    def __init__(self, trigger: str, error: Exception) -> None:
        self.trigger, self.error = trigger, error

    def classify(self, items: list[EmailForClassification]) -> list:
        if any(self.trigger in item.subject for item in items):
            raise self.error
        return [classify_by_rules(item) for item in items]


def _failure_logs(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "stored emails failed" in r.getMessage()]


def test_a_bug_in_step_two_logs_its_traceback_once_then_one_line_a_retry(
    db, tables, caplog
) -> None:
    intake = EmailIntake(db, tables, classifier=_FailingClassifier("boom", TypeError("a bug")))
    mails = [RawMessage(f"{n}.eml", _mail(b"hi", f"<{n}@x>", subject=n)) for n in ("a", "boom")]
    with caplog.at_level(logging.WARNING, logger="pipeline.emails.intake"):
        report = intake.ingest(mails)
    assert [source for source, _ in report.failed] == ["boom.eml"]
    batch, *retries = _failure_logs(caplog)
    assert batch.getMessage() == "processing 2 stored emails failed (TypeError: a bug)"
    assert batch.exc_info and batch.exc_info[0] is TypeError
    assert len(retries) == 1 and not retries[0].exc_info


def test_a_known_kind_of_failure_is_one_line_without_a_traceback(db, tables, caplog) -> None:
    error = LLMClassificationError("the model's answer did not cover the batch")
    intake = EmailIntake(db, tables, classifier=_FailingClassifier("boom", error))
    with caplog.at_level(logging.WARNING, logger="pipeline.emails.intake"):
        report = intake.ingest([RawMessage("boom.eml", _mail(b"hi", "<b@x>", subject="boom"))])
    assert len(report.failed) == 1
    (line,) = _failure_logs(caplog)
    assert "LLMClassificationError" in line.getMessage() and not line.exc_info
