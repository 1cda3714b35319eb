-- Issue 14, webhooks (org.confer.bots, docs/bots-and-results.md "Webhooks"): incoming hooks that
-- post into a channel as their own bot, outgoing hooks that tell an external bot of its mentions,
-- direct messages, commands and buttons, the outbox those deliveries wait in, and the hosts an
-- organisation admin has allowed past the SSRF guard.

-- POST /api/v1/hooks/{token}: the token is the secret, only its SHA-256 (hex) is kept.
CREATE TABLE incoming_webhooks (
    id               UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    -- the hook's own bot account (users.kind = 'bot'), the author of everything it posts
    bot_user_id      UUID                     NOT NULL,
    name             VARCHAR(120)             NOT NULL,
    token_hash       VARCHAR(64)              NOT NULL,
    created_by       UUID                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT incoming_webhooks_pk PRIMARY KEY (id),
    CONSTRAINT incoming_webhooks_token_uq UNIQUE (token_hash),
    CONSTRAINT incoming_webhooks_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT incoming_webhooks_bot_fk FOREIGN KEY (bot_user_id) REFERENCES users (id),
    CONSTRAINT incoming_webhooks_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
);
CREATE INDEX incoming_webhooks_conversation_idx ON incoming_webhooks (conversation_id);

-- One outgoing URL per bot; which of its triggers are sent.
CREATE TABLE outgoing_webhooks (
    bot_user_id      UUID                     NOT NULL,
    url              VARCHAR(2000)            NOT NULL,
    -- the HMAC key of X-Confer-Signature: shown once to the admin, needed in clear to sign
    signing_secret   VARCHAR(128)             NOT NULL,
    on_mention       BOOLEAN                  NOT NULL,
    on_direct        BOOLEAN                  NOT NULL,
    on_command       BOOLEAN                  NOT NULL,
    on_action        BOOLEAN                  NOT NULL,
    enabled          BOOLEAN                  NOT NULL,
    updated_by       UUID                     NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT outgoing_webhooks_pk PRIMARY KEY (bot_user_id),
    CONSTRAINT outgoing_webhooks_bot_fk FOREIGN KEY (bot_user_id) REFERENCES users (id)
);

-- The outbox: a row per delivery, claimed by one node at a time, retried with back-off.
CREATE TABLE webhook_deliveries (
    id               UUID                     NOT NULL,
    bot_user_id      UUID                     NOT NULL,
    -- the URL when the delivery was queued: a later change of URL does not redirect old bodies
    url              VARCHAR(2000)            NOT NULL,
    body             VARCHAR(65536)           NOT NULL,
    -- what made it (e.g. 'mention:<message id>'): a trigger seen twice queues one delivery
    dedupe_key       VARCHAR(200)             NOT NULL,
    attempts         INTEGER                  NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1000),
    given_up_at      TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_deliveries_pk PRIMARY KEY (id),
    CONSTRAINT webhook_deliveries_dedupe_uq UNIQUE (bot_user_id, dedupe_key),
    CONSTRAINT webhook_deliveries_bot_fk FOREIGN KEY (bot_user_id) REFERENCES users (id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (delivered_at, given_up_at, next_attempt_at);

-- How far the mention and direct-message scan has read (one row, name 'messages').
CREATE TABLE webhook_scan_cursor (
    name             VARCHAR(32)              NOT NULL,
    scanned_to       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_scan_cursor_pk PRIMARY KEY (name)
);

-- A slash command of an external bot, or a button press, waiting for the bot's answer on its
-- response_url (POST /api/v1/commands/{id}/response): the answer goes to this person only.
CREATE TABLE webhook_invocations (
    id               UUID                     NOT NULL,
    bot_user_id      UUID                     NOT NULL,
    user_id          UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    command          VARCHAR(64)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- answers after the first few are refused: a runaway bot cannot flood a person
    answers          INTEGER                  NOT NULL,
    CONSTRAINT webhook_invocations_pk PRIMARY KEY (id),
    CONSTRAINT webhook_invocations_bot_fk FOREIGN KEY (bot_user_id) REFERENCES users (id),
    CONSTRAINT webhook_invocations_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

-- Hosts an organisation admin lets outgoing webhooks reach although they resolve to private,
-- loopback or link-local addresses (an integration engine on the trust's own network).
CREATE TABLE webhook_allowed_hosts (
    organisation_id  UUID                     NOT NULL,
    host             VARCHAR(253)             NOT NULL,
    CONSTRAINT webhook_allowed_hosts_pk PRIMARY KEY (organisation_id, host),
    CONSTRAINT webhook_allowed_hosts_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);
