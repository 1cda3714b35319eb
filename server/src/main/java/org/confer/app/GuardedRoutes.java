package org.confer.app;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Optional;
import org.confer.http.Access;
import org.confer.http.ApiException;
import org.confer.http.HttpPart;
import org.confer.http.ProblemType;
import org.confer.http.Route;
import org.confer.identity.Authenticator;
import org.confer.identity.Principal;
import org.confer.identity.SignedIn;
import org.confer.media.JanusRelay;
import org.confer.realtime.StreamEndpoint;

/**
 * The route table behind one guard: credentials (bearer token or session cookie), the route's
 * access level, and the CSRF check of cookie-authenticated changes, before any handler runs.
 * The stream's upgrade authenticates itself ({@link StreamEndpoint#beforeUpgrade}), as does the
 * relay to Janus ({@link JanusRelay#beforeUpgrade}).
 */
final class GuardedRoutes implements HttpPart {
    private final List<Route> routes;
    private final Authenticator authenticator;
    private final StreamEndpoint stream;
    private final JanusRelay janus;

    GuardedRoutes(List<Route> routes, Authenticator authenticator, StreamEndpoint stream, JanusRelay janus) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.stream = stream;
        this.janus = janus;
    }

    @Override
    public void install(JavalinConfig config) {
        for (Route r : routes) {
            config.routes.addEndpoint(new Endpoint(r.method(), r.path(), guarded(r)));
        }
        config.routes.wsBeforeUpgrade(StreamEndpoint.PATH, stream::beforeUpgrade);
        config.routes.ws(StreamEndpoint.PATH, stream::configure);
        // The browser's relayed socket to Janus authenticates itself the same way.
        config.routes.wsBeforeUpgrade(JanusRelay.PATH, janus::beforeUpgrade);
        config.routes.ws(JanusRelay.PATH, janus::configure);
        // The same two sockets for a visit's guests, at the guest paths (docs/virtual-visits.md).
        config.routes.wsBeforeUpgrade(StreamEndpoint.GUEST_PATH, stream::beforeGuestUpgrade);
        config.routes.ws(StreamEndpoint.GUEST_PATH, stream::configure);
        config.routes.wsBeforeUpgrade(JanusRelay.GUEST_PATH, janus::beforeGuestUpgrade);
        config.routes.ws(JanusRelay.GUEST_PATH, janus::configure);
    }

    private Handler guarded(Route r) {
        Handler handler = r.handler();
        if (r.access() == Access.GUEST) {
            return guestOnly(r);
        }
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
                // The bot API is the routes that name a scope; a bot token on any other is refused.
                if (p.isBot() && (r.botScope() == null || !p.bot().has(r.botScope()))) {
                    throw new ApiException(ProblemType.BOT_SCOPE, r.botScope() == null
                            ? "Bot tokens cannot call this operation"
                            : "This bot token lacks the scope '" + r.botScope() + "'", java.util.Map.of("scope",
                            r.botScope() == null ? "" : r.botScope()));
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

    /**
     * A guest route: only a guest credential counts (a guest token anywhere else is an unknown
     * token, and the guest cookie's path keeps it from being sent anywhere else).
     */
    private Handler guestOnly(Route r) {
        if (!r.path().startsWith(Authenticator.GUEST_PATH + "/")) {
            throw new IllegalStateException("guest route outside " + Authenticator.GUEST_PATH + ": " + r.path());
        }
        Handler handler = r.handler();
        return ctx -> {
            Authenticator.Credentials credentials = Authenticator.guestCredentials(ctx);
            Principal p = authenticator.authenticateGuest(credentials).orElseThrow(() -> new ApiException(ProblemType.UNAUTHENTICATED,
                    "This link has expired or the visit was cancelled: open the link from your email again"));
            if (!Authenticator.csrfSatisfied(ctx, credentials)) {
                throw new ApiException(ProblemType.CSRF, "Cookie-authenticated changes need the "
                        + Authenticator.CSRF_HEADER + " header (the csrf value of the guest session)");
            }
            SignedIn.attach(ctx, p);
            handler.handle(ctx);
        };
    }
}
