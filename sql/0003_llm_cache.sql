-- Answers of the LLM already paid for: extraction per mail, the AI match score per pair.
-- The key is the sha256 of (kind, model, prompt version, hashes of every input), so a changed
-- input, model or prompt is a new key and a rerun over the same inputs sends no request.

CREATE TABLE llm_cache (
    key             text        PRIMARY KEY,
    kind            text        NOT NULL,          -- 'extract-candidate', 'ai-fit', ...
    model           text        NOT NULL,
    prompt_version  text        NOT NULL,
    response        jsonb       NOT NULL,          -- the validated answer for this one input
    created_at      timestamptz NOT NULL DEFAULT now()
);
-- Pruning the answers of an old model or prompt version.
CREATE INDEX llm_cache_kind_model_version_idx ON llm_cache (kind, model, prompt_version);
