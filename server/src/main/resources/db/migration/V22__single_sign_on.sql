-- Single sign-on with OpenID Connect, per organisation (docs/single-sign-on.md).
--
-- sso_configurations: one OpenID provider per organisation. client_secret is write-only through
-- the API (never returned); it is stored as given, like the other server secrets, because the
-- token request needs it (protect the database and its backups). client_auth is
-- 'client_secret_basic' or 'client_secret_post'. The *_claim columns name the ID token claims
-- read for email, name and job title; tenant_claim/tenant_value, when both are set, must match
-- (Entra ID's tid). local_passwords_allowed = FALSE refuses password sign-in to the
-- organisation's people (platform admins keep theirs: break glass).
CREATE TABLE sso_configurations (
    organisation_id          UUID                     NOT NULL,
    issuer                   VARCHAR(500)             NOT NULL,
    client_id                VARCHAR(300)             NOT NULL,
    client_secret            VARCHAR(1000),
    client_auth              VARCHAR(32)              NOT NULL,
    scopes                   VARCHAR(500)             NOT NULL,
    email_claim              VARCHAR(100)             NOT NULL,
    name_claim               VARCHAR(100)             NOT NULL,
    job_title_claim          VARCHAR(100),
    tenant_claim             VARCHAR(100),
    tenant_value             VARCHAR(300),
    enabled                  BOOLEAN                  NOT NULL,
    jit_provisioning         BOOLEAN                  NOT NULL,
    local_passwords_allowed  BOOLEAN                  NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by               UUID,
    CONSTRAINT sso_configurations_pk PRIMARY KEY (organisation_id),
    CONSTRAINT sso_configurations_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT sso_configurations_client_auth_ck CHECK (client_auth IN ('client_secret_basic', 'client_secret_post'))
);

-- sso_domains: email domains whose people start sign-in at this organisation's provider
-- ("Sign in with your organisation" with an email address). A domain belongs to one organisation.
CREATE TABLE sso_domains (
    domain           VARCHAR(253)             NOT NULL,
    organisation_id  UUID                     NOT NULL,
    CONSTRAINT sso_domains_pk PRIMARY KEY (domain),
    CONSTRAINT sso_domains_configuration_fk FOREIGN KEY (organisation_id) REFERENCES sso_configurations (organisation_id)
);

CREATE INDEX sso_domains_organisation_idx ON sso_domains (organisation_id);

-- sso_flows: a sign-in between /sso/start and /sso/callback, kept in the database so any node
-- can finish it. state_hash is SHA-256 (hex) of the state sent to the provider; browser_hash
-- the SHA-256 of the random value in the browser's confer_sso cookie (the flow finishes only in
-- the browser that started it). A row is deleted when it is used (single use) and is worthless
-- after expires_at (10 minutes).
CREATE TABLE sso_flows (
    state_hash       VARCHAR(64)              NOT NULL,
    browser_hash     VARCHAR(64)              NOT NULL,
    organisation_id  UUID                     NOT NULL,
    nonce            VARCHAR(128)             NOT NULL,
    code_verifier    VARCHAR(128)             NOT NULL,
    redirect_uri     VARCHAR(500)             NOT NULL,
    return_path      VARCHAR(300)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT sso_flows_pk PRIMARY KEY (state_hash)
);

CREATE INDEX sso_flows_expires_idx ON sso_flows (expires_at);
