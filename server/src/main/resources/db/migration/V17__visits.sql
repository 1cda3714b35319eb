-- Issue 15, virtual visits (docs/virtual-visits.md): the booking calendars of wards, their
-- opening hours, exceptions, hosts and managers; the visits booked on the public page, the
-- place each one holds in its slot, the single-purpose links sent to the visitor, and the
-- reminders a scheduler tick sends exactly once.

CREATE TABLE visit_calendars (
    id                 UUID                     NOT NULL,
    organisation_id    UUID                     NOT NULL,
    team_id            UUID                     NOT NULL,
    -- a channel of the team where the Visits bot posts each booking's notice
    channel_id         UUID                     NOT NULL,
    -- the public page is /book/<slug>: unique across the whole platform, not only per organisation
    slug               VARCHAR(40)              NOT NULL,
    name               VARCHAR(120)             NOT NULL,
    -- Europe/London for every calendar today; the column exists for later
    time_zone          VARCHAR(64)              NOT NULL,
    duration_minutes   INTEGER                  NOT NULL,
    buffer_minutes     INTEGER                  NOT NULL,
    places_per_slot    INTEGER                  NOT NULL,
    book_ahead_days    INTEGER                  NOT NULL,
    min_notice_minutes INTEGER                  NOT NULL,
    -- the ward's extra public fields: a JSON array of {name, label, required}
    fields             VARCHAR(4000)            NOT NULL,
    privacy_notice     VARCHAR(4000)            NOT NULL,
    consent_text       VARCHAR(4000)            NOT NULL,
    published          BOOLEAN                  NOT NULL,
    created_by         UUID                     NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT visit_calendars_pk PRIMARY KEY (id),
    CONSTRAINT visit_calendars_slug_uq UNIQUE (slug),
    CONSTRAINT visit_calendars_org_slug_uq UNIQUE (organisation_id, slug),
    CONSTRAINT visit_calendars_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT visit_calendars_team_fk FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT visit_calendars_channel_fk FOREIGN KEY (channel_id) REFERENCES conversations (id),
    CONSTRAINT visit_calendars_created_by_fk FOREIGN KEY (created_by) REFERENCES users (id)
);
CREATE INDEX visit_calendars_team_idx ON visit_calendars (team_id);

-- Weekly opening hours: ISO weekday (1 = Monday) and local times as minutes after midnight.
CREATE TABLE visit_hours (
    calendar_id UUID    NOT NULL,
    weekday     INTEGER NOT NULL,
    opens       INTEGER NOT NULL,
    closes      INTEGER NOT NULL,
    CONSTRAINT visit_hours_pk PRIMARY KEY (calendar_id, weekday, opens),
    CONSTRAINT visit_hours_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id) ON DELETE CASCADE,
    CONSTRAINT visit_hours_weekday_ck CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT visit_hours_range_ck CHECK (opens >= 0 AND closes <= 1440 AND opens < closes)
);

-- A date with other hours (one row per range) or closed (one row with opens and closes NULL).
CREATE TABLE visit_exceptions (
    calendar_id UUID    NOT NULL,
    -- 'date' is a keyword in both databases
    on_date     DATE    NOT NULL,
    opens       INTEGER,
    closes      INTEGER,
    CONSTRAINT visit_exceptions_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id) ON DELETE CASCADE
);
CREATE INDEX visit_exceptions_calendar_idx ON visit_exceptions (calendar_id, on_date);

CREATE TABLE visit_hosts (
    calendar_id UUID    NOT NULL,
    user_id     UUID    NOT NULL,
    -- a person account used on the ward's shared device (the kiosk of the joining step)
    device      BOOLEAN NOT NULL,
    CONSTRAINT visit_hosts_pk PRIMARY KEY (calendar_id, user_id),
    CONSTRAINT visit_hosts_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id) ON DELETE CASCADE,
    CONSTRAINT visit_hosts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX visit_hosts_user_idx ON visit_hosts (user_id);

CREATE TABLE visit_managers (
    calendar_id UUID NOT NULL,
    user_id     UUID NOT NULL,
    CONSTRAINT visit_managers_pk PRIMARY KEY (calendar_id, user_id),
    CONSTRAINT visit_managers_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id) ON DELETE CASCADE,
    CONSTRAINT visit_managers_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX visit_managers_user_idx ON visit_managers (user_id);

