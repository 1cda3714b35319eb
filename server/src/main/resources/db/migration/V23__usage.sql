-- Usage analytics (org.confer.analytics, docs/analytics.md). Counters kept by the rollup job,
-- which reads only rows newer than its watermark from the features' tables and adds to these.
-- Days, ISO weeks and months are the service's local calendar (CONFER_USAGE_TIME_ZONE,
-- Europe/London by default). organisation_id is the nil UUID 00000000-0000-0000-0000-000000000000
-- for the total across organisations, so reading national figures reads one row per period.
-- No foreign key to organisations: the nil UUID is not one, and the synthetic history of
-- CONFER_USAGE_SYNTHETIC_ORGS has organisations of its own.

-- Additive figures of one organisation and local day.
CREATE TABLE usage_daily (
    organisation_id      UUID    NOT NULL,
    on_day               DATE    NOT NULL,
    messages             BIGINT  NOT NULL,
    meetings             BIGINT  NOT NULL,
    participant_seconds  BIGINT  NOT NULL,
    visits               BIGINT  NOT NULL,
    results              BIGINT  NOT NULL,
    -- distinct people active that day (each counted once: usage_active)
    active_users         BIGINT  NOT NULL,
    synthetic            BOOLEAN NOT NULL,
    CONSTRAINT usage_daily_pk PRIMARY KEY (organisation_id, on_day)
);

-- Distinct people active in an ISO week ('w', period_start a Monday) or a month ('m', the 1st):
-- not sums of days, so kept apart.
CREATE TABLE usage_periods (
    organisation_id  UUID       NOT NULL,
    period           VARCHAR(1) NOT NULL,
    period_start     DATE       NOT NULL,
    active_users     BIGINT     NOT NULL,
    synthetic        BOOLEAN    NOT NULL,
    CONSTRAINT usage_periods_pk PRIMARY KEY (organisation_id, period, period_start),
    CONSTRAINT usage_periods_period_ck CHECK (period IN ('w', 'm'))
);

-- Who has already been counted active in a recent day, week or month: a person's first activity
-- in a period inserts a row here and adds one to the period's counter. Rows of periods that ended
-- before the re-read window are deleted by the rollup.
CREATE TABLE usage_active (
    user_id       UUID       NOT NULL,
    period        VARCHAR(1) NOT NULL,
    period_start  DATE       NOT NULL,
    CONSTRAINT usage_active_pk PRIMARY KEY (user_id, period, period_start),
    CONSTRAINT usage_active_period_ck CHECK (period IN ('d', 'w', 'm'))
);
CREATE INDEX usage_active_start_idx ON usage_active (period, period_start);

-- The events counted in the re-read window (source: message, session, call, visit, result),
-- so an event read twice (or committed late, older than the watermark) is counted once.
-- Rows older than the window are deleted by the rollup.
CREATE TABLE usage_counted (
    source  VARCHAR(8)               NOT NULL,
    id      UUID                     NOT NULL,
    at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT usage_counted_pk PRIMARY KEY (source, id)
);
CREATE INDEX usage_counted_at_idx ON usage_counted (at);

-- The rollup's watermark and lease: one row ('rollup'); a run locks it (SELECT ... FOR UPDATE)
-- for its whole transaction, so one node at a time rolls up.
CREATE TABLE usage_state (
    name       VARCHAR(40)              NOT NULL,
    watermark  TIMESTAMP WITH TIME ZONE NOT NULL,
    synthetic  BOOLEAN                  NOT NULL,
    CONSTRAINT usage_state_pk PRIMARY KEY (name)
);
INSERT INTO usage_state (name, watermark, synthetic) VALUES ('rollup', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', FALSE);

-- The rollup reads each source by the instant of its event: these make that a range scan.
CREATE INDEX usage_messages_created_idx ON messages (created_at);
CREATE INDEX usage_sessions_created_idx ON sessions (created_at);
CREATE INDEX usage_calls_ended_idx ON calls (ended_at);
CREATE INDEX usage_visits_outcome_idx ON visits (outcome_at);
CREATE INDEX usage_result_alerts_posted_idx ON result_alerts (posted_at);
