package org.confer.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.confer.db.Database;
import org.confer.events.ConversationEvent;
import org.confer.events.ConversationEvent.CallEnded;
import org.confer.events.ConversationEvent.CallMissed;
import org.confer.events.ConversationWriter;
import org.confer.media.Sfu;
import org.confer.media.SfuRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of the live calls this node holds (docs/calls-and-meetings.md, "Where a call lives"):
 * loading one, a peer leaving, ringing running out, the call
 * ending, and the periodic sweep. Shared by the REST side ({@link CallService}) and the stream side
 * ({@link CallSignalling}). Every method that takes a {@link LiveCall} expects its monitor held.
 */
final class CallLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CallLifecycle.class);

    /** How long a direct or group call rings before it counts as missed (the usual phone figure: 30-60 s). */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(45);
    /**
     * A peer whose person has had no stream open for this long is dropped: long enough for a
     * stream to reconnect (the client backs off up to 30 s, docs/protocol.md), short enough that
     * a closed laptop does not stay in the roster for minutes.
     */
    static final Duration STREAMLESS_LIMIT = Duration.ofSeconds(60);

    private final Database db;
    private final CallStore store;
    private final ConversationWriter writer;
    private final Sfu sfu;
    private final CallNotices notices;
    private final InCall inCall;
    private final Predicate<UUID> hasStream;
    private final Clock clock;
    /** This node's id on the bus: the calls whose {@code ownerNode} it is are held here. */
    private final String node;
    private final boolean clustered;
    private final Map<UUID, LiveCall> live = new ConcurrentHashMap<>();
    /** When each person in a call was last seen with a stream open (joining counts). */
    private final Map<UUID, Instant> streamSeen = new ConcurrentHashMap<>();
    /** Peers per person across this node's calls (presence's "in a call"). */
    private final Map<UUID, Integer> peerCounts = new ConcurrentHashMap<>();
    private final List<BiConsumer<UUID, Long>> revoked = new CopyOnWriteArrayList<>();

    /** Where "in a call" goes (presence); a function so that calls do not own presence's rules. */
    interface InCall {
        void set(UUID userId, boolean inCall);
    }

    CallLifecycle(Database db, CallStore store, ConversationWriter writer, Sfu sfu, CallNotices notices, InCall inCall,
                  Predicate<UUID> hasStream, Clock clock, String node, boolean clustered) {
        this.node = node;
        this.clustered = clustered;
        this.db = db;
        this.store = store;
        this.writer = writer;
        this.sfu = sfu;
        this.notices = notices;
        this.inCall = inCall;
        this.hasStream = hasStream;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    CallNotices notices() {
        return notices;
    }

    /**
     * The live call, loaded from the database when this node owns it and has not seen it yet;
     * empty once ended, and for a call another node holds (never a second roster of it here).
     */
    Optional<LiveCall> live(UUID callId) {
        LiveCall l = live.get(callId);
        if (l != null) {
            return Optional.of(l);
        }
        return store.byId(db.dsl(), callId).filter(c -> !c.ended() && ownedHere(c)).map(this::register);
    }

    /** The node that holds this live call when it is not this one; empty when it is here, ended or unknown. */
    Optional<String> ownerElsewhere(UUID callId) {
        if (live.containsKey(callId)) {
            return Optional.empty();
        }
        return store.byId(db.dsl(), callId).filter(c -> !c.ended() && c.ownerNode() != null && !ownedHere(c))
                .map(Call::ownerNode);
    }

    /** On one node every call is this node's, also those stored before calls had an owner. */
    private boolean ownedHere(Call c) {
        return node.equals(c.ownerNode()) || (c.ownerNode() == null && !clustered);
    }

    /** The live call only if this node holds it (the stream's frames never load calls for made-up ids). */
    Optional<LiveCall> existing(UUID callId) {
        return Optional.ofNullable(live.get(callId));
    }

    /** Makes a call this node's (or returns the one already registered). */
    LiveCall register(Call c) {
        return live.computeIfAbsent(c.id(), id -> {
            LiveCall l = new LiveCall(c, c.startedAt().toInstant().plus(RING_TIMEOUT));
            for (CallStore.LobbyRow row : store.lobby(db.dsl(), id)) {
                switch (row.state()) {
                    case LiveCall.WAITING -> l.waiting.put(row.userId(), row.since().toInstant());
                    case LiveCall.ADMITTED -> l.admitted.add(row.userId());
                    default -> l.refused.add(row.userId());
                }
            }
            return l;
        });
    }

    List<LiveCall> all() {
        return List.copyOf(live.values());
    }

    void seen(UUID userId) {
        streamSeen.merge(userId, now(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Removes one peer; the last one out ends the call. */
    void drop(LiveCall l, LiveCall.Peer p) {
        if (l.peers.remove(p.peerId) == null) {
            return;
        }
        store.left(db.dsl(), p.peerId, OffsetDateTime.ofInstant(now(), java.time.ZoneOffset.UTC));
        peerRemoved(p.userId);
        if (!l.hasPeersOf(p.userId)) {
            if (l.granted.remove(p.userId) && l.call.sfuRoom() != null) {
                revoke(p.userId, l.call.sfuRoom());
            }
            boolean onlyTheCallerAnswered = l.joinedEver.size() == 1 && l.joinedEver.contains(l.call.startedBy());
            if (p.userId.equals(l.call.startedBy()) && onlyTheCallerAnswered && !l.ringSettled) {
                // The caller hung up before anyone answered: a missed call for everyone rung.
                appendMissed(l);
            }
        }
        if (l.peers.isEmpty()) {
            end(l);
        } else {
            notices.roster(l);
        }
    }

    /** Every peer of one person, and their place in the lobby. */
    void dropPerson(LiveCall l, UUID userId) {
        for (LiveCall.Peer p : l.peersOf(userId)) {
            if (!l.ended) {
                drop(l, p);
            }
        }
        if (l.waiting.remove(userId) != null && !l.ended) {
            notices.lobby(l);
        }
        if (l.ringing.remove(userId)) {
            notices.ringStopped(l.call.id(), Set.of(userId), "ended");
        }
    }

    /** Ends the call: call.missed for the rung who never answered (if not settled), call.ended, the SFU room closed. */
    void end(LiveCall l) {
        if (l.ended) {
            return;
        }
        l.ended = true;
        List<UUID> missed = l.ringSettled ? List.of() : settleRing(l, "missed");
        Set<UUID> ringingStill = new LinkedHashSet<>(l.ringing);
        l.ringing.clear();
        writer.inConversation(l.call.conversationId(), tx -> {
            if (!store.end(tx.dsl(), l.call, tx.now())) {
                return false; // another node ended it (it thought this node gone): it said so already
            }
            if (!missed.isEmpty()) {
                tx.append(l.call.conversationId(), new CallMissed(l.call.id(), l.call.startedBy(), missed));
            }
            List<UUID> participants = store.participants(tx.dsl(), l.call.id());
            tx.append(l.call.conversationId(), new CallEnded(l.call.id(), l.call.startedAt(), tx.now(), participants));
            return true;
        });
        l.peers.values().forEach(p -> peerRemoved(p.userId));
        l.peers.clear();
        live.remove(l.call.id());
        notices.ringStopped(l.call.id(), ringingStill, "ended");
        if (l.call.sfuRoom() != null) {
            for (UUID user : l.granted) {
                revoke(user, l.call.sfuRoom());
            }
            try {
                sfu.closeRoom(new SfuRoom(l.call.sfuRoom()));
            } catch (RuntimeException e) {
                log.warn("SFU room {} of call {} not closed: {}", l.call.sfuRoom(), l.call.id(), e.toString());
            }
        }
        l.granted.clear();
        notices.roster(l);
    }

    /** Stops the ring for everyone still rung and returns who missed the call (sends the ring-stopped frames). */
    private List<UUID> settleRing(LiveCall l, String reason) {
        l.ringSettled = true;
        List<UUID> missed = new ArrayList<>();
        for (UUID u : l.rung) {
            if (!l.joinedEver.contains(u) && !l.declined.contains(u)) {
                missed.add(u);
            }
        }
        notices.ringStopped(l.call.id(), Set.copyOf(l.ringing), reason);
        l.ringing.clear();
        return missed;
    }

    private void appendMissed(LiveCall l) {
        List<UUID> missed = settleRing(l, "missed");
        if (!missed.isEmpty()) {
            writer.inConversation(l.call.conversationId(), tx ->
                    tx.append(l.call.conversationId(), (ConversationEvent) new CallMissed(l.call.id(), l.call.startedBy(), missed)));
        }
    }

    /** The ring has done its job when everyone rung joined or declined: nothing can be missed any more. */
    void settleIfAnswered(LiveCall l) {
        if (!l.ringSettled && l.ringing.isEmpty()) {
            l.ringSettled = true;
        }
    }

    /** A peer of this person joined some call: the first makes them "in a call". */
    void peerAdded(UUID userId) {
        seen(userId);
        if (peerCounts.merge(userId, 1, Integer::sum) == 1) {
            inCall.set(userId, true);
        }
    }

    /** A peer of this person left some call: the last makes them no longer "in a call". */
    void peerRemoved(UUID userId) {
        Integer left = peerCounts.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
        if (left == null) {
            streamSeen.remove(userId);
            inCall.set(userId, false);
        }
    }

    /**
     * Rings that ran out become missed calls, calls nobody joined end, and people whose streams
     * have all been gone for {@link #STREAMLESS_LIMIT} leave (a stream that reconnects in time
     * keeps its person in the call). Runs every few seconds; tests call it after moving the clock.
     */
    void sweep() {
        Instant now = now();
        for (LiveCall l : all()) {
            synchronized (l) {
                if (l.ended) {
                    continue;
                }
                if (!l.ringSettled && !now.isBefore(l.ringUntil)) {
                    appendMissed(l);
                }
                for (UUID user : new LinkedHashSet<>(l.people())) {
                    if (hasStream.test(user)) {
                        streamSeen.put(user, now);
                    } else if (!now.isBefore(streamSeen.getOrDefault(user, now).plus(STREAMLESS_LIMIT))) {
                        dropPerson(l, user);
                    }
                }
                for (UUID user : new LinkedHashSet<>(l.waiting.keySet())) {
                    if (hasStream.test(user)) {
                        streamSeen.put(user, now);
                    } else if (!now.isBefore(streamSeen.getOrDefault(user, l.waiting.get(user)).plus(STREAMLESS_LIMIT))) {
                        l.waiting.remove(user);
                        streamSeen.remove(user);
                        notices.lobby(l);
                    }
                }
                if (!l.ended && l.peers.isEmpty() && l.waiting.isEmpty() && !now.isBefore(l.ringUntil)) {
                    end(l); // started, and nobody ever joined
                }
            }
        }
    }

    /**
     * A live call whose owner node is gone: nobody holds its roster any more, so it ends
     * (call.ended for its conversation, the ended roster for its members). Once in the cluster:
     * the end is a compare-and-set on the row, and only the node that made it says anything.
     */
    boolean endOrphan(Call c) {
        boolean ended = writer.inConversation(c.conversationId(), tx -> {
            if (!store.end(tx.dsl(), c, tx.now())) {
                return false;
            }
            List<UUID> participants = store.participants(tx.dsl(), c.id());
            tx.append(c.conversationId(), new CallEnded(c.id(), c.startedAt(), tx.now(), participants));
            return true;
        });
        if (!ended) {
            return false;
        }
        LiveCall gone = new LiveCall(c, now());
        gone.ended = true;
        notices.ended(gone);
        if (c.sfuRoom() != null) {
            try {
                sfu.closeRoom(new SfuRoom(c.sfuRoom()));
            } catch (RuntimeException e) {
                log.warn("SFU room {} of call {} not closed: {}", c.sfuRoom(), c.id(), e.toString());
            }
        }
        return true;
    }

    /**
     * At start on one node: calls the database still calls live have nobody left in them (the
     * roster was in memory). A cluster's node ends nothing at start: the calls of other nodes are
     * theirs, and those whose node is gone end when it is known to be gone ({@link CallsElsewhere}).
     */
    int endLeftovers() {
        if (clustered) {
            return 0;
        }
        int n = 0;
        for (Call c : store.allLive(db.dsl())) {
            LiveCall l = register(c);
            synchronized (l) {
                l.ringSettled = true;
                end(l);
            }
            n++;
        }
        return n;
    }

    void onRevoked(BiConsumer<UUID, Long> listener) {
        revoked.add(listener);
    }

    private void revoke(UUID userId, long room) {
        for (BiConsumer<UUID, Long> r : revoked) {
            try {
                r.accept(userId, room);
            } catch (RuntimeException e) {
                log.warn("revocation listener failed: {}", e.toString());
            }
        }
    }

    boolean mayJoinRoom(UUID userId, long room) {
        for (LiveCall l : all()) {
            synchronized (l) {
                if (!l.ended && l.call.sfuRoom() != null && l.call.sfuRoom() == room && l.granted.contains(userId)
                        && !l.refused.contains(userId)) {
                    return true;
                }
            }
        }
        return false;
    }
}
