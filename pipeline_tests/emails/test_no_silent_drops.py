"""No mail vanishes without a word: Message-ID clashes, folder files, Outlook .msg, old rows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import OLE_MAGIC, RawMessage, iter_messages
from pipeline.store.database import scratch_schema
from pipeline.store.migrations import SQL_DIR, apply_migrations

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _mail(body: str, message_id: str | None = "<same@x>", subject: str = "hi") -> bytes:
    lines = ["From: a@example.com", f"Subject: {subject}", "Date: Mon, 6 Jan 2025 09:00:00 +0900"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def _rows(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(sa.text(sql)).all()


# An Outlook .msg as saved by Outlook: a binary OLE compound file, not RFC 822 text.
OUTLOOK_MSG = OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480


def test_two_mails_sharing_a_message_id_are_both_kept_and_the_later_is_a_conflict(
    db, tables
) -> None:
    intake = EmailIntake(db, tables)
    first = intake.ingest(
        [
            RawMessage("a.eml", _mail("Java engineer, available in April")),
            RawMessage("b.eml", _mail("Python engineer, available now")),
        ]
    )
    later = intake.ingest([RawMessage("c.eml", _mail("Go engineer, remote"))])
    assert (first.new, first.duplicate, later.new) == (2, 0, 1)
    assert [source for source, _ in first.conflicts] == ["b.eml"]
    assert "Message-ID <same@x> is also on a.eml" in first.conflicts[0][1]
    assert later.conflicts == [("c.eml", first.conflicts[0][1].replace("b.eml", "a.eml"))]
    assert "1 Message-ID conflicts" in later.summary()
    rows = _rows(db, "SELECT message_id, document_id FROM emails ORDER BY id")
    assert [r.message_id for r in rows] == ["<same@x>"] * 3  # kept as data
    assert len({r.document_id for r in rows}) == 3  # one document per stored mail
    assert _rows(db, "SELECT count(*) FROM documents WHERE source = 'email'")[0][0] == 3


def test_same_bytes_again_are_a_duplicate_not_a_conflict(db, tables) -> None:
    intake = EmailIntake(db, tables)
    raws = [_mail("one"), _mail("two")]
    intake.ingest([RawMessage(f"{i}.eml", raw) for i, raw in enumerate(raws)])
    again = intake.ingest([RawMessage(f"copy{i}.eml", raw) for i, raw in enumerate(raws)])
    assert (again.new, again.duplicate, again.conflicts, again.failed) == (0, 2, [], [])
    assert _rows(db, "SELECT count(*) FROM documents")[0][0] == 2


def test_outlook_msg_is_an_unsupported_format_failure_not_an_empty_mail(db, tables) -> None:
    report = EmailIntake(db, tables).ingest([RawMessage("offer.msg", OUTLOOK_MSG)])
    assert report.new == 0
    [(source, reason)] = report.failed
    assert source == "offer.msg" and reason.startswith("unsupported format: Outlook .msg")
    assert _rows(db, "SELECT count(*) FROM emails")[0][0] == 0


def _inbox(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    files = {
        "a.eml": _mail("by name", "<a@x>"),
        "saved.txt": _mail("saved from a mail client as text", "<txt@x>"),
        "dump.raw": _mail("raw dump", "<raw@x>"),
        "no-extension": _mail("no extension", "<none@x>"),
        "sub/deeper.eml": _mail("in a subfolder", "<sub@x>"),
        "notes.txt": b"Shopping list:\nmilk\n",
        "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "offer.msg": OUTLOOK_MSG,
        "archive.mbox": b"From a@x Mon Jan  6 09:00:00 2025\n"
        + _mail("first in mbox", "<m1@x>").replace(b"\r\n", b"\n")
        + b"\n\nFrom b@x Mon Jan  6 09:00:00 2025\n"
        + _mail("second in mbox", "<m2@x>").replace(b"\r\n", b"\n")
        + b"\n",
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return files


def test_folder_ingest_sniffs_other_extensions_and_lists_what_it_skipped(
    db, tables, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    _inbox(folder)
    report = EmailIntake(db, tables).ingest_path(folder)
    stored = {Path(r.source).name for r in _rows(db, "SELECT source FROM emails")}
    assert stored == {"a.eml", "saved.txt", "dump.raw", "no-extension", "deeper.eml"} | {
        "archive.mbox#0",
        "archive.mbox#1",
    }
    assert report.new == 7
    skipped = {Path(source).name: reason for source, reason in report.skipped}
    assert skipped == {
        "notes.txt": "no RFC 5322 header block at the start",
        "photo.png": "binary file, not RFC 5322 mail",
    }
    assert [Path(source).name for source, _ in report.failed] == ["offer.msg"]
    assert "2 skipped" in report.summary()


def test_folder_listing_accounts_for_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    files = _inbox(folder)
    seen = [m for m in iter_messages(folder)]
    named = {Path(m.source.split("#")[0]).relative_to(folder).as_posix() for m in seen}
    assert named == set(files)


def test_cli_ingest_prints_skipped_files_and_conflicts(
    db, database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.eml").write_bytes(_mail("first"))
    (folder / "b.eml").write_bytes(_mail("second, same Message-ID"))
    (folder / "README").write_bytes(b"not mail\n")
    env = {**os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [PIPELINE, "ingest", str(folder)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "2 new, 0 duplicate, 0 failed, 1 skipped, 1 Message-ID conflicts" in done.stdout
    assert f"skipped: {folder / 'README'}: no RFC 5322 header block at the start" in done.stdout
    assert f"conflict: {folder / 'b.eml'}: Message-ID <same@x> is also on " in done.stdout


def test_migration_moves_email_identity_to_the_bytes_on_existing_rows(
    postgres_server_url: str, tmp_path: Path
) -> None:
    before = tmp_path / "sql"
    before.mkdir()
    for path in sorted(SQL_DIR.glob("*.sql")):
        if path.name < "0004":
            shutil.copy(path, before / path.name)
    with scratch_schema(postgres_server_url, "test") as url:
        engine = sa.create_engine(url)
        try:
            apply_migrations(url, before)
            with engine.begin() as connection:  # rows as the intake wrote them before 0004
                for mid, sha in (("<old@x>", "a" * 64), ("sha256:" + "b" * 64, "b" * 64)):
                    doc = connection.execute(
                        sa.text(
                            "INSERT INTO documents (source, external_id, body, content_hash) "
                            "VALUES ('email', :mid, 'x', 'h') RETURNING id"
                        ),
                        {"mid": mid},
                    ).scalar()
                    connection.execute(
                        sa.text(
                            "INSERT INTO emails (message_id, raw, raw_sha256, document_id) "
                            "VALUES (:mid, '\\x00', :sha, :doc)"
                        ),
                        {"mid": mid, "sha": sha, "doc": doc},
                    )
            assert "0004_email_identity" in apply_migrations(url)
            with engine.begin() as connection:
                emails = connection.execute(
                    sa.text("SELECT message_id, raw_sha256 FROM emails ORDER BY id")
                ).all()
                external = connection.execute(
                    sa.text("SELECT external_id FROM documents ORDER BY id")
                ).scalars()
                assert [tuple(r) for r in emails] == [("<old@x>", "a" * 64), (None, "b" * 64)]
                assert list(external) == ["sha256:" + "a" * 64, "sha256:" + "b" * 64]
                # a different mail with a stored Message-ID is accepted; the same bytes are not
                connection.execute(
                    sa.text(
                        "INSERT INTO emails (message_id, raw, raw_sha256) "
                        "VALUES ('<old@x>', '\\x01', :sha)"
                    ),
                    {"sha": "c" * 64},
                )
                indexes = connection.execute(
                    sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'emails'")
                ).scalars()
                assert {"emails_raw_sha256_key", "emails_message_id_idx"} <= set(indexes)
        finally:
            engine.dispose()
