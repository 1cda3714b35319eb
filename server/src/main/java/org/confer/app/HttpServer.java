package org.confer.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.confer.http.BodyLimit;
import org.confer.http.ClientAddresses;
import org.confer.http.ConnectionGuard;
import org.confer.http.HttpPart;
import org.confer.http.ProblemMapping;
import org.confer.http.Problems;
import org.confer.http.PublicPages;
import org.confer.http.Route;
import org.confer.http.SecurityHeaders;
import org.confer.http.StaticFiles;
import org.confer.identity.Authenticator;
import org.confer.media.JanusRelay;
import org.confer.realtime.StreamEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the composition root: Javalin on Jetty with virtual threads, set up from
 * named parts, each one concern, installed in this order (the order of their before-handlers).
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private final Javalin javalin;
    private final ConnectionGuard guard;

    public HttpServer(Config config, List<Route> routes, Authenticator authenticator, ObjectMapper mapper, Metrics metrics,
                      StreamEndpoint stream, JanusRelay janus) {
        this.guard = new ConnectionGuard(config.headerTimeout(), config.maxConnectionsPerAddress(),
                Set.copyOf(config.trustedProxies()), metrics.registry());
        List<HttpPart> parts = List.of(
                new JettySetup(config, stream.limits(), guard),
                new ClientAddresses(config.trustedProxies()),
                new SecurityHeaders(config.baseUrl().startsWith("https://")),
                new BodyLimit(config.maxBodyBytes(), java.util.Map.of("/api/v1/uploads/", (long) org.confer.files.UploadService.MAX_CHUNK_BYTES)),
                new StaticFiles(),
                new PublicPages(),
                new GuardedRoutes(routes, authenticator, stream, janus),
                new ProblemMapping(new Problems(mapper)),
                new AccessLog(metrics));
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(mapper, true));
            parts.forEach(part -> part.install(cfg));
        });
    }

    public void start() {
        javalin.start();
        guard.start();
    }

    public int port() {
        return javalin.port();
    }

    /**
     * Stops taking connections and gives in-flight requests {@link JettySetup#STOP_TIMEOUT_MILLIS}
     * to finish. Jetty stops its connectors and handlers even when that graceful wait times out and
     * only then reports the timeout; a request cut at shutdown is a warning, not a failed stop (a
     * node being drained must still release its port and close its database).
     */
    public void stop() {
        guard.close();
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            if (!causedByTimeout(e)) {
                throw e;
            }
            log.warn("Requests still in flight after {} ms were cut when the server stopped", JettySetup.STOP_TIMEOUT_MILLIS);
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
