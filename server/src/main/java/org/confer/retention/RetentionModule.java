package org.confer.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.confer.audit.AuditTrail;
import org.confer.chat.Attachments;
import org.confer.db.Database;
import org.confer.events.ConversationWriter;
import org.confer.http.Route;
import org.confer.identity.DirectoryService;
import org.confer.identity.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds retention for App (docs/retention.md): policies, legal holds, the job and its timer,
 * and compliance exports. The timer runs the job every {@code intervalMinutes} (0: never; "Run
 * now" and {@link #job()} still work), first one interval after start.
 */
public final class RetentionModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RetentionModule.class);

    /** What retention needs of the features it acts on: chat's writer, files' attachments and contents. */
    public record Features(ConversationWriter writer, Attachments attachments, ComplianceContents contents) {}

    /** The bytes of a stored file by SHA-256 (the files feature's blob store): what an export copies into its zip. */
    public interface ComplianceContents {
        java.io.InputStream open(String sha256) throws java.io.IOException;
    }

    private final RetentionJob job;
    private final RetentionRoutes routes;
    private final int intervalMinutes;
    private ScheduledExecutorService timer;

    public RetentionModule(Database db, Features features, DirectoryService directory, UserStore users, AuditTrail audit, Clock clock,
                           ObjectMapper mapper, int intervalMinutes) {
        RetentionStore store = new RetentionStore();
        Eraser eraser = new Eraser(store, new ErasureStore(), features.writer(), features.attachments(), mapper);
        this.job = new RetentionJob(db, store, eraser, users, audit, clock);
        RetentionService service = new RetentionService(db, store, job, directory, audit, clock);
        this.routes = new RetentionRoutes(service, new ComplianceExport(db, new ExportStore(), service, features.contents(), audit,
                mapper, clock), mapper);
        this.intervalMinutes = intervalMinutes;
    }

    public List<Route> routes() {
        return routes.routes();
    }

    /**
     * Runs every policy now, as the timer does; tests call it instead of waiting. Returns how many
     * messages were deleted or anonymised, or -1 when another run held the lease and this one did nothing.
     */
    public int runNow() {
        RetentionJob.Outcome o = job.run(null, null);
        return o.ran() ? o.runs().stream().mapToInt(RetentionRun::messages).sum() : -1;
    }

    public void start() {
        if (intervalMinutes > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention").daemon().factory());
            timer.scheduleWithFixedDelay(this::runQuietly, intervalMinutes, intervalMinutes, TimeUnit.MINUTES);
        }
    }

    private void runQuietly() {
        try {
            int n = runNow();
            if (n > 0) {
                log.info("retention: {} messages deleted or anonymised", n);
            }
        } catch (RuntimeException e) {
            log.error("retention run failed; it runs again in {} minutes", intervalMinutes, e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