CREATE TABLE visits (
    id               UUID                     NOT NULL,
    calendar_id      UUID                     NOT NULL,
    organisation_id  UUID                     NOT NULL,
    -- 8 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ, read out on the phone
    reference        VARCHAR(8)               NOT NULL,
    slot_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    slot_end         TIMESTAMP WITH TIME ZONE NOT NULL,
    place            INTEGER                  NOT NULL,
    -- booked | cancelled | attended | no-show
    status           VARCHAR(16)              NOT NULL,
    visitor_name     VARCHAR(100)             NOT NULL,
    visitor_email    VARCHAR(254)             NOT NULL,
    visitor_mobile   VARCHAR(20),
    patient_name     VARCHAR(100)             NOT NULL,
    -- the ward's other fields: a JSON object {name: answer}
    answers          VARCHAR(4000)            NOT NULL,
    booked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    cancelled_at     TIMESTAMP WITH TIME ZONE,
    cancel_reason    VARCHAR(500),
    -- the member of staff; NULL when the visitor cancelled through their link
    cancelled_by     UUID,
    outcome_at       TIMESTAMP WITH TIME ZONE,
    outcome_by       UUID,
    -- RFC 5545 SEQUENCE of the visit's calendar entry: raised by a reschedule and a cancellation
    sequence         INTEGER                  NOT NULL,
    -- when the ward channel's notice was posted; NULL while owed (the tick posts it)
    notice_posted_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT visits_pk PRIMARY KEY (id),
    CONSTRAINT visits_reference_uq UNIQUE (reference),
    CONSTRAINT visits_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id),
    CONSTRAINT visits_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT visits_cancelled_by_fk FOREIGN KEY (cancelled_by) REFERENCES users (id),
    CONSTRAINT visits_outcome_by_fk FOREIGN KEY (outcome_by) REFERENCES users (id),
    CONSTRAINT visits_status_ck CHECK (status IN ('booked', 'cancelled', 'attended', 'no-show'))
);
-- the ward view and the figures: a calendar's visits by start
CREATE INDEX visits_calendar_start_idx ON visits (calendar_id, slot_start);
-- the per-email limit's memory is in the node; this serves support look-ups by visitor
CREATE INDEX visits_email_idx ON visits (visitor_email);
-- the tick's sweep of notices still owed
CREATE INDEX visits_notice_idx ON visits (notice_posted_at, booked_at);

-- One row per place taken in a slot: the primary key is what makes the last place go to one
-- visitor only (the database decides, not a check before the insert).
CREATE TABLE visit_places (
    calendar_id UUID                     NOT NULL,
    slot_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    place       INTEGER                  NOT NULL,
    visit_id    UUID                     NOT NULL,
    CONSTRAINT visit_places_pk PRIMARY KEY (calendar_id, slot_start, place),
    CONSTRAINT visit_places_calendar_fk FOREIGN KEY (calendar_id) REFERENCES visit_calendars (id),
    CONSTRAINT visit_places_visit_fk FOREIGN KEY (visit_id) REFERENCES visits (id) ON DELETE CASCADE
);
-- not unique: a reschedule takes the new place before it releases the old one
CREATE INDEX visit_places_visit_idx ON visit_places (visit_id);

-- The visitor's links: SHA-256 of the token, hex (as identity stores session tokens).
CREATE TABLE visit_links (
    token_hash VARCHAR(64)              NOT NULL,
    visit_id   UUID                     NOT NULL,
    -- join | manage: a manage token is not a join token
    purpose    VARCHAR(8)               NOT NULL,
    -- visitor | interpreter
    role       VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT visit_links_pk PRIMARY KEY (token_hash),
    CONSTRAINT visit_links_visit_fk FOREIGN KEY (visit_id) REFERENCES visits (id) ON DELETE CASCADE,
    CONSTRAINT visit_links_purpose_ck CHECK (purpose IN ('join', 'manage')),
    CONSTRAINT visit_links_role_ck CHECK (role IN ('visitor', 'interpreter'))
);
CREATE INDEX visit_links_visit_idx ON visit_links (visit_id);

-- A reminder is claimed by setting sent_at (NULL -> now) in the transaction that writes its mail.
CREATE TABLE visit_reminders (
    visit_id UUID                     NOT NULL,
    -- 24h | 1h
    kind     VARCHAR(4)               NOT NULL,
    due_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT visit_reminders_pk PRIMARY KEY (visit_id, kind),
    CONSTRAINT visit_reminders_visit_fk FOREIGN KEY (visit_id) REFERENCES visits (id) ON DELETE CASCADE,
    CONSTRAINT visit_reminders_kind_ck CHECK (kind IN ('24h', '1h'))
);
-- the tick's scan: unsent, by due time
CREATE INDEX visit_reminders_due_idx ON visit_reminders (sent_at, due_at);
