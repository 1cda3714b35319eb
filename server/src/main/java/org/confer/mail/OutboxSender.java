package org.confer.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the mail outbox over SMTP, when one is configured: every few seconds it takes the due
 * unsent rows, sends each, and marks it sent; a failure is retried with back-off (1 min,
 * doubling, at most an hour apart) up to {@link #MAX_ATTEMPTS} times, the error kept on the row
 * for the admin's outbox list. Without SMTP it does nothing: the rows stay for an admin to read.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Ten attempts with the back-off below span about eight hours: a relay down overnight is caught up. */
    static final int MAX_ATTEMPTS = 10;
    /** How often the outbox is looked at: an invitation arrives within seconds, at one cheap query per poll. */
    private static final Duration POLL = Duration.ofSeconds(5);
    /** Rows per poll: bounds one pass; the next poll takes the rest. */
    private static final int BATCH = 50;
    /** A claimed row is left alone by other nodes this long: longer than one SMTP conversation's timeouts. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final Duration MAX_RETRY = Duration.ofHours(1);

    private final Database db;
    private final MailStore store;
    private final Clock clock;
    private final Optional<SmtpDelivery> smtp;
    private ScheduledExecutorService timer;

    public OutboxSender(Database db, MailStore store, Clock clock, Optional<SmtpSettings> smtp) {
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.smtp = smtp.map(SmtpDelivery::new);
    }

    public boolean enabled() {
        return smtp.isPresent();
    }

    public void start() {
        if (smtp.isEmpty()) {
            log.info("no SMTP server configured (CONFER_SMTP_HOST): mail stays in the outbox, GET /api/v1/admin/email-outbox");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("mail-outbox").factory());
        timer.scheduleWithFixedDelay(this::sendDueSafely, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over the due mail; returns how many were sent. Tests call it instead of waiting for the timer. */
    public int sendDue() {
        if (smtp.isEmpty()) {
            return 0;
        }
        int sent = 0;
        OffsetDateTime now = now();
        List<OutboxMail> due = store.due(db.dsl(), now, MAX_ATTEMPTS, BATCH);
        for (OutboxMail mail : due) {
            if (!store.claim(db.dsl(), mail.id(), mail.attempts(), now, now.plus(CLAIM))) {
                continue; // another node (or pass) has it
            }
            try {
                smtp.get().send(mail);
                store.markSent(db.dsl(), mail.id(), now());
                sent++;
            } catch (Exception e) {
                // Any failure of one mail (refused address, relay down, bad header) is that mail's:
                // it is retried later and the others still go.
                String error = describe(e);
                store.markFailed(db.dsl(), mail.id(), error.length() > 1000 ? error.substring(0, 1000) : error,
                        now().plus(backOff(mail.attempts() + 1)));
                log.warn("mail {} to the outbox's recipient not sent (attempt {}): {}", mail.id(), mail.attempts() + 1, error);
            }
        }
        return sent;
    }

    /** The failure and what caused it (Jakarta Mail nests the server's reply, such as "550 mailbox unavailable"). */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t) && sb.length() < 1000; ) {
            sb.append(sb.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage() == null ? "" : t.getMessage().strip());
            t = t instanceof jakarta.mail.MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return sb.toString();
    }

    /** 1 min after the first failure, doubling, never more than an hour. */
    static Duration backOff(int failures) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 10));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("mail outbox pass failed: {}", e.toString());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
