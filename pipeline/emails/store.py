"""Where the email intake keeps its mail, as a small interface.

`EmailIntake` never opens a transaction: it stores, reads and writes through an `InboxStore`.
`pipeline.store.emails.PostgresInbox` is the real one (emails, documents, candidates,
projects; one transaction a call, so what commits together is one call); the tests also run
the intake on an in-memory store (pipeline_tests/emails/memory_inbox.py).

A call the database refuses raises `sqlalchemy.exc.SQLAlchemyError` (the intake retries a
batch mail by mail on it) and leaves nothing of that call behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pipeline.store.documents import NewDocument

# (email_id, category, confidence, classified_by): one mail's classification.
Label = tuple[int, str, float, str]


class InboxStore(Protocol):
    """Raw mail, the document each mail becomes, and its classification and profiles."""

    def insert_emails(self, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
        """Store new mails; {raw_sha256: id} of those inserted (bytes already stored are
        skipped, so storing a mail again is a no-op)."""
        ...

    def earlier_with_message_id(self, email_ids: Sequence[int]) -> dict[int, str]:
        """{email_id: source of the first earlier, different mail with its Message-ID}."""
        ...

    def to_process(self, *, unchunked: bool, limit: int) -> list[tuple[int, str, bytes]]:
        """(id, source, raw) of stored mails never classified (never chunked, `unchunked`)."""
        ...

    def email_ids_to_classify(self, everything: bool, limit: int | None) -> list[int]:
        """Ids in id order of the mails not classified yet, or of all of them."""
        ...

    def raw_emails(self, ids: Sequence[int]) -> list[tuple[int, str, bytes]]:
        """(id, source, raw bytes) of the given mails."""
        ...

    def save_documents(
        self,
        documents: Sequence[tuple[int, NewDocument]],
        labels: Sequence[Label] | None = None,
        candidates: Sequence[dict[str, Any]] = (),
        projects: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Together: upsert each (email_id, document) and link the mail to it; with `labels`,
        also classify those mails and make their profiles exactly `candidates`/`projects`."""
        ...

    def save_classifications(
        self,
        labels: Sequence[Label],
        candidates: Sequence[dict[str, Any]],
        projects: Sequence[dict[str, Any]],
    ) -> None:
        """Together: classify the mails, replace their profiles, and give each mail's existing
        document its category as doc_type."""
        ...
