package org.confer.requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditTrail;
import org.confer.events.ConversationWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates requests not done by their due time: the service's lead gets an urgent direct
 * message from the Requests bot, the queue card turns critical and says OVERDUE, the requester
 * is told, and {@code request.updated} carries {@code overdue: true}. Each request is escalated
 * once: it is marked (and audited) in a transaction that holds its row lock, so a second node's
 * timer skips it ({@code SKIP LOCKED}) and, after the commit, no longer finds it due. The
 * messages follow the commit and are then marked told; a node that dies in between (or a message that fails) leaves them owed, and a later tick
 * sends them again. Each message has a clientMsgId of its own, so sending twice posts once.
 */
public final class OverdueRequests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OverdueRequests.class);
    /** docs/bots-and-results.md: a lead hears within half a minute of the due time. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Rows locked per transaction: a backlog after downtime is worked through in short transactions. */
    static final int BATCH = 100;
    /** Messages owed for longer than this are sent again (a tick's own sends take far less). */
    static final Duration OWED_AFTER = Duration.ofMinutes(1);

    private record Escalation(ServiceDefinition service, ServiceRequest request) {}

    private final ConversationWriter writer;
    private final RequestStore store;
    private final RequestNotices notices;
    private final AuditTrail audit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("overdue-requests").factory());

    public OverdueRequests(ConversationWriter writer, RequestStore store, RequestNotices notices, AuditTrail audit) {
        this.writer = writer;
        this.store = store;
        this.notices = notices;
        this.audit = audit;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("overdue requests check failed; retrying at the next tick", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Escalates every request overdue now; returns how many. */
    public int runDue() {
        int total = 0;
        while (true) {
            List<Escalation> batch = writer.write(tx -> {
                Map<UUID, ServiceDefinition> services = new HashMap<>();
                List<Escalation> out = new ArrayList<>();
                for (ServiceRequest r : store.overdueForUpdate(tx.dsl(), tx.now(), BATCH)) {
                    ServiceDefinition s = services.computeIfAbsent(r.serviceId(), id -> store.service(tx.dsl(), id).orElseThrow());
                    store.markOverdue(tx.dsl(), r.id(), tx.now());
                    audit.record(tx.dsl(), r.organisationId(), null, "request.overdue", "service_request", r.id(),
                            Map.of("dueAt", r.dueAt().toString(), "status", r.status().code(), "lead", s.leadId().toString()),
                            tx.now());
                    ServiceRequest marked = store.request(tx.dsl(), r.id()).orElseThrow();
                    RequestService.tell(tx, s, marked);
                    out.add(new Escalation(s, marked));
                }
                return out;
            });
            for (Escalation e : batch) {
                tellPeople(e);
            }
            total += batch.size();
            if (batch.size() < BATCH) {
                tellOwed();
                return total;
            }
        }
    }

    /** Sends the overdue messages that a dead node or a failure left unsent. */
    private void tellOwed() {
        List<Escalation> owed = writer.write(tx -> {
            List<Escalation> out = new ArrayList<>();
            for (ServiceRequest r : store.overdueUntold(tx.dsl(), tx.now().minus(OWED_AFTER), BATCH)) {
                out.add(new Escalation(store.service(tx.dsl(), r.serviceId()).orElseThrow(), r));
            }
            return out;
        });
        owed.forEach(this::tellPeople);
    }

    private void tellPeople(Escalation e) {
        try {
            notices.tell(e.request(), e.service().leadId(), "overdue", notices.overdueToLead(e.service(), e.request()), true);
            notices.refreshCard(e.service(), e.request());
            notices.tell(e.request(), e.request().requesterId(), "late", notices.overdueToRequester(e.service(), e.request()), false);
            writer.write(tx -> {
                store.markTold(tx.dsl(), e.request().id(), tx.now());
                return null;
            });
        } catch (RuntimeException failed) {
            // One request's messages failing (a lead who left) must not stop the others'; they stay owed and are
            // sent again by a later tick (tellOwed), posted once thanks to their clientMsgIds.
            log.warn("telling people that request {} is overdue failed", e.request().id(), failed);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
