"""The filter part of the standard score (soft terms) and the hard constraints (exclusions).

Both are built from canonical payloads (`profiles.py`) as store-neutral conditions
(`pipeline.store.weighted_query`), so Qdrant scores and filters them in the engine, and the
same objects explain a result in Python. Soft terms score partially; hard constraints never
lower a score, they exclude through the query's filter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.matching.config import MatchingConfig
from pipeline.store.weighted_query import (
    AllOf,
    AnyOf,
    Condition,
    IsEmpty,
    Match,
    MatchAny,
    Range,
    Term,
    evaluate,
)

Payload = Mapping[str, Any]


# --- hard constraints ----------------------------------------------------------------


@dataclass(frozen=True)
class HardRule:
    """One exclusion, seen from both sides: which candidates a project excludes, and which
    projects a candidate cannot take. Each side returns a condition that EXCLUDES when true."""

    name: str
    why: str
    on_candidates: Callable[[Payload, MatchingConfig], Condition | None]
    on_projects: Callable[[Payload, MatchingConfig], Condition | None]


def _foreign_on_candidates(project: Payload, _: MatchingConfig) -> Condition | None:
    """外国籍不可 / citizens only: only nationals of the citizenship the project names ("must be
    a U.S. citizen" on a Tokyo project means US citizens), else of the project's country (Japan
    for most SES mail; a US project's "USC only" means US citizens). A naturalised Japanese is
    Japanese (nationality JP). A candidate whose nationality is not stated is not excluded (the
    business rules note it): SES mail routinely omits nationality for Japanese staff."""
    if project.get("foreign_nationals_ok") != 0:
        return None
    country = project.get("country")
    return AllOf(must_not=(Match("nationality", country), IsEmpty("nationality")))


def _foreign_on_projects(candidate: Payload, _: MatchingConfig) -> Condition | None:
    nationality = candidate.get("nationality")
    if not nationality:
        return None
    closed = Match("foreign_nationals_ok", 0)
    return AllOf(must=(closed,), must_not=(Match("country", nationality),))


def _depth_on_candidates(project: Payload, _: MatchingConfig) -> Condition | None:
    """商流制限: the client accepts at most N companies between the reader and the engineer
    (貴社まで = 0, 1社先まで = 1). A deeper chain cannot be proposed at all, whatever the fit."""
    limit = project.get("max_commercial_depth")
    return Range("commercial_depth", gt=float(limit)) if limit is not None else None


def _depth_on_projects(candidate: Payload, _: MatchingConfig) -> Condition | None:
    depth = candidate.get("commercial_depth")
    return Range("max_commercial_depth", lt=float(depth)) if depth is not None else None


def _japanese_on_candidates(project: Payload, _: MatchingConfig) -> Condition | None:
    """A stated Japanese minimum (N1 / N2) is a client requirement for the interview, not a
    preference: a lower stated level excludes. An unstated level is scored, not excluded."""
    minimum = project.get("japanese_rank_min")
    return Range("japanese_rank", lt=float(minimum)) if minimum is not None else None


def _japanese_on_projects(candidate: Payload, _: MatchingConfig) -> Condition | None:
    rank = candidate.get("japanese_rank")
    return Range("japanese_rank_min", gt=float(rank)) if rank is not None else None


def _remote_on_candidates(project: Payload, _: MatchingConfig) -> Condition | None:
    """A project with office days (常駐, or hybrid: remote none / partial) cannot take an
    engineer who only works fully remote from somewhere else; one who lives in the project's
    place can still come in. A fully remote project, or one that does not say, excludes no one."""
    if project.get("remote") not in ("none", "partial"):
        return None
    place = project.get("place")
    others = (Match("place", place),) if place else ()
    return AllOf(must=(Match("remote_only", 1),), must_not=others)


def _remote_on_projects(candidate: Payload, _: MatchingConfig) -> Condition | None:
    if not candidate.get("remote_only"):
        return None
    place = candidate.get("place")
    office = MatchAny("remote", ("none", "partial"))
    return AllOf(must=(office,), must_not=(Match("place", place),) if place else ())


def _availability_on_candidates(project: Payload, config: MatchingConfig) -> Condition | None:
    """Available long after the start (more than `exclude_after_days`) cannot fill the seat:
    projects start on a date, and a client holds a seat for a month at most (31 days by
    default, the fixtures' rule too; a few weeks late still scores partially)."""
    start = project.get("start_day")
    return Range("available_day", gt=start + config.exclude_after_days) if start else None


def _availability_on_projects(candidate: Payload, config: MatchingConfig) -> Condition | None:
    available = candidate.get("available_day")
    return Range("start_day", lt=available - config.exclude_after_days) if available else None


HARD_RULES: tuple[HardRule, ...] = (
    HardRule("foreign_national", "外国籍不可", _foreign_on_candidates, _foreign_on_projects),
    HardRule("commercial_depth", "商流制限", _depth_on_candidates, _depth_on_projects),
    HardRule("japanese_level", "日本語レベル", _japanese_on_candidates, _japanese_on_projects),
    HardRule("remote_only", "常駐 vs remote only", _remote_on_candidates, _remote_on_projects),
    HardRule("availability", "available too late", _availability_on_candidates,
             _availability_on_projects),
)  # fmt: skip

OPEN_PROJECTS = Match("is_open", 1)


def candidate_exclusions(project: Payload, config: MatchingConfig) -> list[tuple[str, Condition]]:
    """(rule name, condition that excludes a candidate) for every rule the project states."""
    pairs = [(rule.name, rule.on_candidates(project, config)) for rule in HARD_RULES]
    return [(name, condition) for name, condition in pairs if condition is not None]


def project_exclusions(candidate: Payload, config: MatchingConfig) -> list[tuple[str, Condition]]:
    pairs = [(rule.name, rule.on_projects(candidate, config)) for rule in HARD_RULES]
    return [(name, condition) for name, condition in pairs if condition is not None]


def violated_rules(project: Payload, candidate: Payload, config: MatchingConfig) -> list[str]:
    """The hard rules this pair breaks (empty: the candidate may be proposed)."""
    return [
        name for name, condition in candidate_exclusions(project, config)
        if evaluate(condition, candidate)
    ]  # fmt: skip


RULE_LABELS = {rule.name: rule.why for rule in HARD_RULES}


# --- soft terms ----------------------------------------------------------------------


def _spread(weight: float, parts: list[tuple[float, Condition | None]], name: str) -> list[Term]:
    return [Term(weight * share, condition, name) for share, condition in parts]


def candidate_terms(project: Payload, config: MatchingConfig) -> list[Term]:
    """Soft terms that score candidates for `project`; each stated criterion gets its share."""
    parts: dict[str, list[tuple[float, Condition | None]]] = {}
    skills = project.get("required_skills") or project.get("skills") or []
    if skills:
        parts["skills"] = [(1 / len(skills), Match("skills", s)) for s in skills]
    if (years := project.get("min_years")) is not None:
        parts["years"] = [(0.7, Range("years", gte=years)), (0.3, Range("years", gte=0.7 * years))]
    if (budget := project.get("budget_max")) is not None:
        parts["rate"] = [
            (0.7, Range("rate_min", lte=budget)),
            (0.3, Range("rate_min", lte=budget * (1 + config.rate_margin))),
            (0.5, IsEmpty("rate_min")),  # not stated: negotiable, half the credit
        ]
    remote, place = project.get("remote"), project.get("place")
    if remote == "full":
        parts["location"] = [(1.0, None)]
    elif place:
        parts["location"] = [(1.0, Match("place", place))]
        if remote == "partial":
            remote_ok = MatchAny("remote", ("full", "partial"))
            parts["location"].append((0.3, AllOf((remote_ok,), (Match("place", place),))))
    if (start := project.get("start_day")) is not None:
        parts["availability"] = [
            (0.6, Range("available_day", lte=start)),
            (0.4, Range("available_day", lte=start + config.availability_grace_days)),
            (0.5, IsEmpty("available_day")),
        ]
    if (minimum := project.get("japanese_rank_min")) is not None:
        parts["language"] = [(1.0, Range("japanese_rank", gte=minimum))]
    return _weighted(parts, config)


def project_terms(candidate: Payload, config: MatchingConfig) -> list[Term]:
    """The mirror: soft terms that score projects for `candidate`."""
    parts: dict[str, list[tuple[float, Condition | None]]] = {}
    skills = candidate.get("skills") or []
    if skills:
        parts["skills"] = [(1 / len(skills), Match("skills", s)) for s in skills]
    if (years := candidate.get("years")) is not None:
        parts["years"] = [(1.0, AnyOf((Range("min_years", lte=years), IsEmpty("min_years"))))]
    if (rate := candidate.get("rate_min")) is not None:
        parts["rate"] = [
            (0.7, Range("budget_max", gte=rate)),
            (0.3, Range("budget_max", gte=rate / (1 + config.rate_margin))),
            (0.5, IsEmpty("budget_max")),
        ]
    if place := candidate.get("place"):
        parts["location"] = [(1.0, AnyOf((Match("place", place), Match("remote", "full"))))]
    if (available := candidate.get("available_day")) is not None:
        parts["availability"] = [
            (0.6, Range("start_day", gte=available)),
            (0.4, Range("start_day", gte=available - config.availability_grace_days)),
            (0.5, IsEmpty("start_day")),
        ]
    if (rank := candidate.get("japanese_rank")) is not None:
        parts["language"] = [
            (1.0, AnyOf((Range("japanese_rank_min", lte=rank), IsEmpty("japanese_rank_min"))))
        ]
    return _weighted(parts, config)


def _weighted(parts: dict[str, list[tuple[float, Condition | None]]], config) -> list[Term]:
    """Scale each stated term to its configured share, renormalised over the stated terms,
    so that the filter score is in [0, 1] and reaches 1 when every stated criterion holds."""
    stated = {name: config.filter_weights.get(name, 0.0) for name in parts}
    total = sum(stated.values())
    if total <= 0:
        return []
    terms: list[Term] = []
    for name, shares in parts.items():
        terms.extend(_spread(stated[name] / total, shares, name))
    return terms
