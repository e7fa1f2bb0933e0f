"""The code location: assembles each domain's definitions and picks resources in one place.

Environment-specific choices live here and nowhere else: a Qdrant server when QDRANT_URL is
set, else the embedded store in the data folder; the embedder and its limits from Settings;
secrets (DATABASE_URL, QDRANT_API_KEY, OPENAI_API_KEY) only as EnvVar; the LLM from
LLM_MODEL (unset: offline rules), resolved at run time.
Reading Settings starts nothing; `pipeline env` / `pipeline dev` export DATABASE_URL.
"""

from __future__ import annotations

import os

from dagster import Definitions, EnvVar, in_process_executor

from pipeline.defs import emails, inbox_to_matches, index, matching, vectorize
from pipeline.defs.catalog import catalog_specs
from pipeline.defs.resources import (
    EmbedderResource,
    LLMResource,
    PostgresResource,
    QdrantResource,
)
from pipeline.defs.vectorize.checks import vectors_match_postgres_check
from pipeline.settings import Settings, get_settings


def _env_or_none(name: str) -> EnvVar | None:
    """An EnvVar when the variable is set, so an optional secret never fails at load."""
    return EnvVar(name) if os.environ.get(name) else None


def build_resources(settings: Settings) -> dict[str, object]:
    """The resources for this environment, from the settings and the process environment."""
    if settings.qdrant_url:
        qdrant = QdrantResource(url=EnvVar("QDRANT_URL"), api_key=_env_or_none("QDRANT_API_KEY"))
    else:
        qdrant = QdrantResource(path=str(settings.resolved_qdrant_path))
    embedder = EmbedderResource(
        provider=settings.embedder,
        model=settings.embedding_model,
        dimensions=settings.embedding_dimensions,
        batch_size=settings.embedding_batch_size,
        concurrency=settings.embedding_concurrency,
        max_retries=settings.max_retries,
        max_chunk_attempts=settings.max_chunk_attempts,
        openai_api_key=_env_or_none("OPENAI_API_KEY"),
        openai_base_url=_env_or_none("OPENAI_BASE_URL"),
    )
    llm = LLMResource(  # no LLM_MODEL: offline rules classify the mail
        model=settings.llm_model,
        api_key=_env_or_none("OPENAI_API_KEY"),
        base_url=_env_or_none("OPENAI_BASE_URL"),
        batch_size=settings.email_batch_size,
        max_retries=settings.max_retries,
        concurrency=settings.llm_concurrency,
        pairs_per_request=settings.ai_pairs_per_request,
    )
    return {
        "postgres": PostgresResource(database_url=EnvVar("DATABASE_URL")),
        "llm": llm,
        "qdrant": qdrant,
        "embedder": embedder,
    }


# Domain modules, not their `defs`, are imported: Dagster refuses a module holding several
# Definitions objects at top level. Every job's steps run one after another, so they run in
# the run's own process: a step process costs ~2 s to spawn and load this module here, and
# the first progress event of a run comes that much sooner.
defs = Definitions.merge(
    vectorize.defs,
    emails.defs,
    matching.defs,
    inbox_to_matches.defs,
    index.defs,
    Definitions(
        assets=catalog_specs(os.environ.get("DATABASE_URL")),
        asset_checks=[vectors_match_postgres_check],
        resources=build_resources(get_settings()),
        executor=in_process_executor,
    ),
)
