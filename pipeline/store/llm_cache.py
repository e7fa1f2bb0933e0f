"""The `llm_cache` table: answers of the LLM by key, read and written in one statement each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class CachedResponse:
    key: str
    kind: str
    model: str
    prompt_version: str
    response: Any  # JSON-serialisable


def fetch_responses(connection: Connection, keys: Sequence[str]) -> dict[str, Any]:
    """{key: response} for the keys that are stored; missing keys are simply absent."""
    if not keys:
        return {}
    rows = connection.execute(
        sa.text("SELECT key, response FROM llm_cache WHERE key = ANY(CAST(:keys AS text[]))"),
        {"keys": list(dict.fromkeys(keys))},
    )
    return {row.key: row.response for row in rows}


def store_responses(connection: Connection, rows: Sequence[CachedResponse]) -> None:
    """Insert or replace many answers at once (the newest answer for a key wins)."""
    unique = list({row.key: row for row in rows}.values())
    if not unique:
        return
    connection.execute(
        sa.text(
            """
            INSERT INTO llm_cache AS c (key, kind, model, prompt_version, response)
            SELECT t.key, t.kind, t.model, t.prompt_version, CAST(t.response AS jsonb)
            FROM unnest(CAST(:keys AS text[]), CAST(:kinds AS text[]), CAST(:models AS text[]),
                        CAST(:versions AS text[]), CAST(:responses AS text[]))
                 AS t(key, kind, model, prompt_version, response)
            ON CONFLICT (key) DO UPDATE
            SET response = EXCLUDED.response, created_at = now()
            """
        ),
        {
            "keys": [r.key for r in unique],
            "kinds": [r.kind for r in unique],
            "models": [r.model for r in unique],
            "versions": [r.prompt_version for r in unique],
            "responses": [json.dumps(r.response, ensure_ascii=False) for r in unique],
        },
    )


def count_responses(connection: Connection, kind: str | None = None) -> int:
    """How many answers are stored (of one kind, or all)."""
    return connection.execute(
        sa.text("SELECT count(*) FROM llm_cache WHERE CAST(:kind AS text) IS NULL OR kind = :kind"),
        {"kind": kind},
    ).scalar_one()
