"""LLMConfig: the settings and the Dagster resource build every LLM-backed part the same way."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from pipeline.emails.classification import llm_classifier_from_settings
from pipeline.emails.llm_extraction import llm_extractor_from_settings
from pipeline.llm.client import LLMConfig
from pipeline.matching.ai import ai_judge
from pipeline.settings import Settings

URL = "http://127.0.0.1:1/v1"


def _settings(**values) -> Settings:
    return Settings(
        llm_model="m", openai_api_key="k-123456", openai_base_url=URL, max_retries=1,
        email_batch_size=7, llm_concurrency=3, ai_pairs_per_request=4, **values,
    )  # fmt: skip


def test_from_settings_reads_every_llm_setting() -> None:
    assert LLMConfig.from_settings(_settings()) == LLMConfig(
        model="m", api_key="k-123456", base_url=URL, max_retries=1, batch_size=7,
        concurrency=3, pairs_per_request=4,
    )  # fmt: skip


def test_each_part_from_settings_gets_its_sizes_and_the_configured_client(engine: Engine) -> None:
    settings = _settings()
    classifier = llm_classifier_from_settings(settings)
    extractor = llm_extractor_from_settings(settings, engine)
    judge = ai_judge(LLMConfig.from_settings(settings), engine)
    assert classifier is not None and extractor is not None and judge is not None
    assert classifier.batch_size == 7 and (extractor.batch_size, extractor.concurrency) == (7, 3)
    assert (judge.pairs_per_request, judge.concurrency) == (4, 3)  # AI_PAIRS_PER_REQUEST holds
    for client in (classifier.client, extractor.llm.client, judge.llm.client):
        assert client.max_retries == 1 and str(client.base_url).startswith(URL)


def test_without_a_model_no_part_is_built(engine: Engine) -> None:
    config = LLMConfig(model=None, api_key="k", base_url=URL)
    assert config.structured() is None and ai_judge(config, engine) is None
    settings = Settings(llm_model=None)
    assert llm_classifier_from_settings(settings) is None
    assert llm_extractor_from_settings(settings, engine) is None
