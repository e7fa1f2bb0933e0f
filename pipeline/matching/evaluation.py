"""Ranking quality against a labelled world: top-1, top-3, MRR and decoys let into a top-3.

A world names, per project, its best candidate and its near-miss decoys (candidates that share
the skills but fail one hard constraint). Figures are overall and per language pair
("ja→zh": a Japanese project whose best candidate is written in Chinese).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProjectTruth:
    project: str
    best: str
    decoys: tuple[str, ...]
    pair: str  # "<project language>→<best candidate's language>"


@dataclass
class Quality:
    projects: int = 0
    top1: int = 0
    top3: int = 0
    reciprocal_rank: float = 0.0
    decoys_in_top3: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, truth: ProjectTruth, ranking: Sequence[str]) -> None:
        self.projects += 1
        rank = ranking.index(truth.best) + 1 if truth.best in ranking else None
        self.top1 += rank == 1
        self.top3 += rank is not None and rank <= 3
        self.reciprocal_rank += 1 / rank if rank else 0.0
        self.decoys_in_top3 += sum(1 for c in ranking[:3] if c in truth.decoys)
        if rank is None or rank > 3:
            self.misses.append(truth.project)

    def as_dict(self) -> dict[str, float | int]:
        n = self.projects or 1
        return {
            "projects": self.projects,
            "top1": round(self.top1 / n, 3),
            "top3": round(self.top3 / n, 3),
            "mrr": round(self.reciprocal_rank / n, 3),
            "decoys_in_top3": self.decoys_in_top3,
        }


def ranking_quality(
    truths: Sequence[ProjectTruth], rankings: Mapping[str, Sequence[str]]
) -> dict[str, Quality]:
    """{'overall': Quality, '<pair>': Quality, 'cross-language': Quality} for these rankings."""
    groups: dict[str, Quality] = {"overall": Quality(), "cross-language": Quality()}
    for truth in truths:
        ranking = list(rankings.get(truth.project, ()))
        groups["overall"].add(truth, ranking)
        groups.setdefault(truth.pair, Quality()).add(truth, ranking)
        source, _, target = truth.pair.partition("→")
        if source != target:
            groups["cross-language"].add(truth, ranking)
    return groups
