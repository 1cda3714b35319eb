-- Issue 15, joining (docs/virtual-visits.md "Joining"): the guests of a visit — one account
-- (users.kind 'guest') per join link, made when the link is first exchanged — their sessions,
-- which are read only at the guest paths, and the group conversation that carries each visit's
-- call (made with its first join).

-- One guest per join link: the visitor's, and the interpreter's when the ward adds one.
CREATE TABLE visit_guests (
    user_id      UUID                     NOT NULL,
    visit_id     UUID                     NOT NULL,
    link_hash    VARCHAR(64)              NOT NULL,
    -- visitor | interpreter (the link's role)
    role         VARCHAR(16)              NOT NULL,
    -- the name the guest typed, shown to staff (users.display_name adds the role)
    name         VARCHAR(100)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT visit_guests_pk PRIMARY KEY (user_id),
    CONSTRAINT visit_guests_link_uq UNIQUE (link_hash),
    CONSTRAINT visit_guests_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT visit_guests_visit_fk FOREIGN KEY (visit_id) REFERENCES visits (id) ON DELETE CASCADE,
    CONSTRAINT visit_guests_link_fk FOREIGN KEY (link_hash) REFERENCES visit_links (token_hash) ON DELETE CASCADE,
    CONSTRAINT visit_guests_role_ck CHECK (role IN ('visitor', 'interpreter'))
);
CREATE INDEX visit_guests_visit_idx ON visit_guests (visit_id);

-- A guest session: SHA-256 (hex) of its cg_ token. Ends at the visit's end plus the grace period;
-- revoked when the visit is cancelled.
CREATE TABLE visit_guest_sessions (
    id          UUID                     NOT NULL,
    token_hash  VARCHAR(64)              NOT NULL,
    guest_id    UUID                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT visit_guest_sessions_pk PRIMARY KEY (id),
    CONSTRAINT visit_guest_sessions_token_uq UNIQUE (token_hash),
    CONSTRAINT visit_guest_sessions_guest_fk FOREIGN KEY (guest_id) REFERENCES visit_guests (user_id) ON DELETE CASCADE
);
CREATE INDEX visit_guest_sessions_guest_idx ON visit_guest_sessions (guest_id);

-- The group conversation of the visit's call (NULL until its first join) and who made it (the
-- call's organiser for the lobby rules).
ALTER TABLE visits ADD COLUMN call_conversation_id UUID;
ALTER TABLE visits ADD COLUMN call_organiser_id UUID;
ALTER TABLE visits ADD CONSTRAINT visits_call_conversation_fk FOREIGN KEY (call_conversation_id) REFERENCES conversations (id);
ALTER TABLE visits ADD CONSTRAINT visits_call_organiser_fk FOREIGN KEY (call_organiser_id) REFERENCES users (id);
