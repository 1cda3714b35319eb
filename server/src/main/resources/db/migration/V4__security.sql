-- Security hardening: secrets the server generates for itself, shared by every node of a
-- cluster (they live in the database, not in one node's data directory).
--   device-cookie-key  HMAC key of the sign-in device cookies (identity/DeviceCookies)
--   metrics-token      bearer token of /metrics when CONFER_METRICS_TOKEN is not set
CREATE TABLE server_secrets (
    name        VARCHAR(64)              NOT NULL,
    secret      VARCHAR(200)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT server_secrets_pk PRIMARY KEY (name)
);

-- The UTS #39 confusables skeleton of each display name (text/Confusables): a new name whose
-- skeleton equals another person's while the names differ is a lookalike ("Platform Admin"
-- with a Cyrillic "а") and is refused. Filled by the server for rows that predate it.
ALTER TABLE users ADD COLUMN display_name_skeleton VARCHAR(800);
CREATE INDEX users_display_name_skeleton_idx ON users (display_name_skeleton);
