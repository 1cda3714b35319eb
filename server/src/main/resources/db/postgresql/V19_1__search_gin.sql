-- PostgreSQL only (Database adds db/postgresql to Flyway's locations when the dialect is
-- PostgreSQL): the full-text index of search. GIN and to_tsvector do not exist on H2, where the
-- index is Lucene's (docs/search.md, "Why a vendor migration"). The terms are already made by
-- ClinicalTokens in Java (stemmed, clinical tokens joined), so the 'simple' configuration only
-- splits them on spaces: every term stays one lexeme at its own position, and phrases work.
CREATE INDEX message_search_terms_gin ON message_search USING GIN (to_tsvector('simple', terms));
