-- Search (org.confer.search, docs/search.md). Visibility is never stored here: every search joins
-- the caller's current memberships and the message's current row (deleted, edited) when it runs.
--
-- message_search holds the terms ClinicalTokens made from a message's current text and file
-- names, written after commit by the search indexer. On PostgreSQL it is the full-text index
-- (a GIN index over to_tsvector('simple', terms), added by db/postgresql/V19_1); on H2 the index
-- is Lucene's, in the data directory, and this table stays empty.
CREATE TABLE message_search (
    message_id       UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    author_id        UUID                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    has_files        BOOLEAN                  NOT NULL,
    -- the names of the message's files, one per line (shown again to check a match)
    file_names       VARCHAR(8000),
    -- space-separated terms: lower-case letters and digits or a decimal number each
    terms            VARCHAR(65536)           NOT NULL,
    CONSTRAINT message_search_pk PRIMARY KEY (message_id),
    CONSTRAINT message_search_message_fk FOREIGN KEY (message_id) REFERENCES messages (id)
);

CREATE INDEX message_search_conversation_idx ON message_search (conversation_id, created_at);

-- How far an index has caught up: changes committed before this instant (less a margin) are in it.
-- One row per engine that keeps its watermark in the database ('postgresql'); Lucene keeps its own
-- in its commit's user data, beside the index it describes.
CREATE TABLE search_state (
    name       VARCHAR(40)              NOT NULL,
    watermark  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT search_state_pk PRIMARY KEY (name)
);
