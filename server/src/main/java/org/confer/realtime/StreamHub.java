package org.confer.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.confer.events.Audience;
import org.confer.events.Bus;
import org.confer.events.ConversationFrame;
import org.confer.events.SessionChange;
import org.confer.events.UserFrame;
import org.confer.identity.StreamSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's fan-out (Mattermost's hub): the open streams by person, and which people are in
 * each conversation. A frame from the bus is wrapped once and offered to the queue of every
 * connected member; no socket is touched here. Membership is cached per conversation and kept
 * current by the bus's membership events, so a removed member stops receiving at once. Streams
 * end here too: with their session, their person (told by the bus, so from any node), or the server.
 */
public final class StreamHub implements Bus.Listener {
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

    private final Audience audience;
    private final Bus bus;
    private final StreamSessions sessions;
    private final PresenceService presence;
    private final StreamLimits limits;
    private final Clock clock;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("stream-checks").factory());
    private final Map<UUID, Set<StreamConnection>> byUser = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> members = new ConcurrentHashMap<>();
    /** The bus may have lost membership changes made on other nodes: read members for every frame. */
    private volatile boolean membersUncertain;

    public StreamHub(Audience audience, Bus bus, StreamSessions sessions, PresenceService presence, StreamLimits limits, Clock clock) {
        this.audience = audience;
        this.bus = bus;
        this.sessions = sessions;
        this.presence = presence;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Starts the periodic checks that end streams whose session has ended (idle or absolute
     * expiry), and streams whose client has gone silent.
     */
    public void start() {
        long every = limits.sessionCheckInterval().toMillis();
        checks.scheduleWithFixedDelay(() -> {
            try {
                checkSessions();
            } catch (RuntimeException e) {
                log.warn("stream session check failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        long silence = limits.silenceCheckInterval().toMillis();
        checks.scheduleWithFixedDelay(() -> {
            try {
                checkSilence();
            } catch (RuntimeException e) {
                log.warn("stream silence check failed: {}", e.toString());
            }
        }, silence, silence, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes (4002) every stream from which no frame at all, not even a pong to the server's
     * pings, has arrived for {@link StreamLimits#silenceLimit()}: the client or its network is
     * gone. Jetty's own idle timeout cannot tell: the server's pings count as traffic for it.
     */
    void checkSilence() {
        long now = System.nanoTime();
        Duration limit = limits.silenceLimit();
        for (Set<StreamConnection> conns : byUser.values()) {
            for (StreamConnection c : Set.copyOf(conns)) {
                if (c.silentFor(limit, now)) {
                    c.close(StreamConnection.CLOSE_CLIENT_SILENT, "nothing received for " + limit.toSeconds()
                            + " s, not even a pong; reconnect and resume from your cursors");
                }
            }
        }
    }

    /**
     * Closes (4001) every stream whose session has ended. Each stream knows when its session
     * ends if it is not used again; only streams past that moment are looked up again (their
     * session may have been used since, over REST or by this stream), so a check costs a query
     * per stream about to expire, not per stream.
     */
    public void checkSessions() {
        Instant now = clock.instant();
        for (Set<StreamConnection> conns : byUser.values()) {
            for (StreamConnection c : Set.copyOf(conns)) {
                if (now.isBefore(c.sessionLiveUntil())) {
                    continue;
                }
                Optional<Instant> until = sessions.liveUntil(c.sessionId());
                if (until.isEmpty()) {
                    c.close(StreamConnection.CLOSE_SESSION_ENDED, "session expired");
                } else {
                    c.sessionLiveUntil(until.get());
                }
            }
        }
    }

    Audience audience() {
        return audience;
    }

    StreamLimits limits() {
        return limits;
    }

    /** How many streams this person has open on this node (calls drop a peer whose person has none for a minute). */
    public int connectionsOf(UUID userId) {
        Set<StreamConnection> conns = byUser.get(userId);
        return conns == null ? 0 : conns.size();
    }

    /** Makes a new stream reachable by the fan-out, and the person online. */
    void register(StreamConnection c) {
        // Presence first: once the stream is reachable, anything may close it (and report the close).
        presence.connected(c.userId(), c.id());
        byUser.computeIfAbsent(c.userId(), k -> ConcurrentHashMap.newKeySet()).add(c);
        // Before the replay: what is published from here on reaches this node (a cluster's bus subscribes now).
        bus.streamOpened(c.userId(), c.id());
    }

    /** Called by the connection as it closes (perhaps twice: by the server, then by the socket's close). */
    void unregister(StreamConnection c) {
        byUser.computeIfPresent(c.userId(), (k, set) -> {
            set.remove(c);
            return set.isEmpty() ? null : set;
        });
        bus.streamClosed(c.userId(), c.id());
        presence.disconnected(c.userId(), c.id());
    }

    // ---- fan-out ----

    @Override
    public void onConversationFrame(ConversationFrame frame) {
        if (membersUncertain) {
            members.remove(frame.conversationId());
        }
        Outbound once = new Outbound.Event(frame);
        for (UUID user : membersOf(frame.conversationId())) {
            offer(user, once);
        }
    }

    @Override
    public void onUserFrame(UserFrame frame) {
        offer(frame.userId(), new Outbound.ForUser(frame));
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
        if (membersUncertain) {
            members.remove(conversationId);
        }
        Outbound once = new Outbound.Ephemeral(frame);
        for (UUID user : membersOf(conversationId)) {
            if (!user.equals(exceptUser)) {
                offer(user, once);
            }
        }
    }

    @Override
    public void onEphemeralToUsers(Set<UUID> userIds, String frame) {
        // One frame per connection: each user appears once in the set, however much they share.
        Outbound once = new Outbound.Ephemeral(frame);
        for (UUID user : userIds) {
            offer(user, once);
        }
    }

    private void offer(UUID user, Outbound item) {
        Set<StreamConnection> conns = byUser.get(user);
        if (conns != null) {
            for (StreamConnection c : conns) {
                c.offer(item);
            }
        }
    }

    boolean isMember(UUID conversationId, UUID userId) {
        return membersOf(conversationId).contains(userId);
    }

    private Set<UUID> membersOf(UUID conversationId) {
        Set<UUID> cached = members.computeIfAbsent(conversationId, id -> {
            Set<UUID> loaded = audience.memberIds(id);
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

    @Override
    public void forgetMembers(UUID conversationId) {
        members.remove(conversationId);
    }

    @Override
    public void membersUncertain(boolean uncertain) {
        membersUncertain = uncertain;
        members.clear();
    }

    // ---- ending streams ----

    @Override
    public void onSessionChanged(SessionChange change) {
        if (change.ended() != SessionChange.Ended.NONE) {
            closeWhere(change.userId(), c -> change.ends(c.sessionId()), change.reason());
        }
    }

    /** Ends every stream of a user on every node (a cancelled visit's guest). */
    public void disconnectUser(UUID userId, String reason) {
        bus.sessionChanged(SessionChange.disconnect(userId, reason));
    }

    /** A signed-out session's streams close at once (4001) instead of living on until they drop. */
    private void closeWhere(UUID userId, Predicate<StreamConnection> which, String reason) {
        Set<StreamConnection> conns = byUser.get(userId);
        if (conns != null) {
            for (StreamConnection c : Set.copyOf(conns)) {
                if (which.test(c)) {
                    c.close(StreamConnection.CLOSE_SESSION_ENDED, reason);
                }
            }
        }
    }

    /** Closes every stream (server stopping); clients reconnect to another node and resume. */
    public void closeAll() {
        checks.shutdownNow();
        for (Set<StreamConnection> conns : byUser.values()) {
            for (StreamConnection c : Set.copyOf(conns)) {
                c.close(StreamConnection.CLOSE_SERVER_STOPPING, "server stopping");
            }
        }
    }

    public int connectionCount() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
