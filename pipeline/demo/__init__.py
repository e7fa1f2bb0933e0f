"""Deterministic demo data: listed-company reports cut into chunks, and a staffing inbox."""
