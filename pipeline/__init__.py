"""Keep a Qdrant index in sync with text in Postgres, and match a staffing inbox."""
