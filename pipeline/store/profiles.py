"""Candidates, projects, their Qdrant points and their matches: set-based SQL for the matcher."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Connection

PROFILE_TABLES = {"candidate": "candidates", "project": "projects"}


def load_profiles(
    connection: Connection,
    kind: str,
    ids: Sequence[int] | None = None,
    columns: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Profile rows of one kind with their email's language and subject, by id (all when
    `ids` is None). `columns`: only these of the profile table (names from code, never from
    input): the rest, `extracted` above all, is not decoded."""
    table = PROFILE_TABLES[kind]
    where = "" if ids is None else "WHERE p.id = ANY(:ids)"
    selected = "p.*" if columns is None else ", ".join(f"p.{_identifier(c)}" for c in columns)
    result = connection.execute(
        sa.text(
            f"SELECT {selected}, e.language, e.subject FROM {table} AS p "
            f"JOIN emails AS e ON e.id = p.email_id {where} ORDER BY p.id"
        ),
        {} if ids is None else {"ids": list(ids)},
    )
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.fetchall()]


def _identifier(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"not a column name: {name!r}")
    return name


def indexed_points(connection: Connection, kind: str, model: str) -> dict[int, str]:
    """{profile id: content hash} of the points this model's collection holds."""
    rows = connection.execute(
        sa.text(
            "SELECT profile_id, content_hash FROM profile_points WHERE kind = :kind AND model = :m"
        ),
        {"kind": kind, "m": model},
    )
    return {row.profile_id: row.content_hash for row in rows}


def record_points(
    connection: Connection,
    kind: str,
    model: str,
    collection: str,
    points: Sequence[tuple[int, str]],
) -> None:
    """Record (profile id, content hash) as upserted; called only after the store has them."""
    if not points:
        return
    connection.execute(
        sa.text(
            """
            INSERT INTO profile_points (kind, profile_id, model, collection, content_hash)
            SELECT :kind, t.id, :model, :collection, t.hash
            FROM unnest(CAST(:ids AS bigint[]), CAST(:hashes AS text[])) AS t(id, hash)
            ON CONFLICT (kind, profile_id, model) DO UPDATE
            SET content_hash = excluded.content_hash, collection = excluded.collection,
                indexed_at = now()
            """
        ),
        {
            "kind": kind,
            "model": model,
            "collection": collection,
            "ids": [p[0] for p in points],
            "hashes": [p[1] for p in points],
        },
    )


def forget_points(connection: Connection, kind: str, model: str, ids: Sequence[int]) -> None:
    if not ids:
        return
    connection.execute(
        sa.text(
            "DELETE FROM profile_points "
            "WHERE kind = :kind AND model = :model AND profile_id = ANY(:ids)"
        ),
        {"kind": kind, "model": model, "ids": list(ids)},
    )


def matched_hashes(connection: Connection, kind: str, version: str, mode: str) -> dict[int, str]:
    """{profile id: content hash} the stored matches were computed from."""
    rows = connection.execute(
        sa.text(
            "SELECT profile_id, content_hash FROM match_state "
            "WHERE kind = :kind AND scoring_version = :version AND mode = :mode"
        ),
        {"kind": kind, "version": version, "mode": mode},
    )
    return {row.profile_id: row.content_hash for row in rows}


def record_matched(
    connection: Connection,
    kind: str,
    version: str,
    mode: str,
    profiles: Iterable[tuple[int, str]],
) -> None:
    pairs = list(profiles)
    if not pairs:
        return
    connection.execute(
        sa.text(
            """
            INSERT INTO match_state (kind, profile_id, scoring_version, mode, content_hash)
            SELECT :kind, t.id, :version, :mode, t.hash
            FROM unnest(CAST(:ids AS bigint[]), CAST(:hashes AS text[])) AS t(id, hash)
            ON CONFLICT (kind, profile_id, scoring_version, mode) DO UPDATE
            SET content_hash = excluded.content_hash, matched_at = now()
            """
        ),
        {
            "kind": kind,
            "version": version,
            "mode": mode,
            "ids": [p[0] for p in pairs],
            "hashes": [p[1] for p in pairs],
        },
    )


def forget_matched(connection: Connection, kind: str, ids: Sequence[int]) -> None:
    """Deleted profiles leave match_state (their matches go by ON DELETE CASCADE)."""
    if ids:
        connection.execute(
            sa.text("DELETE FROM match_state WHERE kind = :kind AND profile_id = ANY(:ids)"),
            {"kind": kind, "ids": list(ids)},
        )


