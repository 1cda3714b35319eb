-- Single sign-on, second part (docs/single-sign-on.md): people matched by the provider's subject,
-- and private_key_jwt client authentication with keys Confer generates per organisation.

-- federated_subjects: the provider's (issuer, subject) pair linked to a person at their first
-- single sign-on. Later sign-ins find the person by this pair, whatever the email claim says.
-- A person has at most one subject per issuer (user_issuer_uq): a second subject presenting a
-- linked person's email is refused (account takeover guard) until an admin unlinks the first.
CREATE TABLE federated_subjects (
    id                UUID                     NOT NULL,
    issuer            VARCHAR(500)             NOT NULL,
    subject           VARCHAR(255)             NOT NULL,
    user_id           UUID                     NOT NULL,
    organisation_id   UUID                     NOT NULL,
    linked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sign_in_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT federated_subjects_pk PRIMARY KEY (id),
    CONSTRAINT federated_subjects_subject_uq UNIQUE (issuer, subject),
    CONSTRAINT federated_subjects_user_issuer_uq UNIQUE (user_id, issuer),
    CONSTRAINT federated_subjects_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT federated_subjects_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);

CREATE INDEX federated_subjects_organisation_idx ON federated_subjects (organisation_id);

-- email_updates_allowed: a linked person whose email claim changed gets the new email (audited)
-- when no other account has it. Off by default: the email is then kept as Confer knows it.
ALTER TABLE sso_configurations ADD COLUMN email_updates_allowed BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE sso_configurations DROP CONSTRAINT sso_configurations_client_auth_ck;
ALTER TABLE sso_configurations ADD CONSTRAINT sso_configurations_client_auth_ck
    CHECK (client_auth IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt'));

-- sso_client_keys: the key pairs that sign the client assertions of private_key_jwt (RFC 7523).
-- public_jwk is published at /api/v1/sso/{organisationId}/jwks.json; private_jwk never leaves the
-- server (not returned, not audited) and is protected like the client secret: by the database's
-- own protection and its backups'. state: 'next' (published, not yet used: the provider can
-- fetch it before it signs), 'active' (signs; one per organisation), 'retired' (published until
-- an admin removes it, so assertions signed just before a rotation still verify).
CREATE TABLE sso_client_keys (
    key_id            VARCHAR(64)              NOT NULL,
    organisation_id   UUID                     NOT NULL,
    algorithm         VARCHAR(10)              NOT NULL,
    public_jwk        VARCHAR(2000)            NOT NULL,
    private_jwk       VARCHAR(8000)            NOT NULL,
    state             VARCHAR(10)              NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sso_client_keys_pk PRIMARY KEY (key_id),
    CONSTRAINT sso_client_keys_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT sso_client_keys_state_ck CHECK (state IN ('next', 'active', 'retired')),
    CONSTRAINT sso_client_keys_algorithm_ck CHECK (algorithm IN ('RS256', 'RS512', 'ES256'))
);

CREATE INDEX sso_client_keys_organisation_idx ON sso_client_keys (organisation_id);
