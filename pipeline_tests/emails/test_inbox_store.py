"""The InboxStore contract, run against Postgres and against the in-memory store the intake
loop tests use, so the double cannot drift from the real thing."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy.exc import SQLAlchemyError

from pipeline.emails.store import InboxStore
from pipeline.store.documents import NewDocument
from pipeline.store.emails import PostgresInbox
from pipeline_tests.emails.memory_inbox import MemoryInbox


@pytest.fixture(params=["postgres", "memory"])
def inbox(request: pytest.FixtureRequest) -> InboxStore:
    if request.param == "memory":
        # Postgres refuses a row without its hash (NOT NULL); the double refuses the same.
        return MemoryInbox(refuse_email=lambda row: row["raw_sha256"] is None)
    return PostgresInbox(request.getfixturevalue("db"), request.getfixturevalue("tables"))


def _row(n: int, message_id: str | None = None) -> dict[str, Any]:
    raw = f"Subject: mail {n}\r\n\r\nbody {n}\r\n".encode()
    return {
        "message_id": message_id or f"<{n}@example.test>",
        "raw": raw,
        "raw_sha256": hashlib.sha256(raw).hexdigest(),
        "source": f"inbox/{n}.eml",
    }


def _sha(n: int) -> str:
    return _row(n)["raw_sha256"]


def _to_process(inbox: InboxStore, *, unchunked: bool) -> list[int]:
    """The ids `to_process` returns (in no promised order)."""
    return sorted(i for i, _, _ in inbox.to_process(unchunked=unchunked, limit=10))


def _document(n: int) -> NewDocument:
    return NewDocument(source="email", external_id=str(n), body=f"body {n}", chunks=[f"body {n}"])


def test_bytes_already_stored_are_skipped_and_ids_grow(inbox: InboxStore) -> None:
    first = inbox.insert_emails([_row(1), _row(2)])
    again = inbox.insert_emails([_row(2), _row(3)])
    assert list(again) == [_sha(3)]
    assert first[_sha(1)] < first[_sha(2)] < again[_sha(3)]


def test_an_earlier_different_mail_with_the_same_message_id_is_found(inbox: InboxStore) -> None:
    inbox.insert_emails([_row(1, "<same@example.test>")])
    later = inbox.insert_emails([_row(2, "<same@example.test>"), _row(3)])
    found = inbox.earlier_with_message_id(list(later.values()))
    assert found == {later[_sha(2)]: "inbox/1.eml"}


def test_every_later_mail_names_the_first_with_its_message_id_and_none_is_no_id(
    inbox: InboxStore,
) -> None:
    no_id = [{**_row(n), "message_id": None} for n in (4, 5)]
    inbox.insert_emails([_row(1, "<same@example.test>"), no_id[0]])
    later = inbox.insert_emails(
        [_row(2, "<same@example.test>"), _row(3, "<same@example.test>"), no_id[1]]
    )
    found = inbox.earlier_with_message_id(list(later.values()))
    assert found == {later[_sha(2)]: "inbox/1.eml", later[_sha(3)]: "inbox/1.eml"}


def test_a_refused_insert_keeps_nothing_of_its_call(inbox: InboxStore) -> None:
    with pytest.raises(SQLAlchemyError):
        inbox.insert_emails([_row(1), {**_row(2), "raw_sha256": None}])
    assert inbox.email_ids_to_classify(True, None) == []
    assert inbox.insert_emails([_row(1)]) == {_sha(1): inbox.email_ids_to_classify(True, None)[0]}


def test_mail_leaves_the_to_do_lists_as_its_document_and_label_are_saved(
    inbox: InboxStore,
) -> None:
    ids = list(inbox.insert_emails([_row(1), _row(2)]).values())
    assert _to_process(inbox, unchunked=True) == ids
    inbox.save_documents([(ids[0], _document(1))])
    assert _to_process(inbox, unchunked=True) == ids[1:]
    assert _to_process(inbox, unchunked=False) == ids  # chunked, not labelled yet
    inbox.save_classifications([(ids[0], "other", 0.9, "rules")], [], [])
    assert _to_process(inbox, unchunked=False) == ids[1:]
    assert inbox.email_ids_to_classify(False, None) == ids[1:]
    assert inbox.email_ids_to_classify(True, 1) == ids[:1]
    assert [(i, s, bytes(r)) for i, s, r in inbox.raw_emails([ids[1]])] == [
        (ids[1], "inbox/2.eml", _row(2)["raw"])
    ]


def test_documents_saved_with_labels_are_classified_in_the_same_call(inbox: InboxStore) -> None:
    ids = list(inbox.insert_emails([_row(1), _row(2)]).values())
    inbox.save_documents(
        [(ids[0], _document(1)), (ids[1], _document(2))],
        labels=[(ids[0], "other", 0.8, "rules"), (ids[1], "other", 0.7, "rules")],
    )
    assert inbox.to_process(unchunked=True, limit=10) == []
    assert inbox.email_ids_to_classify(False, None) == []
