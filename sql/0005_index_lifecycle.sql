-- The vector index follows Postgres exactly: deletions reach Qdrant, and a model change builds
-- a second collection beside the serving one.

-- What left Postgres and must leave Qdrant. A trigger writes here in the deleting
-- transaction, whatever the path (a document deleted and its chunks cascaded, a document
-- re-chunked shorter, a plain DELETE); the vectorizer deletes the points of every model and
-- then these rows, so applying twice is harmless.
CREATE TABLE vector_deletions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('chunk', 'candidate', 'project')),
    object_id   bigint      NOT NULL,
    deleted_at  timestamptz NOT NULL DEFAULT now()
);

-- One statement-level trigger per table: one INSERT ... SELECT per DELETE statement, not one
-- per row (a re-chunk that drops thousands of chunks stays one statement).
CREATE FUNCTION record_vector_deletions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vector_deletions (kind, object_id) SELECT TG_ARGV[0], id FROM gone;
    RETURN NULL;
END;
$$;

CREATE TRIGGER document_chunks_vector_deletions
    AFTER DELETE ON document_chunks REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION record_vector_deletions('chunk');
CREATE TRIGGER candidates_vector_deletions
    AFTER DELETE ON candidates REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION record_vector_deletions('candidate');
CREATE TRIGGER projects_vector_deletions
    AFTER DELETE ON projects REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION record_vector_deletions('project');

-- The chunk collections and their roles. 'current' is the one the alias points at (at most
-- one); 'building' is a migration in progress; 'retired' waits for drop_after, then its
-- collection is dropped; 'abandoned' was given up and its collection dropped.
CREATE TABLE index_models (
    collection    text        PRIMARY KEY,
    provider      text        NOT NULL,
    model         text        NOT NULL,
    dimension     integer     NOT NULL CHECK (dimension > 0),
    state         text        NOT NULL
                      CHECK (state IN ('building', 'current', 'retired', 'abandoned', 'dropped')),
    started_at    timestamptz NOT NULL DEFAULT now(),
    switched_at   timestamptz,
    drop_after    timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_models_one_current_idx ON index_models ((true)) WHERE state = 'current';
CREATE UNIQUE INDEX index_models_one_building_idx ON index_models ((true)) WHERE state = 'building';

-- Vector state of the models that are not serving (a build in progress, a retired model):
-- which chunk, which model, which content hash. The serving model's state stays on
-- document_chunks (the pending index reads it); the switch moves rows between the two.
CREATE TABLE chunk_vectors (
    chunk_id       bigint      NOT NULL REFERENCES document_chunks (id) ON DELETE CASCADE,
    model          text        NOT NULL,
    dimension      integer     NOT NULL CHECK (dimension > 0),
    content_hash   text        NOT NULL,   -- the chunk's content_hash that was embedded
    vectorized_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, dimension, chunk_id)
);
CREATE INDEX chunk_vectors_chunk_idx ON chunk_vectors (chunk_id);
