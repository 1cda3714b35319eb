package org.confer.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.events.ConversationWriter;
import org.confer.events.UserEvent.UrgentNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-notifies recipients of an urgent message every 2 minutes until they acknowledge it, for
 * at most 20 minutes after it was posted (ten reminders after the first notice). Clinical
 * teams need an explicit acknowledgement: reading is not enough. Each reminder is a user event
 * ({@code message.urgent} with its attempt number), so it reaches every device and survives
 * reconnects. Due reminders are claimed with a row lock, so several nodes never double-send.
 */
public final class UrgentReminders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UrgentReminders.class);
    public static final Duration INTERVAL = Duration.ofMinutes(2);
    public static final Duration WINDOW = Duration.ofMinutes(20);
    /** How long after the window's last reminder a late one (the server was down) is still sent. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final ConversationWriter writer;
    private final UrgentStore urgent;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("urgent-reminders").factory());

    public UrgentReminders(ConversationWriter writer, UrgentStore urgent, Clock clock) {
        this.writer = writer;
        this.urgent = urgent;
        this.clock = clock;
    }

    /** When the first reminder is due for a message posted at {@code postedAt}. */
    public static OffsetDateTime firstReminder(OffsetDateTime postedAt) {
        return postedAt.plus(INTERVAL);
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("urgent reminders failed; retrying at the next tick", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends every reminder that is due now; returns how many were sent. */
    public int runDue() {
        int sent = 0;
        while (true) {
            int batch = writer.write(tx -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                List<UrgentStore.Due> due = urgent.due(tx.dsl(), now, 200);
                int n = 0;
                for (UrgentStore.Due d : due) {
                    if (now.isAfter(d.postedAt().plus(WINDOW).plus(GRACE))) {
                        urgent.notified(tx.dsl(), d.messageId(), d.userId(), d.notifiedCount(), null);
                        continue;
                    }
                    // Reminder k (k = 1..10) is due at postedAt + 2k minutes; notifiedCount counts the first notice too,
                    // so the slot due now is k = notifiedCount. After an outage or a stalled timer the clock may have
                    // passed several slots: one reminder goes now, numbered by the slot reached, and the rest of the
                    // window follows on time. Skipping the late ones, or stopping, would leave an unacknowledged
                    // urgent message with no further alert (docs/clinical-safety, H-003).
                    long reached = Math.min(WINDOW.dividedBy(INTERVAL), Duration.between(d.postedAt(), now).dividedBy(INTERVAL));
                    int attempt = (int) Math.max(d.notifiedCount(), reached) + 1;
                    tx.toUser(d.userId(), new UrgentNotice(d.conversationId(), d.messageId(), attempt));
                    OffsetDateTime next = d.postedAt().plus(INTERVAL.multipliedBy(attempt));
                    boolean more = !next.isAfter(d.postedAt().plus(WINDOW));
                    urgent.notified(tx.dsl(), d.messageId(), d.userId(), attempt, more ? next : null);
                    n++;
                }
                return due.isEmpty() ? -1 : n;
            });
            if (batch < 0) {
                return sent;
            }
            sent += batch;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
