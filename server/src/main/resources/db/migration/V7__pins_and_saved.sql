-- Pinned messages (shared by a conversation's members) and saved messages (one person's own).
-- Both point at messages; who may see a row is decided on read by joining to the reader's
-- current membership, so a pin or a saved item never outlives access to its conversation.
CREATE TABLE pins (
    conversation_id  UUID                     NOT NULL,
    message_id       UUID                     NOT NULL,
    pinned_by        UUID                     NOT NULL,
    pinned_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pins_pk PRIMARY KEY (conversation_id, message_id),
    CONSTRAINT pins_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT pins_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT pins_user_fk FOREIGN KEY (pinned_by) REFERENCES users (id)
);

CREATE TABLE saved_messages (
    user_id          UUID                     NOT NULL,
    message_id       UUID                     NOT NULL,
    conversation_id  UUID                     NOT NULL,
    saved_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT saved_messages_pk PRIMARY KEY (user_id, message_id),
    CONSTRAINT saved_messages_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT saved_messages_message_fk FOREIGN KEY (message_id) REFERENCES messages (id),
    CONSTRAINT saved_messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
);

CREATE INDEX saved_messages_user_idx ON saved_messages (user_id, saved_at);
