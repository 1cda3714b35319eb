package org.confer.results;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditTrail;
import org.confer.bots.BotPoster;
import org.confer.bots.BuiltInBot;
import org.confer.chat.AcknowledgementService;
import org.confer.db.Database;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Results bot's timer. Each tick: posts alerts left pending ({@link AlertPoster#sweep}),
 * notices plain urgent acknowledgements of critical alerts (the person pressed "Acknowledge" in
 * the urgent dialog rather than the card's button), and escalates critical results nobody has
 * acknowledged in time: level 1 is the ordering clinician's named deputy, level 2.. each on-call
 * role of the organisation's chain (its current holder). A level with nobody to alert is skipped;
 * past the chain's end the escalation is audited as exhausted and the last level's urgent
 * reminders go on. Due rows are claimed with {@code FOR UPDATE SKIP LOCKED} and the result's row
 * is locked before it is escalated, so of several nodes ticking at once one escalates each
 * (docs/operations.md, "Scheduled work in a cluster").
 */
public final class ResultEscalations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultEscalations.class);
    /** A tick's batch: far more unacknowledged critical results than a hospital has at once. */
    private static final int BATCH = 200;
    /** Urgent acknowledgements are looked for this long after an alert: well past the 20-minute reminder window. */
    private static final Duration ACKNOWLEDGEMENT_WATCH = Duration.ofDays(1);

    private final Database db;
    private final ResultStore results;
    private final ResultDirectoryStore directory;
    private final AlertPoster poster;
    private final ResultAcknowledgements acknowledgements;
    private final AcknowledgementService urgent;
    private final BotPoster bots;
    private final AuditTrail audit;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("result-escalations").factory());

    public ResultEscalations(Database db, ResultStore results, ResultDirectoryStore directory, AlertPoster poster,
                             ResultAcknowledgements acknowledgements, AcknowledgementService urgent, BotPoster bots, AuditTrail audit,
                             Clock clock) {
        this.db = db;
        this.results = results;
        this.directory = directory;
        this.poster = poster;
        this.acknowledgements = acknowledgements;
        this.urgent = urgent;
        this.bots = bots;
        this.audit = audit;
        this.clock = clock;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("result escalations failed; retrying at the next tick", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: pending posts, urgent acknowledgements, due escalations. Tests call it after moving the clock. */
    public synchronized void tick() {
        poster.sweep();
        noticeUrgentAcknowledgements();
        List<UUID> escalated = db.dsl().transactionResult(cfg -> escalateDue(cfg.dsl()));
        for (UUID resultId : escalated) {
            poster.postPending(resultId);
        }
    }

    private void noticeUrgentAcknowledgements() {
        for (Alert a : results.awaitingAcknowledgement(db.dsl(),
                OffsetDateTime.now(clock).minus(ACKNOWLEDGEMENT_WATCH), BATCH)) {
            UUID bot = bots.builtIn(a.organisationId(), BuiltInBot.RESULTS);
            var acks = urgent.acknowledgements(bots.principalOf(bot), a.conversationId(), a.messageId());
            acks.stream().filter(x -> x.acknowledgedAt() != null && !x.userId().equals(bot)).findFirst()
                    .ifPresent(x -> acknowledgements.acknowledge(a.resultId(), x.userId(), "urgent-acknowledgement"));
        }
    }

    private List<UUID> escalateDue(DSLContext tx) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<UUID, Integer> levels = new LinkedHashMap<>();
        for (Alert a : results.dueEscalations(tx, now, BATCH)) {
            levels.merge(a.resultId(), a.level(), Math::max);
        }
        List<UUID> escalated = new ArrayList<>();
        for (var e : levels.entrySet()) {
            StoredResult r = results.lock(tx, e.getKey()).orElseThrow();
            if (results.alerts(tx, r.id()).stream().anyMatch(a -> a.level() > e.getValue())) {
                // Another node escalated this result past these rows while this one waited for the result's lock
                // (its batch had other alert rows of the same result): escalating again would skip a level.
                results.stopEscalation(tx, r.id(), e.getValue());
                continue;
            }
            results.stopEscalation(tx, r.id(), e.getValue());
            if (r.acknowledgedAt() == null && escalate(tx, r, e.getValue(), now)) {
                escalated.add(r.id());
            }
        }
        return escalated;
    }

    /** Alerts the first level after {@code from} that has somebody to alert; false at the chain's end. */
    private boolean escalate(DSLContext tx, StoredResult r, int from, OffsetDateTime now) {
        ResultDirectoryStore.Settings settings = directory.settings(tx, r.organisationId());
        List<Alert> alerts = results.alerts(tx, r.id());
        int last = 1 + settings.chain().size();
        for (int level = from + 1; level <= last; level++) {
            Set<UUID> targets = targets(tx, r, settings, alerts, level);
            UUID previous = previousPerson(alerts, level);
            boolean any = false;
            for (UUID to : targets) {
                OffsetDateTime next = now.plusMinutes(level < last ? delayBefore(settings, level + 1) : delayBefore(settings, level));
                String reason = level == 1 ? Alert.DEPUTY : Alert.ON_CALL;
                if (!results.insertAlert(tx, new Alert(UUID.randomUUID(), r.id(), r.organisationId(), to, reason, level, previous,
                        true, now, null, null, null, next, null))) {
                    continue;
                }
                any = true;
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", previous == null ? Alert.INBOX : previous.toString());
                detail.put("to", to.toString());
                detail.put("level", level);
                detail.put("reason", reason);
                audit.record(tx, r.organisationId(), null, "result.escalated", "result", r.id(), detail, now);
            }
            if (any) {
                return true;
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", from);
        audit.record(tx, r.organisationId(), null, "result.escalation-exhausted", "result", r.id(), detail, now);
        return false;
    }

    /** Level 1: the deputies of the ordering clinicians alerted; level k ≥ 2: the holder of chain step k-2. */
    private Set<UUID> targets(DSLContext tx, StoredResult r, ResultDirectoryStore.Settings settings, List<Alert> alerts, int level) {
        Set<UUID> out = new LinkedHashSet<>();
        if (level == 1) {
            for (Alert a : alerts) {
                if (a.level() == 0 && Alert.ORDERER.equals(a.reason())) {
                    directory.deputyOf(tx, a.userId()).filter(d -> directory.activeIn(tx, r.organisationId(), d)).ifPresent(out::add);
                }
            }
        } else {
            directory.role(tx, r.organisationId(), settings.chain().get(level - 2).onCallRoleId())
                    .map(ResultDirectoryStore.OnCallRole::holderId)
                    .filter(h -> directory.activeIn(tx, r.organisationId(), h)).ifPresent(out::add);
        }
        return out;
    }

    /** Who did not acknowledge: the person of the highest level alerted before this one (null: the inbox). */
    private static UUID previousPerson(List<Alert> alerts, int level) {
        return alerts.stream().filter(a -> a.level() < level && a.userId() != null
                        && (a.level() > 0 || Alert.ORDERER.equals(a.reason())))
                .reduce((a, b) -> b.level() >= a.level() ? b : a).map(Alert::userId).orElse(null);
    }

    /** Minutes from level-1 alerts to level's: the deputy's wait, then each chain step's. */
    private static int delayBefore(ResultDirectoryStore.Settings settings, int level) {
        return level == 1 ? settings.deputyAfterMinutes() : settings.chain().get(level - 2).afterMinutes();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
