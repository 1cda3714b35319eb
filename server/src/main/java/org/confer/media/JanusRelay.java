package org.confer.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.confer.http.ApiException;
import org.eclipse.jetty.websocket.api.Callback;
import org.confer.http.ProblemType;
import org.confer.identity.Authenticator;
import org.confer.identity.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /api/v1/media/janus: the browser's WebSocket to Janus, relayed through Confer's origin
 * (docs/calls-and-meetings.md, "Janus"). Each browser socket gets its own socket to Janus's
 * WebSocket API; text frames go both ways unchanged except that the browser's are checked
 * first: only the Janus and VideoRoom requests a participant needs pass, a VideoRoom join only
 * when {@link JanusJoinPolicy} allows it, and never a frame carrying a server secret. A refusal
 * is answered with an error frame shaped like Janus's own, so client code handles both alike.
 */
public final class JanusRelay {
    private static final Logger log = LoggerFactory.getLogger(JanusRelay.class);
    public static final String PATH = JanusSfu.RELAY_PATH;
    /** The relay for a visit's guests (docs/virtual-visits.md): the same rules, guest credentials only. */
    public static final String GUEST_PATH = Authenticator.GUEST_PATH + "/media/janus";
    /** Janus's WebSocket transport requires this subprotocol; browsers may ask for it or not. */
    public static final String SUBPROTOCOL = "janus-protocol";
    private static final String PRINCIPAL = "confer.janus.principal";
    private static final String LINK = "confer.janus.link";
    /** Janus's SDP for a many-stream subscription is the largest frame seen (~10 KB); far more is not Janus. */
    static final int MAX_FROM_JANUS_BYTES = 256 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** As the stream's default ping (CONFER_STREAM_PING_SECONDS): under the 60 s idle cut of common proxies. */
    static final Duration PING_EVERY = Duration.ofSeconds(25);
    /** What a participant's page sends Janus (the core requests of janus.js). */
    private static final Set<String> CORE = Set.of("create", "attach", "message", "trickle", "keepalive", "detach", "destroy", "hangup");
    /** The VideoRoom requests of a publisher and a subscriber; room management needs the server. */
    private static final Set<String> VIDEOROOM = Set.of("join", "joinandconfigure", "configure", "publish", "unpublish",
            "start", "pause", "switch", "update", "leave");
    private static final Set<String> SECRETS = Set.of("apisecret", "admin_key", "admin_secret", "secret");

    private final Authenticator authenticator;
    private final Supplier<Optional<URI>> janusWs;
    private final JanusJoinPolicy policy;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();

    public JanusRelay(Authenticator authenticator, Supplier<Optional<URI>> janusWs, JanusJoinPolicy policy, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.janusWs = janusWs;
        this.policy = policy;
        this.mapper = mapper;
    }

    /** One relayed pair: the browser's socket and Confer's socket to Janus, and the rooms joined through it. */
    private final class Link implements WebSocket.Listener {
        final UUID userId;
        final WsContext browser;
        final Set<Long> rooms = ConcurrentHashMap.newKeySet();
        volatile WebSocket janus;
        private final StringBuilder partial = new StringBuilder();

        Link(UUID userId, WsContext browser) {
            this.userId = userId;
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (partial.length() > MAX_FROM_JANUS_BYTES) {
                close(1009, "frame from Janus too large");
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                // Janus's next frame is asked for only once this one is written: a browser that
                // stops reading slows its own Janus socket, never the server's memory.
                Callback.Completable done = new Callback.Completable();
                browser.session.sendText(text, done);
                done.whenComplete((ok, failed) -> {
                    if (failed != null) {
                        close(1011, "browser write failed");
                    } else {
                        ws.request(1);
                    }
                });
                return null;
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            close(1011, "Janus closed the connection");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            close(1011, "Janus connection failed");
        }

        void close(int code, String reason) {
            if (!links.remove(this)) {
                return;
            }
            WebSocket j = janus;
            if (j != null) {
                j.abort();
            }
            try {
                browser.closeSession(code, reason);
            } catch (RuntimeException alreadyClosed) {
                // The browser went first.
            }
        }
    }

    /** Authentication and the Origin rule, as for the stream (StreamEndpoint.beforeUpgrade). */
    public void beforeUpgrade(Context ctx) {
        Authenticator.Credentials credentials = Authenticator.credentials(ctx);
        Principal p = authenticator.authenticate(credentials).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> or the session cookie"));
        upgrade(ctx, credentials, p);
    }

