-- Calls (docs/calls-and-meetings.md): one row per call, who joined from which device (also the
-- source of the usage figures), the lobby of meeting calls, and the rule "at most one live call
-- per conversation" as a table whose primary key is the conversation (a partial unique index
-- would say the same, but H2 and PostgreSQL do not share one syntax for it).
CREATE TABLE calls (
    id                UUID                     NOT NULL,
    conversation_id   UUID                     NOT NULL,
    -- scheduled meetings only: the meeting and the start of the occurrence this call is
    meeting_id        UUID,
    occurrence_start  TIMESTAMP WITH TIME ZONE,
    media             VARCHAR(16)              NOT NULL,
    topology          VARCHAR(16)              NOT NULL,
    -- the Janus VideoRoom of an SFU call
    sfu_room          BIGINT,
    started_by        UUID                     NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT calls_pk PRIMARY KEY (id),
    CONSTRAINT calls_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT calls_started_by_fk FOREIGN KEY (started_by) REFERENCES users (id),
    CONSTRAINT calls_media_ck CHECK (media IN ('audio', 'video')),
    CONSTRAINT calls_topology_ck CHECK (topology IN ('mesh', 'sfu'))
);

CREATE INDEX calls_conversation_idx ON calls (conversation_id, started_at);
CREATE INDEX calls_meeting_idx ON calls (meeting_id, occurrence_start);

-- The live call of a conversation; the row goes when the call ends. Two people starting a call
-- at once both try to insert here, and the one who loses joins the winner's call.
CREATE TABLE live_calls (
    conversation_id  UUID NOT NULL,
    call_id          UUID NOT NULL,
    CONSTRAINT live_calls_pk PRIMARY KEY (conversation_id),
    CONSTRAINT live_calls_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT live_calls_call_fk FOREIGN KEY (call_id) REFERENCES calls (id)
);

-- One row per peer (a person on one device) per join. organisation_id is the person's home
-- organisation when they joined, kept so the usage figures do not change if they move later.
CREATE TABLE call_participants (
    peer_id          UUID                     NOT NULL,
    call_id          UUID                     NOT NULL,
    user_id          UUID                     NOT NULL,
    organisation_id  UUID                     NOT NULL,
    joined_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    left_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT call_participants_pk PRIMARY KEY (peer_id),
    CONSTRAINT call_participants_call_fk FOREIGN KEY (call_id) REFERENCES calls (id),
    CONSTRAINT call_participants_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT call_participants_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);

CREATE INDEX call_participants_call_idx ON call_participants (call_id);
CREATE INDEX call_participants_joined_idx ON call_participants (joined_at);

-- The lobby of a meeting call: who waits, and the hosts' decisions. A denied or removed row
-- keeps the person out of every later call of the same meeting occurrence.
CREATE TABLE call_lobby (
    call_id     UUID                     NOT NULL,
    user_id     UUID                     NOT NULL,
    state       VARCHAR(16)              NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by  UUID,
    CONSTRAINT call_lobby_pk PRIMARY KEY (call_id, user_id),
    CONSTRAINT call_lobby_call_fk FOREIGN KEY (call_id) REFERENCES calls (id),
    CONSTRAINT call_lobby_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT call_lobby_state_ck CHECK (state IN ('waiting', 'admitted', 'denied', 'removed'))
);
