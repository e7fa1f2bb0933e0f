"""Business rules: a recruiter's checklist as a score in [0, 1] and the reasons behind it.

Each rule looks at one thing a recruiter checks (required skills, preferred skills, years,
rate against budget, place and remote, the gap between availability and start, Japanese
level) and gives a score in [0, 1]; rules the project does not state are left out and the
others renormalised. The reasons are short and readable: they become the explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pipeline.matching.config import MatchingConfig

Payload = Mapping[str, Any]

RULE_WEIGHTS = {
    "required_skills": 0.35,
    "preferred_skills": 0.1,
    "years": 0.15,
    "rate": 0.15,
    "location": 0.1,
    "availability": 0.1,
    "language": 0.05,
}


@dataclass
class BusinessScore:
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    matched_skills: list[str] = field(default_factory=list)
    missing_skills: list[str] = field(default_factory=list)


def _man(yen: float) -> str:
    """Yen as Japanese staffing mail writes it: 65万."""
    return f"{yen / 10_000:g}万"


def _day(value: float) -> str:
    return date.fromordinal(int(value)).isoformat()


def business_score(project: Payload, candidate: Payload, config: MatchingConfig) -> BusinessScore:
    """Score a candidate against a project with the recruiter's rules."""
    parts: dict[str, float] = {}
    reasons: list[str] = []
    have = set(candidate.get("skills") or [])
    required = list(project.get("required_skills") or [])
    matched = [s for s in required if s in have]
    missing = [s for s in required if s not in have]
    if required:
        parts["required_skills"] = len(matched) / len(required)
        reasons.append(f"required {len(matched)}/{len(required)}: {', '.join(matched) or 'none'}")
        if missing:
            reasons.append(f"missing {', '.join(missing)}")
    preferred = list(project.get("preferred_skills") or [])
    if preferred:
        hits = [s for s in preferred if s in have]
        parts["preferred_skills"] = len(hits) / len(preferred)
        if hits:
            reasons.append(f"preferred: {', '.join(hits)}")
    _years(project, candidate, parts, reasons)
    _rate(project, candidate, config, parts, reasons)
    _location(project, candidate, parts, reasons)
    _availability(project, candidate, config, parts, reasons)
    _language(project, candidate, parts, reasons)
    total_weight = sum(RULE_WEIGHTS[name] for name in parts)
    score = (
        sum(RULE_WEIGHTS[name] * value for name, value in parts.items()) / total_weight
        if total_weight
        else 0.0
    )
    return BusinessScore(round(min(1.0, max(0.0, score)), 4), parts, reasons, matched, missing)


def _years(project: Payload, candidate: Payload, parts: dict, reasons: list[str]) -> None:
    minimum = project.get("min_years")
    if minimum is None:
        return
    years = candidate.get("years")
    if years is None:
        parts["years"] = 0.5
        reasons.append(f"years not stated (needs {minimum:g}+)")
        return
    parts["years"] = 1.0 if years >= minimum else max(0.0, years / minimum) if minimum else 1.0
    mark = "✓" if years >= minimum else "✗"
    reasons.append(f"{years:g}y vs {minimum:g}+ {mark}")


def _rate(project, candidate, config: MatchingConfig, parts: dict, reasons: list[str]) -> None:
    budget = project.get("budget_max")
    if budget is None:
        return
    rate = candidate.get("rate_min")
    if rate is None:
        parts["rate"] = 0.5
        reasons.append(f"rate not stated (budget ≤{_man(budget)}/月)")
        return
    ceiling = budget * (1 + config.rate_margin)
    if rate <= budget:
        parts["rate"], mark = 1.0, "✓"
    elif rate <= ceiling:
        parts["rate"], mark = 0.5, "within margin"
    else:
        parts["rate"], mark = 0.0, "✗ over budget"
    reasons.append(f"rate {_man(rate)}/月 vs budget ≤{_man(budget)}/月 {mark}")


def _location(project: Payload, candidate: Payload, parts: dict, reasons: list[str]) -> None:
    remote, place = project.get("remote"), project.get("place")
    if remote == "full":
        parts["location"] = 1.0
        reasons.append("fully remote project")
        return
    if not place:
        return
    where = candidate.get("place")
    if where == place:
        parts["location"] = 1.0
        reasons.append(f"in {place}")
    elif remote == "partial" and candidate.get("remote") in ("full", "partial"):
        parts["location"] = 0.3
        reasons.append(f"{where or 'place unknown'}, project {place} (partly remote)")
    else:
        parts["location"] = 0.0 if where else 0.3
        reasons.append(f"{where or 'place unknown'} vs {place}")


def _availability(project, candidate, config: MatchingConfig, parts, reasons) -> None:
    start = project.get("start_day")
    if start is None:
        return
    available = candidate.get("available_day")
    if available is None:
        parts["availability"] = 0.5
        reasons.append("availability not stated")
        return
    gap = available - start
    if gap <= 0:
        parts["availability"] = 1.0
    elif gap <= config.availability_grace_days:
        parts["availability"] = 0.5
    else:
        parts["availability"] = 0.0
    reasons.append(f"available {_day(available)} (start {_day(start)})")


def _language(project: Payload, candidate: Payload, parts: dict, reasons: list[str]) -> None:
    minimum = project.get("japanese_rank_min")
    if minimum is None:
        return
    rank = candidate.get("japanese_rank")
    parts["language"] = 0.5 if rank is None else (1.0 if rank >= minimum else 0.0)
    if rank is None:
        reasons.append("Japanese level not stated")
