-- Chat: teams, conversations (channel | group | direct), members, the per-conversation event
-- log, messages and their versions, reactions, mentions, urgent acknowledgements, and the
-- per-user event log. Portable across H2 and PostgreSQL.

CREATE TABLE teams (
    id           UUID                     NOT NULL,
    name         VARCHAR(120)             NOT NULL,
    description  VARCHAR(1000),
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    archived_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT teams_pk PRIMARY KEY (id),
    CONSTRAINT teams_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
);

CREATE TABLE team_members (
    team_id   UUID                     NOT NULL,
    user_id   UUID                     NOT NULL,
    role      VARCHAR(16)              NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT team_members_pk PRIMARY KEY (team_id, user_id),
    CONSTRAINT team_members_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT team_members_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT team_members_role_ck CHECK (role IN ('owner', 'member'))
);

CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE conversations (
    id           UUID                     NOT NULL,
    kind         VARCHAR(16)              NOT NULL,
    team_id      UUID,
    name         VARCHAR(120),
    -- channels only: standard (every team member) or private (explicit members)
    visibility   VARCHAR(16),
    -- direct chats only: "<smaller user id>:<larger user id>", so a pair has one conversation
    direct_key   VARCHAR(80),
    -- the seq of the latest event; the next event gets last_seq + 1 in the same transaction
    last_seq     BIGINT                   NOT NULL,
    created_by   UUID                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    archived_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT conversations_pk PRIMARY KEY (id),
    CONSTRAINT conversations_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT conversations_direct_uq UNIQUE (direct_key),
    CONSTRAINT conversations_kind_ck CHECK (kind IN ('channel', 'group', 'direct')),
    CONSTRAINT conversations_visibility_ck CHECK (visibility IS NULL OR visibility IN ('standard', 'private'))
);

CREATE INDEX conversations_team_idx ON conversations (team_id);

CREATE TABLE conversation_members (
    conversation_id  UUID                     NOT NULL,
    user_id          UUID                     NOT NULL,
    -- the seq at which this membership began: history before it stays visible (as in Teams)
    joined_seq       BIGINT                   NOT NULL,
    read_seq         BIGINT                   NOT NULL,
    joined_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_members_pk PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT conversation_members_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT conversation_members_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

-- The ordered log every client reads: one row per persisted event, seq contiguous from 1.
-- payload is the event's JSON, serialised once when stored and sent as it is.
CREATE TABLE conversation_events (
    conversation_id  UUID                     NOT NULL,
    seq              BIGINT                   NOT NULL,
    kind             VARCHAR(40)              NOT NULL,
    payload          VARCHAR(65536)           NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_events_pk PRIMARY KEY (conversation_id, seq),
    CONSTRAINT conversation_events_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
);

CREATE TABLE messages (
    id               UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    seq              BIGINT                   NOT NULL,
    author_id        UUID                     NOT NULL,
    client_msg_id    VARCHAR(64)              NOT NULL,
    thread_root_id   UUID,
    text             VARCHAR(16384),
    urgent           BOOLEAN                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at        TIMESTAMP WITH TIME ZONE,
    deleted_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT messages_pk PRIMARY KEY (id),
    CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT messages_author_fk FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT messages_thread_root_fk FOREIGN KEY (thread_root_id) REFERENCES messages (id),
    -- idempotent sends: one message per (conversation, author, clientMsgId)
    CONSTRAINT messages_client_msg_uq UNIQUE (conversation_id, author_id, client_msg_id)
);

CREATE INDEX messages_conversation_seq_idx ON messages (conversation_id, seq);
CREATE INDEX messages_thread_idx ON messages (thread_root_id);

-- Every earlier text of an edited or deleted message, for audit.
CREATE TABLE message_versions (
    message_id  UUID                     NOT NULL,
    version     INTEGER                  NOT NULL,
    text        VARCHAR(16384)           NOT NULL,
    replaced_at TIMESTAMP WITH TIME ZONE NOT NULL,
    replaced_by UUID                     NOT NULL,
    CONSTRAINT message_versions_pk PRIMARY KEY (message_id, version),
    CONSTRAINT message_versions_message_fk FOREIGN KEY (message_id) REFERENCES messages (id)
);

CREATE TABLE reactions (
    message_id  UUID                     NOT NULL,
    user_id     UUID                     NOT NULL,
    emoji       VARCHAR(64)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reactions_pk PRIMARY KEY (message_id, user_id, emoji),
    CONSTRAINT reactions_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT reactions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE mentions (
    message_id  UUID NOT NULL,
    user_id     UUID NOT NULL,
    CONSTRAINT mentions_pk PRIMARY KEY (message_id, user_id),
    CONSTRAINT mentions_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT mentions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX mentions_user_idx ON mentions (user_id);

-- Recipients of an urgent message: re-notified until they acknowledge, for at most 20 minutes.
CREATE TABLE urgent_recipients (
    message_id        UUID                     NOT NULL,
    user_id           UUID                     NOT NULL,
    notified_count    INTEGER                  NOT NULL,
    next_notify_at    TIMESTAMP WITH TIME ZONE,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT urgent_recipients_pk PRIMARY KEY (message_id, user_id),
    CONSTRAINT urgent_recipients_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT urgent_recipients_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX urgent_recipients_due_idx ON urgent_recipients (next_notify_at);

-- Per-user event log (added to a conversation, read marker moved, mention, urgent re-notification).
CREATE TABLE user_sequences (
    user_id   UUID   NOT NULL,
    last_seq  BIGINT NOT NULL,
    CONSTRAINT user_sequences_pk PRIMARY KEY (user_id),
    CONSTRAINT user_sequences_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE TABLE user_events (
    user_id     UUID                     NOT NULL,
    seq         BIGINT                   NOT NULL,
    kind        VARCHAR(40)              NOT NULL,
    payload     VARCHAR(65536)           NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_events_pk PRIMARY KEY (user_id, seq),
    CONSTRAINT user_events_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
