-- SCIM 2.0 provisioning from a trust's identity system (docs/provisioning.md).
--
-- scim_tokens: bearer tokens of an organisation's identity system. Only the SHA-256 of the
-- secret is kept (shown once when created); a revoked token stays listed (revoked_at) so the
-- audit trail can name it. last_used_at is written at most once a minute.
CREATE TABLE scim_tokens (
    id              UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    name            VARCHAR(120)             NOT NULL,
    token_hash      VARCHAR(64)              NOT NULL,
    created_by      UUID                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT scim_tokens_pk PRIMARY KEY (id),
    CONSTRAINT scim_tokens_hash_uq UNIQUE (token_hash),
    CONSTRAINT scim_tokens_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT scim_tokens_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
);
CREATE INDEX scim_tokens_organisation_idx ON scim_tokens (organisation_id);

-- scim_provisioners: the organisation's provisioning account (a bot account, users.kind = 'bot'),
-- made with the first token: it owns the teams the identity system creates and is the actor
-- of SCIM changes in the audit trail.
CREATE TABLE scim_provisioners (
    organisation_id UUID NOT NULL,
    user_id         UUID NOT NULL,
    CONSTRAINT scim_provisioners_pk PRIMARY KEY (organisation_id),
    CONSTRAINT scim_provisioners_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT scim_provisioners_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

-- scim_users: what SCIM knows of a person beyond the users row: the identity system's
-- externalId and the name parts (Confer keeps one display name). version grows with each SCIM
-- write (the ETag); a person never written through SCIM has no row and version 0.
CREATE TABLE scim_users (
    user_id         UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    external_id     VARCHAR(255),
    given_name      VARCHAR(200),
    family_name     VARCHAR(200),
    version         BIGINT                   NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scim_users_pk PRIMARY KEY (user_id),
    CONSTRAINT scim_users_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT scim_users_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);
CREATE INDEX scim_users_external_idx ON scim_users (organisation_id, external_id);

-- scim_groups: the teams an identity system created (a SCIM group is one of these teams).
-- Deleting the group archives the team and removes this row: its conversations stay.
CREATE TABLE scim_groups (
    team_id         UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    external_id     VARCHAR(255),
    version         BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scim_groups_pk PRIMARY KEY (team_id),
    CONSTRAINT scim_groups_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT scim_groups_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);
CREATE INDEX scim_groups_organisation_idx ON scim_groups (organisation_id);