    /** A visit guest's relay: guest credentials only; the join policy admits it to its visit's room alone. */
    public void beforeGuestUpgrade(Context ctx) {
        Authenticator.Credentials credentials = Authenticator.guestCredentials(ctx);
        Principal p = authenticator.authenticateGuest(credentials).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "This link has expired or the visit was cancelled"));
        upgrade(ctx, credentials, p);
    }

    private void upgrade(Context ctx, Authenticator.Credentials credentials, Principal p) {
        if (credentials instanceof Authenticator.Credentials.Cookie && !sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ApiException(ProblemType.FORBIDDEN, "Cross-origin media connections are not allowed");
        }
        if (janusWs.get().isEmpty()) {
            throw new ApiException(ProblemType.UNAVAILABLE, "No SFU is running; calls use the mesh");
        }
        // janus.js opens its socket with Janus's subprotocol; accept it so a page can use it unchanged.
        String asked = ctx.header("Sec-WebSocket-Protocol");
        if (asked != null && java.util.Arrays.stream(asked.split(",")).map(String::trim).anyMatch(SUBPROTOCOL::equals)) {
            ctx.header("Sec-WebSocket-Protocol", SUBPROTOCOL);
        }
        ctx.attribute(PRINCIPAL, p);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Principal p = ctx.attribute(PRINCIPAL);
            Link link = new Link(p.userId(), ctx);
            links.add(link);
            ctx.attribute(LINK, link);
            // Pings keep idle relays open through proxies between the browser's Janus keepalives.
            ctx.enableAutomaticPings(PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try {
                link.janus = http.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(CONNECT_TIMEOUT)
                        .buildAsync(janusWs.get().orElseThrow(), link).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                log.warn("cannot reach Janus's WebSocket API: {}", e.toString());
                link.close(1011, "the SFU is unreachable");
            }
        });
        ws.onMessage(ctx -> {
            Link link = ctx.attribute(LINK);
            if (link != null && link.janus != null) {
                fromBrowser(link, ctx.message());
            }
        });
        ws.onBinaryMessage(ctx -> {
            Link link = ctx.attribute(LINK);
            if (link != null) {
                link.close(1003, "Janus's API is JSON text");
            }
        });
        ws.onClose(ctx -> closed(ctx));
        ws.onError(ctx -> closed(ctx));
    }

    private static void closed(WsContext ctx) {
        Link link = ctx.attribute(LINK);
        if (link != null) {
            link.close(1000, "closed");
        }
    }

    private void fromBrowser(Link link, String text) {
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (Exception e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            refuse(link, null, 454, "Confer: frames must be JSON objects");
            return;
        }
        Optional<String> refusal = check(link, frame);
        if (refusal.isPresent()) {
            refuse(link, frame, 403, refusal.get());
            return;
        }
        // One send at a time, as java.net.http.WebSocket requires; the browser's frames arrive in order on this thread.
        try {
            link.janus.sendText(text, true).join();
        } catch (java.util.concurrent.CompletionException e) {
            link.close(1011, "the SFU connection failed");
        }
    }

    /** Why this frame must not reach Janus, if it must not. */
    private Optional<String> check(Link link, JsonNode frame) {
        String verb = frame.path("janus").asText("");
        if (!CORE.contains(verb)) {
            return Optional.of("Confer: '" + clip(verb) + "' is not relayed");
        }
        JsonNode body = frame.path("body");
        for (String s : SECRETS) {
            if (frame.has(s) || body.has(s)) {
                return Optional.of("Confer: server secrets are never relayed; use the tokens of your grant");
            }
        }
        if (verb.equals("attach") && !frame.path("plugin").asText("").equals(JanusTokens.PLUGIN)) {
            return Optional.of("Confer: only " + JanusTokens.PLUGIN + " is relayed");
        }
        if (!verb.equals("message")) {
            return Optional.empty();
        }
        String request = body.path("request").asText("");
        if (!VIDEOROOM.contains(request)) {
            return Optional.of("Confer: VideoRoom request '" + clip(request) + "' is not relayed");
        }
        if (request.equals("join") || request.equals("joinandconfigure")) {
            JsonNode room = body.path("room");
            if (!room.canConvertToLong() || !room.isIntegralNumber() || !policy.mayJoin(link.userId, room.asLong())) {
                return Optional.of("Confer: you hold no grant for this room");
            }
            link.rooms.add(room.asLong());
        }
        return Optional.empty();
    }

    private void refuse(Link link, JsonNode frame, int code, String reason) {
        ObjectNode error = mapper.createObjectNode();
        error.put("janus", "error");
        if (frame != null) {
            if (frame.has("session_id")) {
                error.set("session_id", frame.get("session_id"));
            }
            if (frame.has("transaction")) {
                error.set("transaction", frame.get("transaction"));
            }
        }
        error.putObject("error").put("code", code).put("reason", reason);
        link.browser.send(error.toString());
    }

    /** Closes every relayed socket through which {@code userId} joined {@code room}: they left, were removed or denied. */
    public void closeFor(UUID userId, long room) {
        for (Link link : links) {
            if (link.userId.equals(userId) && link.rooms.contains(room)) {
                link.close(4403, "no longer in this call");
            }
        }
    }

    /** Relayed sockets open now (tests). */
    public int open() {
        return links.size();
    }

    public void closeAll() {
        links.forEach(l -> l.close(1001, "server stopping"));
    }

    private static String clip(String s) {
        return s.substring(0, Math.min(40, s.length()));
    }

    /** The stream's rule (StreamEndpoint.sameOrigin): a browser always sends Origin; it must name this host. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) {
            return origin == null;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
