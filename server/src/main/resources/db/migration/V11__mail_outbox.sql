-- Every mail Confer writes (org.confer.mail): inserted in the transaction of the change it tells
-- of, so a committed invitation is never lost; sent later over SMTP when one is configured, and
-- otherwise left here for an admin to read (GET /api/v1/admin/email-outbox).
CREATE TABLE mail_outbox (
    id                  UUID                     NOT NULL,
    to_address          VARCHAR(320)             NOT NULL,
    -- the recipient's account and organisation, when the mail is to a person with one: an
    -- organisation admin reads only the mail to their own organisation's people
    to_user_id          UUID,
    to_organisation_id  UUID,
    subject             VARCHAR(300)             NOT NULL,
    text_body           VARCHAR(20000)           NOT NULL,
    -- an iCalendar attachment (text/calendar), or NULL
    ics                 VARCHAR(100000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at             TIMESTAMP WITH TIME ZONE,
    attempts            INTEGER                  NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error          VARCHAR(1000),
    CONSTRAINT mail_outbox_pk PRIMARY KEY (id)
);

CREATE INDEX mail_outbox_unsent_idx ON mail_outbox (sent_at, next_attempt_at);
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at, id);
CREATE INDEX mail_outbox_organisation_idx ON mail_outbox (to_organisation_id, created_at);
