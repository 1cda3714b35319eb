-- Issue 14, the shared part: bot accounts are people's accounts with kind 'bot' (they post,
-- are members and are shown everywhere, always with a bot badge no person can have); bot
-- messages may carry a card (title, fields, buttons) as JSON; and an audit trail that the
-- results and service-request features write every step to (issue 17 makes it tamper-evident).

-- 'person' or 'bot'; only the bots feature ever writes 'bot'.
ALTER TABLE users ADD COLUMN kind VARCHAR(8) DEFAULT 'person' NOT NULL;

-- A bot message's card (org.confer.events.MessageCard as JSON), or NULL.
ALTER TABLE messages ADD COLUMN card VARCHAR(16000);

CREATE TABLE audit_events (
    id              UUID                     NOT NULL,
    organisation_id UUID,
    -- the person or bot who did it; NULL for the system (a timer, a feed)
    actor_id        UUID,
    -- a stable dotted name: result.received, result.viewed, result.escalated, request.claimed ...
    action          VARCHAR(64)              NOT NULL,
    -- what it was done to: 'result', 'service_request', 'bot', 'bot_token', 'webhook' ...
    subject_type    VARCHAR(32)              NOT NULL,
    subject_id      UUID                     NOT NULL,
    -- a short JSON object with what else matters (never a whole message or result body)
    detail          VARCHAR(4000),
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT audit_events_pk PRIMARY KEY (id)
);
CREATE INDEX audit_events_subject ON audit_events (subject_type, subject_id, at);
CREATE INDEX audit_events_org_at ON audit_events (organisation_id, at);
