package org.confer.app;

import org.confer.http.ConnectionGuard;
import org.confer.http.ClientAddresses;
import org.confer.http.Route;
import org.confer.http.Requests;
import org.confer.http.Problems;
import org.confer.http.ProblemType;
import org.confer.http.ApiException;
import org.confer.http.Access;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.confer.identity.Authenticator;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;
import org.confer.identity.RateLimitedException;
import org.confer.realtime.StreamEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the composition root: Javalin on Jetty with virtual threads, the route table
 * behind one authentication and authorisation guard, problem+json for every error, security
 * headers, the access log and HTTP metrics.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger accessLog = LoggerFactory.getLogger("confer.access");

    private static final long MAX_SWALLOW_BYTES = 2L * 1024 * 1024;

    private final Javalin javalin;
    private final ConnectionGuard guard;

    public HttpServer(Config config, List<Route> routes, Authenticator authenticator, ObjectMapper mapper, Metrics metrics,
                      StreamEndpoint stream) {
        Problems problems = new Problems(mapper);
        ClientAddresses addresses = new ClientAddresses(config.trustedProxies());
        boolean https = config.baseUrl().startsWith("https://");
        this.guard = new ConnectionGuard(config.headerTimeout(), config.maxConnectionsPerAddress(),
                java.util.Set.copyOf(config.trustedProxies()), metrics.registry());
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(mapper, true));
            cfg.jetty.host = config.bind();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(stream.limits().maxInboundFrameBytes());
                // Binary frames are refused (1003) up to the same size as text; larger ones are 1009.
                ws.setMaxBinaryMessageSize(stream.limits().maxInboundFrameBytes());
                // Jetty drops a socket with no traffic either way for this long; a silent client is closed (4002) before.
                ws.setIdleTimeout(stream.limits().socketIdleTimeout());
                // Room to batch a burst of frames into one write (Jetty batches frames under a
                // quarter of this); taken from the pool only while a burst is being written.
                ws.setOutputBufferSize(16 * 1024);
            });
            // 16 KiB, not Jetty's 8: GET /api/v1/presence takes up to 200 ids in the query string
            // (about 7.8 KB with %2C commas), on top of a browser's cookies and headers.
            cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(16 * 1024));
            cfg.jetty.addConnector((server, http) -> {
                org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(
                        server, new org.eclipse.jetty.server.HttpConnectionFactory(http));
                connector.setHost(config.bind());
                connector.setPort(config.port());
                // Jetty's default backlog is 50: a burst of connects (a ward's devices coming back
                // after a network blip; the idle benchmark) overflowed it and the kernel dropped the
                // rest, each of those clients retrying a second later. The kernel caps it at somaxconn.
                connector.setAcceptQueueSize(1024);
                // Jetty's default, made explicit (docs/protocol.md section 5): a kept-alive HTTP
                // connection idle this long between requests is closed.
                connector.setIdleTimeout(30_000);
                connector.addEventListener(guard);
                return connector;
            });
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setStopAtShutdown(false);
            });
            // The web client's hashed bundles (web/dist/assets, Vite) never change under a name:
            // cache them for a year. Registered first so it wins over the catch-all below.
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/assets";
                sf.directory = "/public/assets";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
            });
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/public";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache");
            });

            cfg.routes.before(ctx -> {
                Requests.attachClientAddress(ctx, addresses.of(ctx));
                securityHeaders(ctx, https);
                long length = ctx.req().getContentLengthLong();
                if (length > config.maxBodyBytes()) {
                    // Swallow a modestly oversized body (like Tomcat's maxSwallowSize) before answering:
                    // closing on unread bytes makes the kernel reset the connection, and the client
                    // may then lose the 413 it was sent. Far larger bodies are cut off unread.
                    if (length <= MAX_SWALLOW_BYTES) {
                        ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                            "The request body is " + length + " bytes; the limit is " + config.maxBodyBytes());
                }
            });
            for (Route r : routes) {
                cfg.routes.addEndpoint(new io.javalin.router.Endpoint(r.method(), r.path(), guarded(r, authenticator)));
            }

            cfg.routes.wsBeforeUpgrade(StreamEndpoint.PATH, stream::beforeUpgrade);
            cfg.routes.ws(StreamEndpoint.PATH, stream::configure);

            cfg.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.extras().get("retryAfterSeconds") instanceof Number seconds) {
                    ctx.header("Retry-After", Long.toString(seconds.longValue()));
                }
                problems.write(ctx, e);
            });
            cfg.routes.exception(RateLimitedException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                problems.write(ctx, ProblemType.RATE_LIMITED, e.getMessage(), Map.of("retryAfterSeconds", e.retryAfterSeconds()));
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> problems.write(ctx, fromStatus(e.getStatus()), e.getMessage(), Map.of()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                String errorId = UUID.randomUUID().toString();
                log.error("unhandled error id={} {} {}", errorId, ctx.method(), ctx.path(), e);
                problems.write(ctx, ProblemType.INTERNAL, "Something went wrong on the server (error id " + errorId + ")",
                        Map.of("errorId", errorId));
            });
            cfg.routes.error(404, ctx -> {
                if (!Problems.alreadyWritten(ctx)) {
                    problems.write(ctx, ProblemType.NOT_FOUND, "No resource at " + ctx.path(), Map.of());
                }
            });
            cfg.routes.error(405, ctx -> {
                if (!Problems.alreadyWritten(ctx)) {
                    problems.write(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not supported at " + ctx.path(), Map.of());
                }
            });

            cfg.requestLogger.http((ctx, ms) -> {
                String route = routeOf(ctx);
                int status = ctx.status().getCode();
                metrics.recordHttp(ctx.method().name(), route, status, Duration.ofNanos((long) (ms * 1_000_000)));
                Principal p = SignedIn.orNull(ctx);
                accessLog.info("{} {} {} {}ms client={} user={}", ctx.method().name(), ctx.path(), status,
                        String.format("%.1f", ms), Requests.clientAddress(ctx), p == null ? "-" : p.userId());
            });
        });
    }

    public void start() {
        javalin.start();
        guard.start();
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        guard.close();
        javalin.stop();
    }

    private static Handler guarded(Route r, Authenticator authenticator) {
        Handler handler = r.handler();
        return ctx -> {
            Authenticator.Credentials credentials = Authenticator.credentials(ctx);
            Optional<Principal> principal = authenticator.authenticate(credentials);
            if (r.access() != Access.PUBLIC) {
                Principal p = principal.orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED,
                        "Sign in first: send Authorization: Bearer <token> or the session cookie"));
                if (!Authenticator.csrfSatisfied(ctx, credentials)) {
                    throw new ApiException(ProblemType.CSRF, "Cookie-authenticated changes need the "
                            + Authenticator.CSRF_HEADER + " header (the value of the " + Authenticator.CSRF_COOKIE + " cookie)");
                }
                boolean allowed = switch (r.access()) {
                    case USER_ADMIN -> p.role().canAdministerUsers();
                    case PLATFORM_ADMIN -> p.isPlatformAdmin();
                    default -> true;
                };
                if (!allowed) {
                    throw ApiException.forbidden(r.access() == Access.PLATFORM_ADMIN
                            ? "This needs the platform admin role" : "This needs the organisation admin role");
                }
            }
            principal.ifPresent(p -> SignedIn.attach(ctx, p));
            handler.handle(ctx);
        };
    }

    private static void securityHeaders(Context ctx, boolean https) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException none) {
            return "unmatched";
        }
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
