-- Activity feed (org.confer.activity). Items are derived when read, from mentions, urgent
-- recipients, reactions and memberships; nothing is written on the send path. Stored here:
-- two indexes the derivation needs, and each person's "activity seen up to" marker.

-- Reactions by others to my messages start from my messages.
CREATE INDEX messages_author_idx ON messages (author_id);

-- Urgent messages addressed to me.
CREATE INDEX urgent_recipients_user_idx ON urgent_recipients (user_id);

-- Items at or before seen_at count as read (the person has looked at the feed since).
CREATE TABLE activity_seen (
    user_id  UUID                     NOT NULL,
    seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT activity_seen_pk PRIMARY KEY (user_id),
    CONSTRAINT activity_seen_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
