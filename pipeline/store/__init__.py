"""Storage layer: SQLAlchemy Core tables and queries, the embedded Postgres, the Qdrant client."""
