-- Issue 14, service requests (the Requests bot): the services a team offers (with the form a
-- requester fills in and target times per priority), the requests filed to them, and the
-- per-organisation counter their numbers come from (#12 is easier to say on a ward than a UUID).

CREATE TABLE request_services (
    id                    UUID                     NOT NULL,
    organisation_id       UUID                     NOT NULL,
    team_id               UUID                     NOT NULL,
    -- what people type after /request: lower-case letters, digits and '-'
    slug                  VARCHAR(40)              NOT NULL,
    name                  VARCHAR(120)             NOT NULL,
    -- a channel of the team where the Requests bot posts each request's card
    queue_conversation_id UUID                     NOT NULL,
    -- a member of the team who is told when a request is overdue
    lead_user_id          UUID                     NOT NULL,
    ask_nhs_number        BOOLEAN                  NOT NULL,
    -- the form: a JSON array of {name, label, type: text|choice|number, required, choices[]}
    fields                VARCHAR(16000)           NOT NULL,
    target_routine        INTEGER                  NOT NULL,
    target_urgent         INTEGER                  NOT NULL,
    target_emergency      INTEGER                  NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    archived              BOOLEAN                  DEFAULT FALSE NOT NULL,
    CONSTRAINT request_services_pk PRIMARY KEY (id),
    CONSTRAINT request_services_slug_uq UNIQUE (organisation_id, slug),
    CONSTRAINT request_services_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT request_services_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT request_services_queue_fk FOREIGN KEY (queue_conversation_id) REFERENCES conversations (id),
    CONSTRAINT request_services_lead_fk FOREIGN KEY (lead_user_id) REFERENCES users (id)
);

-- One row per organisation that has services; a request's number is taken by incrementing it,
-- whose row lock makes concurrent filings queue for the next number instead of sharing one.
CREATE TABLE request_numbers (
    organisation_id UUID   NOT NULL,
    last_number     BIGINT NOT NULL,
    CONSTRAINT request_numbers_pk PRIMARY KEY (organisation_id),
    CONSTRAINT request_numbers_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id)
);

CREATE TABLE service_requests (
    id                  UUID                     NOT NULL,
    organisation_id     UUID                     NOT NULL,
    service_id          UUID                     NOT NULL,
    number              BIGINT                   NOT NULL,
    requester_id        UUID                     NOT NULL,
    assignee_id         UUID,
    -- open | claimed | in-progress | done | cancelled
    status              VARCHAR(16)              NOT NULL,
    -- routine | urgent | emergency
    priority            VARCHAR(16)              NOT NULL,
    location            VARCHAR(200)             NOT NULL,
    nhs_number          VARCHAR(10),
    details             VARCHAR(2000)            NOT NULL,
    -- the form's answers: a JSON object {name: value}
    fields              VARCHAR(16000)           NOT NULL,
    client_request_id   VARCHAR(64)              NOT NULL,
    queue_message_id    UUID,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    overdue_notified_at TIMESTAMP WITH TIME ZONE,
    -- when the overdue messages (lead, requester, card) were all sent; NULL while they are owed,
    -- so a node that died after marking the request overdue has them sent by the next tick
    overdue_told_at     TIMESTAMP WITH TIME ZONE,
    done_at             TIMESTAMP WITH TIME ZONE,
    CONSTRAINT service_requests_pk PRIMARY KEY (id),
    CONSTRAINT service_requests_number_uq UNIQUE (organisation_id, number),
    CONSTRAINT service_requests_client_uq UNIQUE (requester_id, client_request_id),
    CONSTRAINT service_requests_service_fk FOREIGN KEY (service_id) REFERENCES request_services (id),
    CONSTRAINT service_requests_requester_fk FOREIGN KEY (requester_id) REFERENCES users (id),
    CONSTRAINT service_requests_assignee_fk FOREIGN KEY (assignee_id) REFERENCES users (id),
    CONSTRAINT service_requests_status_ck CHECK (status IN ('open', 'claimed', 'in-progress', 'done', 'cancelled')),
    CONSTRAINT service_requests_priority_ck CHECK (priority IN ('routine', 'urgent', 'emergency'))
);

CREATE INDEX service_requests_service_idx ON service_requests (service_id, created_at);
CREATE INDEX service_requests_requester_idx ON service_requests (requester_id, created_at);
-- the overdue timer's scan: not finished, not yet escalated, by due time
CREATE INDEX service_requests_due_idx ON service_requests (overdue_notified_at, due_at);
