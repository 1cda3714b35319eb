-- Administration (docs/administration.md).
--
-- password_reset_links: one-time links an admin issues so a person can set a new password.
-- Only the SHA-256 of the link's token is kept; a link works once (used_at) and until
-- expires_at (24 hours); issuing a new link for a person ends their earlier unused ones.
CREATE TABLE password_reset_links (
    id           UUID                     NOT NULL,
    user_id      UUID                     NOT NULL,
    token_hash   VARCHAR(64)              NOT NULL,
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT password_reset_links_pk PRIMARY KEY (id),
    CONSTRAINT password_reset_links_token_uq UNIQUE (token_hash),
    CONSTRAINT password_reset_links_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT password_reset_links_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
);

CREATE INDEX password_reset_links_user_idx ON password_reset_links (user_id);

-- The admin's list of an organisation's teams: a team belongs to its creator's organisation.
CREATE INDEX teams_created_by_idx ON teams (created_by);
