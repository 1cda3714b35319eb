package org.confer.auditlog;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditRetention;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.db.Lease;
import org.confer.http.Route;
import org.confer.identity.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the audit log's admin side for App (docs/audit.md): reading, export, verification, and
 * the log's own retention, run at start and then every {@link #PRUNE_EVERY}.
 */
public final class AuditLogModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLogModule.class);
    /** Retention is counted in days; pruning a few times a day keeps each run short. */
    static final Duration PRUNE_EVERY = Duration.ofHours(6);
    /**
     * How long a node holds the audit-retention lease: far beyond a prune of a few days' records
     * (pages of 1,000, each milliseconds); a node that dies holding it delays the next run by at most this.
     */
    static final Duration LEASE = Duration.ofMinutes(30);

    private final Database db;
    private final AuditTrail audit = new AuditTrail();
    private final AuditRetention retention = new AuditRetention(audit);
    private final Lease lease = new Lease("audit-retention");
    private final String node = "node-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    private final int retentionDays;
    private final Clock clock;
    private final AuditRoutes routes;
    private ScheduledExecutorService timer;

    /** {@code retentionDays} 0 keeps the audit log for ever (CONFER_AUDIT_RETENTION_DAYS). */
    public AuditLogModule(Database db, DirectoryService directory, int retentionDays, Clock clock) {
        this.db = db;
        this.retentionDays = retentionDays;
        this.clock = clock;
        this.routes = new AuditRoutes(new AuditLogService(db, audit, directory, clock));
    }

    public List<Route> routes() {
        return routes.routes();
    }

    /** Chains records written before V21 (once, on the first node to get here), then starts pruning if retention is set. */
    public void start() {
        db.dsl().transaction(cfg -> audit.sealLegacy(cfg.dsl()));
        if (retentionDays > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-retention").daemon().factory());
            timer.scheduleWithFixedDelay(this::pruneQuietly, 1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        }
    }

    /**
     * One retention run now; tests call it instead of waiting. Returns null when retention is off,
     * or when another node (or thread) holds the lease and is pruning: every node's timer fires,
     * one prunes and records "audit.pruned" once.
     */
    public AuditRetention.Pruned prune() {
        if (retentionDays <= 0) {
            return null;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String holder = node + "/" + java.util.UUID.randomUUID();
        if (!lease.acquire(db.dsl(), holder, now, now.plus(LEASE))) {
            return null;
        }
        try {
            return retention.prune(db.dsl(), now.minusDays(retentionDays), now);
        } finally {
            lease.release(db.dsl(), holder);
        }
    }

    private void pruneQuietly() {
        try {
            AuditRetention.Pruned p = prune();
            if (p != null && (p.deleted() > 0 || p.stoppedAt() != null)) {
                log.info("audit retention: {} records older than {} days deleted, checkpoint at seq {}{}", p.deleted(), retentionDays,
                        p.throughSeq(), p.stoppedAt() == null ? "" : "; stopped: " + p.stoppedAt().reason());
            }
        } catch (RuntimeException e) {
            log.error("audit retention failed; it runs again in {}", PRUNE_EVERY, e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
