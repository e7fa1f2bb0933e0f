"""Profiles seen the way the held-out fixtures state their truth, for scoring and the bench.

Each mail goes through the real path (RFC 5322 bytes -> parse_email -> classify -> extract);
fields are then written in the truth's vocabulary: `location` is the canonical place, money is
{min, max, currency, period} with an open bound left out, dates are ISO strings, and a field
the rules did not find is absent, as it is in the truth when a mail does not state it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pipeline.emails.classification import EmailForClassification, classify_by_rules
from pipeline.emails.extraction import (
    CandidateProfile,
    ProjectProfile,
    extract_candidate,
    extract_projects,
)
from pipeline.emails.parsing import parse_email


def _money(row: dict[str, Any], prefix: str, negotiable: bool) -> dict[str, Any] | None:
    low, high = row[f"{prefix}_min"], row[f"{prefix}_max"]
    if low is None and high is None:
        return {"negotiable": True} if negotiable else None
    money = {"currency": row[f"{prefix}_currency"], "period": row[f"{prefix}_period"]}
    if low is not None:
        money["min"] = float(low)
    if high is not None:
        money["max"] = float(high)
    return money


def _clean(view: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in view.items():
        if value is None or value == [] or value == {}:
            continue
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def candidate_view(profile: CandidateProfile) -> dict[str, Any]:
    row = profile.as_row()
    return _clean(
        {
            "skills": row["skills"],
            "skill_years": row["skill_years"],
            "experience_years": row["experience_years"],
            "rate": _money(row, "rate", row["extracted"].get("negotiable", False)),
            "location": row["place"],
            "remote": row["remote"],
            "remote_only": row["remote_only"],
            "available_from": row["available_from"],
            "nationality": row["nationality"],
            "japanese_level": row["japanese_level"],
            "commercial_depth": row["commercial_depth"],
        }
    )


def project_view(profile: ProjectProfile) -> dict[str, Any]:
    row = profile.as_row()
    return _clean(
        {
            "required_skills": row["required_skills"],
            "preferred_skills": row["preferred_skills"],
            "skill_years": row["skill_years"],
            "min_experience_years": row["min_experience_years"],
            "budget": _money(row, "budget", row["extracted"].get("negotiable", False)),
            "location": row["place"],
            "remote": row["remote"],
            "start_date": row["start_date"],
            "foreign_nationals_ok": row["foreign_nationals_ok"],
            "max_commercial_depth": row["max_commercial_depth"],
            "japanese_level": row["japanese_level"],
            "interview_count": row["interview_count"],
        }
    )


def truth_view(truth: dict[str, Any]) -> dict[str, Any]:
    """The fixture's truth with dates as ISO strings and numbers as floats, like the views."""
    out: dict[str, Any] = {}
    for key, value in (truth or {}).items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, dict) and key in ("rate", "budget"):
            value = {k: float(v) if k in ("min", "max") else v for k, v in value.items()}
        elif isinstance(value, dict):
            value = {k: float(v) for k, v in value.items()}
        elif isinstance(value, int) and not isinstance(value, bool) and key.endswith("years"):
            value = float(value)
        out[key] = value
    return out


def mail_date(mail: dict[str, Any]) -> date:
    value = mail.get("date")
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)) if value else date(2025, 11, 10)


def predict(mail: dict[str, Any], raw: bytes) -> tuple[str, dict[str, Any], str | None]:
    """(predicted category, fields extracted as the TRUE kind, detected language) of a mail.

    Fields are extracted for the labelled kind, so a classification miss does not hide how
    well the fields themselves are read; classification is scored on its own.
    """
    parsed = parse_email(raw)
    item = EmailForClassification(parsed.subject, parsed.full_text, parsed.language)
    category = classify_by_rules(item).category
    reference = mail_date(mail)
    args = (parsed.subject, parsed.full_text, parsed.language, reference)
    if mail["label"] == "candidate":
        fields = candidate_view(extract_candidate(*args))
    elif mail["label"] == "project":
        fields = project_view(extract_projects(*args)[0])
    else:
        fields = {}
    return category, fields, parsed.language
