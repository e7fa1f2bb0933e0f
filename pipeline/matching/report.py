"""Ranked matches as a table a recruiter reads in a terminal (CJK-width aware)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.matching.filters import RULE_LABELS


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            return out[: max(0, len(out) - 1)] + "…"
        out, used = out + ch, used + w
    return out


def _pad(text: str, width: int) -> str:
    text = _cut(text, width)
    return text + " " * (width - _width(text))


def _score(value: Any) -> str:
    return "  -  " if value is None else f"{float(value):.3f}"


def format_matches(
    rows: Sequence[Mapping[str, Any]], names: Mapping[int, str], *, by: str = "candidate_id"
) -> str:
    """rank, who, total, vector, filters / AI / business, the main reasons."""
    header = f"{'#':>2}  {_pad('who', 28)}  total  vector  filter  ai     business  reasons"
    lines = [header, "-" * len(header)]
    for rank, row in enumerate(rows, 1):
        who = f"#{row[by]} {names.get(row[by], '')}".strip()
        lines.append(
            f"{rank:>2}  {_pad(who, 28)}  {_score(row['total_score'])}  "
            f"{_score(row['vector_score'])}   {_score(row['filter_score'])}   "
            f"{_score(row['ai_score'])}  {_score(row['business_score'])}     "
            f"{_cut(row['explanation'], 110)}"
        )
    return "\n".join(lines)


def format_near_misses(rows: Sequence[Mapping[str, Any]], names: Mapping[int, str]) -> str:
    """'excluded near misses: #12 name (外国籍不可)', from the stored breakdowns."""
    seen: dict[int, list[str]] = {}
    for row in rows:
        for miss in (row.get("breakdown") or {}).get("near_misses_excluded", []):
            seen.setdefault(miss["candidate_id"], miss["rules"])
    if not seen:
        return ""
    parts = [
        f"#{cid} {names.get(cid, '')} ({', '.join(RULE_LABELS.get(r, r) for r in rules)})"
        for cid, rules in seen.items()
    ]
    return "excluded near misses: " + "; ".join(parts)
