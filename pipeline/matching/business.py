"""Business rules: a recruiter's checklist as a score in [0, 1] and the reasons behind it.

Each rule looks at one thing a recruiter checks (required skills, preferred skills, years,
rate against budget, place and remote, the gap between availability and start, Japanese
level) and gives a score in [0, 1]; rules the project does not state are left out and the
others renormalised. The reasons are short and readable: they become the explanation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    for requirement in (_YEARS, _RATE):
        _apply(requirement, project, candidate, config, parts, reasons)
    _location(project, candidate, parts, reasons)
    for requirement in (_AVAILABILITY, _LANGUAGE):
        _apply(requirement, project, candidate, config, parts, reasons)
    total_weight = sum(RULE_WEIGHTS[name] for name in parts)
    score = (
        sum(RULE_WEIGHTS[name] * value for name, value in parts.items()) / total_weight
        if total_weight
        else 0.0
    )
    return BusinessScore(round(min(1.0, max(0.0, score)), 4), parts, reasons, matched, missing)


@dataclass(frozen=True)
class _Requirement:
    """A rule on a value the project states and the candidate's mail may leave out (years,
    rate, start, Japanese level). A candidate who does not say is neither a match nor a miss:
    half the credit, with `unstated` as the reason."""

    rule: str
    needs: str  # the project's field
    has: str  # the candidate's field
    judge: Callable[[Any, Any, MatchingConfig], tuple[float, str | None]]
    unstated: Callable[[Any], str]


def _apply(
    requirement: _Requirement,
    project: Payload,
    candidate: Payload,
    config: MatchingConfig,
    parts: dict,
    reasons: list[str],
) -> None:
    """Score one requirement if the project states it; a None reason adds no line."""
    needed = project.get(requirement.needs)
    if needed is None:
        return
    have = candidate.get(requirement.has)
    if have is None:
        parts[requirement.rule], reason = 0.5, requirement.unstated(needed)
    else:
        parts[requirement.rule], reason = requirement.judge(needed, have, config)
    if reason:
        reasons.append(reason)


def _years(minimum: float, years: float, _: MatchingConfig) -> tuple[float, str]:
    met = years >= minimum
    score = 1.0 if met else max(0.0, years / minimum) if minimum else 1.0
    return score, f"{years:g}y vs {minimum:g}+ {'✓' if met else '✗'}"


def _rate(budget: float, rate: float, config: MatchingConfig) -> tuple[float, str]:
    if rate <= budget:
        score, mark = 1.0, "✓"
    elif rate <= budget * (1 + config.rate_margin):
        score, mark = 0.5, "within margin"
    else:
        score, mark = 0.0, "✗ over budget"
    return score, f"rate {_man(rate)}/月 vs budget ≤{_man(budget)}/月 {mark}"


def _availability(start: float, available: float, config: MatchingConfig) -> tuple[float, str]:
    gap = available - start
    score = 1.0 if gap <= 0 else 0.5 if gap <= config.availability_grace_days else 0.0
    return score, f"available {_day(available)} (start {_day(start)})"


def _language(minimum: float, rank: float, _: MatchingConfig) -> tuple[float, None]:
    return (1.0 if rank >= minimum else 0.0), None


_YEARS = _Requirement(
    "years", "min_years", "years", _years, lambda minimum: f"years not stated (needs {minimum:g}+)"
)
_RATE = _Requirement(
    "rate", "budget_max", "rate_min", _rate,
    lambda budget: f"rate not stated (budget ≤{_man(budget)}/月)",
)  # fmt: skip
_AVAILABILITY = _Requirement(
    "availability", "start_day", "available_day", _availability,
    lambda _: "availability not stated",
)  # fmt: skip
_LANGUAGE = _Requirement(
    "language", "japanese_rank_min", "japanese_rank", _language,
    lambda _: "Japanese level not stated",
)  # fmt: skip


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
