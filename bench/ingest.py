"""Email ingest throughput on generated mail, and offline accuracy on the labelled fixtures.

    .venv/bin/python bench/ingest.py [--emails 10000] [--batch-size 200] [--seed 7]

A fresh schema on the embedded Postgres (or PIPELINE_BENCH_DATABASE_URL), dropped at the
end. The clock covers the whole intake (parse, store raw, dedupe, chunk, classify with the
offline rules, extract, write profiles), not the generation of the mail. The last line is
the headline figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from _common import bench_database

from pipeline.demo.inbox import generate_inbox
from pipeline.emails.classification import EmailForClassification, classify_by_rules
from pipeline.emails.intake import EmailIntake
from pipeline.emails.parsing import detect_language
from pipeline.emails.sources import RawMessage
from pipeline.store.tables import reflect_tables

LABELLED = Path(__file__).resolve().parent.parent / "pipeline_tests/fixtures/labelled_emails.yaml"


def offline_accuracy() -> dict[str, tuple[int, int]]:
    """{language: (correct, total)} of the rules on the labelled fixture set."""
    import yaml

    emails = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["emails"]
    scores: dict[str, list[int]] = {}
    for email in emails:
        language = detect_language(f"{email['subject']}\n{email['body']}")
        item = EmailForClassification(email["subject"], email["body"], language)
        right = classify_by_rules(item).category == email["label"]
        scores.setdefault(email["lang"], [0, 0])
        scores[email["lang"]][0] += right
        scores[email["lang"]][1] += 1
    return {k: (v[0], v[1]) for k, v in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--emails", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    for language, (right, total) in sorted(offline_accuracy().items()):
        print(f"offline accuracy {language}: {right}/{total} = {right / total:.3f}")

    inbox = [RawMessage(e.name, e.raw) for e in generate_inbox(args.seed, args.emails)]
    megabytes = sum(len(m.raw) for m in inbox) / 1e6
    print(f"generated {len(inbox)} emails ({megabytes:.1f} MB)", file=sys.stderr)
    with bench_database() as (engine, _):
        intake = EmailIntake(engine, reflect_tables(engine), batch_size=args.batch_size)
        started = time.perf_counter()
        report = intake.ingest(inbox)
        elapsed = time.perf_counter() - started
        again = time.perf_counter()
        repeat = intake.ingest(inbox[:1000])
        repeat_elapsed = time.perf_counter() - again
        with engine.connect() as connection:
            chunks = connection.execute(sa.text("SELECT count(*) FROM document_chunks")).scalar()
    print(f"summary: {report.summary()}")
    print(f"document chunks: {chunks}; categories: {dict(Counter(report.by_category))}")
    print(
        f"re-ingest of 1000 known emails: {repeat.duplicate} duplicates, "
        f"{1000 / repeat_elapsed:.0f} emails/s"
    )
    print(
        f"ingest throughput: {report.new / elapsed:.0f} emails/s ({report.new} in {elapsed:.1f}s)"
    )


if __name__ == "__main__":
    main()
