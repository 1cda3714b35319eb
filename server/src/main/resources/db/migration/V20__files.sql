-- Files attached to messages (docs/files.md). V19 is reserved for search.
--
-- uploads: a resumable upload in progress. Its bytes are staged on the node's disk under
-- <data dir>/uploads/<id> (the random id, never the person's file name); `received` is the
-- offset the next chunk must start at.
CREATE TABLE uploads (
    id               UUID                     NOT NULL,
    uploader_id      UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    name             VARCHAR(255)             NOT NULL,
    size             BIGINT                   NOT NULL,
    received         BIGINT                   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uploads_pk PRIMARY KEY (id),
    CONSTRAINT uploads_uploader_fk FOREIGN KEY (uploader_id) REFERENCES users (id),
    CONSTRAINT uploads_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
);

CREATE INDEX uploads_uploader_idx ON uploads (uploader_id, created_at);
CREATE INDEX uploads_expires_idx ON uploads (expires_at);

-- blobs: the content-addressed store's index, one row per SHA-256 held by the BlobStore. A
-- writer and the collector lock the row, so a blob is never removed while a file is being
-- made from it; the collector removes a blob once no file row refers to it.
CREATE TABLE blobs (
    sha256           VARCHAR(64)              NOT NULL,
    size             BIGINT                   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT blobs_pk PRIMARY KEY (sha256)
);

-- files: a completed upload. The type is the one sniffed from the content; status is
-- 'scanning' until the malware scanner passes it, then 'ready', or 'infected' (the content is
-- removed, the row stays so the sender sees what happened).
CREATE TABLE files (
    id               UUID                     NOT NULL,
    uploader_id      UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    name             VARCHAR(255)             NOT NULL,
    size             BIGINT                   NOT NULL,
    sha256           VARCHAR(64)              NOT NULL,
    content_type     VARCHAR(128)             NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    width            INTEGER,
    height           INTEGER,
    thumbnail_sha256 VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT files_pk PRIMARY KEY (id),
    CONSTRAINT files_uploader_fk FOREIGN KEY (uploader_id) REFERENCES users (id),
    CONSTRAINT files_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT files_status_ck CHECK (status IN ('scanning', 'ready', 'infected'))
);

CREATE INDEX files_uploader_idx ON files (uploader_id, created_at);
CREATE INDEX files_sha256_idx ON files (sha256);
CREATE INDEX files_thumbnail_idx ON files (thumbnail_sha256);
CREATE INDEX files_status_idx ON files (status);

-- message_files: which files a message carries, in order. Deleting a message removes its links.
CREATE TABLE message_files (
    message_id       UUID                     NOT NULL,
    file_id          UUID                     NOT NULL,
    position         INTEGER                  NOT NULL,
    CONSTRAINT message_files_pk PRIMARY KEY (message_id, file_id),
    CONSTRAINT message_files_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT message_files_file_fk FOREIGN KEY (file_id) REFERENCES files (id)
);

CREATE INDEX message_files_file_idx ON message_files (file_id);
