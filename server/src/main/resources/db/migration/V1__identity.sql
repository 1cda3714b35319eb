-- Identity: organisations, users, sessions and the one-time setup token.
-- Portable across H2 and PostgreSQL: unquoted lower-case names, no vendor types.

CREATE TABLE organisations (
    id          UUID                     NOT NULL,
    code        VARCHAR(16)              NOT NULL,
    name        VARCHAR(200)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT organisations_pk PRIMARY KEY (id),
    CONSTRAINT organisations_code_uq UNIQUE (code)
);

CREATE TABLE users (
    id                UUID                     NOT NULL,
    organisation_id   UUID                     NOT NULL,
    email             VARCHAR(320)             NOT NULL,
    -- lower-cased email: the unique key, so Alice@Trust.nhs.uk and alice@trust.nhs.uk are one account
    email_normalised  VARCHAR(320)             NOT NULL,
    display_name      VARCHAR(200)             NOT NULL,
    job_title         VARCHAR(200),
    department        VARCHAR(200),
    role              VARCHAR(32)              NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    -- PHC string ($argon2id$v=19$m=..,t=..,p=..$salt$hash): parameters travel with each hash
    password_hash     VARCHAR(512),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_email_uq UNIQUE (email_normalised),
    CONSTRAINT users_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT users_role_ck CHECK (role IN ('member', 'org_admin', 'platform_admin')),
    CONSTRAINT users_status_ck CHECK (status IN ('active', 'disabled'))
);

CREATE INDEX users_organisation_idx ON users (organisation_id);

CREATE TABLE sessions (
    id              UUID                     NOT NULL,
    user_id         UUID                     NOT NULL,
    -- SHA-256 of the bearer token, hex; the token itself is never stored
    token_hash      VARCHAR(64)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    user_agent      VARCHAR(300),
    client_address  VARCHAR(64),
    CONSTRAINT sessions_pk PRIMARY KEY (id),
    CONSTRAINT sessions_token_uq UNIQUE (token_hash),
    CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE setup_tokens (
    token_hash  VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT setup_tokens_pk PRIMARY KEY (token_hash)
);
