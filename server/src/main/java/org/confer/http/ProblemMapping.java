package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error becomes problem+json (docs/api/problems.md): our own exceptions with their type,
 * Javalin's by status, unmatched paths and methods, a lost database as 503 unavailable, and
 * anything unexpected as a bare 500 whose error id is in the log with the stack trace (the trace
 * never goes to the client).
 */
public final class ProblemMapping implements HttpPart {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);

    /** admin_shutdown, crash_shutdown, cannot_connect_now (PostgreSQL's errcodes). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * What a 503 for a lost database asks clients to wait: about the time HAProxy takes to
     * notice (two failed /readyz checks 2 s apart, deploy/haproxy/confer.cfg) and send the retry
     * to another node.
     */
    static final long DATABASE_RETRY_AFTER_SECONDS = 2;

    private final Problems problems;

    public ProblemMapping(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.extras().get("retryAfterSeconds") instanceof Number seconds) {
                ctx.header("Retry-After", Long.toString(seconds.longValue()));
            }
            problems.write(ctx, e);
        });
        config.routes.exception(RateLimitedException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            problems.write(ctx, ProblemType.RATE_LIMITED, e.getMessage(), Map.of("retryAfterSeconds", e.retryAfterSeconds()));
        });
        config.routes.exception(HttpResponseException.class,
                (e, ctx) -> problems.write(ctx, fromStatus(e.getStatus()), e.getMessage(), Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (databaseUnavailable(e)) {
                // Not a bug and not the client's fault: the database is down, restarting or out of
                // reach (docs/cluster.md, "When PostgreSQL goes away"). Nothing was acknowledged, so a retry with the same
                // clientMsgId is safe; one line in the log, not a stack trace per request.
                log.warn("database unavailable: {} {}: {}", ctx.method(), ctx.path(), rootMessage(e));
                ctx.header("Retry-After", Long.toString(DATABASE_RETRY_AFTER_SECONDS));
                problems.write(ctx, ProblemType.UNAVAILABLE, "The database is not reachable; try again in a moment",
                        Map.of("retryAfterSeconds", DATABASE_RETRY_AFTER_SECONDS));
                return;
            }
            String errorId = UUID.randomUUID().toString();
            log.error("unhandled error id={} {} {}", errorId, ctx.method(), ctx.path(), e);
            problems.write(ctx, ProblemType.INTERNAL, "Something went wrong on the server (error id " + errorId + ")",
                    Map.of("errorId", errorId));
        });
        config.routes.error(404, ctx -> {
            if (!Problems.alreadyWritten(ctx)) {
                problems.write(ctx, ProblemType.NOT_FOUND, "No resource at " + ctx.path(), Map.of());
            }
        });
        config.routes.error(405, ctx -> {
            if (!Problems.alreadyWritten(ctx)) {
                problems.write(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not supported at " + ctx.path(), Map.of());
            }
        });
    }

    /**
     * A failure to reach the database rather than a failed statement: the pool timed out waiting
     * for a connection, or the driver reports SQLSTATE class 08 (connection exception) or 57P01-03
     * (the server shutting down, crashed, or still starting).
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ProblemType fromStatus(int status) {
        return switch (status) {
            case 400 -> ProblemType.VALIDATION;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.RATE_LIMITED;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        };
    }
}
