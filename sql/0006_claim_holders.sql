-- Claims are looked up by holder: a run frees the claims of a dead worker on its own host,
-- `pipeline vectorize --release-claims` frees them by hand, and the summary counts the chunks
-- other live workers hold. Few rows are claimed at any time, so the index stays small.
CREATE INDEX document_chunks_claimed_by_idx ON document_chunks (claimed_by)
    WHERE claimed_by IS NOT NULL;
