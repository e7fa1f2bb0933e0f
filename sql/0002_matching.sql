-- Matching: the canonical fields the matcher filters on, what each profile's Qdrant point was
-- built from, and which profiles the stored matches are current for.

-- Fields extraction now yields: per-skill years, the candidate's commercial chain (companies
-- between the sender and the engineer), "fully remote only", and a canonical place name.
ALTER TABLE candidates
    ADD COLUMN skill_years      jsonb   NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN commercial_depth integer CHECK (commercial_depth >= 0),
    ADD COLUMN remote_only      boolean,
    ADD COLUMN place            text;

ALTER TABLE projects
    ADD COLUMN skill_years jsonb   NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN place       text,
    ADD COLUMN is_open     boolean NOT NULL DEFAULT true;   -- closed projects are not matched

-- One row per profile point in Qdrant. No foreign key on purpose: when a profile row is
-- deleted, this row is what tells the indexer to delete its point, and it goes with the point.
CREATE TABLE profile_points (
    kind          text        NOT NULL CHECK (kind IN ('candidate', 'project')),
    profile_id    bigint      NOT NULL,
    model         text        NOT NULL,
    collection    text        NOT NULL,
    content_hash  text        NOT NULL,   -- of the profile text and payload the point holds
    indexed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, profile_id, model)
);

-- Which version of each profile the stored matches were computed from, per scoring version
-- and mode: a rerun recomputes only the pairs a changed or new profile touches.
CREATE TABLE match_state (
    kind             text        NOT NULL CHECK (kind IN ('candidate', 'project')),
    profile_id       bigint      NOT NULL,
    scoring_version  text        NOT NULL,
    mode             text        NOT NULL CHECK (mode IN ('standard', 'hybrid')),
    content_hash     text        NOT NULL,
    matched_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, profile_id, scoring_version, mode)
);

-- A pair has one row per scoring version and mode; rank is within the project.
ALTER TABLE matches DROP CONSTRAINT matches_pair_version_key;
ALTER TABLE matches
    ADD CONSTRAINT matches_pair_version_mode_key
        UNIQUE (project_id, candidate_id, scoring_version, mode),
    ADD COLUMN rank       integer CHECK (rank >= 1),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX matches_candidate_idx ON matches (candidate_id);
