"""Trains the classifier's naive Bayes layer on the dev fixtures and writes its counts file.

    .venv/bin/python -m pipeline_tests.emails.train_classifier

Only mail written to tune on is read: the labelled set, the `dev` split of intake_heldout.yaml
and the dev sets (dev2 to dev14; dev5, dev6, dev8 and dev10 to dev13 were written for
extraction, but their mails are real staffing mail with labels). The test split, the test sets
intake_test2.yaml to intake_test4.yaml and the matching worlds are never read here, so their
figures stay held out. Each mail goes the real way (RFC 5322 bytes, then parse_email), so the
layer sees the text the intake classifies.
Deterministic: test_classification_model.py checks the shipped file is what this writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pipeline.emails.classification import (
    MODEL_PATH,
    Category,
    EmailForClassification,
    NaiveBayes,
)
from pipeline.emails.parsing import parse_email
from pipeline_tests.emails.labelled import labelled_emails
from pipeline_tests.fixtures.heldout import (
    load_dev2,
    load_dev3,
    load_dev4,
    load_dev5,
    load_dev6,
    load_dev7,
    load_dev8,
    load_dev9,
    load_dev10,
    load_dev11,
    load_dev12,
    load_dev13,
    load_dev14,
    load_heldout,
    to_eml,
)


def training_mails() -> list[dict[str, Any]]:
    """Every dev mail, with the labelled set's mails dated like the others."""
    labelled = [{"date": "2025-11-10", **mail} for mail in labelled_emails()]
    dev = [mail for mail in load_heldout() if mail["split"] == "dev"]
    dev_sets = (
        load_dev2,
        load_dev3,
        load_dev4,
        load_dev5,
        load_dev6,
        load_dev7,
        load_dev8,
        load_dev9,
        load_dev10,
        load_dev11,
        load_dev12,
        load_dev13,
        load_dev14,
    )
    return [*labelled, *dev, *(mail for load in dev_sets for mail in load())]


def examples(mails: list[dict[str, Any]]) -> Iterator[tuple[EmailForClassification, Category]]:
    for mail in mails:
        parsed = parse_email(to_eml(mail))
        yield (
            EmailForClassification(parsed.subject, parsed.full_text, parsed.language),
            mail["label"],
        )


def train() -> NaiveBayes:
    return NaiveBayes.train(examples(training_mails()))


def main() -> None:
    model = train()
    MODEL_PATH.write_text(model.dumps(), encoding="utf-8")
    print(f"{MODEL_PATH.name}: {len(model.counts)} features, documents {model.documents}")


if __name__ == "__main__":
    main()
