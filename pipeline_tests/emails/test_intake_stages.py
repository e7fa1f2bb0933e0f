"""The intake's two halves apart: chunk on ingest, classify later; one failing mail isolated."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.demo.inbox import generate_inbox
from pipeline.emails.intake import EmailIntake
from pipeline.emails.sources import RawMessage


def _inbox(size: int, seed: int = 5) -> list[RawMessage]:
    return [RawMessage(f"{e.name}", e.raw) for e in generate_inbox(seed=seed, size=size)]


def _scalar(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(sa.text(sql)).scalar()


def test_chunk_first_then_classify_gives_what_the_one_step_intake_gives(db, tables) -> None:
    report = EmailIntake(db, tables, classify_on_ingest=False).ingest(_inbox(12))
    assert report.new == 12 and not report.by_category
    assert _scalar(db, "SELECT count(*) FROM emails WHERE category IS NULL") == 12
    assert _scalar(db, "SELECT count(*) FROM document_chunks") > 0
    assert _scalar(db, "SELECT count(*) FROM documents WHERE doc_type IS NOT NULL") == 0

    progress: list[tuple[int, int, int]] = []
    intake = EmailIntake(db, tables, batch_size=5)
    classified = intake.classify_stored(progress_callback=lambda *a: progress.append(a))
    assert progress == [(5, 12, 0), (10, 12, 0), (12, 12, 0)]
    assert sum(classified.by_category.values()) == 12
    split = (classified.candidates, classified.projects)
    assert _scalar(db, "SELECT count(*) FROM emails WHERE category IS NULL") == 0
    mismatched = _scalar(
        db,
        "SELECT count(*) FROM documents d JOIN emails e ON e.document_id = d.id "
        "WHERE d.doc_type IS DISTINCT FROM e.category",
    )
    assert mismatched == 0
    assert intake.classify_stored().by_category == {}  # nothing left to classify
    again = intake.classify_stored(reclassify_all=True)
    assert sum(again.by_category.values()) == 12 and (again.candidates, again.projects) == split

    db_one_step = EmailIntake(db, tables)
    with db.begin() as connection:
        connection.execute(sa.text("TRUNCATE emails, documents, candidates, projects CASCADE"))
    one_step = db_one_step.ingest(_inbox(12))
    assert (one_step.candidates, one_step.projects) == split


def test_a_mail_the_database_rejects_fails_alone_with_its_traceback(db, tables) -> None:
    EmailIntake(db, tables, classify_on_ingest=False).ingest(_inbox(6))
    victim = _scalar(db, "SELECT id FROM emails ORDER BY id LIMIT 1 OFFSET 2")
    # A real rejection by the database (a trigger), for one mail only.
    with db.begin() as connection:
        connection.execute(
            sa.text(
                f"""
                CREATE FUNCTION reject_one() RETURNS trigger AS $$
                BEGIN
                  IF NEW.id = {int(victim)} AND NEW.category IS NOT NULL THEN
                    RAISE EXCEPTION 'rejected by test trigger';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER reject_one BEFORE UPDATE ON emails
                  FOR EACH ROW EXECUTE FUNCTION reject_one();
                """
            )
        )
    failures = []
    try:
        intake = EmailIntake(db, tables, on_failure=lambda *f: failures.append(f))
        report = intake.classify_stored()
    finally:
        with db.begin() as connection:
            connection.execute(sa.text("DROP TRIGGER reject_one ON emails"))
            connection.execute(sa.text("DROP FUNCTION reject_one()"))
    assert sum(report.by_category.values()) == 5 and len(report.failed) == 1
    ((_source, reason, error),) = failures
    assert "rejected by test trigger" in reason and error.__traceback__ is not None
    assert _scalar(db, "SELECT count(*) FROM emails WHERE category IS NULL") == 1
