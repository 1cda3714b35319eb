-- PostgreSQL only (Database adds db/postgresql to Flyway's locations when the dialect is
-- PostgreSQL): the full-text index of search. tsvector and GIN do not exist on H2, where the
-- index is Lucene's (docs/search.md, "Why a vendor migration"). The terms are already made by
-- ClinicalTokens in Java (stemmed, clinical tokens joined), so the 'simple' configuration only
-- splits them on spaces: every term stays one lexeme at its own position, and phrases work.
-- The vector is stored, not an index expression: a phrase (<->) and a lossy bitmap page are
-- checked against the row, and recomputing to_tsvector for every candidate row was what made
-- the first benchmark's p99 923 ms (docs/performance.md, "search").
ALTER TABLE message_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED;
CREATE INDEX message_search_tsv_gin ON message_search USING GIN (tsv);
