"""The AI part of the hybrid score: an LLM's judgement of fit, through structured outputs.

Asked only for the pairs the caller passes (the top-N standard results of a project), a few
pairs per request and a few requests in flight. Every answer is cached in Postgres by both
profiles' content hashes, the model and the prompt version, so a rerun over unchanged
profiles sends nothing, and a changed profile asks again for its own pairs only. A batch
whose answer is wrong is asked again pair by pair; a pair still unanswerable gets None, and
the caller renormalises the weights without the AI term.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from pipeline.llm.batching import answer_all
from pipeline.llm.cache import LLMCache, cache_key
from pipeline.llm.client import LLMConfig
from pipeline.llm.structured import LLMError, StructuredLLM

PROMPT_VERSION = "ai-fit-v1"
KIND = "ai-fit"
MAX_REASONS = 3
_MAX_REASON_CHARS = 120
_MAX_PROFILE_CHARS = 2500

SYSTEM_PROMPT = (
    "You are a staffing firm's matching assistant. Each item pairs a project (or position) "
    "with a candidate engineer; the texts may be Japanese, Chinese or English. Judge how well "
    "the candidate fits the project as a recruiter would: required skills first, then years "
    "of experience, rate against budget, location and remote work, availability against the "
    "start date, language and Japanese level, and any stated constraint (nationality, 商流). "
    "For each index return a score between 0 (no fit) and 1 (excellent fit) and at most "
    f"{MAX_REASONS} short reasons in English (under 100 characters each), most important first."
)


@dataclass(frozen=True)
class PairForJudging:
    """One project–candidate pair; the hashes are the profiles' content hashes."""

    project_id: int
    candidate_id: int
    project_text: str
    candidate_text: str
    project_hash: str
    candidate_hash: str


@dataclass(frozen=True)
class AIVerdict:
    """The model's judgement of one pair: score in [0, 1], up to three short reasons."""

    score: float
    reasons: list[str] = field(default_factory=list)
    model: str = ""
    cached: bool = False


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PairJudgement(_Strict):
    index: int
    score: float
    reasons: list[str]


class PairJudgements(_Strict):
    """The structured output: one judgement per pair index."""

    judgements: list[PairJudgement]


class AIJudge:
    """Scores pairs with an LLM, cached; `judge` never raises for a bad answer."""

    def __init__(
        self,
        llm: StructuredLLM,
        cache: LLMCache | None,
        prompt_version: str = PROMPT_VERSION,
        pairs_per_request: int = 5,
        concurrency: int = 4,
    ) -> None:
        self.llm = llm
        self.cache = cache
        self.prompt_version = prompt_version
        self.pairs_per_request = max(1, pairs_per_request)
        self.concurrency = max(1, concurrency)

    def key(self, pair: PairForJudging) -> str:
        """The cache key: both content hashes, the model and the prompt version."""
        return cache_key(
            KIND, self.llm.model, self.prompt_version, pair.project_hash, pair.candidate_hash
        )

    def judge(self, pairs: Sequence[PairForJudging]) -> list[AIVerdict | None]:
        """One verdict per pair, in order; None where the model gave no usable answer."""
        keys = [self.key(pair) for pair in pairs]
        cached = self.cache.get_many(keys) if self.cache is not None else {}
        verdicts: dict[str, AIVerdict | None] = {
            key: self._verdict(answer, cached=True) for key, answer in cached.items()
        }
        todo: dict[str, PairForJudging] = {}
        for key, pair in zip(keys, pairs, strict=True):
            if verdicts.get(key) is None and key not in todo:
                todo[key] = pair
        answers = answer_all(
            list(todo.values()), self._ask, self.pairs_per_request, self.concurrency
        )
        fresh = []
        for key, answer in zip(todo, answers, strict=True):
            if isinstance(answer, LLMError):
                verdicts[key] = None
                continue
            verdicts[key] = self._verdict(answer, cached=False)
            fresh.append((key, answer))
        if self.cache is not None and fresh:
            self.cache.put_many(KIND, self.llm.model, self.prompt_version, fresh)
        return [verdicts.get(key) for key in keys]

    def _ask(self, batch: Sequence[PairForJudging]) -> list[dict[str, Any]]:
        payload = [
            {
                "index": i,
                "project": pair.project_text[:_MAX_PROFILE_CHARS],
                "candidate": pair.candidate_text[:_MAX_PROFILE_CHARS],
            }
            for i, pair in enumerate(batch)
        ]
        answer = self.llm.ask(SYSTEM_PROMPT, payload, PairJudgements, name="pair_judgements")
        by_index = {j.index: j for j in answer.judgements}
        if sorted(by_index) != list(range(len(batch))):
            raise LLMError(f"judgements for {sorted(by_index)[:20]}, expected {len(batch)}")
        if any(not math.isfinite(j.score) for j in by_index.values()):
            raise LLMError("a score is not a number")
        return [_normalised(by_index[i]) for i in range(len(batch))]

    def _verdict(self, answer: Any, cached: bool) -> AIVerdict | None:
        try:
            score = float(answer["score"])
            reasons = [str(r) for r in answer["reasons"]]
        except (KeyError, TypeError, ValueError):  # a cache entry of another shape
            return None
        if not math.isfinite(score):
            return None
        return AIVerdict(clamp(score), reasons[:MAX_REASONS], self.llm.model, cached)


def clamp(score: float) -> float:
    """A score in [0, 1]: models sometimes answer 1.2 or -0.1 despite the prompt."""
    return min(1.0, max(0.0, score))


def _normalised(judgement: PairJudgement) -> dict[str, Any]:
    """What is cached: the clamped score and at most three trimmed, non-empty reasons."""
    reasons = [r.strip()[:_MAX_REASON_CHARS] for r in judgement.reasons if r.strip()]
    return {"score": clamp(judgement.score), "reasons": reasons[:MAX_REASONS]}


def ai_judge(config: LLMConfig, engine: Any) -> AIJudge | None:
    """The hybrid score's judge for the configured model (cached in `engine`'s database), or
    None without a model."""
    llm = config.structured()
    if llm is None:
        return None
    return AIJudge(
        llm,
        LLMCache(engine),
        pairs_per_request=config.pairs_per_request,
        concurrency=config.concurrency,
    )
