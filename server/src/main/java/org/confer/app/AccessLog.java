package org.confer.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import org.confer.http.HttpPart;
import org.confer.http.Requests;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in the {@code confer.access} log (method, path, status, time, client,
 * user) and the {@code http_server_requests} timer, tagged by route template so ids do not
 * explode the metric's series.
 */
final class AccessLog implements HttpPart {
    private static final Logger accessLog = LoggerFactory.getLogger("confer.access");

    private final Metrics metrics;

    AccessLog(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void install(JavalinConfig config) {
        config.requestLogger.http((ctx, ms) -> {
            int status = ctx.status().getCode();
            metrics.recordHttp(ctx.method().name(), routeOf(ctx), status, Duration.ofNanos((long) (ms * 1_000_000)));
            Principal p = SignedIn.orNull(ctx);
            accessLog.info("{} {} {} {}ms client={} user={}", ctx.method().name(), ctx.path(), status,
                    String.format("%.1f", ms), Requests.clientAddress(ctx), p == null ? "-" : p.userId());
        });
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException none) {
            return "unmatched";
        }
    }
}
