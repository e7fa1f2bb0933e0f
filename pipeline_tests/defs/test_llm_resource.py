"""LLMResource hands out the classifier, the extractor and the AI judge from one client."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from pipeline.defs.resources import LLMResource
from pipeline.emails.llm_extraction import LLMExtractor
from pipeline.llm.client import LLMConfig
from pipeline.matching.ai import AIJudge
from pipeline.settings import Settings


def test_without_a_model_everything_is_offline(engine: Engine) -> None:
    resource = LLMResource(model=None)
    assert resource.classifier() is None
    assert resource.extractor(engine) is None
    assert resource.ai_judge(engine) is None


def test_with_a_model_each_part_gets_the_configured_client(engine: Engine) -> None:
    resource = LLMResource(
        model="m", api_key="k-123456", base_url="http://127.0.0.1:1/v1", batch_size=7,
        max_retries=1, concurrency=3, pairs_per_request=4,
    )  # fmt: skip
    extractor = resource.extractor(engine)
    judge = resource.ai_judge(engine)
    assert isinstance(extractor, LLMExtractor) and isinstance(judge, AIJudge)
    assert (extractor.batch_size, extractor.concurrency) == (7, 3)
    assert (judge.pairs_per_request, judge.concurrency) == (4, 3)
    for client in (extractor.llm.client, judge.llm.client, resource.classifier().client):
        assert client.max_retries == 1
        assert str(client.base_url).startswith("http://127.0.0.1:1/v1")


def test_the_resource_and_the_settings_describe_the_same_config() -> None:
    resource = LLMResource(
        model="m", api_key="k", base_url="http://127.0.0.1:1/v1", batch_size=7, max_retries=1,
        concurrency=3, pairs_per_request=4,
    )  # fmt: skip
    settings = Settings(
        llm_model="m", openai_api_key="k", openai_base_url="http://127.0.0.1:1/v1",
        email_batch_size=7, max_retries=1, llm_concurrency=3, ai_pairs_per_request=4,
    )  # fmt: skip
    assert resource.llm_config() == LLMConfig.from_settings(settings)
