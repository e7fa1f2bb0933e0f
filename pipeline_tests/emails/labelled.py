"""The labelled fixture set (pipeline_tests/fixtures/labelled_emails.yaml), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LABELLED = Path(__file__).resolve().parent.parent / "fixtures" / "labelled_emails.yaml"


@cache
def labelled_emails() -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["emails"])


def by_id(email_id: str) -> dict[str, Any]:
    return next(e for e in labelled_emails() if e["id"] == email_id)
