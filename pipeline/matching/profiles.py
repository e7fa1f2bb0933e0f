"""Canonical profiles: what the matcher embeds and filters on, the same whatever the language.

A candidate written up in Chinese and a project written in Japanese must compare as equals,
so the profile text is built from canonical values only (canonical skill names, years, an
English place name, remote mode, monthly JPY), never from the mail's own words: measured on
the fixture world (bench/matching.py), the mail's words pull same-language pairs together
and push cross-language ones apart. The payload holds the filterable fields in the same
canonical form; money is converted to monthly JPY with the configured rate table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

ProfileKind = Literal["candidate", "project"]

# JLPT levels as ranks (N1 = 5); plain-language levels sit where recruiters put them.
JAPANESE_RANK = {
    "N5": 1, "N4": 2, "N3": 3, "N2": 4, "N1": 5,
    "conversational": 3, "business": 4, "native": 6,
}  # fmt: skip
# The profile table columns each builder reads (with the email's language): a sync loads
# only these (pipeline_tests/matching/test_profiles.py builds every profile from whole rows
# too and compares).
COLUMNS: dict[str, tuple[str, ...]] = {
    "candidate": (
        "id", "skills", "skill_years", "experience_years", "monthly_rate_min",
        "monthly_rate_max", "rate_currency", "remote", "remote_only", "place",
        "available_from", "nationality", "japanese_level", "commercial_depth",
    ),
    "project": (
        "id", "required_skills", "preferred_skills", "skill_years", "min_experience_years",
        "budget_currency", "monthly_budget_min", "monthly_budget_max", "remote", "place",
        "start_date", "foreign_nationals_ok", "citizenship", "max_commercial_depth",
        "japanese_level", "is_open",
    ),
}  # fmt: skip
# Where a project's place is not stated, its country is the one its budget's currency names
# (a Chinese mail from a Japanese branch budgets in 日元), else the one its mail's language
# suggests.
COUNTRY_OF_CURRENCY = {"JPY": "JP", "CNY": "CN", "USD": "US"}
COUNTRY_OF_LANGUAGE = {"ja": "JP", "zh": "CN", "en": "US"}


@dataclass(frozen=True)
class CanonicalProfile:
    kind: ProfileKind
    profile_id: int
    text: str  # what is embedded
    payload: dict[str, Any]  # what Qdrant filters and scores on
    content_hash: str  # of text and payload: a change re-upserts the point


def day_number(value: date | None) -> float | None:
    """A date as a number Qdrant can range over (days since 0001-01-01)."""
    return float(value.toordinal()) if value else None


def monthly_jpy(amount: Any, currency: str | None, rates: Mapping[str, float]) -> float | None:
    """A monthly amount in JPY, or None when the amount or its currency's rate is unknown."""
    if amount is None or currency is None or currency not in rates:
        return None
    return round(float(amount) * rates[currency], 0)


def project_country(place: str | None, language: str | None, currency: str | None = None) -> str:
    """The country a project is in: its place's, else its budget currency's, else its mail
    language's, else Japan."""
    from pipeline.emails.extraction import place_country

    country = place_country(place) if place else None
    return (
        country
        or COUNTRY_OF_CURRENCY.get(currency or "")
        or COUNTRY_OF_LANGUAGE.get(language or "", "JP")
    )


def japanese_rank(level: str | None) -> int | None:
    return JAPANESE_RANK.get(level) if level else None


def _compact(payload: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown values: a missing key is 'not stated', which conditions treat as false."""
    return {k: v for k, v in payload.items() if v is not None and v != [] and v != {}}


def _hash(text: str, payload: Mapping[str, Any]) -> str:
    blob = json.dumps([text, payload], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _years(value: Any) -> str | None:
    return None if value is None else f"{float(value):g} years"


def _describe(parts: list[tuple[str, Any]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in parts if value not in (None, "", []))


def _skill_text(skills: list[str], skill_years: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{skill} {float(skill_years[skill]):g}y" if skill in skill_years else skill
        for skill in skills
    )


def candidate_profile(row: Mapping[str, Any], rates: Mapping[str, float]) -> CanonicalProfile:
    """The canonical profile of a `candidates` row (joined with its email's language)."""
    skills = list(row.get("skills") or [])
    skill_years = dict(row.get("skill_years") or {})
    nationality = row.get("nationality")
    payload = _compact(
        {
            "kind": "candidate",
            "profile_id": int(row["id"]),
            "skills": skills,
            "skill_years": {k: float(v) for k, v in skill_years.items()},
            "years": _float(row.get("experience_years")),
            "rate_min": monthly_jpy(row.get("monthly_rate_min"), row.get("rate_currency"), rates),
            "rate_max": monthly_jpy(row.get("monthly_rate_max"), row.get("rate_currency"), rates),
            "remote": row.get("remote"),
            "remote_only": 1 if row.get("remote_only") else None,
            "place": row.get("place"),
            "available_day": day_number(row.get("available_from")),
            "nationality": nationality,
            "japanese_rank": japanese_rank(row.get("japanese_level")),
            "commercial_depth": row.get("commercial_depth"),
            "language": row.get("language"),
        }
    )
    text = _describe(
        [
            ("engineer skills", _skill_text(skills, skill_years)),
            ("experience", _years(row.get("experience_years"))),
            ("place", row.get("place")),
            ("remote", row.get("remote")),
            ("japanese", row.get("japanese_level")),
        ]
    )
    return CanonicalProfile("candidate", int(row["id"]), text, payload, _hash(text, payload))


def project_profile(row: Mapping[str, Any], rates: Mapping[str, float]) -> CanonicalProfile:
    """The canonical profile of a `projects` row (joined with its email's language)."""
    required = list(row.get("required_skills") or [])
    preferred = list(row.get("preferred_skills") or [])
    skill_years = dict(row.get("skill_years") or {})
    currency = row.get("budget_currency")
    payload = _compact(
        {
            "kind": "project",
            "profile_id": int(row["id"]),
            "required_skills": required,
            "preferred_skills": preferred,
            "skills": [*required, *(s for s in preferred if s not in required)],
            "skill_years": {k: float(v) for k, v in skill_years.items()},
            "min_years": _float(row.get("min_experience_years")),
            "budget_min": monthly_jpy(row.get("monthly_budget_min"), currency, rates),
            "budget_max": monthly_jpy(row.get("monthly_budget_max"), currency, rates),
            "remote": row.get("remote"),
            "place": row.get("place"),
            "start_day": day_number(row.get("start_date")),
            # whose nationals a closed project takes: the citizenship it names, else its country
            "country": row.get("citizenship")
            or project_country(row.get("place"), row.get("language"), currency),
            "foreign_nationals_ok": _flag(row.get("foreign_nationals_ok")),
            "max_commercial_depth": row.get("max_commercial_depth"),
            "japanese_rank_min": japanese_rank(row.get("japanese_level")),
            "language": row.get("language"),
            "is_open": _flag(row.get("is_open", True)),
        }
    )
    text = _describe(
        [
            ("engineer skills", _skill_text(required, skill_years)),
            ("also", ", ".join(preferred)),
            ("experience", _years(row.get("min_experience_years"))),
            ("place", row.get("place")),
            ("remote", row.get("remote")),
            ("japanese", row.get("japanese_level")),
        ]
    )
    return CanonicalProfile("project", int(row["id"]), text, payload, _hash(text, payload))


def _flag(value: bool | None) -> int | None:
    """Booleans are stored as 1 / 0: Qdrant Edge matches a Python bool as an integer."""
    return None if value is None else int(bool(value))


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
