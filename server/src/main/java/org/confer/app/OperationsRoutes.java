package org.confer.app;

import org.confer.http.Route;
import org.confer.http.ProblemType;
import org.confer.http.ApiException;
import org.confer.http.Access;
import static org.confer.http.Route.get;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.confer.db.Database;
import org.confer.identity.Tokens;

/** Liveness, readiness, Prometheus metrics and the OpenAPI document. */
public final class OperationsRoutes {
    private final Database db;
    private final Metrics metrics;
    private final java.util.function.Supplier<String> metricsToken;
    private final byte[] openApi;
    private final java.util.function.BooleanSupplier started;

    /** {@code started}: App has started every listener and timer (MLLP, reminders), not only HTTP, and has not begun to stop. */
    public OperationsRoutes(Database db, Metrics metrics, java.util.function.Supplier<String> metricsToken,
                            java.util.function.BooleanSupplier started) {
        this.started = started;
        this.db = db;
        this.metrics = metrics;
        this.metricsToken = metricsToken;
        this.openApi = loadOpenApi();
    }

    public List<Route> routes() {
        return List.of(
                get("/healthz", Access.PUBLIC, "Liveness: the process is up", this::health),
                get("/readyz", Access.PUBLIC, "Readiness: database reachable and migrated", this::ready),
                get("/metrics", Access.PUBLIC, "Prometheus metrics (needs the metrics bearer token)", this::metrics),
                get("/api/v1/openapi.json", Access.PUBLIC, "This API's OpenAPI document", this::openApi));
    }

    private void health(Context ctx) {
        ctx.json(Map.of("status", "up"));
    }

    private void ready(Context ctx) {
        if (!started.getAsBoolean()) {
            // HTTP listens before the rest of the start (MLLP, timers) and after the stop has begun:
            // a balancer or test must not send work now.
            throw new ApiException(ProblemType.UNAVAILABLE, "Confer is starting or stopping");
        }
        if (db.isReady()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            throw new ApiException(ProblemType.UNAVAILABLE, "The database is not reachable or not migrated yet");
        }
    }

    private void metrics(Context ctx) {
        // Always private: per-route counts and pool internals help an attacker plan. The token is
        // CONFER_METRICS_TOKEN or the one generated at first start (data/metrics-token.txt).
        String auth = ctx.header("Authorization");
        if (auth == null || !Tokens.same(auth, "Bearer " + metricsToken.get())) {
            throw new ApiException(ProblemType.UNAUTHENTICATED,
                    "Metrics need 'Authorization: Bearer <token>': CONFER_METRICS_TOKEN, or the token in data/metrics-token.txt");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = OperationsRoutes.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }
}
