-- Initial schema: documents and their chunks, the raw inbox, extracted profiles and matches.
-- Postgres is the system of record; everything in Qdrant can be rebuilt from these tables.

CREATE TABLE documents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text        NOT NULL,              -- 'report', 'email', ...
    external_id   text        NOT NULL,              -- id in the source system
    market        text,
    doc_type      text,
    stock_code    text,
    company_name  text,
    title         text,
    body          text,
    language      text,
    metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    content_hash  text        NOT NULL,              -- sha256 hex of body
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_source_external_id_key UNIQUE (source, external_id)
);
CREATE INDEX documents_market_doc_type_stock_idx ON documents (market, doc_type, stock_code);

CREATE TABLE document_chunks (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id       bigint      NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_index       integer     NOT NULL CHECK (chunk_index >= 0),
    content           text        NOT NULL,
    content_hash      text        NOT NULL,          -- sha256 hex of content
    token_estimate    integer     NOT NULL CHECK (token_estimate >= 0),
    -- what was vectorized: set only after the vector store acknowledged the upsert
    vectorized_at     timestamptz,
    embedding_model   text,
    embedding_dim     integer CHECK (embedding_dim > 0),
    vectorized_hash   text,                          -- content_hash at the time of vectorizing
    -- failures
    attempts          integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error        text,
    last_error_at     timestamptz,
    dead_letter       boolean     NOT NULL DEFAULT false,
    -- claims: a worker leases chunks; an expired lease is free again
    claimed_by        text,
    claim_expires_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT document_chunks_document_chunk_key UNIQUE (document_id, chunk_index),
    CONSTRAINT document_chunks_vectorized_consistent CHECK (
        (vectorized_at IS NULL) = (vectorized_hash IS NULL)
        AND (vectorized_at IS NULL) = (embedding_model IS NULL)
    )
);
-- "Pending chunks" is an index scan: chunks never vectorized or whose text changed since.
-- (A change of model is handled by the vectorizer with a set-based reset; see sql/README.md.)
CREATE INDEX document_chunks_pending_idx ON document_chunks (id)
    WHERE vectorized_hash IS DISTINCT FROM content_hash AND NOT dead_letter;
CREATE INDEX document_chunks_embedding_model_idx ON document_chunks (embedding_model)
    WHERE embedding_model IS NOT NULL;

CREATE TABLE emails (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     text        NOT NULL,             -- Message-ID, or 'sha256:<hex of raw>' if missing
    raw            bytea       NOT NULL,             -- the bytes as received, untouched
    raw_sha256     text        NOT NULL,
    source         text,                             -- path or mailbox it came from
    subject        text,
    from_address   text,
    to_addresses   text[]      NOT NULL DEFAULT '{}',
    sent_at        timestamptz,
    headers        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    body_text      text,
    language       text,
    attachments    jsonb       NOT NULL DEFAULT '[]'::jsonb,
    decode_notes   jsonb       NOT NULL DEFAULT '[]'::jsonb,  -- what could not be decoded, and why
    category       text CHECK (category IN ('candidate', 'project', 'other')),
    confidence     real CHECK (confidence BETWEEN 0 AND 1),
    classified_by  text,                             -- 'rules', 'llm:<model>', ...
    classified_at  timestamptz,
    document_id    bigint REFERENCES documents (id) ON DELETE SET NULL,
    ingested_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT emails_message_id_key UNIQUE (message_id),
    CONSTRAINT emails_classified_consistent CHECK ((category IS NULL) = (classified_at IS NULL))
);
CREATE INDEX emails_unclassified_idx ON emails (id) WHERE category IS NULL;

CREATE TABLE candidates (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_id             bigint      NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    block_index          integer     NOT NULL DEFAULT 0,
    name                 text,
    skills               text[]      NOT NULL DEFAULT '{}',   -- normalised names
    experience_years     real CHECK (experience_years >= 0),
    rate_min             numeric,
    rate_max             numeric,
    rate_currency        text,                              -- ISO 4217
    rate_period          text CHECK (rate_period IN ('hour', 'day', 'month', 'year')),
    monthly_rate_min     numeric,                           -- in rate_currency per month
    monthly_rate_max     numeric,
    location             text,
    nearest_station      text,
    remote               text CHECK (remote IN ('full', 'partial', 'none')),
    available_from       date,
    languages            text[]      NOT NULL DEFAULT '{}',
    japanese_level       text,
    nationality          text,
    employment_type      text,                              -- 正社員, 個人事業主, C2C, W2, ...
    age                  integer CHECK (age BETWEEN 15 AND 100),  -- stored, never scored by default
    summary              text,
    extracted            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT candidates_email_block_key UNIQUE (email_id, block_index),
    CONSTRAINT candidates_rate_range CHECK (rate_min IS NULL OR rate_max IS NULL OR rate_min <= rate_max)
);

CREATE TABLE projects (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email_id               bigint      NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    block_index            integer     NOT NULL DEFAULT 0,   -- one mail may hold several 【案件名】
    title                  text,
    required_skills        text[]      NOT NULL DEFAULT '{}',
    preferred_skills       text[]      NOT NULL DEFAULT '{}',
    min_experience_years   real CHECK (min_experience_years >= 0),
    budget_min             numeric,
    budget_max             numeric,
    budget_currency        text,
    budget_period          text CHECK (budget_period IN ('hour', 'day', 'month', 'year')),
    monthly_budget_min     numeric,
    monthly_budget_max     numeric,
    settlement_range       text,                             -- 精算幅, e.g. 140-180h
    location               text,
    remote                 text CHECK (remote IN ('full', 'partial', 'none')),
    start_date             date,
    languages              text[]      NOT NULL DEFAULT '{}',
    japanese_level         text,
    foreign_nationals_ok   boolean,                          -- NULL: not stated
    max_commercial_depth   integer CHECK (max_commercial_depth >= 0),  -- 商流制限
    interview_count        integer CHECK (interview_count >= 0),
    summary                text,
    extracted              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_email_block_key UNIQUE (email_id, block_index),
    CONSTRAINT projects_budget_range CHECK (budget_min IS NULL OR budget_max IS NULL OR budget_min <= budget_max)
);

CREATE TABLE matches (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id        bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    candidate_id      bigint      NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    scoring_version   text        NOT NULL,
    mode              text        NOT NULL CHECK (mode IN ('standard', 'hybrid')),
    vector_score      real        NOT NULL CHECK (vector_score BETWEEN 0 AND 1),
    filter_score      real CHECK (filter_score BETWEEN 0 AND 1),
    ai_score          real CHECK (ai_score BETWEEN 0 AND 1),          -- NULL: AI unavailable
    business_score    real CHECK (business_score BETWEEN 0 AND 1),
    total_score       real        NOT NULL CHECK (total_score BETWEEN 0 AND 1),
    weights           jsonb       NOT NULL,                           -- the weights actually applied
    explanation       text        NOT NULL,
    breakdown         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    run_id            text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT matches_pair_version_key UNIQUE (project_id, candidate_id, scoring_version)
);
CREATE INDEX matches_project_score_idx ON matches (project_id, total_score DESC);
