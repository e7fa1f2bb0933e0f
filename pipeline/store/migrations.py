"""Apply the numbered SQL files in `sql/` with yoyo-migrations; applying twice is a no-op."""

from __future__ import annotations

from pathlib import Path

from pipeline.settings import REPO_ROOT
from pipeline.store.database import libpq_url

SQL_DIR = REPO_ROOT / "sql"


def apply_migrations(database_url: str, sql_dir: Path = SQL_DIR) -> list[str]:
    """Apply every pending migration; return the ids applied (empty when up to date)."""
    from yoyo import get_backend, read_migrations

    backend = get_backend(libpq_url(database_url))  # yoyo wants postgresql://, not +psycopg2
    migrations = read_migrations(str(sql_dir))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [migration.id for migration in pending]
