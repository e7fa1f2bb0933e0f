"""ingest_inbox_job: one op that turns an inbox into emails, documents and profiles."""

# No `from __future__ import annotations`: Dagster reads these annotations at definition.
import os

from dagster import EnvVar, job

from pipeline.defs.emails.ops import ingest_inbox_op
from pipeline.defs.resources import LLMResource
from pipeline.settings import get_settings


def default_llm_resource() -> LLMResource:
    """The "llm" resource from the settings (no model configured means the offline rules).

    Bound in this domain's Definitions so the code location loads whether or not
    `pipeline/definitions.py` binds one; if it does, drop it from there or from here.
    """
    settings = get_settings()
    key = EnvVar("OPENAI_API_KEY") if os.environ.get("OPENAI_API_KEY") else None
    return LLMResource(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.openai_base_url,
        batch_size=settings.email_batch_size,
        max_retries=settings.max_retries,
    )


@job(
    description="Ingest an inbox (.eml folder, mbox, maildir): raw bytes kept and deduplicated, "
    "text chunked for the vectorizer, mail classified and candidates/projects extracted.",
    tags={"domain": "emails"},
)
def ingest_inbox_job() -> None:
    ingest_inbox_op()
