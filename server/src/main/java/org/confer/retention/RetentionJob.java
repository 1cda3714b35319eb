package org.confer.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.db.Lease;
import org.confer.identity.Role;
import org.confer.identity.User;
import org.confer.identity.UserStatus;
import org.confer.identity.UserStore;

/**
 * The retention job (docs/retention.md, "The job"): for each organisation with a policy, the
 * messages due, a bounded batch at a time, each conversation's share in one transaction of that
 * conversation; then one audit record and one run row per organisation. Only the holder of the
 * {@code retention} lease runs, so any number of nodes (or a manual run during a scheduled one)
 * process each message once.
 */
final class RetentionJob {
    /**
     * Messages per batch: one query chooses them, then one transaction per conversation among
     * them. 200 keeps a transaction (and the conversation's write lock) to tens of milliseconds,
     * like a group commit of chat's sends (64 writes).
     */
    static final int BATCH = 200;
    /** Batches per organisation per run: 10,000 messages; the next run goes on from there, so one trust cannot starve the rest. */
    static final int MAX_BATCHES = 50;
    /** Long enough for a batch many times over; a node that died holding it delays the next run by at most this. */
    static final Duration LEASE = Duration.ofMinutes(5);

    /** A run's answer: whether this caller held the lease (false: another run was going), and what it did. */
    record Outcome(boolean ran, List<RetentionRun> runs) {}

    private final Database db;
    private final RetentionStore store;
    private final Eraser eraser;
    private final UserStore users;
    private final AuditTrail audit;
    private final Lease lease = new Lease("retention");
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final Clock clock;

    RetentionJob(Database db, RetentionStore store, Eraser eraser, UserStore users, AuditTrail audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.eraser = eraser;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs every policy ({@code organisationId} null) or one organisation's; {@code actorId} null for the schedule. */
    Outcome run(UUID organisationId, UUID actorId) {
        String holder = node + "/" + UUID.randomUUID();
        if (!lease.acquire(db.dsl(), holder, now(), now().plus(LEASE))) {
            return new Outcome(false, List.of());
        }
        try {
            List<RetentionRun> runs = new ArrayList<>();
            for (RetentionPolicy p : store.policies(db.dsl())) {
                if (organisationId == null || organisationId.equals(p.organisationId())) {
                    runs.add(runOrganisation(p, actorId, holder));
                }
            }
            return new Outcome(true, runs);
        } finally {
            lease.release(db.dsl(), holder);
        }
    }

    private RetentionRun runOrganisation(RetentionPolicy p, UUID actorId, String holder) {
        OffsetDateTime started = now();
        OffsetDateTime cutoff = p.cutoff(started);
        UUID placeholder = p.action() == RetentionPolicy.Action.ANONYMISE ? placeholder(p.organisationId()) : null;
        int held = store.preview(db.dsl(), p.organisationId(), cutoff, p.action()).held();
        int messages = 0;
        int files = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<RetentionStore.Candidate> due = store.due(db.dsl(), p.organisationId(), cutoff, p.action(), BATCH);
            if (due.isEmpty()) {
                break;
            }
            Map<UUID, List<UUID>> byConversation = new LinkedHashMap<>();
            due.forEach(c -> byConversation.computeIfAbsent(c.conversationId(), k -> new ArrayList<>()).add(c.messageId()));
            int progress = 0;
            for (Map.Entry<UUID, List<UUID>> e : byConversation.entrySet()) {
                Eraser.Done d = eraser.apply(p.action(), e.getKey(), e.getValue(), placeholder);
                messages += d.messages();
                files += d.files();
                progress += d.messages();
            }
            // Held since they were chosen: the next run looks again. Lost lease: another node goes on.
            if (progress == 0 || !lease.renew(db.dsl(), holder, now().plus(LEASE))) {
                break;
            }
        }
        RetentionRun run = new RetentionRun(UUID.randomUUID(), p.organisationId(), actorId == null ? "schedule" : "manual",
                p.action().code(), p.days(), cutoff, messages, files, held, started, now());
        if (run.messages() > 0 || held > 0 || actorId != null) {
            db.dsl().transaction(cfg -> {
                store.insertRun(cfg.dsl(), run);
                audit.record(cfg.dsl(), p.organisationId(), actorId, "retention.run", "organisation", p.organisationId(),
                        Map.of("action", run.action(), "days", run.days(), "cutoff", cutoff.toString(), "messages", run.messages(),
                                "files", run.files(), "held", held, "trigger", run.trigger()), run.finishedAt());
            });
        }
        return run;
    }

    /** The organisation's "Former member" account, made on first use (only the lease holder gets here). */
    private UUID placeholder(UUID organisationId) {
        return store.placeholder(db.dsl(), organisationId).orElseGet(() -> db.dsl().transactionResult(cfg -> {
            UUID id = UUID.randomUUID();
            users.insert(cfg.dsl(), new User(id, organisationId, "former-member-" + organisationId + "@retention.invalid",
                    "Former member", null, null, Role.MEMBER, UserStatus.DISABLED, now()), null);
            store.insertPlaceholder(cfg.dsl(), organisationId, id);
            return id;
        }));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
