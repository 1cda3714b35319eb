-- A person's chosen status and status note (org.confer.realtime, PresenceService), kept so that
-- "Do not disturb: In resus" survives a restart of the server. One row per person whose choice
-- differs from the automatic default (available, no note); absent means that default. Whether
-- someone is online is still known only from their open streams and is never stored.
CREATE TABLE user_status (
    user_id     UUID                     NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    note        VARCHAR(1000),
    -- When the choice reverts to automatic (available, no note); null: until changed.
    until       TIMESTAMP WITH TIME ZONE,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_status_pk PRIMARY KEY (user_id),
    CONSTRAINT user_status_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
