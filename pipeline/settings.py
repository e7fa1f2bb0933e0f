"""Every setting in one place, read from the environment, each with a documented default.

The README's configuration table is written from the field descriptions below.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.errors import ConfigurationError, register_secret

REPO_ROOT = Path(__file__).resolve().parent.parent

EmbedderName = Literal["use", "openai", "hashing", "sentence-transformers"]

# The vectorize knobs' types and bounds, declared once: the Dagster resource
# (pipeline/defs/resources.py) and the vectorize op's Config type their fields with these.
BatchSize = Annotated[int, Field(ge=1, le=2048)]
Concurrency = Annotated[int, Field(ge=1, le=64)]
ChunkAttempts = Annotated[int, Field(ge=1)]
RequestRetries = Annotated[int, Field(ge=0, le=10)]
PerMinute = Annotated[float, Field(gt=0)]
# A weight of a match score, or a share of a budget: the settings and MatchingConfig type theirs.
Share = Annotated[float, Field(ge=0, le=1)]
Overlong = Literal["clip", "refuse"]


class Settings(BaseSettings):
    """Runtime configuration. Environment variable names are the upper-cased field names."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    data_dir: Path = Field(
        default=REPO_ROOT / ".data",
        validation_alias=AliasChoices("PIPELINE_DATA_DIR"),
        description="Folder for the embedded Postgres, the local Qdrant and Dagster's files.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the application database "
        "(postgresql+psycopg2://...). Unset: the embedded Postgres in the data folder.",
    )
    dagster_postgres_url: str | None = Field(
        default=None,
        description="URL of Dagster's run/event storage. Unset: a `dagster` database on "
        "the same server as DATABASE_URL (or the embedded one).",
    )
    qdrant_url: str | None = Field(
        default=None,
        description="Qdrant server URL. Unset: the embedded Qdrant Edge store in QDRANT_PATH.",
    )
    qdrant_path: Path | None = Field(
        default=None,
        description="Folder of the embedded store (Qdrant Edge, in <folder>/edge). Unset: "
        "<data folder>/qdrant.",
    )
    qdrant_api_key: SecretStr | None = Field(
        default=None, description="API key for a Qdrant server (never logged)."
    )
    embedder: EmbedderName = Field(
        default="use",
        description="Embedding provider: use (embedded multilingual USE v3, 512-d), "
        "openai, hashing (deterministic, for tests), sentence-transformers (GPU extra).",
    )
    embedding_model: str | None = Field(
        default=None,
        description="Model name for the embedder. Unset: the provider's default "
        "(text-embedding-3-small for openai, all-MiniLM-L6-v2 for sentence-transformers).",
    )
    embedding_dimensions: int | None = Field(
        default=None,
        ge=1,
        le=65536,
        description="Requested vector size for models that accept `dimensions`; also the size "
        "the server's vectors are checked against on the first batch.",
    )
    embedding_batch_size: BatchSize | None = Field(
        default=None,
        description="Chunks per embedding batch (and per progress event). Unset: 32 for "
        "in-process models (the seed's default), 256 for remote embedders.",
    )
    embedding_concurrency: Concurrency = Field(
        default=4, description="Embedding requests in flight for remote embedders."
    )
    openai_api_key: SecretStr | None = Field(
        default=None, description="Key for OpenAI or a compatible server (never logged)."
    )
    openai_base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible server. Unset: OpenAI."
    )
    llm_model: str | None = Field(
        default=None,
        description="Chat model for classification, extraction and the AI match score. "
        "Unset: offline rules, and the AI score is marked unavailable.",
    )
    email_batch_size: int = Field(
        default=10, ge=1, le=100, description="Emails per LLM classification or extraction request."
    )
    max_retries: RequestRetries = Field(
        default=3, description="Retries of a failed LLM or embedding request."
    )
    llm_concurrency: int = Field(
        default=4, ge=1, le=32, description="LLM requests in flight (extraction, AI match score)."
    )
    ai_pairs_per_request: int = Field(
        default=5, ge=1, le=50, description="Project-candidate pairs judged per LLM request."
    )
    match_vector_weight: Share = Field(
        default=0.7, description="Standard match score: weight of vector similarity."
    )
    match_filter_weight: Share = Field(
        default=0.3, description="Standard match score: weight of the soft filters."
    )
    hybrid_vector_weight: Share = Field(
        default=0.4, description="Hybrid match score: weight of vector similarity."
    )
    hybrid_ai_weight: Share = Field(
        default=0.35, description="Hybrid match score: weight of the LLM's judgement."
    )
    hybrid_business_weight: Share = Field(
        default=0.25, description="Hybrid match score: weight of the business rules."
    )
    match_rate_margin: Share = Field(
        default=0.1, description="A rate up to this share over budget scores partially."
    )
    match_currency_rates: str = Field(
        default="USD=150,CNY=21,EUR=160",
        description="JPY per unit of each currency: rates and budgets are compared as monthly JPY.",
    )
    match_top_k: int = Field(
        default=10, ge=1, le=1000, description="Candidates stored per open project."
    )
    max_chunk_attempts: ChunkAttempts = Field(
        default=3, description="Failed attempts after which a chunk is dead-lettered."
    )
    embedding_requests_per_minute: PerMinute | None = Field(
        default=None,
        description="Embedding requests a minute, all in flight together. Unset: no limit.",
    )
    embedding_tokens_per_minute: PerMinute | None = Field(
        default=None,
        description="Embedding input tokens a minute (estimated), all together. Unset: no limit.",
    )
    embedding_retry_budget_s: float = Field(
        default=600.0,
        gt=0,
        description="How long one embedding request keeps waiting out 429s and transient "
        "errors (honouring Retry-After) before the run stops; a time budget, not a count.",
    )
    embedding_overlong: Overlong = Field(
        default="clip",
        description="A chunk over the model's input limit: clip it (noted in last_error) or "
        "refuse it (dead-lettered).",
    )
    chunk_lease_s: float = Field(
        default=60.0,
        ge=5,
        description="How long a claim on a chunk lasts; a heartbeat renews it while the run "
        "lives, so a killed worker's chunks are free after at most this long.",
    )
    database_wait_s: float = Field(
        default=60.0,
        ge=0,
        description="How long a run waits for an unreachable database (with a message) before "
        "it stops with one line.",
    )
    vector_store_wait_s: float = Field(
        default=300.0,
        ge=0,
        description="How long a run waits (with a message) for the embedded vector store "
        "folder while another process holds it, before it stops with one line.",
    )
    database_statement_timeout_s: float = Field(
        default=300.0,
        ge=0,
        description="Longest a single SQL statement may run (0: no limit); a frozen server "
        "fails instead of hanging.",
    )
    index_grace_s: float = Field(
        default=3600.0,
        ge=0,
        description="After a model switch, how long the previous collection is kept (readers "
        "that resolved it just before the switch) before a run drops it.",
    )

    def __init__(self, **values: Any) -> None:
        # Keywords name fields, as for every other setting; only data_dir's environment
        # variable has another name (PIPELINE_DATA_DIR), which pydantic would take as the
        # keyword and so ignore `data_dir=` silently.
        if "data_dir" in values:
            values["PIPELINE_DATA_DIR"] = values.pop("data_dir")
        super().__init__(**values)

    @field_validator("data_dir")
    @classmethod
    def _data_dir_is_a_folder(cls, value: Path) -> Path:
        if value.exists() and not value.is_dir():
            raise ValueError(f"{value} is a file, not a folder")
        return value

    @field_validator("openai_base_url", "qdrant_url")
    @classmethod
    def _is_http_url(cls, value: str | None) -> str | None:
        if not value:  # docker-compose's `${OPENAI_BASE_URL:-}` sets it empty: unset
            return None
        if value == ":memory:":
            return value
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"{value!r} is not an http(s):// URL")
        return value

    @property
    def resolved_qdrant_path(self) -> Path:
        return self.qdrant_path or self.data_dir / "qdrant"

    @property
    def embedded_postgres_dir(self) -> Path:
        return self.data_dir / "postgres"


def setting_default(name: str) -> Any:
    """A setting's default, for a field elsewhere (a Dagster resource) that starts from it."""
    return Settings.model_fields[name].default


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment.

    A malformed value becomes one ConfigurationError naming the variable, not a traceback.
    """
    try:
        settings = Settings()
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in e.errors()
        )
        raise ConfigurationError(f"invalid setting {problems}") from e
    register_settings_secrets(settings)
    return settings


def register_settings_secrets(settings: Settings) -> None:
    """Make the configured API keys redacted from every error text.

    Database passwords are not registered: messages render URLs without them already, and a
    short common password ("pipeline" in docker-compose) would blank ordinary words.
    """
    for secret in (settings.openai_api_key, settings.qdrant_api_key):
        register_secret(secret.get_secret_value() if secret else None)
