package org.confer.mail;

import static org.confer.db.schema.Tables.MAIL_OUTBOX;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.confer.db.schema.tables.records.MailOutboxRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** SQL of the mail outbox. */
public final class MailStore {

    /** A position in the newest-first list: the last row of the previous page. */
    public record Position(OffsetDateTime createdAt, UUID id) {}

    public void insert(DSLContext tx, UUID id, Mail mail, OffsetDateTime now) {
        tx.insertInto(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ID, id)
                .set(MAIL_OUTBOX.TO_ADDRESS, mail.toAddress())
                .set(MAIL_OUTBOX.TO_USER_ID, mail.toUserId())
                .set(MAIL_OUTBOX.TO_ORGANISATION_ID, mail.toOrganisationId())
                .set(MAIL_OUTBOX.SUBJECT, mail.subject())
                .set(MAIL_OUTBOX.TEXT_BODY, mail.textBody())
                .set(MAIL_OUTBOX.ICS, mail.ics())
                .set(MAIL_OUTBOX.CREATED_AT, now)
                .set(MAIL_OUTBOX.ATTEMPTS, 0)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /** Unsent mail whose next attempt is due, oldest first. */
    public List<OutboxMail> due(DSLContext db, OffsetDateTime now, int maxAttempts, int limit) {
        return db.selectFrom(MAIL_OUTBOX)
                .where(MAIL_OUTBOX.SENT_AT.isNull())
                .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .and(MAIL_OUTBOX.ATTEMPTS.lt(maxAttempts))
                .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID)
                .limit(limit)
                .fetch().map(MailStore::map);
    }

    /**
     * Takes a due row for this node by moving its next attempt to {@code until}: the update matches
     * only while the row is still due at {@code now}, so the first node's claim (which moves it past
     * every node's now) makes every later one update nothing, and two nodes never send the same
     * mail. The condition was once "next attempt before {@code until}", which a node whose clock was
     * a few seconds ahead also met right after another's claim: both sent the mail
     * (ScheduledWorkOnceTest). A claim held by a node that died expires at {@code until}.
     */
    public boolean claim(DSLContext db, UUID id, int attemptsSeen, OffsetDateTime now, OffsetDateTime until) {
        return db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, until)
                .where(MAIL_OUTBOX.ID.eq(id))
                .and(MAIL_OUTBOX.SENT_AT.isNull())
                .and(MAIL_OUTBOX.ATTEMPTS.eq(attemptsSeen))
                .and(MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now))
                .execute() == 1;
    }

    public void markSent(DSLContext db, UUID id, OffsetDateTime at) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.SENT_AT, at)
                .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .set(MAIL_OUTBOX.LAST_ERROR, (String) null)
                .where(MAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    public void markFailed(DSLContext db, UUID id, String error, OffsetDateTime nextAttempt) {
        db.update(MAIL_OUTBOX)
                .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
                .set(MAIL_OUTBOX.LAST_ERROR, error)
                .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, nextAttempt)
                .where(MAIL_OUTBOX.ID.eq(id))
                .execute();
    }

    /** Newest first, after {@code after}; only mail to {@code organisation}'s people when it is not null. */
    public List<OutboxMail> newestFirst(DSLContext db, UUID organisation, Position after, int limit) {
        Condition where = DSL.trueCondition();
        if (organisation != null) {
            where = where.and(MAIL_OUTBOX.TO_ORGANISATION_ID.eq(organisation));
        }
        if (after != null) {
            where = where.and(DSL.row(MAIL_OUTBOX.CREATED_AT, MAIL_OUTBOX.ID).lt(after.createdAt(), after.id()));
        }
        return db.selectFrom(MAIL_OUTBOX).where(where)
                .orderBy(MAIL_OUTBOX.CREATED_AT.desc(), MAIL_OUTBOX.ID.desc())
                .limit(limit)
                .fetch().map(MailStore::map);
    }

    private static OutboxMail map(MailOutboxRecord r) {
        return new OutboxMail(r.getId(), r.getToAddress(), r.getToUserId(), r.getToOrganisationId(), r.getSubject(),
                r.getTextBody(), r.getIcs(), r.getCreatedAt(), r.getSentAt(), r.getAttempts(), r.getLastError());
    }
}
