-- Retention, legal hold and compliance export (docs/retention.md).
--
-- retention_policies: at most one per organisation; no row keeps everything for ever (the
-- default). action 'delete' turns a message older than `days` into a tombstone (text, edit
-- history, reactions, files gone); 'anonymise' keeps its text and replaces its author by the
-- organisation's placeholder. The policy of a message is its author's organisation's.
-- days >= 30: a floor, so a slip of the keyboard cannot delete last week's clinical messages.
CREATE TABLE retention_policies (
    organisation_id  UUID                     NOT NULL,
    action           VARCHAR(16)              NOT NULL,
    days             INTEGER                  NOT NULL,
    set_by           UUID                     NOT NULL,
    set_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT retention_policies_pk PRIMARY KEY (organisation_id),
    CONSTRAINT retention_policies_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT retention_policies_action_ck CHECK (action IN ('delete', 'anonymise')),
    CONSTRAINT retention_policies_days_ck CHECK (days >= 30)
);

-- legal_holds: a hold on a person (subject_type 'user') or a conversation; while released_at is
-- null nothing it covers is deleted or anonymised. A hold is released, never deleted: the row is
-- the record of who held what, why, and until when. organisation_id is the organisation whose
-- admins manage it (the person's, or the placing admin's for a conversation).
CREATE TABLE legal_holds (
    id               UUID                     NOT NULL,
    organisation_id  UUID                     NOT NULL,
    subject_type     VARCHAR(16)              NOT NULL,
    subject_id       UUID                     NOT NULL,
    reason           VARCHAR(500)             NOT NULL,
    placed_by        UUID                     NOT NULL,
    placed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    released_by      UUID,
    released_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT legal_holds_pk PRIMARY KEY (id),
    CONSTRAINT legal_holds_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT legal_holds_subject_ck CHECK (subject_type IN ('user', 'conversation'))
);

CREATE INDEX legal_holds_subject_idx ON legal_holds (subject_id);
CREATE INDEX legal_holds_organisation_idx ON legal_holds (organisation_id);

-- retention_placeholders: the one account per organisation that anonymised messages name as
-- their author (a disabled account without password, shown as "Former member").
CREATE TABLE retention_placeholders (
    organisation_id  UUID NOT NULL,
    user_id          UUID NOT NULL,
    CONSTRAINT retention_placeholders_pk PRIMARY KEY (organisation_id),
    CONSTRAINT retention_placeholders_user_uq UNIQUE (user_id),
    CONSTRAINT retention_placeholders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);

-- retention_runs: what each run did per organisation, for the admin page's "last runs" (the
-- audit trail has the same counts, chained).
CREATE TABLE retention_runs (
    id               UUID                     NOT NULL,
    organisation_id  UUID                     NOT NULL,
    trigger_kind     VARCHAR(16)              NOT NULL,
    action           VARCHAR(16)              NOT NULL,
    days             INTEGER                  NOT NULL,
    cutoff           TIMESTAMP WITH TIME ZONE NOT NULL,
    messages         INTEGER                  NOT NULL,
    files            INTEGER                  NOT NULL,
    held             INTEGER                  NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT retention_runs_pk PRIMARY KEY (id)
);

CREATE INDEX retention_runs_organisation_idx ON retention_runs (organisation_id, started_at);

-- leases: one row per cluster-wide job. A node runs the job only while it holds the row's lease
-- (taken by compare-and-set: holder null or expired), so two nodes never run it at once.
CREATE TABLE leases (
    name        VARCHAR(40)              NOT NULL,
    holder      VARCHAR(80),
    expires_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT leases_pk PRIMARY KEY (name)
);

INSERT INTO leases (name, holder, expires_at) VALUES ('retention', NULL, NULL);

-- What retention did to a message: null (nothing), 'anonymised' or 'deleted'.
ALTER TABLE messages ADD COLUMN retained VARCHAR(16);
