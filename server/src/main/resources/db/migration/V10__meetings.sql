-- Scheduled meetings (org.confer.meetings, docs/calls-and-meetings.md "Scheduled meetings").
-- A meeting keeps its wall-clock times in its own time zone (local_start, local_end,
-- time_zone): a weekly 13:00 Europe/London meeting stays at 13:00 across the clock changes, so
-- occurrences are expanded from local times and converted to instants only when read.
-- starts_at / ends_at are the first occurrence as instants; last_ends_at is the end of the last
-- occurrence (NULL: the rule never ends), so a calendar range query skips finished series.
CREATE TABLE meetings (
    id               UUID                     NOT NULL,
    organiser_id     UUID                     NOT NULL,
    -- the organiser's organisation when the meeting was made: the "organisation" lobby policy's
    organisation_id  UUID                     NOT NULL,
    -- the meeting's chat: the channel itself for a channel meeting, else a group made with it
    conversation_id  UUID                     NOT NULL,
    channel_id       UUID,
    title            VARCHAR(200)             NOT NULL,
    description      VARCHAR(4000),
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_ends_at     TIMESTAMP WITH TIME ZONE,
    time_zone        VARCHAR(64)              NOT NULL,
    local_start      TIMESTAMP                NOT NULL,
    local_end        TIMESTAMP                NOT NULL,
    -- RFC 5545 RRULE value (no "RRULE:" prefix), UNTIL always in UTC; NULL for a single meeting
    rrule            VARCHAR(500),
    -- dates (yyyy-mm-dd, local to time_zone) on which an occurrence is skipped, comma-separated
    exdates          VARCHAR(4000),
    lobby_policy     VARCHAR(16)              NOT NULL,
    media            VARCHAR(8)               NOT NULL,
    -- RFC 5545 SEQUENCE: raised by every change the invitees' calendars must take
    sequence         INTEGER                  NOT NULL,
    cancelled_at     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT meetings_pk PRIMARY KEY (id),
    CONSTRAINT meetings_organiser_fk FOREIGN KEY (organiser_id) REFERENCES users (id),
    CONSTRAINT meetings_organisation_fk FOREIGN KEY (organisation_id) REFERENCES organisations (id),
    CONSTRAINT meetings_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT meetings_channel_fk FOREIGN KEY (channel_id) REFERENCES conversations (id),
    CONSTRAINT meetings_lobby_ck CHECK (lobby_policy IN ('everyone', 'organisation', 'invitees')),
    CONSTRAINT meetings_media_ck CHECK (media IN ('video', 'audio'))
);

CREATE INDEX meetings_organiser_idx ON meetings (organiser_id);
CREATE INDEX meetings_conversation_idx ON meetings (conversation_id);

CREATE TABLE meeting_invitees (
    meeting_id    UUID                     NOT NULL,
    user_id       UUID                     NOT NULL,
    presenter     BOOLEAN                  NOT NULL,
    rsvp          VARCHAR(16)              NOT NULL,
    responded_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT meeting_invitees_pk PRIMARY KEY (meeting_id, user_id),
    CONSTRAINT meeting_invitees_meeting_fk FOREIGN KEY (meeting_id) REFERENCES meetings (id),
    CONSTRAINT meeting_invitees_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT meeting_invitees_rsvp_ck CHECK (rsvp IN ('needs-action', 'accepted', 'declined', 'tentative'))
);

CREATE INDEX meeting_invitees_user_idx ON meeting_invitees (user_id);
