"""An in-memory `InboxStore`: the email intake without Postgres.

`MemoryInbox` keeps the rules of `PostgresInbox` that the intake relies on: bytes already
stored are skipped, ids grow, an earlier mail with the same Message-ID is found, a document
is upserted by (source, external_id), profiles are replaced by (email_id, block_index), and
every call is all or nothing. `refuse_email` / `refuse_document` make a call fail the way a
database refusing a row does (an `SQLAlchemyError`, nothing of the call kept).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pipeline.emails.store import Label
from pipeline.store.documents import NewDocument


@dataclass
class StoredEmail:
    id: int
    row: dict[str, Any]
    document_id: int | None = None
    label: Label | None = None


class MemoryInbox:
    """Mail, documents and profiles in dicts; `calls` counts the calls by name."""

    def __init__(
        self,
        refuse_email: Callable[[dict[str, Any]], bool] | None = None,
        refuse_document: Callable[[NewDocument], bool] | None = None,
    ) -> None:
        self.refuse_email = refuse_email or (lambda row: False)
        self.refuse_document = refuse_document or (lambda document: False)
        self.emails: dict[int, StoredEmail] = {}
        self.documents: dict[tuple[str, str], tuple[int, NewDocument]] = {}
        self.candidates: dict[tuple[int, int], dict[str, Any]] = {}
        self.projects: dict[tuple[int, int], dict[str, Any]] = {}
        self.calls: dict[str, int] = {}

    # --- InboxStore ------------------------------------------------------------------

    def insert_emails(self, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        self._called("insert_emails")
        if any(self.refuse_email(row) for row in rows):
            raise SQLAlchemyError("refused: a row the store will not take")
        known = {e.row["raw_sha256"] for e in self.emails.values()}
        inserted: dict[str, int] = {}
        for row in rows:
            if row["raw_sha256"] in known:
                continue
            known.add(row["raw_sha256"])
            email_id = len(self.emails) + 1
            self.emails[email_id] = StoredEmail(email_id, dict(row))
            inserted[row["raw_sha256"]] = email_id
        return inserted

    def earlier_with_message_id(self, email_ids: Sequence[int]) -> dict[int, str]:
        self._called("earlier_with_message_id")
        found: dict[int, str] = {}
        for email_id in email_ids:
            message_id = self.emails[email_id].row["message_id"]
            earlier = [
                e
                for e in self.emails.values()
                if message_id is not None and e.row["message_id"] == message_id and e.id < email_id
            ]
            if earlier:
                found[email_id] = earlier[0].row["source"] or ""
        return found

    def to_process(self, *, unchunked: bool, limit: int) -> list[tuple[int, str, bytes]]:
        self._called("to_process")
        todo = [
            e.id
            for e in self.emails.values()
            if (e.document_id is None if unchunked else e.label is None)
        ]
        return self.raw_emails(todo[:limit])

    def email_ids_to_classify(self, everything: bool, limit: int | None) -> list[int]:
        self._called("email_ids_to_classify")
        ids = [e.id for e in self.emails.values() if everything or e.label is None]
        return ids if limit is None else ids[:limit]

    def raw_emails(self, ids: Sequence[int]) -> list[tuple[int, str, bytes]]:
        self._called("raw_emails")
        return [(i, self.emails[i].row["source"] or "", self.emails[i].row["raw"]) for i in ids]

    def save_documents(
        self,
        documents: Sequence[tuple[int, NewDocument]],
        labels: Sequence[Label] | None = None,
        candidates: Sequence[dict[str, Any]] = (),
        projects: Sequence[dict[str, Any]] = (),
    ) -> None:
        self._called("save_documents")
        if any(self.refuse_document(d) for _, d in documents):
            raise SQLAlchemyError("refused: a document the store will not take")
        for email_id, document in documents:
            key = (document.source, document.external_id)
            doc_id = self.documents[key][0] if key in self.documents else len(self.documents) + 1
            self.documents[key] = (doc_id, document)
            self.emails[email_id].document_id = doc_id
        if labels is not None:
            self._classify(labels, candidates, projects)

    def save_classifications(
        self,
        labels: Sequence[Label],
        candidates: Sequence[dict[str, Any]],
        projects: Sequence[dict[str, Any]],
    ) -> None:
        self._called("save_classifications")
        self._classify(labels, candidates, projects)
        by_id = {doc_id: key for key, (doc_id, _) in self.documents.items()}
        for email_id, category, _, _ in labels:
            key = by_id.get(self.emails[email_id].document_id)  # type: ignore[arg-type]
            if key is not None:  # a mail without a document has no doc_type to set
                doc_id, document = self.documents[key]
                self.documents[key] = (doc_id, replace(document, doc_type=category))

    # --- what tests read ---------------------------------------------------------------

    def doc_type_of(self, email_id: int) -> str | None:
        """The doc_type of the email's document (None without one)."""
        document_id = self.emails[email_id].document_id
        for doc_id, document in self.documents.values():
            if doc_id == document_id:
                return document.doc_type
        return None

    def _classify(
        self,
        labels: Sequence[Label],
        candidates: Sequence[dict[str, Any]],
        projects: Sequence[dict[str, Any]],
    ) -> None:
        email_ids = {label[0] for label in labels}
        for label in labels:
            self.emails[label[0]].label = label
        for table, rows in ((self.candidates, candidates), (self.projects, projects)):
            for key in [k for k in table if k[0] in email_ids]:
                del table[key]
            for row in rows:
                table[(row["email_id"], row.get("block_index", 0))] = dict(row)

    def _called(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1
