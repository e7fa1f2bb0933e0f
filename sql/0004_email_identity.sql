-- A stored mail is its bytes. Two different mails that share a Message-ID (a mailer that
-- reuses ids, a copy edited and sent again) are both kept; only the same bytes again is a
-- duplicate. The Message-ID stays as data, indexed for look-ups, NULL when the mail has none
-- (it used to hold 'sha256:<hex of raw>' then).
ALTER TABLE emails DROP CONSTRAINT emails_message_id_key;
ALTER TABLE emails ADD CONSTRAINT emails_raw_sha256_key UNIQUE (raw_sha256);
ALTER TABLE emails ALTER COLUMN message_id DROP NOT NULL;
UPDATE emails SET message_id = NULL WHERE message_id LIKE 'sha256:%';
CREATE INDEX emails_message_id_idx ON emails (message_id) WHERE message_id IS NOT NULL;

-- An email's document is named by the mail's bytes ('sha256:<hex of raw>'), one per stored
-- mail, as the intake names it from now on.
UPDATE documents AS d SET external_id = 'sha256:' || e.raw_sha256
FROM emails AS e
WHERE e.document_id = d.id AND d.source = 'email';
