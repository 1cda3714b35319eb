-- Issue 14, bots (docs/bots-and-results.md, "Bot accounts", "Tokens and scopes", "Slash commands").
-- A bot is a users row with kind 'bot' (V12) plus the row here; its id is the user's id, so a
-- bot's messages, memberships and profile are simply those of its account.

CREATE TABLE bots (
    user_id         UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    description     VARCHAR(500),
    -- the built-in bot this is ('RESULTS', 'REQUESTS'), or NULL for one an admin made
    builtin         VARCHAR(16),
    enabled         BOOLEAN                  DEFAULT TRUE NOT NULL,
    -- NULL for built-ins (made by the system on first use)
    created_by      UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bots_pk PRIMARY KEY (user_id),
    CONSTRAINT bots_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    -- one built-in of each kind per organisation (NULLs are distinct: any number of admin-made bots)
    CONSTRAINT bots_builtin_uq UNIQUE (organisation_id, builtin)
);
CREATE INDEX bots_organisation_idx ON bots (organisation_id);

CREATE TABLE bot_tokens (
    id               UUID                     NOT NULL,
    bot_user_id      UUID                     NOT NULL,
    name             VARCHAR(100)             NOT NULL,
    -- SHA-256 of the token, hex; the token itself is shown once and never stored
    token_hash       VARCHAR(64)              NOT NULL,
    -- space-separated scopes (messages:write mentions:read ...)
    scopes           VARCHAR(200)             NOT NULL,
    -- comma-separated conversation ids the token is limited to, or NULL for all of the bot's
    conversation_ids VARCHAR(1000),
    created_by       UUID                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT bot_tokens_pk PRIMARY KEY (id),
    CONSTRAINT bot_tokens_hash_uq UNIQUE (token_hash),
    CONSTRAINT bot_tokens_bot_fk FOREIGN KEY (bot_user_id) REFERENCES bots (user_id)
);
CREATE INDEX bot_tokens_bot_idx ON bot_tokens (bot_user_id);

CREATE TABLE bot_commands (
    bot_user_id     UUID                     NOT NULL,
    -- a command name is unique in the organisation: the composer offers one /name
    organisation_id UUID                     NOT NULL,
    name            VARCHAR(32)              NOT NULL,
    usage_hint      VARCHAR(200),
    description     VARCHAR(300)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bot_commands_pk PRIMARY KEY (bot_user_id, name),
    CONSTRAINT bot_commands_org_name_uq UNIQUE (organisation_id, name),
    CONSTRAINT bot_commands_bot_fk FOREIGN KEY (bot_user_id) REFERENCES bots (user_id)
);
