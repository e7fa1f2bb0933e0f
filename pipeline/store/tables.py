"""SQLAlchemy Core table objects, reflected from the schema that `sql/` creates.

The SQL files are the single source of truth; reflecting them keeps Python from holding a
second copy that can drift.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class Tables:
    documents: sa.Table
    document_chunks: sa.Table
    emails: sa.Table
    candidates: sa.Table
    projects: sa.Table
    matches: sa.Table


def reflect_tables(engine: Engine) -> Tables:
    """Reflect the application tables (in the connection's search_path)."""
    metadata = sa.MetaData()
    names = [field for field in Tables.__dataclass_fields__]
    metadata.reflect(bind=engine, only=names)
    return Tables(**{name: metadata.tables[name] for name in names})
