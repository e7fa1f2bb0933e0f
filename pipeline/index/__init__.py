"""The chunk index's lifecycle beside Postgres: deletions, search, and model changes.

- `outbox.apply_deletions`: points of rows deleted in Postgres leave every collection.
- `search.ChunkSearch.search_chunks`: the top chunks for a query, text read from Postgres.
- `lifecycle.IndexLifecycle`: a second model built in the background behind an alias,
  switched in one step once its check passes, the old collection dropped after a grace period.

Plain Python, no Dagster: the vectorizer, the CLI and the Dagster job all call these.
"""
