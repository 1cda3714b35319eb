package org.confer.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.confer.events.EventLog;
import org.confer.events.FrameWriter;
import org.confer.events.ServerFrame;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Authenticator;
import org.confer.identity.Principal;
import org.confer.identity.StreamSessions;

/**
 * The WebSocket endpoint /api/v1/stream (docs/protocol.md): the upgrade (authentication, the
 * Origin rule, the per-person connection limit) and the client's frames (hello, ping, active,
 * typing). What reaches the client is the {@link StreamHub}'s and the connection's business.
 */
public final class StreamEndpoint {
    public static final String PATH = "/api/v1/stream";
    /** The stream of a visit's guest: the same protocol, limited to its call's frames. */
    public static final String GUEST_PATH = Authenticator.GUEST_PATH + "/stream";
    /** What a guest may send: nothing that reads or writes a conversation (docs/virtual-visits.md). */
    private static final java.util.Set<String> GUEST_FRAMES = java.util.Set.of("hello", "ping", "call.signal", "call.state");
    private static final String PRINCIPAL = "confer.stream.principal";
    private static final String LIVE_UNTIL = "confer.stream.liveUntil";
    private static final String CONNECTION = "confer.stream.connection";
    /** A stream's activity is recorded against its session at most this often (a database write). */
    private static final Duration RECORD_USE_EVERY = Duration.ofSeconds(15);

    private final StreamConnection.Node node;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;
    private final PresenceService presence;
    private final TypingRelay typing;
    private final StreamSessions sessions;
    private final Clock clock;
    private final List<ClientFrameHandler> handlers;

    public StreamEndpoint(StreamHub hub, EventLog log, FrameWriter frames, Authenticator authenticator, ObjectMapper mapper,
                          PresenceService presence, TypingRelay typing, StreamSessions sessions, Clock clock) {
        this(hub, log, frames, authenticator, mapper, presence, typing, sessions, clock, List.of());
    }

    /** With {@code handlers} for the client frames of features above the stream (calls). */
    public StreamEndpoint(StreamHub hub, EventLog log, FrameWriter frames, Authenticator authenticator, ObjectMapper mapper,
                          PresenceService presence, TypingRelay typing, StreamSessions sessions, Clock clock,
                          List<ClientFrameHandler> handlers) {
        this.handlers = List.copyOf(handlers);
        this.node = new StreamConnection.Node(hub, log, hub.audience(), frames, hub.limits());
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.presence = presence;
        this.typing = typing;
        this.sessions = sessions;
        this.clock = clock;
    }

    public StreamLimits limits() {
        return node.limits();
    }

