package org.confer.visits;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.mail.Mailer;
import org.confer.sms.SmsException;
import org.confer.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reminders tick (docs/virtual-visits.md, "Reminders"). Each due reminder is claimed by a
 * conditional update ({@code sent_at} null → now) in the transaction that writes its mail, so it
 * is in the outbox exactly once: a second node's claim of the same row updates nothing, and a
 * node killed before its commit leaves the row unclaimed and the mail unwritten. The SMS follows
 * the commit: at most once (a crash in between loses the text, never doubles it). The same tick
 * posts ward notices a failed post left owed.
 */
public final class VisitReminders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VisitReminders.class);
    /** Reminders claimed per transaction: a backlog after downtime goes in short transactions. */
    static final int BATCH = 100;
    /** A notice owed for longer than this is posted by the tick (a booking's own post takes far less). */
    static final Duration NOTICE_OWED_AFTER = Duration.ofMinutes(1);

    private record Text(String to, String body, String reference) {}

    private final Database db;
    private final VisitStore store;
    private final Mailer mailer;
    private final VisitMail mail;
    private final WardNotices notices;
    private final Optional<SmsSender> sms;
    private final AuditTrail audit;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("visit-reminders").factory());

    VisitReminders(Database db, VisitStore store, Mailer mailer, VisitMail mail, WardNotices notices, Optional<SmsSender> sms,
                   AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.mailer = mailer;
        this.mail = mail;
        this.notices = notices;
        this.sms = sms;
        this.audit = audit;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("visit reminders tick failed; retrying at the next tick", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends every reminder due now and posts owed notices; returns how many reminders this call sent. */
    public int runDue() {
        int total = 0;
        while (true) {
            OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
            List<VisitStore.DueReminder> due = store.dueReminders(db.dsl(), now, BATCH);
            List<Text> texts = new ArrayList<>();
            int sent = db.dsl().transactionResult(cfg -> {
                var tx = cfg.dsl();
                int claimed = 0;
                for (VisitStore.DueReminder d : due) {
                    if (!store.claimReminder(tx, d, now)) {
                        continue; // another node (or tick) has it
                    }
                    claimed++;
                    Visit v = store.visit(tx, d.visitId()).orElseThrow();
                    if (v.status() != VisitStatus.BOOKED) {
                        continue; // claimed so it is never looked at again; nothing to remind of
                    }
                    VisitCalendar c = store.calendar(tx, v.calendarId()).orElseThrow();
                    mailer.send(tx, mail.reminder(v, c, d.kind()), now);
                    audit.record(tx, v.organisationId(), null, "visit.reminded", "visit", v.id(),
                            Map.of("kind", d.kind(), "reference", v.reference(), "sms", v.visitorMobile() != null && sms.isPresent()), now);
                    if (v.visitorMobile() != null) {
                        texts.add(new Text(v.visitorMobile(), mail.reminderSms(v, c, d.kind()), v.reference()));
                    }
                }
                return claimed;
            });
            sms.ifPresent(s -> texts.forEach(t -> {
                try {
                    s.send(t.to(), t.body());
                } catch (SmsException | RuntimeException e) {
                    log.warn("the SMS reminder of visit {} failed; its email went", t.reference(), e);
                }
            }));
            total += sent;
            if (due.size() < BATCH) {
                postOwedNotices();
                return total;
            }
        }
    }

    private void postOwedNotices() {
        OffsetDateTime before = OffsetDateTime.now(clock).minus(NOTICE_OWED_AFTER);
        for (Visit v : store.noticesOwed(db.dsl(), before, BATCH)) {
            if (v.status() == VisitStatus.CANCELLED) {
                // Cancelled before its notice went: telling the ward of a booking that is gone would mislead.
                store.markNoticePosted(db.dsl(), v.id(), OffsetDateTime.now(clock));
                continue;
            }
            notices.booked(store.calendar(db.dsl(), v.calendarId()).orElseThrow(), v);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