_MATCH_COLUMNS = (
    "project_id", "candidate_id", "scoring_version", "mode", "vector_score", "filter_score",
    "ai_score", "business_score", "total_score", "weights", "explanation", "breakdown",
    "run_id", "rank",
)  # fmt: skip
_MATCH_TYPES = {
    "project_id": "bigint", "candidate_id": "bigint", "scoring_version": "text", "mode": "text",
    "vector_score": "real", "filter_score": "real", "ai_score": "real",
    "business_score": "real", "total_score": "real", "weights": "jsonb", "explanation": "text",
    "breakdown": "jsonb", "run_id": "text", "rank": "integer",
}  # fmt: skip


def replace_matches(
    connection: Connection,
    version: str,
    mode: str,
    by_project: Mapping[int, Sequence[dict[str, Any]]],
) -> int:
    """Make the stored matches of these projects (for this version and mode) exactly the rows
    given: pairs that stay are updated in place (same row id), pairs that left a project's
    top-k are deleted. Returns the rows written."""
    if not by_project:
        return 0
    rows = [row for project_rows in by_project.values() for row in project_rows]
    connection.execute(
        sa.text(
            """
            DELETE FROM matches AS m
            WHERE m.project_id = ANY(:projects) AND m.scoring_version = :v AND m.mode = :mode
              AND (m.project_id, m.candidate_id) NOT IN (
                  SELECT * FROM unnest(CAST(:keep_p AS bigint[]), CAST(:keep_c AS bigint[])))
            """
        ),
        {
            "projects": list(by_project),
            "v": version,
            "mode": mode,
            "keep_p": [r["project_id"] for r in rows],
            "keep_c": [r["candidate_id"] for r in rows],
        },
    )
    if not rows:
        return 0
    # The rows travel as one JSON document read by jsonb_to_recordset: 40,000 rows in
    # 1.5-2.2 s against 2.3-3.0 s as one INSERT from arrays (psycopg2 quotes every array
    # element), client CPU 0.2 s against 0.85 (same stored rows by digest). COPY was faster
    # still (1.1-1.5 s) but psycopg2 refuses it under the client timeout's wait callback.
    columns = ", ".join(_MATCH_COLUMNS)
    types = ", ".join(f"{c} {_MATCH_TYPES[c]}" for c in _MATCH_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _MATCH_COLUMNS[2:])
    document = orjson.dumps(
        [{c: row[c] for c in _MATCH_COLUMNS} for row in rows], default=str, option=_JSON_OPTIONS
    )
    connection.execute(
        sa.text(
            f"INSERT INTO matches ({columns}) SELECT {columns} "
            f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({types}) "
            "ON CONFLICT (project_id, candidate_id, scoring_version, mode) "
            f"DO UPDATE SET {updates}, updated_at = now()"
        ),
        {"rows": document.decode()},
    )
    return len(rows)


# Datetimes go to `default` (str, as json.dumps wrote them), numpy scalars as numbers.
_JSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_SERIALIZE_NUMPY


def project_matches(
    connection: Connection, project_id: int, version: str, mode: str
) -> list[dict[str, Any]]:
    """A project's stored matches, best first."""
    return _matches_of(connection, "project_id", project_id, version, mode)


def candidate_matches(
    connection: Connection, candidate_id: int, version: str, mode: str
) -> list[dict[str, Any]]:
    """A candidate's stored matches across projects, best first."""
    return _matches_of(connection, "candidate_id", candidate_id, version, mode)


def _matches_of(
    connection: Connection, column: str, profile_id: int, version: str, mode: str
) -> list[dict[str, Any]]:
    other = "candidate_id" if column == "project_id" else "project_id"
    rows = connection.execute(
        sa.text(
            f"SELECT * FROM matches WHERE {column} = :id AND scoring_version = :v "
            f"AND mode = :m ORDER BY total_score DESC, {other}"
        ),
        {"id": profile_id, "v": version, "m": mode},
    )
    return [dict(row._mapping) for row in rows]


def count_matches(connection: Connection) -> int:
    return int(connection.execute(sa.text("SELECT count(*) FROM matches")).scalar_one())


def profile_names(connection: Connection, kind: str, ids: Sequence[int]) -> dict[int, str]:
    """A short label per profile: the candidate's name or the project's title, else the subject."""
    if not ids:
        return {}
    label = "p.name" if kind == "candidate" else "p.title"
    table = PROFILE_TABLES[kind]
    rows = connection.execute(
        sa.text(
            f"SELECT p.id, coalesce({label}, e.subject, '') AS label FROM {table} AS p "
            "JOIN emails AS e ON e.id = p.email_id WHERE p.id = ANY(:ids)"
        ),
        {"ids": list(ids)},
    )
    return {row.id: row.label for row in rows}