    /** Runs before the upgrade: unauthenticated or over-limit requests get an HTTP error, not a socket. */
    public void beforeUpgrade(Context ctx) {
        Authenticator.Credentials credentials = Authenticator.credentials(ctx);
        Principal p = authenticator.authenticate(credentials).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> or the session cookie"));
        if (p.isBot()) {
            // A bot has no session to keep a stream alive; it reads over REST (docs/bots-and-results.md).
            throw new ApiException(ProblemType.BOT_SCOPE, "Bot tokens cannot open the stream");
        }
        if (credentials instanceof Authenticator.Credentials.Cookie && !sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
            // A page on another site could otherwise open a socket with the user's cookie.
            throw new ApiException(ProblemType.FORBIDDEN, "Cross-origin stream connections are not allowed");
        }
        Instant liveUntil = sessions.liveUntil(p.sessionId()).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "The session has ended; sign in again"));
        if (node.hub().connectionsOf(p.userId()) >= limits().maxConnectionsPerUser()) {
            throw new ApiException(ProblemType.RATE_LIMITED, "At most " + limits().maxConnectionsPerUser()
                    + " stream connections per user");
        }
        ctx.attribute(LIVE_UNTIL, liveUntil);
        ctx.attribute(PRINCIPAL, p);
    }

    /**
     * A guest's stream (docs/virtual-visits.md, "Joining"): guest credentials only, the same Origin
     * rule for the cookie, open until the guest session ends. A guest is a member of no
     * conversation, so what reaches it is what is addressed to it: its call's frames.
     */
    public void beforeGuestUpgrade(Context ctx) {
        Authenticator.Credentials credentials = Authenticator.guestCredentials(ctx);
        Principal p = authenticator.authenticateGuest(credentials).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "This link has expired or the visit was cancelled"));
        if (credentials instanceof Authenticator.Credentials.Cookie && !sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ApiException(ProblemType.FORBIDDEN, "Cross-origin stream connections are not allowed");
        }
        if (node.hub().connectionsOf(p.userId()) >= limits().maxConnectionsPerUser()) {
            throw new ApiException(ProblemType.RATE_LIMITED, "At most " + limits().maxConnectionsPerUser()
                    + " stream connections per user");
        }
        ctx.attribute(LIVE_UNTIL, p.guest().until());
        ctx.attribute(PRINCIPAL, p);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Principal p = ctx.attribute(PRINCIPAL);
            StreamConnection c = new StreamConnection(p.userId(), p.sessionId(), ctx, node);
            c.sessionLiveUntil(ctx.attribute(LIVE_UNTIL));
            ctx.attribute(CONNECTION, c);
            node.hub().register(c);
            ctx.enableAutomaticPings(limits().pingInterval().toMillis(), TimeUnit.MILLISECONDS);
            c.start();
        });
        ws.onMessage(ctx -> {
            StreamConnection c = ctx.attribute(CONNECTION);
            if (c != null) {
                Principal p = ctx.attribute(PRINCIPAL);
                onClientFrame(c, ctx.message(), p != null && p.isGuest());
            }
        });
        // The protocol is JSON text only (1003 is "unsupported data" in RFC 6455).
        ws.onBinaryMessage(ctx -> {
            StreamConnection c = ctx.attribute(CONNECTION);
            if (c != null) {
                c.close(StreamConnection.CLOSE_UNSUPPORTED_DATA, "binary frames are not part of this protocol; send JSON text frames");
            }
        });
        ws.onClose(ctx -> closedByPeer(ctx));
        ws.onError(ctx -> closedByPeer(ctx));
    }

    private static void closedByPeer(WsContext ctx) {
        StreamConnection c = ctx.attribute(CONNECTION);
        if (c != null) {
            c.closedByPeer();
        }
    }

    private void onClientFrame(StreamConnection c, String text, boolean guest) {
        // Any frame at all shows the person is at their device (auto-away is about the person, not the protocol).
        presence.activity(c.userId());
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (Exception e) {
            frame = null;
        }
        String type = frame == null || !frame.isObject() ? null : frame.path("type").asText(null);
        if (type == null) {
            c.reply(new ServerFrame.Error("malformed-json", "frames must be JSON objects with a type"));
            return;
        }
        JsonNode parsed = frame;
        if (guest && !GUEST_FRAMES.contains(type)) {
            c.reply(new ServerFrame.Error("guest-not-allowed", "a guest stream carries only its call's frames"));
            return;
        }
        switch (type) {
            case "hello" -> parseHello(frame).ifPresentOrElse(c::helloReceived, () ->
                    c.reply(new ServerFrame.Error("invalid-hello", "cursors must map conversation ids to seq numbers")));
            case "ping" -> c.reply(new ServerFrame.Pong());
            // The web client sends this on real input (a key, a click): the person is using the
            // session, so it counts against the idle timeout like a request would.
            case "active" -> sessionUsed(c);
            case "typing" -> {
                sessionUsed(c);
                onTyping(c, frame);
            }
            default -> handlerFor(type).ifPresentOrElse(h -> h.handle(c.userId(), parsed, c::reply), () ->
                    c.reply(new ServerFrame.Error("unknown-type", "unknown frame type " + type.substring(0, Math.min(40, type.length())))));
        }
    }

    private Optional<ClientFrameHandler> handlerFor(String type) {
        return handlers.stream().filter(h -> h.handles(type)).findFirst();
    }

    /** Records use of the stream's session at most once per interval (pings and hellos never count). */
    private void sessionUsed(StreamConnection c) {
        if (c.shouldRecordUse(clock.instant(), RECORD_USE_EVERY)) {
            sessions.used(c.sessionId());
        }
    }

    private void onTyping(StreamConnection c, JsonNode frame) {
        Optional<UUID> conversationId = uuid(frame.path("conversationId"));
        if (conversationId.isEmpty()) {
            c.reply(new ServerFrame.Error("invalid-typing", "typing needs the conversationId (a UUID) of a conversation you belong to"));
            return;
        }
        if (!node.hub().isMember(conversationId.get(), c.userId())) {
            c.reply(new ServerFrame.Error("not-a-member", "you are not a member of conversation " + conversationId.get(),
                    conversationId.get()));
            return;
        }
        typing.typing(c.userId(), conversationId.get());
    }

    private static Optional<UUID> uuid(JsonNode id) {
        try {
            return id.isTextual() && id.asText().length() == 36 ? Optional.of(UUID.fromString(id.asText())) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Hello> parseHello(JsonNode frame) {
        Map<UUID, Long> cursors = new HashMap<>();
        JsonNode c = frame.path("cursors");
        if (!c.isMissingNode() && !c.isNull()) {
            if (!c.isObject()) {
                return Optional.empty();
            }
            for (var e : c.properties()) {
                // Whole numbers only: 1.5 is not a seq (canConvertToLong would accept and truncate it).
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                    return Optional.empty();
                }
                try {
                    cursors.put(UUID.fromString(e.getKey()), e.getValue().asLong());
                } catch (IllegalArgumentException bad) {
                    return Optional.empty();
                }
            }
        }
        JsonNode u = frame.path("userSeq");
        if (!u.isMissingNode() && !u.isNull() && !(u.isIntegralNumber() && u.canConvertToLong())) {
            return Optional.empty();
        }
        Long userSeq = u.isIntegralNumber() ? u.asLong() : null;
        return Optional.of(new Hello(cursors, userSeq));
    }

    /**
     * The Origin rule for cookie-authenticated upgrades: no Origin header (not a browser), or
     * one whose host and port are exactly the request's Host header, compared without regard
     * to case. The scheme is not compared: behind a TLS-terminating proxy the browser says
     * https while the request reached Confer over http.
     */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) {
            return origin == null;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }
}
