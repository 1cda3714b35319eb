package org.confer.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error becomes problem+json (docs/api/problems.md): our own exceptions with their type,
 * Javalin's by status, unmatched paths and methods, and anything unexpected as a bare 500 whose
 * error id is in the log with the stack trace (the trace never goes to the client).
 */
public final class ProblemMapping implements HttpPart {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapping.class);

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
