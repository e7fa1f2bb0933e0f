-- The citizenship a closed project names ("must be a U.S. citizen", 日本国籍の方のみ), as an
-- ISO 3166 code; NULL where the project names none (外国籍不可 alone), and the matcher then takes
-- the project's country. A US client hiring into Tokyo asks for US citizens, not Japanese ones.
ALTER TABLE projects ADD COLUMN citizenship text CHECK (citizenship ~ '^[A-Z]{2}$');
