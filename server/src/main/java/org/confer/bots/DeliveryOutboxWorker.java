package org.confer.bots;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.UserFrame;
import org.confer.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outgoing-webhook outbox, and finds the mentions of bots and the direct messages to
 * them that should be sent. Both run every {@link #POLL} and at once when a message is posted
 * on this node. Deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so nodes
 * share the work and a node that dies mid-delivery leaves its rows to be taken again (at least
 * once; receivers deduplicate by {@code id}). A failure is retried after 10 s, doubling to an
 * hour apart, and given up (audited, logged) once the delivery is 24 hours old.
 *
 * <p>Why a scan and not the bus alone: a frame on the bus is published after commit, so a crash
 * between the commit and the listener would lose the mention. The scan reads committed messages
 * since a persisted cursor, re-reading an overlap (a transaction that commits a little after its
 * timestamp is still seen); the outbox's unique key per message makes the re-read harmless.
 */
public final class DeliveryOutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryOutboxWorker.class);
    /** Slack retries for about an hour; clinical integrations are often down overnight, so a day. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    /** The receiver's whole answer must come within this (Slack allows 3 s; a hospital network is slower). */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A mention reaches its bot within seconds even when the wake-up was on another node. */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final int BATCH = 10;
    /** Longer than a batch's worst case (BATCH × TIMEOUT) so a slow batch is not taken twice. */
    private static final Duration LEASE = TIMEOUT.multipliedBy(BATCH).plusMinutes(1);
    /** Commits come well within a minute of their transaction's timestamp; five is ample margin. */
    private static final Duration OVERLAP = Duration.ofMinutes(5);
    private static final int SCAN_LIMIT = 500;
    /**
     * A wake-up waits this long, so a burst of posts (a results feed at 50 a second) costs one scan
     * rather than one each; a mention still reaches its bot's queue within a quarter of a second.
     */
    private static final Duration WAKE_DELAY = Duration.ofMillis(200);

    private final Database db;
    private final DeliveryOutboxStore store;
    private final WebhookStore hooks;
    private final DeliveryOutbox outbox;
    private final SsrfGuard guard;
    private final OutgoingHttp http;
    private final AuditTrail audit;
    private final Clock clock;
    private final AtomicBoolean woken = new AtomicBoolean();
    private ScheduledExecutorService timer;

    public DeliveryOutboxWorker(Database db, DeliveryOutboxStore store, WebhookStore hooks, DeliveryOutbox outbox,
                                SsrfGuard guard, AuditTrail audit, Clock clock) {
        this(db, store, hooks, outbox, guard, audit, clock, new OutgoingHttp(TIMEOUT, javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory()));
    }

    DeliveryOutboxWorker(Database db, DeliveryOutboxStore store, WebhookStore hooks, DeliveryOutbox outbox,
                         SsrfGuard guard, AuditTrail audit, Clock clock, OutgoingHttp http) {
        this.db = db;
        this.store = store;
        this.hooks = hooks;
        this.outbox = outbox;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
        this.http = http;
    }

    public void start() {
        // Messages from before the first start are history, not triggers.
        if (store.cursor(db.dsl()).isEmpty()) {
            db.dsl().transaction(cfg -> store.moveCursor(cfg.dsl(), now()));
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webhook-outbox").factory());
        timer.scheduleWithFixedDelay(this::runSafely, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wakes the worker when a conversation event is published on this node (coalesced). */
    public Bus.Listener wakeOnMessages() {
        return new Bus.Listener() {
            @Override
            public void onConversationFrame(ConversationFrame frame) {
                if (timer != null && woken.compareAndSet(false, true)) {
                    timer.schedule(DeliveryOutboxWorker.this::runSafely, WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onUserFrame(UserFrame frame) {}

            @Override
            public void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {}
        };
    }

    /** One scan and one delivery pass; returns how many were delivered. Tests call it instead of waiting. */
    public synchronized int runOnce() {
        woken.set(false);
        scan();
        return deliverDue();
    }

    /** Queues a delivery for every message since the cursor that a bot should hear of. */
    int scan() {
        OffsetDateTime now = now();
        if (!store.anyListening(db.dsl())) {
            // No bot listens (the usual case): nothing to read, but the cursor keeps up, so a bot given an
            // outgoing webhook later hears of messages from then on, not of the past five minutes.
            db.dsl().transaction(cfg -> store.moveCursor(cfg.dsl(), now));
            return 0;
        }
        OffsetDateTime cursor = store.cursor(db.dsl()).orElse(now);
        List<DeliveryOutboxStore.Heard> heard = store.heard(db.dsl(), cursor.minus(OVERLAP), now, SCAN_LIMIT);
        // A full page may have more behind it: read on from its last message next time.
        OffsetDateTime to = heard.size() >= SCAN_LIMIT ? heard.getLast().at() : now;
        return db.dsl().transactionResult(cfg -> {
            int queued = 0;
            for (DeliveryOutboxStore.Heard h : heard) {
                DeliveryOutbox.Context where = new DeliveryOutbox.Context(h.teamId(), h.teamName(), h.conversationId(),
                        h.conversationName(), h.authorId(), h.authorName());
                DeliveryOutbox.Trigger what = new DeliveryOutbox.Trigger(h.event(), "message:" + h.messageId(), h.messageId(),
                        h.text(), null, null, List.of());
                if (outbox.enqueue(cfg.dsl(), h.botUserId(), where, what, now).isPresent()) {
                    queued++;
                }
            }
            store.moveCursor(cfg.dsl(), to);
            return queued;
        });
    }

    /** Claims and sends the due deliveries. */
    int deliverDue() {
        OffsetDateTime now = now();
        List<DeliveryOutboxStore.Delivery> due = db.dsl().transactionResult(cfg ->
                store.claimDue(cfg.dsl(), now, now.plus(LEASE), BATCH));
        int delivered = 0;
        for (DeliveryOutboxStore.Delivery d : due) {
            if (deliver(d)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(DeliveryOutboxStore.Delivery d) {
        Optional<WebhookStore.OutgoingHook> hook = hooks.outgoing(db.dsl(), d.botUserId());
        if (hook.isEmpty() || !hook.get().enabled()) {
            giveUp(d, "the bot's outgoing webhook was removed or disabled");
            return false;
        }
        String error;
        try {
            UUID org = hooks.organisationOf(db.dsl(), d.botUserId()).orElse(null);
            Set<String> allowed = org == null ? Set.of() : Set.copyOf(hooks.allowedHosts(db.dsl(), org));
            // Checked again at every attempt: the name may resolve elsewhere now, or the allow-list changed.
            SsrfGuard.Target target = guard.check(d.url(), allowed::contains);
            long ts = clock.instant().getEpochSecond();
            int status = http.post(target, Map.of(
                    "X-Confer-Timestamp", Long.toString(ts),
                    "X-Confer-Signature", Signatures.sign(hook.get().signingSecret(), ts, d.body()),
                    "X-Confer-Delivery", d.id().toString()), d.body());
            if (status >= 200 && status < 300) {
                store.markDelivered(db.dsl(), d.id(), now());
                return true;
            }
            error = "HTTP " + status;
        } catch (ApiException e) {
            error = e.getMessage();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        error = error.length() > 1000 ? error.substring(0, 1000) : error;
        OffsetDateTime next = now().plus(backOff(d.attempts() + 1));
        if (!next.isBefore(d.createdAt().plus(GIVE_UP_AFTER))) {
            giveUp(d, error);
        } else {
            store.markFailed(db.dsl(), d.id(), error, next);
            log.info("webhook delivery {} to bot {} failed (attempt {}), retrying at {}: {}", d.id(), d.botUserId(),
                    d.attempts() + 1, next, error);
        }
        return false;
    }

    private void giveUp(DeliveryOutboxStore.Delivery d, String error) {
        OffsetDateTime now = now();
        db.dsl().transaction(cfg -> {
            store.markGivenUp(cfg.dsl(), d.id(), error, now);
            audit.record(cfg.dsl(), hooks.organisationOf(cfg.dsl(), d.botUserId()).orElse(null), null, "webhook.delivery_given_up",
                    "webhook_delivery", d.id(), Map.of("botId", d.botUserId().toString(), "attempts", d.attempts() + 1,
                            "error", error.length() > 500 ? error.substring(0, 500) : error), now);
        });
        log.warn("webhook delivery {} to bot {} given up after {} attempts: {}", d.id(), d.botUserId(), d.attempts() + 1, error);
    }

    /** 10 s after the first failure, doubling, never more than an hour apart. */
    static Duration backOff(int failures) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("webhook outbox pass failed: {}", e.toString());
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
