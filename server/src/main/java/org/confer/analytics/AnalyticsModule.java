package org.confer.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.confer.audit.AuditTrail;
import org.confer.db.Database;
import org.confer.http.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage analytics, built in one piece for App (docs/analytics.md): the counters' store, the
 * rollup job and the admin routes. Lifecycle: {@link #start} after the migrations (seeds the
 * synthetic year when asked, then starts the rollup's timer), {@link #close} before the database.
 */
public final class AnalyticsModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsModule.class);
    private final Database db;
    private final UsageSettings settings;
    private final Clock clock;
    private final UsageStore store = new UsageStore();
    private final UsageRollup rollup;
    private final UsageReports reports;

    public AnalyticsModule(Database db, UsageSettings settings, AuditTrail audit, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.rollup = new UsageRollup(db, store, new UsageSources(), settings.zone(), clock);
        this.reports = new UsageReports(db, store, audit, settings.zone(), clock);
    }

    public List<Route> routes() {
        return new UsageRoutes(reports).routes();
    }

    /** The rollup; tests call {@code rollup().run()} instead of waiting for its timer. */
    public UsageRollup rollup() {
        return rollup;
    }

    public void start() {
        if (settings.syntheticOrgs() > 0) {
            seedSynthetic(settings.syntheticOrgs());
        }
        rollup.start(settings.tick());
    }

    /**
     * Seeds the synthetic national year once (a later start finds usage_state.synthetic set):
     * the existing organisations first, then made-up ones up to {@code organisations}.
     */
    private void seedSynthetic(int organisations) {
        long t0 = System.nanoTime();
        boolean seeded = db.dsl().transactionResult(cfg -> {
            var tx = cfg.dsl();
            if (store.lock(tx).synthetic()) {
                return false;
            }
            List<UUID> ids = new ArrayList<>(store.organisations(tx).stream().map(UsageStore.Organisation::id).limit(organisations).toList());
            for (int i = ids.size(); i < organisations; i++) {
                ids.add(UUID.nameUUIDFromBytes(("confer-synthetic-organisation-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            new SyntheticUsage(store).seed(tx, ids, LocalDate.now(clock.withZone(settings.zone())).minusDays(1));
            return true;
        });
        if (seeded) {
            log.info("usage: a SYNTHETIC national year for {} organisations seeded in {} ms (CONFER_USAGE_SYNTHETIC_ORGS)",
                    organisations, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Override
    public void close() {
        rollup.close();
    }
}
