-- Issue 14, results: lab results arriving over HL7 v2 (MLLP) or FHIR, who they are routed to,
-- the alerts sent (and their acknowledgement and escalation), watches, professional
-- identifiers, on-call roles and the organisation's escalation chain (docs/bots-and-results.md).

-- An HL7 sender: MSH-4 (sending facility) says which organisation a message belongs to.
CREATE TABLE result_feeds (
    id               UUID                     NOT NULL,
    organisation_id  UUID                     NOT NULL,
    sending_facility VARCHAR(180)             NOT NULL,
    name             VARCHAR(200)             NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT result_feeds_pk PRIMARY KEY (id),
    CONSTRAINT result_feeds_org_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    -- one listener for every organisation: a facility can belong to only one of them
    CONSTRAINT result_feeds_facility_uq UNIQUE (sending_facility)
);

CREATE TABLE results (
    id                  UUID                     NOT NULL,
    organisation_id     UUID                     NOT NULL,
    -- 'feed:<feed id>' (HL7, MSH-10 unique per feed) or 'fhir' (identifier unique per organisation)
    source              VARCHAR(64)              NOT NULL,
    -- MSH-10, or the FHIR identifier system|value: a resend carries the same one
    source_id           VARCHAR(400)             NOT NULL,
    hl7_version         VARCHAR(16),
    lab                 VARCHAR(200),
    nhs_number          VARCHAR(10),
    patient_ids         VARCHAR(2000),
    patient_name        VARCHAR(300),
    placer_order_number VARCHAR(200),
    filler_order_number VARCHAR(200),
    test_code           VARCHAR(200),
    test_name           VARCHAR(300),
    specimen            VARCHAR(300),
    status              VARCHAR(32),
    collected_at        TIMESTAMP WITH TIME ZONE,
    reported_at         TIMESTAMP WITH TIME ZONE,
    -- the ordering clinicians as JSON [{system, value, name}]
    orderers            VARCHAR(4000)            NOT NULL,
    critical            BOOLEAN                  NOT NULL,
    received_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_by     UUID,
    acknowledged_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT results_pk PRIMARY KEY (id),
    CONSTRAINT results_org_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT results_ack_fk FOREIGN KEY (acknowledged_by) REFERENCES users (id),
    -- makes a resend idempotent: the second insert fails and is answered as a duplicate
    CONSTRAINT results_source_uq UNIQUE (organisation_id, source, source_id)
);
CREATE INDEX results_nhs ON results (organisation_id, nhs_number);

CREATE TABLE result_observations (
    result_id       UUID          NOT NULL,
    position        INT           NOT NULL,
    code            VARCHAR(200),
    name            VARCHAR(300),
    result_value    VARCHAR(2000),
    units           VARCHAR(100),
    reference_range VARCHAR(200),
    -- HL7 table 0078 codes, comma-separated
    abnormal_flags  VARCHAR(100),
    critical        BOOLEAN       NOT NULL,
    status          VARCHAR(32),
    observed_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT result_observations_pk PRIMARY KEY (result_id, position),
    CONSTRAINT result_observations_result_fk FOREIGN KEY (result_id) REFERENCES results (id) ON DELETE CASCADE
);

-- One alert per (result, target, reason). Written 'pending' in the result's transaction, then
-- posted (idempotent clientMsgId), then marked posted; a sweeper posts any left pending.
CREATE TABLE result_alerts (
    id              UUID                     NOT NULL,
    result_id       UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    -- the person alerted, or NULL for the organisation's results-inbox channel
    user_id         UUID,
    -- the user id as text, or 'inbox': unique even where user_id is NULL
    target          VARCHAR(40)              NOT NULL,
    -- orderer | watcher | inbox | deputy | on-call
    reason          VARCHAR(16)              NOT NULL,
    -- 0 for the first alerts, k for the k-th escalation
    level           INT                      NOT NULL,
    -- for an escalation: whom it escalated from (the previous level's person)
    from_user_id    UUID,
    urgent          BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    posted_at       TIMESTAMP WITH TIME ZONE,
    conversation_id UUID,
    message_id      UUID,
    -- when the next level is due if nobody has acknowledged (critical results only; NULL when done)
    escalate_at     TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT result_alerts_pk PRIMARY KEY (id),
    CONSTRAINT result_alerts_result_fk FOREIGN KEY (result_id) REFERENCES results (id) ON DELETE CASCADE,
    CONSTRAINT result_alerts_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT result_alerts_uq UNIQUE (result_id, target, reason)
);
CREATE INDEX result_alerts_pending ON result_alerts (posted_at);
CREATE INDEX result_alerts_escalate ON result_alerts (escalate_at);
CREATE INDEX result_alerts_user ON result_alerts (user_id, created_at);

CREATE TABLE result_watches (
    id              UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    user_id         UUID                     NOT NULL,
    nhs_number      VARCHAR(10)              NOT NULL,
    -- '' watches every test; otherwise matched, ignoring case, against the test's code or name
    test            VARCHAR(200)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT result_watches_pk PRIMARY KEY (id),
    CONSTRAINT result_watches_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT result_watches_uq UNIQUE (user_id, nhs_number, test)
);
CREATE INDEX result_watches_nhs ON result_watches (organisation_id, nhs_number);

-- GMC / NMC / HCPC / LOCAL numbers on people's profiles: how an orderer in a result is found.
CREATE TABLE professional_identifiers (
    organisation_id UUID         NOT NULL,
    user_id         UUID         NOT NULL,
    -- GMC, NMC, HCPC or LOCAL ('system' and 'value' are reserved words in H2)
    id_system       VARCHAR(16)  NOT NULL,
    id_value        VARCHAR(64)  NOT NULL,
    CONSTRAINT professional_identifiers_pk PRIMARY KEY (organisation_id, id_system, id_value),
    CONSTRAINT professional_identifiers_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX professional_identifiers_user ON professional_identifiers (user_id);

CREATE TABLE on_call_roles (
    id              UUID                     NOT NULL,
    organisation_id UUID                     NOT NULL,
    name            VARCHAR(100)             NOT NULL,
    holder_id       UUID,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT on_call_roles_pk PRIMARY KEY (id),
    CONSTRAINT on_call_roles_holder_fk FOREIGN KEY (holder_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT on_call_roles_name_uq UNIQUE (organisation_id, name)
);

-- The organisation's escalation chain after the deputy, in order.
CREATE TABLE escalation_steps (
    organisation_id UUID NOT NULL,
    position        INT  NOT NULL,
    on_call_role_id UUID NOT NULL,
    after_minutes   INT  NOT NULL,
    CONSTRAINT escalation_steps_pk PRIMARY KEY (organisation_id, position),
    CONSTRAINT escalation_steps_role_fk FOREIGN KEY (on_call_role_id) REFERENCES on_call_roles (id) ON DELETE CASCADE
);

CREATE TABLE deputies (
    user_id   UUID NOT NULL,
    deputy_id UUID NOT NULL,
    CONSTRAINT deputies_pk PRIMARY KEY (user_id),
    CONSTRAINT deputies_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT deputies_deputy_fk FOREIGN KEY (deputy_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE result_settings (
    organisation_id       UUID NOT NULL,
    inbox_conversation_id UUID,
    deputy_after_minutes  INT  NOT NULL,
    CONSTRAINT result_settings_pk PRIMARY KEY (organisation_id)
);
