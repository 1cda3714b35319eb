package org.confer.realtime;

import org.confer.identity.StreamSessions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.confer.http.ApiException;
import org.confer.http.ProblemType;
import org.confer.identity.Authenticator;
import org.confer.identity.Principal;

/**
 * The WebSocket endpoint /api/v1/stream and this node's fan-out. Frames from the bus go to the
 * connected members of their conversation: the frame's string is built once and handed to each
 * connection's queue. Membership is cached per conversation and kept current by the bus's
 * membership events, so a removed member stops receiving at once.
 */
public final class StreamGateway implements Bus.Listener, org.confer.identity.SessionEndListener {
    public static final String PATH = "/api/v1/stream";
    private static final String PRINCIPAL = "confer.stream.principal";
    private static final String LIVE_UNTIL = "confer.stream.liveUntil";

    private final EventSource source;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;
    private final StreamLimits limits;
    private final PresenceService presence;
    private final TypingRelay typing;
    private final StreamSessions sessions;
    private final java.time.Clock clock;
    private final java.util.concurrent.ScheduledExecutorService sessionChecks = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(Thread.ofVirtual().name("stream-session-check").factory());
    private final Map<UUID, Set<StreamConnection>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> members = new ConcurrentHashMap<>();

    public StreamGateway(EventSource source, Authenticator authenticator, ObjectMapper mapper, StreamLimits limits,
                         PresenceService presence, TypingRelay typing, StreamSessions sessions, java.time.Clock clock) {
        this.source = source;
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.limits = limits;
        this.presence = presence;
        this.typing = typing;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Starts the periodic check that ends streams whose session has ended (idle or absolute expiry). */
    public void start() {
        long every = limits.sessionCheckInterval().toMillis();
        sessionChecks.scheduleWithFixedDelay(() -> {
            try {
                checkSessions();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(StreamGateway.class).warn("stream session check failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes (4001) every stream whose session has ended. Each stream knows when its session
     * ends if it is not used again; only streams past that moment are looked up again (their
     * session may have been used since, over REST or by this stream), so a check costs a query
     * per stream about to expire, not per stream.
     */
    public void checkSessions() {
        java.time.Instant now = clock.instant();
        for (Set<StreamConnection> conns : byUser.values()) {
            for (StreamConnection c : Set.copyOf(conns)) {
                if (now.isBefore(c.sessionLiveUntil())) {
                    continue;
                }
                Optional<java.time.Instant> until = sessions.liveUntil(c.sessionId());
                if (until.isEmpty()) {
                    c.close(StreamConnection.CLOSE_SESSION_ENDED, "session expired");
                } else {
                    c.sessionLiveUntil(until.get());
                }
            }
        }
    }

    public StreamLimits limits() {
        return limits;
    }

    // ---- WebSocket handlers (registered by the HTTP server) ----

    /** Runs before the upgrade: unauthenticated or over-limit requests get an HTTP error, not a socket. */
    public void beforeUpgrade(Context ctx) {
        Authenticator.Credentials credentials = Authenticator.credentials(ctx);
        Principal p = authenticator.authenticate(credentials).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "Sign in first: send Authorization: Bearer <token> or the session cookie"));
        if (credentials instanceof Authenticator.Credentials.Cookie && !sameOrigin(ctx)) {
            // A page on another site could otherwise open a socket with the user's cookie.
            throw new ApiException(ProblemType.FORBIDDEN, "Cross-origin stream connections are not allowed");
        }
        java.time.Instant liveUntil = sessions.liveUntil(p.sessionId()).orElseThrow(() ->
                new ApiException(ProblemType.UNAUTHENTICATED, "The session has ended; sign in again"));
        ctx.attribute(LIVE_UNTIL, liveUntil);
        Set<StreamConnection> existing = byUser.get(p.userId());
        if (existing != null && existing.size() >= limits.maxConnectionsPerUser()) {
            throw new ApiException(ProblemType.RATE_LIMITED, "At most " + limits.maxConnectionsPerUser()
                    + " stream connections per user");
        }
        ctx.attribute(PRINCIPAL, p);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Principal p = ctx.attribute(PRINCIPAL);
            StreamConnection c = new StreamConnection(p.userId(), p.sessionId(), ctx, this, source, limits);
            c.sessionLiveUntil(ctx.attribute(LIVE_UNTIL));
            ctx.attribute("confer.stream.connection", c);
            // Before the connection is reachable: once it is, anything may close it (and report the close).
            presence.connected(p.userId(), c.id());
            byUser.computeIfAbsent(p.userId(), k -> ConcurrentHashMap.newKeySet()).add(c);
            ctx.enableAutomaticPings(limits.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
            c.start();
        });
        ws.onMessage(ctx -> {
            StreamConnection c = ctx.attribute("confer.stream.connection");
            if (c != null) {
                onClientFrame(c, ctx.message());
            }
        });
        ws.onClose(ctx -> {
            StreamConnection c = ctx.attribute("confer.stream.connection");
            if (c != null) {
                c.closedByPeer();
            }
        });
        ws.onError(ctx -> {
            StreamConnection c = ctx.attribute("confer.stream.connection");
            if (c != null) {
                c.closedByPeer();
            }
        });
    }

    private void onClientFrame(StreamConnection c, String text) {
        // Any frame at all shows the person is at their device (auto-away is about the person, not the protocol).
        presence.activity(c.userId());
        JsonNode frame;
        try {
            frame = mapper.readTree(text);
        } catch (Exception e) {
            c.reply(errorFrame("malformed-json", "frames must be JSON objects with a type"));
            return;
        }
        String type = frame == null || !frame.isObject() ? null : frame.path("type").asText(null);
        if (type == null) {
            c.reply(errorFrame("malformed-json", "frames must be JSON objects with a type"));
            return;
        }
        switch (type) {
            case "hello" -> {
                Optional<Hello> hello = parseHello(frame);
                if (hello.isEmpty()) {
                    c.reply(errorFrame("invalid-hello", "cursors must map conversation ids to seq numbers"));
                    return;
                }
                c.helloReceived(hello.get());
            }
            case "ping" -> c.reply("{\"type\":\"pong\"}");
            case "active" -> {
                // The web client sends this on real input (a key, a click): the person is using
                // the session, so it counts against the idle timeout like a request would.
                sessionUsed(c);
            }
            case "typing" -> {
                sessionUsed(c);
                onTyping(c, frame);
            }
            default -> c.reply(errorFrame("unknown-type", "unknown frame type " + type.substring(0, Math.min(40, type.length()))));
        }
    }

    /** Records use of the stream's session at most once per interval (pings and hellos never count). */
    private void sessionUsed(StreamConnection c) {
        java.time.Instant now = clock.instant();
        if (c.shouldRecordUse(now, java.time.Duration.ofSeconds(15))) {
            sessions.used(c.sessionId());
        }
    }

    private void onTyping(StreamConnection c, JsonNode frame) {
        JsonNode id = frame.path("conversationId");
        UUID conversationId;
        try {
            conversationId = id.isTextual() && id.asText().length() == 36 ? UUID.fromString(id.asText()) : null;
        } catch (IllegalArgumentException e) {
            conversationId = null;
        }
        if (conversationId == null) {
            c.reply(errorFrame("invalid-typing", "typing needs the conversationId (a UUID) of a conversation you belong to"));
            return;
        }
        if (!isMember(conversationId, c.userId())) {
            c.reply(errorFrame("not-a-member", "you are not a member of conversation " + conversationId, conversationId));
            return;
        }
        typing.typing(c.userId(), conversationId);
    }

    private static Optional<Hello> parseHello(JsonNode frame) {
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

    private static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin == null || host == null) {
            return origin == null;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    // ---- fan-out ----

    @Override
    public void onConversationFrame(ConversationFrame frame) {
        for (UUID user : membersOf(frame.conversationId())) {
            Set<StreamConnection> conns = byUser.get(user);
            if (conns != null) {
                for (StreamConnection c : conns) {
                    c.offer(frame);
                }
            }
        }
    }

    @Override
    public void onUserFrame(UserFrame frame) {
        Set<StreamConnection> conns = byUser.get(frame.userId());
        if (conns != null) {
            for (StreamConnection c : conns) {
                c.offer(frame);
            }
        }
    }

    @Override
    public void onMembershipChanged(UUID conversationId, UUID userId, boolean added) {
        members.computeIfPresent(conversationId, (k, set) -> {
            if (added) {
                set.add(userId);
            } else {
                set.remove(userId);
            }
            return set;
        });
    }

    @Override
    public void onEphemeral(UUID conversationId, UUID exceptUser, String frame) {
        for (UUID user : membersOf(conversationId)) {
            if (user.equals(exceptUser)) {
                continue;
            }
            Set<StreamConnection> conns = byUser.get(user);
            if (conns != null) {
                for (StreamConnection c : conns) {
                    c.offer(frame);
                }
            }
        }
    }

    @Override
    public void onEphemeralToUsers(Set<UUID> userIds, String frame) {
        // One frame per connection: each user appears once in the set, however much they share.
        for (UUID user : userIds) {
            Set<StreamConnection> conns = byUser.get(user);
            if (conns != null) {
                for (StreamConnection c : conns) {
                    c.offer(frame);
                }
            }
        }
    }

    boolean isMember(UUID conversationId, UUID userId) {
        return membersOf(conversationId).contains(userId);
    }

    private Set<UUID> membersOf(UUID conversationId) {
        Set<UUID> cached = members.computeIfAbsent(conversationId, id -> {
            Set<UUID> loaded = source.memberIds(id);
            if (loaded.isEmpty()) {
                // Not cached: a client naming made-up conversation ids (typing) must not grow the cache.
                return null;
            }
            Set<UUID> set = ConcurrentHashMap.newKeySet();
            set.addAll(loaded);
            return set;
        });
        return cached == null ? Set.of() : cached;
    }

    void unregister(StreamConnection c) {
        byUser.computeIfPresent(c.userId(), (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
        presence.disconnected(c.userId(), c.id());
    }

    @Override
    public void sessionEnded(UUID userId, UUID sessionId) {
        closeWhere(userId, c -> c.sessionId().equals(sessionId));
    }

    @Override
    public void sessionsEnded(UUID userId, UUID kept) {
        closeWhere(userId, c -> !c.sessionId().equals(kept));
    }

    /** A signed-out session's streams close at once (4001) instead of living on until they drop. */
    private void closeWhere(UUID userId, java.util.function.Predicate<StreamConnection> which) {
        Set<StreamConnection> conns = byUser.get(userId);
        if (conns != null) {
            for (StreamConnection c : Set.copyOf(conns)) {
                if (which.test(c)) {
                    c.close(StreamConnection.CLOSE_SESSION_ENDED, "session ended");
                }
            }
        }
    }

    /** Ends every stream of a user (signed out everywhere, disabled). */
    public void disconnectUser(UUID userId, String reason) {
        Set<StreamConnection> conns = byUser.get(userId);
        if (conns != null) {
            for (StreamConnection c : Set.copyOf(conns)) {
                c.close(StreamConnection.CLOSE_SESSION_ENDED, reason);
            }
        }
    }

    /** Closes every stream (server stopping); clients reconnect to another node and resume. */
    public void closeAll() {
        sessionChecks.shutdownNow();
        for (Set<StreamConnection> conns : byUser.values()) {
            for (StreamConnection c : Set.copyOf(conns)) {
                c.close(StreamConnection.CLOSE_SERVER_STOPPING, "server stopping");
            }
        }
    }

    public int connectionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    // ---- control frames ----

    static String errorFrame(String code, String message) {
        return "{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + jsonEscape(message) + "\"}";
    }

    /** An error about one conversation, named so the client can tell which. */
    static String errorFrame(String code, String message, UUID conversationId) {
        return "{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + jsonEscape(message)
                + "\",\"conversationId\":\"" + conversationId + "\"}";
    }

    /** The body of a JSON string: the message may echo the client's input, control characters included. */
    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }

    static String resyncFrame(UUID conversationId, long fromSeq, long lastSeq) {
        return "{\"type\":\"resync-required\",\"conversationId\":\"" + conversationId + "\",\"fromSeq\":" + fromSeq
                + ",\"lastSeq\":" + lastSeq + "}";
    }

    static String userResyncFrame(long fromUserSeq, long lastUserSeq) {
        return "{\"type\":\"user-resync-required\",\"fromUserSeq\":" + fromUserSeq + ",\"lastUserSeq\":" + lastUserSeq + "}";
    }

    static String notMemberFrame(UUID conversationId) {
        return "{\"type\":\"not-a-member\",\"conversationId\":\"" + conversationId + "\"}";
    }
}
